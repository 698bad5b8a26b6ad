//! `refresh`: every workflow, with progress events (the run history and telemetry are core operations, see `ipc`).

use crate::error::IpcError;
use crate::events;
use crate::state::AppState;
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
