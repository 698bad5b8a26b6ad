//! Consolidation settings: the base currency and the exchange rates the household enters.

use crate::error::IpcError;
use crate::state::AppState;
use pfo_core::fx::{self, ExchangeRate};
use tauri::State;

/// The base currency.
#[tauri::command]
pub async fn get_base_currency(state: State<'_, AppState>) -> Result<String, IpcError> {
    Ok(state.app()?.store().call(|conn| fx::base_currency(conn)).await?)
}

/// Sets the base currency; returns it normalised.
#[tauri::command]
pub async fn set_base_currency(state: State<'_, AppState>, code: String) -> Result<String, IpcError> {
    Ok(state.app()?.store().call(move |conn| fx::set_base_currency(conn, &code)).await?)
}

/// Every recorded rate.
#[tauri::command]
pub async fn list_exchange_rates(state: State<'_, AppState>) -> Result<Vec<ExchangeRate>, IpcError> {
    Ok(state.app()?.store().call(|conn| fx::list_rates(conn)).await?)
}

/// Records `1 currency = rate base` taken on `asOf`, into the current base currency.
#[tauri::command]
pub async fn set_exchange_rate(state: State<'_, AppState>, currency: String, rate: String, as_of: String) -> Result<ExchangeRate, IpcError> {
    Ok(state
        .app()?
        .store()
        .call(move |conn| {
            let rate = fx::validated(&currency, &fx::base_currency(conn)?, &rate, &as_of)?;
            fx::save_rate(conn, &rate)?;
            Ok(rate)
        })
        .await?)
}

/// Forgets a rate; returns whether one was there.
#[tauri::command]
pub async fn delete_exchange_rate(state: State<'_, AppState>, currency: String, as_of: String) -> Result<bool, IpcError> {
    Ok(state.app()?.store().call(move |conn| fx::delete_rate(conn, &currency, &fx::base_currency(conn)?, &as_of)).await?)
}
