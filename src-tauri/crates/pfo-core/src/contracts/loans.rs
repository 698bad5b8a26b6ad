//! `openbanking.loans.sync` and `openbanking.loans.get`: the household's loans, what each still costs, and its
//! schedule.

use crate::app::App;
use crate::domain::{AccountId, Currency, LoanPeriod, LoanTerms, Timestamp};
use crate::error::Result;
use crate::profile::Mode;
use crate::store::{accounts, loans};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Contract name of the loans sync.
pub const SYNC: &str = "openbanking.loans.sync";
/// Contract name of the loans query.
pub const GET: &str = "openbanking.loans.get";

/// How many coming payments a loan lists.
pub const NEXT_PAYMENTS: usize = 3;

/// Input of `openbanking.loans.sync` (no options; unknown fields are refused).
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct LoansSyncInput {}

/// Output of `openbanking.loans.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LoansSyncOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// False when the provider's domain does not offer schedules (nothing was read or changed).
    pub available: bool,
    /// Loans with a schedule.
    pub loans: u32,
    /// Periods written or refreshed.
    pub periods: u32,
    /// When the sync ran.
    pub synced_at: Timestamp,
}

/// Reads every loan's schedule from the provider and stores it (see [`crate::sync::loans`]).
pub async fn sync(app: &App, _input: LoansSyncInput) -> Result<LoansSyncOutput> {
    crate::sync::loans::run(app).await
}

/// Input of `openbanking.loans.get`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct LoansGetInput {
    /// Also each loan's whole schedule (its paid periods kept, and those to come).
    #[serde(default)]
    pub schedule: bool,
}

/// One loan with what it still costs.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Loan {
    /// The loan account.
    pub account_id: AccountId,
    /// Its currency.
    pub currency: Currency,
    /// Capital still due: minus the account's balance, the bank's own figure; none without a balance.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub remaining_capital: Option<Decimal>,
    /// The bank's terms, when it describes the loan.
    pub terms: Option<LoanTerms>,
    /// The coming payments (at most [`NEXT_PAYMENTS`]) from the schedule.
    pub next_payments: Vec<LoanPeriod>,
    /// Interest still to pay after today, from the schedule, exact; none without a schedule.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub interest_to_pay: Option<Decimal>,
    /// Insurance still to pay after today, from the schedule, exact; none without a schedule.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub insurance_to_pay: Option<Decimal>,
    /// The last payment day of the schedule.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub last_payment: Option<NaiveDate>,
    /// The whole schedule, when asked for.
    pub schedule: Vec<LoanPeriod>,
}

/// Output of `openbanking.loans.get`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LoansGetOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// Every active loan account, by bank then name.
    pub loans: Vec<Loan>,
}

/// The loans from the store; never touches the network.
pub async fn get(app: &App, input: LoansGetInput) -> Result<LoansGetOutput> {
    let today = app.clock().now().date_naive();
    let (accounts, terms, periods) = app.store().call(|conn| Ok((accounts::list(conn, false)?, loans::terms(conn)?, loans::periods(conn)?))).await?;
    let loans = accounts
        .into_iter()
        .filter(|a| matches!(a.account_type, crate::domain::AccountType::Loan) || terms.iter().any(|t| t.account_id == a.id))
        .map(|account| {
            let schedule: Vec<LoanPeriod> = periods.iter().filter(|p| p.account_id == account.id).cloned().collect();
            let coming: Vec<&LoanPeriod> = schedule.iter().filter(|p| p.payment_date > today).collect();
            let sum = |part: fn(&LoanPeriod) -> Decimal| (!schedule.is_empty()).then(|| coming.iter().map(|p| part(p)).sum());
            Loan {
                currency: account.currency.clone(),
                remaining_capital: account.balance.map(|b| -b),
                terms: terms.iter().find(|t| t.account_id == account.id).cloned(),
                next_payments: coming.iter().take(NEXT_PAYMENTS).map(|p| (*p).clone()).collect(),
                interest_to_pay: sum(|p| p.interest),
                insurance_to_pay: sum(|p| p.insurance),
                last_payment: schedule.last().map(|p| p.payment_date),
                schedule: if input.schedule { schedule } else { Vec::new() },
                account_id: account.id,
            }
        })
        .collect();
    Ok(LoansGetOutput { mode: app.mode(), loans })
}
