//! The `transactions` table: idempotent page upserts keyed by the provider's ids, and filtered keyset listing.
//!
//! An upsert only rewrites a row whose content changed (the `WHERE … IS NOT …` clause), so a no-change sync writes
//! nothing and the full-text index, kept by triggers, is only touched for labels that changed.

use super::amounts::{decimal, optional_decimal, to_e4};
use crate::domain::{AccountId, AccountIdentifier, BankTransactionRecord, Counterparty, TransactionId, TransactionStatus};
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

/// How a page is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Rows may exist: insert new ones, rewrite only rows whose content changed.
    Upsert,
    /// The table was empty when this sync began (a first load): rows are only inserted, and the per-row content
    /// comparison is skipped. A row that is somehow there already is left alone.
    Load,
}

const INSERT: &str = "INSERT INTO transactions (account_id, external_id, booked_on, value_on, realised_on, amount, amount_e4,
                 currency, original_amount, original_currency, label, original_label, kind, category, category_parent,
                 counterparty_label, counterparty_identifier, counterparty_kind, status, provider_updated_at, last_synced_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";

const ON_CONFLICT_UPDATE: &str = " ON CONFLICT (account_id, external_id) DO UPDATE SET
                 booked_on = excluded.booked_on, value_on = excluded.value_on, realised_on = excluded.realised_on,
                 amount = excluded.amount, amount_e4 = excluded.amount_e4, currency = excluded.currency,
                 original_amount = excluded.original_amount, original_currency = excluded.original_currency,
                 label = excluded.label, original_label = excluded.original_label, kind = excluded.kind,
                 category = excluded.category, category_parent = excluded.category_parent,
                 counterparty_label = excluded.counterparty_label,
                 counterparty_identifier = excluded.counterparty_identifier,
                 counterparty_kind = excluded.counterparty_kind, status = excluded.status,
                 provider_updated_at = excluded.provider_updated_at, last_synced_at = excluded.last_synced_at
             WHERE (transactions.booked_on, transactions.value_on, transactions.realised_on, transactions.amount,
                    transactions.original_amount, transactions.original_currency, transactions.label,
                    transactions.original_label, transactions.kind, transactions.category, transactions.category_parent,
                    transactions.counterparty_label, transactions.counterparty_identifier,
                    transactions.counterparty_kind, transactions.status)
                IS NOT (excluded.booked_on, excluded.value_on, excluded.realised_on, excluded.amount,
                    excluded.original_amount, excluded.original_currency, excluded.label, excluded.original_label,
                    excluded.kind, excluded.category, excluded.category_parent, excluded.counterparty_label,
                    excluded.counterparty_identifier, excluded.counterparty_kind, excluded.status)";

/// Writes one page of `(account row id, record)` in `mode`; returns how many rows were inserted or changed.
pub fn write_page(tx: &Connection, records: &[(i64, BankTransactionRecord)], mode: WriteMode) -> Result<u64> {
    let sql = match mode {
        WriteMode::Upsert => format!("{INSERT}{ON_CONFLICT_UPDATE}"),
        WriteMode::Load => format!("{INSERT} ON CONFLICT (account_id, external_id) DO NOTHING"),
    };
    let mut statement = tx.prepare_cached(&sql).map_err(Error::storage("preparing the transaction write"))?;
    let mut changed = 0;
    for (account_row, record) in records {
        let external = record.id.external();
        let counterparty = record.counterparty.as_ref();
        changed += statement
            .execute(rusqlite::params![
                account_row,
                external,
                record.booking_date,
                record.value_date,
                record.realisation_date,
                record.amount.to_string(),
                to_e4(record.amount)?,
                record.currency,
                record.original_amount.map(|a| a.to_string()),
                record.original_currency,
                record.label,
                record.original_label,
                record.kind,
                record.category,
                record.category_parent,
                counterparty.and_then(|c| c.label.as_deref()),
                counterparty.and_then(|c| c.identifier.as_ref()).map(AccountIdentifier::expose),
                counterparty.and_then(|c| c.kind.as_deref()),
                record.status.as_str(),
                record.provider_updated_at,
                record.last_synced_at,
            ])
            .map_err(Error::storage("saving a transaction"))? as u64;
    }
    Ok(changed)
}

