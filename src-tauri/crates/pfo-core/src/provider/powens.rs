//! `PowensOpenBankingProvider`: the Powens API, through `powens-client`, as an [`OpenBankingProvider`].

use super::{map, AccountsSnapshot, OpenBankingProvider};
use crate::error::Result;

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

impl OpenBankingProvider for PowensOpenBankingProvider {
    fn name(&self) -> &'static str {
        Self::NAME
    }

    async fn fetch_accounts(&self, synced_at: &str) -> Result<AccountsSnapshot> {
        let connections = self.client.list_connections().await?.connections;
        // `?all`: disabled and deleted accounts too, so the store can show them as such instead of guessing.
        let accounts = self.client.list_accounts(true).await?.accounts;
        map::accounts_snapshot(&connections, &accounts, synced_at)
    }
}
