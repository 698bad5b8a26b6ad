//! Canonical domain types: what the rest of the app knows about banks, independent of any provider's payloads.

mod account;
mod balance;
mod connection;
mod counts;
mod currency;
mod identifier;
mod ids;
mod investment;
mod loan;
mod market_order;
mod owner;
mod run;
pub(crate) mod time;
mod transaction;

pub use account::{AccountStatus, AccountType, BankAccountRecord};
pub use balance::{AccountBalanceRecord, BalanceType};
pub use connection::{BankConnection, ConnectionAction, ConnectionHealth, ConnectionRequest, CONSENT_WARNING_DAYS};
pub use counts::SyncCounts;
pub use currency::Currency;
pub use identifier::AccountIdentifier;
pub use ids::{AccountId, ConnectionId, OrderId, PositionId, TransactionId};
pub use loan::{LoanPeriod, LoanTerms};
pub use market_order::{MarketOrderRecord, OrderDirection};
pub use investment::{CodeScheme, FundDetails, ForeignValues, InvestmentPositionRecord, PositionSnapshot, SecurityCode};
pub use owner::{check_shares, equal_percents, Basis, Owner, OwnerId, OwnerKind, OwnerRole, Right, Share};
pub use run::{RunCounts, RunRecord, RunStatus};
pub use time::{input_day, input_optional_day, parse_day, read_day, Timestamp};
pub use transaction::{BankTransactionRecord, Counterparty, TransactionStatus};
