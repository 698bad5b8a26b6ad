//! `BankConnection`: one bank login at the provider, with its health as the provider last reported it.

use serde::Serialize;

/// A bank connection (one login at one bank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BankConnection {
    /// The provider's connection id.
    pub id: String,
    /// The provider (`powens`).
    pub provider: String,
    /// The bank's name.
    pub institution: String,
    /// `None` when the provider's last sync succeeded; otherwise its state code (`SCARequired`, `wrongpass`, …).
    pub state: Option<String>,
    /// When the provider last synced it successfully (provider's naive time).
    pub provider_updated_at: Option<String>,
    /// When the PSD2 consent expires (provider's naive time).
    pub consent_expires_at: Option<String>,
    /// When we last read it (RFC 3339, UTC).
    pub last_synced_at: String,
}
