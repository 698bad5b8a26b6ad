//! Open-banking providers: where canonical records come from.
//!
//! [`OpenBankingProvider`] is the seam between workflows and a provider; [`PowensOpenBankingProvider`] is the Powens
//! implementation and [`factory`] builds it from validated settings and keyring secrets. Provider payloads are
//! mapped to canonical records in [`map`] and nowhere else.

pub mod factory;
pub mod map;
mod powens;

use crate::domain::Timestamp;
use crate::domain::{AccountBalanceRecord, BankAccountRecord, BankConnection, BankTransactionRecord, ConnectionRequest, InvestmentPositionRecord};
use crate::error::Result;
use std::collections::HashMap;
use std::future::Future;

pub use powens::PowensOpenBankingProvider;

/// Everything one account sync reads from a provider, already in canonical form.
#[derive(Debug, Clone)]
pub struct AccountsSnapshot {
    /// The bank connections.
    pub connections: Vec<BankConnection>,
    /// Every account, including disabled and deleted ones (flagged by their status).
    pub accounts: Vec<BankAccountRecord>,
    /// Who the banks say holds each account; `None` when the provider could not say (at Powens the feature is
    /// activated per domain, so its absence is normal and never fails the sync).
    pub holders: Option<Vec<AccountHolders>>,
    /// The terms of the loan accounts (those the bank describes).
    pub loans: Vec<crate::domain::LoanTerms>,
}

/// The parties a bank names on one account.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountHolders {
    /// The account.
    pub account: crate::domain::AccountId,
    /// `PRIV` / `ORGA` / `ASSO`, as the bank reports it.
    pub usage: Option<String>,
    /// Holders, co-holders, attorneys…
    pub parties: Vec<crate::household::Party>,
}

/// A read-only source of bank data.
pub trait OpenBankingProvider {
    /// The provider's name, used as the first part of canonical ids (`powens`).
    fn name(&self) -> &'static str;

    /// The pager type of [`OpenBankingProvider::transactions`].
    type Pages: TransactionPages + Send;

    /// Reads connections and accounts as they are now; `synced_at` (RFC 3339) stamps the records.
    fn fetch_accounts(&self, synced_at: Timestamp) -> impl Future<Output = Result<AccountsSnapshot>> + Send;

    /// Pages of transactions changed after `since` (the provider's own time; `None` reads the whole history),
    /// deleted ones included. `currencies` maps the provider's account ids to their currency. `resume_from` (a
    /// [`TransactionBatch::next_page`] of an earlier listing with the same `since`) continues that listing instead of
    /// starting it again.
    fn transactions(&self, since: Option<String>, currencies: HashMap<String, String>, synced_at: Timestamp, resume_from: Option<&str>) -> Result<Self::Pages>;

    /// The current and coming balance of every active account, stamped `as_of`.
    fn fetch_balances(&self, as_of: Timestamp) -> impl Future<Output = Result<Vec<AccountBalanceRecord>>> + Send;

    /// Asks the provider, on the user's explicit request, to sync one bank connection now, to renew its consent, or
    /// to resume it after an approval in the banking app; returns its state after the request.
    fn request_sync(&self, connection: &str, request: ConnectionRequest, synced_at: Timestamp) -> impl Future<Output = Result<BankConnection>> + Send;

    /// Every position of the investment accounts as the provider reports it now (ended ones flagged), stamped
    /// `synced_at`; `currencies` maps the provider's account ids to their currency. `None` when the provider's
    /// domain does not offer investments.
    fn fetch_investments(&self, currencies: &HashMap<String, String>, synced_at: Timestamp) -> impl Future<Output = Result<Option<Vec<InvestmentPositionRecord>>>> + Send;

    /// The buy and sale orders of the investment accounts (deleted ones left out); `None` when the provider's
    /// domain does not offer them (at Powens they are activated separately from investments).
    fn fetch_market_orders(&self, currencies: &HashMap<String, String>, synced_at: Timestamp) -> impl Future<Output = Result<Option<Vec<crate::domain::MarketOrderRecord>>>> + Send;

    /// The schedules of the loans, one period per row, stamped `synced_at`; `None` when the provider's domain does
    /// not offer them.
    fn fetch_loan_schedules(&self, synced_at: Timestamp) -> impl Future<Output = Result<Option<Vec<crate::domain::LoanPeriod>>>> + Send;
}

/// One page of transactions, mapped.
#[derive(Debug, Clone)]
pub struct TransactionBatch {
    /// The records.
    pub records: Vec<BankTransactionRecord>,
    /// The latest provider `last_update` in this page (a candidate high-water mark).
    pub high_water: Option<String>,
    /// Where the listing goes on after this page (`None` after the last one): where a stopped sync resumes.
    pub next_page: Option<String>,
}

/// A stream of transaction pages.
pub trait TransactionPages {
    /// The next page, or `None` when all were read.
    fn next_batch(&mut self) -> impl Future<Output = Result<Option<TransactionBatch>>> + Send;
}
