//! Backup and restore of a profile: the way a household's history survives a wiped keyring, a reinstalled system
//! or a new computer, since the store's key lives only in the OS keyring.
//!
//! A backup is one `.pfobackup` file: a ustar archive (the `tar` crate) of four members, in this order:
//! - `manifest.json`: format and version, when, by which app version, the profile's mode, the schema version, and
//!   the database member's size and SHA-256 (first, so a reader knows what it holds before copying gigabytes, and
//!   can tell a damaged or truncated file from a wrong passphrase);
//! - `profile.json` and `tenant.toml`: the profile's two files, neither secret;
//! - `pfo.db`: the store, re-encrypted by SQLCipher with a key its KDF derives from the household's passphrase.
//!
//! Nothing from the keyring and nothing from `config.toml` goes in: no database key, no Powens credential or token.
//!
//! A restore checks everything (archive, manifest, digest, passphrase, SQLCipher's page authentication, SQLite's
//! integrity check, the schema version) and re-encrypts the store under a new random key in a new keyring entry,
//! into a fresh file, before anything of the current profile moves. Then the current store, its profile and tenant
//! files are renamed aside (`pfo.db.before-restore-<time>`…, so they still open with their own key entry, which is
//! kept) and the restored ones put in place; a failure on the way puts the old files back.
//!
//! Longer than most modules, on purpose: the archive format, its checks and the restore sequence stay in one file
//! because the order of the restore's steps (check everything, claim the profile, swap, roll back) is the safety
//! argument, and reads best in one place. Its tests are in `backup/tests.rs`.
//!
//! Long because the format is one unit: writing, reading back and verifying the same four members, and the
//! passphrase's key derivation they share, stay side by side so a change to one is seen against the others.

use crate::domain::Timestamp;
use crate::app::App;
use crate::error::{Error, Result};
use crate::profile::{self, Mode, Profile, DATABASE_FILE, PROFILE_FILE};
use crate::secrets::{random_id, SecretStore, SecretString};
use crate::store::backup::{self as copies, Checked, FileKey, Fingerprint, COPY};
use crate::store::lock::{FileLock, IN_USE_LOCK, PROFILE_LOCK, REFRESH_LOCK};
use crate::store::SCHEMA_VERSION;
use crate::tenant::TENANT_FILE;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// The extension of backup files.
pub const EXTENSION: &str = "pfobackup";

const FORMAT: &str = "pocket-family-office-backup";
const FORMAT_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
/// SQLCipher 4's defaults, which `ATTACH … KEY 'passphrase'` uses: written down so a future reader knows.
const KDF: &str = "sqlcipher4: PBKDF2-HMAC-SHA512, 256000 iterations, random 16-byte salt per file";
/// Members other than the database are small; anything larger is not ours.
const SMALL_MEMBER_MAX: u64 = 1024 * 1024;

/// The manifest, `manifest.json` in the archive.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    format: String,
    version: u32,
    created_at: Timestamp,
    app_version: String,
    mode: Mode,
    schema_version: i64,
    kdf: String,
    database: Member,
}

/// A member's size and SHA-256.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Member {
    name: String,
    bytes: u64,
    sha256: String,
}

/// What a backup holds, as `pfo backup create` and "Back up…" report it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupSummary {
    /// The backup file.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// When it was made (RFC 3339, UTC).
    pub created_at: Timestamp,
    /// The profile it was made of.
    pub mode: Mode,
    /// The store's schema version.
    pub schema_version: u32,
    /// The rows it holds.
    pub fingerprint: Fingerprint,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RestoreSummary {
    /// The profile restored (a backup goes back into the profile of its own mode).
    pub mode: Mode,
    /// The profile directory.
    pub profile_dir: String,
    /// Where the store it replaced was kept (it still opens with its own keyring entry), if there was one.
    pub previous_store: Option<String>,
    /// The keyring entry holding the restored store's new key (its name; the key never leaves the keyring).
    pub keyring_entry: String,
    /// When the backup was made.
    pub backup_created_at: Timestamp,
    /// The restored store's schema version (migrated on next start if older than this build's).
    pub schema_version: u32,
    /// The rows restored.
    pub fingerprint: Fingerprint,
}

