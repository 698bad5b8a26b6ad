//! `openbanking.transactions.sync` and `openbanking.transactions.list`.

use crate::app::App;
use crate::domain::{BankTransactionRecord, TransactionStatus};
use crate::error::{Error, Result};
use crate::profile::Mode;
use crate::provider::{OpenBankingProvider, TransactionPages};
use crate::store::transactions::{self, Listing, Sort};
use crate::store::{accounts, sync_state, with_tx};
use rusqlite::types::Value;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Contract name of the transaction sync.
pub const SYNC: &str = "openbanking.transactions.sync";
/// Contract name of the transaction listing.
pub const LIST: &str = "openbanking.transactions.list";

/// How far before the last high-water mark an incremental sync starts again. Powens' `last_update` is a naive
/// wall-clock time whose zone is not documented, so the margin covers a timezone offset and clock skew; the
/// idempotent upserts make the overlap free of duplicates.
pub const HIGH_WATER_MARGIN: chrono::Duration = chrono::Duration::hours(3);

/// Input of `openbanking.transactions.sync`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsSyncInput {
    /// Ignore the high-water mark and read the whole history again.
    #[serde(default)]
    pub full: bool,
}

/// Output of `openbanking.transactions.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsSyncOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// Transactions received from the provider.
    pub received: u64,
    /// New transactions stored.
    pub inserted: u64,
    /// Stored transactions that changed (booked, edited, deleted at the bank).
    pub updated: u64,
    /// Pages read.
    pub pages: u32,
    /// Whether the whole history was read (first sync, or `full`).
    pub full: bool,
    /// When the sync ran (RFC 3339, UTC).
    pub synced_at: String,
}

/// Reads what changed since the last complete sync (minus [`HIGH_WATER_MARGIN`]) and writes it one page per
/// database transaction, so an interruption leaves whole pages only; the high-water mark advances only after the
/// last page, so the next run re-reads anything an interrupted one missed.
pub async fn sync(app: &App, input: TransactionsSyncInput) -> Result<TransactionsSyncOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let synced_at = app.clock().now_rfc3339();
    let provider = &app.connected().await?.provider;
    let provider_name = provider.name();
    let (keys, mark, before, resume) = app
        .store()
        .call(move |conn| {
            Ok((
                accounts::keys(conn, provider_name)?,
                sync_state::high_water(conn, provider_name, sync_state::TRANSACTIONS)?,
                transactions::max_row_id(conn)?,
                sync_state::resume(conn, provider_name, sync_state::TRANSACTIONS_RESUME)?,
            ))
        })
        .await?;
    let since = if input.full { None } else { mark.as_deref().and_then(minus_margin) };
    // A listing that stopped half-way (a bad page, a lost network) goes on from the page after the last one stored,
    // instead of reading everything before it again; only for the same listing (same `since`).
    let resume = resume.filter(|r| !input.full && r.since == since);
    // A first sync loads the whole history: build the full-text index once at the end instead of row by row. A
    // resumed first load is still one.
    let bulk = resume.as_ref().map_or(since.is_none() && before == 0, |r| r.bulk);
    if bulk {
        app.store().call(|conn| transactions::defer_fts(conn)).await?;
    }
    let currencies = keys.iter().map(|(external, key)| (external.clone(), key.currency.clone())).collect();
    let listing = SyncListing { provider: provider_name, since: since.clone(), bulk };
    let start = resume.map(|r| (r.next, r.high_water));
    let pages_read = read_pages(app, provider, &listing, currencies, &keys, &synced_at, mark.clone(), start).await;
    if bulk && pages_read.is_err() {
        // Leave a searchable store behind even when the load stops half-way.
        app.store().call(|conn| transactions::repair_fts(conn).map(drop)).await?;
    }
    let (received, changed, page_count, high_water) = pages_read?;
    let now = synced_at.clone();
    let inserted = app
        .store()
        .call(move |conn| {
            transactions::repair_fts(conn)?;
            with_tx(conn, |tx| {
                sync_state::set_high_water(tx, provider_name, sync_state::TRANSACTIONS, high_water.as_deref(), &now)?;
                sync_state::set_resume(tx, provider_name, sync_state::TRANSACTIONS_RESUME, None, &now)
            })?;
            if bulk {
                // A first load leaves hundreds of megabytes in the write-ahead log; folding them into the database
                // now keeps that cost in the load instead of the next small write.
                crate::store::checkpoint(conn)?;
            }
            transactions::count_after(conn, before)
        })
        .await?;
    tracing::info!(received, inserted, updated = changed - inserted, pages = page_count, full = since.is_none(), "transactions synced");
    Ok(TransactionsSyncOutput {
        mode: app.mode(),
        received,
        inserted,
        updated: changed - inserted,
        pages: page_count,
        full: since.is_none(),
        synced_at,
    })
}

