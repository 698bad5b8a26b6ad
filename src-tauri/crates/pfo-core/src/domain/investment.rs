//! `InvestmentPositionRecord`: one line of an investment account (a PEA's ETF, a life-insurance contract's euro fund
//! or unit of account, a securities account's stock) as the bank reports it now, and `PositionSnapshot`, its value
//! on one value day. Powens keeps about a month of history, so a snapshot is stored on every sync and valuation and
//! performance history build up locally, as balances do.
//!
//! Every figure the bank may not give is optional: a euro fund has a valuation and no quantity, a position still
//! being imported has neither. Nothing is filled in by guessing; what Powens computed rather than read is listed in
//! `calculated`, so that the screens can say which figures are the bank's.

use super::{AccountId, Currency, PositionId, Timestamp};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

stored_enum! {
    /// The scheme of a security's code.
    pub enum CodeScheme {
        /// An ISIN (ISO 6166), e.g. `FR0000120271`.
        Isin = "isin",
        /// A code of the French market authority (AMF), for funds without an ISIN.
        Amf = "amf",
    }
}

/// A security's code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SecurityCode {
    /// ISIN or AMF.
    pub scheme: CodeScheme,
    /// The code as the bank gave it (upper case).
    pub code: String,
}

/// The values of a foreign security in its own currency (the position's main figures are in the account's).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForeignValues {
    /// The security's currency.
    pub currency: Currency,
    /// Valuation in that currency.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub valuation: Option<Decimal>,
    /// Unit value in that currency.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub unit_value: Option<Decimal>,
    /// Unit buy price in that currency.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub unit_price: Option<Decimal>,
}

/// What the bank says of a fund, when it says it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FundDetails {
    /// Performance over one year, as a ratio (0.12 = 12 %).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub performance_1y: Option<Decimal>,
    /// Over three years.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub performance_3y: Option<Decimal>,
    /// Over five years.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub performance_5y: Option<Decimal>,
    /// Synthetic risk and reward indicator, 1 (lowest) to 7.
    pub srri: Option<u8>,
    /// Asset category as the bank words it.
    pub asset_category: Option<String>,
    /// Recommended holding period as the bank words it.
    pub recommended_period: Option<String>,
}

/// One position of an investment account, as last synced.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InvestmentPositionRecord {
    /// Canonical id.
    pub id: PositionId,
    /// The account holding it.
    pub account_id: AccountId,
    /// The security's name.
    pub label: String,
    /// ISIN or AMF code, when the bank gives one.
    pub code: Option<SecurityCode>,
    /// Ticker symbol.
    pub stock_symbol: Option<String>,
    /// Currency of the figures below: the account's.
    pub currency: Currency,
    /// Units held (none for a euro fund).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub quantity: Option<Decimal>,
    /// Average buy price of one unit.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub unit_price: Option<Decimal>,
    /// Value of one unit on `value_date`.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub unit_value: Option<Decimal>,
    /// Value of the position (none while the bank has not valued it).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub valuation: Option<Decimal>,
    /// Gain or loss against the cost, as the bank reports it.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub gain: Option<Decimal>,
    /// The same as a ratio of the cost (0.1 = 10 %).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub gain_ratio: Option<Decimal>,
    /// Share of its account's portfolio, as a ratio.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub portfolio_share: Option<Decimal>,
    /// The day the value is of.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub value_date: Option<NaiveDate>,
    /// For a foreign security, its figures in its own currency.
    pub foreign: Option<ForeignValues>,
    /// Fund details, when the bank gives them.
    pub details: Option<FundDetails>,
    /// Figures the provider computed rather than read from the bank (its field names, e.g. `diff`).
    pub calculated: Vec<String>,
    /// The day the position ended (sold, or gone at the bank); `None` while it is held.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub ended_on: Option<NaiveDate>,
    /// When this sync read it.
    pub synced_at: Timestamp,
}

/// A position's value on one value day, kept from every sync (the last sync of a day wins).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PositionSnapshot {
    /// The position.
    pub position_id: PositionId,
    /// The day the value is of.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub value_date: NaiveDate,
    /// Units held that day.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub quantity: Option<Decimal>,
    /// Value of one unit that day.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub unit_value: Option<Decimal>,
    /// Value of the position that day.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub valuation: Decimal,
}