/// Refuses a weak backup passphrase ([`crate::passphrase::check_strength`]): a backup file may be copied anywhere, so
/// its passphrase is all that protects it offline.
pub fn check_passphrase(passphrase: &SecretString) -> Result<()> {
    crate::passphrase::check_strength(passphrase).map_err(|reason| Error::BackupPassphraseWeak { reason })
}

/// `pocket-family-office-<mode>-<date>.pfobackup`.
pub fn default_file_name(mode: Mode, now: DateTime<Utc>) -> String {
    format!("{}.{EXTENSION}", default_stem(mode, now))
}

/// The default name without its extension.
pub fn default_stem(mode: Mode, now: DateTime<Utc>) -> String {
    format!("pocket-family-office-{}-{}", mode.dir_name(), now.format("%Y-%m-%d"))
}

/// A private working folder inside the data directory (same file system as the profiles, so the restored store
/// is renamed into place, not copied), removed with everything in it when dropped.
struct Staging(PathBuf);

impl Staging {
    fn new(data_dir: &Path, purpose: &str) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::Io { action: "create", path: data_dir.to_path_buf(), source })?;
        let dir = data_dir.join(format!(".pfo-{purpose}-{}", random_id()?));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir).map_err(|source| Error::Io { action: "create", path: dir.clone(), source })?;
        Ok(Self(dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { action, path, source }
}

/// The fingerprint of the open store (counts and digests of accounts, transactions and balance snapshots): what a
/// backup and its restore are compared by.
pub async fn fingerprint(app: &App) -> Result<Fingerprint> {
    app.store().call(|conn| copies::fingerprint(conn, "main")).await
}

/// Writes a backup under `passphrase` into the export folder ([`crate::export::default_dir`]) under a free name
/// (Settings' "Back up…": the household names no file).
pub async fn create_in_export_dir(app: &App, passphrase: SecretString) -> Result<BackupSummary> {
    let path = crate::export::free_path_in_default_dir(app, &default_stem(app.mode(), app.clock().now()), EXTENSION)?;
    create(app, &path, passphrase).await
}

/// Writes a backup of `app`'s profile to `output`, which must not exist. The store is copied in one read
/// transaction (a consistent snapshot, even while another process refreshes), checked with the passphrase, then
/// packed.
pub async fn create(app: &App, output: &Path, passphrase: SecretString) -> Result<BackupSummary> {
    check_passphrase(&passphrase)?;
    if output.symlink_metadata().is_ok() {
        return Err(Error::FileExists { path: output.to_path_buf() });
    }
    let staging = Staging::new(app.data_dir(), "backup")?;
    let staged = staging.path().join(DATABASE_FILE);
    {
        let (staged, passphrase) = (staged.clone(), passphrase.clone());
        app.store().call(move |conn| copies::export_to(conn, "main", &staged, FileKey::Passphrase(&passphrase))).await?;
    }
    let (profile_dir, mode, created_at, output) = (app.profile_dir().to_path_buf(), app.mode(), app.clock().timestamp(), output.to_path_buf());
    tokio::task::spawn_blocking(move || {
        let summary = package(&staged, &passphrase, &profile_dir, mode, created_at, &output);
        drop(staging);
        summary
    })
    .await
    .map_err(|e| Error::Task(format!("writing the backup failed: {e}")))?
}

fn package(staged: &Path, passphrase: &SecretString, profile_dir: &Path, mode: Mode, created_at: Timestamp, output: &Path) -> Result<BackupSummary> {
    // A backup that would not open is never written: the copy is opened with the passphrase and checked first.
    let copy = copies::open_copy(staged, FileKey::Passphrase(passphrase))
        .map_err(|e| e.unwrap_or_else(|| Error::Task("the fresh copy does not open with its passphrase".into())))?;
    let checked = copies::check(&copy, COPY)?.map_err(|reason| Error::Task(format!("the fresh copy failed its check: {reason}")))?;
    drop(copy);
    let database = Member { name: DATABASE_FILE.into(), bytes: std::fs::metadata(staged).map_err(io("read", staged))?.len(), sha256: sha256_of(staged)? };
    let read = |name: &str| {
        let path = profile_dir.join(name);
        std::fs::read(&path).map_err(io("read", &path))
    };
    let small = [(PROFILE_FILE, read(PROFILE_FILE)?), (TENANT_FILE, read(TENANT_FILE)?)];
    let manifest = Manifest {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        created_at,
        app_version: env!("CARGO_PKG_VERSION").into(),
        mode,
        schema_version: checked.schema_version,
        kdf: KDF.into(),
        database,
    };
    let mtime = created_at.datetime().timestamp().max(0) as u64;
    write_archive(output, &manifest, &small, staged, mtime)?;
    let bytes = std::fs::metadata(output).map_err(io("read", output))?.len();
    Ok(BackupSummary {
        path: output.display().to_string(),
        bytes,
        created_at,
        mode,
        schema_version: checked.schema_version as u32,
        fingerprint: checked.fingerprint,
    })
}

fn sha256_of(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(io("read", path))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io("read", path))?;
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates `output` (never over an existing file; owner-only permissions) and writes the archive; a failure
/// removes the partial file, which this call created.
fn write_archive(output: &Path, manifest: &Manifest, small: &[(&str, Vec<u8>)], database: &Path, mtime: u64) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(output).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::FileExists { path: output.to_path_buf() },
        _ => Error::Io { action: "create", path: output.to_path_buf(), source },
    })?;
    let written = (|| -> std::io::Result<()> {
        let mut builder = tar::Builder::new(std::io::BufWriter::new(file));
        let mut append = |name: &str, size: u64, reader: &mut dyn Read| {
            let mut header = tar::Header::new_ustar();
            header.set_size(size);
            header.set_mode(0o600);
            header.set_mtime(mtime);
            header.set_entry_type(tar::EntryType::Regular);
            builder.append_data(&mut header, name, reader)
        };
        let manifest = serde_json::to_vec_pretty(manifest).expect("the manifest serializes");
        append(MANIFEST, manifest.len() as u64, &mut manifest.as_slice())?;
        for (name, bytes) in small {
            append(name, bytes.len() as u64, &mut bytes.as_slice())?;
        }
        let mut db = File::open(database)?;
        let size = db.metadata()?.len();
        append(DATABASE_FILE, size, &mut db)?;
        let mut writer = builder.into_inner()?;
        writer.flush()?;
        writer.into_inner().map_err(|e| e.into_error())?.sync_all()
    })();
    written.map_err(|source| {
        let _ = std::fs::remove_file(output);
        Error::Io { action: "write the backup", path: output.to_path_buf(), source }
    })
}

