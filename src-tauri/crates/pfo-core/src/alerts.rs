//! Alerts about the bank connections, computed by the core from what the store holds (never from the network): a
//! consent ending soon, a connection that needs the household, data the bank has not refreshed for too long. Each
//! alert names the one action that fixes it, and whether it needs someone (what `pfo alerts` exits non-zero for, so
//! cron can mail it). The window and the CLI only show them.

use crate::domain::{BankConnection, ConnectionAction, ConnectionHealth, ConnectionId, CONSENT_WARNING_DAYS};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

/// Bank data older than this is called stale: Powens syncs each bank about once a day.
pub const STALE_AFTER_HOURS: i64 = 36;

stored_enum! {
    /// What an alert is about.
    pub enum AlertKind {
        /// The PSD2 consent of a connection ends within the warning window (or has ended).
        ConsentEnding = "consent.ending",
        /// The connection is stopped until the household does something.
        ConnectionNeedsUser = "connection.needs_user",
        /// The bank or Powens is having trouble; it retries by itself.
        ConnectionTroubled = "connection.troubled",
        /// The bank's data was last refreshed long ago.
        DataStale = "data.stale",
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Alert {
    /// What it is about.
    pub kind: AlertKind,
    /// Whether someone must act (the CLI exits non-zero for these).
    pub needs_action: bool,
    /// The connection.
    pub connection_id: ConnectionId,
    /// The bank's name.
    pub institution: String,
    /// What fixes it.
    pub action: ConnectionAction,
    /// What is going on and what to do, in plain words.
    pub message: String,
}

/// Every alert about `connections` at `now` (each connection as listed, [`BankConnection::as_of`] today).
pub fn of(connections: &[BankConnection], now: DateTime<Utc>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for connection in connections {
        let connection = connection.clone().as_of(now.date_naive());
        let alert = |kind, needs_action, action, message: String| Alert {
            kind,
            needs_action,
            connection_id: connection.id.clone(),
            institution: connection.institution.clone(),
            action,
            message,
        };
        match (&connection.health, connection.action) {
            (ConnectionHealth::NeedsUser { action: what, .. }, Some(action)) => {
                alerts.push(alert(AlertKind::ConnectionNeedsUser, true, action, format!("{}: {what}", connection.institution)))
            }
            (ConnectionHealth::Transient { reason }, Some(action)) => {
                alerts.push(alert(AlertKind::ConnectionTroubled, false, action, format!("{}: {reason}", connection.institution)))
            }
            (ConnectionHealth::Unknown { state }, Some(action)) => alerts.push(alert(
                AlertKind::ConnectionNeedsUser,
                true,
                action,
                format!("{}: the connection is in a state this version does not know ({state}); check it at your bank or with Powens.", connection.institution),
            )),
            _ => {}
        }
        if let Some(days) = connection.consent_ends_in_days {
            let message = match days {
                d if d < 0 => format!("{}: the consent ended {} days ago; renew it to get new data again.", connection.institution, -d),
                0 => format!("{}: the consent ends today; renew it now to keep the data coming.", connection.institution),
                d => format!("{}: the consent ends in {d} days (within {CONSENT_WARNING_DAYS}); renew it now, before anything stops.", connection.institution),
            };
            alerts.push(alert(AlertKind::ConsentEnding, true, ConnectionAction::Renew, message));
        }
        if let Some(hours) = hours_since_bank_sync(&connection, now).filter(|hours| *hours >= STALE_AFTER_HOURS) {
            // Stale without a fault of its own: the household can ask the bank for a sync now.
            let action = connection.action.unwrap_or(ConnectionAction::SyncNow);
            let message = format!(
                "{}: the bank's data is {} days old (last refreshed by the bank {}).",
                connection.institution,
                hours / 24,
                connection.provider_updated_at.as_deref().unwrap_or_default()
            );
            alerts.push(alert(AlertKind::DataStale, !matches!(action, ConnectionAction::Wait | ConnectionAction::SyncNow), action, message));
        }
    }
    alerts
}

/// Hours since the provider last synced the bank successfully (`None` when it never said).
fn hours_since_bank_sync(connection: &BankConnection, now: DateTime<Utc>) -> Option<i64> {
    let at = connection.provider_updated_at.as_deref()?;
    let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").ok()?;
    Some((now.naive_utc() - at).num_hours())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection(state: Option<&str>, updated: &str, consent: Option<&str>) -> BankConnection {
        BankConnection {
            id: ConnectionId::new("7"),
            provider: "powens".into(),
            institution: "Banque Test".into(),
            state: state.map(Into::into),
            provider_updated_at: Some(updated.into()),
            consent_expires_at: consent.map(|at| NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap()),
            consent_ends_in_days: None,
            next_try: None,
            last_synced_at: crate::domain::time::at("2026-11-25T08:00:00Z"),
            health: ConnectionHealth::of(state),
            action: None,
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-11-25T10:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_healthy_fresh_connection_raises_nothing() {
        assert!(of(&[connection(None, "2026-11-25 06:00:00", Some("2027-04-01 00:00:00"))], now()).is_empty());
    }

    #[test]
    fn each_state_gets_the_one_action_that_fixes_it() {
        let action = |state| of(&[connection(Some(state), "2026-11-25 06:00:00", None)], now()).first().map(|a| (a.kind, a.action, a.needs_action));
        use ConnectionAction::*;
        assert_eq!(action("SCARequired"), Some((AlertKind::ConnectionNeedsUser, Reconnect, true)));
        assert_eq!(action("wrongpass"), Some((AlertKind::ConnectionNeedsUser, Reconnect, true)));
        assert_eq!(action("decoupled"), Some((AlertKind::ConnectionNeedsUser, Resume, true)));
        assert_eq!(action("actionNeeded"), Some((AlertKind::ConnectionNeedsUser, ContactBank, true)));
        assert_eq!(action("websiteUnavailable"), Some((AlertKind::ConnectionTroubled, Wait, false)));
        assert_eq!(action("somethingNew"), Some((AlertKind::ConnectionNeedsUser, ContactBank, true)));
    }

    #[test]
    fn a_consent_ending_within_thirty_days_asks_to_renew_and_one_further_away_does_not() {
        let soon = of(&[connection(None, "2026-11-25 06:00:00", Some("2026-12-05 00:00:00"))], now());
        assert_eq!(soon.len(), 1);
        assert_eq!((soon[0].kind, soon[0].action, soon[0].needs_action), (AlertKind::ConsentEnding, ConnectionAction::Renew, true));
        assert!(soon[0].message.contains("in 10 days"), "{}", soon[0].message);
        assert!(of(&[connection(None, "2026-11-25 06:00:00", Some("2026-12-26 00:00:00"))], now()).is_empty());
        let ended = of(&[connection(Some("SCARequired"), "2026-11-20 06:00:00", Some("2026-11-20 00:00:00"))], now());
        assert!(ended.iter().any(|a| a.kind == AlertKind::ConsentEnding && a.message.contains("ended 5 days ago")));
    }

    #[test]
    fn data_older_than_a_day_and_a_half_is_stale_and_needs_someone_only_when_the_connection_does() {
        let stale = of(&[connection(None, "2026-11-23 09:00:00", None)], now());
        assert_eq!(stale.len(), 1);
        assert_eq!((stale[0].kind, stale[0].action, stale[0].needs_action), (AlertKind::DataStale, ConnectionAction::SyncNow, false));
        assert!(stale[0].message.contains("2 days old"), "{}", stale[0].message);
        assert!(of(&[connection(None, "2026-11-24 12:00:00", None)], now()).is_empty(), "22 hours: not stale");
        let stuck = of(&[connection(Some("SCARequired"), "2026-11-20 09:00:00", None)], now());
        assert!(stuck.iter().any(|a| a.kind == AlertKind::DataStale && a.needs_action && a.action == ConnectionAction::Reconnect));
    }
}
