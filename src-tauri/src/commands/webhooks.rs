//! The Settings switch of the webhook receiver: start, stop and show the same loopback listener as
//! `pfo webhooks serve`. Workflows a delivery starts report progress to the window like a refresh.

use crate::error::IpcError;
use crate::events;
use crate::state::AppState;
use pfo_core::webhook_receiver::{WebhookReceiver, WebhookReceiverStatus, DEFAULT_PORT};
use std::sync::Arc;
use tauri::State;

/// Whether the receiver runs, and where.
#[tauri::command]
pub async fn webhook_receiver_status(state: State<'_, AppState>) -> Result<WebhookReceiverStatus, IpcError> {
    Ok(state.webhooks().lock().await.as_ref().map(WebhookReceiver::status).unwrap_or_default())
}

/// Starts the receiver on 127.0.0.1 (`port`, else the default); refuses without a webhook secret. Already running:
/// answers its status.
#[tauri::command]
pub async fn start_webhook_receiver<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>, port: Option<u16>) -> Result<WebhookReceiverStatus, IpcError> {
    let core = state.app()?.clone();
    let mut slot = state.webhooks().lock().await;
    if let Some(running) = slot.as_ref() {
        return Ok(running.status());
    }
    let receiver = WebhookReceiver::start(core, port.unwrap_or(DEFAULT_PORT), Arc::new(events::ProgressEvents(app))).await?;
    let status = receiver.status();
    *slot = Some(receiver);
    Ok(status)
}

/// Stops the receiver if it runs.
#[tauri::command]
pub async fn stop_webhook_receiver(state: State<'_, AppState>) -> Result<WebhookReceiverStatus, IpcError> {
    if let Some(receiver) = state.webhooks().lock().await.take() {
        receiver.stop().await;
    }
    Ok(WebhookReceiverStatus::default())
}
