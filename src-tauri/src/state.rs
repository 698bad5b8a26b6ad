//! `AppState`: what every command reaches, built once at start-up.
//!
//! Opening the core can fail (no keyring, wrong key); the window must still open and explain the problem, so the
//! state keeps the start-up error and every command returns it. The core can be swapped while the window runs:
//! connecting Powens from Settings opens the live profile in place of the demo household (or of another domain's).
//! The app lock belongs to the data folder, not to a core: it outlives the swaps, and while it is locked every
//! command but the lock's own is refused here.

use crate::error::IpcError;

/// The managed state.
pub struct AppState {
    app: std::sync::RwLock<Result<pfo_core::App, IpcError>>,
    /// The app lock of the data folder (a damaged `lock.toml` is kept as the error every command returns).
    lock: Result<std::sync::Arc<pfo_core::lock::AppLock>, IpcError>,
    /// The webhook receiver, while the Settings switch has it on.
    webhooks: tokio::sync::Mutex<Option<pfo_core::webhook_receiver::WebhookReceiver>>,
    /// The data folder the core was opened on: a restore needs it most when the core could not open (the keyring
    /// lost the database key).
    data_dir: Option<std::path::PathBuf>,
    /// Bumped each time another core is put in use, so that the polling timer follows it.
    generation: tokio::sync::watch::Sender<u64>,
}

impl AppState {
    /// State holding the opened core (or the error that prevented opening it) and the lock of `data_dir`.
    pub fn new(app: Result<pfo_core::App, IpcError>, data_dir: std::path::PathBuf) -> Self {
        let lock = pfo_core::lock::AppLock::open(&data_dir, pfo_core::secrets::SecretStore::default()).map(std::sync::Arc::new).map_err(IpcError::from);
        Self {
            app: std::sync::RwLock::new(app),
            lock,
            webhooks: tokio::sync::Mutex::new(None),
            data_dir: Some(data_dir),
            generation: tokio::sync::watch::Sender::new(0),
        }
    }

    /// The data folder, when known.
    pub fn data_dir(&self) -> Option<&std::path::Path> {
        self.data_dir.as_deref()
    }

    /// The core for a command (a cheap clone of the one in use), or the start-up error, or `app.locked` while the
    /// app lock is locked.
    pub fn app(&self) -> Result<pfo_core::App, IpcError> {
        self.lock()?.ensure_unlocked()?;
        self.core()
    }

    /// The core for the shell's own background work (the polling timer), which goes on while the window is locked.
    pub fn core(&self) -> Result<pfo_core::App, IpcError> {
        self.app.read().expect("app state lock").clone()
    }

    /// The app lock.
    pub fn lock(&self) -> Result<std::sync::Arc<pfo_core::lock::AppLock>, IpcError> {
        self.lock.clone()
    }

    /// Puts `app` in use for every later command; commands already running finish on the one they had.
    pub fn replace(&self, app: pfo_core::App) {
        *self.app.write().expect("app state lock") = Ok(app);
        self.generation.send_modify(|generation| *generation += 1);
    }

    /// Hears each [`Self::replace`].
    pub fn core_changes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.generation.subscribe()
    }

    /// The slot of the webhook receiver (one at most).
    pub fn webhooks(&self) -> &tokio::sync::Mutex<Option<pfo_core::webhook_receiver::WebhookReceiver>> {
        &self.webhooks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pfo_core::error::Code;
    use pfo_core::lock::{AppLock, CliUnlock, LockConfigureInput};
    use pfo_core::secrets::{SecretStore, SecretString};

    /// Runs against the test session's real keyring.
    #[test]
    fn while_the_app_lock_is_locked_every_command_gets_app_locked_and_background_work_goes_on() {
        let data = tempfile::tempdir().unwrap();
        let passphrase = "violet canal morning thirteen";
        AppLock::open(data.path(), SecretStore::default())
            .unwrap()
            .configure(LockConfigureInput { new_passphrase: Some(passphrase.into()), cli_unlock: CliUnlock::Ask, ..Default::default() })
            .unwrap();
        let opened = tauri::async_runtime::block_on(pfo_core::App::open(pfo_core::AppOptions::new(data.path())));
        let state = AppState::new(opened.map_err(Into::into), data.path().to_path_buf());

        assert_eq!(state.app().unwrap_err().code(), Code::AppLocked, "a new process starts locked");
        assert!(state.core().is_ok(), "the polling timer still reaches the core");
        let status = state.lock().unwrap().status();
        assert!(status.enabled && status.locked);
        assert_eq!(state.lock().unwrap().unlock(&SecretString::from("wrong guess")).unwrap_err().code(), Code::LockPassphraseWrong);
        assert_eq!(state.app().unwrap_err().code(), Code::AppLocked);

        state.lock().unwrap().unlock(&SecretString::from(passphrase)).unwrap();
        assert!(state.app().is_ok());
        state.lock().unwrap().lock().unwrap();
        assert_eq!(state.app().unwrap_err().code(), Code::AppLocked, "lock now");
        state.lock().unwrap().remove(&SecretString::from(passphrase)).unwrap();
        assert!(state.app().is_ok());
    }

    #[test]
    fn a_damaged_lock_file_keeps_every_command_out_with_the_fix() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join(pfo_core::lock::LOCK_FILE), "idle_minutes = \"soon\"\n").unwrap();
        let state = AppState::new(Err(pfo_core::Error::LockNotSet.into()), data.path().to_path_buf());
        let error = state.app().unwrap_err();
        assert_eq!(error.code(), Code::ConfigInvalid);
        assert!(serde_json::to_string(&error).unwrap().contains("removing the file removes the lock"));
    }
}
