//! `AppState`: what every command reaches, built once at start-up.
//!
//! Opening the core can fail (no keyring, wrong key); the window must still open and explain the problem, so the
//! state keeps the start-up error and every command returns it.

use crate::error::IpcError;

/// The managed state.
pub struct AppState {
    app: Result<pfo_core::App, IpcError>,
    /// The webhook receiver, while the Settings switch has it on.
    webhooks: tokio::sync::Mutex<Option<pfo_core::webhook_receiver::WebhookReceiver>>,
}

impl AppState {
    /// State holding the opened core, or the error that prevented opening it.
    pub fn new(app: Result<pfo_core::App, IpcError>) -> Self {
        Self { app, webhooks: tokio::sync::Mutex::new(None) }
    }

    /// The core, or the start-up error.
    pub fn app(&self) -> Result<&pfo_core::App, IpcError> {
        self.app.as_ref().map_err(Clone::clone)
    }

    /// The slot of the webhook receiver (one at most).
    pub fn webhooks(&self) -> &tokio::sync::Mutex<Option<pfo_core::webhook_receiver::WebhookReceiver>> {
        &self.webhooks
    }
}