/// A backup unpacked into a staging folder, its digest verified.
struct Unpacked {
    manifest: Manifest,
    /// The Powens domain the backed-up live profile belonged to (its `profile.json`'s).
    powens_domain: Option<String>,
    tenant: Vec<u8>,
    database: PathBuf,
}

fn unpack(file: &Path, into: &Path) -> Result<Unpacked> {
    let damaged = |reason: String| Error::BackupDamaged { file: file.to_path_buf(), reason };
    let reader = File::open(file).map_err(io("open", file))?;
    let mut archive = tar::Archive::new(BufReader::new(reader));
    let mut entries = archive.entries().map_err(|e| damaged(format!("it is not a backup archive ({e})")))?;
    let mut next = || entries.next().transpose().map_err(|e| damaged(format!("it is truncated or damaged ({e})")));
    let read_small = |entry: &mut tar::Entry<'_, BufReader<File>>, name: &str| -> Result<Vec<u8>> {
        if entry.size() > SMALL_MEMBER_MAX {
            return Err(damaged(format!("its {name} is implausibly large")));
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| damaged(format!("its {name} is truncated or damaged ({e})")))?;
        Ok(bytes)
    };
    let name_of = |entry: &tar::Entry<'_, BufReader<File>>| entry.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();

    let mut first = next()?.ok_or_else(|| damaged("it is empty".into()))?;
    if name_of(&first) != MANIFEST {
        return Err(damaged("it does not start with a backup manifest".into()));
    }
    let manifest: Manifest = serde_json::from_slice(&read_small(&mut first, MANIFEST)?).map_err(|e| damaged(format!("its manifest is unreadable ({e})")))?;
    drop(first);
    if manifest.format != FORMAT {
        return Err(damaged("it is not a Pocket Family Office backup".into()));
    }
    if manifest.version > FORMAT_VERSION {
        return Err(damaged(format!("it was written in backup format {} by a newer version of the app; update the app", manifest.version)));
    }
    let (mut profile, mut tenant, mut database) = (None, None, None);
    while let Some(mut entry) = next()? {
        match name_of(&entry).as_str() {
            PROFILE_FILE => profile = Some(read_small(&mut entry, PROFILE_FILE)?),
            TENANT_FILE => tenant = Some(read_small(&mut entry, TENANT_FILE)?),
            DATABASE_FILE => {
                let path = into.join(DATABASE_FILE);
                let mut out = File::create(&path).map_err(io("create", &path))?;
                let mut hasher = Sha256::new();
                let mut buffer = vec![0u8; 1 << 16];
                let mut bytes = 0u64;
                loop {
                    let n = entry.read(&mut buffer).map_err(|e| damaged(format!("its database is truncated or damaged ({e})")))?;
                    if n == 0 {
                        break;
                    }
                    hasher.update(&buffer[..n]);
                    out.write_all(&buffer[..n]).map_err(io("write", &path))?;
                    bytes += n as u64;
                }
                out.sync_all().map_err(io("write", &path))?;
                let found = Member { name: DATABASE_FILE.into(), bytes, sha256: hex(&hasher.finalize()) };
                if found != manifest.database {
                    return Err(damaged("its database does not match its manifest (the file is truncated or was altered)".into()));
                }
                database = Some(path);
            }
            other => return Err(damaged(format!("it holds an unexpected member `{other}`"))),
        }
    }
    let missing = |name: &str| damaged(format!("its {name} is missing (the file is incomplete)"));
    let profile = profile.ok_or_else(|| missing(PROFILE_FILE))?;
    let tenant = tenant.ok_or_else(|| missing(TENANT_FILE))?;
    let database = database.ok_or_else(|| missing(DATABASE_FILE))?;
    let powens_domain = match profile::meta_of(&profile) {
        Ok((mode, domain)) if mode == manifest.mode => domain,
        _ => return Err(damaged(format!("its {PROFILE_FILE} does not match its manifest"))),
    };
    let text = String::from_utf8(tenant.clone()).map_err(|_| damaged(format!("its {TENANT_FILE} is not text")))?;
    crate::tenant::parse(Path::new(TENANT_FILE), &text).map_err(|e| damaged(format!("its {TENANT_FILE} is invalid ({e})")))?;
    Ok(Unpacked { manifest, powens_domain, tenant, database })
}

