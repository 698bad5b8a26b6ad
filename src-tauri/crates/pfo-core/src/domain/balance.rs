//! `AccountBalanceRecord`: a dated snapshot of one account's balance. Powens only knows "now", so a snapshot is
//! taken on every refresh and trends build up from them.

use rust_decimal::Decimal;
use serde::Serialize;

/// Which balance a snapshot records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum BalanceType {
    /// The booked balance.
    Current,
    /// Pending operations not yet booked.
    Coming,
}

impl BalanceType {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Current => "current",
            Self::Coming => "coming",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "current" => Some(Self::Current),
            "coming" => Some(Self::Coming),
            _ => None,
        }
    }
}

/// One balance of one account at one instant.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountBalanceRecord {
    /// Canonical id of the account.
    pub account_id: String,
    /// Current or coming.
    pub balance_type: BalanceType,
    /// The amount.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// ISO 4217 currency.
    pub currency: String,
    /// When the snapshot was taken (RFC 3339, UTC).
    pub as_of: String,
}
