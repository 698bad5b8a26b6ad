//! `MarketOrderRecord`: a buy or sale order of a security in an investment account, as the bank reports it. The
//! executed ones are the dated flows in and out of a position.

use super::{AccountId, Currency, OrderId, Timestamp};
use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::Serialize;

stored_enum! {
    /// Buy or sale.
    pub enum OrderDirection {
        /// Units bought.
        Buy = "buy",
        /// Units sold.
        Sale = "sale",
    }
}

/// One order.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MarketOrderRecord {
    /// Canonical id (`powens:<order id>`).
    pub id: OrderId,
    /// The account.
    pub account_id: AccountId,
    /// The security's name.
    pub label: String,
    /// Its ISIN, when given.
    pub code: Option<String>,
    /// Buy or sale; none when the bank does not say.
    pub direction: Option<OrderDirection>,
    /// `market`, `limit`, `trigger`…, as the bank codes it (lower case).
    pub order_type: Option<String>,
    /// As the bank words it (`Executed`, `Pending`…).
    pub state: Option<String>,
    /// The account's currency.
    pub currency: Currency,
    /// When it was placed (the provider's time).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub placed_at: Option<NaiveDateTime>,
    /// When it executed.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub executed_at: Option<NaiveDateTime>,
    /// Units.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub quantity: Option<Decimal>,
    /// What it cost or brought.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub amount: Option<Decimal>,
    /// Limit or trigger price.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub limit_price: Option<Decimal>,
    /// Execution price.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub execution_price: Option<Decimal>,
    /// When this sync read it.
    pub synced_at: Timestamp,
}
