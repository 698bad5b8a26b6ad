//! Backup commands: `create_backup` ("Back up…") and `restore_backup` ("Restore…"). A restore works even when the
//! core could not open (a keyring that lost the database key is the reason backups exist), from the data folder the
//! state remembers; afterwards the core is opened again on the restored store and swapped in, so the window shows
//! the restored history without a restart.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::backup::{self, BackupSummary, RestoreSummary};
use pfo_core::secrets::{SecretStore, SecretString};
use tauri::State;

/// Writes a backup under `passphrase` into the export folder, under a free name (the core decides both).
#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>, passphrase: String) -> Result<BackupSummary, IpcError> {
    Ok(backup::create_in_export_dir(&state.app()?, SecretString::from(passphrase)).await?)
}

/// Restores the backup at `path`, then puts a core opened on the restored store in use.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, path: String, passphrase: String) -> Result<RestoreSummary, IpcError> {
    let passphrase = SecretString::from(passphrase);
    let file = std::path::PathBuf::from(path.trim());
    let (summary, data_dir) = match state.app() {
        Ok(app) => (backup::restore_into_running(&app, file, passphrase).await?, app.data_dir().to_path_buf()),
        Err(_) => {
            let data_dir = state.data_dir().map(ToOwned::to_owned).unwrap_or_else(pfo_core::default_data_dir);
            let (dir, now) = (data_dir.clone(), pfo_core::clock::from_env().now());
            let restored = tauri::async_runtime::spawn_blocking(move || backup::restore(&dir, &file, &passphrase, &SecretStore::default(), now, &mut |_| Ok(())))
                .await
                .map_err(|e| pfo_core::Error::Task(format!("the restore task failed: {e}")))?;
            (restored?, data_dir)
        }
    };
    match pfo_core::App::open(pfo_core::AppOptions::new(data_dir)).await {
        Ok(reopened) => {
            state.replace(reopened);
            Ok(summary)
        }
        Err(error) => Err(pfo_core::Error::Reported {
            code: error.code(),
            message: format!("The backup was restored, but the app could not open it: {}. Restart the app.", error.user_message()),
        }
        .into()),
    }
}
