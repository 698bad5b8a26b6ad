//! The workflow runner end to end: Refresh runs the three open-banking workflows after the guardrail, records every
//! run, writes redacted telemetry, joins a refresh already running, and refuses unhealthy connections with the
//! reason and the fix.

use pfo_core::blueprint::{REFRESH_BALANCES, SYNC_ACCOUNTS, SYNC_TRANSACTIONS};
use pfo_core::contracts::transactions;
use pfo_core::secrets::{SecretStore, SecretString};
use pfo_core::domain::{RunStatus, Timestamp};
use pfo_core::store::runs;
use pfo_core::workflow::{self, progress::NoProgress};
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, household_secrets, plaintext_hits, store_of};
use powens_sandbox::{start, LedgerConfig, SandboxConfig};
use std::sync::Arc;

fn sandbox_config(seed: u64) -> SandboxConfig {
    SandboxConfig { seed, ledger: LedgerConfig { transactions: 1_500, years: 2 }, ..SandboxConfig::default() }
}

#[tokio::test]
async fn refresh_runs_the_five_workflows_records_them_and_writes_redacted_telemetry() {
    let sandbox = start(sandbox_config(31)).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();

    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded);
    let names: Vec<_> = outcome.runs.iter().map(|r| r.workflow.as_str()).collect();
    assert_eq!(
        names,
        [
            "pfo.workflow.sync-openbanking-accounts",
            "pfo.workflow.sync-openbanking-transactions",
            "pfo.workflow.refresh-openbanking-balances",
            "pfo.workflow.sync-openbanking-investments",
            "pfo.workflow.sync-openbanking-loans"
        ]
    );
    assert_eq!(outcome.runs[1].inserted as usize, sandbox.transactions().len());

    // A refresh that finds nothing new: at most three Powens calls per bank connection.
    let before = sandbox.request_count();
    let again = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(again.status, RunStatus::Succeeded);
    assert_eq!((again.runs[1].inserted, again.runs[1].updated), (0, 0));
    let calls = sandbox.request_count() - before;
    assert!(calls <= 3 * sandbox.household().connections.len() as u64, "{calls} calls");

    let history = store_of(&app).call(|conn| runs::recent(conn, 20)).await.unwrap();
    assert_eq!(history.len(), 10);
    assert!(history.iter().all(|r| r.status == RunStatus::Succeeded && r.finished_at.is_some() && r.duration_ms.is_some()));

    let events = store_of(&app).call(|conn| pfo_core::store::telemetry::tail(conn, 10)).await.unwrap();
    assert_eq!(events.len(), 10);
    for event in &events {
        for key in ["tenant", "app", "blueprint", "config"] {
            assert!(event["metadata"][key].as_str().is_some_and(|v| !v.is_empty()), "metadata.{key} in {event}");
        }
    }
    assert_eq!(events[1]["name"], "openbanking.transactions.synced");
    let file = std::fs::read_to_string(app.telemetry_file().path()).unwrap();
    assert_eq!(file.lines().count(), 10);
    let needles = household_secrets(sandbox.household());
    assert_eq!(plaintext_hits(app.profile_dir(), &needles), vec![], "no identifier in any file the app wrote");
}

#[tokio::test]
async fn a_second_refresh_requested_while_one_runs_joins_it() {
    let dir = data_dir();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let (first, second) = tokio::join!(workflow::refresh(&app, Arc::new(NoProgress)), workflow::refresh(&app, Arc::new(NoProgress)));
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.refresh_id, second.refresh_id, "one refresh, two callers");
    let history = store_of(&app).call(|conn| runs::recent(conn, 10)).await.unwrap();
    assert_eq!(history.len(), 5, "the workflows ran once");
}

#[tokio::test]
async fn the_guardrail_blocks_an_unbound_slot_with_the_fix_and_records_it() {
    let dir = data_dir();
    {
        App::open(AppOptions::new(dir.path())).await.unwrap();
    }
    let tenant = dir.path().join("demo/tenant.toml");
    let text = std::fs::read_to_string(&tenant).unwrap().replace("primaryOpenBanking = \"conn-powens-primary\"\n", "");
    std::fs::write(&tenant, text).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Blocked);
    assert_eq!(outcome.runs.len(), 1, "the refresh stops at the blocked workflow");
    let run = &outcome.runs[0];
    assert_eq!(run.error_code.map(|c| c.as_str()), Some("guardrail.slot_unbound"));
    assert!(run.error_message.as_deref().unwrap().contains("tenant.toml"));
    let recorded = store_of(&app).call(|conn| runs::recent(conn, 1)).await.unwrap();
    assert_eq!(recorded[0].status, RunStatus::Blocked);
}

