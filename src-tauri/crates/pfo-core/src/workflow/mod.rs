//! The workflow runner: runs the blueprint's workflows after the guardrail, records every run, emits telemetry
//! and reports progress. "Refresh" runs the five open-banking workflows in order; a second refresh requested while
//! one runs joins it instead of starting another.

pub mod guardrail;
pub mod progress;

use crate::app::App;
use crate::blueprint::{self, WorkflowSpec, GENERATE_OVERVIEW, SYNC_ACCOUNTS, SYNC_CONNECTION, SYNC_INVESTMENTS, SYNC_LOANS, SYNC_TRANSACTIONS};
use crate::contracts::{connections, CommandOutput};
use crate::error::{Code, Error, Result};
use crate::domain::{RunCounts, RunRecord, RunStatus};
use crate::store::runs;
use crate::telemetry::{self, TelemetryEvent};
use progress::{Progress, ProgressSink};
use serde::Serialize;
use std::sync::Arc;
use std::time::Instant;

/// The result of a refresh: every run it recorded.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RefreshOutcome {
    /// Groups the runs of this refresh.
    pub refresh_id: String,
    /// The runs, in order; a refresh stops at the first run that fails or is blocked, except a run blocked because
    /// the tenant disabled its capability.
    pub runs: Vec<RunRecord>,
    /// Succeeded when every workflow succeeded.
    pub status: RunStatus,
    /// The desktop notifications for the alerts this refresh raised (none when notifications are off).
    pub notices: Vec<crate::alerts::Notice>,
}

/// A refresh that could not even record its runs (the store failed), in a form every joined caller can share.
#[derive(Debug, Clone)]
pub struct FailedRefresh {
    /// Error code.
    pub code: Code,
    /// Safe message.
    pub message: String,
}

impl FailedRefresh {
    fn of(error: &Error) -> Self {
        if error.is_internal() {
            tracing::error!(code = %error.code(), "the refresh failed: {error}");
        }
        Self { code: error.code(), message: error.user_message() }
    }
}

impl From<FailedRefresh> for Error {
    fn from(failed: FailedRefresh) -> Self {
        Error::Reported { code: failed.code, message: failed.message }
    }
}

/// What joined callers receive.
pub type SharedOutcome = std::result::Result<RefreshOutcome, FailedRefresh>;

/// Runs (or joins) a refresh and waits for its outcome.
pub async fn refresh(app: &App, sink: Arc<dyn ProgressSink>) -> SharedOutcome {
    let mut receiver = {
        let mut slot = app.refresh_slot().lock().await;
        match slot.as_ref().filter(|rx| rx.borrow().is_none()) {
            Some(running) => running.clone(),
            None => {
                let (sender, receiver) = tokio::sync::watch::channel(None);
                *slot = Some(receiver.clone());
                let app = app.clone();
                // Spawned so that a caller giving up (a closed window) does not abandon a half-done refresh.
                tokio::spawn(async move {
                    let outcome = run_refresh(&app, sink.as_ref()).await.map_err(|e| FailedRefresh::of(&e));
                    let _ = sender.send(Some(outcome));
                });
                receiver
            }
        }
    };
    loop {
        if let Some(outcome) = receiver.borrow().clone() {
            return outcome;
        }
        if receiver.changed().await.is_err() {
            return Err(FailedRefresh::of(&Error::Task("the refresh task stopped unexpectedly".into())));
        }
    }
}

async fn run_refresh(app: &App, sink: &dyn ProgressSink) -> Result<RefreshOutcome> {
    // One refresh at a time across processes too: the desktop app, `pfo sync` and cron share the data folder.
    let _only_refresh = app.refresh_lock().await?;
    let refresh_id = format!("refresh-{}", crate::secrets::random_id()?.get(..12).unwrap_or_default());
    let steps = blueprint::refresh_workflows().count() as u32;
    let mut recorded = Vec::new();
    for (index, spec) in blueprint::refresh_workflows().enumerate() {
        sink.report(Progress::Started { workflow: spec.name.to_string(), step: index as u32 + 1, steps });
        let (run, _) = run_workflow(app, spec, Some(&refresh_id), serde_json::Value::Null).await?;
        sink.report(Progress::Finished { run: run.clone() });
        // A capability the household turned off is its choice, not a failure: the other reads still run.
        let disabled = run.error_code == Some(Code::GuardrailCapabilityDisabled);
        let stop = run.status != RunStatus::Succeeded && !disabled;
        recorded.push(run);
        if stop {
            break;
        }
    }
    let status = recorded.iter().map(|r| r.status).find(|s| *s != RunStatus::Succeeded).unwrap_or(RunStatus::Succeeded);
    crate::app::enforce_retention(app.store(), app.telemetry_file(), app.clock().now()).await;
    // The alert centre's history follows every refresh; failing to keep it does not undo what was synced.
    let notices = crate::ops::alerts::record(app).await.unwrap_or_else(|error| {
        tracing::warn!(code = %error.code(), "the alert history was not updated: {error}");
        Vec::new()
    });
    Ok(RefreshOutcome { refresh_id, runs: recorded, status, notices })
}

