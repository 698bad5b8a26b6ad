//! `App`: the facade the desktop shell and the CLI share. It opens the right profile (demo unless Powens is
//! configured), its encrypted store, and builds the provider lazily on the first sync, so reading stored data
//! never needs the network.

use crate::clock::Clock;
use crate::config::{self, PowensConfig};
use crate::demo::{self, DemoBackend};
use crate::error::{Error, Result};
use crate::profile::{Mode, Profile};
use crate::provider::factory::IntegrationProviderFactory;
use crate::provider::PowensOpenBankingProvider;
use crate::secrets::SecretStore;
use crate::store::lock::{FileLock, IN_USE_LOCK, REFRESH_LOCK};
use crate::store::{runs, Store};
use crate::telemetry::{EventMetadata, FileSink};
use crate::tenant::{self, Tenant};
use crate::workflow::SharedOutcome;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::{Mutex, OnceCell};


/// How to open the app.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Where profiles and `config.toml` live.
    pub data_dir: PathBuf,
    /// The clock (a fixed one in tests).
    pub clock: Arc<dyn Clock>,
}

impl AppOptions {
    /// Options for `data_dir` with the process clock ([`crate::clock::from_env`]).
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into(), clock: crate::clock::from_env() }
    }
}

/// Where the provider comes from.
#[derive(Debug)]
enum Source {
    Demo,
    Live(PowensConfig),
}

/// A connected provider, plus the demo sandbox behind it when in demo mode.
#[derive(Debug)]
pub struct Connected {
    /// The provider.
    pub provider: PowensOpenBankingProvider,
    _demo: Option<DemoBackend>,
}

struct Inner {
    data_dir: PathBuf,
    profile: Profile,
    tenant: Tenant,
    telemetry_file: FileSink,
    refresh_slot: Mutex<Option<tokio::sync::watch::Receiver<Option<SharedOutcome>>>>,
    store: Store,
    secrets: SecretStore,
    source: Source,
    clock: Arc<dyn Clock>,
    connected: OnceCell<Connected>,
    sync_lock: Mutex<()>,
    /// The shared in-use lock on the profile (see `store::lock`), held as long as this core lives.
    in_use: std::sync::Mutex<Option<FileLock>>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("data_dir", &self.data_dir).field("mode", &self.profile.mode).finish_non_exhaustive()
    }
}

/// The opened application. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App(Arc<Inner>);

impl App {
    /// Opens the profile chosen by `config.toml` and its encrypted store.
    pub async fn open(options: AppOptions) -> Result<Self> {
        let data_dir = options.data_dir;
        let (mode, source) = match config::load(&data_dir)? {
            Some(powens) => (Mode::Live, Source::Live(powens)),
            None => (Mode::Demo, Source::Demo),
        };
        let secrets = SecretStore::default();
        let profile = match &source {
            Source::Demo => Profile::open(&data_dir, mode)?,
            Source::Live(config) => Profile::open_live(&data_dir, crate::profile::powens_domain(&config.base_url).as_deref())?,
        };
        let in_use = hold_in_use(&profile.dir).await?;
        let tenant = {
            let _writing = profile.lock()?;
            tenant::load_or_create(&profile.dir)?
        };
        let store = {
            let (profile, secrets) = (profile.clone(), secrets.clone());
            tokio::task::spawn_blocking(move || profile.open_store(&secrets))
                .await
                .map_err(|e| Error::Task(format!("opening the store failed: {e}")))??
        };
        // Runs still marked running were left by a process that died, unless another live process is refreshing
        // (it holds the refresh lock): then they are its runs, and are left alone.
        if let Some(_no_refresh_elsewhere) = FileLock::try_exclusive(&profile.dir.join(REFRESH_LOCK))? {
            let now = options.clock.timestamp();
            let interrupted = store.call(move |conn| runs::fail_interrupted(conn, now)).await?;
            if interrupted > 0 {
                tracing::warn!(interrupted, "closed workflow runs left open by a previous process");
            }
        }
        if matches!(source, Source::Demo) {
            let now = options.clock.timestamp();
            store.call(move |conn| demo::seed_family(conn, now)).await?;
        }
        // The knowledge space's retention is enforced at start as well as on every write.
        let now = options.clock.now();
        store.call(move |conn| crate::store::knowledge::purge_expired(conn, now)).await?;
        let telemetry_file = FileSink::new(&profile.dir);
        enforce_retention(&store, &telemetry_file, now).await;
        Ok(Self(Arc::new(Inner {
            data_dir,
            telemetry_file,
            profile,
            tenant,
            refresh_slot: Mutex::new(None),
            store,
            secrets,
            source,
            clock: options.clock,
            connected: OnceCell::new(),
            sync_lock: Mutex::new(()),
            in_use: std::sync::Mutex::new(Some(in_use)),
        })))
    }

