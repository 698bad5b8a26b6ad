//! [`PageWriter`]: writes the pages of a transactions listing in order, one database transaction at a time, on the
//! store's thread while the sync reads the next page; each transaction also records where the listing resumes.

use crate::domain::Timestamp;
use super::transactions::SyncListing;
use crate::domain::BankTransactionRecord;
use crate::error::{Error, Result};
use crate::store::transactions;
use crate::store::{sync_state, with_tx};

/// Writes pages in order, one database transaction at a time, on the store's thread while the caller reads the
/// next page: pages are grouped `pages_per_commit` to a transaction, and at most one write is in flight. Each
/// transaction also records where the listing resumes after its pages.
pub(super) struct PageWriter {
    store: crate::store::Store,
    mode: transactions::WriteMode,
    listing: SyncListing,
    synced_at: Timestamp,
    pages_per_commit: u32,
    pending: Vec<(i64, BankTransactionRecord)>,
    pending_pages: u32,
    pending_resume: Option<sync_state::Resume>,
    in_flight: Option<tokio::task::JoinHandle<Result<u64>>>,
    changed: u64,
}

impl PageWriter {
    /// A writer for `listing`; a bulk load commits `load_pages_per_commit` pages at a time, an incremental sync each page.
    pub(super) fn new(store: crate::store::Store, listing: SyncListing, synced_at: Timestamp, load_pages_per_commit: u32) -> Self {
        let (mode, pages_per_commit) =
            if listing.bulk { (transactions::WriteMode::Load, load_pages_per_commit) } else { (transactions::WriteMode::Upsert, 1) };
        Self {
            store,
            mode,
            listing,
            synced_at,
            pages_per_commit,
            pending: Vec::new(),
            pending_pages: 0,
            pending_resume: None,
            in_flight: None,
            changed: 0,
        }
    }

    /// Queues one page; `next_page` and `high_water` say where the listing stands once it is stored.
    pub(super) async fn push(&mut self, rows: Vec<(i64, BankTransactionRecord)>, next_page: Option<String>, high_water: Option<String>) -> Result<()> {
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
        let (resume, provider, now) = (self.pending_resume.take(), self.listing.provider, self.synced_at);
        self.pending_pages = 0;
        self.in_flight = Some(tokio::spawn(async move {
            store
                .call(move |conn| {
                    with_tx(conn, |tx| {
                        let changed = transactions::write_page(tx, &rows, mode)?;
                        if resume.is_some() {
                            sync_state::set_resume(tx, provider, sync_state::TRANSACTIONS_RESUME, resume.as_ref(), now)?;
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
    pub(super) async fn finish(mut self) -> Result<u64> {
        self.flush().await?;
        self.wait().await?;
        Ok(self.changed)
    }
}

