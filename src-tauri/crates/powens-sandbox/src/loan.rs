//! The mortgage's amortization schedule: a French constant-payment annuity, in exact cents, and the loan's state
//! at a clock reading (payments made, next and last payment, remaining capital).
//!
//! The schedule is the loan's truth: the ledger books each payment from it (the current account pays the whole
//! instalment, the loan account receives the principal part, so the loan account's balance is minus the remaining
//! capital), the account's `loan` object is read from it at the sandbox clock, and `GET …/amortizations` serves it.
//! Interest is the monthly rate (the yearly rate over twelve) on the capital still due, rounded to the cent; the
//! principal part is the constant instalment minus that interest; the last period repays whatever capital is left,
//! so the principal parts add up exactly to the borrowed amount. Insurance is a constant monthly premium on the
//! borrowed amount, paid on top of the instalment.

use crate::household::Loan;
use crate::ledger::Instant;
use chrono::{Datelike, NaiveDate};

/// What one monthly payment of the loan is made of, in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// 1 for the first payment.
    pub number: i64,
    /// The day the payment is debited.
    pub payment_date: NaiveDate,
    /// The capital repaid (Powens' `amortization_amount`).
    pub principal_minor: i64,
    /// The interest of the period.
    pub interest_minor: i64,
    /// The insurance premium of the period.
    pub insurance_minor: i64,
    /// Principal, interest and insurance: what the current account pays.
    pub total_minor: i64,
    /// Capital still due once this payment is made.
    pub remaining_minor: i64,
}

/// Monthly interest on `capital` at a yearly rate of `rate_bp` basis points, rounded half up to the cent.
fn interest(capital: i64, rate_bp: i64) -> i64 {
    (capital * rate_bp + 60_000) / 120_000
}

/// The capital still due after `payments` instalments of `installment` on a loan of `principal` (negative when the
/// instalments repay more than was borrowed).
fn remaining_after(principal: i64, rate_bp: i64, installment: i64, payments: i64) -> i64 {
    (0..payments).fold(principal, |capital, _| capital + interest(capital, rate_bp) - installment)
}

/// The largest amount that `payments` constant instalments of `installment` repay at `rate_bp`: the borrowed amount
/// of a loan whose instalment is known. Integer bisection, so the result is the same on every platform.
pub fn principal_for(installment: i64, rate_bp: i64, payments: i64) -> i64 {
    let (mut low, mut high) = (0, installment * payments);
    while low < high {
        let middle = (low + high + 1) / 2;
        if remaining_after(middle, rate_bp, installment, payments) <= 0 {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    low
}

/// The day of the `number`-th payment (1-based): a month after the previous one, on the first payment's day.
fn payment_date(first: NaiveDate, number: i64) -> NaiveDate {
    let months = first.month0() as i64 + number - 1;
    let (year, month) = (first.year() + (months / 12) as i32, (months % 12) as u32 + 1);
    // The ledger pays on the 5th, so every month has the day; fall back to the month's last day otherwise.
    (0..4).find_map(|back| NaiveDate::from_ymd_opt(year, month, first.day() - back)).expect("a valid payment day")
}

/// The loan's first payment date.
pub fn first_payment(loan: &Loan) -> NaiveDate {
    NaiveDate::parse_from_str(&loan.start_repayment_date, "%Y-%m-%d").expect("the start of repayment is a date")
}

/// The whole amortization schedule of `loan`, first payment first.
pub fn schedule(loan: &Loan) -> Vec<Period> {
    let first = first_payment(loan);
    let mut capital = loan.total_amount_minor;
    (1..=loan.nb_payments_total)
        .map(|number| {
            let interest = interest(capital, loan.rate_bp);
            // The last period repays what is left, absorbing every rounding of the ones before.
            let principal = if number == loan.nb_payments_total { capital } else { (loan.installment_minor - interest).min(capital) };
            capital -= principal;
            Period {
                number,
                payment_date: payment_date(first, number),
                principal_minor: principal,
                interest_minor: interest,
                insurance_minor: loan.insurance_minor,
                total_minor: principal + interest + loan.insurance_minor,
                remaining_minor: capital,
            }
        })
        .collect()
}

/// When a payment counts as made: when the ledger books it, at 06:00 on its date (the ledger scrapes the loan's
/// payments without jitter so that the loan account's balance and the loan's state switch at the same instant).
pub fn paid_at(period: &Period) -> Instant {
    crate::ledger::instant(period.payment_date.and_hms_opt(6, 0, 0).expect("a valid time"))
}

/// The capital still due at the end of the ledger's pivot day, when every account has its seeded balance.
pub fn remaining_at_pivot(loan: &Loan) -> i64 {
    let pivot = crate::ledger::instant(crate::ledger::PIVOT.and_hms_opt(23, 59, 59).expect("a valid time"));
    state_at(loan, &schedule(loan), pivot).remaining_minor
}

/// The loan as its bank shows it at one clock reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanState {
    /// Payments made so far.
    pub payments_done: i64,
    /// Capital still due, minor units (the loan account's balance is its opposite).
    pub remaining_minor: i64,
    /// The next payment to come, if any.
    pub next: Option<Period>,
    /// The last payment made, if any.
    pub last: Option<Period>,
}

/// The state of a loan with `schedule` at `now`.
pub fn state_at(loan: &Loan, schedule: &[Period], now: Instant) -> LoanState {
    let done = schedule.iter().take_while(|p| paid_at(p) <= now).count();
    LoanState {
        payments_done: done as i64,
        remaining_minor: if done == 0 { loan.total_amount_minor } else { schedule[done - 1].remaining_minor },
        next: schedule.get(done).copied(),
        last: done.checked_sub(1).map(|i| schedule[i]),
    }
}

/// One row of the amortizations Powens serves for a loan account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmortizationTruth {
    /// Powens account id.
    pub account_id: i64,
    /// The period's figures.
    pub period: Period,
    /// When Powens last refreshed the table (`last_update`).
    pub last_update: chrono::NaiveDateTime,
}

