//! Open-banking providers: where canonical records come from.
//!
//! [`OpenBankingProvider`] is the seam between workflows and a provider; [`PowensOpenBankingProvider`] is the Powens
//! implementation and [`factory`] builds it from validated settings and keyring secrets. Provider payloads are
//! mapped to canonical records in [`map`] and nowhere else.

pub mod factory;
pub mod map;
mod powens;

use crate::domain::{BankAccountRecord, BankConnection};
use crate::error::Result;
use std::future::Future;

pub use powens::PowensOpenBankingProvider;

/// Everything one account sync reads from a provider, already in canonical form.
#[derive(Debug, Clone)]
pub struct AccountsSnapshot {
    /// The bank connections.
    pub connections: Vec<BankConnection>,
    /// Every account, including disabled and deleted ones (flagged by their status).
    pub accounts: Vec<BankAccountRecord>,
}

/// A read-only source of bank data.
pub trait OpenBankingProvider {
    /// The provider's name, used as the first part of canonical ids (`powens`).
    fn name(&self) -> &'static str;

    /// Reads connections and accounts as they are now; `synced_at` (RFC 3339) stamps the records.
    fn fetch_accounts(&self, synced_at: &str) -> impl Future<Output = Result<AccountsSnapshot>> + Send;
}
