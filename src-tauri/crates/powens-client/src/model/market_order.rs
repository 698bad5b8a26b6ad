//! Market orders as `GET /users/{u}/marketorders` returns them (Wealth & Loans, activated separately): the buy and
//! sale orders of securities and PEA accounts, pending or executed.
//!
//! Source: https://docs.powens.com/api-reference/products/wealth-aggregation/market-orders (`MarketOrder`:
//! `order_direction` and `order_type` are `{id, name}` objects, BUY|SALE and MARKET|LIMIT|TRIGGER|UNKNOWN).

use super::decimal::optional_amount;
use rust_decimal::Decimal;
use serde::Deserialize;

/// Envelope of the market orders list.
#[derive(Debug, Deserialize)]
pub struct MarketOrderList {
    /// The orders. Required: an envelope without its list is a bad payload.
    pub marketorders: Vec<MarketOrder>,
}

/// A named code object (`{id, name}`).
#[derive(Debug, Clone, Deserialize)]
pub struct NamedCode {
    /// The name (`BUY`, `LIMIT`…).
    #[serde(default)]
    pub name: Option<String>,
}

/// One order.
#[derive(Debug, Clone, Deserialize)]
pub struct MarketOrder {
    /// Powens order id.
    pub id: i64,
    /// The account. Required.
    pub id_account: i64,
    /// The security's name.
    #[serde(default)]
    pub label: Option<String>,
    /// The security's ISIN.
    #[serde(default)]
    pub code: Option<String>,
    /// BUY or SALE.
    #[serde(default)]
    pub order_direction: Option<NamedCode>,
    /// MARKET, LIMIT, TRIGGER or UNKNOWN.
    #[serde(default)]
    pub order_type: Option<NamedCode>,
    /// As the bank words it (`Executed`, `Pending`…).
    #[serde(default)]
    pub state: Option<String>,
    /// When it was placed.
    #[serde(default)]
    pub date: Option<String>,
    /// When it executed.
    #[serde(default)]
    pub execution_date: Option<String>,
    /// Until when it stands.
    #[serde(default)]
    pub validity_date: Option<String>,
    /// Units.
    #[serde(default, deserialize_with = "optional_amount")]
    pub quantity: Option<Decimal>,
    /// What it cost or brought.
    #[serde(default, deserialize_with = "optional_amount")]
    pub amount: Option<Decimal>,
    /// Limit or trigger price.
    #[serde(default, deserialize_with = "optional_amount")]
    pub ordervalue: Option<Decimal>,
    /// Execution price.
    #[serde(default, deserialize_with = "optional_amount")]
    pub unitprice: Option<Decimal>,
    /// Set when the order no longer exists.
    #[serde(default)]
    pub deleted: Option<String>,
}
