//! Balance commands: `get_balances`.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::contracts::balances::{self, BalancesGetInput, BalancesGetOutput};
use tauri::State;

/// `openbanking.balances.get`.
#[tauri::command]
pub async fn get_balances(state: State<'_, AppState>, input: Option<BalancesGetInput>) -> Result<BalancesGetOutput, IpcError> {
    Ok(balances::get(&state.app()?, input.unwrap_or_default()).await?)
}
