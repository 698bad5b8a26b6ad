//! `openbanking.connections.sync`: asks the provider to sync one bank connection now (Powens' forced sync), on the
//! user's explicit request, and stores the state the provider answers with. Run by the workflow
//! `pfo.workflow.sync-bank-connection`, so the guardrail, the run history and telemetry apply to it like to Refresh.

use crate::app::App;
use crate::domain::{BankConnection, ConnectionId};
use crate::error::Result;
use crate::provider::OpenBankingProvider;
use crate::store::{connections, with_tx};
use serde::{Deserialize, Serialize};

/// Contract name of the forced connection sync.
pub const SYNC: &str = "openbanking.connections.sync";

/// Input of `openbanking.connections.sync`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionSyncInput {
    /// The provider's connection id, as `pfo accounts list --json` shows it.
    pub connection_id: String,
}

/// Output of `openbanking.connections.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionSyncOutput {
    /// The connection as the provider reports it after the request.
    pub connection: BankConnection,
}

/// Asks the provider to sync `connection_id` now and stores its reported state.
pub async fn sync(app: &App, input: ConnectionSyncInput) -> Result<ConnectionSyncOutput> {
    let connection_id = ConnectionId::parse("connectionId", &input.connection_id)?;
    let _one_at_a_time = app.sync_guard().await;
    let provider = &app.connected().await?.provider;
    let connection = provider.force_sync(connection_id.as_str(), app.clock().timestamp()).await?;
    let stored = connection.clone();
    app.store().call(move |conn| with_tx(conn, |tx| connections::upsert(tx, std::slice::from_ref(&stored)))).await?;
    Ok(ConnectionSyncOutput { connection })
}
