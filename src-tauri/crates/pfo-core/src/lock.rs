//! The app lock: an optional passphrase that opens the window and, unless its owner said otherwise, the command
//! line. It guards the screen against someone at an unattended computer; it is not the encryption: the database stays
//! keyed by the OS keyring whether a lock is set or not, and the lock never touches that key.
//!
//! The settings live in `lock.toml` in the data folder (no secret in it); the passphrase's verifier (an Argon2id hash
//! in PHC form) lives in the OS keyring beside the database keys. Whether the app is locked now is held in memory by
//! the one [`AppLock`] of a process: a process starts locked when a lock is set. Wrong passphrases are answered more
//! and more slowly (from the fourth, a wait that doubles up to a minute).

use crate::error::{Error, Result};
use crate::secrets::{random_id, SecretStore, SecretString};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The lock's settings file in the data folder.
pub const LOCK_FILE: &str = "lock.toml";

/// The longest idle time the window may wait before it locks itself.
pub const MAX_IDLE_MINUTES: u32 = 240;

/// Wrong passphrases accepted without a wait; each further one doubles the wait, up to [`MAX_WAIT`].
const FREE_ATTEMPTS: u32 = 3;
const FIRST_WAIT: Duration = Duration::from_secs(5);
const MAX_WAIT: Duration = Duration::from_secs(60);

stored_enum! {
    /// Whether the command line asks for the app lock's passphrase.
    pub enum CliUnlock {
        /// `pfo` asks for it (at a terminal, or as the first line of standard input).
        Ask = "ask",
        /// The lock's owner chose to let `pfo` run without it (for scripts on a machine only they use).
        Skip = "skip",
    }
}

/// What the window shows of the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LockStatus {
    /// A lock is set.
    pub enabled: bool,
    /// The window and every command are locked now.
    pub locked: bool,
    /// Auto-lock after this many idle minutes; `None`: never.
    pub idle_minutes: Option<u32>,
    /// Lock when the desktop session's screen locks.
    pub on_screen_lock: bool,
    /// Whether `pfo` asks for the passphrase.
    pub cli_unlock: CliUnlock,
    /// After wrong passphrases: how long before the next try is accepted.
    pub retry_after_seconds: Option<u32>,
    /// Whether this desktop reports its screen locks to the app.
    pub screen_lock_supported: bool,
}

/// Setting a first lock, or changing one.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LockConfigureInput {
    /// The passphrase in force; required when a lock is set.
    pub current: Option<String>,
    /// Required to set a first lock; optional when changing the settings.
    pub new_passphrase: Option<String>,
    /// 1 to 240, or `None` for never.
    pub idle_minutes: Option<u32>,
    /// Lock when the screen locks.
    pub on_screen_lock: bool,
    /// Whether `pfo` asks for the passphrase.
    #[serde(default)]
    pub cli_unlock: CliUnlock,
}

// By hand: `stored_enum!` takes no `#[default]` on a variant.
#[allow(clippy::derivable_impls)]
impl Default for CliUnlock {
    fn default() -> Self {
        Self::Ask
    }
}

/// `lock.toml`: the settings and the name of the keyring entry holding the verifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
struct LockFile {
    verifier_entry: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    idle_minutes: Option<u32>,
    #[serde(default)]
    on_screen_lock: bool,
    #[serde(default)]
    cli_unlock: CliUnlock,
}

/// The wrong passphrases since the last right one, and when the next try is accepted.
#[derive(Debug, Default)]
struct Attempts {
    wrong: u32,
    not_before: Option<Instant>,
}

/// The lock of one data folder, as one process holds it.
#[derive(Debug)]
pub struct AppLock {
    path: PathBuf,
    secrets: SecretStore,
    settings: Mutex<Option<LockFile>>,
    locked: AtomicBool,
    attempts: Mutex<Attempts>,
    screen_lock_supported: AtomicBool,
}

impl AppLock {
    /// Reads the lock of `data_dir`: locked when a lock is set. A damaged `lock.toml` is an error, never "no lock".
    pub fn open(data_dir: &Path, secrets: SecretStore) -> Result<Self> {
        let path = data_dir.join(LOCK_FILE);
        let settings = read_lock_file(&path)?;
        let locked = settings.is_some();
        Ok(Self {
            path,
            secrets,
            settings: Mutex::new(settings),
            locked: AtomicBool::new(locked),
            attempts: Mutex::new(Attempts::default()),
            screen_lock_supported: AtomicBool::new(false),
        })
    }

