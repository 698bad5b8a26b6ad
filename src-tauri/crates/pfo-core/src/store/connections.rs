//! The `connections` table: free functions over a connection or transaction.

use crate::domain::{BankConnection, ConnectionHealth};
use crate::error::{Error, Result};
use rusqlite::{named_params, Connection, Row};

/// Inserts or refreshes the connections the provider listed.
pub fn upsert(tx: &Connection, connections: &[BankConnection]) -> Result<()> {
    let mut statement = tx
        .prepare_cached(
            "INSERT INTO connections (provider, external_id, institution, state, provider_updated_at,
                                      consent_expires_at, next_try, last_synced_at)
             VALUES (:provider, :id, :institution, :state, :updated, :expires, :next_try, :synced)
             ON CONFLICT (provider, external_id) DO UPDATE SET
                 institution = excluded.institution, state = excluded.state,
                 provider_updated_at = excluded.provider_updated_at,
                 consent_expires_at = excluded.consent_expires_at, next_try = excluded.next_try,
                 last_synced_at = excluded.last_synced_at",
        )
        .map_err(Error::storage("preparing the connection upsert"))?;
    for connection in connections {
        statement
            .execute(named_params! {
                ":provider": connection.provider,
                ":id": connection.id,
                ":institution": connection.institution,
                ":state": connection.state,
                ":updated": connection.provider_updated_at,
                ":expires": connection.consent_expires_at,
                ":next_try": connection.next_try,
                ":synced": connection.last_synced_at,
            })
            .map_err(Error::storage("saving a connection"))?;
    }
    Ok(())
}

/// All stored connections, by institution.
pub fn list(connection: &Connection) -> Result<Vec<BankConnection>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT provider, external_id, institution, state, provider_updated_at, consent_expires_at, last_synced_at, next_try
             FROM connections ORDER BY institution, external_id",
        )
        .map_err(Error::storage("preparing the connection list"))?;
    let rows = statement.query_map([], from_row).map_err(Error::storage("listing connections"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading connections"))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<BankConnection> {
    let state: Option<String> = row.get(3)?;
    Ok(BankConnection {
        provider: row.get(0)?,
        id: row.get(1)?,
        institution: row.get(2)?,
        health: ConnectionHealth::of(state.as_deref()),
        state,
        provider_updated_at: row.get(4)?,
        consent_expires_at: row.get(5)?,
        consent_ends_in_days: None,
        next_try: row.get(7)?,
        last_synced_at: row.get(6)?,
        action: None,
    })
}