/// The highest row id so far (0 for an empty table): rows inserted later have larger ids, so counting the rows above
/// it tells inserts from updates without counting the whole table.
pub fn max_row_id(connection: &Connection) -> Result<i64> {
    connection
        .query_row("SELECT coalesce(max(id), 0) FROM transactions", [], |row| row.get(0))
        .map_err(Error::storage("reading the last transaction id"))
}

/// Rows inserted after `row_id` (see [`max_row_id`]).
pub fn count_after(connection: &Connection, row_id: i64) -> Result<u64> {
    connection
        .query_row("SELECT count(*) FROM transactions WHERE id > ?1", [row_id], |row| row.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(Error::storage("counting new transactions"))
}

/// Suspends full-text maintenance for a bulk load (committed on its own, so a crash leaves the flag set and the
/// next open repairs the index).
pub fn defer_fts(connection: &Connection) -> Result<()> {
    connection
        .execute("UPDATE fts_state SET deferred = 1 WHERE id = 1", [])
        .map(drop)
        .map_err(Error::storage("deferring the full-text index"))
}

/// Drops every secondary index of the transactions table (those the schema declares; the primary key and the
/// `(account, external id)` uniqueness stay): the benchmark's lower floor, what this machine writes at all. Only
/// ever run on a throw-away database.
pub fn drop_secondary_indexes(connection: &Connection) -> Result<()> {
    let names: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL")
        .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
        .map_err(Error::storage("listing the transactions' indexes"))?;
    for name in names {
        // Names come from the schema itself, never from input.
        connection.execute_batch(&format!("DROP INDEX \"{name}\";")).map_err(Error::storage("dropping an index"))?;
    }
    Ok(())
}

/// One scan of every booked row (their count and sum): the floor the overview's benchmark is compared with.
pub fn scan_booked(connection: &Connection) -> Result<(i64, i64)> {
    connection
        .query_row("SELECT count(*), coalesce(sum(amount_e4), 0) FROM transactions WHERE status = 'booked'", [], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(Error::storage("scanning every booked transaction"))
}

/// Recomputes the monthly aggregate (`transaction_months`) from scratch, as its triggers would have kept it.
///
/// The rows are summed here while SQLite streams them in storage order: a `GROUP BY` would sort a million rows
/// first, and SQLite's sorter holds up to the page cache's size in memory (about 64 MiB more at the peak of a
/// first sync). The sums themselves are a few thousand entries.
fn rebuild_months(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut sums: std::collections::HashMap<(i64, String, String), (i64, i64, i64)> = std::collections::HashMap::new();
    {
        let mut statement = tx
            .prepare("SELECT account_id, substr(booked_on, 1, 7), effective_category, amount_e4 FROM transactions WHERE status = 'booked'")
            .map_err(Error::storage("preparing the monthly aggregate rebuild"))?;
        let mut rows = statement.query([]).map_err(Error::storage("reading rows for the monthly aggregate"))?;
        while let Some(row) = rows.next().map_err(Error::storage("reading rows for the monthly aggregate"))? {
            let key = (row.get::<_, i64>(0).map_err(Error::storage("reading an account id"))?, row.get::<_, String>(1).map_err(Error::storage("reading a month"))?, row.get::<_, String>(2).map_err(Error::storage("reading a category"))?);
            let amount: i64 = row.get(3).map_err(Error::storage("reading an amount"))?;
            let entry = sums.entry(key).or_default();
            entry.0 += amount.max(0);
            entry.1 += amount.min(0);
            entry.2 += 1;
        }
    }
    tx.execute("DELETE FROM transaction_months", []).map_err(Error::storage("clearing the monthly aggregate"))?;
    let mut insert = tx
        .prepare("INSERT INTO transaction_months (account_id, month, parent, inflow_e4, outflow_e4, rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .map_err(Error::storage("preparing the monthly aggregate"))?;
    for ((account, month, parent), (inflow, outflow, count)) in sums {
        insert.execute(rusqlite::params![account, month, parent, inflow, outflow, count]).map_err(Error::storage("writing the monthly aggregate"))?;
    }
    Ok(())
}

/// If maintenance of the derived data (the full-text index and the monthly aggregate) was deferred, rebuilds both
/// from the table and resumes maintenance, in one transaction. Returns whether a rebuild ran.
pub fn repair_fts(connection: &mut Connection) -> Result<bool> {
    let deferred: i64 = connection
        .query_row("SELECT deferred FROM fts_state WHERE id = 1", [], |row| row.get(0))
        .map_err(Error::storage("reading the full-text state"))?;
    if deferred == 0 {
        return Ok(false);
    }
    super::with_tx(connection, |tx| {
        tx.execute_batch("INSERT INTO transactions_fts (transactions_fts) VALUES ('rebuild');")
            .map_err(Error::storage("rebuilding the full-text index"))?;
        rebuild_months(tx)?;
        tx.execute_batch("UPDATE fts_state SET deferred = 0 WHERE id = 1;").map_err(Error::storage("resuming derived-data maintenance"))
    })?;
    Ok(true)
}

/// Number of stored transactions.
pub fn count(connection: &Connection) -> Result<u64> {
    connection
        .query_row("SELECT count(*) FROM transactions", [], |row| row.get::<_, i64>(0))
        .map(|n| n as u64)
        .map_err(Error::storage("counting transactions"))
}

/// How a listing is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest first (the default).
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// Largest outflow first.
    AmountAsc,
    /// Largest inflow first.
    AmountDesc,
}

/// A listing request in store terms (accounts already resolved to row ids, text already an FTS query).
#[derive(Debug, Clone)]
pub struct Listing {
    /// Only these accounts (row ids); empty means all.
    pub accounts: Vec<i64>,
    /// Earliest booking date, inclusive.
    pub date_from: Option<chrono::NaiveDate>,
    /// Latest booking date, inclusive.
    pub date_to: Option<chrono::NaiveDate>,
    /// Smallest amount, in 1/10,000 units, inclusive.
    pub amount_min_e4: Option<i64>,
    /// Largest amount, in 1/10,000 units, inclusive.
    pub amount_max_e4: Option<i64>,
    /// An FTS5 query over labels (already sanitised).
    pub fts_query: Option<String>,
    /// Category or parent category code.
    pub category: Option<String>,
    /// Statuses to include.
    pub statuses: Vec<TransactionStatus>,
    /// Order.
    pub sort: Sort,
    /// Rows per page.
    pub limit: u32,
    /// Keyset position: the sort key and row id of the last row already shown.
    pub after: Option<(Value, i64)>,
}

/// A page of a listing: its rows, and the keyset position of the last one when more follow.
#[derive(Debug)]
pub struct ListedPage {
    /// The rows.
    pub rows: Vec<BankTransactionRecord>,
    /// The position after which the next page starts (sort key, row id), when there is one.
    pub next: Option<(Value, i64)>,
}

const SELECT: &str = "SELECT t.id, a.provider, a.external_id, t.external_id, t.booked_on, t.value_on, t.realised_on, t.amount,
    t.currency, t.original_amount, t.original_currency, t.label, t.original_label, t.kind, t.category, t.category_parent,
    t.counterparty_label, t.counterparty_identifier, t.counterparty_kind, t.status, t.provider_updated_at,
    t.last_synced_at, t.amount_e4
    FROM transactions t JOIN accounts a ON a.id = t.account_id";

/// A search term held by at least this many rows is frequent: walking the listing's order and checking each row
/// against the matches finds a page sooner than reading every match and sorting them.
const FREQUENT_TERM_ROWS: i64 = 2_000;

/// The words of a query made by [`fts_query`], folded as the index folds them; `None` when a word is not plain
/// ASCII (the index removes diacritics, which this cannot reproduce exactly).
fn query_words(query: &str) -> Option<Vec<String>> {
    query
        .split(" AND ")
        .map(|term| {
            let word = term.strip_prefix('"')?.strip_suffix("\"*")?.replace("\"\"", "\"");
            word.is_ascii().then(|| word.to_ascii_lowercase())
        })
        .collect()
}

/// Whether every word of the search is held by many rows (prefixes count every term they cover).
fn every_word_frequent(connection: &Connection, query: &str) -> Result<bool> {
    let Some(words) = query_words(query) else { return Ok(false) };
    let mut statement = connection
        .prepare_cached("SELECT coalesce(sum(doc), 0) FROM transactions_fts_terms WHERE term >= ?1 AND term < ?1 || char(1114111)")
        .map_err(Error::storage("preparing the term frequency lookup"))?;
    for word in words {
        let rows: i64 = statement.query_row([&word], |row| row.get(0)).map_err(Error::storage("reading term frequencies"))?;
        if rows < FREQUENT_TERM_ROWS {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Runs a listing.
pub fn list(connection: &Connection, listing: &Listing) -> Result<ListedPage> {
    // A frequent search term: keep SQLite from driving the query by the matches (which reads and sorts them all).
    let drive_by_order = match &listing.fts_query {
        Some(query) => every_word_frequent(connection, query)?,
        None => false,
    };
    let (where_sql, mut values) = conditions(listing, drive_by_order);
    let (key_column, descending) = match listing.sort {
        Sort::DateDesc => ("t.booked_on", true),
        Sort::DateAsc => ("t.booked_on", false),
        Sort::AmountAsc => ("t.amount_e4", false),
        Sort::AmountDesc => ("t.amount_e4", true),
    };
    let mut clauses = where_sql;
    if let Some((key, id)) = &listing.after {
        let op = if descending { "<" } else { ">" };
        clauses.push(format!("({key_column}, t.id) {op} (?, ?)"));
        values.push(key.clone());
        values.push(Value::Integer(*id));
    }
    let direction = if descending { "DESC" } else { "ASC" };
    let sql = format!(
        "{SELECT} WHERE {} ORDER BY {key_column} {direction}, t.id {direction} LIMIT {}",
        if clauses.is_empty() { "1".to_string() } else { clauses.join(" AND ") },
        listing.limit + 1
    );
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the transaction listing"))?;
    let mut rows = statement
        .query_map(params_from_iter(values.iter()), |row| {
            let key = match listing.sort {
                Sort::DateDesc | Sort::DateAsc => Value::Text(row.get(4)?),
                Sort::AmountAsc | Sort::AmountDesc => Value::Integer(row.get(22)?),
            };
            Ok((from_row(row)?, key, row.get::<_, i64>(0)?))
        })
        .map_err(Error::storage("listing transactions"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading transactions"))?;
    let more = rows.len() > listing.limit as usize;
    rows.truncate(listing.limit as usize);
    let next = if more { rows.last().map(|(_, key, id)| (key.clone(), *id)) } else { None };
    Ok(ListedPage { rows: rows.into_iter().map(|(record, _, _)| record).collect(), next })
}

/// Count and sum per currency of everything the listing's filters match (ignoring paging).
pub fn totals(connection: &Connection, listing: &Listing) -> Result<Vec<(String, u64, i64)>> {
    let (clauses, values) = conditions(listing, false);
    let sql = format!(
        "SELECT t.currency, count(*), sum(t.amount_e4) FROM transactions t WHERE {} GROUP BY t.currency ORDER BY t.currency",
        if clauses.is_empty() { "1".to_string() } else { clauses.join(" AND ") }
    );
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the transaction totals"))?;
    let rows = statement
        .query_map(params_from_iter(values.iter()), |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64, row.get(2)?)))
        .map_err(Error::storage("summing transactions"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading transaction totals"))
}

/// The WHERE clauses of a listing. With `drive_by_order`, the full-text condition is written `+t.id IN (…)`: the
/// unary plus stops SQLite from using it to drive the query, so it walks the order's index and probes the matches.
fn conditions(listing: &Listing, drive_by_order: bool) -> (Vec<String>, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if !listing.accounts.is_empty() {
        clauses.push(format!("t.account_id IN ({})", vec!["?"; listing.accounts.len()].join(", ")));
        values.extend(listing.accounts.iter().map(|a| Value::Integer(*a)));
    }
    for (column, op, value) in [("t.booked_on", ">=", &listing.date_from), ("t.booked_on", "<=", &listing.date_to)] {
        if let Some(value) = value {
            clauses.push(format!("{column} {op} ?"));
            values.push(Value::Text(value.to_string()));
        }
    }
    for (op, value) in [(">=", listing.amount_min_e4), ("<=", listing.amount_max_e4)] {
        if let Some(value) = value {
            clauses.push(format!("t.amount_e4 {op} ?"));
            values.push(Value::Integer(value));
        }
    }
    if let Some(query) = &listing.fts_query {
        let probe = if drive_by_order { "+t.id" } else { "t.id" };
        clauses.push(format!("{probe} IN (SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH ?)"));
        values.push(Value::Text(query.clone()));
    }
    if let Some(category) = &listing.category {
        clauses.push("(t.category = ? OR t.effective_category = ?)".into());
        values.push(Value::Text(category.clone()));
        values.push(Value::Text(category.clone()));
    }
    if !listing.statuses.is_empty() {
        clauses.push(format!("t.status IN ({})", vec!["?"; listing.statuses.len()].join(", ")));
        values.extend(listing.statuses.iter().map(|s| Value::Text(s.as_str().to_string())));
    }
    (clauses, values)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<BankTransactionRecord> {
    let provider: String = row.get(1)?;
    let account_external: String = row.get(2)?;
    let external: String = row.get(3)?;
    let counterparty_label: Option<String> = row.get(16)?;
    let counterparty_identifier: Option<String> = row.get(17)?;
    let counterparty_kind: Option<String> = row.get(18)?;
    let counterparty = (counterparty_label.is_some() || counterparty_identifier.is_some()).then(|| Counterparty {
        label: counterparty_label,
        identifier: counterparty_identifier.map(identifier_of),
        kind: counterparty_kind,
    });
    let status: TransactionStatus = row.get(19)?;
    Ok(BankTransactionRecord {
        id: TransactionId::new(&provider, &external),
        account_id: AccountId::new(&provider, &account_external),
        booking_date: row.get(4)?,
        value_date: row.get(5)?,
        realisation_date: row.get(6)?,
        amount: decimal(row, 7)?,
        currency: row.get(8)?,
        original_amount: optional_decimal(row, 9)?,
        original_currency: row.get(10)?,
        label: row.get(11)?,
        original_label: row.get(12)?,
        kind: row.get(13)?,
        category: row.get(14)?,
        category_parent: row.get(15)?,
        counterparty,
        status,
        provider_updated_at: row.get(20)?,
        last_synced_at: row.get(21)?,
    })
}

/// IBANs start with two letters; anything else is masked as an account number.
fn identifier_of(value: String) -> AccountIdentifier {
    if value.len() > 2 && value[..2].chars().all(|c| c.is_ascii_alphabetic()) {
        AccountIdentifier::iban(value)
    } else {
        AccountIdentifier::number(value)
    }
}

/// Turns free text into a safe FTS5 query: each word becomes a quoted prefix term, all required. FTS syntax typed
/// by the user (quotes, `OR`, `NEAR`, `*`, column filters) is treated as plain text.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// Every stored transaction, in insertion order (the benchmark's baseline copies them; holds them all in memory).
pub fn export(connection: &Connection) -> Result<Vec<BankTransactionRecord>> {
    let sql = format!("{SELECT} ORDER BY t.id");
    let mut statement = connection.prepare(&sql).map_err(Error::storage("preparing the export"))?;
    let rows = statement.query_map([], from_row).map_err(Error::storage("exporting transactions"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("exporting transactions"))
}

#[cfg(test)]
mod tests;