    /// Whether every command is refused now.
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// [`Error::AppLocked`] while locked.
    pub fn ensure_unlocked(&self) -> Result<()> {
        if self.is_locked() {
            return Err(Error::AppLocked);
        }
        Ok(())
    }

    /// The shell says whether the desktop reports screen locks to it.
    pub fn set_screen_lock_supported(&self, supported: bool) {
        self.screen_lock_supported.store(supported, Ordering::SeqCst);
    }

    /// What the window shows.
    pub fn status(&self) -> LockStatus {
        let settings = self.settings.lock().expect("lock settings").clone();
        let retry_after_seconds = self.wait_left().map(|left| left.as_secs_f64().ceil() as u32);
        LockStatus {
            enabled: settings.is_some(),
            locked: self.is_locked(),
            idle_minutes: settings.as_ref().and_then(|s| s.idle_minutes),
            on_screen_lock: settings.as_ref().is_some_and(|s| s.on_screen_lock),
            cli_unlock: settings.as_ref().map(|s| s.cli_unlock).unwrap_or_default(),
            retry_after_seconds,
            screen_lock_supported: self.screen_lock_supported.load(Ordering::SeqCst),
        }
    }

    /// Locks now (the window's "lock" button, its idle timer). Refused when no lock is set.
    pub fn lock(&self) -> Result<LockStatus> {
        if self.settings.lock().expect("lock settings").is_none() {
            return Err(Error::LockNotSet);
        }
        self.locked.store(true, Ordering::SeqCst);
        Ok(self.status())
    }

    /// Locks because the desktop session's screen locked, when the household asked for that. Whether it locked.
    pub fn screen_locked(&self) -> bool {
        let wanted = self.settings.lock().expect("lock settings").as_ref().is_some_and(|s| s.on_screen_lock);
        if wanted {
            self.locked.store(true, Ordering::SeqCst);
        }
        wanted
    }

    /// Unlocks with the passphrase; a wrong one is counted (and, past the free attempts, makes the next one wait).
    pub fn unlock(&self, passphrase: &SecretString) -> Result<LockStatus> {
        let settings = self.settings.lock().expect("lock settings").clone().ok_or(Error::LockNotSet)?;
        self.check(&settings, passphrase)?;
        self.locked.store(false, Ordering::SeqCst);
        Ok(self.status())
    }

    /// Sets a first lock or changes it (the current passphrase required then). Setting a lock does not lock: the
    /// person who set it is at the screen.
    pub fn configure(&self, input: LockConfigureInput) -> Result<LockStatus> {
        if let Some(minutes) = input.idle_minutes {
            if !(1..=MAX_IDLE_MINUTES).contains(&minutes) {
                return Err(Error::InvalidInput { field: "idleMinutes".into(), reason: format!("must be between 1 and {MAX_IDLE_MINUTES} minutes, or none") });
            }
        }
        let current = self.settings.lock().expect("lock settings").clone();
        let new_passphrase = input.new_passphrase.map(SecretString::from);
        let verifier_entry = match &current {
            Some(settings) => {
                let given = input.current.map(SecretString::from).ok_or_else(|| Error::InvalidInput {
                    field: "current".into(),
                    reason: "is required: a lock is set, and only its passphrase changes it".into(),
                })?;
                self.check(settings, &given)?;
                settings.verifier_entry.clone()
            }
            None if new_passphrase.is_none() => {
                return Err(Error::InvalidInput { field: "newPassphrase".into(), reason: "is required to set a lock".into() })
            }
            None => format!("app-lock/{}", random_id()?),
        };
        if let Some(passphrase) = &new_passphrase {
            crate::passphrase::check_strength(passphrase).map_err(|reason| Error::LockPassphraseWeak { reason })?;
        }
        let settings = LockFile { verifier_entry, idle_minutes: input.idle_minutes, on_screen_lock: input.on_screen_lock, cli_unlock: input.cli_unlock };
        // The verifier is filed before the settings that point at it: a crash between the two leaves either the old
        // lock whole (a changed passphrase not yet in force) or no lock at all, never a lock without its verifier.
        if let Some(passphrase) = &new_passphrase {
            self.secrets.set(&settings.verifier_entry, &hash(passphrase)?)?;
        }
        write_lock_file(&self.path, &settings)?;
        *self.settings.lock().expect("lock settings") = Some(settings);
        Ok(self.status())
    }

