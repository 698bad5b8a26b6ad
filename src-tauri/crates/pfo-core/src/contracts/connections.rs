//! `openbanking.connections.sync`: on the user's explicit request, asks the provider to sync one bank connection
//! now (Powens' forced sync), to renew its consent before it ends (`refresh_auth`), or to resume it once the access
//! was approved in the banking app; stores the state the provider answers with, and says what comes next (the
//! connection's action: `reconnect` when the bank wants its strong authentication in the webview, `resume` when it
//! waits for the banking app). Run by the workflow `pfo.workflow.sync-bank-connection`, so the guardrail, the run
//! history and telemetry apply to it like to Refresh.

use crate::app::App;
use crate::domain::{BankConnection, ConnectionId, ConnectionRequest};
use crate::error::Result;
use crate::provider::OpenBankingProvider;
use crate::store::{connections, with_tx};
use serde::{Deserialize, Serialize};

/// Contract name of the requested connection sync.
pub const SYNC: &str = "openbanking.connections.sync";

/// Input of `openbanking.connections.sync`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionSyncInput {
    /// The provider's connection id, as `pfo accounts list --json` shows it.
    pub connection_id: String,
    /// What to ask of it (a plain sync when left out).
    #[serde(default)]
    pub request: Option<ConnectionRequest>,
}

/// Output of `openbanking.connections.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionSyncOutput {
    /// What was asked.
    pub request: ConnectionRequest,
    /// The connection as the provider reports it after the request, with the action it now calls for.
    pub connection: BankConnection,
}

/// Asks the provider for `request` on `connection_id` and stores its reported state.
pub async fn sync(app: &App, input: ConnectionSyncInput) -> Result<ConnectionSyncOutput> {
    let connection_id = ConnectionId::parse("connectionId", &input.connection_id)?;
    let request = input.request.unwrap_or(ConnectionRequest::Sync);
    let _one_at_a_time = app.sync_guard().await;
    let provider = &app.connected().await?.provider;
    let connection = provider.request_sync(connection_id.as_str(), request, app.clock().timestamp()).await?;
    let stored = connection.clone();
    app.store().call(move |conn| with_tx(conn, |tx| connections::upsert(tx, std::slice::from_ref(&stored)))).await?;
    Ok(ConnectionSyncOutput { request, connection: connection.as_of(app.clock().now().date_naive()) })
}
