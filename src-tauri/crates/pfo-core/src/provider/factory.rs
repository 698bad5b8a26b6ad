//! The provider factory (`IntegrationProviderFactory.createOpenBankingProvider` in the brief): validated settings
//! plus secrets in, a ready [`PowensOpenBankingProvider`] out.
//!
//! The household's Powens user is created once with `POST /auth/init` and its permanent token kept in the
//! [`TokenSlot`]; later runs reuse it. Creating a user is billable, so it is never retried.

use super::PowensOpenBankingProvider;
use crate::error::Result;
use crate::secrets::SecretStore;
use secrecy::SecretString;

/// What the factory needs to reach a Powens domain.
#[derive(Debug, Clone)]
pub struct PowensSettings {
    /// API root.
    pub base_url: String,
    /// Client application id.
    pub client_id: String,
    /// Client application secret.
    pub client_secret: SecretString,
}

/// Where the household's Powens user token lives.
#[derive(Debug, Clone)]
pub enum TokenSlot {
    /// In the OS keyring, under `entry`.
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
    fn load(&self) -> Result<Option<SecretString>> {
        match self {
            TokenSlot::Keyring { store, entry } => store.get(entry),
            TokenSlot::Ephemeral => Ok(None),
        }
    }

    fn save(&self, token: &SecretString) -> Result<()> {
        match self {
            TokenSlot::Keyring { store, entry } => store.set(entry, token),
            TokenSlot::Ephemeral => Ok(()),
        }
    }
}

/// Builds the Powens provider: validates the base URL, then uses the stored user token or creates the user.
pub async fn create_open_banking_provider(settings: &PowensSettings, slot: &TokenSlot) -> Result<PowensOpenBankingProvider> {
    let client = powens_client::Client::new(&powens_client::ClientConfig::new(&settings.base_url))?;
    let token = match slot.load()? {
        Some(token) => token,
        None => {
            let user = client.create_user(&settings.client_id, &settings.client_secret).await?;
            let token = SecretString::from(user.auth_token);
            slot.save(&token)?;
            tracing::info!(user = user.id_user, "created the household's Powens user");
            token
        }
    };
    Ok(PowensOpenBankingProvider::new(client.with_token(token)))
}
