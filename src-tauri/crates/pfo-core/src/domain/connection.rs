//! `BankConnection`: one bank login at the provider, with its health as the provider last reported it, and the one
//! action that fixes it (classified here once: the alerts, the window and the CLI all read it from here).

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
    /// When the provider next tries to sync the bank by itself (its naive time), when it says.
    pub next_try: Option<chrono::NaiveDateTime>,
    /// When we last read it.
    pub last_synced_at: Timestamp,
    /// What the state means for the household, and what fixes it.
    pub health: ConnectionHealth,
    /// The one action the connection calls for now (a healthy one whose consent ends soon: renew), computed with
    /// [`BankConnection::consent_ends_in_days`].
    pub action: Option<ConnectionAction>,
}

stored_enum! {
    /// The one action that fixes a connection's state.
    pub enum ConnectionAction {
        /// Sign in at the bank again through the Powens webview (Reconnect).
        Reconnect = "reconnect",
        /// Renew the consent before it ends (strong authentication at the bank, through the webview).
        Renew = "renew",
        /// Approve the access in the banking app, then resume the connection.
        Resume = "resume",
        /// Nothing to do: the bank or Powens retries by itself.
        Wait = "wait",
        /// Something only the bank can sort out (its website, its support).
        ContactBank = "contact_bank",
        /// Nothing is wrong but the data is old: ask the bank for a sync now (Powens' forced sync).
        SyncNow = "sync_now",
    }
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
        self.action = match &self.health {
            ConnectionHealth::Ok => self.consent_ends_in_days.map(|_| ConnectionAction::Renew),
            ConnectionHealth::NeedsUser { fix, .. } => Some(*fix),
            ConnectionHealth::Transient { .. } => Some(ConnectionAction::Wait),
            ConnectionHealth::Unknown { .. } => Some(ConnectionAction::ContactBank),
        };
        self
    }
}

stored_enum! {
    /// What the household asks of one connection (the buttons of the Connections view, `pfo connections sync`).
    pub enum ConnectionRequest {
        /// Sync the bank now (Powens' forced sync); the bank may ask for a strong authentication.
        Sync = "sync",
        /// Renew the consent now, before it ends (`refresh_auth`): the bank asks for a strong authentication, in
        /// the webview (the connection turns `SCARequired`) or in its app (`decoupled`).
        Renew = "renew",
        /// Continue a `decoupled` connection once the access is approved in the banking app.
        Resume = "resume",
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
        /// The fix, in plain words.
        action: String,
        /// The fix, as the button that performs it.
        fix: ConnectionAction,
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
        use ConnectionAction::{ContactBank, Reconnect, Resume};
        let needs = |fix: ConnectionAction, action: &str| Self::NeedsUser { action: action.to_string(), fix };
        let transient = |reason: &str| Self::Transient { reason: reason.to_string() };
        match state.map(str::trim).filter(|s| !s.is_empty()) {
            None => Self::Ok,
            Some("SCARequired") => needs(Reconnect, "Renew your consent with the bank: press Reconnect and confirm in your banking app."),
            Some("webauthRequired") => needs(Reconnect, "Sign in at your bank again: press Reconnect."),
            Some("additionalInformationNeeded") => needs(Reconnect, "Your bank asks for more information (a code, for example): press Reconnect."),
            Some("decoupled") => needs(Resume, "Approve the access in your banking app, then press Resume."),
            Some("actionNeeded") => needs(ContactBank, "Your bank needs you to do something on its website (new terms, for example), then press Sync now."),
            Some("passwordExpired") => needs(Reconnect, "Change your password at your bank, then press Reconnect."),
            Some("wrongpass" | "wrongPass") => needs(Reconnect, "Your bank refused the stored credentials: press Reconnect and sign in again."),
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
            next_try: None,
            last_synced_at: crate::domain::time::at("2026-11-25T08:00:00Z"),
            health: ConnectionHealth::of(None),
            action: None,
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
