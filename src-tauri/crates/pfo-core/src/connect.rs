//! Configuring the household's Powens connection (`pfo connect powens`): validate the settings, put the BYOK
//! secrets in the OS keyring, prove them against the Powens API, and only then write `config.toml`. A refusal at any
//! step leaves the previous configuration and secrets exactly as they were.

use crate::config::{self, Environment, PowensConfig, CONFIG_FILE};
use crate::error::{Error, Result};
use crate::profile::{Mode, Profile};
use crate::provider::factory::{create_open_banking_provider, PowensSettings, TokenSlot};
use crate::secrets::SecretStore;
use secrecy::{ExposeSecret, SecretString};
use std::path::Path;

/// What `connect` needs.
#[derive(Debug, Clone)]
pub struct ConnectRequest {
    /// Powens environment.
    pub environment: Environment,
    /// API root of the household's domain.
    pub base_url: String,
    /// Optional region.
    pub region: Option<String>,
    /// Optional refresh cadence.
    pub polling_interval_ms: Option<u64>,
    /// Client id (BYOK).
    pub client_id: SecretString,
    /// Client secret (BYOK).
    pub client_secret: SecretString,
}

/// What a successful connect found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    /// Bank connections of the household's Powens user.
    pub bank_connections: usize,
}

/// Configures Powens for the data directory; see the module comment for the order of steps.
pub async fn connect_powens(data_dir: &Path, request: ConnectRequest) -> Result<Connected> {
    let config_path = data_dir.join(CONFIG_FILE);
    let config = PowensConfig {
        environment: request.environment,
        base_url: request.base_url.clone(),
        region: request.region.clone(),
        polling_interval_ms: request.polling_interval_ms,
    };
    config::validate(&config_path, &config)?;
    for (field, value) in [("clientId", &request.client_id), ("clientSecret", &request.client_secret)] {
        if value.expose_secret().trim().is_empty() {
            return Err(Error::InvalidInput { field: field.into(), reason: "is empty; give the value from the Powens console".into() });
        }
    }
    std::fs::create_dir_all(data_dir).map_err(|source| Error::Io { action: "create", path: data_dir.to_path_buf(), source })?;
    let profile = Profile::open(data_dir, Mode::Live)?;
    let secrets = SecretStore::default();
    let entries = [profile.powens_client_id_entry(), profile.powens_client_secret_entry()];
    let token_entries = [profile.powens_token_entry(), format!("{}/user", profile.powens_token_entry())];
    let previous: Vec<Option<SecretString>> = entries.iter().chain(&token_entries).map(|e| secrets.get(e)).collect::<Result<_>>()?;
    let same_client = previous[0].as_ref().is_some_and(|old| old.expose_secret() == request.client_id.expose_secret());

    let attempt = async {
        secrets.set(&entries[0], &request.client_id)?;
        secrets.set(&entries[1], &request.client_secret)?;
        if !same_client {
            // Another client (another Powens domain): the old user token cannot work there.
            for entry in &token_entries {
                secrets.delete(entry)?;
            }
        }
        let settings = PowensSettings {
            base_url: request.base_url.clone(),
            client_id: request.client_id.expose_secret().to_string(),
            client_secret: request.client_secret.clone(),
        };
        let slot = TokenSlot::Keyring { store: secrets.clone(), entry: profile.powens_token_entry() };
        let provider = create_open_banking_provider(&settings, &slot).await?;
        provider.bank_connection_count().await
    };
    match attempt.await {
        Ok(bank_connections) => {
            config::write(&config_path, &config)?;
            Ok(Connected { bank_connections })
        }
        Err(error) => {
            for (entry, old) in entries.iter().chain(&token_entries).zip(&previous) {
                match old {
                    Some(value) => secrets.set(entry, value)?,
                    None => secrets.delete(entry)?,
                }
            }
            Err(error)
        }
    }
}
