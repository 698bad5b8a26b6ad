//! The alert centre's tables: the household's [`AlertSettings`] (`household_settings`, key `alerts`), what the money
//! alerts read (recent movements, current balances, each account's balances of the last weeks beside its booked
//! transactions), and `alert_history`: one row per time an alert was raised, seen again, and cleared, so the centre
//! can show what happened and the app notifies each alert once.

use super::amounts::decimal;
use super::rates::{set_setting, setting};
use crate::alerts::money::{AccountRef, BalancePoint, CurrentBalance, Movement, Reconciliation};
use crate::alerts::{Alert, AlertKind, AlertSettings};
use crate::domain::{AccountId, Timestamp};
use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, Connection, Row};
use serde::Serialize;
use std::collections::HashSet;

const SETTINGS_KEY: &str = "alerts";

/// The household's alert settings (the defaults until it changes them).
pub fn settings(connection: &Connection) -> Result<AlertSettings> {
    match setting(connection, SETTINGS_KEY)? {
        None => Ok(AlertSettings::default()),
        Some(json) => serde_json::from_str(&json).map_err(|_| Error::Unreadable {
            what: "the alert settings (household_settings.alerts)".into(),
            fix: "save them again in Settings → Alerts",
        }),
    }
}

/// Saves the alert settings.
pub fn save_settings(connection: &Connection, settings: &AlertSettings) -> Result<()> {
    let json = serde_json::to_string(settings).map_err(|e| Error::Task(format!("the alert settings did not serialize: {e}")))?;
    set_setting(connection, SETTINGS_KEY, &json)
}

/// The account columns every money query reads first: id, name, connection, bank, currency.
const ACCOUNT: &str = "a.provider, a.external_id, a.name, a.connection_external_id, a.institution, a.currency";

fn account_ref(row: &Row<'_>) -> rusqlite::Result<AccountRef> {
    let provider: String = row.get(0)?;
    let external: String = row.get(1)?;
    Ok(AccountRef { id: AccountId::new(&provider, &external), name: row.get(2)?, connection_id: row.get(3)?, institution: row.get(4)?, currency: row.get(5)? })
}

/// Booked movements of active accounts from `since` on.
pub fn movements_since(connection: &Connection, since: NaiveDate) -> Result<Vec<Movement>> {
    let sql = format!(
        "SELECT {ACCOUNT}, t.id, t.booked_on, t.amount FROM transactions t JOIN accounts a ON a.id = t.account_id
         WHERE t.status = 'booked' AND a.status = 'active' AND t.booked_on >= :since ORDER BY t.booked_on, t.id"
    );
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the recent movements"))?;
    let rows = statement
        .query_map(named_params! { ":since": since }, |row| Ok(Movement { account: account_ref(row)?, row: row.get(6)?, booked_on: row.get(7)?, amount: decimal(row, 8)? }))
        .map_err(Error::storage("reading the recent movements"))?;
    rows.collect::<rusqlite::Result<_>>().map_err(Error::storage("reading the recent movements"))
}

/// The balance of every active current account (as last synced).
pub fn current_account_balances(connection: &Connection) -> Result<Vec<CurrentBalance>> {
    let sql = format!("SELECT {ACCOUNT}, a.balance FROM accounts a WHERE a.status = 'active' AND a.account_type = 'checking' AND a.balance IS NOT NULL ORDER BY a.id");
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the current balances"))?;
    let rows = statement
        .query_map([], |row| Ok(CurrentBalance { account: account_ref(row)?, balance: decimal(row, 6)? }))
        .map_err(Error::storage("reading the current balances"))?;
    rows.collect::<rusqlite::Result<_>>().map_err(Error::storage("reading the current balances"))
}

