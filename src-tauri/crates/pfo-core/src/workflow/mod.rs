//! The workflow runner: runs the blueprint's workflows after the guardrail, records every run, emits telemetry
//! and reports progress. "Refresh" runs the three open-banking workflows in order; a second refresh requested while
//! one runs joins it instead of starting another.

pub mod guardrail;
pub mod progress;

use crate::app::App;
use crate::blueprint::{self, WorkflowSpec, GENERATE_OVERVIEW, REFRESH_BALANCES, SYNC_ACCOUNTS, SYNC_TRANSACTIONS};
use crate::contracts::{accounts, balances, transactions};
use crate::error::{Error, Result};
use crate::store::runs::{self, RunCounts, RunRecord, RunStatus};
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
}

/// A refresh that could not even record its runs (the store failed), in a form every joined caller can share.
#[derive(Debug, Clone)]
pub struct FailedRefresh {
    /// Error code.
    pub code: &'static str,
    /// Safe message.
    pub message: String,
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
                    let outcome = run_refresh(&app, sink.as_ref()).await.map_err(|e| FailedRefresh { code: e.code(), message: e.to_string() });
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
            return Err(FailedRefresh { code: "internal", message: "the refresh task stopped unexpectedly".into() });
        }
    }
}

async fn run_refresh(app: &App, sink: &dyn ProgressSink) -> Result<RefreshOutcome> {
    let refresh_id = format!("refresh-{}", crate::secrets::random_id()?.get(..12).unwrap_or_default());
    let steps = blueprint::refresh_workflows().count() as u32;
    let mut recorded = Vec::new();
    for (index, spec) in blueprint::refresh_workflows().enumerate() {
        sink.report(Progress::Started { workflow: spec.name.to_string(), step: index as u32 + 1, steps });
        let (run, _) = run_workflow(app, spec, Some(&refresh_id), None).await?;
        sink.report(Progress::Finished { run: run.clone() });
        // A capability the household turned off is its choice, not a failure: the other reads still run.
        let disabled = run.error_code.as_deref() == Some(guardrail::CAPABILITY_DISABLED);
        let stop = run.status != RunStatus::Succeeded && !disabled;
        recorded.push(run);
        if stop {
            break;
        }
    }
    let status = recorded.iter().map(|r| r.status).find(|s| *s != RunStatus::Succeeded).unwrap_or(RunStatus::Succeeded);
    Ok(RefreshOutcome { refresh_id, runs: recorded, status })
}

/// Runs one workflow by name (guardrail, contract, record, telemetry).
pub async fn run_named(app: &App, name: &str) -> Result<RunRecord> {
    let spec = blueprint::workflow(name).ok_or_else(|| Error::InvalidInput {
        field: "workflow".into(),
        reason: format!("unknown workflow `{name}`; `pfo workflows` lists them"),
    })?;
    Ok(run_workflow(app, spec, None, None).await?.0)
}

/// Runs `pfo.workflow.generate-openbanking-overview` for a chosen period; returns the run and, when it
/// succeeded, the document it filed.
pub async fn generate_overview(app: &App, input: crate::overview::GenerateOverviewInput) -> Result<(RunRecord, Option<crate::overview::GenerateOverviewOutput>)> {
    let spec = blueprint::workflow(GENERATE_OVERVIEW).expect("the blueprint declares the overview workflow");
    run_workflow(app, spec, None, Some(input)).await
}

