//! The household can always recover: faults that once locked a profile for good (issue #14) each leave it usable.
//! Processes starting together share one profile, one refresh runs at a time across processes, a refused call does
//! not block the connection for ever, and the overview needs the slot like every other workflow.

use pfo_core::profile::{Mode, Profile};
use pfo_core::store::lock::{FileLock, REFRESH_LOCK};
use pfo_core::domain::RunStatus;
use pfo_core::store::runs;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, workspace_binary, HandClock, store_of};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::{start, LedgerConfig, SandboxConfig};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

fn sandbox_config(seed: u64) -> SandboxConfig {
    SandboxConfig { seed, ledger: LedgerConfig { transactions: 800, years: 1 }, ..SandboxConfig::default() }
}

/// Four `pfo accounts list` started at once on a fresh data folder, in several rounds: every process succeeds and
/// the profile they created opens afterwards. Before the profile lock, each process wrote its own profile id and
/// key, and the database ended up with a key nobody kept (`store.key_wrong`) in every round.
#[test]
fn processes_starting_together_on_a_fresh_folder_share_one_profile() {
    const ROUNDS: usize = 6;
    const PROCESSES: usize = 4;
    let pfo = workspace_binary("pfo");
    for round in 0..ROUNDS {
        let dir = data_dir();
        let children: Vec<_> = (0..PROCESSES)
            .map(|_| {
                Command::new(&pfo)
                    .arg("--data-dir")
                    .arg(dir.path())
                    .args(["accounts", "list", "--json"])
                    .env_remove("PFO_DATA_DIR")
                    .env("PFO_CLOCK", "2026-11-25T10:00:00Z")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start pfo")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wait for pfo");
            assert!(output.status.success(), "round {round}: {}", String::from_utf8_lossy(&output.stderr));
        }
        let after = Command::new(&pfo).arg("--data-dir").arg(dir.path()).args(["accounts", "list"]).env_remove("PFO_DATA_DIR").output().unwrap();
        assert!(after.status.success(), "round {round}: the profile no longer opens: {}", String::from_utf8_lossy(&after.stderr));
        let profile = Profile::open(dir.path(), Mode::Demo).unwrap();
        pfo_core::secrets::SecretStore::default().delete(&profile.database_key_entry()).unwrap();
    }
}

/// A refresh started while another process holds the refresh lock waits for it, then runs; a start meanwhile does
/// not close the other process's running run as interrupted.
#[tokio::test]
async fn one_refresh_at_a_time_across_processes_and_their_runs_are_left_alone() {
    let dir = data_dir();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    // Another process: it holds the refresh lock (its own open file) and has a run in progress.
    let elsewhere = FileLock::try_exclusive(&app.profile_dir().join(REFRESH_LOCK)).unwrap().expect("the lock is free");
    let run = store_of(&app).call(|conn| runs::start(conn, None, "pfo.workflow.sync-openbanking-transactions", pfo_core::domain::Timestamp::parse("2026-11-25T09:59:00Z").unwrap())).await.unwrap();

    let second_start = App::open(AppOptions::new(dir.path())).await.unwrap();
    let recorded = store_of(&second_start).call(move |conn| runs::get(conn, run)).await.unwrap();
    assert_eq!(recorded.status, RunStatus::Running, "a live process's run is not marked interrupted");

    let waiting = tokio::spawn({
        let app = app.clone();
        async move { workflow::refresh(&app, Arc::new(NoProgress)).await }
    });
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!waiting.is_finished(), "the refresh waits while another process refreshes");
    let history = store_of(&app).call(|conn| runs::recent(conn, 10)).await.unwrap();
    assert_eq!(history.len(), 1, "nothing ran while the other process held the lock");
    drop(elsewhere);
    let outcome = waiting.await.unwrap().unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs);
}

/// A call Powens refuses marks the connection in error, but the next refresh re-checks it with one cheap call and
/// runs once Powens accepts again; before, every later refresh was blocked for good.
#[tokio::test]
async fn a_refused_call_does_not_lock_the_household_out() {
    let sandbox = start(sandbox_config(41)).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);

    sandbox.inject(Fault::always(FaultKind::Status { status: 401 }).on_path("/transactions"));
    let failed = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(failed.runs[1].error_code.map(|c| c.as_str()), Some("powens.reauth_required"));
    let health = store_of(&app).call(|conn| runs::health(conn, "conn-powens-primary")).await.unwrap();
    assert!(matches!(health, Some(Some(_))), "the connection is recorded in error: {health:?}");

    sandbox.clear_faults();
    let before = sandbox.request_count();
    let recovered = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(recovered.status, RunStatus::Succeeded, "{:?}", recovered.runs);
    let health = store_of(&app).call(|conn| runs::health(conn, "conn-powens-primary")).await.unwrap();
    assert_eq!(health, Some(None), "the re-check cleared the error");
    // The re-check is one call (the connections listing) on top of the ordinary refresh.
    let calls = sandbox.request_count() - before;
    assert!(calls <= 1 + 3 * sandbox.household().connections.len() as u64, "{calls} calls");

    // The next start of another process sees the connection healthy.
    drop(app);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);
}

/// The overview workflow needs the `primaryOpenBanking` slot like the three sync workflows.
#[tokio::test]
async fn the_overview_workflow_runs_the_guardrail() {
    let dir = data_dir();
    drop(App::open(AppOptions::new(dir.path())).await.unwrap());
    let tenant = dir.path().join("demo/tenant.toml");
    let text = std::fs::read_to_string(&tenant).unwrap().replace("primaryOpenBanking = \"conn-powens-primary\"\n", "");
    std::fs::write(&tenant, text).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let (run, document) = workflow::generate_overview(&app, Default::default()).await.unwrap();
    assert_eq!(run.status, RunStatus::Blocked);
    assert_eq!(run.error_code.map(|c| c.as_str()), Some("guardrail.slot_unbound"));
    assert!(document.is_none(), "nothing was filed");
}