#[tokio::test]
async fn a_capability_disabled_in_the_tenant_blocks_its_workflow_and_names_the_fix() {
    let dir = data_dir();
    {
        App::open(AppOptions::new(dir.path())).await.unwrap();
    }
    let tenant = dir.path().join("demo/tenant.toml");
    let text = std::fs::read_to_string(&tenant).unwrap();
    let without = text.replace(", \"openbanking.transactions.read\"", "");
    assert_ne!(text, without, "the sample tenant lists the capability");
    std::fs::write(&tenant, without).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Blocked);
    let by_name = |name: &str| outcome.runs.iter().find(|r| r.workflow == name).unwrap_or_else(|| panic!("{name} was not recorded"));
    let blocked = by_name(SYNC_TRANSACTIONS);
    assert_eq!(blocked.status, RunStatus::Blocked);
    assert_eq!(blocked.error_code.map(|c| c.as_str()), Some("guardrail.capability_disabled"));
    let message = blocked.error_message.as_deref().unwrap();
    assert!(message.contains("openbanking.transactions.read") && message.contains("tenant.toml") && message.contains("[capabilities]"), "{message}");
    assert_eq!(by_name(SYNC_ACCOUNTS).status, RunStatus::Succeeded, "the enabled reads still run");
    assert_eq!(by_name(REFRESH_BALANCES).status, RunStatus::Succeeded);
    let stored = transactions::list(&app, Default::default()).await.unwrap();
    assert!(stored.transactions.is_empty(), "no transaction was read from the provider");
    let recorded = store_of(&app).call(|conn| runs::recent(conn, 5)).await.unwrap();
    assert!(recorded.iter().any(|r| r.workflow == SYNC_TRANSACTIONS && r.error_code.map(|c| c.as_str()) == Some("guardrail.capability_disabled")));
}

#[tokio::test]
async fn missing_secrets_disconnect_and_refused_tokens_put_the_connection_in_error() {
    let sandbox = start(sandbox_config(32)).await.unwrap();
    let dir = data_dir();
    let profile = configure_live(dir.path(), &sandbox);
    let secrets = SecretStore::default();

    secrets.delete(&profile.powens_client_secret_entry()).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let blocked = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(blocked.runs[0].error_code.map(|c| c.as_str()), Some("guardrail.disconnected"));
    assert!(blocked.runs[0].error_message.as_deref().unwrap().contains("clientSecret"));
    drop(app);

    // Credentials back, but a token Powens no longer accepts and no user id to renew it for: the run fails, then
    // the connection is in error.
    secrets.set(&profile.powens_client_secret_entry(), &SecretString::from(sandbox.client_secret())).unwrap();
    secrets.set(&profile.powens_token_entry(), &SecretString::from("revoked-token")).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let failed = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(failed.runs[0].error_code.map(|c| c.as_str()), Some("secrets.missing"));
    assert!(failed.runs[0].error_message.as_deref().unwrap().contains("reconnect Powens"));
    let next = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(next.status, RunStatus::Blocked);
    assert_eq!(next.runs[0].error_code.map(|c| c.as_str()), Some("guardrail.connection_error"));
    assert!(!next.runs[0].error_message.as_deref().unwrap().contains("revoked-token"), "the token never reaches a message");
}

#[tokio::test]
async fn runs_left_running_by_a_dead_process_are_closed_at_the_next_start() {
    let dir = data_dir();
    {
        let app = App::open(AppOptions::new(dir.path())).await.unwrap();
        store_of(&app).call(|conn| runs::start(conn, None, "pfo.workflow.sync-openbanking-transactions", Timestamp::parse("2026-01-01T00:00:00Z").unwrap())).await.unwrap();
    }
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let recorded = store_of(&app).call(|conn| runs::recent(conn, 1)).await.unwrap();
    assert_eq!(recorded[0].status, RunStatus::Failed);
    assert_eq!(recorded[0].error_code.map(|c| c.as_str()), Some("run.interrupted"));
}

#[tokio::test]
async fn a_revoked_token_is_renewed_once_and_the_refresh_completes() {
    let sandbox = start(sandbox_config(33)).await.unwrap();
    let dir = data_dir();
    let profile = configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    assert_eq!(workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap().status, RunStatus::Succeeded);
    let old = SecretStore::default().get(&profile.powens_token_entry()).unwrap().unwrap();

    sandbox.revoke_all_tokens();
    let before = sandbox.request_count();
    let outcome = workflow::refresh(&app, Arc::new(NoProgress)).await.unwrap();
    assert_eq!(outcome.status, RunStatus::Succeeded, "{:?}", outcome.runs.last());
    let new = SecretStore::default().get(&profile.powens_token_entry()).unwrap().unwrap();
    use secrecy::ExposeSecret;
    assert_ne!(old.expose_secret(), new.expose_secret(), "the renewed token replaced the old one in the keyring");
    // One refused call, one renewal, then the ordinary no-change refresh (connections, accounts, account
    // ownerships, transactions, balances, investments, market orders, amortizations).
    assert_eq!(sandbox.request_count() - before, 10);
}
