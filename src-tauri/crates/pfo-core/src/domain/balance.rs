//! `AccountBalanceRecord`: a dated snapshot of one account's balance. Powens only knows "now", so a snapshot is
//! taken on every refresh and trends build up from them.

use super::{AccountId, Currency, Timestamp};
use rust_decimal::Decimal;
use serde::Serialize;

stored_enum! {
    /// Which balance a snapshot records.
    pub enum BalanceType {
        /// The booked balance.
        Current = "current",
        /// Pending operations not yet booked.
        Coming = "coming",
    }
}

/// One balance of one account at one instant.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountBalanceRecord {
    /// Canonical id of the account.
    pub account_id: AccountId,
    /// Current or coming.
    pub balance_type: BalanceType,
    /// The amount.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// ISO 4217 currency.
    pub currency: Currency,
    /// When the snapshot was taken.
    pub as_of: Timestamp,
}
