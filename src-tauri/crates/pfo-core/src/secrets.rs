//! Secrets in the OS keyring (Secret Service on Linux): the database keys, Powens credentials and user token.
//!
//! Nothing secret is ever written to a file of ours. Values come back as `SecretString`, so they cannot be
//! printed by accident. Keyring failures become errors that say which service is missing and how to start it.

use crate::error::{Error, Result};
use secrecy::ExposeSecret;
pub use secrecy::SecretString;

/// The keyring service name under which every secret of the app is filed.
pub const KEYRING_SERVICE: &str = "pocket-family-office";

/// A handle on the app's entries in the OS keyring.
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: String,
}

impl Default for SecretStore {
    fn default() -> Self {
        Self { service: KEYRING_SERVICE.to_string() }
    }
}

impl SecretStore {
    /// Reads the secret `name`; `Ok(None)` when there is no such entry.
    pub fn get(&self, name: &str) -> Result<Option<SecretString>> {
        match self.entry(name)?.get_password() {
            Ok(value) => Ok(Some(SecretString::from(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    /// Stores `value` under `name`, replacing any previous value.
    pub fn set(&self, name: &str, value: &SecretString) -> Result<()> {
        self.entry(name)?.set_password(value.expose_secret()).map_err(keyring_error)
    }

    /// Removes `name`; removing a missing entry is not an error.
    pub fn delete(&self, name: &str) -> Result<()> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, name).map_err(keyring_error)
    }
}

/// Maps a keyring failure to an error that names the cause without quoting any secret.
fn keyring_error(error: keyring::Error) -> Error {
    match error {
        keyring::Error::NoStorageAccess(_) => Error::KeyringLocked,
        keyring::Error::PlatformFailure(inner) => {
            let detail = inner.to_string();
            if detail.contains("IsLocked") || detail.contains("locked") {
                Error::KeyringLocked
            } else {
                Error::KeyringUnavailable { detail: first_line(&detail) }
            }
        }
        other => Error::KeyringUnavailable { detail: first_line(&other.to_string()) },
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().chars().take(200).collect()
}

/// 32 bytes from the OS random source, hex encoded: a fresh database key.
pub fn random_key_hex() -> Result<SecretString> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| Error::Task(format!("OS random source failed: {e}")))?;
    Ok(SecretString::from(hex(&bytes)))
}

/// 16 random bytes, hex encoded: a non-secret unique id.
pub fn random_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| Error::Task(format!("OS random source failed: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs against the real Secret Service of the test session (scripts/test starts one).
    #[test]
    fn set_get_replace_delete_through_the_real_keyring() {
        let store = SecretStore::default();
        let name = format!("test/{}", random_id().unwrap());
        assert!(store.get(&name).unwrap().is_none());
        store.set(&name, &SecretString::from("first")).unwrap();
        store.set(&name, &SecretString::from("second")).unwrap();
        assert_eq!(store.get(&name).unwrap().unwrap().expose_secret(), "second");
        store.delete(&name).unwrap();
        assert!(store.get(&name).unwrap().is_none());
        store.delete(&name).unwrap();
    }

    #[test]
    fn random_keys_are_256_bit_and_distinct() {
        let a = random_key_hex().unwrap();
        let b = random_key_hex().unwrap();
        assert_eq!(a.expose_secret().len(), 64);
        assert_ne!(a.expose_secret(), b.expose_secret());
    }
}