/// The one point where a restore claims the profile against other processes: it takes, without waiting, the three
/// locks the app and `pfo` hold on a profile (`store::lock`: the profile lock while a profile is created, opened and
/// migrated; the refresh lock for a whole refresh; the in-use lock, shared by every process that has the profile
/// open, an idle window included), and refuses while another process holds any.
fn claim_profile(dir: &Path) -> Result<Vec<FileLock>> {
    std::fs::create_dir_all(dir).map_err(io("create", dir))?;
    [PROFILE_LOCK, REFRESH_LOCK, IN_USE_LOCK]
        .iter()
        .map(|name| FileLock::try_exclusive(&dir.join(name))?.ok_or_else(|| Error::ProfileBusy { path: dir.to_path_buf() }))
        .collect()
}

/// Restores `file` into `data_dir`, into the profile of the backup's mode. `before_swap` runs once everything is
/// checked and just before the current files move (the desktop closes its own connection there). See the module
/// comment for the order of things; on any error nothing of the current profile has changed.
pub fn restore(
    data_dir: &Path,
    file: &Path,
    passphrase: &SecretString,
    secrets: &SecretStore,
    now: DateTime<Utc>,
    before_swap: &mut dyn FnMut(Mode) -> Result<()>,
) -> Result<RestoreSummary> {
    let staging = Staging::new(data_dir, "restore")?;
    let unpacked = unpack(file, staging.path())?;
    let damaged = |reason: String| Error::BackupDamaged { file: file.to_path_buf(), reason };
    let source = match copies::open_copy(&unpacked.database, FileKey::Passphrase(passphrase)) {
        Ok(connection) => connection,
        // The digest matched, so the file is as it was written: a key that does not fit is the passphrase.
        Err(None) => return Err(Error::BackupPassphraseWrong { file: file.to_path_buf() }),
        Err(Some(error)) => return Err(damaged(error.to_string())),
    };
    let checked = copies::check(&source, COPY)?.map_err(damaged)?;
    if checked.schema_version > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found: checked.schema_version, supported: SCHEMA_VERSION });
    }
    let (mode, domain) = (unpacked.manifest.mode, unpacked.powens_domain.clone());
    // A live backup goes back to the profile of its own Powens domain: `live/`, or `live-<domain>/` when `live/`
    // belongs to another domain (the choice the app makes when it opens that domain).
    let dir = match mode {
        Mode::Demo => data_dir.join(mode.dir_name()),
        Mode::Live => profile::live_dir(data_dir, domain.as_deref()),
    };
    let _claim = claim_profile(&dir)?;
    let previous_id = std::fs::read(dir.join(PROFILE_FILE)).ok().and_then(|bytes| profile_id(&bytes));
    let restored = Profile { mode, dir: dir.clone(), id: random_id()?, powens_domain: domain.clone() };
    let key = secrets.create_database_key(&restored.database_key_entry())?;
    let mut written = vec![restored.database_key_entry()];
    let outcome = (|| {
        let rekeyed = staging.path().join("restored.db");
        copies::export_to(&source, COPY, &rekeyed, FileKey::Raw(&key))?;
        let copy = copies::open_copy(&rekeyed, FileKey::Raw(&key)).map_err(|e| e.unwrap_or_else(|| Error::Task("the re-encrypted store does not open with its new key".into())))?;
        let again = copies::check(&copy, COPY)?.map_err(|reason| Error::Task(format!("the re-encrypted store failed its check: {reason}")))?;
        if again != checked {
            return Err(Error::Task("the re-encrypted store differs from the backup".into()));
        }
        drop(copy);
        carry_powens_entries(secrets, previous_id.as_deref(), &restored, mode, &mut written)?;
        before_swap(mode)?;
        let previous = swap(&dir, &rekeyed, &unpacked.tenant, &restored, now)?;
        Ok(previous)
    })();
    match outcome {
        Ok(previous) => Ok(summary(restored, previous, unpacked.manifest, checked)),
        Err(error) => {
            for entry in written {
                let _ = secrets.delete(&entry);
            }
            Err(error)
        }
    }
}

