//! The IPC commands, a few lines each: typed arguments in, one core call, the result out.

pub mod accounts;
pub mod backup;
pub mod balances;
pub mod connect;
pub mod overview;
pub mod rates;
pub mod settings;
pub mod status;
pub mod sync;
pub mod transactions;
pub mod webhooks;

use tauri::{AppHandle, Manager};

/// Where exports (CSV, reports) go: `PFO_EXPORT_DIR` when set, else the user's Downloads folder, else the data
/// folder's `exports`.
pub fn export_dir<R: tauri::Runtime>(handle: &AppHandle<R>, app: &pfo_core::App) -> std::path::PathBuf {
    if let Ok(dir) = std::env::var("PFO_EXPORT_DIR") {
        return dir.into();
    }
    handle.path().download_dir().ok().filter(|d| d.is_dir()).unwrap_or_else(|| app.data_dir().join("exports"))
}
