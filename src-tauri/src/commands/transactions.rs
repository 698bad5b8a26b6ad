//! Transaction commands: `list_transactions`, `export_transactions_csv`.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::contracts::transactions::{self, TransactionsListInput, TransactionsListOutput};
use pfo_core::export::SavedFile;
use tauri::{AppHandle, State};

/// `openbanking.transactions.list`.
#[tauri::command]
pub async fn list_transactions(state: State<'_, AppState>, input: TransactionsListInput) -> Result<TransactionsListOutput, IpcError> {
    Ok(transactions::list(&state.app()?, input).await?)
}

/// Writes every transaction of the filter as CSV into the Downloads folder (see `commands::export_dir`).
#[tauri::command]
pub async fn export_transactions_csv<R: tauri::Runtime>(handle: AppHandle<R>, state: State<'_, AppState>, input: TransactionsListInput) -> Result<SavedFile, IpcError> {
    let app = &state.app()?;
    Ok(pfo_core::export::save_transactions_csv(app, input, &super::export_dir(&handle, app)).await?)
}
