//! The SQL of backups: copies of an encrypted database under another key, the checks a copy must pass before it
//! may replace a store, and the pre-migration copy kept beside the store.
//!
//! Every copy is made by SQLCipher itself (`sqlcipher_export()` into an `ATTACH … KEY` database, or `VACUUM INTO`),
//! so no plaintext page ever reaches a file. Keys and passphrases are bound as statement parameters, never spliced
//! into SQL text, so no SQLite error message can quote one. A passphrase key goes through SQLCipher's own KDF
//! (PBKDF2-HMAC-SHA512, 256,000 iterations, a random salt per file); a raw key (`x'…'`) is used as it is.

use crate::error::{Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OpenFlags};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The schema name under which an opened copy is attached.
pub const COPY: &str = "pfo_copy";
/// The schema name under which an export's destination is attached.
const TARGET: &str = "pfo_target";

/// How a database file is keyed.
#[derive(Clone, Copy)]
pub enum FileKey<'a> {
    /// A passphrase the household chose: SQLCipher derives the key from it.
    Passphrase(&'a SecretString),
    /// 64 hexadecimal characters: a 256-bit key used as it is (the store's keyring key).
    Raw(&'a SecretString),
}

impl std::fmt::Debug for FileKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileKey::Passphrase(_) => "FileKey::Passphrase(…)",
            FileKey::Raw(_) => "FileKey::Raw(…)",
        })
    }
}

impl FileKey<'_> {
    /// The value `ATTACH … KEY ?` takes: the passphrase itself, or SQLCipher's raw-key notation.
    fn attach_value(self) -> Result<SecretString> {
        match self {
            FileKey::Passphrase(passphrase) => Ok(passphrase.clone()),
            FileKey::Raw(hex) => {
                let hex = hex.expose_secret();
                if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(Error::InvalidInput { field: "databaseKey".into(), reason: "must be 64 hexadecimal characters".into() });
                }
                Ok(SecretString::from(format!("x'{hex}'")))
            }
        }
    }
}

/// Makes sure SQLCipher has finished its one-time set-up before a connection of ours is opened.
///
/// SQLite marks itself initialised before it runs SQLCipher's extra initialisation, and that initialisation
/// registers `sqlcipher_export()` for new connections only at its very end: a connection opened by another thread in
/// between (the first two connections of a process, opened at once) lacks the function for its whole life. Opening
/// one throwaway connection under a `Once` completes the set-up before any store or copy connection exists.
pub(crate) fn ensure_sqlcipher_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| drop(Connection::open_in_memory()));
}

fn path_text(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| Error::InvalidInput { field: "path".into(), reason: format!("{} is not valid UTF-8; choose a plainer name", path.display()) })
}

/// Attaches the database file `path` as `alias` with `key`. SQLCipher reports a key that does not fit as
/// `NotADatabase` on the first read, which is made here, so a caller learns it at once.
fn attach(connection: &Connection, path: &Path, alias: &str, key: FileKey<'_>) -> Result<()> {
    let value = key.attach_value()?;
    connection
        .execute(&format!("ATTACH DATABASE ?1 AS {alias} KEY ?2"), params![path_text(path)?, value.expose_secret()])
        .map_err(Error::storage("attaching a database copy"))?;
    connection
        .query_row(&format!("SELECT count(*) FROM {alias}.sqlite_master"), [], |row| row.get::<_, i64>(0))
        .map(drop)
        .map_err(Error::storage("reading a database copy"))
}

fn detach(connection: &Connection, alias: &str) -> Result<()> {
    connection.execute_batch(&format!("DETACH DATABASE {alias}")).map_err(Error::storage("detaching a database copy"))
}

/// Writes a copy of the `source` schema (`main` for the store itself) into the new file `dest`, encrypted with
/// `key`, schema version included. `dest` must not exist: ATTACH would otherwise open whatever is there.
pub fn export_to(connection: &Connection, source: &str, dest: &Path, key: FileKey<'_>) -> Result<()> {
    // Created empty here (SQLite takes an empty file for an empty database): owner-only, never over an existing
    // file, and openable by a connection that was opened without SQLITE_OPEN_CREATE, as a store that already
    // existed is (an attached file inherits the main connection's flags).
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(dest).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::FileExists { path: dest.to_path_buf() },
        _ => Error::Io { action: "create", path: dest.to_path_buf(), source },
    })?;
    attach(connection, dest, TARGET, key)?;
    let exported = (|| {
        connection
            .query_row("SELECT sqlcipher_export(?1, ?2)", params![TARGET, source], |_| Ok(()))
            .map_err(Error::storage("copying the database"))?;
        // sqlcipher_export copies tables, indexes, triggers and views, not the header's user_version.
        let version = schema_version(connection, source)?;
        connection
            .execute_batch(&format!("PRAGMA {TARGET}.user_version = {version};"))
            .map_err(Error::storage("recording the copy's schema version"))
    })();
    let detached = detach(connection, TARGET);
    exported.and(detached)
}

