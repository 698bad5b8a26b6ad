//! Refresh commands: `refresh` (every workflow, with progress events), `list_runs` (the activity log) and
//! `telemetry_tail` (the local telemetry log, redacted before it was written).

use crate::error::IpcError;
use crate::events;
use crate::state::AppState;
use pfo_core::store::runs::{self, RunRecord};
use pfo_core::workflow::{self, RefreshOutcome};
use std::sync::Arc;
use tauri::State;

/// Runs (or joins) a refresh; progress arrives as `sync:progress` events, the outcome as the result and as
/// `sync:finished`.
#[tauri::command]
pub async fn refresh<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>) -> Result<RefreshOutcome, IpcError> {
    let core = &state.app()?;
    let outcome = workflow::refresh(core, Arc::new(events::ProgressEvents(app.clone()))).await?;
    events::finished(&app, &outcome);
    Ok(outcome)
}

/// The most recent workflow runs, newest first.
#[tauri::command]
pub async fn list_runs(state: State<'_, AppState>, limit: Option<u32>) -> Result<Vec<RunRecord>, IpcError> {
    let limit = limit.unwrap_or(50).clamp(1, 500);
    Ok(state.app()?.store().call(move |conn| runs::recent(conn, limit)).await?)
}

/// The latest local telemetry events, newest first (already redacted when they were written).
#[tauri::command]
pub async fn telemetry_tail(state: State<'_, AppState>, limit: Option<u32>) -> Result<Vec<serde_json::Value>, IpcError> {
    let limit = limit.unwrap_or(50).clamp(1, 500);
    Ok(state.app()?.store().call(move |conn| pfo_core::telemetry::tail(conn, limit)).await?)
}