    /// Lets go of this core's in-use lock, so that a restore run by this very process can claim the profile.
    pub(crate) fn release_in_use(&self) {
        self.0.in_use.lock().expect("in-use lock slot").take();
    }

    /// Takes the in-use lock again after [`Self::release_in_use`]; a failure is logged (the core goes on, only
    /// less protected against a restore from another process).
    pub(crate) fn reclaim_in_use(&self) {
        match FileLock::shared_within(&self.0.profile.dir.join(IN_USE_LOCK), RESTORE_PATIENCE) {
            Ok(Some(lock)) => *self.0.in_use.lock().expect("in-use lock slot") = Some(lock),
            Ok(None) => tracing::warn!("another process is restoring this profile; this window no longer holds it"),
            Err(error) => tracing::warn!(code = %error.code(), "could not hold the profile again after a restore: {error}"),
        }
    }

    /// Demo or live.
    pub fn mode(&self) -> Mode {
        self.0.profile.mode
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.0.data_dir
    }

    /// The encrypted store. Crate-private: the shells reach data through [`crate::ops`] only.
    pub(crate) fn store(&self) -> &Store {
        &self.0.store
    }

    /// The clock.
    pub fn clock(&self) -> &dyn Clock {
        self.0.clock.as_ref()
    }

    /// The tenant bindings of this profile.
    pub fn tenant(&self) -> &Tenant {
        &self.0.tenant
    }

    /// Where the tenant file is.
    pub fn tenant_path(&self) -> PathBuf {
        self.0.profile.dir.join(tenant::TENANT_FILE)
    }

    /// The profile (its folder, its id naming the keyring entries, its database file).
    pub fn profile(&self) -> &Profile {
        &self.0.profile
    }

    /// The profile directory.
    pub fn profile_dir(&self) -> &Path {
        &self.0.profile.dir
    }

    /// The JSON-lines telemetry sink.
    pub fn telemetry_file(&self) -> &FileSink {
        &self.0.telemetry_file
    }

    /// The metadata every telemetry event carries.
    pub fn telemetry_metadata(&self) -> EventMetadata {
        let blueprint = &crate::blueprint::POCKET_FAMILY_OFFICE_BLUEPRINT;
        let environment = match &self.0.source {
            Source::Demo => "demo-sandbox".to_string(),
            Source::Live(config) => format!("{:?}", config.environment).to_lowercase(),
        };
        let connection = self.0.tenant.binding(crate::blueprint::PRIMARY_OPEN_BANKING).unwrap_or("unbound");
        EventMetadata {
            tenant: self.0.tenant.tenant.id.clone(),
            app: self.0.tenant.tenant.app.clone(),
            blueprint: format!("{}@{}", blueprint.id, blueprint.version),
            config: format!("{}/{environment}/{connection}", crate::blueprint::POWENS_SPEC.id),
        }
    }

    /// The `[powens]` table of `config.toml`; `None` in demo mode.
    pub fn powens_config(&self) -> Option<&PowensConfig> {
        match &self.0.source {
            Source::Demo => None,
            Source::Live(config) => Some(config),
        }
    }

    /// In live mode, the household's webhook signing secret from the keyring (see
    /// [`IntegrationProviderFactory::load_webhook_secret`]); the demo household has no Powens domain to hear from.
    pub fn webhook_secret(&self) -> Result<crate::secrets::SecretString> {
        match &self.0.source {
            Source::Demo => Err(Error::InvalidInput {
                field: "webhooks".into(),
                reason: "the demo household has no Powens domain to receive webhooks from; connect Powens first (`pfo connect powens`)".into(),
            }),
            Source::Live(_) => IntegrationProviderFactory::load_webhook_secret(&self.0.profile, &self.0.secrets),
        }
    }

    /// How often the desktop app refreshes by itself (`pollingIntervalMs`), if configured.
    pub fn polling_interval(&self) -> Option<std::time::Duration> {
        match &self.0.source {
            Source::Demo => None,
            Source::Live(config) => config.polling_interval_ms.map(std::time::Duration::from_millis),
        }
    }