/// Runs one workflow by name (guardrail, contract, record, telemetry).
pub async fn run_named(app: &App, name: &str) -> Result<RunRecord> {
    let spec = blueprint::workflow(name).ok_or_else(|| Error::NotFound { what: format!("workflow `{name}`"), fix: "`pfo blueprint` lists the workflows" })?;
    Ok(run_contract_of(app, spec, serde_json::Value::Null).await?.0)
}

/// Runs the workflow `spec` with its contract's `input` (JSON; null for the defaults) outside a refresh; returns the
/// run and, when it succeeded, the contract's output. A workflow that calls the provider takes the refresh lock, so
/// it never overlaps a refresh of another process.
pub async fn run_contract_of(app: &App, spec: &WorkflowSpec, input: serde_json::Value) -> Result<(RunRecord, Option<CommandOutput>)> {
    let _only_refresh = if spec.calls_provider { Some(app.refresh_lock().await?) } else { None };
    run_workflow(app, spec, None, input).await
}

/// Runs the workflow that declares the command contract `contract` with `input`; returns the run and, when it
/// succeeded, the output `pick` takes out of the contract's.
pub async fn run_command<I: serde::Serialize, O>(app: &App, contract: &str, input: I, pick: fn(CommandOutput) -> Option<O>) -> Result<(RunRecord, Option<O>)> {
    let spec = blueprint::WORKFLOWS.iter().find(|w| w.contract == contract).expect("every command contract has its workflow");
    let input = serde_json::to_value(input).expect("contract inputs serialize");
    let (run, output) = run_contract_of(app, spec, input).await?;
    Ok((run, output.and_then(pick)))
}

/// Runs `pfo.workflow.generate-openbanking-overview` for a chosen period; returns the run and, when it
/// succeeded, the document it filed.
pub async fn generate_overview(app: &App, input: crate::overview::GenerateOverviewInput) -> Result<(RunRecord, Option<crate::overview::GenerateOverviewOutput>)> {
    run_command(app, crate::overview::GENERATE, input, |o| if let CommandOutput::Overview(o) = o { Some(*o) } else { None }).await
}

/// Runs `pfo.workflow.sync-bank-connection` for one bank connection (Powens' forced sync).
pub async fn sync_connection(app: &App, input: connections::ConnectionSyncInput) -> Result<(RunRecord, Option<connections::ConnectionSyncOutput>)> {
    run_command(app, connections::SYNC, input, |o| if let CommandOutput::Connection(o) = o { Some(o) } else { None }).await
}

async fn run_workflow(app: &App, spec: &WorkflowSpec, refresh_id: Option<&str>, input: serde_json::Value) -> Result<(RunRecord, Option<CommandOutput>)> {
    let started_at = app.clock().timestamp();
    let timer = Instant::now();
    let (workflow, refresh, at) = (spec.name.to_string(), refresh_id.map(str::to_string), started_at);
    let run_id = app.store().call(move |conn| runs::start(conn, refresh.as_deref(), &workflow, at)).await?;

    let capabilities = guardrail::ensure_capabilities(app, spec);
    let guardrail = match capabilities {
        Err(refusal) => Err(refusal),
        Ok(()) => guardrail::ensure_primary_open_banking_integration(app, spec.calls_provider).await?,
    };
    let outcome = match guardrail {
        Err(refusal) => Err((RunStatus::Blocked, refusal.code, refusal.message)),
        Ok(_) if !spec.calls_provider => run_contract(app, spec, input).await.map_err(|error| failed(spec, &error)),
        Ok(connection) => match run_contract(app, spec, input).await {
            Ok(done) => {
                record_health(app, &connection, None).await?;
                Ok(done)
            }
            Err(error) => {
                if breaks_the_connection(&error) {
                    record_health(app, &connection, Some(error.code())).await?;
                }
                Err(failed(spec, &error))
            }
        },
    };
    let (status, counts, output, error) = match outcome {
        Ok(done) => (RunStatus::Succeeded, done.counts, Some(done.output), None),
        Err((status, code, message)) => {
            tracing::warn!(workflow = spec.name, code = %code, "workflow did not succeed: {message}");
            (status, RunCounts::default(), None, Some((code, message)))
        }
    };
    let document_version = match &output {
        Some(CommandOutput::Overview(o)) => Some(o.summary.revision),
        _ => None,
    };
    let finished_at = app.clock().timestamp();
    let duration_ms = timer.elapsed().as_millis() as u64;
    let error_for_store = error.clone();
    let record = app
        .store()
        .call(move |conn| {
            runs::finish(conn, run_id, status, counts, finished_at, duration_ms, error_for_store.as_ref().map(|(c, m)| (*c, m.as_str())))?;
            runs::get(conn, run_id)
        })
        .await?;
    emit(app, spec, &record, document_version).await?;
    Ok((record, output))
}

