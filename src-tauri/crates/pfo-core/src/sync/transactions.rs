//! The transactions sync: plans what to read (a first load, an incremental read from the high-water mark minus a
//! margin, or the resumption of a listing that stopped half-way), reads the pages while [`super::page_writer`]
//! writes the previous ones, and moves the high-water mark only once the listing is complete. The bulk-load policy
//! (full-text index and monthly aggregate built once at the end of a first load, larger commits) is decided here.

use crate::domain::Timestamp;
use crate::app::App;
use crate::contracts::transactions::TransactionsSyncOutput;
use crate::domain::BankTransactionRecord;
use crate::error::{Error, Result};
use crate::provider::{OpenBankingProvider, TransactionPages};
use crate::store::transactions;
use crate::store::{accounts, sync_state, with_tx};
use super::page_writer::PageWriter;

/// How far before the last high-water mark an incremental sync starts again. Powens' `last_update` is a naive
/// wall-clock time whose zone is not documented, so the margin covers a timezone offset and clock skew; the
/// idempotent upserts make the overlap free of duplicates.
pub const HIGH_WATER_MARGIN: chrono::Duration = chrono::Duration::hours(3);

/// Reads what changed since the last complete sync (minus [`HIGH_WATER_MARGIN`]) and writes it one page per
/// database transaction, so an interruption leaves whole pages only; the high-water mark advances only after the
/// last page, so the next run re-reads anything an interrupted one missed.
pub async fn run(app: &App, full: bool) -> Result<TransactionsSyncOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let synced_at = app.clock().timestamp();
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
    let since = if full { None } else { mark.as_deref().and_then(minus_margin) };
    // A listing that stopped half-way (a bad page, a lost network) goes on from the page after the last one stored,
    // instead of reading everything before it again; only for the same listing (same `since`).
    let resume = resume.filter(|r| !full && r.since == since);
    // A first sync loads the whole history: build the full-text index once at the end instead of row by row. A
    // resumed first load is still one.
    let bulk = resume.as_ref().map_or(since.is_none() && before == 0, |r| r.bulk);
    if bulk {
        app.store().call(|conn| transactions::defer_fts(conn)).await?;
    }
    let currencies = keys.iter().map(|(external, key)| (external.clone(), key.currency.clone())).collect();
    let listing = SyncListing { provider: provider_name, since: since.clone(), bulk };
    let start = resume.map(|r| (r.next, r.high_water));
    let pages_read = read_pages(app, provider, &listing, currencies, &keys, synced_at, mark.clone(), start).await;
    if bulk && pages_read.is_err() {
        // Leave a searchable store behind even when the load stops half-way.
        app.store().call(|conn| transactions::repair_fts(conn).map(drop)).await?;
    }
    let (received, changed, page_count, high_water) = pages_read?;
    let now = synced_at;
    let inserted = app
        .store()
        .call(move |conn| {
            transactions::repair_fts(conn)?;
            with_tx(conn, |tx| {
                sync_state::set_high_water(tx, provider_name, sync_state::TRANSACTIONS, high_water.as_deref(), now)?;
                sync_state::set_resume(tx, provider_name, sync_state::TRANSACTIONS_RESUME, None, now)
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
pub(super) struct SyncListing {
    pub(super) provider: &'static str,
    pub(super) since: Option<String>,
    pub(super) bulk: bool,
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
    synced_at: Timestamp,
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
    let mut writer = PageWriter::new(app.store().clone(), listing.clone(), synced_at, LOAD_PAGES_PER_COMMIT);
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
                (keys[record.account_id.external()].row_id, record)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_margin_is_subtracted_from_naive_marks() {
        assert_eq!(minus_margin("2026-11-25 10:00:00").unwrap(), "2026-11-25 07:00:00");
        assert_eq!(minus_margin("2026-11-25 10:00:00 +0200").unwrap(), "2026-11-25 07:00:00");
        assert!(minus_margin("garbage").is_none());
    }
}
