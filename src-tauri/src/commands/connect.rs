//! "Add a bank" and "Reconnect": the Powens connect webview in a window of its own (a remote page with no IPC
//! access: the capabilities grant commands to the main window only). Powens redirects to a one-shot loopback
//! listener of the core; the window closes, the core reads the callback, and the app refreshes.

use crate::error::IpcError;
use crate::events;
use crate::state::AppState;
use pfo_core::connect::{complete_webview, CallbackListener, WebviewFlow};
use pfo_core::workflow::{self, RefreshOutcome};
use std::sync::{Arc, Mutex};
use tauri::{Manager, State};
use tokio::sync::oneshot;

/// Label of the connect window.
pub const CONNECT_WINDOW: &str = "powens-connect";

/// Opens the webview for `flow`, waits for the callback (or the window closing), and refreshes.
async fn run_flow<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>, flow: WebviewFlow) -> Result<RefreshOutcome, IpcError> {
    let core = state.app()?;
    let listener = CallbackListener::bind().await?;
    let link = core.webview_link(&flow, "fr", listener.redirect_uri()).await?;
    let callback = open_and_wait(&app, &link.url, listener).await?;
    complete_webview(&link, &callback)?;
    let outcome = workflow::refresh(core, Arc::new(events::ProgressEvents(app.clone())))
        .await
        .map_err(|failed| IpcError { code: failed.code.to_string(), message: failed.message })?;
    events::finished(&app, &outcome);
    Ok(outcome)
}

/// Shows the webview and resolves with the callback URL, or fails when the user closes the window first.
async fn open_and_wait<R: tauri::Runtime>(app: &tauri::AppHandle<R>, link: &str, listener: CallbackListener) -> Result<String, IpcError> {
    if let Some(open) = app.get_webview_window(CONNECT_WINDOW) {
        let _ = open.close();
    }
    let url = link.parse().map_err(|_| IpcError { code: "internal".into(), message: "the Powens link is not a URL".into() })?;
    let window = tauri::WebviewWindowBuilder::new(app, CONNECT_WINDOW, tauri::WebviewUrl::External(url))
        .title("Connect a bank — Powens")
        .inner_size(520.0, 720.0)
        .build()
        .map_err(|e| IpcError { code: "internal".into(), message: format!("could not open the Powens window: {e}") })?;
    let (closed_sender, closed) = oneshot::channel::<()>();
    let closed_sender = Arc::new(Mutex::new(Some(closed_sender)));
    window.on_window_event(move |event| {
        if matches!(event, tauri::WindowEvent::Destroyed) {
            if let Some(sender) = closed_sender.lock().expect("close lock").take() {
                let _ = sender.send(());
            }
        }
    });
    let outcome = tokio::select! {
        callback = listener.accept() => Some(callback?),
        _ = closed => None,
    };
    let _ = window.close();
    outcome.ok_or_else(|| IpcError { code: "connect.cancelled".into(), message: "the bank connection window was closed before it finished".into() })
}

/// Add a bank through the Powens connect webview.
#[tauri::command]
pub async fn add_bank<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>) -> Result<RefreshOutcome, IpcError> {
    run_flow(app, state, WebviewFlow::Connect).await
}

/// Repair a connection that needs the user, through the Powens reconnect webview.
#[tauri::command]
pub async fn reconnect_bank<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>, connection_id: String) -> Result<RefreshOutcome, IpcError> {
    run_flow(app, state, WebviewFlow::Reconnect { connection: connection_id }).await
}
