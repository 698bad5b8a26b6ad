//! `openbanking.accounts.sync` and `openbanking.accounts.list`.

use crate::app::App;
use crate::domain::{BankAccountRecord, BankConnection, SyncCounts};
use crate::error::Result;
use crate::profile::Mode;
use crate::provider::OpenBankingProvider;
use crate::store::{accounts, connections, with_tx};
use serde::{Deserialize, Serialize};

/// Contract name of the account sync.
pub const SYNC: &str = "openbanking.accounts.sync";
/// Contract name of the account listing.
pub const LIST: &str = "openbanking.accounts.list";

/// Input of `openbanking.accounts.sync` (no options yet; unknown fields are refused).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct AccountsSyncInput {}

/// Output of `openbanking.accounts.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountsSyncOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// What happened to the accounts.
    pub accounts: SyncCounts,
    /// How many connections the provider reported.
    pub connections: u32,
    /// When the sync ran (RFC 3339, UTC).
    pub synced_at: String,
}

/// Input of `openbanking.accounts.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct AccountsListInput {
    /// Also list disabled and deleted accounts.
    #[serde(default)]
    pub include_inactive: bool,
}

/// Output of `openbanking.accounts.list`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountsListOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// The accounts, by institution then name; identifiers masked.
    pub accounts: Vec<BankAccountRecord>,
    /// The bank connections, by institution.
    pub connections: Vec<BankConnection>,
}

/// Reads connections and accounts from the provider and writes them in one transaction: either the whole
/// snapshot lands or nothing does.
pub async fn sync(app: &App, _input: AccountsSyncInput) -> Result<AccountsSyncOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let synced_at = app.clock().now_rfc3339();
    let provider = &app.connected().await?.provider;
    let snapshot = provider.fetch_accounts(&synced_at).await?;
    let provider_name = provider.name();
    let connection_count = snapshot.connections.len() as u32;
    let counts = app
        .store()
        .call(move |conn| {
            with_tx(conn, |tx| {
                connections::upsert(tx, &snapshot.connections)?;
                accounts::replace_provider_accounts(tx, provider_name, &snapshot.accounts)
            })
        })
        .await?;
    tracing::info!(
        inserted = counts.inserted,
        updated = counts.updated,
        unchanged = counts.unchanged,
        removed = counts.removed,
        connections = connection_count,
        "accounts synced"
    );
    Ok(AccountsSyncOutput { mode: app.mode(), accounts: counts, connections: connection_count, synced_at })
}

/// Lists stored accounts and connections; never touches the network.
pub async fn list(app: &App, input: AccountsListInput) -> Result<AccountsListOutput> {
    let (accounts, connections) = app
        .store()
        .call(move |conn| Ok((accounts::list(conn, input.include_inactive)?, connections::list(conn)?)))
        .await?;
    Ok(AccountsListOutput { mode: app.mode(), accounts, connections })
}
