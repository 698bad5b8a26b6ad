//! Account commands: `list_accounts`.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::contracts::accounts::{self, AccountsListInput, AccountsListOutput};
use tauri::State;

/// `openbanking.accounts.list`.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>, include_inactive: Option<bool>) -> Result<AccountsListOutput, IpcError> {
    let input = AccountsListInput { include_inactive: include_inactive.unwrap_or(false) };
    Ok(accounts::list(&state.app()?, input).await?)
}
