//! `app_status`: which profile the window shows, so the UI can mark demo data.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::Mode;
use serde::Serialize;
use tauri::State;

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
    let app = state.app()?;
    Ok(AppStatus { mode: app.mode(), version: env!("CARGO_PKG_VERSION").to_string() })
}
