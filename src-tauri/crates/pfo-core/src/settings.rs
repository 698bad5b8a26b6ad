//! What the settings screen shows about the open-banking integration: the `openbanking.powens` spec, the
//! configured values (never a secret: only whether each one is in the keyring), and the slot binding.

use crate::app::App;
use crate::blueprint::{SpecField, POWENS_SPEC, PRIMARY_OPEN_BANKING};
use crate::error::Result;
use crate::profile::Mode;
use serde::Serialize;

/// One field of the spec, as the settings screen lists it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldView {
    /// Field name.
    pub name: String,
    /// Whether it must be present.
    pub required: bool,
    /// What it is for.
    pub description: String,
    /// For config fields: the configured value; for secrets: never set.
    pub value: Option<String>,
    /// For secret fields: whether the OS keyring holds it.
    pub stored: Option<bool>,
}

/// The integration as the settings screen shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IntegrationSettings {
    /// Spec id (`openbanking.powens`).
    pub id: String,
    /// Category.
    pub category: String,
    /// Ownership modes.
    pub ownership: Vec<String>,
    /// Capabilities.
    pub capabilities: Vec<String>,
    /// The capabilities the tenant file enables (the others block their workflows).
    pub enabled_capabilities: Vec<String>,
    /// Demo or live.
    pub mode: Mode,
    /// The connection bound to `primaryOpenBanking`.
    pub bound_connection: Option<String>,
    /// Configuration fields with their values.
    pub config_fields: Vec<FieldView>,
    /// Secret fields, with whether each is stored.
    pub secret_fields: Vec<FieldView>,
}

fn view(field: &SpecField, value: Option<String>, stored: Option<bool>) -> FieldView {
    FieldView { name: field.name.into(), required: field.required, description: field.description.into(), value, stored }
}

impl App {
    /// The integration settings of this profile.
    pub fn integration_settings(&self) -> Result<IntegrationSettings> {
        let config = crate::config::load(self.data_dir())?;
        let value_of = |name: &str| -> Option<String> {
            let config = config.as_ref()?;
            match name {
                "environment" => Some(format!("{:?}", config.environment).to_lowercase()),
                "baseUrl" => Some(config.base_url.clone()),
                "region" => config.region.clone(),
                "pollingIntervalMs" => config.polling_interval_ms.map(|v| v.to_string()),
                _ => None,
            }
        };
        let secrets = crate::secrets::SecretStore::default();
        let demo = self.mode() == Mode::Demo;
        // Only a live app has a live profile to look in; opening one from a demo app would create it.
        let profile = if demo { None } else { Some(crate::profile::Profile::open(self.data_dir(), Mode::Live)?) };
        let stored = |name: &str| -> Result<Option<bool>> {
            let Some(profile) = &profile else { return Ok(Some(false)) };
            let entries = profile.powens_secret_entries();
            let Some((_, entry)) = entries.iter().find(|(field, _)| *field == name) else { return Ok(Some(false)) };
            Ok(Some(secrets.get(entry)?.is_some()))
        };
        Ok(IntegrationSettings {
            id: POWENS_SPEC.id.into(),
            category: POWENS_SPEC.category.into(),
            ownership: vec!["BYOK".into()],
            capabilities: POWENS_SPEC.capabilities.iter().map(|c| c.to_string()).collect(),
            enabled_capabilities: POWENS_SPEC.capabilities.iter().filter(|c| self.tenant().capability_enabled(c)).map(|c| c.to_string()).collect(),
            mode: self.mode(),
            bound_connection: self.tenant().binding(PRIMARY_OPEN_BANKING).map(str::to_string),
            config_fields: POWENS_SPEC.config_fields.iter().map(|f| view(f, value_of(f.name), None)).collect(),
            secret_fields: POWENS_SPEC
                .secret_fields
                .iter()
                .map(|f| Ok(view(f, None, stored(f.name)?)))
                .collect::<Result<_>>()?,
        })
    }
}
