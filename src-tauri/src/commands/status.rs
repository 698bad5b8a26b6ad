//! `app_status`: which profile the window shows, so the UI can mark demo data; `report_startup`: the UI's marks of
//! a cold start (the shell on screen, then the first data), logged once each with the time since the process
//! started, for the desktop cold-start benchmark (`scripts/bench-desktop`).

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::Mode;
use serde::Serialize;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;
use tauri::State;

static PROCESS_STARTED: OnceLock<Instant> = OnceLock::new();

/// Marks the process start; called first thing in `run`.
pub fn mark_process_start() {
    PROCESS_STARTED.get_or_init(Instant::now);
}

/// Marks already logged.
static REPORTED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Logs a start-up mark (`shell` or `data`) the first time the UI reports it.
#[tauri::command]
pub fn report_startup(mark: String) -> Result<(), IpcError> {
    if !matches!(mark.as_str(), "shell" | "data") {
        return Err(pfo_core::Error::InvalidInput { field: "mark".into(), reason: format!("`{mark}` is not a start-up mark; use shell or data") }.into());
    }
    let mut reported = REPORTED.lock().map_err(|_| pfo_core::Error::Task("start-up marks lock poisoned".into()))?;
    if !reported.contains(&mark) {
        let ms = PROCESS_STARTED.get().map(|started| started.elapsed().as_secs_f64() * 1000.0).unwrap_or(f64::NAN);
        tracing::info!(target: "pfo::startup", mark = mark.as_str(), ms, "start-up mark");
        reported.push(mark);
    }
    Ok(())
}

/// What the UI needs to know about the running app.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    /// Demo or live data.
    pub mode: Mode,
    /// The app version.
    pub version: String,
}

/// Reports the mode and version; fails with the start-up error if the core could not open.
#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> Result<AppStatus, IpcError> {
    let app = &state.app()?;
    Ok(AppStatus { mode: app.mode(), version: env!("CARGO_PKG_VERSION").to_string() })
}
