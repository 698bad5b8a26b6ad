//! Canonical domain types: what the rest of the app knows about banks, independent of any provider's payloads.

mod account;
mod connection;
mod counts;
mod identifier;

pub use account::{AccountStatus, AccountType, BankAccountRecord};
pub use connection::BankConnection;
pub use counts::SyncCounts;
pub use identifier::AccountIdentifier;
