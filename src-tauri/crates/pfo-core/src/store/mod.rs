//! The encrypted store: one SQLCipher file per profile, opened with a raw 256-bit key from the OS keyring.
//!
//! Opening is careful about the file it is given: the key is checked with a read before anything can write, so a
//! wrong key or a damaged file is reported and the file stays byte-for-byte as it was. Async code reaches SQLite only
//! through [`Store::call`], which runs the closure on a blocking thread; a std `Mutex` is right here because the
//! lock is only ever held on that blocking thread, never across an `.await`.

pub mod accounts;
pub mod alerts;
pub(crate) mod amounts;
pub mod backup;
pub mod balances;
pub mod connections;
pub mod investments;
pub mod knowledge;
pub mod loans;
pub mod market_orders;
pub mod lock;
pub mod overview;
pub mod owners;
pub mod ownership;
pub(crate) mod migrations;
pub mod rates;
pub mod runs;
pub mod sync_state;
pub mod telemetry;
pub mod transactions;
pub mod webhooks;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use secrecy::{ExposeSecret, SecretString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use amounts::to_e4 as amounts_e4;
pub use migrations::SCHEMA_VERSION;

/// A handle on an open encrypted database. Cloning shares the connection.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates, when `path` does not exist) the database encrypted with `key` (64 hex characters),
    /// then brings its schema up to date.
    pub fn open(path: &Path, key: &SecretString) -> Result<Self> {
        Self::open_and_migrate(path, key).map_err(|error| explain_cannot_open(error, path))
    }

    fn open_and_migrate(path: &Path, key: &SecretString) -> Result<Self> {
        let exists = path.exists();
        let flags = if exists {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        backup::ensure_sqlcipher_ready();
        let connection = Connection::open_with_flags(path, flags).map_err(Error::storage("opening the database"))?;
        // SQLCipher prints HMAC failures to stderr on a wrong key; we report them ourselves.
        connection
            .execute_batch("PRAGMA cipher_log_level = NONE;")
            .map_err(Error::storage("configuring SQLCipher logging"))?;
        apply_key(&connection, key)?;
        verify_key(&connection, path)?;
        configure(&connection)?;
        let mut connection = connection;
        // An existing database about to be migrated is first copied into the profile's `backups/` folder.
        let backups = path.parent().unwrap_or(Path::new(".")).join(backup::PRE_MIGRATION_DIR);
        migrations::migrate(&mut connection, Some(&backups))?;
        // A bulk load interrupted by a crash left the full-text index incomplete: finish it before anyone searches.
        if transactions::repair_fts(&mut connection)? {
            tracing::warn!("rebuilt the full-text index left incomplete by an interrupted first sync");
        }
        Ok(Self { connection: Arc::new(Mutex::new(connection)), path: path.to_path_buf() })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `PRAGMA integrity_check`: `Ok(())` when SQLite finds the file sound, else the problems it lists.
    pub async fn integrity_check(&self) -> Result<std::result::Result<(), Vec<String>>> {
        self.call(|conn| {
            let mut statement = conn.prepare("PRAGMA integrity_check").map_err(Error::storage("checking integrity"))?;
            let lines = statement
                .query_map([], |row| row.get::<_, String>(0))
                .map_err(Error::storage("checking integrity"))?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(Error::storage("checking integrity"))?;
            Ok(if lines == ["ok"] { Ok(()) } else { Err(lines) })
        })
        .await
    }

    /// Closes the database file (after folding the write-ahead log into it), so that a restore can put another file
    /// in its place under a running app. The handle then holds an empty in-memory database: every later query
    /// fails, until the caller opens a new store on the restored file (the desktop swaps its core). Call it from a
    /// blocking thread.
    pub fn close_file(&self) -> Result<()> {
        let mut guard = self.connection.lock().map_err(|_| Error::Task("database lock poisoned".into()))?;
        checkpoint(&guard)?;
        let closed = Connection::open_in_memory().map_err(Error::storage("opening a placeholder connection"))?;
        let file = std::mem::replace(&mut *guard, closed);
        file.close().map_err(|(_, source)| Error::Storage { operation: "closing the database", source })
    }

    /// Runs `f` with the connection on a blocking thread: the only way async code touches SQLite.
    pub async fn call<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock().map_err(|_| Error::Task("database lock poisoned".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| Error::Task(format!("database task failed: {e}")))?
    }
}

/// SQLite reports a folder it cannot write (a read-only mount, a full disk) as "unable to open database file": on
/// that error only, a probe file says which it is, so the happy path does no extra I/O.
fn explain_cannot_open(error: Error, path: &Path) -> Error {
    let cannot_open = matches!(&error, Error::Storage { source, .. } if source.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen));
    match path.parent() {
        Some(folder) if cannot_open => folder_unwritable(folder).unwrap_or(error),
        _ => error,
    }
}

/// Why `folder` cannot be written, if it cannot: a probe file is created and removed at once.
fn folder_unwritable(folder: &Path) -> Option<Error> {
    let probe = folder.join(format!(".pfo-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(error) if matches!(error.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied) => {
            Some(Error::StorageReadOnly { operation: "opening the database" })
        }
        Err(error) if error.kind() == std::io::ErrorKind::StorageFull => Some(Error::StorageFull { operation: "opening the database" }),
        Err(source) => Some(Error::Io { action: "write into", path: folder.to_path_buf(), source }),
    }
}

/// Copies the write-ahead log into the database file and empties it.
pub fn checkpoint(connection: &Connection) -> Result<()> {
    connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(Error::storage("checkpointing the write-ahead log"))
}

/// Runs `f` inside one transaction: committed when it returns `Ok`, rolled back on `Err`.
pub fn with_tx<T>(connection: &mut Connection, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
    let tx = connection.transaction().map_err(Error::storage("starting a transaction"))?;
    let value = f(&tx)?;
    tx.commit().map_err(Error::storage("committing a transaction"))?;
    Ok(value)
}

fn apply_key(connection: &Connection, key: &SecretString) -> Result<()> {
    let hex = key.expose_secret();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::InvalidInput { field: "databaseKey".into(), reason: "must be 64 hexadecimal characters".into() });
    }
    // A raw key (x'…') skips SQLCipher's PBKDF2: the key is already 256 random bits.
    connection
        .execute_batch(&format!("PRAGMA key = \"x'{hex}'\";"))
        .map_err(Error::storage("setting the database key"))
}

