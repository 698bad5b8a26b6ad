//! Transaction commands: `list_transactions`.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::contracts::transactions::{self, TransactionsListInput, TransactionsListOutput};
use tauri::State;

/// `openbanking.transactions.list`.
#[tauri::command]
pub async fn list_transactions(state: State<'_, AppState>, input: TransactionsListInput) -> Result<TransactionsListOutput, IpcError> {
    Ok(transactions::list(state.app()?, input).await?)
}
