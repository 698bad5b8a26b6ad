//! The `sync_state` table: per provider and stream, the high-water mark of the last complete sync.

use crate::error::{Error, Result};
use rusqlite::{named_params, Connection, OptionalExtension};

/// The stream name of transactions.
pub const TRANSACTIONS: &str = "transactions";

/// The high-water mark of `stream`, if a sync of it ever completed.
pub fn high_water(connection: &Connection, provider: &str, stream: &str) -> Result<Option<String>> {
    connection
        .query_row(
            "SELECT high_water FROM sync_state WHERE provider = :provider AND stream = :stream",
            named_params! { ":provider": provider, ":stream": stream },
            |row| row.get(0),
        )
        .optional()
        .map(Option::flatten)
        .map_err(Error::storage("reading a sync high-water mark"))
}

/// Records that a sync of `stream` completed up to `high_water`.
pub fn set_high_water(connection: &Connection, provider: &str, stream: &str, high_water: Option<&str>, now: &str) -> Result<()> {
    connection
        .execute(
            "INSERT INTO sync_state (provider, stream, high_water, updated_at) VALUES (:provider, :stream, :mark, :now)
             ON CONFLICT (provider, stream) DO UPDATE SET high_water = excluded.high_water, updated_at = excluded.updated_at",
            named_params! { ":provider": provider, ":stream": stream, ":mark": high_water, ":now": now },
        )
        .map(drop)
        .map_err(Error::storage("saving a sync high-water mark"))
}
