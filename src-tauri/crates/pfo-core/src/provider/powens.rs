//! `PowensOpenBankingProvider`: the Powens API, through `powens-client`, as an [`OpenBankingProvider`].
//!
//! Powens may stop accepting the household's token at any call (expired, revoked, rotated elsewhere). Every call
//! then renews it once and is made again with the new one: whole-list calls through `with_renewal`, and each
//! transaction page in [`PowensTransactionPages`], which retries the page that was refused (a long history spans
//! many pages, and a token refused on page 7 must not fail a sync that read six).

use crate::domain::Timestamp;
use super::{map, AccountsSnapshot, OpenBankingProvider, TransactionBatch, TransactionPages};
use super::factory::TokenRenewer;
use crate::domain::{AccountBalanceRecord, ConnectionRequest};
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
                let token = self.renew_token().await?;
                Ok(call(self.client().with_token(token)).await?)
            }
            other => Ok(other?),
        }
    }

    /// A call to a feature Powens activates per domain: `None` when the domain does not have it (checked before a
    /// refusal is read as an expired token, so a missing feature costs no token renewal).
    async fn optional_feature<T, F, Fut>(&self, call: F) -> Result<Option<T>>
    where
        F: Fn(powens_client::Client) -> Fut,
        Fut: std::future::Future<Output = std::result::Result<T, powens_client::Error>>,
    {
        let unavailable = |error: &powens_client::Error| error.is_feature_unavailable();
        match call(self.client()).await {
            Ok(value) => Ok(Some(value)),
            Err(error) if unavailable(&error) => Ok(None),
            Err(error) if error.is_invalid_token() => {
                let token = self.renew_token().await?;
                match call(self.client().with_token(token)).await {
                    Ok(value) => Ok(Some(value)),
                    Err(error) if unavailable(&error) => Ok(None),
                    Err(error) => Err(error.into()),
                }
            }
            Err(error) => Err(error.into()),
        }
    }

    /// A new token for the household (saved by the renewer), carried from now on by every call of this provider.
    async fn renew_token(&self) -> Result<secrecy::SecretString> {
        let current = self.client();
        let token = self.renewer.renew(&current).await?;
        *self.client.write().expect("client lock") = current.with_token(token.clone());
        Ok(token)
    }
}

/// Powens transaction pages, mapped to canonical records as they arrive.
#[derive(Debug)]
pub struct PowensTransactionPages {
    pager: powens_client::TransactionPager,
    /// The provider the pages come from: it renews the token, and keeps the new one for its later calls.
    provider: PowensOpenBankingProvider,
    currencies: HashMap<String, String>,
    synced_at: Timestamp,
}

impl TransactionPages for PowensTransactionPages {
    async fn next_batch(&mut self) -> Result<Option<TransactionBatch>> {
        let page = match self.pager.next_page().await {
            // The pager stays on the refused page: renewed once, the same page is asked again; a second refusal
            // (the renewed token refused too) ends the sync with it.
            Err(error) if error.is_invalid_token() => {
                tracing::info!(pages_read = self.pager.pages_read(), "Powens refused the token mid-listing; renewing it");
                let token = self.provider.renew_token().await?;
                self.pager.renew_token(token);
                self.pager.next_page().await?
            }
            other => other?,
        };
        let Some(page) = page else { return Ok(None) };
        let records = map::transactions(&page.transactions, &self.currencies, self.synced_at)?;
        let high_water = page.transactions.iter().filter_map(|t| t.last_update.clone()).max();
        Ok(Some(TransactionBatch { records, high_water, next_page: self.pager.next_url().map(str::to_string) }))
    }
}

impl OpenBankingProvider for PowensOpenBankingProvider {
    type Pages = PowensTransactionPages;

    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn transactions(&self, since: Option<String>, currencies: HashMap<String, String>, synced_at: Timestamp, resume_from: Option<&str>) -> Result<Self::Pages> {
        let pager = match resume_from {
            Some(next) => self.client().transactions_from(next)?,
            None => {
                let query = powens_client::TransactionQuery { limit: PAGE_SIZE, last_update: since, include_deleted: true, ..Default::default() };
                self.client().transactions(&query)?
            }
        };
        Ok(PowensTransactionPages { pager, provider: self.clone(), currencies, synced_at })
    }

    async fn request_sync(&self, connection: &str, request: ConnectionRequest, synced_at: Timestamp) -> Result<crate::domain::BankConnection> {
        let id: i64 = connection
            .parse()
            .map_err(|_| crate::error::Error::InvalidInput { field: "connectionId".into(), reason: "is not a Powens connection id".into() })?;
        let wire = self
            .with_renewal(|client| async move {
                match request {
                    // The user is there: the bank may ask for a strong authentication.
                    ConnectionRequest::Sync => client.sync_connection(id, true).await,
                    ConnectionRequest::Renew => client.update_connection(id, powens_client::ConnectionUpdate::RefreshAuth).await,
                    ConnectionRequest::Resume => client.update_connection(id, powens_client::ConnectionUpdate::Resume).await,
                }
            })
            .await?;
        Ok(map::connection(&wire, synced_at))
    }

    async fn fetch_balances(&self, as_of: Timestamp) -> Result<Vec<AccountBalanceRecord>> {
        let accounts = self.with_renewal(|client| async move { client.list_accounts(false).await }).await?.accounts;
        map::balances(&accounts, as_of)
    }

    async fn fetch_investments(&self, currencies: &HashMap<String, String>, synced_at: Timestamp) -> Result<Option<Vec<crate::domain::InvestmentPositionRecord>>> {
        match self.optional_feature(|client| async move { client.list_investments().await }).await? {
            Some(list) => map::investments(&list.investments, currencies, synced_at).map(Some),
            None => Ok(None),
        }
    }

