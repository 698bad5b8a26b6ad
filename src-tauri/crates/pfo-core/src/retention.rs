//! Bounded history: workflow runs and telemetry (the `telemetry_events` table and the JSON-lines file) are kept for
//! [`MAX_AGE_DAYS`] and, for the two tables, at most [`MAX_ROWS`] rows each. Enforced when the app opens and after
//! every refresh, so years of scheduled refreshes (three runs and three events each, every minute at the fastest
//! polling) never grow the store without end.
//!
//! What is the household's history is never purged here: balance snapshots (Powens keeps no history, so ours is
//! the only one), transactions and accounts. The knowledge space has its own 180-day rule (`knowledge`).

use crate::domain::Timestamp;
use crate::error::Result;
use crate::store::runs;
use crate::telemetry::FileSink;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

/// Runs and telemetry older than this are deleted: a little over a year, so a year-on-year look back still finds
/// last year's refreshes.
pub const MAX_AGE_DAYS: i64 = 400;
/// At most this many runs, and this many telemetry events, are kept (about a month at one refresh a minute).
pub const MAX_ROWS: u64 = 50_000;

/// What one enforcement deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Workflow runs.
    pub runs: usize,
    /// Rows of `telemetry_events`.
    pub telemetry_events: usize,
    /// Rotated telemetry files.
    pub telemetry_files: usize,
}

/// Applies the limits as of `now`.
pub fn enforce(connection: &Connection, sink: &FileSink, now: DateTime<Utc>) -> Result<Purged> {
    let cutoff = now - Duration::days(MAX_AGE_DAYS);
    let stored = Timestamp::from_datetime(cutoff);
    let purged = Purged {
        runs: runs::purge(connection, stored, MAX_ROWS)?,
        telemetry_events: crate::store::telemetry::purge_events(connection, stored, MAX_ROWS)?,
        telemetry_files: sink.prune(cutoff.into())?,
    };
    if purged != Purged::default() {
        tracing::info!(runs = purged.runs, events = purged.telemetry_events, files = purged.telemetry_files, "purged history beyond its retention");
    }
    Ok(purged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::random_key_hex;
    use crate::store::Store;
    use rusqlite::named_params;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn at(offset: Duration) -> Timestamp {
        Timestamp::from_datetime(now() + offset)
    }

    fn count(connection: &Connection, table: &str) -> i64 {
        connection.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    fn add_run(connection: &Connection, started_at: Timestamp, status: &str) {
        connection
            .execute(
                "INSERT INTO workflow_runs (workflow, started_at, status) VALUES ('pfo.workflow.sync-openbanking-accounts', :at, :status)",
                named_params! { ":at": started_at, ":status": status },
            )
            .unwrap();
    }

    fn add_event(connection: &Connection, at: Timestamp) {
        connection.execute("INSERT INTO telemetry_events (name, at, payload) VALUES ('openbanking.accounts.synced', ?1, '{}')", [at]).unwrap();
    }

    #[tokio::test]
    async fn runs_and_events_older_than_400_days_go_to_the_second_and_balance_snapshots_stay() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("pfo.db"), &random_key_hex().unwrap()).unwrap();
        let sink = FileSink::new(dir.path());
        let purged = store
            .call(move |conn| {
                let limit = Duration::days(MAX_AGE_DAYS);
                add_run(conn, at(-limit), "succeeded"); // exactly at the limit: kept
                add_run(conn, at(-limit - Duration::seconds(1)), "failed"); // one second past: purged
                add_run(conn, at(-Duration::days(900)), "running"); // never purged while running
                add_run(conn, at(-Duration::days(1)), "succeeded");
                add_event(conn, at(-limit));
                add_event(conn, at(-limit - Duration::seconds(1)));
                add_event(conn, at(-Duration::days(2000)));
                conn.execute_batch(
                    "INSERT INTO accounts (provider, external_id, connection_external_id, institution, name, account_type,
                         currency, balance, status, last_synced_at)
                     VALUES ('powens', '7', '1', 'BNP Paribas', 'Compte', 'checking', 'EUR', '12.50', 'active', '2016-01-01T00:00:00Z');
                     INSERT INTO account_balances (account_id, balance_type, amount, amount_e4, currency, as_of)
                     VALUES (1, 'current', '10.00', 100000, 'EUR', '2016-01-01T00:00:00Z'),
                            (1, 'current', '11.00', 110000, 'EUR', '2020-06-01T00:00:00Z');",
                )
                .unwrap();
                let purged = enforce(conn, &sink, now())?;
                let kept: Vec<Timestamp> = conn
                    .prepare("SELECT started_at FROM workflow_runs ORDER BY started_at")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert_eq!(kept, [at(-Duration::days(900)), at(-limit), at(-Duration::days(1))]);
                assert_eq!(count(conn, "telemetry_events"), 1);
                assert_eq!(count(conn, "account_balances"), 2, "balance snapshots are never purged, however old");
                assert_eq!(enforce(conn, &sink, now())?, Purged::default(), "a second pass has nothing to do");
                Ok(purged)
            })
            .await
            .unwrap();
        assert_eq!((purged.runs, purged.telemetry_events), (1, 2));
    }

    #[tokio::test]
    async fn beyond_50_000_rows_the_oldest_runs_and_events_go() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("pfo.db"), &random_key_hex().unwrap()).unwrap();
        let sink = FileSink::new(dir.path());
        store
            .call(move |conn| {
                let tx = conn.transaction().unwrap();
                // MAX_ROWS + 2 rows, one a minute, all recent; the oldest two must go.
                for minute in 0..MAX_ROWS as i64 + 2 {
                    let when = at(Duration::minutes(minute) - Duration::days(60));
                    add_run(&tx, when, "succeeded");
                    add_event(&tx, when);
                }
                tx.commit().unwrap();
                let purged = enforce(conn, &sink, now())?;
                assert_eq!((purged.runs, purged.telemetry_events), (2, 2));
                assert_eq!(count(conn, "workflow_runs"), MAX_ROWS as i64);
                assert_eq!(count(conn, "telemetry_events"), MAX_ROWS as i64);
                let oldest: Timestamp = conn.query_row("SELECT min(started_at) FROM workflow_runs", [], |r| r.get(0)).unwrap();
                assert_eq!(oldest, at(Duration::minutes(2) - Duration::days(60)));
                Ok(())
            })
            .await
            .unwrap();
    }
}
