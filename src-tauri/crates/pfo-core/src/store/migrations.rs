//! Append-only schema migrations, versioned by `PRAGMA user_version`.
//!
//! Each step runs in its own transaction together with the version bump, so a crash leaves the database at the
//! previous version, never half-migrated. A shipped migration file is never edited; a new change is a new file.

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// The migrations, in order; step `n` (1-based) brings the schema to version `n`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_accounts.sql"),
    include_str!("migrations/0002_transactions_balances.sql"),
    include_str!("migrations/0003_runs_telemetry_health.sql"),
    include_str!("migrations/0004_deferred_fts.sql"),
    include_str!("migrations/0005_knowledge_rates.sql"),
    include_str!("migrations/0006_fts_terms.sql"),
    include_str!("migrations/0007_transaction_months.sql"),
    include_str!("migrations/0008_webhook_deliveries.sql"),
    include_str!("migrations/0009_effective_category.sql"),
    include_str!("migrations/0010_household.sql"),
    include_str!("migrations/0011_investments.sql"),
    include_str!("migrations/0012_loans.sql"),
    include_str!("migrations/0013_market_orders.sql"),
    include_str!("migrations/0014_connection_next_try.sql"),
    include_str!("migrations/0015_alert_history.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`SCHEMA_VERSION`]; refuses a database written by a newer build.
///
/// With `backups`, an existing database (version 1 or more) that is behind is first copied there whole, same key
/// (see [`super::backup::pre_migration_copy`]): a migration that goes wrong in a way no test foresaw still leaves
/// the household's history at the version before. No copy, no migration: a copy that fails stops the start.
pub fn migrate(connection: &mut Connection, backups: Option<&Path>) -> Result<()> {
    let found: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(Error::storage("reading the schema version"))?;
    if found > SCHEMA_VERSION {
        return Err(Error::DatabaseTooNew { found, supported: SCHEMA_VERSION });
    }
    if let Some(dir) = backups.filter(|_| found > 0 && found < SCHEMA_VERSION) {
        let stamp = crate::clock::from_env().now().format("%Y%m%dT%H%M%SZ").to_string();
        let copy = super::backup::pre_migration_copy(connection, dir, found, &stamp)?;
        tracing::info!(from = found, to = SCHEMA_VERSION, copy = %copy.display(), "copied the database before migrating it");
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = connection.transaction().map_err(Error::storage("starting a migration"))?;
        tx.execute_batch(sql).map_err(Error::storage("applying a migration"))?;
        tx.execute_batch(&format!("PRAGMA user_version = {version};"))
            .map_err(Error::storage("recording the schema version"))?;
        tx.commit().map_err(Error::storage("committing a migration"))?;
        tracing::info!(version, "database schema migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_database_reaches_the_latest_version_and_migrating_again_is_a_no_op() {
        let mut connection = Connection::open_in_memory().unwrap();
        migrate(&mut connection, None).unwrap();
        migrate(&mut connection, None).unwrap();
        let version: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_database_made_by_the_first_migration_upgrades_and_keeps_its_rows() {
        let mut connection = Connection::open_in_memory().unwrap();
        // Exactly what a build that shipped only migration 1 wrote.
        connection.execute_batch(MIGRATIONS[0]).unwrap();
        connection.execute_batch("PRAGMA user_version = 1;").unwrap();
        connection
            .execute_batch(
                "INSERT INTO accounts (provider, external_id, connection_external_id, institution, name, account_type,
                     currency, balance, status, last_synced_at)
                 VALUES ('powens', '7', '1', 'BNP Paribas', 'Compte', 'checking', 'EUR', '12.50', 'active', '2026-01-01T00:00:00Z');",
            )
            .unwrap();
        migrate(&mut connection, None).unwrap();
        let version: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let balance: String = connection.query_row("SELECT balance FROM accounts WHERE external_id = '7'", [], |r| r.get(0)).unwrap();
        assert_eq!(balance, "12.50");
        // The new tables work against the old rows.
        connection
            .execute_batch(
                "INSERT INTO transactions (account_id, external_id, booked_on, amount, amount_e4, currency, label, status, last_synced_at)
                 VALUES (1, '99', '2026-01-02', '-3.20', -32000, 'EUR', 'Boulangerie', 'booked', '2026-01-02T00:00:00Z');",
            )
            .unwrap();
        let found: i64 = connection
            .query_row("SELECT count(*) FROM transactions_fts WHERE transactions_fts MATCH 'boulang*'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(found, 1, "the full-text index is kept by its triggers");
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection.execute_batch(MIGRATIONS[0]).unwrap();
        connection.execute_batch("PRAGMA user_version = 1; CREATE TABLE transactions (x);").unwrap();
        assert!(migrate(&mut connection, None).is_err(), "migration 2 collides with the stray table");
        let version: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 1, "the failed step was rolled back whole");
        let fts: i64 = connection.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'account_balances'", [], |r| r.get(0)).unwrap();
        assert_eq!(fts, 0);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection.execute_batch(&format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1)).unwrap();
        assert!(matches!(migrate(&mut connection, None), Err(Error::DatabaseTooNew { .. })));
    }

    /// A real SQLCipher file at version 1, as a build that shipped only migration 1 left it.
    fn old_encrypted_store(path: &std::path::Path, key: &secrecy::SecretString) {
        use secrecy::ExposeSecret;
        let connection = Connection::open(path).unwrap();
        connection.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.expose_secret())).unwrap();
        connection.execute_batch(MIGRATIONS[0]).unwrap();
        connection
            .execute_batch(
                "INSERT INTO accounts (provider, external_id, connection_external_id, institution, name, account_type,
                     currency, balance, status, last_synced_at)
                 VALUES ('powens', '7', '1', 'BNP Paribas', 'Compte', 'checking', 'EUR', '12.50', 'active', '2026-01-01T00:00:00Z');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }

    #[test]
    fn migrating_an_existing_store_first_writes_an_encrypted_copy_at_the_old_version_and_keeps_three() {
        use crate::store::backup::{self, FileKey, PRE_MIGRATION_DIR, PRE_MIGRATION_KEPT};
        let profile = tempfile::tempdir().unwrap();
        let path = profile.path().join("pfo.db");
        let key = crate::secrets::random_key_hex().unwrap();
        let backups = profile.path().join(PRE_MIGRATION_DIR);
        for round in 1..=PRE_MIGRATION_KEPT + 1 {
            let _ = std::fs::remove_file(&path);
            old_encrypted_store(&path, &key);
            drop(crate::store::Store::open(&path, &key).unwrap());
            let copies: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).collect();
            assert_eq!(copies.len(), round.min(PRE_MIGRATION_KEPT), "round {round}: {copies:?}");
        }
        let copies: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).collect();
        for copy in &copies {
            let name = copy.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with("pre-migration-1-") && name.ends_with(".db"), "{name}");
            let opened = backup::open_copy(copy, FileKey::Raw(&key)).expect("the copy opens with the store's key");
            assert_eq!(backup::schema_version(&opened, backup::COPY).unwrap(), 1, "the copy is at the old version");
            assert_eq!(backup::check(&opened, backup::COPY).unwrap().unwrap().fingerprint.accounts, 1);
            assert!(backup::open_copy(copy, FileKey::Raw(&crate::secrets::random_key_hex().unwrap())).unwrap_err().is_none());
        }
        // A store already at the latest version, or a new one, gets no copy.
        drop(crate::store::Store::open(&path, &key).unwrap());
        drop(crate::store::Store::open(&profile.path().join("new.db"), &key).unwrap());
        assert_eq!(std::fs::read_dir(&backups).unwrap().count(), PRE_MIGRATION_KEPT);
    }
}