    async fn fetch_market_orders(&self, currencies: &HashMap<String, String>, synced_at: Timestamp) -> Result<Option<Vec<crate::domain::MarketOrderRecord>>> {
        match self.optional_feature(|client| async move { client.list_market_orders().await }).await? {
            Some(list) => map::market_orders(&list.marketorders, currencies, synced_at).map(Some),
            None => Ok(None),
        }
    }

    async fn fetch_loan_schedules(&self, synced_at: Timestamp) -> Result<Option<Vec<crate::domain::LoanPeriod>>> {
        match self.optional_feature(|client| async move { client.list_amortizations().await }).await? {
            Some(list) => map::loan_periods(&list.loanamortizations, synced_at).map(Some),
            None => Ok(None),
        }
    }

    async fn fetch_accounts(&self, synced_at: Timestamp) -> Result<AccountsSnapshot> {
        let connections = self.with_renewal(|client| async move { client.list_connections().await }).await?.connections;
        // `?all`: disabled and deleted accounts too, so the store can show them as such instead of guessing.
        let accounts = self.with_renewal(|client| async move { client.list_accounts(true).await }).await?.accounts;
        let mut snapshot = map::accounts_snapshot(&connections, &accounts, synced_at)?;
        snapshot.loans = map::loan_terms(&accounts, synced_at);
        snapshot.holders = match self.with_renewal(|client| async move { client.list_account_ownerships(true).await }).await {
            Ok(list) => Some(map::holders(&list.account_ownerships)),
            Err(error) => {
                // Not activated on the domain (Powens answers 403 or 404), or failing today: the accounts stand
                // without it, and the proposals already received are kept.
                tracing::info!(code = %error.code(), "account ownerships unavailable; accounts synced without them");
                None
            }
        };
        Ok(snapshot)
    }
}

#[cfg(test)]
mod tests {
    use super::super::factory::{build_powens_provider, PowensSettings, TokenSlot};
    use super::*;
    use powens_sandbox::{start, LedgerConfig, SandboxConfig};

    /// A provider for a fresh household on `sandbox`; the token lives in memory only (no keyring needed).
    async fn provider(sandbox: &powens_sandbox::RunningSandbox) -> PowensOpenBankingProvider {
        let settings = PowensSettings {
            base_url: sandbox.base_url().to_string(),
            client_id: sandbox.client_id().to_string(),
            client_secret: secrecy::SecretString::from(sandbox.client_secret()),
            api_key: None,
        };
        build_powens_provider(&settings, &TokenSlot::Ephemeral).await.unwrap()
    }

    #[tokio::test]
    async fn a_token_revoked_between_transaction_pages_is_renewed_and_the_listing_reads_everything() {
        let config = SandboxConfig { seed: 41, ledger: LedgerConfig { transactions: 2_500, years: 1 }, ..SandboxConfig::default() };
        let sandbox = start(config).await.unwrap();
        let provider = provider(&sandbox).await;
        let snapshot = provider.fetch_accounts(crate::domain::time::at("2026-11-25T10:00:00Z")).await.unwrap();
        let currencies = snapshot.accounts.iter().map(|a| (a.id.external().to_string(), a.currency.to_string())).collect();

        let mut pages = provider.transactions(None, currencies, crate::domain::time::at("2026-11-25T10:00:00Z"), None).unwrap();
        let mut ids: Vec<String> = pages.next_batch().await.unwrap().unwrap().records.into_iter().map(|r| r.id.to_string()).collect();
        assert_eq!(ids.len(), PAGE_SIZE as usize, "a first, full page");
        // Powens forgets every token between two pages: the page after is refused once, then read with a new one.
        sandbox.revoke_all_tokens();
        while let Some(batch) = pages.next_batch().await.unwrap() {
            ids.extend(batch.records.into_iter().map(|r| r.id.to_string()));
        }
        let mut truth: Vec<String> = sandbox.transactions().iter().map(|t| format!("powens:{}", t.id)).collect();
        ids.sort();
        truth.sort();
        assert_eq!(ids, truth, "every transaction read once, none skipped after the renewal");

        // The provider itself carries the renewed token: its next call is answered at once.
        let before = sandbox.request_count();
        provider.bank_connection_count().await.unwrap();
        assert_eq!(sandbox.request_count() - before, 1, "no second renewal");
    }

    #[tokio::test]
    async fn a_page_refused_again_after_the_renewal_fails_with_the_refusal() {
        use powens_sandbox::faults::{Fault, FaultKind};
        let config = SandboxConfig { seed: 42, ledger: LedgerConfig { transactions: 200, years: 1 }, ..SandboxConfig::default() };
        let sandbox = start(config).await.unwrap();
        let provider = provider(&sandbox).await;
        let snapshot = provider.fetch_accounts(crate::domain::time::at("2026-11-25T10:00:00Z")).await.unwrap();
        let currencies = snapshot.accounts.iter().map(|a| (a.id.external().to_string(), a.currency.to_string())).collect();
        sandbox.inject(Fault::always(FaultKind::Status { status: 401 }).on_path("/transactions"));
        let mut pages = provider.transactions(None, currencies, crate::domain::time::at("2026-11-25T10:00:00Z"), None).unwrap();
        let before = sandbox.request_count();
        let error = pages.next_batch().await.unwrap_err();
        assert_eq!(error.code(), "powens.reauth_required");
        assert_eq!(sandbox.request_count() - before, 3, "the page, one renewal, the page again: renewed once, not in a loop");
    }
}