/// Opens a database file that exists with `key` on a private connection, attached as [`COPY`] (so that the key
/// can be bound as a parameter). `Err(None)` means the key does not open it; `Err(Some(e))` anything else.
pub fn open_copy(path: &Path, key: FileKey<'_>) -> std::result::Result<Connection, Option<Error>> {
    if !path.is_file() {
        return Err(Some(Error::Io { action: "open", path: path.to_path_buf(), source: std::io::ErrorKind::NotFound.into() }));
    }
    ensure_sqlcipher_ready();
    // Attached files inherit these flags: CREATE lets an export from this connection write its new file.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_in_memory_with_flags(flags)
        .map_err(|e| Some(Error::Storage { operation: "opening a private connection", source: e }))?;
    // SQLCipher logs HMAC failures of a wrong key to stderr; the caller reports them in words.
    connection.execute_batch("PRAGMA cipher_log_level = NONE;").map_err(|e| Some(Error::Storage { operation: "configuring SQLCipher logging", source: e }))?;
    match attach(&connection, path, COPY, key) {
        Ok(()) => Ok(connection),
        Err(Error::Storage { source, .. }) if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => Err(None),
        Err(other) => Err(Some(other)),
    }
}

/// `PRAGMA user_version` of a schema.
pub fn schema_version(connection: &Connection, schema: &str) -> Result<i64> {
    connection
        .query_row(&format!("PRAGMA {schema}.user_version"), [], |row| row.get(0))
        .map_err(Error::storage("reading the schema version"))
}

/// What a sound copy holds: its schema version and the fingerprint of its canonical rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// `PRAGMA user_version`.
    pub schema_version: i64,
    /// Counts and digest of accounts, transactions and balance snapshots.
    pub fingerprint: Fingerprint,
}

/// Checks the schema `schema` page by page: SQLCipher's HMAC of every page (`cipher_integrity_check`), then
/// SQLite's own `integrity_check` (b-trees, indexes, constraints). `Err` lists what is wrong.
pub fn check(connection: &Connection, schema: &str) -> Result<std::result::Result<Checked, String>> {
    let cipher = lines(connection, &format!("PRAGMA {schema}.cipher_integrity_check"))?;
    if !cipher.is_empty() {
        return Ok(Err(format!("{} pages fail their authentication check", cipher.len())));
    }
    let integrity = lines(connection, &format!("PRAGMA {schema}.integrity_check"))?;
    if integrity != ["ok"] {
        return Ok(Err(format!("SQLite's integrity check found: {}", integrity.into_iter().take(3).collect::<Vec<_>>().join("; "))));
    }
    Ok(Ok(Checked { schema_version: schema_version(connection, schema)?, fingerprint: fingerprint(connection, schema)? }))
}

fn lines(connection: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut statement = connection.prepare(sql).map_err(Error::storage("checking integrity"))?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0)).map_err(Error::storage("checking integrity"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("checking integrity"))
}

/// Row counts of the canonical tables and one SHA-256 over every value of their rows in id order: two databases
/// with the same fingerprint hold the same accounts, transactions and balance history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Fingerprint {
    /// Accounts.
    pub accounts: u64,
    /// Transactions.
    pub transactions: u64,
    /// Balance snapshots.
    pub balances: u64,
    /// SHA-256 of those rows (hex).
    pub digest: String,
}

/// The canonical tables, in the order they are hashed.
const CANONICAL: [&str; 3] = ["accounts", "transactions", "account_balances"];

