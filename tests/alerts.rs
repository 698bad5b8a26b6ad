//! The alert centre against the sandbox: a quiet household raises nothing (its balances and transactions agree);
//! thresholds the household sets raise the money alerts; each alert is notified once, in words that name no
//! account, amount or bank, and its history says when it was raised and when it cleared; a transaction missing from
//! the store is caught by the balance check; switches and windows are validated and obeyed.

use pfo_core::alerts::{AlertKind, AlertSettings};
use pfo_core::domain::RunStatus;
use pfo_core::ops::alerts::{self, AlertHistoryInput};
use pfo_core::ops::NoInput;
use pfo_core::workflow::{self, progress::NoProgress, RefreshOutcome};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, seeded_values, store_of, HandClock};
use powens_sandbox::{start, LedgerConfig, RunningSandbox, SandboxConfig};
use rust_decimal::Decimal;
use std::sync::Arc;
use std::time::Duration;

fn anchor() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str("2026-11-25 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap()
}

async fn refresh(app: &App) -> RefreshOutcome {
    let outcome = workflow::refresh(app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs);
    outcome
}

async fn household(seed: u64) -> (RunningSandbox, tempfile::TempDir, Arc<HandClock>, App) {
    let sandbox = start(SandboxConfig { seed, ledger: LedgerConfig { transactions: 1_500, years: 1 }, anchor: Some(anchor()), ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let clock = Arc::new(HandClock::at(anchor().and_utc()));
    let app = App::open(AppOptions { clock: clock.clone(), ..AppOptions::new(dir.path()) }).await.unwrap();
    (sandbox, dir, clock, app)
}

fn advance(sandbox: &RunningSandbox, clock: &HandClock, days: u64) {
    sandbox.advance(Duration::from_secs(days * 86_400));
    clock.advance(chrono::Duration::days(days as i64));
}

#[tokio::test]
async fn thresholds_raise_the_money_alerts_each_is_notified_once_without_names_and_the_history_keeps_it() {
    let (sandbox, _dir, clock, app) = household(41).await;
    refresh(&app).await;
    advance(&sandbox, &clock, 1);
    let quiet = refresh(&app).await;
    assert!(quiet.notices.is_empty(), "a quiet household: {:?}", alerts::list(&app, NoInput {}).await.unwrap().alerts);
    assert!(alerts::list(&app, NoInput {}).await.unwrap().alerts.is_empty(), "its balances and transactions agree");

    // The household sets thresholds that this household's money crosses.
    let biggest = store_of(&app)
        .call(|conn| {
            let sql = "SELECT MAX(ABS(t.amount_e4)) FROM transactions t JOIN accounts a ON a.id = t.account_id
                       WHERE t.booked_on >= '2026-11-19' AND t.status = 'booked' AND a.status = 'active' AND t.currency = 'EUR'";
            Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap())
        })
        .await
        .unwrap();
    let settings = AlertSettings { large_movement: Some(Decimal::new(biggest, 4)), low_balance: Some(Decimal::from(1_000_000_000)), ..AlertSettings::default() };
    let saved = alerts::set_settings(&app, settings.clone()).await.unwrap();
    assert_eq!(alerts::settings(&app, NoInput {}).await.unwrap(), saved);
    let standing = alerts::list(&app, NoInput {}).await.unwrap();
    let large: Vec<_> = standing.alerts.iter().filter(|a| a.kind == AlertKind::LargeMovement).collect();
    assert!(!large.is_empty() && large.iter().all(|a| !a.needs_action), "the week's largest movement is at the threshold: {:?}", standing.alerts);
    let low: Vec<_> = standing.alerts.iter().filter(|a| a.kind == AlertKind::LowBalance).collect();
    assert!(!low.is_empty() && low.iter().all(|a| a.needs_action && a.account_id.is_some()), "every current account is below a billion");
    assert!(standing.needs_action);
    assert_eq!(standing.alerts.iter().position(|a| !a.needs_action).unwrap_or(standing.alerts.len()), standing.alerts.iter().filter(|a| a.needs_action).count(), "those needing someone come first");

    // The next refresh notifies each new alert once; the one after, nothing more.
    let first = refresh(&app).await;
    assert_eq!(first.notices.len(), standing.alerts.len(), "{:?}", first.notices);
    let shown = serde_json::to_string(&first.notices).unwrap();
    let leaks: Vec<_> = seeded_values(&sandbox, None).into_iter().filter(|value| shown.contains(value.as_str())).collect();
    assert!(leaks.is_empty(), "a notification shows {leaks:?}");
    for connection in &sandbox.household().connections {
        assert!(!shown.contains(connection.connector.name), "a notification names a bank");
    }
    assert!(!shown.chars().any(|c| c.is_ascii_digit()), "a notification shows no amount: {shown}");
    assert!(refresh(&app).await.notices.is_empty(), "standing alerts are not notified again");

    // Switched back off: the alerts clear, and the history says when.
    alerts::set_settings(&app, AlertSettings::default()).await.unwrap();
    advance(&sandbox, &clock, 1);
    refresh(&app).await;
    let history = alerts::history(&app, AlertHistoryInput::default()).await.unwrap();
    assert_eq!(history.len(), standing.alerts.len(), "one occurrence per alert raised: {history:?}");
    assert!(history.iter().all(|o| o.cleared_at.is_some() && o.last_seen_at >= o.raised_at), "{history:?}");

    // Silenced notifications keep the history but show nothing.
    alerts::set_settings(&app, AlertSettings { notify: false, ..settings }).await.unwrap();
    assert!(refresh(&app).await.notices.is_empty());
    let open = alerts::history(&app, AlertHistoryInput::default()).await.unwrap().into_iter().filter(|o| o.cleared_at.is_none()).count();
    let now_standing = alerts::list(&app, NoInput {}).await.unwrap().alerts.len();
    assert!(now_standing > 0 && open == now_standing, "every standing alert has its open occurrence: {open} of {now_standing}");
}

#[tokio::test]
async fn a_transaction_missing_from_the_store_is_caught_by_the_balance_check() {
    let (sandbox, _dir, clock, app) = household(43).await;
    refresh(&app).await;
    advance(&sandbox, &clock, 3);
    refresh(&app).await;
    assert!(alerts::list(&app, NoInput {}).await.unwrap().alerts.is_empty(), "three days of movements, all explained");

    // One booked movement between the two readings goes missing from the store (as a lost page would leave it): one
    // larger than what the two readings' own days could explain.
    let lost_account: String = store_of(&app)
        .call(|conn| {
            let day_sum = |day: &str| format!("ABS((SELECT COALESCE(SUM(d.amount_e4), 0) FROM transactions d WHERE d.account_id = t.account_id AND d.status = 'booked' AND d.booked_on = '{day}'))");
            let sql = format!(
                "SELECT t.id, a.name FROM transactions t JOIN accounts a ON a.id = t.account_id
                 WHERE t.status = 'booked' AND a.status = 'active' AND t.booked_on > '2026-11-25' AND t.booked_on < '2026-11-28'
                   AND ABS(t.amount_e4) > {} + {} ORDER BY ABS(t.amount_e4) DESC LIMIT 1",
                day_sum("2026-11-25"),
                day_sum("2026-11-28")
            );
            let (row, account): (i64, String) = conn.query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?))).expect("a movement no timing explains");
            conn.execute("UPDATE transactions SET status = 'deleted' WHERE id = ?1", [row]).unwrap();
            Ok(account)
        })
        .await
        .unwrap();
    let found = alerts::list(&app, NoInput {}).await.unwrap();
    let mismatch = found.alerts.iter().find(|a| a.kind == AlertKind::BalanceMismatch).unwrap_or_else(|| panic!("the gap is named: {:?}", found.alerts));
    assert!(mismatch.message.starts_with(&lost_account), "{}", mismatch.message);
    assert!(alerts::set_settings(&app, AlertSettings { stale_after_days: Some(0), ..AlertSettings::default() }).await.is_err(), "a zero-day window is refused");
    alerts::set_settings(&app, AlertSettings { balance_mismatch: false, ..AlertSettings::default() }).await.unwrap();
    assert!(alerts::list(&app, NoInput {}).await.unwrap().alerts.iter().all(|a| a.kind != AlertKind::BalanceMismatch), "switched off");
}
