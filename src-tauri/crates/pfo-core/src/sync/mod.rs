//! The sync engine: how each resource is read from the provider and written to the store. Per resource, a plan
//! (what to read: everything, what changed since a high-water mark, or the rest of a listing that stopped), the
//! writer (whole pages per database transaction), and the bulk-load policy of a first load. The contracts of
//! `contracts/` are the doors to it; workflows run them.

pub mod accounts;
pub mod balances;
pub mod investments;
pub mod loans;
mod page_writer;
pub mod transactions;