/// Pages per database transaction during a first load. Each commit rewrites the index pages it touched, scattered
/// over the file; committing 10,000 rows at a time instead of 1,000 writes far fewer of them (the SQLCipher floor
/// measurements: committing every 10,000 rows costs 3.3 times one transaction). A crash loses at most these pages,
/// which the next sync fetches again; every transaction still holds whole pages.
const LOAD_PAGES_PER_COMMIT: u32 = 10;

/// The listing a sync reads: whose, from when, and whether it is a first load.
#[derive(Debug, Clone)]
struct SyncListing {
    provider: &'static str,
    since: Option<String>,
    bulk: bool,
}

/// Writes pages in order, one database transaction at a time, on the store's thread while the caller reads the
/// next page: pages are grouped `pages_per_commit` to a transaction, and at most one write is in flight. Each
/// transaction also records where the listing resumes after its pages.
struct PageWriter {
    store: crate::store::Store,
    mode: transactions::WriteMode,
    listing: SyncListing,
    synced_at: String,
    pages_per_commit: u32,
    pending: Vec<(i64, BankTransactionRecord)>,
    pending_pages: u32,
    pending_resume: Option<sync_state::Resume>,
    in_flight: Option<tokio::task::JoinHandle<Result<u64>>>,
    changed: u64,
}

impl PageWriter {
    fn new(store: crate::store::Store, listing: SyncListing, synced_at: &str) -> Self {
        let (mode, pages_per_commit) =
            if listing.bulk { (transactions::WriteMode::Load, LOAD_PAGES_PER_COMMIT) } else { (transactions::WriteMode::Upsert, 1) };
        Self {
            store,
            mode,
            listing,
            synced_at: synced_at.to_string(),
            pages_per_commit,
            pending: Vec::new(),
            pending_pages: 0,
            pending_resume: None,
            in_flight: None,
            changed: 0,
        }
    }

    /// Queues one page; `next_page` and `high_water` say where the listing stands once it is stored.
    async fn push(&mut self, rows: Vec<(i64, BankTransactionRecord)>, next_page: Option<String>, high_water: Option<String>) -> Result<()> {
        self.pending.extend(rows);
        self.pending_pages += 1;
        self.pending_resume =
            next_page.map(|next| sync_state::Resume { since: self.listing.since.clone(), next, high_water, bulk: self.listing.bulk });
        if self.pending_pages >= self.pages_per_commit {
            self.flush().await?;
        }
        Ok(())
    }

    /// Starts writing what is pending (after the write in flight ends).
    async fn flush(&mut self) -> Result<()> {
        if self.pending_pages == 0 {
            return Ok(());
        }
        self.wait().await?;
        let (rows, mode, store) = (std::mem::take(&mut self.pending), self.mode, self.store.clone());
        let (resume, provider, now) = (self.pending_resume.take(), self.listing.provider, self.synced_at.clone());
        self.pending_pages = 0;
        self.in_flight = Some(tokio::spawn(async move {
            store
                .call(move |conn| {
                    with_tx(conn, |tx| {
                        let changed = transactions::write_page(tx, &rows, mode)?;
                        if resume.is_some() {
                            sync_state::set_resume(tx, provider, sync_state::TRANSACTIONS_RESUME, resume.as_ref(), &now)?;
                        }
                        Ok(changed)
                    })
                })
                .await
        }));
        Ok(())
    }

    async fn wait(&mut self) -> Result<()> {
        if let Some(handle) = self.in_flight.take() {
            self.changed += handle.await.map_err(|e| Error::Task(format!("writing a page of transactions failed: {e}")))??;
        }
        Ok(())
    }

    /// Writes everything still pending and returns how many rows changed in all.
    async fn finish(mut self) -> Result<u64> {
        self.flush().await?;
        self.wait().await?;
        Ok(self.changed)
    }
}

