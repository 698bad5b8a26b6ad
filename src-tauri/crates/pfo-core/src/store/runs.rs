//! The `workflow_runs` and `integration_health` tables: what each workflow run did, and whether the bound
//! integration connection is usable.

use crate::domain::Timestamp;
use crate::domain::{RunCounts, RunRecord, RunStatus};
use crate::error::{Code, Error, Result};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

/// Records the start of a run and returns its id.
pub fn start(connection: &Connection, refresh_id: Option<&str>, workflow: &str, started_at: Timestamp) -> Result<i64> {
    connection
        .execute(
            "INSERT INTO workflow_runs (refresh_id, workflow, started_at, status) VALUES (:refresh, :workflow, :at, 'running')",
            named_params! { ":refresh": refresh_id, ":workflow": workflow, ":at": started_at },
        )
        .map_err(Error::storage("recording a run start"))?;
    Ok(connection.last_insert_rowid())
}

/// Records the end of a run.
pub fn finish(
    connection: &Connection,
    id: i64,
    status: RunStatus,
    counts: RunCounts,
    finished_at: Timestamp,
    duration_ms: u64,
    error: Option<(Code, &str)>,
) -> Result<()> {
    connection
        .execute(
            "UPDATE workflow_runs SET status = :status, received = :received, inserted = :inserted, updated = :updated,
                 removed = :removed, finished_at = :at, duration_ms = :ms, error_code = :code, error_message = :message
             WHERE id = :id",
            named_params! {
                ":status": status, ":received": counts.received as i64, ":inserted": counts.inserted as i64,
                ":updated": counts.updated as i64, ":removed": counts.removed as i64, ":at": finished_at,
                ":ms": duration_ms as i64, ":code": error.map(|e| e.0), ":message": error.map(|e| e.1), ":id": id,
            },
        )
        .map(drop)
        .map_err(Error::storage("recording a run end"))
}

/// Marks runs left `running` by a process that died as failed; returns how many.
pub fn fail_interrupted(connection: &Connection, now: Timestamp) -> Result<usize> {
    connection
        .execute(
            "UPDATE workflow_runs SET status = 'failed', finished_at = :now, error_code = :interrupted,
                 error_message = 'the app stopped before this run finished; the next refresh resumes it'
             WHERE status = 'running'",
            named_params! { ":now": now, ":interrupted": Code::RunInterrupted },
        )
        .map_err(Error::storage("closing interrupted runs"))
}

/// Bounded history: deletes finished runs that started before `cutoff` (RFC 3339, as stored), then, beyond the
/// `keep` newest runs, the older finished ones. A run still `running` is never deleted. Returns how many went.
pub fn purge(connection: &Connection, cutoff: Timestamp, keep: u64) -> Result<usize> {
    let old = connection
        .execute("DELETE FROM workflow_runs WHERE started_at < :cutoff AND status <> 'running'", named_params! { ":cutoff": cutoff })
        .map_err(Error::storage("purging old runs"))?;
    let excess = connection
        .execute(
            "DELETE FROM workflow_runs WHERE status <> 'running' AND id IN (
                 SELECT id FROM workflow_runs ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET :keep)",
            named_params! { ":keep": keep as i64 },
        )
        .map_err(Error::storage("purging runs beyond the kept number"))?;
    Ok(old + excess)
}

/// The most recent runs, newest first.
pub fn recent(connection: &Connection, limit: u32) -> Result<Vec<RunRecord>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT id, refresh_id, workflow, started_at, finished_at, status, received, inserted, updated, removed,
                    duration_ms, error_code, error_message
             FROM workflow_runs ORDER BY started_at DESC, id DESC LIMIT :limit",
        )
        .map_err(Error::storage("preparing the run history"))?;
    let rows = statement.query_map(named_params! { ":limit": limit }, from_row).map_err(Error::storage("reading runs"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading runs"))
}

/// One run by id.
pub fn get(connection: &Connection, id: i64) -> Result<RunRecord> {
    connection
        .query_row(
            "SELECT id, refresh_id, workflow, started_at, finished_at, status, received, inserted, updated, removed,
                    duration_ms, error_code, error_message FROM workflow_runs WHERE id = :id",
            named_params! { ":id": id },
            from_row,
        )
        .map_err(Error::storage("reading a run"))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<RunRecord> {
    Ok(RunRecord {
        id: row.get(0)?,
        refresh_id: row.get(1)?,
        workflow: row.get(2)?,
        started_at: row.get(3)?,
        finished_at: row.get(4)?,
        status: row.get(5)?,
        received: row.get::<_, i64>(6)? as u64,
        inserted: row.get::<_, i64>(7)? as u64,
        updated: row.get::<_, i64>(8)? as u64,
        removed: row.get::<_, i64>(9)? as u64,
        duration_ms: row.get::<_, Option<i64>>(10)?.map(|d| d as u64),
        error_code: row.get(11)?,
        error_message: row.get(12)?,
    })
}

/// The recorded health of an integration connection: `None` when never recorded, else the error code if in error.
pub fn health(connection: &Connection, connection_id: &str) -> Result<Option<Option<Code>>> {
    connection
        .query_row(
            "SELECT status, error_code FROM integration_health WHERE connection = :id",
            named_params! { ":id": connection_id },
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, Option<Code>>(1)?)),
        )
        .optional()
        .map(|found| found.map(|(status, code)| if status == "error" { code.or(Some(Code::Internal)) } else { None }))
        .map_err(Error::storage("reading the integration health"))
}

/// Records the integration connection as healthy (`error_code` `None`) or in error.
pub fn set_health(connection: &Connection, connection_id: &str, error_code: Option<Code>, now: Timestamp) -> Result<()> {
    connection
        .execute(
            "INSERT INTO integration_health (connection, status, error_code, updated_at) VALUES (:id, :status, :code, :now)
             ON CONFLICT (connection) DO UPDATE SET status = excluded.status, error_code = excluded.error_code,
                 updated_at = excluded.updated_at",
            named_params! { ":id": connection_id, ":status": if error_code.is_some() { "error" } else { "connected" }, ":code": error_code, ":now": now },
        )
        .map(drop)
        .map_err(Error::storage("recording the integration health"))
}
