//! The `accounts` table: idempotent upserts keyed by the provider's ids, and listing.

use crate::domain::{AccountId, AccountIdentifier, AccountStatus, AccountType, BankAccountRecord, SyncCounts};
use crate::error::{Error, Result};
use super::amounts::optional_decimal;
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use std::collections::{HashMap, HashSet};

const COLUMNS: &str = "provider, external_id, connection_external_id, institution, name, account_type, usage, iban, \
                       bic, number, currency, balance, coming_balance, status, provider_updated_at, last_synced_at";

/// Writes `records` (every account one provider reported) and marks that provider's other accounts deleted.
///
/// Keyed by `(provider, external id)`, so running it twice with the same input changes nothing the second time.
pub fn replace_provider_accounts(tx: &Connection, provider: &str, records: &[BankAccountRecord]) -> Result<SyncCounts> {
    let mut counts = SyncCounts::default();
    for record in records {
        match find(tx, &record.id)? {
            None => {
                insert(tx, record)?;
                counts.inserted += 1;
            }
            Some(stored) if stored.same_content(record) => {
                touch(tx, record)?;
                counts.unchanged += 1;
            }
            Some(_) => {
                update(tx, record)?;
                counts.updated += 1;
            }
        }
    }
    let reported: HashSet<&AccountId> = records.iter().map(|r| &r.id).collect();
    let mut vanished = tx
        .prepare_cached("SELECT external_id FROM accounts WHERE provider = :provider AND status != 'deleted'")
        .map_err(Error::storage("preparing the vanished-account query"))?;
    let stored_ids = vanished
        .query_map(named_params! { ":provider": provider }, |row| row.get::<_, String>(0))
        .map_err(Error::storage("listing stored accounts"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading stored accounts"))?;
    for external_id in stored_ids {
        if !reported.contains(&AccountId::new(provider, &external_id)) {
            tx.execute(
                "UPDATE accounts SET status = 'deleted' WHERE provider = :provider AND external_id = :id",
                named_params! { ":provider": provider, ":id": external_id },
            )
            .map_err(Error::storage("marking a vanished account deleted"))?;
            counts.removed += 1;
        }
    }
    Ok(counts)
}

/// Accounts ordered by institution then name; inactive (disabled, deleted) ones only when asked.
pub fn list(connection: &Connection, include_inactive: bool) -> Result<Vec<BankAccountRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM accounts WHERE (:all OR status = 'active') ORDER BY institution, name, external_id"
    );
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the account list"))?;
    let rows = statement
        .query_map(named_params! { ":all": include_inactive }, from_row)
        .map_err(Error::storage("listing accounts"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading accounts"))
}

/// A stored account's row id and currency, by the provider's account id: what transaction and balance rows need.
pub fn keys(connection: &Connection, provider: &str) -> Result<HashMap<String, AccountKey>> {
    let mut statement = connection
        .prepare_cached("SELECT external_id, id, currency FROM accounts WHERE provider = :provider")
        .map_err(Error::storage("preparing the account keys query"))?;
    let rows = statement
        .query_map(named_params! { ":provider": provider }, |row| {
            Ok((row.get::<_, String>(0)?, AccountKey { row_id: row.get(1)?, currency: row.get(2)? }))
        })
        .map_err(Error::storage("reading account keys"))?;
    rows.collect::<rusqlite::Result<HashMap<_, _>>>().map_err(Error::storage("reading account keys"))
}

/// The row ids of `ids` (in their order), refusing an account that is not stored with its id named.
pub fn keys_by_id(connection: &Connection, ids: &[AccountId]) -> Result<Vec<i64>> {
    ids.iter()
        .map(|id| {
            connection
                .query_row(
                    "SELECT id FROM accounts WHERE provider = :provider AND external_id = :id",
                    named_params! { ":provider": id.provider(), ":id": id.external() },
                    |row| row.get(0),
                )
                .map_err(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Error::NotFound { what: format!("account {id}"), fix: "list the accounts with `pfo accounts list --json`" },
                    other => Error::storage("finding an account")(other),
                })
        })
        .collect()
}

/// Updates the booked balance shown on accounts from fresh current-balance snapshots (`(account row id, record)`).
/// The coming balance stays as the accounts sync stored it: a snapshot records "no pending operations" as zero,
/// the account as absent, and rewriting one with the other would report a change where there is none.
pub fn set_balances(tx: &Connection, snapshots: &[(i64, crate::domain::AccountBalanceRecord)]) -> Result<()> {
    for (row_id, record) in snapshots.iter().filter(|(_, r)| r.balance_type == crate::domain::BalanceType::Current) {
        tx.execute(
            "UPDATE accounts SET balance = :amount WHERE id = :id",
            named_params! { ":amount": record.amount.to_string(), ":id": row_id },
        )
        .map_err(Error::storage("updating an account balance"))?;
    }
    Ok(())
}

/// The row ids of accounts given by canonical id, in order; an unknown id is refused naming its place in the
/// contract input (`accountIds[i]`).
pub fn row_ids(connection: &Connection, canonical_ids: &[AccountId]) -> Result<Vec<i64>> {
    let mut statement = connection
        .prepare_cached("SELECT id FROM accounts WHERE provider = :provider AND external_id = :id")
        .map_err(Error::storage("preparing the account lookup"))?;
    canonical_ids
        .iter()
        .enumerate()
        .map(|(index, canonical)| {
            let unknown = || Error::InvalidInput { field: format!("accountIds[{index}]"), reason: "is not a stored account".into() };
            statement
                .query_row(named_params! { ":provider": canonical.provider(), ":id": canonical.external() }, |row| row.get::<_, i64>(0))
                .optional()
                .map_err(Error::storage("looking up an account"))?
                .ok_or_else(unknown)
        })
        .collect()
}

/// How the store refers to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountKey {
    /// The row id in `accounts`.
    pub row_id: i64,
    /// The account's currency.
    pub currency: String,
}

