//! The fault matrix: each fault the sandbox can inject, against a full sync through the real client, provider and
//! encrypted store. Every row ends either complete and equal to the sandbox's truth, or stopped with a clear error
//! and the store holding only whole pages from before the failing one. The matrix is printed as it runs.

use pfo_core::domain::RunStatus;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, seeded_values, store_of};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::{start, LedgerConfig, SandboxConfig};
use std::sync::Arc;

/// What a row must end with.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// The refresh succeeds and the store equals the truth (the client retried or the fault was harmless).
    Complete,
    /// The transactions sync stops with this error code; the first page (1,000 rows) stays, nothing else.
    StopsAfterFirstPage(&'static str),
}

struct Row {
    name: &'static str,
    fault: Fault,
    expect: Expect,
}

fn matrix() -> Vec<Row> {
    let second_page = |kind| Fault::always(kind).on_path("/transactions").every(2).times(1);
    vec![
        Row { name: "429 twice, then served (Retry-After honoured)", fault: Fault::always(FaultKind::Status { status: 429 }).times(2), expect: Expect::Complete },
        Row { name: "502 twice", fault: Fault::always(FaultKind::Status { status: 502 }).times(2), expect: Expect::Complete },
        Row { name: "503 twice", fault: Fault::always(FaultKind::Status { status: 503 }).times(2), expect: Expect::Complete },
        Row { name: "504 twice", fault: Fault::always(FaultKind::Status { status: 504 }).times(2), expect: Expect::Complete },
        Row { name: "CloudFront HTML 503 page", fault: Fault::always(FaultKind::HtmlError).times(1), expect: Expect::Complete },
        Row { name: "connection dropped mid-body", fault: Fault::always(FaultKind::Drop).on_path("/transactions").times(1), expect: Expect::Complete },
        Row { name: "slow answers (300 ms)", fault: Fault::always(FaultKind::Latency { ms: 300 }).times(3), expect: Expect::Complete },
        Row { name: "401 on the second transactions page (token renewed, page asked again)", fault: second_page(FaultKind::Status { status: 401 }), expect: Expect::Complete },
        Row { name: "500 on the second transactions page", fault: second_page(FaultKind::Status { status: 500 }), expect: Expect::StopsAfterFirstPage("powens.failed") },
        Row { name: "truncated JSON on the second page", fault: second_page(FaultKind::Truncate), expect: Expect::StopsAfterFirstPage("powens.bad_payload") },
        Row { name: "wrong type on the second page", fault: second_page(FaultKind::WrongType), expect: Expect::StopsAfterFirstPage("powens.bad_payload") },
        Row { name: "no transactions list on the second page", fault: second_page(FaultKind::MissingList), expect: Expect::StopsAfterFirstPage("powens.bad_payload") },
        Row { name: "endless body on the second page", fault: second_page(FaultKind::Endless { status: None }), expect: Expect::StopsAfterFirstPage("powens.bad_payload") },
        Row { name: "missing field on the second page", fault: second_page(FaultKind::MissingField), expect: Expect::StopsAfterFirstPage("provider.bad_payload") },
        Row { name: "503 on every call (retries exhausted)", fault: Fault::always(FaultKind::Status { status: 503 }).on_path("/transactions").after(1), expect: Expect::StopsAfterFirstPage("powens.failed") },
    ]
}

#[tokio::test]
async fn every_fault_ends_complete_or_stopped_cleanly_with_whole_pages() {
    let mut report = Vec::new();
    for (index, row) in matrix().into_iter().enumerate() {
        let config = SandboxConfig { seed: 100 + index as u64, ledger: LedgerConfig { transactions: 1_600, years: 2 }, ..SandboxConfig::default() };
        let sandbox = start(config).await.unwrap();
        let dir = data_dir();
        let profile = configure_live(dir.path(), &sandbox);
        let app = App::open(AppOptions::new(dir.path())).await.unwrap();
        // Accounts first, without other faults, so the fault lands on the transactions stream.
        workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
        sandbox.inject(row.fault.clone());
        let run = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
        assert_eq!(sandbox.users_created(), 1, "{}: /auth/init was never repeated into a second user", row.name);
        let stored = store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap();
        let truth = sandbox.transactions().len() as u64;
        let outcome = match row.expect {
            Expect::Complete => {
                assert_eq!(run.status, RunStatus::Succeeded, "{}: {:?}", row.name, run.error_message);
                assert_eq!(stored, truth, "{}: store equals the truth", row.name);
                "complete, equal to the sandbox".to_string()
            }
            Expect::StopsAfterFirstPage(code) => {
                assert_eq!(run.status, RunStatus::Failed, "{}", row.name);
                assert_eq!(run.error_code.map(|c| c.as_str()), Some(code), "{}: {:?}", row.name, run.error_message);
                assert_eq!(stored, 1_000, "{}: only the whole first page was kept", row.name);
                let message = run.error_message.clone().unwrap_or_default();
                assert!(!message.is_empty(), "{}: the failure is explained", row.name);
                let leaked: Vec<_> = seeded_values(&sandbox, Some(&profile)).into_iter().filter(|value| message.contains(value.as_str())).collect();
                assert!(leaked.is_empty(), "{}: the message carries {} seeded value(s)", row.name, leaked.len());
                // The fault gone, the next sync completes to the truth.
                sandbox.clear_faults();
                let next = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
                assert_eq!(next.status, RunStatus::Succeeded, "{}: recovery", row.name);
                let recovered = store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap();
                assert_eq!(recovered, truth, "{}: recovered to the truth", row.name);
                format!("stopped [{code}] after page 1, then recovered")
            }
        };
        report.push(format!("| {} | {} |", row.name, outcome));
    }
    println!("| fault | outcome |\n|---|---|\n{}", report.join("\n"));
}

