//! Investments end to end against the sandbox: a refresh stores every position exactly as the sandbox's truth has
//! it; each later day adds one value per position (history builds up locally); a sold line ends and keeps its
//! history; the balance sheet adds up to the household's net worth; a domain without the wealth product refreshes
//! as before; a bad investments payload changes nothing; a position the bank has not valued is kept unvalued.

use pfo_core::contracts::investments::{self, InvestmentHistoryInput, InvestmentsListInput};
use pfo_core::domain::RunStatus;
use pfo_core::ops::household::HouseholdViewInput;
use pfo_core::wealth::WealthInput;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, HandClock};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::portfolio::PositionTruth;
use powens_sandbox::{start, LedgerConfig, RunningSandbox, SandboxConfig};
use rust_decimal::Decimal;
use std::sync::Arc;
use std::time::Duration;

const ANCHOR: &str = "2026-11-25 10:00:00";

fn anchor() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(ANCHOR, "%Y-%m-%d %H:%M:%S").unwrap()
}

struct Household {
    sandbox: RunningSandbox,
    _dir: tempfile::TempDir,
    clock: Arc<HandClock>,
    app: App,
}

async fn household() -> Household {
    let sandbox = start(SandboxConfig { seed: 23, ledger: LedgerConfig { transactions: 1_500, years: 2 }, anchor: Some(anchor()), ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let clock = Arc::new(HandClock::at(anchor().and_utc()));
    let app = App::open(AppOptions { clock: clock.clone(), ..AppOptions::new(dir.path()) }).await.unwrap();
    Household { sandbox, _dir: dir, clock, app }
}

async fn refresh(household: &Household) -> pfo_core::workflow::RefreshOutcome {
    let outcome = workflow::refresh(&household.app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs);
    outcome
}

/// Moves both clocks on by `days` (the app's and the sandbox's).
fn advance(household: &Household, days: u64) {
    household.sandbox.advance(Duration::from_secs(days * 86_400));
    household.clock.advance(chrono::Duration::days(days as i64));
}

fn minor(amount: i64) -> Decimal {
    Decimal::new(amount, 2)
}

/// The positions the sandbox holds now (not sold).
fn held(sandbox: &RunningSandbox) -> Vec<PositionTruth> {
    sandbox.positions().into_iter().filter(|p| p.deleted.is_none()).collect()
}

#[tokio::test]
async fn a_refresh_stores_every_position_exactly_as_the_bank_reports_it() {
    let household = household().await;
    refresh(&household).await;
    let listing = investments::list(&household.app, InvestmentsListInput::default()).await.unwrap();
    let truth = held(&household.sandbox);
    assert!(truth.len() >= 10, "the demo household holds a PEA, a life insurance and a securities account");
    assert_eq!(listing.positions.len(), truth.len());
    for expected in &truth {
        let line = listing.positions.iter().find(|l| l.position.id.external() == expected.id.to_string()).unwrap_or_else(|| panic!("position {}", expected.id));
        let position = &line.position;
        assert_eq!(position.account_id.external(), expected.account_id.to_string());
        assert_eq!(position.currency.as_str(), expected.currency);
        assert_eq!(position.valuation, Some(minor(expected.valuation_minor)), "{}", expected.id);
        assert_eq!(position.quantity, expected.quantity_e6.map(|q| Decimal::new(q, 6)), "{}", expected.id);
        assert_eq!(position.unit_value, expected.unitvalue_e4.map(|v| Decimal::new(v, 4)), "{}", expected.id);
        assert_eq!(position.unit_price, expected.unitprice_e4.map(|v| Decimal::new(v, 4)), "{}", expected.id);
        assert_eq!(position.gain, Some(minor(expected.diff_minor)), "{}", expected.id);
        assert_eq!(position.value_date, Some(expected.vdate), "{}", expected.id);
        assert_eq!(line.fraction, Decimal::ONE, "the household holds everything whole");
    }
    // Each account's total is the sum of its positions, as the sandbox's account valuation says.
    for portfolio in &listing.portfolios {
        let account: i64 = portfolio.account_id.external().parse().unwrap();
        let expected = household.sandbox.account_wealth(account).unwrap().valuation_minor;
        assert_eq!(portfolio.valuation, minor(expected), "{}", portfolio.account_id);
        assert_eq!(portfolio.unvalued, 0);
    }
}

#[tokio::test]
async fn each_day_adds_one_value_per_position_and_a_sold_line_ends_with_its_history_kept() {
    let household = household().await;
    refresh(&household).await;
    // A second refresh the same day changes nothing and keeps one value per day.
    let again = refresh(&household).await;
    let investments_run = again.runs.iter().find(|r| r.workflow == pfo_core::blueprint::SYNC_INVESTMENTS).unwrap();
    assert_eq!((investments_run.inserted, investments_run.updated, investments_run.removed), (0, 0, 0));

    let before: Vec<i64> = held(&household.sandbox).iter().map(|p| p.id).collect();
    for _ in 0..30 {
        advance(&household, 1);
        refresh(&household).await;
    }
    let after: Vec<i64> = held(&household.sandbox).iter().map(|p| p.id).collect();
    let sold: Vec<i64> = before.iter().copied().filter(|id| !after.contains(id)).collect();
    assert_eq!(sold.len(), 1, "the sandbox sells one PEA line within the month");

    let listing = investments::list(&household.app, InvestmentsListInput::default()).await.unwrap();
    assert!(listing.positions.iter().all(|l| !sold.contains(&l.position.id.external().parse().unwrap())), "an ended line is not held");
    let with_ended = investments::list(&household.app, InvestmentsListInput { include_ended: true, ..Default::default() }).await.unwrap();
    let ended = with_ended.positions.iter().find(|l| l.position.id.external() == sold[0].to_string()).unwrap();
    let truth = household.sandbox.positions().into_iter().find(|p| p.id == sold[0]).unwrap();
    assert_eq!(ended.position.ended_on, truth.deleted, "ended on the day the bank says");

    // A held line: one value per quote day seen, each equal to the sandbox's quote of that day.
    let line = &listing.positions.iter().find(|l| l.position.unit_value.is_some()).unwrap().position;
    let history = investments::history(&household.app, InvestmentHistoryInput { position_id: line.id.to_string() }).await.unwrap().snapshots;
    let days: Vec<_> = history.iter().map(|s| s.value_date).collect();
    let mut unique = days.clone();
    unique.dedup();
    assert_eq!(days, unique, "one value per day");
    assert!(history.len() >= 20, "about a month of business days: {}", history.len());
    let quotes = household.sandbox.investment_history(line.id.external().parse().unwrap());
    for snapshot in &history {
        let quote = quotes.iter().find(|(day, _)| *day == snapshot.value_date).map(|(_, e4)| Decimal::new(*e4, 4));
        assert_eq!(snapshot.unit_value, quote, "{} on {}", line.id, snapshot.value_date);
    }
    // Its return since the first value: for a line whose units never changed, the ratio of its last value to its
    // first, exactly (worked out here from the stored values, independently of the core's chaining).
    let history_output = investments::history(&household.app, InvestmentHistoryInput { position_id: line.id.to_string() }).await.unwrap();
    let steady = history_output.snapshots.windows(2).all(|w| w[0].quantity == w[1].quantity);
    let since = history_output.returns.iter().find(|r| r.period == pfo_core::wealth::performance::ReturnPeriod::SinceFirst).unwrap();
    if steady {
        let (first, last) = (&history_output.snapshots[0], history_output.snapshots.last().unwrap());
        // Chained ratios and one ratio agree to Decimal's precision (28 digits): compared to twelve places.
        assert_eq!(since.time_weighted.map(|r| r.round_dp(12)), Some((last.valuation / first.valuation - Decimal::ONE).round_dp(12)));
    }
    assert!(since.money_weighted.is_some() || since.money_weighted_missing.is_some());
    // The sold line keeps the values it had.
    let sold_history = investments::history(&household.app, InvestmentHistoryInput { position_id: ended.position.id.to_string() }).await.unwrap().snapshots;
    assert!(!sold_history.is_empty());
    assert!(sold_history.iter().all(|s| Some(s.value_date) <= truth.deleted), "no value after the sale day");
}

#[tokio::test]
async fn the_balance_sheet_adds_up_to_the_household_net_worth() {
    let household = household().await;
    refresh(&household).await;
    for (currency, rate) in [("USD", "0.92"), ("CHF", "1.06")] {
        pfo_core::ops::consolidation::set_rate(&household.app, serde_json::from_value(serde_json::json!({"currency": currency, "rate": rate})).unwrap()).await.unwrap();
    }
    let sheet = pfo_core::ops::wealth::get(&household.app, WealthInput::default()).await.unwrap();
    let view = pfo_core::ops::household::household_view(&household.app, HouseholdViewInput::default()).await.unwrap();
    assert_eq!(sheet.net_worth, view.net_worth, "the same accounts at the same balances");
    assert_eq!(sheet.by_class.iter().map(|c| c.amount).sum::<Decimal>(), sheet.net_worth.unwrap());
    assert_eq!(sheet.assets - sheet.liabilities, sheet.net_worth.unwrap());
    assert!(sheet.unconverted.is_empty());
    for account in &sheet.accounts {
        assert_eq!(Some(account.composition.iter().map(|l| l.amount).sum::<Decimal>()), account.value, "{}", account.account_id);
    }
    // Every held position is in exactly one holding part.
    let parts: usize = sheet.holdings.iter().map(|h| h.parts.len()).sum();
    assert_eq!(parts, held(&household.sandbox).len());
}

#[tokio::test]
async fn a_domain_without_the_wealth_product_refreshes_as_before() {
    let household = household().await;
    household.sandbox.inject(Fault::always(FaultKind::Status { status: 404 }).on_path("/investments"));
    let outcome = refresh(&household).await;
    let run = outcome.runs.iter().find(|r| r.workflow == pfo_core::blueprint::SYNC_INVESTMENTS).unwrap();
    assert_eq!((run.status, run.received), (RunStatus::Succeeded, 0));
    assert!(investments::list(&household.app, InvestmentsListInput::default()).await.unwrap().positions.is_empty());
}

#[tokio::test]
async fn a_bad_investments_payload_fails_the_run_and_changes_nothing() {
    let household = household().await;
    refresh(&household).await;
    let stored = investments::list(&household.app, InvestmentsListInput::default()).await.unwrap();
    advance(&household, 3);
    for kind in [FaultKind::WrongType, FaultKind::MissingList, FaultKind::Truncate] {
        household.sandbox.clear_faults();
        household.sandbox.inject(Fault::always(kind.clone()).on_path("/investments"));
        let outcome = workflow::refresh(&household.app, Arc::new(NoProgress)).await.unwrap();
        let run = outcome.runs.iter().find(|r| r.workflow == pfo_core::blueprint::SYNC_INVESTMENTS).unwrap();
        assert_eq!(run.status, RunStatus::Failed, "{kind:?}");
        let message = run.error_message.clone().unwrap_or_default();
        assert!(!message.is_empty(), "{kind:?}: the run says what went wrong");
        let now = investments::list(&household.app, InvestmentsListInput::default()).await.unwrap();
        let values = |l: &pfo_core::contracts::investments::InvestmentsListOutput| l.positions.iter().map(|p| (p.position.id.clone(), p.position.valuation)).collect::<Vec<_>>();
        assert_eq!(values(&now), values(&stored), "{kind:?}: nothing half-written");
    }
    // A position the bank has not valued (yet) is no bad payload: it is stored unvalued, never guessed.
    household.sandbox.clear_faults();
    household.sandbox.inject(Fault::always(FaultKind::MissingField).on_path("/investments"));
    refresh(&household).await;
    let listing = investments::list(&household.app, InvestmentsListInput::default()).await.unwrap();
    assert_eq!(listing.positions.iter().filter(|l| l.position.valuation.is_none()).count(), 1);
    assert_eq!(listing.portfolios.iter().map(|p| p.unvalued).sum::<u32>(), 1);
}

#[tokio::test]
async fn market_orders_are_stored_as_the_bank_reports_them_and_a_pending_one_executes() {
    let household = household().await;
    refresh(&household).await;
    let stored = investments::orders(&household.app, Default::default()).await.unwrap().orders;
    let truth = household.sandbox.market_orders();
    assert!(!truth.is_empty());
    assert_eq!(stored.len(), truth.len());
    for expected in &truth {
        let order = stored.iter().find(|o| o.id == format!("powens:{}", expected.id)).unwrap_or_else(|| panic!("order {}", expected.id));
        assert_eq!(order.account_id.external(), expected.account_id.to_string());
        assert_eq!(order.quantity, Some(Decimal::new(expected.quantity_e6, 6)), "{}", expected.id);
        assert_eq!(order.amount, expected.amount_minor.map(minor), "{}", expected.id);
        assert_eq!(order.execution_price, expected.unitprice_e4.map(|p| Decimal::new(p, 4)), "{}", expected.id);
        assert_eq!(order.state.as_deref(), Some(expected.state));
        assert_eq!(order.executed_at, expected.execution_date);
    }
    let pending: Vec<_> = stored.iter().filter(|o| o.executed_at.is_none()).map(|o| o.id.clone()).collect();
    assert_eq!(pending.len(), 1, "the Apple limit order waits");
    // Past its execution (2026-11-30 15:45 for a start on 2026-11-25), the same order is executed, not duplicated.
    advance(&household, 6);
    refresh(&household).await;
    let later = investments::orders(&household.app, Default::default()).await.unwrap().orders;
    let executed = later.iter().find(|o| o.id == pending[0]).unwrap();
    assert!(executed.executed_at.is_some() && executed.execution_price.is_some(), "{executed:?}");
    assert_eq!(later.len(), household.sandbox.market_orders().len());
}
