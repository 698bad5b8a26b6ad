//! Lenient wire types for Powens payloads.
//!
//! Powens documents its enums as open and its fields as sometimes absent, so nearly everything is `Option` with
//! `#[serde(default)]`, unknown fields are ignored, and amounts accept a JSON number or a string. The exceptions are
//! ids and the list of each envelope (`accounts`, `connections`, `transactions`, `account_ownerships`, `investments`): without
//! them a payload means nothing, and reading a missing list as empty would turn a bad answer into "everything was
//! deleted". These types stay in this crate; `pfo-core` maps them to canonical records at one boundary.

mod account;
mod amortization;
mod auth;
mod connection;
mod investment;
mod market_order;
pub(crate) mod decimal;
mod ownership;
mod transaction;

pub use account::{Account, AccountList, AccountUsage, Currency, Loan};
pub use amortization::{Amortization, AmortizationList, MonetaryAmount};
pub use auth::AuthInit;
pub use connection::{Connection, ConnectionList, Connector};
pub use investment::{Investment, InvestmentDetails, InvestmentList};
pub use market_order::{MarketOrder, MarketOrderList, NamedCode};
pub use ownership::{AccountIdentification, AccountOwnership, AccountOwnershipList, AccountParty, PartyIdentity, PartyRole};
pub use transaction::{Category, Counterparty, Link, Links, Transaction, TransactionPage};
