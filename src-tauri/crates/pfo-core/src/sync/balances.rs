//! The balances refresh: every active account's balances, stored as one dated snapshot in one transaction.

use crate::app::App;
use crate::contracts::balances::BalancesRefreshOutput;
use crate::error::Result;
use crate::provider::OpenBankingProvider;
use crate::store::{accounts, balances, with_tx};

/// Reads every active account's balances now and stores them as one dated snapshot.
pub async fn run(app: &App) -> Result<BalancesRefreshOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let as_of = app.clock().timestamp();
    let provider = &app.connected().await?.provider;
    let provider_name = provider.name();
    let records = provider.fetch_balances(as_of).await?;
    let snapshots = app
        .store()
        .call(move |conn| {
            let keys = accounts::keys(conn, provider_name)?;
            let rows = records
                .into_iter()
                .map(|record| Ok((super::stored_account_row(&keys, &record.account_id, "balance")?, record)))
                .collect::<Result<Vec<_>>>()?;
            with_tx(conn, |tx| {
                accounts::set_balances(tx, &rows)?;
                balances::insert(tx, &rows)
            })
        })
        .await?;
    tracing::info!(snapshots, "balances refreshed");
    Ok(BalancesRefreshOutput { mode: app.mode(), snapshots, as_of })
}

