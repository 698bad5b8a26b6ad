//! `BankConnection`: one bank login at the provider, with its health as the provider last reported it.

use super::{ConnectionId, Timestamp};
use serde::Serialize;

/// A bank connection (one login at one bank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BankConnection {
    /// The provider's connection id.
    pub id: ConnectionId,
    /// The provider (`powens`).
    pub provider: String,
    /// The bank's name.
    pub institution: String,
    /// `None` when the provider's last sync succeeded; otherwise its state code (`SCARequired`, `wrongpass`, …).
    pub state: Option<String>,
    /// When the provider last synced it successfully (provider's naive time).
    pub provider_updated_at: Option<String>,
    /// When the PSD2 consent expires (the provider's naive time, read at the boundary).
    pub consent_expires_at: Option<chrono::NaiveDateTime>,
    /// Days until the consent ends (negative once it has), set only when that is within
    /// [`CONSENT_WARNING_DAYS`]: the core decides when the household is told to renew, the window only shows it.
    /// Computed when the connections are listed, from the app's clock.
    pub consent_ends_in_days: Option<i64>,
    /// When we last read it.
    pub last_synced_at: Timestamp,
    /// What the state means for the household, and what fixes it.
    pub health: ConnectionHealth,
}

/// Consents ending within this many days are flagged to the household.
pub const CONSENT_WARNING_DAYS: i64 = 30;

impl BankConnection {
    /// This connection with [`BankConnection::consent_ends_in_days`] computed for `today`.
    pub fn as_of(mut self, today: chrono::NaiveDate) -> Self {
        self.consent_ends_in_days = self
            .consent_expires_at
            .map(|ends| (ends.date() - today).num_days())
            .filter(|days| *days <= CONSENT_WARNING_DAYS);
        self
    }
}

/// What a provider connection state means for the household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub enum ConnectionHealth {
    /// The last sync succeeded.
    Ok,
    /// Someone must act: `action` says what, in plain words.
    NeedsUser {
        /// The fix.
        action: String,
    },
    /// The bank or Powens is having trouble; it retries by itself.
    Transient {
        /// What is going on.
        reason: String,
    },
    /// A state we do not know; treated as an error that needs a look.
    Unknown {
        /// The raw state code.
        state: String,
    },
}

impl ConnectionHealth {
    /// Classifies a Powens connection state (`None` or empty: last sync OK). The casing of `wrongpass` (a state)
    /// differs from `wrongPass` (an error code); both are accepted.
    pub fn of(state: Option<&str>) -> Self {
        let needs = |action: &str| Self::NeedsUser { action: action.to_string() };
        let transient = |reason: &str| Self::Transient { reason: reason.to_string() };
        match state.map(str::trim).filter(|s| !s.is_empty()) {
            None => Self::Ok,
            Some("SCARequired") => needs("Renew your consent with the bank: press Reconnect and confirm in your banking app."),
            Some("webauthRequired") => needs("Sign in at your bank again: press Reconnect."),
            Some("additionalInformationNeeded") => needs("Your bank asks for more information (a code, for example): press Reconnect."),
            Some("decoupled") => needs("Confirm the connection in your banking app, then press Refresh."),
            Some("actionNeeded") => needs("Your bank needs you to do something on its website (new terms, for example), then press Refresh."),
            Some("passwordExpired") => needs("Change your password at your bank, then press Reconnect."),
            Some("wrongpass" | "wrongPass") => needs("Your bank refused the stored credentials: press Reconnect and sign in again."),
            Some("validating") => transient("The bank is validating the connection; it finishes by itself."),
            Some("rateLimiting") => transient("The bank is throttling requests; Powens retries later by itself."),
            Some("websiteUnavailable") => transient("The bank's service is down; Powens retries by itself."),
            Some("bug") => transient("A Powens-side problem; it resumes once Powens fixes it."),
            Some("notSupported") => Self::Unknown { state: "notSupported".into() },
            Some(other) => Self::Unknown { state: other.to_string() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consent_warning_is_counted_by_the_core_and_only_near_the_end() {
        let connection = |expires: Option<&str>| BankConnection {
            id: ConnectionId::new("101"),
            provider: "powens".into(),
            institution: "BNP Paribas".into(),
            state: None,
            provider_updated_at: None,
            consent_expires_at: expires.map(|at| chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap()),
            consent_ends_in_days: None,
            last_synced_at: crate::domain::time::at("2026-11-25T08:00:00Z"),
            health: ConnectionHealth::of(None),
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let days = |expires| connection(expires).as_of(today).consent_ends_in_days;
        assert_eq!(days(Some("2026-12-07 00:00:00")), Some(12));
        assert_eq!(days(Some("2026-12-25 23:59:59")), Some(30), "the 30th day still warns");
        assert_eq!(days(Some("2026-12-26 00:00:00")), None, "further away: nothing to say yet");
        assert_eq!(days(Some("2026-11-20 10:00:00")), Some(-5), "ended: negative");
        assert_eq!(days(None), None);
    }

    #[test]
    fn every_documented_state_is_classified() {
        assert_eq!(ConnectionHealth::of(None), ConnectionHealth::Ok);
        assert_eq!(ConnectionHealth::of(Some("")), ConnectionHealth::Ok);
        for state in ["SCARequired", "webauthRequired", "additionalInformationNeeded", "decoupled", "actionNeeded", "passwordExpired", "wrongpass", "wrongPass"] {
            assert!(matches!(ConnectionHealth::of(Some(state)), ConnectionHealth::NeedsUser { .. }), "{state}");
        }
        for state in ["validating", "rateLimiting", "websiteUnavailable", "bug"] {
            assert!(matches!(ConnectionHealth::of(Some(state)), ConnectionHealth::Transient { .. }), "{state}");
        }
        assert_eq!(ConnectionHealth::of(Some("somethingNew")), ConnectionHealth::Unknown { state: "somethingNew".into() });
    }
}
