//! The `sync_state` table: per provider and stream, the high-water mark of the last complete sync.

use crate::domain::Timestamp;
use crate::error::{Error, Result};
use rusqlite::{named_params, Connection, OptionalExtension};

/// The stream name of transactions.
pub const TRANSACTIONS: &str = "transactions";
/// Where an unfinished transactions listing resumes ([`Resume`], as JSON in the `high_water` column).
pub const TRANSACTIONS_RESUME: &str = "transactions.resume";

/// Where a listing that stopped goes on: written in the same database transaction as the pages it follows, so it
/// never points past what is stored, nor before it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resume {
    /// The `since` of the listing it continues (a resume is only valid for that same listing).
    pub since: Option<String>,
    /// The next page's URL.
    pub next: String,
    /// The highest `last_update` stored so far by that listing.
    pub high_water: Option<String>,
    /// Whether that listing was a first load (bulk writes, full-text index built at the end).
    pub bulk: bool,
}

/// The resume point of `stream`, if a listing of it stopped half-way.
pub fn resume(connection: &Connection, provider: &str, stream: &str) -> Result<Option<Resume>> {
    let Some(text) = high_water(connection, provider, stream)? else { return Ok(None) };
    // A resume point this build cannot read is dropped, not fatal: the listing then starts again from its first page.
    Ok(serde_json::from_str(&text).ok())
}

/// Records (or, with `None`, clears) the resume point of `stream`.
pub fn set_resume(connection: &Connection, provider: &str, stream: &str, resume: Option<&Resume>, now: Timestamp) -> Result<()> {
    let text = resume.map(|r| serde_json::to_string(r).expect("a resume point serializes"));
    set_high_water(connection, provider, stream, text.as_deref(), now)
}

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
pub fn set_high_water(connection: &Connection, provider: &str, stream: &str, high_water: Option<&str>, now: Timestamp) -> Result<()> {
    connection
        .execute(
            "INSERT INTO sync_state (provider, stream, high_water, updated_at) VALUES (:provider, :stream, :mark, :now)
             ON CONFLICT (provider, stream) DO UPDATE SET high_water = excluded.high_water, updated_at = excluded.updated_at",
            named_params! { ":provider": provider, ":stream": stream, ":mark": high_water, ":now": now },
        )
        .map(drop)
        .map_err(Error::storage("saving a sync high-water mark"))
}
