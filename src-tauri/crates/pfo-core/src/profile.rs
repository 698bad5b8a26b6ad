//! Profiles: one directory per mode (`demo/`, `live/`) under the data directory, each with its own encrypted
//! database and its own key in the OS keyring, so demo data never mixes with a household's real data.
//!
//! A live profile belongs to one Powens domain (the host of its API root), recorded in `profile.json` on first use:
//! `live/` holds the first domain connected, and any other domain gets a profile of its own, `live-<domain>/`, so
//! connecting another domain never mixes two households (Powens ids collide across domains) and connecting the
//! first one again finds its history where it was.
//!
//! `profile.json` (not secret) holds the profile's random id, which names its keyring entry. The order of first
//! creation matters: the key is generated and stored in the keyring before the database file exists, and an existing
//! database is never opened with a freshly generated key.

use crate::error::{Error, Result};
use crate::secrets::{random_id, SecretStore};
use crate::store::lock::{FileLock, PROFILE_LOCK};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The encrypted database's file name inside a profile.
pub const DATABASE_FILE: &str = "pfo.db";
/// The profile's metadata file (its id and mode; nothing secret).
pub const PROFILE_FILE: &str = "profile.json";

/// Which data the app is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Mode {
    /// The built-in demo household, synced from the in-process Powens sandbox.
    Demo,
    /// The household's own banks through its Powens domain.
    Live,
}

