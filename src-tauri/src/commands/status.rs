//! `report_startup`: the UI's marks of a cold start (the shell on screen, then the first data), logged once each
//! with the time since the process started, for the desktop cold-start benchmark (`scripts/bench-desktop`).

use crate::error::IpcError;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

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
