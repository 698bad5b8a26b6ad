//! The `telemetry_events` table: the local telemetry log, each event redacted before it reaches here (see
//! [`crate::telemetry`]), with bounded retention.

use crate::domain::Timestamp;
use crate::error::{Error, Result};
use crate::telemetry::TelemetryEvent;
use serde_json::Value;

/// Stores an event in the `telemetry_events` table.
pub fn store(connection: &rusqlite::Connection, event: &TelemetryEvent) -> Result<()> {
    connection
        .execute(
            "INSERT INTO telemetry_events (name, at, payload) VALUES (?1, ?2, ?3)",
            rusqlite::params![event.name, event.at, serde_json::to_string(event).expect("events serialize")],
        )
        .map(drop)
        .map_err(Error::storage("recording a telemetry event"))
}

/// Bounded history: deletes events recorded before `cutoff` (RFC 3339, as stored) and all but the `keep` newest.
pub fn purge_events(connection: &rusqlite::Connection, cutoff: Timestamp, keep: u64) -> Result<usize> {
    let old = connection
        .execute("DELETE FROM telemetry_events WHERE at < ?1", [cutoff])
        .map_err(Error::storage("purging old telemetry events"))?;
    let excess = connection
        .execute("DELETE FROM telemetry_events WHERE id IN (SELECT id FROM telemetry_events ORDER BY id DESC LIMIT -1 OFFSET ?1)", [keep as i64])
        .map_err(Error::storage("purging telemetry events beyond the kept number"))?;
    Ok(old + excess)
}

/// The latest `limit` events from the table, oldest first.
pub fn tail(connection: &rusqlite::Connection, limit: u32) -> Result<Vec<Value>> {
    let mut statement = connection
        .prepare_cached("SELECT payload FROM (SELECT id, payload FROM telemetry_events ORDER BY id DESC LIMIT ?1) ORDER BY id")
        .map_err(Error::storage("preparing the telemetry tail"))?;
    let rows = statement
        .query_map([limit], |row| row.get::<_, String>(0))
        .map_err(Error::storage("reading telemetry"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading telemetry"))?;
    Ok(rows.into_iter().filter_map(|r| serde_json::from_str(&r).ok()).collect())
}
