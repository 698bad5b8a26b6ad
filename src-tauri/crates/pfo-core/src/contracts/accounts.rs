//! `openbanking.accounts.sync` and `openbanking.accounts.list`.

use crate::app::App;
use crate::domain::{BankAccountRecord, BankConnection, SyncCounts, Timestamp};
use crate::error::Result;
use crate::profile::Mode;
use crate::store::{accounts, connections};
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
    /// When the sync ran.
    pub synced_at: Timestamp,
}

/// Input of `openbanking.accounts.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct AccountsListInput {
    /// Also list disabled and deleted accounts.
    #[serde(default)]
    pub include_inactive: bool,
    /// Only the accounts this owner holds a part of today (directly or through entities).
    #[serde(default)]
    pub view: Option<crate::domain::OwnerId>,
    /// Which rights the view counts besides full ownership; usufruct by default.
    #[serde(default)]
    pub basis: Option<crate::domain::Basis>,
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
    /// Each active account listed with its owners today and the view's part of it (the whole for the household).
    pub ownership: Vec<crate::household::view::AccountShare>,
}

/// Reads connections and accounts from the provider and stores them (see [`crate::sync::accounts`]).
pub async fn sync(app: &App, _input: AccountsSyncInput) -> Result<AccountsSyncOutput> {
    crate::sync::accounts::run(app).await
}

/// Lists stored accounts and connections; never touches the network.
pub async fn list(app: &App, input: AccountsListInput) -> Result<AccountsListOutput> {
    let today = app.clock().now().date_naive();
    let (accounts, connections, ownership) = app
        .store()
        .call(move |conn| {
            let basis = input.basis.unwrap_or(crate::domain::Basis::Usufruct);
            let view = crate::ops::household::view_on(conn, input.view.as_ref(), today, today, basis)?;
            let mut accounts = accounts::list(conn, input.include_inactive)?;
            if input.view.is_some() {
                accounts.retain(|a| view.accounts.iter().any(|share| share.account_id == a.id));
            }
            Ok((accounts, connections::list(conn)?, view.accounts))
        })
        .await?;
    let connections = connections.into_iter().map(|c| c.as_of(today)).collect();
    Ok(AccountsListOutput { mode: app.mode(), accounts, connections, ownership })
}