impl Mode {
    /// The directory of the mode's (first) profile.
    pub fn dir_name(self) -> &'static str {
        match self {
            Mode::Demo => "demo",
            Mode::Live => "live",
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct ProfileFile {
    id: String,
    mode: Mode,
    /// The Powens domain a live profile belongs to; absent in demo profiles and in live profiles written before
    /// domains were recorded (bound on their next use).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "powensDomain")]
    powens_domain: Option<String>,
}

/// The Powens domain of an API root: its `host[:port]` (`acme.biapi.pro`, `127.0.0.1:8080`).
pub fn powens_domain(base_url: &str) -> Option<String> {
    let url = url::Url::parse(base_url).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// The directory name of a profile for `domain` other than the first: `live-` and the domain with every character
/// but letters and digits turned into `-`.
fn live_dir_name(domain: &str) -> String {
    let slug: String = domain.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("live-{slug}")
}

/// An opened profile directory.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Demo or live.
    pub mode: Mode,
    /// The profile directory.
    pub dir: PathBuf,
    /// Random id naming the profile's keyring entries.
    pub id: String,
    /// The Powens domain a live profile belongs to.
    pub powens_domain: Option<String>,
}

impl Profile {
    /// Opens the `mode` profile under `data_dir`, creating it on first use: the demo profile, or the live profile
    /// of the domain `config.toml` names (see [`Profile::open_live`]).
    pub fn open(data_dir: &Path, mode: Mode) -> Result<Self> {
        match mode {
            Mode::Demo => Self::open_dir(data_dir.join(mode.dir_name()), mode, None),
            Mode::Live => {
                let domain = crate::config::load(data_dir)?.and_then(|config| powens_domain(&config.base_url));
                Self::open_live(data_dir, domain.as_deref())
            }
        }
    }

    /// Opens (or creates) the live profile of the Powens `domain`: `live/` when it belongs to that domain or to none
    /// yet, else `live-<domain>/`.
    pub fn open_live(data_dir: &Path, domain: Option<&str>) -> Result<Self> {
        Self::open_dir(live_dir(data_dir, domain), Mode::Live, domain)
    }

    /// Opens the profile in `dir`. Processes starting together agree on one profile id: the first creates it under
    /// the profile lock, the others wait and read it. A live profile not yet bound to a domain is bound to `domain`.
    fn open_dir(dir: PathBuf, mode: Mode, domain: Option<&str>) -> Result<Self> {
        std::fs::create_dir_all(&dir).map_err(|source| Error::Io { action: "create", path: dir.clone(), source })?;
        let _creating = FileLock::exclusive(&dir.join(PROFILE_LOCK))?;
        let meta_path = dir.join(PROFILE_FILE);
        match std::fs::read(&meta_path) {
            Ok(bytes) => {
                let mut meta: ProfileFile = serde_json::from_slice(&bytes)
                    .map_err(|e| Error::ProfileDamaged { path: dir.clone(), reason: format!("{PROFILE_FILE} is unreadable ({e})") })?;
                if meta.mode != mode {
                    return Err(Error::ProfileDamaged { path: dir, reason: format!("{PROFILE_FILE} belongs to another mode") });
                }
                match (&meta.powens_domain, domain) {
                    (None, Some(domain)) => {
                        meta.powens_domain = Some(domain.to_string());
                        write_profile_file(&dir, &meta_path, &meta)?;
                    }
                    (Some(owner), Some(domain)) if owner != domain => {
                        return Err(Error::ProfileDamaged {
                            path: dir,
                            reason: format!("{PROFILE_FILE} belongs to another Powens domain than the one configured"),
                        });
                    }
                    _ => {}
                }
                Ok(Self { mode, dir, id: meta.id, powens_domain: meta.powens_domain })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if dir.join(DATABASE_FILE).exists() {
                    return Err(Error::ProfileDamaged {
                        path: dir,
                        reason: format!("{PROFILE_FILE} is missing, so the keyring entry of the database cannot be found"),
                    });
                }
                let meta = ProfileFile { id: random_id()?, mode, powens_domain: domain.map(str::to_string) };
                write_profile_file(&dir, &meta_path, &meta)?;
                Ok(Self { mode, dir, id: meta.id, powens_domain: meta.powens_domain })
            }
            Err(source) => Err(Error::Io { action: "read", path: meta_path, source }),
        }
    }

    /// The encrypted database file.
    pub fn database_path(&self) -> PathBuf {
        self.dir.join(DATABASE_FILE)
    }

    /// The keyring entry holding the database key.
    pub fn database_key_entry(&self) -> String {
        format!("database-key/{}", self.id)
    }

    /// The keyring entry holding the household's Powens client id (BYOK).
    pub fn powens_client_id_entry(&self) -> String {
        format!("powens/client-id/{}", self.id)
    }

    /// The keyring entry holding the household's Powens client secret (BYOK).
    pub fn powens_client_secret_entry(&self) -> String {
        format!("powens/client-secret/{}", self.id)
    }

    /// The keyring entry holding the household's optional supplemental Powens API key.
    pub fn powens_api_key_entry(&self) -> String {
        format!("powens/api-key/{}", self.id)
    }

    /// The keyring entry holding the household's optional webhook signing secret (`hmac_signature` auth provider).
    pub fn powens_webhook_secret_entry(&self) -> String {
        format!("powens/webhook-secret/{}", self.id)
    }

    /// The keyring entry of each secret field of the `openbanking.powens` spec, by field name.
    pub fn powens_secret_entries(&self) -> [(&'static str, String); 4] {
        [
            ("clientId", self.powens_client_id_entry()),
            ("clientSecret", self.powens_client_secret_entry()),
            ("apiKey", self.powens_api_key_entry()),
            ("webhookSecret", self.powens_webhook_secret_entry()),
        ]
    }

    /// The keyring entry holding this profile's Powens user token.
    pub fn powens_token_entry(&self) -> String {
        format!("powens/user-token/{}", self.id)
    }

    /// The profile lock, held while the profile's files are created or replaced (not re-entrant: take it once).
    pub fn lock(&self) -> Result<FileLock> {
        FileLock::exclusive(&self.dir.join(PROFILE_LOCK))
    }

    /// Opens the profile's database with its key from the keyring, creating both on first use. The profile lock
    /// is held throughout, so two processes never create two keys, or migrate the same file at once.
    pub fn open_store(&self, secrets: &SecretStore) -> Result<Store> {
        let _opening = self.lock()?;
        let path = self.database_path();
        let entry = self.database_key_entry();
        let key = match secrets.get(&entry)? {
            Some(key) => key,
            None if path.exists() => return Err(Error::DatabaseKeyMissing { database: path, entry }),
            None => secrets.create_database_key(&entry)?,
        };
        Store::open(&path, &key)
    }
}

/// Writes `profile.json` through the one verified writer: it must read back as written before it replaces anything.
fn write_profile_file(dir: &Path, meta_path: &Path, meta: &ProfileFile) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(meta).expect("profile metadata serializes");
    crate::atomic_write::write_verified(meta_path, &bytes, |written| match serde_json::from_str::<ProfileFile>(written) {
        Ok(read) if read.id == meta.id && read.mode == meta.mode && read.powens_domain == meta.powens_domain => Ok(()),
        _ => Err(Error::ProfileDamaged { path: dir.to_path_buf(), reason: format!("{PROFILE_FILE} did not read back as written") }),
    })
}

/// The directory of the live profile of the Powens `domain`, as [`Profile::open_live`] chooses it (`live/` when it
/// belongs to that domain or to none yet, else `live-<domain>/`), without creating anything.
pub(crate) fn live_dir(data_dir: &Path, domain: Option<&str>) -> PathBuf {
    let first = data_dir.join(Mode::Live.dir_name());
    let Some(domain) = domain else { return first };
    let owner = match std::fs::read(first.join(PROFILE_FILE)) {
        Ok(bytes) => serde_json::from_slice::<ProfileFile>(&bytes).ok().and_then(|meta| meta.powens_domain),
        Err(_) => None,
    };
    match owner {
        Some(owner) if owner != domain => data_dir.join(live_dir_name(domain)),
        _ => first,
    }
}

/// The mode and Powens domain a `profile.json` declares (a backup's copy of one, say).
pub(crate) fn meta_of(bytes: &[u8]) -> std::result::Result<(Mode, Option<String>), serde_json::Error> {
    serde_json::from_slice::<ProfileFile>(bytes).map(|meta| (meta.mode, meta.powens_domain))
}

/// Writes the `profile.json` of a restored profile with its new `id` into `dir` (a restore gives the restored store
/// a new id, hence a keyring entry of its own; the Powens domain stays the backup's).
pub(crate) fn write_restored_profile(dir: &Path, id: &str, mode: Mode, powens_domain: Option<&str>) -> Result<()> {
    let meta = ProfileFile { id: id.to_string(), mode, powens_domain: powens_domain.map(str::to_string) };
    write_profile_file(dir, &dir.join(PROFILE_FILE), &meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_open_creates_key_then_database_and_reopens() {
        let data = tempfile::tempdir().unwrap();
        let secrets = SecretStore::default();
        let profile = Profile::open(data.path(), Mode::Demo).unwrap();
        drop(profile.open_store(&secrets).unwrap());
        assert!(secrets.get(&profile.database_key_entry()).unwrap().is_some());
        let again = Profile::open(data.path(), Mode::Demo).unwrap();
        assert_eq!(again.id, profile.id);
        drop(again.open_store(&secrets).unwrap());
        secrets.delete(&profile.database_key_entry()).unwrap();
    }

    #[test]
    fn a_missing_key_never_creates_a_new_database_over_the_old_one() {
        let data = tempfile::tempdir().unwrap();
        let secrets = SecretStore::default();
        let profile = Profile::open(data.path(), Mode::Live).unwrap();
        drop(profile.open_store(&secrets).unwrap());
        secrets.delete(&profile.database_key_entry()).unwrap();
        let before = std::fs::read(profile.database_path()).unwrap();
        let error = profile.open_store(&secrets).unwrap_err();
        assert_eq!(error.code(), "store.key_missing", "{error}");
        assert!(error.to_string().contains("left untouched"));
        assert_eq!(std::fs::read(profile.database_path()).unwrap(), before);
        assert!(secrets.get(&profile.database_key_entry()).unwrap().is_none(), "no new key was stored");
    }

    #[test]
    fn a_database_without_its_profile_file_is_reported_not_replaced() {
        let data = tempfile::tempdir().unwrap();
        let profile = Profile::open(data.path(), Mode::Demo).unwrap();
        std::fs::write(profile.database_path(), b"existing").unwrap();
        std::fs::remove_file(profile.dir.join(PROFILE_FILE)).unwrap();
        let error = Profile::open(data.path(), Mode::Demo).unwrap_err();
        assert_eq!(error.code(), "profile.damaged");
        assert_eq!(std::fs::read(profile.database_path()).unwrap(), b"existing");
    }
}
