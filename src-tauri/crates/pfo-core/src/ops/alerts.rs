//! `pfo.alerts.list`: the alerts about the bank connections as the store has them now ([`crate::alerts`]).

use crate::alerts::Alert;
use crate::app::App;
use crate::error::Result;
use crate::ops::NoInput;
use crate::store::connections;
use serde::Serialize;

/// The alerts, and whether any needs someone.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlertsOutput {
    /// Every alert, those that need someone first.
    pub alerts: Vec<Alert>,
    /// Whether one needs someone (`pfo alerts` exits 2 then).
    pub needs_action: bool,
}

/// `pfo.alerts.list`.
pub async fn list(app: &App, _: NoInput) -> Result<AlertsOutput> {
    let stored = app.store().call(|conn| connections::list(conn)).await?;
    let mut alerts = crate::alerts::of(&stored, app.clock().now());
    alerts.sort_by_key(|alert| !alert.needs_action);
    let needs_action = alerts.iter().any(|alert| alert.needs_action);
    Ok(AlertsOutput { alerts, needs_action })
}
