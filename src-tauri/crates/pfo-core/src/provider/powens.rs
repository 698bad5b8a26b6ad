//! `PowensOpenBankingProvider`: the Powens API, through `powens-client`, as an [`OpenBankingProvider`].

use super::{map, AccountsSnapshot, OpenBankingProvider, TransactionBatch, TransactionPages};
use crate::domain::AccountBalanceRecord;
use crate::error::Result;
use std::collections::HashMap;

/// Transactions per Powens page: the documented maximum, so a full history takes the fewest calls.
const PAGE_SIZE: u32 = 1000;

/// Reads a household's Powens user. Holds a client that already carries the user's token.
#[derive(Debug, Clone)]
pub struct PowensOpenBankingProvider {
    client: powens_client::Client,
}

impl PowensOpenBankingProvider {
    /// Name used in canonical ids and the store.
    pub const NAME: &'static str = "powens";

    /// Wraps a client that carries the household's user token.
    pub fn new(client: powens_client::Client) -> Self {
        Self { client }
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
        Ok(Some(TransactionBatch { records, high_water }))
    }
}

impl OpenBankingProvider for PowensOpenBankingProvider {
    type Pages = PowensTransactionPages;

    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn transactions(&self, since: Option<String>, currencies: HashMap<String, String>, synced_at: &str) -> Result<Self::Pages> {
        let query = powens_client::TransactionQuery { limit: PAGE_SIZE, last_update: since, include_deleted: true, ..Default::default() };
        Ok(PowensTransactionPages { pager: self.client.transactions(&query)?, currencies, synced_at: synced_at.to_string() })
    }

    async fn fetch_balances(&self, as_of: &str) -> Result<Vec<AccountBalanceRecord>> {
        let accounts = self.client.list_accounts(false).await?.accounts;
        map::balances(&accounts, as_of)
    }

    async fn fetch_accounts(&self, synced_at: &str) -> Result<AccountsSnapshot> {
        let connections = self.client.list_connections().await?.connections;
        // `?all`: disabled and deleted accounts too, so the store can show them as such instead of guessing.
        let accounts = self.client.list_accounts(true).await?.accounts;
        map::accounts_snapshot(&connections, &accounts, synced_at)
    }
}
