//! The alerts about the bank connections, computed from what the store holds (never from the network): a consent
//! ending soon, a connection that needs the household, a bank or Powens in trouble, data the bank has not refreshed
//! for too long. Each names the one action that fixes it (the connection's own, [`BankConnection::action`]).

use super::{Alert, AlertKind, AlertSettings};
use crate::domain::{BankConnection, ConnectionAction, ConnectionHealth};
use chrono::{DateTime, NaiveDateTime, Utc};

/// Every alert about `connections` at `now` that `settings` switch on (each connection as listed,
/// [`BankConnection::as_of`] today).
pub fn of(connections: &[BankConnection], settings: &AlertSettings, now: DateTime<Utc>) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for connection in connections {
        let connection = connection.clone().as_of(now.date_naive());
        let bank = &connection.institution;
        let alert = |kind, needs_action, action, message: String| Alert {
            key: format!("{}:{}", kind, connection.id),
            kind,
            needs_action,
            connection_id: Some(connection.id.clone()),
            account_id: None,
            institution: bank.clone(),
            action: Some(action),
            message,
        };
        match (&connection.health, connection.action) {
            (ConnectionHealth::NeedsUser { action: what, .. }, Some(action)) if settings.connection_needs_user => {
                alerts.push(alert(AlertKind::ConnectionNeedsUser, true, action, format!("{bank}: {what}")))
            }
            (ConnectionHealth::Transient { reason }, Some(action)) if settings.connection_needs_user => {
                alerts.push(alert(AlertKind::ConnectionTroubled, false, action, format!("{bank}: {reason}")))
            }
            (ConnectionHealth::Unknown { state }, Some(action)) if settings.connection_needs_user => alerts.push(alert(
                AlertKind::ConnectionNeedsUser,
                true,
                action,
                format!("{bank}: the connection is in a state this version does not know ({state}); check it at your bank or with Powens."),
            )),
            _ => {}
        }
        let warn_within = settings.consent_ending_days.map(i64::from);
        if let Some(days) = connection.consent_ends_in_days.filter(|days| warn_within.is_some_and(|within| *days <= within)) {
            let message = match days {
                d if d < 0 => format!("{bank}: the consent ended {} days ago; renew it to get new data again.", -d),
                0 => format!("{bank}: the consent ends today; renew it now to keep the data coming."),
                d => format!("{bank}: the consent ends in {d} days; renew it now, before anything stops."),
            };
            alerts.push(alert(AlertKind::ConsentEnding, true, ConnectionAction::Renew, message));
        }
        let stale_after = settings.stale_after_days.map(|days| i64::from(days) * 24);
        if let Some(hours) = hours_since_bank_sync(&connection, now).filter(|hours| stale_after.is_some_and(|after| *hours >= after)) {
            // Stale without a fault of its own: the household can ask the bank for a sync now.
            let action = connection.action.unwrap_or(ConnectionAction::SyncNow);
            let message = format!(
                "{bank}: the bank's data is {} days old (last refreshed by the bank {}).",
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
    use crate::domain::ConnectionId;

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
        assert!(of(&[connection(None, "2026-11-25 06:00:00", Some("2027-04-01 00:00:00"))], &AlertSettings::default(), now()).is_empty());
    }

    #[test]
    fn each_state_gets_the_one_action_that_fixes_it() {
        let action = |state| of(&[connection(Some(state), "2026-11-25 06:00:00", None)], &AlertSettings::default(), now()).first().map(|a| (a.kind, a.action.unwrap(), a.needs_action));
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
        let soon = of(&[connection(None, "2026-11-25 06:00:00", Some("2026-12-05 00:00:00"))], &AlertSettings::default(), now());
        assert_eq!(soon.len(), 1);
        assert_eq!((soon[0].kind, soon[0].action, soon[0].needs_action), (AlertKind::ConsentEnding, Some(ConnectionAction::Renew), true));
        assert!(soon[0].message.contains("in 10 days"), "{}", soon[0].message);
        assert!(of(&[connection(None, "2026-11-25 06:00:00", Some("2026-12-26 00:00:00"))], &AlertSettings::default(), now()).is_empty());
        let ended = of(&[connection(Some("SCARequired"), "2026-11-20 06:00:00", Some("2026-11-20 00:00:00"))], &AlertSettings::default(), now());
        assert!(ended.iter().any(|a| a.kind == AlertKind::ConsentEnding && a.message.contains("ended 5 days ago")));
    }

    #[test]
    fn data_older_than_a_day_and_a_half_is_stale_and_needs_someone_only_when_the_connection_does() {
        let stale = of(&[connection(None, "2026-11-23 09:00:00", None)], &AlertSettings::default(), now());
        assert_eq!(stale.len(), 1);
        assert_eq!((stale[0].kind, stale[0].action, stale[0].needs_action), (AlertKind::DataStale, Some(ConnectionAction::SyncNow), false));
        assert!(stale[0].message.contains("2 days old"), "{}", stale[0].message);
        assert!(of(&[connection(None, "2026-11-24 12:00:00", None)], &AlertSettings::default(), now()).is_empty(), "22 hours: not stale");
        let stuck = of(&[connection(Some("SCARequired"), "2026-11-20 09:00:00", None)], &AlertSettings::default(), now());
        assert!(stuck.iter().any(|a| a.kind == AlertKind::DataStale && a.needs_action && a.action == Some(ConnectionAction::Reconnect)));
    }

    #[test]
    fn the_switches_and_windows_of_the_settings_are_obeyed() {
        let broken = [connection(Some("SCARequired"), "2026-11-20 09:00:00", Some("2026-12-05 00:00:00"))];
        let quiet = AlertSettings { consent_ending_days: None, connection_needs_user: false, stale_after_days: None, ..AlertSettings::default() };
        assert!(of(&broken, &quiet, now()).is_empty(), "every connection alert switched off");
        let within_a_week = AlertSettings { consent_ending_days: Some(7), ..AlertSettings::default() };
        let ten_days = [connection(None, "2026-11-25 06:00:00", Some("2026-12-05 00:00:00"))];
        assert!(of(&ten_days, &within_a_week, now()).is_empty(), "ten days out is outside a seven-day window");
        let after_five_days = AlertSettings { stale_after_days: Some(5), ..AlertSettings::default() };
        let four_days_old = [connection(None, "2026-11-21 09:00:00", None)];
        assert!(of(&four_days_old, &after_five_days, now()).is_empty());
        assert_eq!(of(&four_days_old, &AlertSettings::default(), now())[0].kind, AlertKind::DataStale);
    }
}
