//! Account commands: `list_accounts` and `sync_accounts` (the Refresh button).

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::contracts::accounts::{self, AccountsListInput, AccountsListOutput, AccountsSyncInput, AccountsSyncOutput};
use tauri::State;

/// `openbanking.accounts.list`.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>, include_inactive: Option<bool>) -> Result<AccountsListOutput, IpcError> {
    let input = AccountsListInput { include_inactive: include_inactive.unwrap_or(false) };
    Ok(accounts::list(state.app()?, input).await?)
}

/// `openbanking.accounts.sync`.
#[tauri::command]
pub async fn sync_accounts(state: State<'_, AppState>) -> Result<AccountsSyncOutput, IpcError> {
    Ok(accounts::sync(state.app()?, AccountsSyncInput::default()).await?)
}
