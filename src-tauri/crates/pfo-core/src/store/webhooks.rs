//! The `webhook_deliveries` table: the `id_webhook_data` of each accepted delivery, kept as long as a replay of it
//! could still pass the signature check (see [`crate::webhook`]).

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};

/// Records delivery `id` received `now`, forgetting those older than `keep`; false when `id` was already recorded.
pub fn remember_delivery(connection: &rusqlite::Connection, id: i64, now: DateTime<Utc>, keep: chrono::Duration) -> Result<bool> {
    let stamp = |at: DateTime<Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    connection
        .execute("DELETE FROM webhook_deliveries WHERE received_at < ?1", [stamp(now - keep)])
        .map_err(Error::storage("forgetting old webhook deliveries"))?;
    let inserted = connection
        .execute("INSERT OR IGNORE INTO webhook_deliveries (id_webhook_data, received_at) VALUES (?1, ?2)", rusqlite::params![id, stamp(now)])
        .map_err(Error::storage("recording a webhook delivery"))?;
    Ok(inserted == 1)
}
