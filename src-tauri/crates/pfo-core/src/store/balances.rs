//! The `account_balances` table: dated balance snapshots, one pair (current, coming) per account per refresh.

use super::amounts::{decimal, to_e4};
use crate::domain::{AccountBalanceRecord, AccountId, BalanceType, Timestamp};
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{named_params, params_from_iter, Connection, Row};

/// Stores snapshots; `(account row id, record)`. A snapshot already taken at the same instant is kept as it was.
/// Each is dated by the bank too: the account's `last_update` as the accounts sync before it stored it.
pub fn insert(tx: &Connection, records: &[(i64, AccountBalanceRecord)]) -> Result<u32> {
    let mut statement = tx
        .prepare_cached(
            "INSERT INTO account_balances (account_id, balance_type, amount, amount_e4, currency, as_of, bank_updated_at)
             VALUES (:account, :type, :amount, :e4, :currency, :as_of, (SELECT provider_updated_at FROM accounts WHERE id = :account))
             ON CONFLICT (account_id, balance_type, as_of) DO NOTHING",
        )
        .map_err(Error::storage("preparing the balance snapshot insert"))?;
    let mut inserted = 0;
    for (account, record) in records {
        inserted += statement
            .execute(named_params! {
                ":account": account,
                ":type": record.balance_type,
                ":amount": record.amount.to_string(),
                ":e4": to_e4(record.amount)?,
                ":currency": record.currency,
                ":as_of": record.as_of,
            })
            .map_err(Error::storage("saving a balance snapshot"))? as u32;
    }
    Ok(inserted)
}

const SELECT: &str = "SELECT a.provider, a.external_id, b.balance_type, b.amount, b.currency, b.as_of
    FROM account_balances b JOIN accounts a ON a.id = b.account_id";

/// The latest snapshot of each account and balance type (active accounts only).
pub fn latest(connection: &Connection) -> Result<Vec<AccountBalanceRecord>> {
    let sql = format!(
        "{SELECT} WHERE a.status = 'active' AND b.as_of = (SELECT max(as_of) FROM account_balances
             WHERE account_id = b.account_id AND balance_type = b.balance_type)
         ORDER BY a.institution, a.name, b.balance_type"
    );
    query(connection, &sql, Vec::new())
}

/// Each active account's current balance as the latest snapshot taken by `until` (accounts with none by then are
/// absent).
pub fn current_by(connection: &Connection, until: Timestamp) -> Result<Vec<AccountBalanceRecord>> {
    let sql = format!(
        "{SELECT} WHERE a.status = 'active' AND b.balance_type = 'current' AND b.as_of = (SELECT max(as_of) FROM account_balances
             WHERE account_id = b.account_id AND balance_type = 'current' AND as_of <= ?)
         ORDER BY a.institution, a.name"
    );
    query(connection, &sql, vec![Value::Text(until.to_rfc3339())])
}

/// Snapshots of type `balance_type` between two instants (inclusive), oldest first; optionally of some accounts.
pub fn history(connection: &Connection, accounts: &[i64], from: Option<Timestamp>, to: Option<Timestamp>, balance_type: BalanceType) -> Result<Vec<AccountBalanceRecord>> {
    let mut clauses = vec!["b.balance_type = ?".to_string()];
    let mut values = vec![Value::Text(balance_type.as_str().to_string())];
    if !accounts.is_empty() {
        clauses.push(format!("b.account_id IN ({})", vec!["?"; accounts.len()].join(", ")));
        values.extend(accounts.iter().map(|a| Value::Integer(*a)));
    }
    if let Some(from) = from {
        clauses.push("b.as_of >= ?".into());
        values.push(Value::Text(from.to_rfc3339()));
    }
    if let Some(to) = to {
        clauses.push("b.as_of <= ?".into());
        values.push(Value::Text(to.to_rfc3339()));
    }
    let sql = format!("{SELECT} WHERE {} ORDER BY b.as_of, a.id", clauses.join(" AND "));
    query(connection, &sql, values)
}

fn query(connection: &Connection, sql: &str, values: Vec<Value>) -> Result<Vec<AccountBalanceRecord>> {
    let mut statement = connection.prepare_cached(sql).map_err(Error::storage("preparing a balance query"))?;
    let rows = statement.query_map(params_from_iter(values.iter()), from_row).map_err(Error::storage("reading balances"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading balances"))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<AccountBalanceRecord> {
    let provider: String = row.get(0)?;
    let external: String = row.get(1)?;
    Ok(AccountBalanceRecord {
        account_id: AccountId::new(&provider, &external),
        balance_type: row.get(2)?,
        amount: decimal(row, 3)?,
        currency: row.get(4)?,
        as_of: row.get(5)?,
    })
}
