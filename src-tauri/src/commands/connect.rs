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
async fn run_flow<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>, flow: WebviewFlow, locale: Option<String>) -> Result<RefreshOutcome, IpcError> {
    let core = &state.app()?;
    let listener = CallbackListener::bind().await?;
    // The webview speaks the UI's language (English when the UI says nothing).
    let language = locale.as_deref().map(pfo_core::overview::charts::Locale::parse).transpose()?.unwrap_or(pfo_core::overview::charts::Locale::En);
    let link = core.webview_link(&flow, language.code(), listener.redirect_uri()).await?;
    let callback = open_and_wait(&app, &link.url, listener).await?;
    complete_webview(&link, &callback)?;
    let outcome = workflow::refresh(core, Arc::new(events::ProgressEvents(app.clone()))).await?;
    events::finished(&app, &outcome);
    Ok(outcome)
}

/// Shows the webview and resolves with the callback URL, or fails when the user closes the window first.
async fn open_and_wait<R: tauri::Runtime>(app: &tauri::AppHandle<R>, link: &str, listener: CallbackListener) -> Result<String, IpcError> {
    if let Some(open) = app.get_webview_window(CONNECT_WINDOW) {
        let _ = open.close();
    }
    let url = link.parse().map_err(|_| pfo_core::Error::Task("the Powens link is not a URL".into()))?;
    let window = tauri::WebviewWindowBuilder::new(app, CONNECT_WINDOW, tauri::WebviewUrl::External(url))
        .title("Connect a bank — Powens")
        .inner_size(520.0, 720.0)
        .build()
        .map_err(|e| pfo_core::Error::Task(format!("could not open the Powens window: {e}")))?;
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
    Ok(outcome.ok_or_else(|| pfo_core::Error::WebviewRefused {
        code: "access_denied".into(),
        message: "the bank connection window was closed before it finished".into(),
    })?)
}

/// Add a bank through the Powens connect webview.
#[tauri::command]
pub async fn add_bank<R: tauri::Runtime>(app: tauri::AppHandle<R>, state: State<'_, AppState>, locale: Option<String>) -> Result<RefreshOutcome, IpcError> {
    run_flow(app, state, WebviewFlow::Connect, locale).await
}

/// Repair a connection that needs the user, through the Powens reconnect webview.
#[tauri::command]
pub async fn reconnect_bank<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    connection_id: String,
    locale: Option<String>,
) -> Result<RefreshOutcome, IpcError> {
    run_flow(app, state, WebviewFlow::Reconnect { connection: connection_id }, locale).await
}

/// What the settings form sends to connect the household's own Powens domain. The secrets cross IPC once, go
/// straight into the OS keyring and are never sent back.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PowensSetup {
    /// `sandbox` or `production`.
    pub environment: String,
    /// API root of the household's domain, e.g. `https://acme.biapi.pro/2.0`.
    pub base_url: String,
    /// Optional region.
    pub region: Option<String>,
    /// Optional refresh cadence, in milliseconds.
    pub polling_interval_ms: Option<u64>,
    /// Client id from the Powens console.
    pub client_id: String,
    /// Client secret from the Powens console.
    pub client_secret: String,
    /// Optional supplemental API key.
    #[serde(default)]
    pub api_key: Option<String>,
    /// Optional webhook signing secret (the `hmac_signature` auth provider's secret_key).
    #[serde(default)]
    pub webhook_secret: Option<String>,
}

impl std::fmt::Debug for PowensSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PowensSetup").field("environment", &self.environment).field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

/// What connecting found.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PowensConnected {
    /// Bank connections the household's Powens user already has.
    pub bank_connections: u32,
    /// The window could not switch to the live profile by itself (the reason is in the log): start the app again.
    pub restart_needed: bool,
}

/// Configures Powens from the settings form: checked against the Powens API before anything is saved (see
/// `pfo_core::connect`). A refusal leaves the previous configuration and secrets as they were.
#[tauri::command]
pub async fn configure_powens(state: State<'_, AppState>, setup: PowensSetup) -> Result<PowensConnected, IpcError> {
    let app = &state.app()?;
    let environment = pfo_core::config::Environment::parse(&setup.environment)?;
    let request = pfo_core::connect::ConnectRequest {
        environment,
        base_url: setup.base_url.trim().to_string(),
        region: setup.region.filter(|r| !r.trim().is_empty()),
        polling_interval_ms: setup.polling_interval_ms,
        client_id: pfo_core::secrets::SecretString::from(setup.client_id),
        client_secret: pfo_core::secrets::SecretString::from(setup.client_secret),
        api_key: optional_secret(setup.api_key),
        webhook_secret: optional_secret(setup.webhook_secret),
    };
    let connected = pfo_core::connect::connect_powens(app.data_dir(), request).await?;
    // The window switches to the connected domain's profile now, without a restart: every later command reaches it.
    let restart_needed = match pfo_core::App::open(pfo_core::AppOptions::new(app.data_dir())).await {
        Ok(reopened) => {
            state.replace(reopened);
            false
        }
        Err(error) => {
            tracing::warn!(code = %error.code(), "connected, but the live profile did not open in this window: {error}");
            true
        }
    };
    Ok(PowensConnected { bank_connections: connected.bank_connections as u32, restart_needed })
}

/// An optional secret field of the form: an empty box means "none".
fn optional_secret(value: Option<String>) -> Option<pfo_core::secrets::SecretString> {
    value.filter(|v| !v.trim().is_empty()).map(pfo_core::secrets::SecretString::from)
}
