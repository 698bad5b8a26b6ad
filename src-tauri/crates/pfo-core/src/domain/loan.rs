//! Loans: `LoanTerms`, what the bank says of a loan account (borrowed amount, rate, dates, insurance, the next
//! payment), and `LoanPeriod`, one period of its amortization schedule (principal, interest and insurance paid, the
//! capital still due after it). With both, what a loan still costs is known without the household typing it in.

use super::{AccountId, Currency, Timestamp};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The terms of one loan account, as last synced. Every figure the bank may leave out is optional.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LoanTerms {
    /// The loan account.
    pub account_id: AccountId,
    /// `mortgage`, `consumercredit`, `revolvingcredit`, `loan`… as the bank words it.
    pub loan_type: Option<String>,
    /// The account's currency.
    pub currency: Currency,
    /// Amount borrowed.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub borrowed: Option<Decimal>,
    /// Yearly rate in percent (`1.97` = 1.97 %).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub rate_percent: Option<Decimal>,
    /// Yearly insurance rate, in percent too (Powens sends it as a ratio; converted here so both read alike).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub insurance_rate_percent: Option<Decimal>,
    /// Monthly insurance premium.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub insurance_amount: Option<Decimal>,
    /// Next payment, insurance included.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub next_payment_amount: Option<Decimal>,
    /// Day of the next payment.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub next_payment_date: Option<NaiveDate>,
    /// Day the loan was taken out.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub subscription_date: Option<NaiveDate>,
    /// Day of the first repayment.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub start_repayment_date: Option<NaiveDate>,
    /// Day of the last payment.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub maturity_date: Option<NaiveDate>,
    /// Payments in all.
    pub payments_total: Option<u32>,
    /// Payments made.
    pub payments_done: Option<u32>,
    /// When this sync read it.
    pub synced_at: Timestamp,
}

/// One period of a loan's amortization schedule.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LoanPeriod {
    /// The loan account.
    pub account_id: AccountId,
    /// Day of the payment.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub payment_date: NaiveDate,
    /// The amounts' currency.
    pub currency: Currency,
    /// Principal repaid.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub principal: Decimal,
    /// Interest paid.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub interest: Decimal,
    /// Insurance paid.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub insurance: Decimal,
    /// The whole payment.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub total: Decimal,
    /// Capital still due after the payment.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub remaining_capital: Decimal,
    /// Figures the provider computed rather than read from the bank.
    pub calculated: Vec<String>,
    /// When a sync last read it.
    pub synced_at: Timestamp,
}