/// The [`Fingerprint`] of `schema`; a table the schema does not have yet counts as empty.
pub fn fingerprint(connection: &Connection, schema: &str) -> Result<Fingerprint> {
    let mut hasher = Sha256::new();
    let mut counts = [0u64; 3];
    for (table, count) in CANONICAL.iter().zip(counts.iter_mut()) {
        let exists: bool = connection
            .query_row(&format!("SELECT count(*) > 0 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?1"), [table], |r| r.get(0))
            .map_err(Error::storage("reading the schema"))?;
        hasher.update(table.as_bytes());
        if !exists {
            continue;
        }
        let mut statement = connection.prepare(&format!("SELECT * FROM {schema}.{table} ORDER BY rowid")).map_err(Error::storage("fingerprinting rows"))?;
        let columns = statement.column_count();
        let mut rows = statement.query([]).map_err(Error::storage("fingerprinting rows"))?;
        while let Some(row) = rows.next().map_err(Error::storage("fingerprinting rows"))? {
            *count += 1;
            for index in 0..columns {
                // A type tag and a length before each value, so that no two different rows hash alike.
                match row.get_ref(index).map_err(Error::storage("fingerprinting rows"))? {
                    ValueRef::Null => hasher.update([0]),
                    ValueRef::Integer(v) => {
                        hasher.update([1]);
                        hasher.update(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        hasher.update([2]);
                        hasher.update(v.to_le_bytes());
                    }
                    ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                        hasher.update([3]);
                        hasher.update((bytes.len() as u64).to_le_bytes());
                        hasher.update(bytes);
                    }
                }
            }
        }
    }
    let digest = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(Fingerprint { accounts: counts[0], transactions: counts[1], balances: counts[2], digest })
}

/// How many pre-migration copies are kept beside a store; the oldest go first.
pub const PRE_MIGRATION_KEPT: usize = 3;
/// The folder, inside the profile, holding them.
pub const PRE_MIGRATION_DIR: &str = "backups";

/// Before a migration from `version`: a consistent copy of the open database (`VACUUM INTO`, same key: SQLCipher
/// encrypts the target with the main database's key) into `dir`, named
/// `pre-migration-<version>-<timestamp>.db`; then only the [`PRE_MIGRATION_KEPT`] newest are kept.
pub fn pre_migration_copy(connection: &Connection, dir: &Path, version: i64, stamp: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io { action: "create", path: dir.to_path_buf(), source })?;
    let base = format!("pre-migration-{version}-{stamp}");
    let path = std::iter::once(dir.join(format!("{base}.db")))
        .chain((2..).map(|n| dir.join(format!("{base}-{n}.db"))))
        .find(|p| !p.exists())
        .expect("a free name");
    connection
        .execute("VACUUM INTO ?1", [path_text(&path)?])
        .map_err(Error::storage("copying the database before migrating it"))?;
    prune_pre_migration(dir, PRE_MIGRATION_KEPT)?;
    Ok(path)
}