fn summary(restored: Profile, previous: Option<PathBuf>, manifest: Manifest, checked: Checked) -> RestoreSummary {
    RestoreSummary {
        mode: restored.mode,
        profile_dir: restored.dir.display().to_string(),
        previous_store: previous.map(|p| p.display().to_string()),
        keyring_entry: restored.database_key_entry(),
        backup_created_at: manifest.created_at,
        schema_version: checked.schema_version as u32,
        fingerprint: checked.fingerprint,
    }
}

fn profile_id(bytes: &[u8]) -> Option<String> {
    serde_json::from_slice::<serde_json::Value>(bytes).ok()?.get("id")?.as_str().map(str::to_string)
}

/// A live profile restored on the machine it was connected on keeps working: the Powens credentials and user token
/// the replaced profile (of the same Powens domain: the profile directory was chosen by domain) had in the keyring
/// are copied, inside the keyring, to the restored profile's entries. The replaced profile keeps its own.
fn carry_powens_entries(secrets: &SecretStore, previous_id: Option<&str>, restored: &Profile, mode: Mode, written: &mut Vec<String>) -> Result<()> {
    let Some(previous_id) = previous_id.filter(|_| mode == Mode::Live) else { return Ok(()) };
    let previous = Profile { mode, dir: restored.dir.clone(), id: previous_id.to_string(), powens_domain: restored.powens_domain.clone() };
    let pairs = [
        (previous.powens_client_id_entry(), restored.powens_client_id_entry()),
        (previous.powens_client_secret_entry(), restored.powens_client_secret_entry()),
        (previous.powens_token_entry(), restored.powens_token_entry()),
    ];
    for (from, to) in pairs {
        if let Some(value) = secrets.get(&from)? {
            secrets.set(&to, &value)?;
            written.push(to);
        }
    }
    Ok(())
}

