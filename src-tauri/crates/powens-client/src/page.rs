//! Pagination, the two ways Powens pages: cursor listings (transactions) follow `_links.next`, offset listings
//! (accounts, account ownerships, connections) advance `offset` by `limit` until a short page.
//!
//! A `next` link is followed verbatim, but only if it stays on the configured API host (the bearer token would
//! otherwise leak), never twice (a repeated link would loop forever), and at most `max_pages` times. Offset listings
//! have the same page bound.
//!
//! A page that fails is not skipped: the cursor stays on it, so the next call asks for the same page again (after
//! [`TransactionPager::renew_token`] when Powens refused the token), never for the rest of the listing without it.

use crate::error::{Error, Result};
use crate::model::TransactionPage;
use crate::Client;
use serde::de::DeserializeOwned;

/// A page of an offset listing knows how many items it holds (a short page is the last one).
pub trait OffsetListing: DeserializeOwned {
    /// Items in this page.
    fn item_count(&self) -> usize;
}

/// Iterates an offset-paged listing.
#[derive(Debug)]
pub struct OffsetPager {
    client: Client,
    path: String,
    endpoint: &'static str,
    limit: u32,
    offset: u32,
    done: bool,
    pages: usize,
}

impl OffsetPager {
    pub(crate) fn new(client: Client, path: String, endpoint: &'static str, limit: u32) -> Self {
        Self { client, path, endpoint, limit, offset: 0, done: false, pages: 0 }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page<T: OffsetListing>(&mut self) -> Result<Option<T>> {
        if self.done {
            return Ok(None);
        }
        if self.pages >= DEFAULT_MAX_PAGES {
            return Err(Error::Pagination { reason: format!("more than {DEFAULT_MAX_PAGES} pages") });
        }
        let separator = if self.path.contains('?') { '&' } else { '?' };
        let url = format!("{}{}{separator}limit={}&offset={}", self.client.base_url(), self.path, self.limit, self.offset);
        let page: T = self.client.get_absolute(&url, self.endpoint).await?;
        self.pages += 1;
        self.offset += self.limit;
        self.done = page.item_count() < self.limit as usize;
        Ok(Some(page))
    }
}

/// The default bound on pages per listing: 10,000 pages of 1,000 is ten million transactions.
pub const DEFAULT_MAX_PAGES: usize = 10_000;

/// Iterates the pages of one transactions listing.
#[derive(Debug)]
pub struct TransactionPager {
    client: Client,
    next_url: Option<String>,
    seen: std::collections::HashSet<String>,
    pages: usize,
    max_pages: usize,
}

impl TransactionPager {
    pub(crate) fn new(client: Client, first_url: String) -> Self {
        Self { client, next_url: Some(first_url), seen: Default::default(), pages: 0, max_pages: DEFAULT_MAX_PAGES }
    }

    /// Lowers the page bound (tests, previews).
    pub fn with_max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Pages read so far.
    pub fn pages_read(&self) -> usize {
        self.pages
    }

    /// The URL of the page the next call reads (`None` after the last page): what a sync records to resume from.
    pub fn next_url(&self) -> Option<&str> {
        self.next_url.as_deref()
    }

    /// Carries `token` from now on, for the page that failed and the rest: Powens refused the old one and the
    /// caller renewed it. Only the token changes, so the pager still talks to the same API host.
    pub fn renew_token(&mut self, token: secrecy::SecretString) {
        self.client = self.client.with_token(token);
    }

    /// The next page, or `None` after the last one. After an error, the next call retries the same page.
    pub async fn next_page(&mut self) -> Result<Option<TransactionPage>> {
        let Some(url) = self.next_url.clone() else { return Ok(None) };
        if self.pages >= self.max_pages {
            return Err(Error::Pagination { reason: format!("more than {} pages", self.max_pages) });
        }
        let page: TransactionPage = self.client.get_absolute(&url, "GET /users/me/transactions").await?;
        self.pages += 1;
        self.seen.insert(url);
        self.next_url = None;
        if let Some(next) = page.links.as_ref().and_then(|l| l.next.as_ref()) {
            if !self.client.same_origin(&next.href) {
                return Err(Error::Pagination { reason: "a next link points to another host".into() });
            }
            if self.seen.contains(&next.href) {
                return Err(Error::Pagination { reason: "a next link repeated an earlier page".into() });
            }
            self.next_url = Some(next.href.clone());
        }
        Ok(Some(page))
    }
}