#[allow(clippy::too_many_arguments)]
/// Reads every page and writes them in order (see [`PageWriter`]); returns (received, changed, pages, the new
/// high-water mark). `start` resumes a listing at a stored next page, with the high-water mark it had reached.
///
/// Reading the next page (network, JSON, mapping) overlaps with writing the previous ones (SQLite, encryption) on
/// another thread. A failed read first writes every page read before it, so the store ends at a whole page, and
/// the error names the page that failed (counted from where this run started).
async fn read_pages<P: OpenBankingProvider>(
    app: &App,
    provider: &P,
    listing: &SyncListing,
    currencies: std::collections::HashMap<String, String>,
    keys: &std::collections::HashMap<String, accounts::AccountKey>,
    synced_at: &str,
    mut high_water: Option<String>,
    start: Option<(String, Option<String>)>,
) -> Result<(u64, u64, u32, Option<String>)> {
    let resume_from = start.as_ref().map(|(next, _)| next.as_str());
    if let Some((_, resumed_mark)) = &start {
        high_water = high_water.max(resumed_mark.clone());
        tracing::info!("resuming the transactions listing after the last page stored");
    }
    let mut pages = provider.transactions(listing.since.clone(), currencies, synced_at, resume_from)?;
    let (mut received, mut page_count) = (0u64, 0u32);
    let mut writer = PageWriter::new(app.store().clone(), listing.clone(), synced_at);
    loop {
        let batch = match pages.next_batch().await {
            Ok(Some(batch)) => batch,
            Ok(None) => break,
            Err(error) => {
                writer.finish().await?;
                return Err(Error::TransactionPage { page: page_count + 1, resumed: start.is_some(), source: Box::new(error) });
            }
        };
        page_count += 1;
        received += batch.records.len() as u64;
        high_water = high_water.max(batch.high_water);
        let rows: Vec<(i64, BankTransactionRecord)> = batch
            .records
            .into_iter()
            .map(|record| {
                let external = record.account_id.split_once(':').map(|(_, e)| e).unwrap_or_default();
                (keys[external].row_id, record)
            })
            .collect();
        writer.push(rows, batch.next_page, high_water.clone()).await?;
    }
    let changed = writer.finish().await?;
    Ok((received, changed, page_count, high_water))
}

fn minus_margin(mark: &str) -> Option<String> {
    let parsed = chrono::NaiveDateTime::parse_from_str(mark.get(..19).unwrap_or(mark), "%Y-%m-%d %H:%M:%S").ok()?;
    Some((parsed - HIGH_WATER_MARGIN).format("%Y-%m-%d %H:%M:%S").to_string())
}

/// Orders of `openbanking.transactions.list`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TransactionSort {
    /// Newest first.
    #[default]
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// Largest outflow first.
    AmountAsc,
    /// Largest inflow first.
    AmountDesc,
}

/// Input of `openbanking.transactions.list`: filters, order and a keyset page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsListInput {
    /// Only these accounts (canonical ids); empty for all.
    #[serde(default)]
    pub account_ids: Vec<String>,
    /// Earliest booking date `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub date_from: Option<String>,
    /// Latest booking date `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub date_to: Option<String>,
    /// Smallest signed amount, as a decimal string.
    #[serde(default)]
    pub amount_min: Option<String>,
    /// Largest signed amount, as a decimal string.
    #[serde(default)]
    pub amount_max: Option<String>,
    /// Words to find in labels (all of them, as prefixes).
    #[serde(default)]
    pub text: Option<String>,
    /// Category or parent category code.
    #[serde(default)]
    pub category: Option<String>,
    /// Statuses to include; empty means pending and booked.
    #[serde(default)]
    pub statuses: Vec<TransactionStatus>,
    /// Order.
    #[serde(default)]
    pub sort: TransactionSort,
    /// Rows per page, 1 to 500 (default 100).
    #[serde(default)]
    pub limit: Option<u32>,
    /// The `nextCursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Also compute count and sum per currency of everything the filters match.
    #[serde(default)]
    pub include_totals: bool,
}

/// Count and sum of one currency.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyTotal {
    /// ISO 4217 code.
    pub currency: String,
    /// Matching transactions.
    pub count: u64,
    /// Their signed sum.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub sum: Decimal,
}

/// Output of `openbanking.transactions.list`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsListOutput {
    /// The page.
    pub transactions: Vec<BankTransactionRecord>,
    /// Pass as `cursor` to get the next page; absent on the last one.
    pub next_cursor: Option<String>,
    /// Per-currency totals of the whole filter, when asked for.
    pub totals: Option<Vec<CurrencyTotal>>,
}

fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput { field: field.to_string(), reason: reason.into() }
}

fn check_date(value: &Option<String>, field: &str) -> Result<Option<String>> {
    value
        .as_deref()
        .map(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map(|d| d.to_string()).map_err(|_| invalid(field, "must be a date YYYY-MM-DD")))
        .transpose()
}

fn check_amount(value: &Option<String>, field: &str) -> Result<Option<i64>> {
    value
        .as_deref()
        .map(|v| {
            let amount = Decimal::from_str(v.trim()).map_err(|_| invalid(field, "must be a decimal number such as -12.50"))?;
            crate::store::amounts_e4(amount).map_err(|_| invalid(field, "is out of range"))
        })
        .transpose()
}

fn sort_tag(sort: Sort) -> char {
    match sort {
        Sort::DateDesc => 'd',
        Sort::DateAsc => 'D',
        Sort::AmountAsc => 'a',
        Sort::AmountDesc => 'A',
    }
}

fn encode_cursor(sort: Sort, key: &Value, id: i64) -> String {
    let key = match key {
        Value::Text(text) => text.clone(),
        Value::Integer(number) => number.to_string(),
        _ => String::new(),
    };
    format!("{}~{key}~{id}", sort_tag(sort))
}