/// Deletes all but the `keep` newest pre-migration copies in `dir` (by modification time, then name).
pub fn prune_pre_migration(dir: &Path, keep: usize) -> Result<usize> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io { action: "list", path: dir.to_path_buf(), source })?;
    let mut copies: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("pre-migration-") && name.ends_with(".db")
        })
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .collect();
    copies.sort();
    let excess = copies.len().saturating_sub(keep);
    for (_, path) in copies.into_iter().take(excess) {
        std::fs::remove_file(&path).map_err(|source| Error::Io { action: "delete", path: path.clone(), source })?;
    }
    Ok(excess)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::random_key_hex;
    use crate::store::Store;

    /// A store that already existed when opened (opened without SQLITE_OPEN_CREATE, as at every start but the first).
    fn store_with_rows(dir: &Path) -> (Store, SecretString) {
        let key = random_key_hex().unwrap();
        drop(Store::open(&dir.join("pfo.db"), &key).unwrap());
        let store = Store::open(&dir.join("pfo.db"), &key).unwrap();
        {
            let connection = store.connection.lock().unwrap();
            connection
                .execute_batch(
                    "INSERT INTO accounts (provider, external_id, connection_external_id, institution, name, account_type,
                         currency, balance, status, last_synced_at)
                     VALUES ('powens', '7', '1', 'BNP Paribas', 'Compte', 'checking', 'EUR', '12.50', 'active', '2026-01-01T00:00:00Z');
                     INSERT INTO transactions (account_id, external_id, booked_on, amount, amount_e4, currency, label, status, last_synced_at)
                     VALUES (1, '99', '2026-01-02', '-3.20', -32000, 'EUR', 'Boulangerie', 'booked', '2026-01-02T00:00:00Z');",
                )
                .unwrap();
        }
        (store, key)
    }

    #[test]
    fn a_passphrase_copy_opens_with_the_passphrase_only_and_holds_the_same_rows() {
        let dir = tempfile::tempdir().unwrap();
        let (store, key) = store_with_rows(dir.path());
        let dest = dir.path().join("copy.db");
        let passphrase = SecretString::from("correct horse battery staple".to_string());
        let connection = store.connection.lock().unwrap();
        export_to(&connection, "main", &dest, FileKey::Passphrase(&passphrase)).unwrap();
        let original = fingerprint(&connection, "main").unwrap();
        assert_eq!((original.accounts, original.transactions), (1, 1));

        let copy = open_copy(&dest, FileKey::Passphrase(&passphrase)).unwrap();
        let checked = check(&copy, COPY).unwrap().unwrap();
        assert_eq!(checked.fingerprint, original);
        assert_eq!(checked.schema_version, crate::store::SCHEMA_VERSION);
        assert!(open_copy(&dest, FileKey::Raw(&key)).unwrap_err().is_none(), "the store's key does not open it");
        let wrong = SecretString::from("correct horse battery stapl".to_string());
        assert!(open_copy(&dest, FileKey::Passphrase(&wrong)).unwrap_err().is_none());
        assert!(!std::fs::read(&dest).unwrap().starts_with(b"SQLite format 3"), "not plaintext");
        assert!(rusqlite::Connection::open(&dest).unwrap().query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_err(), "nor open without a key");
        assert!(matches!(export_to(&connection, "main", &dest, FileKey::Passphrase(&passphrase)), Err(Error::FileExists { .. })));
    }

    #[test]
    fn a_copy_rekeyed_to_a_raw_key_opens_as_a_store_with_full_text_search() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store_with_rows(dir.path());
        let passphrase = SecretString::from("an entirely different phrase".to_string());
        let staged = dir.path().join("staged.db");
        export_to(&store.connection.lock().unwrap(), "main", &staged, FileKey::Passphrase(&passphrase)).unwrap();
        let copy = open_copy(&staged, FileKey::Passphrase(&passphrase)).unwrap();
        let new_key = random_key_hex().unwrap();
        let rekeyed = dir.path().join("rekeyed.db");
        export_to(&copy, COPY, &rekeyed, FileKey::Raw(&new_key)).unwrap();
        let reopened = Store::open(&rekeyed, &new_key).unwrap();
        let connection = reopened.connection.lock().unwrap();
        let found: i64 = connection.query_row("SELECT count(*) FROM transactions_fts WHERE transactions_fts MATCH 'boulang*'", [], |r| r.get(0)).unwrap();
        assert_eq!(found, 1, "virtual tables and triggers came along");
        assert_eq!(fingerprint(&connection, "main").unwrap(), fingerprint(&copy, COPY).unwrap());
    }

    #[test]
    fn pre_migration_copies_are_encrypted_with_the_same_key_and_only_the_newest_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (store, key) = store_with_rows(dir.path());
        let backups = dir.path().join(PRE_MIGRATION_DIR);
        let connection = store.connection.lock().unwrap();
        let mut made = Vec::new();
        for second in 0..PRE_MIGRATION_KEPT + 2 {
            made.push(pre_migration_copy(&connection, &backups, 7, &format!("20261203T12000{second}Z")).unwrap());
        }
        // The same instant twice (a fixed clock) gets a second name, not the first file overwritten.
        let twin = pre_migration_copy(&connection, &backups, 7, "20261203T120004Z").unwrap();
        assert!(twin.ends_with("pre-migration-7-20261203T120004Z-2.db"), "{}", twin.display());
        made.push(twin);
        let left: Vec<PathBuf> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(left.len(), PRE_MIGRATION_KEPT);
        for path in &made[..3] {
            assert!(!path.exists(), "the oldest went first: {}", path.display());
        }
        let newest = made.last().unwrap();
        assert!(!std::fs::read(newest).unwrap().starts_with(b"SQLite format 3"));
        let copy = open_copy(newest, FileKey::Raw(&key)).unwrap();
        assert_eq!(check(&copy, COPY).unwrap().unwrap().fingerprint, fingerprint(&connection, "main").unwrap());
    }
}
