//! The accounts sync: one snapshot of every connection and account, written in one transaction.

use crate::app::App;
use crate::contracts::accounts::AccountsSyncOutput;
use crate::error::Result;
use crate::provider::OpenBankingProvider;
use crate::store::{accounts, connections, loans, ownership, with_tx};

/// Reads connections and accounts from the provider and writes them in one transaction: either the whole
/// snapshot lands or nothing does.
pub async fn run(app: &App) -> Result<AccountsSyncOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let synced_at = app.clock().timestamp();
    let provider = &app.connected().await?.provider;
    let snapshot = provider.fetch_accounts(synced_at).await?;
    let provider_name = provider.name();
    let connection_count = snapshot.connections.len() as u32;
    let counts = app
        .store()
        .call(move |conn| {
            with_tx(conn, |tx| {
                connections::upsert(tx, &snapshot.connections)?;
                let counts = accounts::replace_provider_accounts(tx, provider_name, &snapshot.accounts)?;
                let keys = accounts::keys(tx, provider_name)?;
                let terms: Vec<_> = snapshot.loans.iter().filter_map(|t| Some((keys.get(t.account_id.external())?.row_id, t.clone()))).collect();
                loans::save_terms(tx, &terms)?;
                let mut pending = 0;
                for holders in snapshot.holders.iter().flatten() {
                    pending += u32::from(ownership::receive(tx, &holders.account, holders.usage.as_deref(), &holders.parties, synced_at)?);
                }
                Ok((counts, pending))
            })
        })
        .await?;
    let (counts, pending_proposals) = counts;
    tracing::info!(
        inserted = counts.inserted,
        updated = counts.updated,
        unchanged = counts.unchanged,
        removed = counts.removed,
        connections = connection_count,
        pending_proposals,
        "accounts synced"
    );
    Ok(AccountsSyncOutput { mode: app.mode(), accounts: counts, connections: connection_count, synced_at })
}

