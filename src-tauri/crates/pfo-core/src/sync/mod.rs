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

/// The row id of the stored account a provider record belongs to; a record of an account the accounts sync has not
/// stored is a bad payload (`what` names the record, never its values).
pub(crate) fn stored_account_row(keys: &std::collections::HashMap<String, crate::store::accounts::AccountKey>, account: &crate::domain::AccountId, what: &str) -> crate::error::Result<i64> {
    let external = account.external();
    keys.get(external).map(|key| key.row_id).ok_or_else(|| crate::error::Error::ProviderPayload {
        reason: format!("{what} of account {external}, which the accounts sync has not stored"),
    })
}