/// Reads the schema: the first access that needs the key. Nothing has been written at this point.
fn verify_key(connection: &Connection, path: &Path) -> Result<()> {
    match connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0)) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            Err(Error::DatabaseKeyWrong { database: path.to_path_buf() })
        }
        Err(source) => Err(Error::Storage { operation: "reading the database header", source }),
    }
}

/// Per-connection settings, applied on every open (never inside migrations).
///
/// The 64 MiB page cache matters more under SQLCipher than plain SQLite: every page evicted from the cache is
/// re-encrypted on write and decrypted again on the next read, and index pages written in random order (the amount
/// index during a sync) are evicted constantly with the 2 MiB default (see the SQLCipher floor measurements).
fn configure(connection: &Connection) -> Result<()> {
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 5000;
             PRAGMA cache_size = -65536;",
        )
        .map_err(Error::storage("configuring the connection"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::random_key_hex;

    #[test]
    fn creates_an_encrypted_file_that_reopens_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pfo.db");
        let key = random_key_hex().unwrap();
        let store = Store::open(&path, &key).unwrap();
        drop(store);
        let header = std::fs::read(&path).unwrap();
        assert!(!header.starts_with(b"SQLite format 3"), "the file must not be plaintext SQLite");
        Store::open(&path, &key).unwrap();
    }

    #[test]
    fn a_wrong_key_is_refused_and_the_file_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pfo.db");
        drop(Store::open(&path, &random_key_hex().unwrap()).unwrap());
        let before = std::fs::read(&path).unwrap();
        let error = Store::open(&path, &random_key_hex().unwrap()).unwrap_err();
        assert!(matches!(error, Error::DatabaseKeyWrong { .. }), "{error}");
        assert_eq!(error.code(), "store.key_wrong");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_malformed_key_is_refused_before_touching_anything() {
        let dir = tempfile::tempdir().unwrap();
        let error = Store::open(&dir.path().join("pfo.db"), &SecretString::from("short")).unwrap_err();
        assert!(matches!(error, Error::InvalidInput { .. }));
    }

    #[test]
    fn with_tx_rolls_back_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("pfo.db"), &random_key_hex().unwrap()).unwrap();
        let mut connection = store.connection.lock().unwrap();
        connection.execute_batch("CREATE TABLE t(x)").unwrap();
        let result: Result<()> = with_tx(&mut connection, |tx| {
            tx.execute("INSERT INTO t VALUES (1)", []).unwrap();
            Err(Error::Task("boom".into()))
        });
        assert!(result.is_err());
        let count: i64 = connection.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(count, 0);
    }
}
