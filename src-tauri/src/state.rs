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
