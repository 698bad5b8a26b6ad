//! The alert centre's rules: what the core warns the household about, computed from what the store holds (never
//! from the network), each alert switchable in [`AlertSettings`]. About the bank connections ([`connections`]): a
//! consent ending, a connection needing the household, a bank in trouble, stale data. About the money ([`money`]):
//! a movement above a threshold, a current account below one, a balance its transactions do not explain. Each alert
//! says whether someone must act (what `pfo alerts` exits non-zero for, so cron can mail it) and, for a connection,
//! the one action that fixes it. Which alerts are new, and their history, is the store's ([`crate::store::alerts`]);
//! the window and the CLI only show them.

pub mod connections;
pub mod money;
mod settings;

use crate::domain::{AccountId, ConnectionAction, ConnectionId};
use serde::Serialize;
pub use settings::AlertSettings;

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
        /// A movement at least as large as the household's threshold, booked in the last days.
        LargeMovement = "money.large_movement",
        /// A current account whose balance is below the household's threshold.
        LowBalance = "money.low_balance",
        /// An account whose balance moved by more (or less) than its transactions add up to: some are missing.
        BalanceMismatch = "money.balance_mismatch",
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Alert {
    /// Who this alert is over time (its kind and subject): the same key at the next refresh is the same alert.
    pub key: String,
    /// What it is about.
    pub kind: AlertKind,
    /// Whether someone must act (the CLI exits non-zero for these).
    pub needs_action: bool,
    /// The connection it is about (for an account's alert, the account's connection).
    pub connection_id: Option<ConnectionId>,
    /// The account it is about, for the money alerts.
    pub account_id: Option<AccountId>,
    /// The bank's name.
    pub institution: String,
    /// What fixes it, when a connection action does.
    pub action: Option<ConnectionAction>,
    /// What is going on and what to do, in plain words (shown in the app only: it may name an account).
    pub message: String,
}

/// A desktop notification for a new alert: worded without any account, amount, bank or person, because the
/// desktop shows notifications on the lock screen and keeps them in its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notice {
    /// The notification's title.
    pub title: String,
    /// Its text.
    pub body: String,
}

impl Alert {
    /// The notification announcing this alert.
    pub fn notice(&self) -> Notice {
        let (title, body) = match self.kind {
            AlertKind::ConsentEnding => ("A bank consent ends soon", "Renew it from the Connections screen before the data stops."),
            AlertKind::ConnectionNeedsUser => ("A bank connection needs you", "Open the Connections screen: it says the one thing to do."),
            AlertKind::ConnectionTroubled => ("A bank is having trouble", "Nothing to do: it retries by itself. The Connections screen has the detail."),
            AlertKind::DataStale => ("Bank data is getting old", "Open the Connections screen to sync it now."),
            AlertKind::LargeMovement => ("A large movement", "A movement above your threshold was booked; the alert centre has it."),
            AlertKind::LowBalance => ("An account is below your threshold", "The alert centre says which one."),
            AlertKind::BalanceMismatch => ("A balance does not match its transactions", "Some transactions may be missing; the alert centre has the detail."),
        };
        Notice { title: title.to_string(), body: body.to_string() }
    }
}

/// Orders alerts as the centre shows them: those that need someone first, then by kind, then by key.
pub fn sort(alerts: &mut [Alert]) {
    alerts.sort_by(|a, b| (!a.needs_action, a.kind, &a.key).cmp(&(!b.needs_action, b.kind, &b.key)));
}