#[tokio::test]
async fn a_decode_error_names_the_json_path_that_failed() {
    let sandbox = start(SandboxConfig { seed: 150, ledger: LedgerConfig { transactions: 300, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
    sandbox.inject(Fault::always(FaultKind::WrongType).on_path("/transactions"));
    let run = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
    let message = run.error_message.unwrap();
    assert!(message.contains("transactions[0].value"), "{message}");
    assert_eq!(store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap(), 0, "nothing stored from that page");
}

#[tokio::test]
async fn an_endless_answer_to_auth_init_fails_the_first_sync_cleanly() {
    let sandbox = start(SandboxConfig { seed: 153, ledger: LedgerConfig { transactions: 100, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    // The incident: a body that never ended took `pfo connect` to 4.2 GB before anything gave up.
    sandbox.inject(Fault::always(FaultKind::Endless { status: None }).on_path("/auth/init").times(1));
    let run = workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_code.map(|c| c.as_str()), Some("powens.bad_payload"), "{:?}", run.error_message);
    let message = run.error_message.unwrap_or_default();
    assert!(message.contains("POST /auth/init") && message.contains("MiB"), "{message}");
    assert_eq!(sandbox.users_created(), 0, "the endless answer created no user");
    let next = workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
    assert_eq!(next.status, RunStatus::Succeeded, "the next run connects normally");
}

#[tokio::test]
async fn creating_the_user_is_never_retried_even_when_throttled() {
    let sandbox = start(SandboxConfig { seed: 152, ledger: LedgerConfig { transactions: 100, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    sandbox.inject(Fault::always(FaultKind::Status { status: 429 }).on_path("/auth/init").times(1));
    let before = sandbox.request_count();
    let run = workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(sandbox.request_count() - before, 1, "one /auth/init, not repeated");
    assert_eq!(sandbox.users_created(), 0);
    // The next run creates the user.
    let next = workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
    assert_eq!(next.status, RunStatus::Succeeded);
    assert_eq!(sandbox.users_created(), 1);
}

#[tokio::test]
async fn the_sandbox_rate_limit_is_survived_within_the_retry_budget() {
    let sandbox = start(SandboxConfig { seed: 151, ledger: LedgerConfig { transactions: 2_500, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    // The sandbox tier's limit, scaled down to a two-second window so the test trips it within one refresh; the
    // client waits for the window named by Retry-After instead of failing.
    sandbox.set_rate_limit(Some((3, std::time::Duration::from_secs(4))));
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs.last());
    assert!(sandbox.throttled_count() >= 1, "the limit was hit, and waited out");
    assert_eq!(sandbox.users_created(), 1, "the household's Powens user was created exactly once");
    assert_eq!(store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap(), sandbox.transactions().len() as u64);
}

#[tokio::test]
async fn a_full_refresh_of_the_demo_household_stays_within_the_sandbox_tier_limit() {
    // Powens' sandbox tier allows 30 calls a minute: a household trying the app on it must never meet a 429 on a
    // refresh, first or next.
    let sandbox = start(SandboxConfig { rate_limit: Some(powens_sandbox::SANDBOX_TIER_RATE_LIMIT), ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs.last());
    let first = sandbox.request_count();
    println!("first refresh of the demo household: {first} Powens calls");
    assert!(first <= powens_sandbox::SANDBOX_TIER_RATE_LIMIT.0 as u64, "the first refresh made {first} calls");
    assert_eq!(sandbox.throttled_count(), 0, "no call was refused");
}
