//! The alert centre's operations: `pfo.alerts.list` (the alerts standing now, by the household's settings),
//! `pfo.alerts.settings.get` / `.set`, `pfo.alerts.history`; and [`record`], which every refresh runs at its end
//! to keep the history and say which alerts are new (the notifications to show). The rules are [`crate::alerts`].

use crate::alerts::{self, money, Alert, AlertSettings, Notice};
use crate::app::App;
use crate::error::Result;
use crate::ops::NoInput;
use crate::store::alerts::{self as stored, AlertOccurrence};
use crate::store::{connections, rates, with_tx};
use chrono::{DateTime, Days, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

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

/// Every alert standing at `now`, by the household's settings, in the centre's order.
fn standing(conn: &Connection, now: DateTime<Utc>) -> Result<(Vec<Alert>, AlertSettings)> {
    let settings = stored::settings(conn)?;
    let mut found = alerts::connections::of(&connections::list(conn)?, &settings, now);
    let today = now.date_naive();
    if settings.large_movement.is_some() || settings.low_balance.is_some() {
        let table = crate::fx::RateTable::new(&rates::base_currency(conn)?, &rates::list_rates(conn)?);
        if let Some(threshold) = settings.large_movement {
            let since = today.checked_sub_days(Days::new(money::MOVEMENT_DAYS)).unwrap_or(today);
            found.extend(money::large_movements(&stored::movements_since(conn, since)?, threshold, &table));
        }
        if let Some(threshold) = settings.low_balance {
            found.extend(money::low_balances(&stored::current_account_balances(conn)?, threshold, &table, today));
        }
    }
    if settings.balance_mismatch {
        let since = (now - chrono::Duration::days(money::RECONCILE_DAYS)).naive_utc();
        found.extend(money::mismatches(&stored::reconciliations(conn, since)?));
    }
    alerts::sort(&mut found);
    Ok((found, settings))
}

/// `pfo.alerts.list`.
pub async fn list(app: &App, _: NoInput) -> Result<AlertsOutput> {
    let now = app.clock().now();
    let (alerts, _) = app.store().call(move |conn| standing(conn, now)).await?;
    let needs_action = alerts.iter().any(|alert| alert.needs_action);
    Ok(AlertsOutput { alerts, needs_action })
}

/// `pfo.alerts.settings.get`.
pub async fn settings(app: &App, _: NoInput) -> Result<AlertSettings> {
    app.store().call(|conn| stored::settings(conn)).await
}

/// `pfo.alerts.settings.set`: validates and saves; returns them as saved.
pub async fn set_settings(app: &App, input: AlertSettings) -> Result<AlertSettings> {
    let settings = input.validated()?;
    let saved = settings.clone();
    app.store().call(move |conn| stored::save_settings(conn, &saved)).await?;
    Ok(settings)
}

/// Input of `pfo.alerts.history`.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct AlertHistoryInput {
    /// How many occurrences, newest first (1 to 1,000; 100 when left out).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// `pfo.alerts.history`: every time an alert was raised, newest first, with when it cleared.
pub async fn history(app: &App, input: AlertHistoryInput) -> Result<Vec<AlertOccurrence>> {
    let limit = crate::ops::history::limit_within(input.limit, 100, 1000)?;
    app.store().call(move |conn| stored::history(conn, limit)).await
}

/// Records the alerts standing now in the history (a refresh's last step) and returns the notifications for the
/// new ones (none when the household switched notifications off).
pub async fn record(app: &App) -> Result<Vec<Notice>> {
    let now = app.clock().now();
    app.store()
        .call(move |conn| {
            let (standing, settings) = standing(conn, now)?;
            let raised = with_tx(conn, |tx| stored::record(tx, &standing, now.into()))?;
            Ok(if settings.notify { raised.iter().map(Alert::notice).collect() } else { Vec::new() })
        })
        .await
}
