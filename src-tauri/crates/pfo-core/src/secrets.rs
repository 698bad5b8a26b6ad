//! Secrets in the OS keyring (the Secret Service on Linux, the Keychain on macOS, the Credential Manager on
//! Windows): the database keys, Powens credentials and user token.
//!
//! Nothing secret is ever written to a file of ours. Values come back as `SecretString`, so they cannot be
//! printed by accident. Keyring failures become errors that say which service is missing and how to start it.
//! A database key is only ever created in a store that keeps it after the app exits ([`SecretStore::check_persistent`]):
//! on an OS the build has no keychain for, the `keyring` crate hands out an in-memory mock, and a database keyed
//! there would be unreadable at the next start.

use crate::error::{Error, Result};
use secrecy::ExposeSecret;
pub use secrecy::SecretString;

/// The keyring service name under which every secret of the app is filed.
pub const KEYRING_SERVICE: &str = "pocket-family-office";

/// A handle on the app's entries in the OS keyring.
#[derive(Clone)]
pub struct SecretStore {
    service: String,
    /// The credential store entries are made in; `None` is the OS keyring this build was made for.
    backend: Option<std::sync::Arc<keyring::credential::CredentialBuilder>>,
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretStore").field("service", &self.service).field("os_keyring", &self.backend.is_none()).finish()
    }
}

impl Default for SecretStore {
    fn default() -> Self {
        Self { service: KEYRING_SERVICE.to_string(), backend: None }
    }
}

/// What a store that keeps nothing after exit is called in errors: the name of the `keyring` fallback.
const NO_KEYCHAIN: &str = "keyring's in-memory mock store, the fallback for an OS this build has no keychain for";

impl SecretStore {
    /// A store over another credential backend than the OS keyring (tests use keyring's mock store to prove that
    /// [`Self::check_persistent`] refuses it).
    pub fn with_backend(backend: Box<keyring::credential::CredentialBuilder>) -> Self {
        Self { backend: Some(backend.into()), ..Self::default() }
    }

    /// Checks that what is stored here is still there after the app exits: the backend must declare that its
    /// entries live until deleted, and a probe written through one handle must read back through a fresh one
    /// (the mock store answers "no entry" there). The probe is removed again.
    pub fn check_persistent(&self) -> Result<()> {
        let persistence = match &self.backend {
            Some(backend) => backend.persistence(),
            None => keyring::default::default_credential_builder().persistence(),
        };
        if !matches!(persistence, keyring::credential::CredentialPersistence::UntilDelete) {
            let kept = match persistence {
                keyring::credential::CredentialPersistence::EntryOnly => "as long as one handle on it".to_string(),
                keyring::credential::CredentialPersistence::ProcessOnly => "until the app exits".to_string(),
                keyring::credential::CredentialPersistence::UntilReboot => "until the computer restarts".to_string(),
                _ => "for a time keyring does not say".to_string(),
            };
            return Err(Error::KeyringNotPersistent { reason: format!("its entries last {kept}") });
        }
        let probe = format!("probe/{}", random_id()?);
        let written = SecretString::from(random_id()?);
        self.set(&probe, &written)?;
        let read_back = self.get(&probe);
        self.delete(&probe)?;
        match read_back? {
            Some(value) if value.expose_secret() == written.expose_secret() => Ok(()),
            Some(_) => Err(Error::KeyringNotPersistent { reason: "a value written to it read back different".into() }),
            None => Err(Error::KeyringNotPersistent { reason: format!("a value written to it was gone for a new handle ({NO_KEYCHAIN})") }),
        }
    }

    /// A fresh random database key, stored under `entry` once the store is known to keep it
    /// ([`Self::check_persistent`]): the one way a database key comes into being.
    pub fn create_database_key(&self, entry: &str) -> Result<SecretString> {
        self.check_persistent()?;
        let key = random_key_hex()?;
        self.set(entry, &key)?;
        Ok(key)
    }

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
        match &self.backend {
            None => keyring::Entry::new(&self.service, name).map_err(keyring_error),
            Some(backend) => backend.build(None, &self.service, name).map(keyring::Entry::new_with_credential).map_err(keyring_error),
        }
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
    fn the_os_keyring_of_this_build_keeps_what_it_is_given() {
        SecretStore::default().check_persistent().unwrap();
    }

    #[test]
    fn a_store_that_forgets_gets_no_database_key_and_says_why() {
        let forgetful = SecretStore::with_backend(keyring::mock::default_credential_builder());
        let entry = format!("test/{}", random_id().unwrap());
        let error = forgetful.create_database_key(&entry).unwrap_err();
        assert!(matches!(error, Error::KeyringNotPersistent { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("as long as one handle on it") && message.contains("no database was created"), "{message}");
        assert_eq!(error.code(), crate::error::Code::KeyringNotPersistent);
        assert!(forgetful.get(&entry).unwrap().is_none());
    }

    #[test]
    fn random_keys_are_256_bit_and_distinct() {
        let a = random_key_hex().unwrap();
        let b = random_key_hex().unwrap();
        assert_eq!(a.expose_secret().len(), 64);
        assert_ne!(a.expose_secret(), b.expose_secret());
    }
}
