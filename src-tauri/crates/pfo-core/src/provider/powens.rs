//! `PowensOpenBankingProvider`: the Powens API, through `powens-client`, as an [`OpenBankingProvider`].

use super::{map, AccountsSnapshot, OpenBankingProvider, TransactionBatch, TransactionPages};
use super::factory::TokenRenewer;
use crate::domain::AccountBalanceRecord;
use crate::error::Result;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Transactions per Powens page: the documented maximum, so a full history takes the fewest calls.
const PAGE_SIZE: u32 = 1000;

/// Reads a household's Powens user. Holds a client that carries the user's token, swapped for a renewed one when
/// Powens stops accepting it.
#[derive(Debug, Clone)]
pub struct PowensOpenBankingProvider {
    client: Arc<RwLock<powens_client::Client>>,
    renewer: TokenRenewer,
}

impl PowensOpenBankingProvider {
    /// Name used in canonical ids and the store.
    pub const NAME: &'static str = "powens";

    /// Wraps a client that carries the household's user token.
    pub fn new(client: powens_client::Client, renewer: TokenRenewer) -> Self {
        Self { client: Arc::new(RwLock::new(client)), renewer }
    }

    /// A single-use code for the connect webview, and the client id and API root the link must name.
    pub async fn webview_hand_off(&self) -> Result<(secrecy::SecretString, String, String)> {
        let code = self.with_renewal(|client| async move { client.temporary_code(true).await }).await?;
        Ok((code, self.renewer.client_id().to_string(), self.client().base_url().to_string()))
    }

    /// The household's supplemental Powens API key, if stored. Held for an endpoint that needs one; none of the
    /// endpoints this provider calls does, so it is never sent (see [`super::factory::PowensSettings::api_key`]).
    pub fn supplemental_api_key(&self) -> Option<&secrecy::SecretString> {
        self.renewer.api_key()
    }

    /// Revokes the household's token at Powens (disconnect).
    pub async fn revoke(&self) -> Result<()> {
        Ok(self.client().revoke_token().await?)
    }

    /// How many bank connections the household's Powens user has (also proves the token works).
    pub async fn bank_connection_count(&self) -> Result<usize> {
        Ok(self.with_renewal(|client| async move { client.list_connections().await }).await?.connections.len())
    }

    fn client(&self) -> powens_client::Client {
        self.client.read().expect("client lock").clone()
    }

    /// Runs `call`; if Powens refuses the token, renews it once and runs `call` again.
    async fn with_renewal<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: Fn(powens_client::Client) -> Fut,
        Fut: std::future::Future<Output = std::result::Result<T, powens_client::Error>>,
    {
        match call(self.client()).await {
            Err(error) if error.is_invalid_token() => {
                let current = self.client();
                let token = self.renewer.renew(&current).await?;
                let renewed = current.with_token(token);
                *self.client.write().expect("client lock") = renewed.clone();
                Ok(call(renewed).await?)
            }
            other => Ok(other?),
        }
    }
}

/// Powens transaction pages, mapped to canonical records as they arrive.
#[derive(Debug)]
pub struct PowensTransactionPages {
    pager: powens_client::TransactionPager,
    currencies: HashMap<String, String>,
    synced_at: String,
}

impl TransactionPages for PowensTransactionPages {
    async fn next_batch(&mut self) -> Result<Option<TransactionBatch>> {
        let Some(page) = self.pager.next_page().await? else { return Ok(None) };
        let records = map::transactions(&page.transactions, &self.currencies, &self.synced_at)?;
        let high_water = page.transactions.iter().filter_map(|t| t.last_update.clone()).max();
        Ok(Some(TransactionBatch { records, high_water, next_page: self.pager.next_url().map(str::to_string) }))
    }
}

impl OpenBankingProvider for PowensOpenBankingProvider {
    type Pages = PowensTransactionPages;

    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn transactions(&self, since: Option<String>, currencies: HashMap<String, String>, synced_at: &str, resume_from: Option<&str>) -> Result<Self::Pages> {
        let pager = match resume_from {
            Some(next) => self.client().transactions_from(next)?,
            None => {
                let query = powens_client::TransactionQuery { limit: PAGE_SIZE, last_update: since, include_deleted: true, ..Default::default() };
                self.client().transactions(&query)?
            }
        };
        Ok(PowensTransactionPages { pager, currencies, synced_at: synced_at.to_string() })
    }

    async fn force_sync(&self, connection: &str, synced_at: &str) -> Result<crate::domain::BankConnection> {
        let id: i64 = connection
            .parse()
            .map_err(|_| crate::error::Error::InvalidInput { field: "connectionId".into(), reason: "is not a Powens connection id".into() })?;
        let wire = self.with_renewal(|client| async move { client.sync_connection(id, true).await }).await?;
        Ok(map::connection(&wire, synced_at))
    }

    async fn fetch_balances(&self, as_of: &str) -> Result<Vec<AccountBalanceRecord>> {
        let accounts = self.with_renewal(|client| async move { client.list_accounts(false).await }).await?.accounts;
        map::balances(&accounts, as_of)
    }

    async fn fetch_accounts(&self, synced_at: &str) -> Result<AccountsSnapshot> {
        let connections = self.with_renewal(|client| async move { client.list_connections().await }).await?.connections;
        // `?all`: disabled and deleted accounts too, so the store can show them as such instead of guessing.
        let accounts = self.with_renewal(|client| async move { client.list_accounts(true).await }).await?.accounts;
        map::accounts_snapshot(&connections, &accounts, synced_at)
    }
}