fn find(connection: &Connection, id: &AccountId) -> Result<Option<BankAccountRecord>> {
    let (provider, external_id) = (id.provider(), id.external());
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE provider = :provider AND external_id = :id");
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the account lookup"))?;
    statement
        .query_row(named_params! { ":provider": provider, ":id": external_id }, from_row)
        .optional()
        .map_err(Error::storage("looking up an account"))
}

fn insert(connection: &Connection, record: &BankAccountRecord) -> Result<()> {
    let sql = format!(
        "INSERT INTO accounts ({COLUMNS}) VALUES (:provider, :id, :connection, :institution, :name, :type, :usage, \
         :iban, :bic, :number, :currency, :balance, :coming, :status, :updated, :synced)"
    );
    write(connection, &sql, record, "inserting an account")
}

fn update(connection: &Connection, record: &BankAccountRecord) -> Result<()> {
    let sql = "UPDATE accounts SET connection_external_id = :connection, institution = :institution, name = :name,
                   account_type = :type, usage = :usage, iban = :iban, bic = :bic, number = :number,
                   currency = :currency, balance = :balance, coming_balance = :coming, status = :status,
                   provider_updated_at = :updated, last_synced_at = :synced
               WHERE provider = :provider AND external_id = :id";
    write(connection, sql, record, "updating an account")
}

fn touch(connection: &Connection, record: &BankAccountRecord) -> Result<()> {
    let (provider, external_id) = (record.id.provider(), record.id.external());
    connection
        .execute(
            "UPDATE accounts SET last_synced_at = :synced, provider_updated_at = :updated
             WHERE provider = :provider AND external_id = :id",
            named_params! { ":synced": record.last_synced_at, ":updated": record.provider_updated_at, ":provider": provider, ":id": external_id },
        )
        .map(drop)
        .map_err(Error::storage("recording an unchanged account"))
}

fn write(connection: &Connection, sql: &str, record: &BankAccountRecord, operation: &'static str) -> Result<()> {
    let (provider, external_id) = (record.id.provider(), record.id.external());
    let mut statement = connection.prepare_cached(sql).map_err(Error::storage(operation))?;
    statement
        .execute(named_params! {
            ":provider": provider,
            ":id": external_id,
            ":connection": record.connection_id,
            ":institution": record.institution,
            ":name": record.name,
            ":type": record.account_type.code(),
            ":usage": record.usage,
            ":iban": record.iban.as_ref().map(AccountIdentifier::expose),
            ":bic": record.bic,
            ":number": record.number.as_ref().map(AccountIdentifier::expose),
            ":currency": record.currency,
            ":balance": record.balance.map(|d| d.to_string()),
            ":coming": record.coming_balance.map(|d| d.to_string()),
            ":status": record.status,
            ":updated": record.provider_updated_at,
            ":synced": record.last_synced_at,
        })
        .map(drop)
        .map_err(Error::storage(operation))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<BankAccountRecord> {
    let provider: String = row.get(0)?;
    let external_id: String = row.get(1)?;
    let status: AccountStatus = row.get(13)?;
    Ok(BankAccountRecord {
        id: AccountId::new(&provider, &external_id),
        provider,
        connection_id: row.get(2)?,
        institution: row.get(3)?,
        name: row.get(4)?,
        account_type: AccountType::from_code(&row.get::<_, String>(5)?),
        usage: row.get(6)?,
        iban: row.get::<_, Option<String>>(7)?.map(AccountIdentifier::iban),
        bic: row.get(8)?,
        number: row.get::<_, Option<String>>(9)?.map(AccountIdentifier::number),
        currency: row.get(10)?,
        balance: optional_decimal(row, 11)?,
        coming_balance: optional_decimal(row, 12)?,
        status,
        provider_updated_at: row.get(14)?,
        last_synced_at: row.get(15)?,
    })
}
