//! Settings commands: `integration_settings`.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::settings::IntegrationSettings;
use tauri::State;

/// The open-banking integration: spec, configured values, which secrets the keyring holds (never their values).
#[tauri::command]
pub fn integration_settings(state: State<'_, AppState>) -> Result<IntegrationSettings, IpcError> {
    Ok(state.app()?.integration_settings()?)
}