async fn run_workflow(
    app: &App,
    spec: &WorkflowSpec,
    refresh_id: Option<&str>,
    overview_input: Option<crate::overview::GenerateOverviewInput>,
) -> Result<(RunRecord, Option<crate::overview::GenerateOverviewOutput>)> {
    let started_at = app.clock().now_rfc3339();
    let timer = Instant::now();
    let (workflow, refresh, at) = (spec.name.to_string(), refresh_id.map(str::to_string), started_at.clone());
    let run_id = app.store().call(move |conn| runs::start(conn, refresh.as_deref(), &workflow, &at)).await?;

    let outcome = if let Err(refusal) = guardrail::ensure_capabilities(app, spec) {
        Err((RunStatus::Blocked, refusal.code.to_string(), refusal.message))
    } else if spec.calls_provider {
        match guardrail::ensure_primary_open_banking_integration(app).await? {
            Err(refusal) => Err((RunStatus::Blocked, refusal.code.to_string(), refusal.message)),
            Ok(connection) => match run_contract(app, spec, overview_input).await {
                Ok(done) => {
                    record_health(app, &connection, None).await?;
                    Ok(done)
                }
                Err(error) => {
                    if breaks_the_connection(&error) {
                        record_health(app, &connection, Some(error.code())).await?;
                    }
                    Err((RunStatus::Failed, error.code().to_string(), error.to_string()))
                }
            },
        }
    } else {
        run_contract(app, spec, overview_input).await.map_err(|error| (RunStatus::Failed, error.code().to_string(), error.to_string()))
    };
    let (status, counts, overview, error) = match outcome {
        Ok(done) => (RunStatus::Succeeded, done.counts, done.overview, None),
        Err((status, code, message)) => {
            tracing::warn!(workflow = spec.name, code = code.as_str(), "workflow did not succeed: {message}");
            (status, RunCounts::default(), None, Some((code, message)))
        }
    };
    let document_version = overview.as_ref().map(|o| o.summary.revision);
    let finished_at = app.clock().now_rfc3339();
    let duration_ms = timer.elapsed().as_millis() as u64;
    let error_for_store = error.clone();
    let record = app
        .store()
        .call(move |conn| {
            runs::finish(conn, run_id, status, counts, &finished_at, duration_ms, error_for_store.as_ref().map(|(c, m)| (c.as_str(), m.as_str())))?;
            runs::get(conn, run_id)
        })
        .await?;
    emit(app, spec, &record, document_version).await?;
    Ok((record, overview))
}

/// What a workflow's contract did.
struct ContractDone {
    counts: RunCounts,
    /// The overview it filed, for the overview workflow.
    overview: Option<crate::overview::GenerateOverviewOutput>,
}

async fn run_contract(app: &App, spec: &WorkflowSpec, overview_input: Option<crate::overview::GenerateOverviewInput>) -> Result<ContractDone> {
    let counts = match spec.name {
        SYNC_ACCOUNTS => {
            let out = accounts::sync(app, Default::default()).await?;
            let c = out.accounts;
            RunCounts { received: u64::from(c.inserted + c.updated + c.unchanged), inserted: c.inserted.into(), updated: c.updated.into(), removed: c.removed.into() }
        }
        SYNC_TRANSACTIONS => {
            let out = transactions::sync(app, Default::default()).await?;
            RunCounts { received: out.received, inserted: out.inserted, updated: out.updated, removed: 0 }
        }
        REFRESH_BALANCES => {
            let out = balances::refresh(app, Default::default()).await?;
            RunCounts { received: out.snapshots.into(), inserted: out.snapshots.into(), updated: 0, removed: 0 }
        }
        GENERATE_OVERVIEW => {
            let out = crate::overview::generate(app, overview_input.unwrap_or_default()).await?;
            let counts = RunCounts { received: out.document.net_worth.accounts.len() as u64, inserted: 1, updated: 0, removed: 0 };
            return Ok(ContractDone { counts, overview: Some(out) });
        }
        other => return Err(Error::InvalidInput { field: "workflow".into(), reason: format!("no runner for `{other}`") }),
    };
    Ok(ContractDone { counts, overview: None })
}

/// Failures that mean the integration connection itself is unusable until someone acts (as opposed to a bank being
/// down or a network blip, which the next refresh may not hit).
fn breaks_the_connection(error: &Error) -> bool {
    matches!(error, Error::Powens(powens_client::Error::Api { status: 401 | 403, .. }) | Error::SecretMissing { .. } | Error::CredentialsRefused)
        || matches!(error, Error::Powens(powens_client::Error::Api { status: 400, code: Some(code), .. }) if code == "invalidValue" || code == "invalidClient")
}

async fn record_health(app: &App, connection: &str, error_code: Option<&'static str>) -> Result<()> {
    let (connection, now) = (connection.to_string(), app.clock().now_rfc3339());
    app.store().call(move |conn| runs::set_health(conn, &connection, error_code, &now)).await
}

async fn emit(app: &App, spec: &WorkflowSpec, run: &RunRecord, document_version: Option<u32>) -> Result<()> {
    let definition = match spec.name {
        SYNC_ACCOUNTS => telemetry::ACCOUNTS_SYNCED,
        SYNC_TRANSACTIONS => telemetry::TRANSACTIONS_SYNCED,
        GENERATE_OVERVIEW => telemetry::OVERVIEW_GENERATED,
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
    let event = TelemetryEvent::new(&definition, app.clock().now_rfc3339(), app.telemetry_metadata(), properties);
    app.telemetry_file().write(&event)?;
    app.store().call(move |conn| telemetry::store(conn, &event)).await
}