/// The amortizations Powens serves at `now` for the loan account `account_id` with `schedule`, first synced at
/// `anchor`. Powens' guide: the tables are "updated once a month, starting from the current month", and "the
/// amortization will begin at the earliest on the date of the first synchronization". So the rows are the periods
/// from the anchor's month on; the table is refreshed at the anchor, then at 06:00 on the first of each month.
pub fn amortizations_at(account_id: i64, schedule: &[Period], anchor: Instant, now: Instant) -> Vec<AmortizationTruth> {
    let start = crate::ledger::datetime(anchor);
    let first_month = start.date().with_day(1).expect("every month has a first");
    let mut refreshed = anchor;
    let mut month = first_month;
    loop {
        month = month.checked_add_months(chrono::Months::new(1)).expect("a next month");
        let refresh = crate::ledger::instant(month.and_hms_opt(6, 0, 0).expect("a valid time"));
        if refresh > now {
            break;
        }
        refreshed = refresh;
    }
    let last_update = crate::ledger::datetime(refreshed);
    schedule
        .iter()
        .filter(|p| p.payment_date >= first_month)
        .map(|period| AmortizationTruth { account_id, period: *period, last_update })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loan(rate_bp: i64, installment: i64, insurance: i64) -> Loan {
        Loan {
            total_amount_minor: principal_for(installment, rate_bp, 240),
            rate_bp,
            nb_payments_total: 240,
            installment_minor: installment,
            insurance_minor: insurance,
            insurance_rate_bp: 30,
            loan_type: "mortgage",
            subscription_date: "2019-03-18".into(),
            start_repayment_date: "2019-04-05".into(),
            maturity_date: "2039-03-05".into(),
        }
    }

    #[test]
    fn the_principal_parts_add_up_to_the_borrowed_amount_and_each_period_adds_up() {
        for (rate_bp, installment, insurance) in [(95, 110_000, 5_000), (152, 109_421, 5_579), (210, 100_000, 15_000), (0, 50_000, 0)] {
            let loan = loan(rate_bp, installment, insurance);
            let periods = schedule(&loan);
            assert_eq!(periods.len(), 240);
            assert_eq!(periods.iter().map(|p| p.principal_minor).sum::<i64>(), loan.total_amount_minor, "rate {rate_bp}");
            assert_eq!(periods.last().unwrap().remaining_minor, 0);
            let mut capital = loan.total_amount_minor;
            for period in &periods {
                assert_eq!(period.interest_minor, interest(capital, rate_bp), "interest on the capital due");
                assert_eq!(period.total_minor, period.principal_minor + period.interest_minor + period.insurance_minor);
                capital -= period.principal_minor;
                assert_eq!(period.remaining_minor, capital);
                if period.number < 240 {
                    assert_eq!(period.principal_minor + period.interest_minor, installment, "a constant instalment");
                }
            }
            let last = periods.last().unwrap();
            assert!((last.principal_minor + last.interest_minor - installment).abs() <= 2, "the last one absorbs cents only: {last:?}");
        }
    }

    #[test]
    fn the_borrowed_amount_is_the_most_the_instalments_repay() {
        let amount = principal_for(109_421, 152, 240);
        assert!(remaining_after(amount, 152, 109_421, 240) <= 0);
        assert!(remaining_after(amount + 1, 152, 109_421, 240) > 0);
        // About what the annuity formula gives: 1,094.21 a month over 20 years at 1.52 % repays some 225,000.
        assert!((22_400_000..22_700_000).contains(&amount), "{amount}");
    }

    #[test]
    fn payments_fall_monthly_on_the_same_day_and_count_at_six_in_the_morning() {
        let loan = loan(152, 109_421, 5_579);
        let periods = schedule(&loan);
        assert_eq!(periods[0].payment_date, NaiveDate::from_ymd_opt(2019, 4, 5).unwrap());
        assert_eq!(periods[9].payment_date, NaiveDate::from_ymd_opt(2020, 1, 5).unwrap());
        assert_eq!(periods[239].payment_date, NaiveDate::from_ymd_opt(2039, 3, 5).unwrap());
        let at = |text: &str| crate::ledger::instant(chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap());
        let before = state_at(&loan, &periods, at("2020-01-05 05:59:59"));
        let after = state_at(&loan, &periods, at("2020-01-05 06:00:00"));
        assert_eq!((before.payments_done, after.payments_done), (9, 10));
        assert_eq!(before.next, Some(periods[9]));
        assert_eq!(after.last, Some(periods[9]));
        assert_eq!(after.remaining_minor, periods[9].remaining_minor);
        assert_eq!(before.remaining_minor - after.remaining_minor, periods[9].principal_minor);
        let start = state_at(&loan, &periods, at("2019-03-20 12:00:00"));
        assert_eq!((start.payments_done, start.remaining_minor, start.last), (0, loan.total_amount_minor, None));
        let end = state_at(&loan, &periods, at("2040-01-01 00:00:00"));
        assert_eq!((end.payments_done, end.remaining_minor, end.next), (240, 0, None));
    }
}
