//! The `owners` table: the household's people and entities (what an owner is: [`crate::domain::Owner`]).

use crate::domain::{Currency, Owner, OwnerId, OwnerKind, OwnerRole, Timestamp};
use crate::error::{Error, Result};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

/// What is written for a new owner, or over an existing one.
#[derive(Debug, Clone)]
pub struct OwnerFields {
    /// Name (trimmed, not empty).
    pub name: String,
    /// Role.
    pub role: OwnerRole,
    /// Reporting currency.
    pub base_currency: Currency,
    /// `#rrggbb`.
    pub colour: String,
}

const COLUMNS: &str = "id, name, role, base_currency, colour, is_primary, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Owner> {
    let role: OwnerRole = row.get(2)?;
    Ok(Owner {
        id: row.get(0)?,
        name: row.get(1)?,
        role,
        kind: role.kind(),
        base_currency: row.get(3)?,
        colour: row.get(4)?,
        primary: row.get(5)?,
        created_at: row.get(6)?,
    })
}

/// Every owner: the primary one first, then people, then entities, each in the order they were added.
pub fn list(connection: &Connection) -> Result<Vec<Owner>> {
    let mut statement = connection
        .prepare_cached(&format!("SELECT {COLUMNS} FROM owners ORDER BY is_primary DESC, id"))
        .map_err(Error::storage("preparing the owner list"))?;
    let mut owners = statement
        .query_map([], from_row)
        .map_err(Error::storage("listing owners"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading owners"))?;
    owners.sort_by_key(|o| (!o.primary, o.kind == OwnerKind::Entity, o.id.row()));
    Ok(owners)
}

/// One owner; `NotFound` naming the id when there is none.
pub fn get(connection: &Connection, id: &OwnerId) -> Result<Owner> {
    connection
        .query_row(&format!("SELECT {COLUMNS} FROM owners WHERE id = :id"), named_params! { ":id": id }, from_row)
        .optional()
        .map_err(Error::storage("reading an owner"))?
        .ok_or_else(|| Error::NotFound { what: format!("owner {id}"), fix: "list the owners with `pfo owners list` (or the Ownership screen)" })
}

/// Adds an owner; the first one added becomes the primary owner.
pub fn insert(connection: &Connection, fields: &OwnerFields, now: Timestamp) -> Result<Owner> {
    connection
        .execute(
            "INSERT INTO owners (name, role, base_currency, colour, is_primary, created_at)
             VALUES (:name, :role, :currency, :colour, NOT EXISTS (SELECT 1 FROM owners), :now)",
            named_params! { ":name": fields.name, ":role": fields.role, ":currency": fields.base_currency, ":colour": fields.colour, ":now": now },
        )
        .map_err(Error::storage("adding an owner"))?;
    get(connection, &OwnerId::from_row(connection.last_insert_rowid()))
}

/// Writes `fields` over an owner.
pub fn update(connection: &Connection, id: &OwnerId, fields: &OwnerFields) -> Result<Owner> {
    connection
        .execute(
            "UPDATE owners SET name = :name, role = :role, base_currency = :currency, colour = :colour WHERE id = :id",
            named_params! { ":id": id, ":name": fields.name, ":role": fields.role, ":currency": fields.base_currency, ":colour": fields.colour },
        )
        .map_err(Error::storage("editing an owner"))?;
    get(connection, id)
}

/// Makes `id` the primary owner (and no other).
pub fn make_primary(connection: &Connection, id: &OwnerId) -> Result<()> {
    get(connection, id)?;
    connection
        .execute_batch("UPDATE owners SET is_primary = 0 WHERE is_primary = 1")
        .and_then(|_| connection.execute("UPDATE owners SET is_primary = 1 WHERE id = :id", named_params! { ":id": id }))
        .map_err(Error::storage("choosing the primary owner"))?;
    Ok(())
}

/// How many share rows name the owner (in any set, past or present).
pub fn share_count(connection: &Connection, id: &OwnerId) -> Result<i64> {
    connection
        .query_row("SELECT count(*) FROM shares WHERE owner_id = :id", named_params! { ":id": id }, |row| row.get(0))
        .map_err(Error::storage("counting an owner's shares"))
}

/// Removes an owner that holds no share and owns no entity history; the caller checks.
pub fn delete(connection: &Connection, id: &OwnerId) -> Result<()> {
    connection.execute("DELETE FROM owners WHERE id = :id", named_params! { ":id": id }).map_err(Error::storage("removing an owner"))?;
    Ok(())
}