    /// In live mode, checks that the BYOK secrets are in the keyring.
    pub fn check_live_secrets(&self) -> Result<()> {
        match &self.0.source {
            Source::Demo => Ok(()),
            Source::Live(config) => IntegrationProviderFactory::load_settings(config, &self.0.profile, &self.0.secrets).map(drop),
        }
    }

    /// The shared slot of the running refresh (see [`crate::workflow::refresh`]).
    pub(crate) fn refresh_slot(&self) -> &Mutex<Option<tokio::sync::watch::Receiver<Option<SharedOutcome>>>> {
        &self.0.refresh_slot
    }

    /// Takes the profile's refresh lock, shared with every other process on this data folder: waits while another
    /// process refreshes, up to [`REFRESH_PATIENCE`], then says a refresh is running elsewhere.
    pub(crate) async fn refresh_lock(&self) -> Result<FileLock> {
        let path = self.0.profile.dir.join(REFRESH_LOCK);
        let lock = tokio::task::spawn_blocking(move || {
            if let Some(lock) = FileLock::try_exclusive(&path)? {
                return Ok(Some(lock));
            }
            tracing::info!("another process is refreshing this profile; waiting for it");
            FileLock::exclusive_within(&path, REFRESH_PATIENCE)
        })
        .await
        .map_err(|e| Error::Task(format!("waiting for the refresh lock failed: {e}")))??;
        lock.ok_or(Error::RefreshRunningElsewhere { waited_s: REFRESH_PATIENCE.as_secs() })
    }

    /// Serialises syncs: one refresh at a time.
    pub(crate) async fn sync_guard(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.0.sync_lock.lock().await
    }

    /// The provider, connected on first use (demo: starts the sandbox; live: loads secrets, creates the user once).
    /// Crate-private: only contracts run by workflows reach the provider.
    pub(crate) async fn connected(&self) -> Result<&Connected> {
        self.0
            .connected
            .get_or_try_init(|| async {
                match &self.0.source {
                    Source::Demo => {
                        let backend = demo::start(self.0.clock.now().naive_utc()).await?;
                        Ok(Connected { provider: backend.provider.clone(), _demo: Some(backend) })
                    }
                    Source::Live(config) => {
                        let path = self.0.data_dir.join(config::CONFIG_FILE);
                        let provider = IntegrationProviderFactory::create_open_banking_provider(&path, config, &self.0.profile, &self.0.secrets).await?;
                        Ok(Connected { provider, _demo: None })
                    }
                }
            })
            .await
    }

}

/// Takes the profile's in-use lock shared, waiting up to [`RESTORE_PATIENCE`] for a restore run by another process.
async fn hold_in_use(dir: &Path) -> Result<FileLock> {
    let path = dir.join(IN_USE_LOCK);
    let held = tokio::task::spawn_blocking(move || FileLock::shared_within(&path, RESTORE_PATIENCE))
        .await
        .map_err(|e| Error::Task(format!("waiting for the profile failed: {e}")))??;
    held.ok_or_else(|| Error::ProfileRestoring { path: dir.to_path_buf(), waited_s: RESTORE_PATIENCE.as_secs() })
}

/// Applies [`crate::retention`] (at start and after every refresh). Housekeeping: a failure is logged, and never
/// stops the app from opening or a refresh from reporting what it did.
pub(crate) async fn enforce_retention(store: &Store, sink: &FileSink, now: chrono::DateTime<chrono::Utc>) {
    let sink = sink.clone();
    if let Err(error) = store.call(move |conn| crate::retention::enforce(conn, &sink, now)).await {
        tracing::warn!(code = %error.code(), "could not purge history beyond its retention: {error}");
    }
}

/// The default data directory, shared by the desktop app and the CLI: `$PFO_DATA_DIR`, else the OS's data folder
/// (the one Tauri's `app_data_dir` names) under the app identifier: `$XDG_DATA_HOME` or `~/.local/share` on Linux,
/// `~/Library/Application Support` on macOS, the roaming `AppData` on Windows.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PFO_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER)
}

/// How long a refresh waits for one running in another process before giving up.
pub const REFRESH_PATIENCE: std::time::Duration = std::time::Duration::from_secs(300);

/// How long opening a profile waits for a restore run by another process (a restore takes seconds).
pub const RESTORE_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// The app identifier (also the Tauri identifier), naming the data directory.
pub const APP_IDENTIFIER: &str = "com.pocketfamilyoffice.app";