/// What a workflow's contract did.
struct ContractDone {
    counts: RunCounts,
    /// The contract's output.
    output: CommandOutput,
}

async fn run_contract(app: &App, spec: &WorkflowSpec, input: serde_json::Value) -> Result<ContractDone> {
    let output = crate::contracts::run_command(app, spec.contract, input).await?;
    let counts = match &output {
        CommandOutput::Accounts(out) => {
            let c = &out.accounts;
            RunCounts { received: u64::from(c.inserted + c.updated + c.unchanged), inserted: c.inserted.into(), updated: c.updated.into(), removed: c.removed.into() }
        }
        CommandOutput::Transactions(out) => RunCounts { received: out.received, inserted: out.inserted, updated: out.updated, removed: 0 },
        CommandOutput::Balances(out) => RunCounts { received: out.snapshots.into(), inserted: out.snapshots.into(), updated: 0, removed: 0 },
        CommandOutput::Connection(_) => RunCounts { received: 1, inserted: 0, updated: 1, removed: 0 },
        CommandOutput::Loans(out) => RunCounts { received: out.periods.into(), inserted: 0, updated: out.periods.into(), removed: 0 },
        CommandOutput::Investments(out) => {
            let c = &out.positions;
            RunCounts { received: u64::from(c.inserted + c.updated + c.unchanged), inserted: c.inserted.into(), updated: c.updated.into(), removed: c.removed.into() }
        }
        CommandOutput::Overview(out) => RunCounts { received: out.document.net_worth.accounts.len() as u64, inserted: 1, updated: 0, removed: 0 },
    };
    Ok(ContractDone { counts, output })
}

/// Failures that mean the integration connection itself is unusable until someone acts (as opposed to a bank being
/// down or a network blip, which the next refresh may not hit).
fn breaks_the_connection(error: &Error) -> bool {
    let error = match error {
        Error::TransactionPage { source, .. } => source.as_ref(),
        other => other,
    };
    matches!(error, Error::Powens(powens_client::Error::Api { status: 401 | 403, .. }) | Error::SecretMissing { .. } | Error::CredentialsRefused)
        || matches!(error, Error::Powens(powens_client::Error::Api { status: 400, code: Some(code), .. }) if code == "invalidValue" || code == "invalidClient")
}

/// A failed run's status, code and the message the run record keeps (plain words for an internal failure, whose
/// detail goes to the log).
fn failed(spec: &WorkflowSpec, error: &Error) -> (RunStatus, Code, String) {
    if error.is_internal() {
        tracing::error!(workflow = spec.name, code = %error.code(), "internal failure: {error}");
    }
    (RunStatus::Failed, error.code(), error.user_message())
}

async fn record_health(app: &App, connection: &str, error_code: Option<Code>) -> Result<()> {
    let (connection, now) = (connection.to_string(), app.clock().timestamp());
    app.store().call(move |conn| runs::set_health(conn, &connection, error_code, now)).await
}

async fn emit(app: &App, spec: &WorkflowSpec, run: &RunRecord, document_version: Option<u32>) -> Result<()> {
    let definition = match spec.name {
        SYNC_ACCOUNTS => telemetry::ACCOUNTS_SYNCED,
        SYNC_TRANSACTIONS => telemetry::TRANSACTIONS_SYNCED,
        GENERATE_OVERVIEW => telemetry::OVERVIEW_GENERATED,
        SYNC_CONNECTION => telemetry::CONNECTION_SYNCED,
        SYNC_INVESTMENTS => telemetry::INVESTMENTS_SYNCED,
        SYNC_LOANS => telemetry::LOANS_SYNCED,
        _ => telemetry::BALANCES_REFRESHED,
    };
    let properties = serde_json::json!({
        "workflow": spec.name,
        "status": run.status,
        "durationMs": run.duration_ms,
        "errorCode": run.error_code,
        "errorDetail": run.error_message,
        "received": run.received,
        "inserted": run.inserted,
        "updated": run.updated,
        "removed": run.removed,
        "documentVersion": document_version,
    });
    let serde_json::Value::Object(properties) = properties else { unreachable!("an object literal") };
    let event = TelemetryEvent::new(&definition, app.clock().timestamp(), app.telemetry_metadata(), properties);
    app.telemetry_file().write(&event)?;
    app.store().call(move |conn| crate::store::telemetry::store(conn, &event)).await
}