fn decode_cursor(cursor: &str, sort: Sort) -> Result<(Value, i64)> {
    let bad = || invalid("cursor", "is not a cursor returned by this listing with the same sort; start again without it");
    let mut parts = cursor.splitn(3, '~');
    let (Some(tag), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
    if !tag.starts_with(sort_tag(sort)) || tag.len() != 1 {
        return Err(bad());
    }
    let id: i64 = id.parse().map_err(|_| bad())?;
    let key = match sort {
        Sort::DateDesc | Sort::DateAsc => {
            chrono::NaiveDate::parse_from_str(key, "%Y-%m-%d").map_err(|_| bad())?;
            Value::Text(key.to_string())
        }
        Sort::AmountAsc | Sort::AmountDesc => Value::Integer(key.parse().map_err(|_| bad())?),
    };
    Ok((key, id))
}

/// Lists stored transactions with filters, order and keyset pages; never touches the network.
pub async fn list(app: &App, input: TransactionsListInput) -> Result<TransactionsListOutput> {
    let limit = input.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(invalid("limit", "must be between 1 and 500"));
    }
    let sort = match input.sort {
        TransactionSort::DateDesc => Sort::DateDesc,
        TransactionSort::DateAsc => Sort::DateAsc,
        TransactionSort::AmountAsc => Sort::AmountAsc,
        TransactionSort::AmountDesc => Sort::AmountDesc,
    };
    let date_from = check_date(&input.date_from, "dateFrom")?;
    let date_to = check_date(&input.date_to, "dateTo")?;
    let amount_min_e4 = check_amount(&input.amount_min, "amountMin")?;
    let amount_max_e4 = check_amount(&input.amount_max, "amountMax")?;
    if let Some(text) = &input.text {
        if text.chars().count() > 200 {
            return Err(invalid("text", "must be at most 200 characters"));
        }
    }
    let after = input.cursor.as_deref().map(|c| decode_cursor(c, sort)).transpose()?;
    let statuses = if input.statuses.is_empty() { vec![TransactionStatus::Pending, TransactionStatus::Booked] } else { input.statuses.clone() };
    let fts_query = input.text.as_deref().and_then(transactions::fts_query);
    let text_given = input.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let account_ids = input.account_ids.clone();
    let category = input.category.clone().filter(|c| !c.trim().is_empty());
    let include_totals = input.include_totals;
    app.store()
        .call(move |conn| {
            let rows = accounts::row_ids(conn, &account_ids)?;
            let listing = Listing { accounts: rows, date_from, date_to, amount_min_e4, amount_max_e4, fts_query, category, statuses, sort, limit, after };
            // Text made only of punctuation matches nothing rather than everything.
            if text_given && listing.fts_query.is_none() {
                return Ok(TransactionsListOutput { transactions: Vec::new(), next_cursor: None, totals: include_totals.then(Vec::new) });
            }
            let page = transactions::list(conn, &listing)?;
            let totals = include_totals
                .then(|| transactions::totals(conn, &listing))
                .transpose()?
                .map(|rows| {
                    rows.into_iter()
                        .map(|(currency, count, sum_e4)| CurrencyTotal { currency, count, sum: Decimal::new(sum_e4, 4).normalize() })
                        .collect()
                });
            Ok(TransactionsListOutput {
                transactions: page.rows,
                next_cursor: page.next.map(|(key, id)| encode_cursor(sort, &key, id)),
                totals,
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_another_sort() {
        let cursor = encode_cursor(Sort::DateDesc, &Value::Text("2024-05-01".into()), 42);
        assert_eq!(decode_cursor(&cursor, Sort::DateDesc).unwrap(), (Value::Text("2024-05-01".into()), 42));
        assert!(decode_cursor(&cursor, Sort::AmountAsc).is_err());
        let amount = encode_cursor(Sort::AmountAsc, &Value::Integer(-1_250_000), 7);
        assert_eq!(decode_cursor(&amount, Sort::AmountAsc).unwrap(), (Value::Integer(-1_250_000), 7));
        for garbage in ["", "d~x~1", "d~2024-01-01~x", "z~2024-01-01~1", "d~2024-01-01"] {
            assert!(decode_cursor(garbage, Sort::DateDesc).is_err(), "{garbage}");
        }
    }

    #[test]
    fn the_margin_is_subtracted_from_naive_marks() {
        assert_eq!(minus_margin("2026-11-25 10:00:00").unwrap(), "2026-11-25 07:00:00");
        assert_eq!(minus_margin("2026-11-25 10:00:00 +0200").unwrap(), "2026-11-25 07:00:00");
        assert!(minus_margin("garbage").is_none());
    }
}
