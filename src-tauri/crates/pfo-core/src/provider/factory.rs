//! The provider factory (`IntegrationProviderFactory.createOpenBankingProvider` in the brief): validated settings
//! plus secrets in, a ready [`PowensOpenBankingProvider`] out.
//!
//! The household's Powens user is created once with `POST /auth/init` and its permanent token (and user id) kept in
//! the [`TokenSlot`]; later runs reuse it. Creating a user is billable, so it is never retried. When Powens stops
//! accepting the token, the provider renews it once with `/auth/renew` (see [`TokenRenewer`]).

use super::PowensOpenBankingProvider;
use crate::error::{Error, Result};
use crate::secrets::SecretStore;
use secrecy::{ExposeSecret, SecretString};

/// What the factory needs to reach a Powens domain.
#[derive(Debug, Clone)]
pub struct PowensSettings {
    /// API root.
    pub base_url: String,
    /// Client application id.
    pub client_id: String,
    /// Client application secret.
    pub client_secret: SecretString,
    /// The optional supplemental API key (`apiKey`). Powens' documentation names no read endpoint that takes an API
    /// key (its console's "server keys" are configuration and users tokens for administration endpoints this
    /// read-only app never calls), so the provider holds it and sends it nowhere: sending a secret to endpoints that
    /// do not ask for it would only widen where it can leak.
    pub api_key: Option<SecretString>,
}

/// Where the household's Powens user token lives.
#[derive(Debug, Clone)]
pub enum TokenSlot {
    /// In the OS keyring, under `entry` (and the user id under `entry/user`).
    Keyring {
        /// The keyring handle.
        store: SecretStore,
        /// The entry name.
        entry: String,
    },
    /// Only in memory, for the demo sandbox, whose users vanish when it stops.
    Ephemeral,
}

impl TokenSlot {
    fn load(&self) -> Result<Option<(SecretString, Option<i64>)>> {
        match self {
            TokenSlot::Keyring { store, entry } => {
                let Some(token) = store.get(entry)? else { return Ok(None) };
                let user = store.get(&format!("{entry}/user"))?.and_then(|u| u.expose_secret().parse().ok());
                Ok(Some((token, user)))
            }
            TokenSlot::Ephemeral => Ok(None),
        }
    }

    fn save(&self, token: &SecretString, user: Option<i64>) -> Result<()> {
        match self {
            TokenSlot::Keyring { store, entry } => {
                store.set(entry, token)?;
                if let Some(user) = user {
                    store.set(&format!("{entry}/user"), &SecretString::from(user.to_string()))?;
                }
                Ok(())
            }
            TokenSlot::Ephemeral => Ok(()),
        }
    }
}

/// Renews the user token once Powens refuses it, and stores the new one.
#[derive(Debug, Clone)]
pub struct TokenRenewer {
    settings: PowensSettings,
    user: Option<i64>,
    slot: TokenSlot,
}

impl TokenRenewer {
    /// The client id the provider works for (the webview link names it).
    pub fn client_id(&self) -> &str {
        &self.settings.client_id
    }

    /// The supplemental API key, if the household stored one (see [`PowensSettings::api_key`]).
    pub fn api_key(&self) -> Option<&SecretString> {
        self.settings.api_key.as_ref()
    }

    /// A new token for the household's user, saved in the slot; fails clearly when the user id is unknown.
    pub async fn renew(&self, client: &powens_client::Client) -> Result<SecretString> {
        let user = self.user.ok_or(Error::SecretMissing {
            field: "powensUserId",
            fix: "the Powens user id was not recorded; reconnect Powens so that the app creates or finds its user",
        })?;
        let token = client.renew_token(&self.settings.client_id, &self.settings.client_secret, user, true).await?;
        self.slot.save(&token, Some(user))?;
        tracing::info!(user, "renewed the household's Powens token");
        Ok(token)
    }
}

/// `IntegrationProviderFactory.createOpenBankingProvider`: from a profile's Powens configuration to a ready provider.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntegrationProviderFactory;

impl IntegrationProviderFactory {
    /// Validates the configuration (`config_path` names the file in errors), loads the BYOK secrets of `profile`
    /// from the keyring, and builds the provider with the profile's user token. Each failure is its own error: an
    /// invalid field, a missing secret (naming which), an unreachable or refusing Powens.
    pub async fn create_open_banking_provider(
        config_path: &std::path::Path,
        config: &crate::config::PowensConfig,
        profile: &crate::profile::Profile,
        secrets: &SecretStore,
    ) -> Result<PowensOpenBankingProvider> {
        crate::config::validate(config_path, config)?;
        let settings = Self::load_settings(config, profile, secrets)?;
        let slot = TokenSlot::Keyring { store: secrets.clone(), entry: profile.powens_token_entry() };
        build_powens_provider(&settings, &slot).await
    }

    /// The settings of `profile`: the configured base URL and the BYOK secrets from the keyring (the optional API
    /// key too, when stored).
    pub fn load_settings(config: &crate::config::PowensConfig, profile: &crate::profile::Profile, secrets: &SecretStore) -> Result<PowensSettings> {
        const FIX: &str = "store the Powens client credentials of your domain in the OS keyring (`pfo connect powens`)";
        let client_id = secrets.get(&profile.powens_client_id_entry())?.ok_or(Error::SecretMissing { field: "clientId", fix: FIX })?;
        let client_secret =
            secrets.get(&profile.powens_client_secret_entry())?.ok_or(Error::SecretMissing { field: "clientSecret", fix: FIX })?;
        let api_key = secrets.get(&profile.powens_api_key_entry())?;
        Ok(PowensSettings { base_url: config.base_url.clone(), client_id: client_id.expose_secret().to_string(), client_secret, api_key })
    }

    /// The webhook signing secret of `profile`, which the webhook receiver verifies every delivery with.
    pub fn load_webhook_secret(profile: &crate::profile::Profile, secrets: &SecretStore) -> Result<SecretString> {
        secrets.get(&profile.powens_webhook_secret_entry())?.ok_or(Error::SecretMissing {
            field: "webhookSecret",
            fix: "the webhook receiver verifies every delivery with it: create an `hmac_signature` webhook auth provider in \
                  the Powens console and store its secret_key with `pfo connect powens` (PFO_POWENS_WEBHOOK_SECRET)",
        })
    }
}

/// Builds the Powens provider from settings: validates the base URL, then uses the stored user token or creates the
/// user once.
pub async fn build_powens_provider(settings: &PowensSettings, slot: &TokenSlot) -> Result<PowensOpenBankingProvider> {
    let client = powens_client::Client::new(&powens_client::ClientConfig::new(&settings.base_url))?;
    let (token, user) = match slot.load()? {
        Some(found) => found,
        None => {
            let created = client.create_user(&settings.client_id, &settings.client_secret).await.map_err(|error| match error {
                powens_client::Error::Api { status: 400 | 401 | 403, .. } => Error::CredentialsRefused,
                other => Error::Powens(other),
            })?;
            let token = SecretString::from(created.auth_token);
            slot.save(&token, Some(created.id_user))?;
            tracing::info!(user = created.id_user, "created the household's Powens user");
            (token, Some(created.id_user))
        }
    };
    let renewer = TokenRenewer { settings: settings.clone(), user, slot: slot.clone() };
    Ok(PowensOpenBankingProvider::new(client.with_token(token), renewer))
}