    /// Removes the lock (its passphrase required): the settings file, then the verifier.
    pub fn remove(&self, current: &SecretString) -> Result<LockStatus> {
        let settings = self.settings.lock().expect("lock settings").clone().ok_or(Error::LockNotSet)?;
        self.check(&settings, current)?;
        std::fs::remove_file(&self.path).map_err(|source| Error::Io { action: "removing the app lock's settings", path: self.path.clone(), source })?;
        self.secrets.delete(&settings.verifier_entry)?;
        *self.settings.lock().expect("lock settings") = None;
        self.locked.store(false, Ordering::SeqCst);
        Ok(self.status())
    }

    /// Whether `pfo` must ask for the passphrase before it opens anything.
    pub fn cli_must_ask(&self) -> bool {
        self.settings.lock().expect("lock settings").as_ref().is_some_and(|s| s.cli_unlock == CliUnlock::Ask)
    }

    fn wait_left(&self) -> Option<Duration> {
        let attempts = self.attempts.lock().expect("lock attempts");
        attempts.not_before.and_then(|at| at.checked_duration_since(Instant::now())).filter(|left| !left.is_zero())
    }

    /// Checks `passphrase` against the verifier, counting wrong ones. A try during a wait is refused unread.
    fn check(&self, settings: &LockFile, passphrase: &SecretString) -> Result<()> {
        if let Some(left) = self.wait_left() {
            return Err(Error::LockPassphraseWrong { retry_after_seconds: Some(left.as_secs_f64().ceil() as u32) });
        }
        let verifier = self.secrets.get(&settings.verifier_entry)?.ok_or_else(|| Error::LockVerifierMissing {
            entry: settings.verifier_entry.clone(),
            settings: self.path.clone(),
        })?;
        let parsed = PasswordHash::new(verifier.expose_secret())
            .map_err(|_| Error::LockVerifierMissing { entry: settings.verifier_entry.clone(), settings: self.path.clone() })?;
        let mut attempts = self.attempts.lock().expect("lock attempts");
        if argon2::Argon2::default().verify_password(passphrase.expose_secret().as_bytes(), &parsed).is_ok() {
            *attempts = Attempts::default();
            return Ok(());
        }
        attempts.wrong += 1;
        let wait = wait_after(attempts.wrong);
        attempts.not_before = wait.map(|wait| Instant::now() + wait);
        Err(Error::LockPassphraseWrong { retry_after_seconds: wait.map(|w| w.as_secs() as u32) })
    }
}

/// The wait imposed after the `wrong`-th wrong passphrase in a row.
fn wait_after(wrong: u32) -> Option<Duration> {
    let beyond = wrong.checked_sub(FREE_ATTEMPTS).filter(|n| *n > 0)?;
    Some(FIRST_WAIT.saturating_mul(1 << (beyond - 1).min(8)).min(MAX_WAIT))
}

/// The passphrase's Argon2id verifier (with the crate's default cost: 19 MiB, 2 passes), in PHC form.
fn hash(passphrase: &SecretString) -> Result<SecretString> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| Error::Task(format!("OS random source failed: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Task(format!("lock salt: {e}")))?;
    let hashed = argon2::Argon2::default()
        .hash_password(passphrase.expose_secret().as_bytes(), &salt)
        .map_err(|e| Error::Task(format!("hashing the lock passphrase failed: {e}")))?;
    Ok(SecretString::from(hashed.to_string()))
}

fn read_lock_file(path: &Path) -> Result<Option<LockFile>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::Io { action: "reading the app lock's settings", path: path.to_path_buf(), source }),
    };
    let damaged = |reason: String| Error::Config {
        path: path.to_path_buf(),
        reason: format!("{reason}; the app stays locked until it is fixed (removing the file removes the lock)"),
    };
    let settings: LockFile = toml::from_str(&text).map_err(|e| damaged(e.message().to_string()))?;
    if settings.idle_minutes.is_some_and(|m| !(1..=MAX_IDLE_MINUTES).contains(&m)) {
        return Err(damaged(format!("idle_minutes must be between 1 and {MAX_IDLE_MINUTES}")));
    }
    Ok(Some(settings))
}

