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
    /// The open profile's random id (it names nothing and no one). The window keeps the choices that belong to one
    /// household rather than to the person at the screen, such as the view, under it: a view chosen in the demo
    /// household is not applied to the live one, and connecting another Powens domain starts in the household view.
    pub profile: String,
}

/// `pfo.app.status`.
pub async fn app_status(app: &App, _: NoInput) -> Result<AppStatus> {
    Ok(AppStatus { mode: app.mode(), version: env!("CARGO_PKG_VERSION").to_string(), profile: app.profile().id.clone() })
}

/// `pfo.integrations.settings`.
pub async fn integration_settings(app: &App, _: NoInput) -> Result<IntegrationSettings> {
    app.integration_settings()
}
