//! Loans end to end against the sandbox: the mortgage's terms come with the accounts, its schedule with the loans
//! sync, and what it still costs equals the sandbox's own schedule worked out period by period; months later the
//! capital due and the next payment have moved with the bank; a domain without the feature refreshes as before.

use pfo_core::contracts::loans::{self, LoansGetInput};
use pfo_core::domain::RunStatus;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, HandClock};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::{start, LedgerConfig, RunningSandbox, SandboxConfig};
use rust_decimal::Decimal;
use std::sync::Arc;
use std::time::Duration;

fn anchor() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str("2026-11-25 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap()
}

async fn household() -> (RunningSandbox, tempfile::TempDir, Arc<HandClock>, App) {
    let sandbox = start(SandboxConfig { seed: 29, ledger: LedgerConfig { transactions: 1_000, years: 2 }, anchor: Some(anchor()), ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let clock = Arc::new(HandClock::at(anchor().and_utc()));
    let app = App::open(AppOptions { clock: clock.clone(), ..AppOptions::new(dir.path()) }).await.unwrap();
    (sandbox, dir, clock, app)
}

async fn refresh(app: &App) {
    let outcome = workflow::refresh(app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs);
}

fn minor(amount: i64) -> Decimal {
    Decimal::new(amount, 2)
}

#[tokio::test]
async fn what_the_mortgage_still_costs_equals_its_schedule() {
    let (sandbox, _dir, _clock, app) = household().await;
    refresh(&app).await;
    let (account, schedule) = sandbox.mortgage_schedule().unwrap();
    let (_, state) = sandbox.mortgage_state().unwrap();
    let output = loans::get(&app, LoansGetInput { schedule: true }).await.unwrap();
    let [loan] = &output.loans[..] else { panic!("one loan: {:?}", output.loans) };
    assert_eq!(loan.account_id.external(), account.to_string());
    assert_eq!(loan.remaining_capital, Some(minor(state.remaining_minor)), "minus the balance: the capital due");

    let terms = loan.terms.as_ref().expect("the bank describes the loan");
    assert_eq!(terms.loan_type.as_deref(), Some("mortgage"));
    assert_eq!(terms.payments_done, Some(state.payments_done as u32));
    assert_eq!(terms.next_payment_date, state.next.map(|p| p.payment_date));
    assert_eq!(terms.next_payment_amount, state.next.map(|p| minor(p.total_minor)));
    assert!(terms.insurance_rate_percent.is_some_and(|r| r > Decimal::ZERO && r < Decimal::ONE), "a ratio turned into percent: {terms:?}");

    // The schedule the bank lists from the first sync on, period by period, exactly.
    let today = anchor().date();
    let month_start = chrono::Datelike::with_day(&today, 1).unwrap();
    let listed: Vec<_> = schedule.iter().filter(|p| p.payment_date >= month_start).collect();
    assert_eq!(loan.schedule.len(), listed.len());
    for (stored, expected) in loan.schedule.iter().zip(&listed) {
        assert_eq!(stored.payment_date, expected.payment_date);
        assert_eq!((stored.principal, stored.interest, stored.insurance), (minor(expected.principal_minor), minor(expected.interest_minor), minor(expected.insurance_minor)));
        assert_eq!(stored.remaining_capital, minor(expected.remaining_minor));
        assert_eq!(stored.total, stored.principal + stored.interest + stored.insurance);
    }
    let coming: Vec<_> = schedule.iter().filter(|p| p.payment_date > today).collect();
    assert_eq!(loan.interest_to_pay, Some(coming.iter().map(|p| minor(p.interest_minor)).sum()));
    assert_eq!(loan.insurance_to_pay, Some(coming.iter().map(|p| minor(p.insurance_minor)).sum()));
    assert_eq!(loan.next_payments.len(), loans::NEXT_PAYMENTS);
    assert_eq!(loan.next_payments[0].payment_date, coming[0].payment_date);
    // The principal still to repay is the capital due: the schedule ends at zero.
    assert_eq!(coming.iter().map(|p| minor(p.principal_minor)).sum::<Decimal>(), loan.remaining_capital.unwrap());
    assert_eq!(loan.last_payment, schedule.last().map(|p| p.payment_date));
}

#[tokio::test]
async fn two_months_on_the_next_payment_and_the_capital_due_have_moved_with_the_bank() {
    let (sandbox, _dir, clock, app) = household().await;
    refresh(&app).await;
    let before = loans::get(&app, LoansGetInput { schedule: true }).await.unwrap().loans[0].clone();
    sandbox.advance(Duration::from_secs(62 * 86_400));
    clock.advance(chrono::Duration::days(62));
    refresh(&app).await;
    let later = loans::get(&app, LoansGetInput { schedule: true }).await.unwrap().loans[0].clone();
    let (_, state) = sandbox.mortgage_state().unwrap();
    assert_eq!(later.remaining_capital, Some(minor(state.remaining_minor)));
    assert!(later.remaining_capital < before.remaining_capital);
    assert_eq!(later.next_payments[0].payment_date, state.next.unwrap().payment_date);
    assert_eq!(later.schedule.first().map(|p| p.payment_date), before.schedule.first().map(|p| p.payment_date), "paid periods are kept");
    assert!(later.interest_to_pay < before.interest_to_pay, "two months of interest paid");
}

#[tokio::test]
async fn a_domain_without_loan_schedules_refreshes_as_before() {
    let (sandbox, _dir, _clock, app) = household().await;
    sandbox.inject(Fault::always(FaultKind::Status { status: 404 }).on_path("/amortizations"));
    refresh(&app).await;
    let output = loans::get(&app, LoansGetInput::default()).await.unwrap();
    let [loan] = &output.loans[..] else { panic!("one loan") };
    assert!(loan.terms.is_some(), "the terms come with the accounts");
    assert_eq!((loan.interest_to_pay, loan.next_payments.len()), (None, 0), "no schedule, nothing guessed");
}
