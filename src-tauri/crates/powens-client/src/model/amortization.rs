//! Loan amortizations as `GET /users/{u}/amortizations` returns them (Wealth & Loans): a loan's schedule, one period
//! per row, from the first sync to maturity.
//!
//! Source: https://docs.powens.com/api-reference/products/wealth-aggregation/loan-amortizations (`LoanAmortization`:
//! every amount is a `{currency, value}` MonetaryAmount, "EUR only"; `period` is `YYYY-MM` in the example, `YYYY_MM`
//! in the table). The feature is "not activated by default": without it Powens refuses the call.

use super::decimal::optional_amount;
use rust_decimal::Decimal;
use serde::Deserialize;

/// Envelope of the amortizations list.
#[derive(Debug, Deserialize)]
pub struct AmortizationList {
    /// The periods. Required: an envelope without its list is a bad payload, not a repaid loan.
    pub loanamortizations: Vec<Amortization>,
}

/// One period of a loan's schedule.
#[derive(Debug, Clone, Deserialize)]
pub struct Amortization {
    /// The loan account. Required: a period of no loan cannot be placed.
    pub id_account: i64,
    /// Day of the payment.
    #[serde(default)]
    pub payment_date: Option<String>,
    /// `YYYY-MM` (or `YYYY_MM`, or `YYYY`).
    #[serde(default)]
    pub period: Option<String>,
    /// Principal repaid.
    #[serde(default)]
    pub amortization_amount: Option<MonetaryAmount>,
    /// Interest paid.
    #[serde(default)]
    pub interest_amount: Option<MonetaryAmount>,
    /// Insurance paid.
    #[serde(default)]
    pub insurance_amount: Option<MonetaryAmount>,
    /// The whole payment.
    #[serde(default)]
    pub total_payment_amount: Option<MonetaryAmount>,
    /// Capital still due after the payment.
    #[serde(default)]
    pub remaining_capital: Option<MonetaryAmount>,
    /// Figures Powens computed rather than read from the bank.
    #[serde(default)]
    pub calculated: Option<Vec<String>>,
    /// Set when the period no longer exists.
    #[serde(default)]
    pub deleted: Option<String>,
}

/// `{currency, value}`.
#[derive(Debug, Clone, Deserialize)]
pub struct MonetaryAmount {
    /// ISO 4217 code.
    #[serde(default)]
    pub currency: Option<String>,
    /// The amount.
    #[serde(default, deserialize_with = "optional_amount")]
    pub value: Option<Decimal>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_documented_period_decodes_exactly_and_a_list_is_required() {
        let json = r#"{"loanamortizations": [{"id_account": 1004, "payment_date": "2026-12-05", "period": "2026-12",
            "amortization_amount": {"currency": "EUR", "value": 777.37}, "interest_amount": {"currency": "EUR", "value": "330.54"},
            "insurance_amount": {"currency": "EUR", "value": 42.09}, "total_payment_amount": {"currency": "EUR", "value": 1150.0},
            "remaining_capital": {"currency": "EUR", "value": 200564.42}, "calculated": ["total_payment_amount"], "deleted": null}]}"#;
        let list: AmortizationList = serde_json::from_str(json).unwrap();
        let period = &list.loanamortizations[0];
        assert_eq!(period.interest_amount.as_ref().and_then(|a| a.value), Some(Decimal::from_str("330.54").unwrap()));
        assert_eq!(period.remaining_capital.as_ref().and_then(|a| a.value), Some(Decimal::from_str("200564.42").unwrap()));
        assert!(serde_json::from_str::<AmortizationList>("{}").is_err());
    }
}