/// Moves the current files aside and puts the restored ones in place; on failure, puts everything back.
/// Returns where the previous store went, if there was one.
fn swap(dir: &Path, rekeyed: &Path, tenant: &[u8], restored: &Profile, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    let stamp = now.format("%Y-%m-%dT%H%M%SZ").to_string();
    let suffix = std::iter::once(format!("before-restore-{stamp}"))
        .chain((2..).map(|n| format!("before-restore-{stamp}-{n}")))
        .find(|s| !dir.join(format!("{DATABASE_FILE}.{s}")).exists() && !dir.join(format!("{PROFILE_FILE}.{s}")).exists())
        .expect("a free name");
    let database = dir.join(DATABASE_FILE);
    let aside = dir.join(format!("{DATABASE_FILE}.{suffix}"));
    // The write-ahead log and shared memory follow the database under SQLite's own naming (`<name>-wal`), so the
    // store kept aside still opens whole.
    let plan = [
        (database.clone(), aside.clone()),
        (dir.join(format!("{DATABASE_FILE}-wal")), dir.join(format!("{DATABASE_FILE}.{suffix}-wal"))),
        (dir.join(format!("{DATABASE_FILE}-shm")), dir.join(format!("{DATABASE_FILE}.{suffix}-shm"))),
        (dir.join(PROFILE_FILE), dir.join(format!("{PROFILE_FILE}.{suffix}"))),
        (dir.join(TENANT_FILE), dir.join(format!("{TENANT_FILE}.{suffix}"))),
    ];
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut placed: Vec<PathBuf> = Vec::new();
    let undo = |moved: &[(PathBuf, PathBuf)], placed: &[PathBuf]| {
        for path in placed {
            let _ = std::fs::remove_file(path);
        }
        for (from, to) in moved.iter().rev() {
            let _ = std::fs::rename(to, from);
        }
    };
    let result = (|| {
        for (from, to) in &plan {
            if from.symlink_metadata().is_ok() {
                std::fs::rename(from, to).map_err(io("move aside", from))?;
                moved.push((from.clone(), to.clone()));
            }
        }
        std::fs::rename(rekeyed, &database).map_err(io("put in place", &database))?;
        placed.push(database.clone());
        let tenant_path = dir.join(TENANT_FILE);
        let partial = dir.join(format!("{TENANT_FILE}.restoring"));
        std::fs::write(&partial, tenant).map_err(io("write", &partial))?;
        std::fs::rename(&partial, &tenant_path).map_err(io("put in place", &tenant_path))?;
        placed.push(tenant_path);
        // Last: the profile file names the key, so until it is written the old profile file still rules.
        profile::write_restored_profile(dir, &restored.id, restored.mode, restored.powens_domain.as_deref())?;
        placed.push(dir.join(PROFILE_FILE));
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(moved.first().filter(|(from, _)| *from == database).map(|(_, to)| to.clone())),
        Err(error) => {
            undo(&moved, &placed);
            Err(error)
        }
    }
}

/// The desktop's "Restore…": no refresh runs meanwhile, and the app's own connection to the store is closed just
/// before the files are swapped (only if the backup is of the profile the app has open). `app` is unusable
/// afterwards: the caller opens a new [`App`] on the data folder (the desktop swaps it in).
pub async fn restore_into_running(app: &App, file: PathBuf, passphrase: SecretString) -> Result<RestoreSummary> {
    // A refresh in progress finishes first; then the sync guard keeps any later sync step out until the swap.
    let running = app.refresh_slot().lock().await.clone();
    if let Some(mut refresh) = running {
        while refresh.borrow().is_none() {
            if refresh.changed().await.is_err() {
                break;
            }
        }
    }
    let _no_sync = app.sync_guard().await;
    let (data_dir, store, now) = (app.data_dir().to_path_buf(), app.store().clone(), app.clock().now());
    // This process's own hold on its profile must not count as "another process": it is let go for the restore and
    // taken again afterwards, whatever the outcome (the window goes on with the store it has, or a new core).
    let own = app.clone();
    tokio::task::spawn_blocking(move || {
        own.release_in_use();
        let own_mode = own.mode();
        let mut close_own = |mode: Mode| if mode == own_mode { store.close_file() } else { Ok(()) };
        let restored = restore(&data_dir, &file, &passphrase, &SecretStore::default(), now, &mut close_own);
        own.reclaim_in_use();
        restored
    })
    .await
    .map_err(|e| Error::Task(format!("the restore task failed: {e}")))?
}

#[cfg(test)]
mod tests;