/// After an account is deleted at the bank, the consolidated totals per currency agree with the latest balances
/// (which list active accounts only): the deleted account's last snapshot is no longer carried forward.
#[tokio::test]
async fn consolidated_totals_leave_out_accounts_deleted_at_the_bank() {
    use pfo_core::contracts::balances::{self, BalancesGetInput};
    use rust_decimal::Decimal;
    use std::collections::BTreeMap;
    let sandbox = start(sandbox_config(42)).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    // Snapshot instants are whole seconds: the hand clock puts the two refreshes an hour apart, as in life.
    let clock = Arc::new(HandClock::at(chrono::Utc::now()));
    let app = App::open(AppOptions { data_dir: dir.path().to_path_buf(), clock: clock.clone() }).await.unwrap();
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);
    let deleted = sandbox.household().accounts.iter().find(|a| a.disabled.is_none()).expect("an active account").id;
    sandbox.delete_account(deleted);
    sandbox.advance(Duration::from_secs(3600));
    clock.advance(chrono::Duration::hours(1));
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);

    let output = balances::get(&app, BalancesGetInput::default()).await.unwrap();
    let mut latest: BTreeMap<String, Decimal> = BTreeMap::new();
    for record in output.latest.iter().filter(|b| b.balance_type == pfo_core::domain::BalanceType::Current) {
        *latest.entry(record.currency.to_string()).or_default() += record.amount;
    }
    let last_instant = output.consolidated.iter().map(|p| p.as_of).max().unwrap();
    let consolidated: BTreeMap<String, Decimal> =
        output.consolidated.iter().filter(|p| p.as_of == last_instant).map(|p| (p.currency.to_string(), p.amount)).collect();
    assert_eq!(consolidated, latest, "the newest consolidated totals are the sum of the latest balances");
    assert!(output.latest.iter().all(|b| b.account_id != format!("powens:{deleted}")), "the deleted account is not listed");
}

/// A page Powens sends that cannot be read stops the sync with the page named (never the value), keeps every page
/// before it, and the next sync resumes at that page instead of reading the whole history again.
#[tokio::test]
async fn a_bad_page_is_named_and_the_next_sync_resumes_there() {
    let sandbox = start(SandboxConfig { seed: 43, ledger: LedgerConfig { transactions: 2_500, years: 2 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    let profile = configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    workflow::run_named(&app, "pfo.workflow.sync-openbanking-accounts").await.unwrap();
    sandbox.inject(Fault::always(FaultKind::WrongType).on_path("/transactions").after(1));
    let failed = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(failed.error_code.map(|c| c.as_str()), Some("powens.bad_payload"));
    let message = failed.error_message.unwrap();
    assert!(message.contains("page 2 of this sync") && message.contains("transactions[0].value"), "{message}");
    let leaked = pfo_tests::seeded_values(&sandbox, Some(&profile)).into_iter().filter(|v| message.contains(v.as_str())).count();
    assert_eq!(leaked, 0, "the message names the page and the field, no value");
    let count = |app: &App| {
        let app = app.clone();
        async move { store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap() }
    };
    assert_eq!(count(&app).await, 1_000, "the first page is kept");

    // The same bad page again: the sync reads only that page, not the first one again.
    let before = sandbox.request_count();
    let again = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
    assert_eq!(again.status, RunStatus::Failed);
    assert!(again.error_message.unwrap().contains("resumed"), "the second run says it resumed");
    assert_eq!(sandbox.request_count() - before, 1, "one request: the page that failed");

    // Fixed at Powens: the sync resumes at page 2 and ends at exactly the truth.
    sandbox.clear_faults();
    let before = sandbox.request_count();
    let done = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
    assert_eq!(done.status, RunStatus::Succeeded, "{:?}", done.error_message);
    assert_eq!(sandbox.request_count() - before, 2, "pages 2 and 3 only");
    assert_eq!(count(&app).await as usize, sandbox.transactions().len());
    // And the next sync is an ordinary incremental one (the resume point was cleared).
    let next = workflow::run_named(&app, "pfo.workflow.sync-openbanking-transactions").await.unwrap();
    assert_eq!((next.status, next.inserted), (RunStatus::Succeeded, 0));
}

/// A live profile belongs to one Powens domain: switching the configuration to another domain opens a profile of
/// its own (the two households never mix, and no high-water mark of one is used on the other), and switching back
/// finds the first household's history as it was.
#[tokio::test]
async fn another_powens_domain_gets_a_store_of_its_own() {
    let first = start(sandbox_config(42)).await.unwrap();
    let second = start(sandbox_config(7)).await.unwrap();
    let dir = data_dir();
    let stored = |app: &App| {
        let app = app.clone();
        async move { store_of(&app).call(|conn| pfo_core::store::transactions::count(conn)).await.unwrap() as usize }
    };

    configure_live(dir.path(), &first);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);
    assert_eq!(stored(&app).await, first.transactions().len());
    let first_dir = app.profile_dir().to_path_buf();
    drop(app);

    let profile = configure_live(dir.path(), &second);
    assert_ne!(profile.dir, first_dir, "the second domain has a profile of its own");
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(app.profile_dir(), profile.dir);
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);
    assert_eq!(stored(&app).await, second.transactions().len(), "exactly the second household, nothing of the first");
    drop(app);

    configure_live(dir.path(), &first);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(app.profile_dir(), first_dir, "back on the first domain, its own profile");
    assert_eq!(stored(&app).await, first.transactions().len(), "its history as it was");
}
