//! Operations about the app itself: which profile is open, and the integration settings Settings shows.

use crate::app::App;
use crate::error::Result;
use crate::ops::NoInput;
use crate::profile::Mode;
use crate::settings::IntegrationSettings;
use serde::Serialize;

/// What the window needs to know about the running app.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    /// Demo or live data.
    pub mode: Mode,
    /// The app version.
    pub version: String,
}

/// `pfo.app.status`.
pub async fn app_status(app: &App, _: NoInput) -> Result<AppStatus> {
    Ok(AppStatus { mode: app.mode(), version: env!("CARGO_PKG_VERSION").to_string() })
}

/// `pfo.integrations.settings`.
pub async fn integration_settings(app: &App, _: NoInput) -> Result<IntegrationSettings> {
    app.integration_settings()
}
