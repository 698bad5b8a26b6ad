//! The IPC commands, a few lines each: typed arguments in, one core call, the result out.

pub mod accounts;
pub mod balances;
pub mod connect;
pub mod overview;
pub mod rates;
pub mod settings;
pub mod status;
pub mod sync;
pub mod transactions;
