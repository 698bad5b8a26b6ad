//! `BankTransactionRecord`: one movement on an account, whichever provider it came from.

use super::{AccountId, Currency, Timestamp, TransactionId};
use chrono::NaiveDate;
use super::AccountIdentifier;
use rust_decimal::Decimal;
use serde::Serialize;

stored_enum! {
    /// Where a transaction is in its life at the bank.
    pub enum TransactionStatus {
        /// Announced but not yet booked (Powens `coming`).
        Pending = "pending",
        /// Booked on the account.
        Booked = "booked",
        /// Removed at the bank; kept for history, never counted.
        Deleted = "deleted",
    }
}

/// The other party of a transaction. Its account identifier is masked whenever shown.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Counterparty {
    /// Name of the other party.
    pub label: Option<String>,
    /// Their IBAN or account number, masked.
    #[ts(type = "string | null")]
    pub identifier: Option<AccountIdentifier>,
    /// `creditor` (we paid them) or `debtor` (they paid us).
    pub kind: Option<String>,
}

/// One transaction: dates, signed amount, labels, category, counterparty and status.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BankTransactionRecord {
    /// Canonical id: `<provider>:<provider transaction id>`.
    pub id: TransactionId,
    /// Canonical id of the account.
    pub account_id: AccountId,
    /// Debit (booking) date.
    pub booking_date: NaiveDate,
    /// Value date, when known (absent while pending).
    pub value_date: Option<NaiveDate>,
    /// When the payment was made (card payments precede their debit).
    pub realisation_date: Option<NaiveDate>,
    /// Signed amount in the account's currency (negative = money out).
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub amount: Decimal,
    /// The account's currency.
    pub currency: Currency,
    /// Amount in the original currency, for payments abroad.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub original_amount: Option<Decimal>,
    /// That original currency.
    pub original_currency: Option<Currency>,
    /// The label shown to people.
    pub label: String,
    /// The bank's raw label.
    pub original_label: Option<String>,
    /// Provider transaction type (`card`, `transfer`, …).
    pub kind: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// Parent category code.
    pub category_parent: Option<String>,
    /// The other party.
    pub counterparty: Option<Counterparty>,
    /// Pending, booked or deleted.
    pub status: TransactionStatus,
    /// The provider's last change (its naive time).
    pub provider_updated_at: Option<String>,
    /// When we last wrote it.
    pub last_synced_at: Timestamp,
}