/// For each active account with at least two balances read from `since` on (dated by the bank: a balance read
/// while a connection stood still is the bank's older figure), the first of them and the latest, each beside the
/// sums of the booked transactions from the first one's day up to its own day, and before it (the transactions
/// before the window shift every reading alike, so they need not be summed).
pub fn reconciliations(connection: &Connection, since: NaiveDateTime) -> Result<Vec<Reconciliation>> {
    let sql = format!(
        "WITH readings AS (
             SELECT account_id, amount, substr(replace(COALESCE(bank_updated_at, as_of), 'T', ' '), 1, 19) AS read_at
             FROM account_balances WHERE balance_type = 'current'
         ), ends AS (
             SELECT account_id, MIN(read_at) AS first_at, MAX(read_at) AS latest_at FROM readings
             WHERE read_at >= :since GROUP BY account_id HAVING MIN(read_at) < MAX(read_at)
         ), points AS (
             SELECT r.account_id, r.read_at, MIN(r.amount) AS amount, r.read_at = e.first_at AS is_first,
                 (SELECT COALESCE(SUM(t.amount_e4), 0) FROM transactions t WHERE t.account_id = r.account_id AND t.status = 'booked'
                     AND t.booked_on >= substr(e.first_at, 1, 10) AND t.booked_on <= substr(r.read_at, 1, 10)) AS through_e4,
                 (SELECT COALESCE(SUM(t.amount_e4), 0) FROM transactions t WHERE t.account_id = r.account_id AND t.status = 'booked'
                     AND t.booked_on >= substr(e.first_at, 1, 10) AND t.booked_on < substr(r.read_at, 1, 10)) AS before_e4
             FROM readings r JOIN ends e ON e.account_id = r.account_id
             WHERE r.read_at IN (e.first_at, e.latest_at) GROUP BY r.account_id, r.read_at
         )
         SELECT {ACCOUNT}, p.read_at, p.amount, p.through_e4, p.before_e4, p.is_first
         FROM points p JOIN accounts a ON a.id = p.account_id WHERE a.status = 'active'
         ORDER BY a.id, p.read_at"
    );
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the balance reconciliation"))?;
    let e4 = |units: i64| rust_decimal::Decimal::new(units, 4);
    let rows = statement
        .query_map(named_params! { ":since": since.format("%Y-%m-%d %H:%M:%S").to_string() }, |row| {
            let read_at: String = row.get(6)?;
            let as_of = NaiveDateTime::parse_from_str(&read_at, "%Y-%m-%d %H:%M:%S")
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e)))?;
            let point = BalancePoint { as_of, balance: decimal(row, 7)?, through_day: e4(row.get(8)?), before_day: e4(row.get(9)?) };
            Ok((account_ref(row)?, point, row.get::<_, bool>(10)?))
        })
        .map_err(Error::storage("reading the balance reconciliation"))?;
    let mut found: Vec<Reconciliation> = Vec::new();
    for row in rows {
        let (account, point, is_first) = row.map_err(Error::storage("reading the balance reconciliation"))?;
        match found.last_mut() {
            Some(last) if last.account.id == account.id && !is_first => last.latest = point,
            _ => found.push(Reconciliation { account, first: point, latest: point }),
        }
    }
    Ok(found)
}

/// One time an alert was raised, as the centre's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlertOccurrence {
    /// Its row id.
    pub id: i64,
    /// What it was about.
    pub kind: AlertKind,
    /// Whether it needed someone.
    pub needs_action: bool,
    /// Its latest wording.
    pub message: String,
    /// When it was first raised.
    pub raised_at: Timestamp,
    /// When a refresh last found it.
    pub last_seen_at: Timestamp,
    /// When it stopped (`null`: it still stands).
    pub cleared_at: Option<Timestamp>,
}

/// Records the alerts standing `now`: a new one opens an occurrence (and is returned: it is what to notify), one
/// already open is seen again with its latest wording, and an open one no longer standing is cleared.
pub fn record(tx: &Connection, standing: &[Alert], now: Timestamp) -> Result<Vec<Alert>> {
    let open: HashSet<String> = {
        let mut statement = tx.prepare_cached("SELECT key FROM alert_history WHERE cleared_at IS NULL").map_err(Error::storage("preparing the open alerts"))?;
        let keys = statement.query_map([], |row| row.get(0)).map_err(Error::storage("reading the open alerts"))?;
        keys.collect::<rusqlite::Result<_>>().map_err(Error::storage("reading the open alerts"))?
    };
    let mut raised = Vec::new();
    for alert in standing {
        if open.contains(&alert.key) {
            tx.execute(
                "UPDATE alert_history SET last_seen_at = :now, message = :message, needs_action = :needs WHERE key = :key AND cleared_at IS NULL",
                named_params! { ":now": now, ":message": alert.message, ":needs": alert.needs_action, ":key": alert.key },
            )
            .map_err(Error::storage("updating a standing alert"))?;
        } else {
            tx.execute(
                "INSERT INTO alert_history (key, kind, needs_action, message, raised_at, last_seen_at) VALUES (:key, :kind, :needs, :message, :now, :now)",
                named_params! { ":key": alert.key, ":kind": alert.kind, ":needs": alert.needs_action, ":message": alert.message, ":now": now },
            )
            .map_err(Error::storage("recording a new alert"))?;
            raised.push(alert.clone());
        }
    }
    let standing_keys: HashSet<&str> = standing.iter().map(|a| a.key.as_str()).collect();
    for key in open.iter().filter(|key| !standing_keys.contains(key.as_str())) {
        tx.execute("UPDATE alert_history SET cleared_at = :now WHERE key = :key AND cleared_at IS NULL", named_params! { ":now": now, ":key": key })
            .map_err(Error::storage("clearing an alert"))?;
    }
    Ok(raised)
}

/// The latest `limit` occurrences, newest first.
pub fn history(connection: &Connection, limit: u32) -> Result<Vec<AlertOccurrence>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT id, kind, needs_action, message, raised_at, last_seen_at, cleared_at FROM alert_history
             ORDER BY raised_at DESC, id DESC LIMIT :limit",
        )
        .map_err(Error::storage("preparing the alert history"))?;
    let rows = statement
        .query_map(named_params! { ":limit": limit }, |row| {
            Ok(AlertOccurrence {
                id: row.get(0)?,
                kind: row.get(1)?,
                needs_action: row.get(2)?,
                message: row.get(3)?,
                raised_at: row.get(4)?,
                last_seen_at: row.get(5)?,
                cleared_at: row.get(6)?,
            })
        })
        .map_err(Error::storage("reading the alert history"))?;
    rows.collect::<rusqlite::Result<_>>().map_err(Error::storage("reading the alert history"))
}
