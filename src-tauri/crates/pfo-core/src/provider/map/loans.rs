//! Powens loans become canonical records here (a part of [`super`], the one wire boundary). Field by field:
//!
//! | canonical | Powens | notes |
//! |---|---|---|
//! | `LoanTerms.account_id` / `.currency` | the account's `id` / `currency.id` | only accounts with a `loan` object |
//! | `.borrowed` / `.rate_percent` | `loan.total_amount` / `loan.rate` | the rate is in percent |
//! | `.insurance_rate_percent` / `.insurance_amount` | `loan.insurance_rate` × 100 / `loan.insurance_amount` | Powens' insurance rate is a ratio |
//! | `.next_payment_amount` / `.next_payment_date` | `loan.next_payment_amount` / `loan.next_payment_date` | |
//! | `.subscription_date` / `.start_repayment_date` / `.maturity_date` | the same names | `YYYY-MM-DD`; unreadable days are dropped (a loan's terms never fail a sync) |
//! | `.payments_total` / `.payments_done` | `loan.nb_payments_total` / `nb_payments_done` | negative counts dropped |
//! | `LoanPeriod.account_id` / `.payment_date` | `id_account` / `payment_date` | both required |
//! | `.principal` / `.interest` / `.insurance` / `.total` / `.remaining_capital` | `amortization_amount` / `interest_amount` / `insurance_amount` / `total_payment_amount` / `remaining_capital`, each `.value` | `{currency, value}`; principal and remaining capital required, the others 0 when absent; one currency per period |
//! | `.calculated` | `calculated[]` | |
//!
//! A period marked `deleted` is left out: the bank no longer has it in the schedule.

use crate::domain::{AccountId, Currency, LoanPeriod, LoanTerms, Timestamp};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use powens_client::model;
use rust_decimal::Decimal;

const PROVIDER: &str = super::PROVIDER;

/// The terms of every account that carries a loan object.
pub fn loan_terms(accounts: &[model::Account], synced_at: Timestamp) -> Vec<LoanTerms> {
    accounts
        .iter()
        .filter_map(|account| {
            let loan = account.loan.as_ref()?;
            let currency = account.currency.as_ref().and_then(|c| Currency::parse("currency", &c.id).ok())?;
            let day = |text: &Option<String>| text.as_deref().and_then(|t| NaiveDate::parse_from_str(t.get(..10).unwrap_or(t), "%Y-%m-%d").ok());
            let count = |n: Option<i64>| n.and_then(|n| u32::try_from(n).ok());
            Some(LoanTerms {
                account_id: AccountId::new(PROVIDER, &account.id.to_string()),
                loan_type: loan.loan_type.clone().filter(|t| !t.trim().is_empty()),
                currency,
                borrowed: loan.total_amount,
                rate_percent: loan.rate,
                insurance_rate_percent: loan.insurance_rate.map(|r| r * Decimal::ONE_HUNDRED),
                insurance_amount: loan.insurance_amount,
                next_payment_amount: loan.next_payment_amount,
                next_payment_date: day(&loan.next_payment_date),
                subscription_date: day(&loan.subscription_date),
                start_repayment_date: day(&loan.start_repayment_date),
                maturity_date: day(&loan.maturity_date),
                payments_total: count(loan.nb_payments_total),
                payments_done: count(loan.nb_payments_done),
                synced_at,
            })
        })
        .collect()
}

/// Maps a whole schedule listing; fails as a whole if one period cannot be read.
pub fn loan_periods(wire: &[model::Amortization], synced_at: Timestamp) -> Result<Vec<LoanPeriod>> {
    wire.iter().filter(|p| p.deleted.is_none()).map(|p| period(p, synced_at)).collect()
}

fn period(wire: &model::Amortization, synced_at: Timestamp) -> Result<LoanPeriod> {
    let account = wire.id_account;
    let refuse = |what: &str| Error::ProviderPayload { reason: format!("an amortization of loan account {account} {what}") };
    let payment_date = wire
        .payment_date
        .as_deref()
        .and_then(|t| NaiveDate::parse_from_str(t.get(..10).unwrap_or(t), "%Y-%m-%d").ok())
        .ok_or_else(|| refuse("has no readable `payment_date`"))?;
    let amounts = [&wire.amortization_amount, &wire.interest_amount, &wire.insurance_amount, &wire.total_payment_amount, &wire.remaining_capital];
    let mut currencies = amounts.iter().filter_map(|a| a.as_ref().and_then(|a| a.currency.as_deref()));
    let code = currencies.next().unwrap_or("EUR");
    if currencies.any(|other| !other.eq_ignore_ascii_case(code)) {
        return Err(refuse("mixes currencies"));
    }
    let currency = Currency::parse("currency", code).map_err(|_| refuse("has no valid currency"))?;
    let value = |amount: &Option<model::MonetaryAmount>| amount.as_ref().and_then(|a| a.value);
    let principal = value(&wire.amortization_amount).ok_or_else(|| refuse("has no `amortization_amount`"))?;
    let remaining_capital = value(&wire.remaining_capital).ok_or_else(|| refuse("has no `remaining_capital`"))?;
    let interest = value(&wire.interest_amount).unwrap_or_default();
    let insurance = value(&wire.insurance_amount).unwrap_or_default();
    Ok(LoanPeriod {
        account_id: AccountId::new(PROVIDER, &account.to_string()),
        payment_date,
        currency,
        principal,
        interest,
        insurance,
        total: value(&wire.total_payment_amount).unwrap_or(principal + interest + insurance),
        remaining_capital,
        calculated: wire.calculated.clone().unwrap_or_default(),
        synced_at,
    })
}
