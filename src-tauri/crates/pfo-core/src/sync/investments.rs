//! The investments sync: every position of every investment account as the provider reports it now, and the buy and
//! sale orders, written in one transaction with the day's value of each position (so a position's history outlives
//! the provider's month of it).
//!
//! A domain without the provider's wealth product (at Powens it is activated per domain) has no positions to
//! read: the sync then succeeds with `available: false` and touches nothing, so the household's other figures
//! refresh as before.

use crate::app::App;
use crate::contracts::investments::InvestmentsSyncOutput;
use crate::error::Result;
use crate::provider::OpenBankingProvider;
use crate::store::investments::{self, PositionRow};
use crate::store::{accounts, market_orders, with_tx};
use std::collections::HashMap;

/// Reads the positions and stores them with their value of the day.
pub async fn run(app: &App) -> Result<InvestmentsSyncOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let synced_at = app.clock().timestamp();
    let provider = &app.connected().await?.provider;
    let provider_name = provider.name();
    let keys = app.store().call(move |conn| accounts::keys(conn, provider_name)).await?;
    let currencies: HashMap<String, String> = keys.iter().map(|(external, key)| (external.clone(), key.currency.clone())).collect();
    let Some(records) = provider.fetch_investments(&currencies, synced_at).await? else {
        tracing::info!("investments unavailable on this provider domain; nothing synced");
        return Ok(InvestmentsSyncOutput { mode: app.mode(), available: false, positions: Default::default(), snapshots: 0, synced_at });
    };
    // Orders are a feature of their own at Powens: their absence leaves the positions' sync whole.
    let orders = provider.fetch_market_orders(&currencies, synced_at).await?.unwrap_or_default();
    let order_rows = orders
        .into_iter()
        .map(|order| Ok((super::stored_account_row(&keys, &order.account_id, "an order")?, order)))
        .collect::<Result<Vec<_>>>()?;
    let rows = records
        .into_iter()
        .map(|record| Ok(PositionRow { account_row: super::stored_account_row(&keys, &record.account_id, "a position")?, record }))
        .collect::<Result<Vec<_>>>()?;
    let (positions, snapshots) = app
        .store()
        .call(move |conn| {
            with_tx(conn, |tx| {
                let counts = investments::replace_provider_positions(tx, provider_name, &rows, synced_at)?;
                let records: Vec<_> = rows.into_iter().map(|row| row.record).collect();
                market_orders::save(tx, &order_rows)?;
                Ok((counts, investments::record_snapshots(tx, provider_name, &records)?))
            })
        })
        .await?;
    tracing::info!(
        inserted = positions.inserted,
        updated = positions.updated,
        unchanged = positions.unchanged,
        ended = positions.removed,
        snapshots,
        "investments synced"
    );
    Ok(InvestmentsSyncOutput { mode: app.mode(), available: true, positions, snapshots, synced_at })
}