fn write_lock_file(path: &Path, settings: &LockFile) -> Result<()> {
    let text = toml::to_string(settings).map_err(|e| Error::Task(format!("the lock settings do not serialize: {e}")))?;
    crate::atomic_write::write_verified(path, text.as_bytes(), |written| match toml::from_str::<LockFile>(written) {
        Ok(read) if &read == settings => Ok(()),
        _ => Err(Error::Config { path: path.to_path_buf(), reason: "did not read back as written".into() }),
    })
}

/// For `pfo`: opens the lock of `data_dir` and, when it asks for the passphrase, checks the one `read` gives.
pub fn unlock_for_cli(data_dir: &Path, secrets: &SecretStore, read: impl FnOnce() -> Result<SecretString>) -> Result<()> {
    let lock = AppLock::open(data_dir, secrets.clone())?;
    if !lock.cli_must_ask() {
        return Ok(());
    }
    lock.unlock(&read()?).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "correct horse battery staple";

    fn configure(lock: &AppLock, current: Option<&str>, new: Option<&str>) -> Result<LockStatus> {
        lock.configure(LockConfigureInput {
            current: current.map(Into::into),
            new_passphrase: new.map(Into::into),
            idle_minutes: Some(5),
            on_screen_lock: true,
            cli_unlock: CliUnlock::Ask,
        })
    }

    /// Runs against the real keyring of the test session, like the other secrets tests.
    #[test]
    fn a_lock_is_set_survives_a_restart_locked_and_opens_with_its_passphrase_only() {
        let dir = tempfile::tempdir().unwrap();
        let lock = AppLock::open(dir.path(), SecretStore::default()).unwrap();
        assert!(!lock.status().enabled && !lock.is_locked());
        assert!(matches!(lock.lock(), Err(Error::LockNotSet)));
        let set = configure(&lock, None, Some(GOOD)).unwrap();
        assert!(set.enabled && !set.locked, "setting a lock does not lock the person who set it out");
        assert_eq!(set.idle_minutes, Some(5));

        let text = std::fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert!(!text.contains(GOOD) && !text.contains("argon2"), "lock.toml holds no passphrase nor verifier: {text}");

        let restarted = AppLock::open(dir.path(), SecretStore::default()).unwrap();
        assert!(restarted.is_locked(), "a process starts locked");
        assert!(matches!(restarted.ensure_unlocked(), Err(Error::AppLocked)));
        let wrong = restarted.unlock(&SecretString::from("not the passphrase")).unwrap_err();
        assert!(matches!(wrong, Error::LockPassphraseWrong { retry_after_seconds: None }), "{wrong:?}");
        assert!(!wrong.to_string().contains("not the passphrase"));
        assert!(restarted.is_locked());
        restarted.unlock(&SecretString::from(GOOD)).unwrap();
        assert!(!restarted.is_locked());

        let removed = restarted.remove(&SecretString::from(GOOD)).unwrap();
        assert!(!removed.enabled && !dir.path().join(LOCK_FILE).exists());
        assert!(!AppLock::open(dir.path(), SecretStore::default()).unwrap().is_locked());
    }

    #[test]
    fn changing_the_lock_needs_the_current_passphrase_and_a_strong_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let lock = AppLock::open(dir.path(), SecretStore::default()).unwrap();
        assert!(matches!(configure(&lock, None, None), Err(Error::InvalidInput { .. })));
        assert!(matches!(configure(&lock, None, Some("1234")), Err(Error::LockPassphraseWeak { .. })));
        assert!(!dir.path().join(LOCK_FILE).exists(), "a refused first lock writes nothing");
        configure(&lock, None, Some(GOOD)).unwrap();
        assert!(matches!(configure(&lock, None, Some("another long passphrase here")), Err(Error::InvalidInput { .. })));
        assert!(matches!(configure(&lock, Some("wrong"), Some("another long passphrase here")), Err(Error::LockPassphraseWrong { .. })));
        configure(&lock, Some(GOOD), Some("sunlit orchard quietly humming")).unwrap();
        lock.lock().unwrap();
        assert!(lock.unlock(&SecretString::from(GOOD)).is_err(), "the old passphrase no longer opens it");
        lock.unlock(&SecretString::from("sunlit orchard quietly humming")).unwrap();
        let out_of_range = lock.configure(LockConfigureInput { current: Some("sunlit orchard quietly humming".into()), idle_minutes: Some(0), ..Default::default() });
        assert!(matches!(out_of_range, Err(Error::InvalidInput { .. })));
        lock.remove(&SecretString::from("sunlit orchard quietly humming")).unwrap();
    }

    #[test]
    fn wrong_passphrases_past_three_make_the_next_try_wait_and_a_try_during_the_wait_is_not_read() {
        assert_eq!(wait_after(3), None);
        assert_eq!(wait_after(4), Some(Duration::from_secs(5)));
        assert_eq!(wait_after(5), Some(Duration::from_secs(10)));
        assert_eq!(wait_after(40), Some(MAX_WAIT));
        let dir = tempfile::tempdir().unwrap();
        let lock = AppLock::open(dir.path(), SecretStore::default()).unwrap();
        configure(&lock, None, Some(GOOD)).unwrap();
        lock.lock().unwrap();
        for _ in 0..3 {
            assert!(matches!(lock.unlock(&SecretString::from("nope")), Err(Error::LockPassphraseWrong { retry_after_seconds: None })));
        }
        assert!(matches!(lock.unlock(&SecretString::from("nope")), Err(Error::LockPassphraseWrong { retry_after_seconds: Some(5) })));
        // Even the right passphrase waits: the wait is what makes guessing slow.
        assert!(matches!(lock.unlock(&SecretString::from(GOOD)), Err(Error::LockPassphraseWrong { retry_after_seconds: Some(1..=5) })));
        assert!(lock.status().retry_after_seconds.is_some() && lock.is_locked());
        lock.attempts.lock().unwrap().not_before = Some(Instant::now());
        lock.unlock(&SecretString::from(GOOD)).unwrap();
        assert_eq!(lock.status().retry_after_seconds, None);
        lock.remove(&SecretString::from(GOOD)).unwrap();
    }

    #[test]
    fn the_screen_lock_locks_only_when_asked_and_the_cli_asks_only_when_told_to() {
        let dir = tempfile::tempdir().unwrap();
        let lock = AppLock::open(dir.path(), SecretStore::default()).unwrap();
        assert!(!lock.screen_locked(), "no lock set: nothing to lock");
        lock.configure(LockConfigureInput { new_passphrase: Some(GOOD.into()), on_screen_lock: false, cli_unlock: CliUnlock::Skip, ..Default::default() }).unwrap();
        assert!(!lock.screen_locked() && !lock.is_locked());
        unlock_for_cli(dir.path(), &SecretStore::default(), || panic!("skip: the CLI must not ask")).unwrap();
        lock.configure(LockConfigureInput { current: Some(GOOD.into()), on_screen_lock: true, cli_unlock: CliUnlock::Ask, ..Default::default() }).unwrap();
        assert!(lock.screen_locked() && lock.is_locked());
        assert!(matches!(unlock_for_cli(dir.path(), &SecretStore::default(), || Ok(SecretString::from("nope"))), Err(Error::LockPassphraseWrong { .. })));
        unlock_for_cli(dir.path(), &SecretStore::default(), || Ok(SecretString::from(GOOD))).unwrap();
        lock.unlock(&SecretString::from(GOOD)).unwrap();
        lock.remove(&SecretString::from(GOOD)).unwrap();
    }

    #[test]
    fn a_damaged_lock_file_is_an_error_not_an_open_door() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), "verifier_entry = 3\n").unwrap();
        let error = AppLock::open(dir.path(), SecretStore::default()).unwrap_err();
        assert!(matches!(error, Error::Config { .. }) && error.to_string().contains("stays locked"), "{error}");
        std::fs::write(dir.path().join(LOCK_FILE), "verifier_entry = \"app-lock/gone\"\n").unwrap();
        let lock = AppLock::open(dir.path(), SecretStore::default()).unwrap();
        assert!(lock.is_locked());
        let missing = lock.unlock(&SecretString::from(GOOD)).unwrap_err();
        assert!(matches!(missing, Error::LockVerifierMissing { .. }), "{missing:?}");
    }
}
