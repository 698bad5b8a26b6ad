//! The app lock's commands: its status (answered even while locked), unlock, lock now, set or change it, remove it.
//! The lock itself, its rules and its errors live in `pfo_core::lock`; every other command is refused while it is
//! locked by [`AppState::app`].

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::lock::{LockConfigureInput, LockStatus};
use pfo_core::secrets::SecretString;

/// `lock_status`: whether a lock is set, whether the app is locked now, and its settings.
#[tauri::command]
pub fn lock_status(state: tauri::State<'_, AppState>) -> Result<LockStatus, IpcError> {
    Ok(state.lock()?.status())
}

/// `unlock_app`: opens the window and the commands with the lock's passphrase.
#[tauri::command]
pub async fn unlock_app(state: tauri::State<'_, AppState>, passphrase: String) -> Result<LockStatus, IpcError> {
    let lock = state.lock()?;
    // Argon2 costs tens of milliseconds by design: off the IPC thread.
    Ok(tauri::async_runtime::spawn_blocking(move || lock.unlock(&SecretString::from(passphrase))).await.map_err(task_failed)??)
}

/// `lock_app`: locks now (the lock button, Ctrl+L, the window's idle timer).
#[tauri::command]
pub fn lock_app(state: tauri::State<'_, AppState>) -> Result<LockStatus, IpcError> {
    Ok(state.lock()?.lock()?)
}

/// `configure_app_lock`: sets a first lock, or changes its passphrase or settings (the current passphrase required).
#[tauri::command]
pub async fn configure_app_lock(state: tauri::State<'_, AppState>, input: LockConfigureInput) -> Result<LockStatus, IpcError> {
    let lock = state.lock()?;
    Ok(tauri::async_runtime::spawn_blocking(move || lock.configure(input)).await.map_err(task_failed)??)
}

/// `remove_app_lock`: removes the lock with its passphrase.
#[tauri::command]
pub async fn remove_app_lock(state: tauri::State<'_, AppState>, current: String) -> Result<LockStatus, IpcError> {
    let lock = state.lock()?;
    Ok(tauri::async_runtime::spawn_blocking(move || lock.remove(&SecretString::from(current))).await.map_err(task_failed)??)
}

fn task_failed(error: tauri::Error) -> IpcError {
    pfo_core::Error::Task(format!("the app lock's check did not finish: {error}")).into()
}
