//! The loans sync: every loan's amortization schedule as the provider reports it now, written in one transaction.
//! The loans' terms come with the accounts (their `loan` objects), stored by the accounts sync.
//!
//! Like investments, schedules are a feature the provider activates per domain: without it the sync succeeds with
//! `available: false` and touches nothing.

use crate::app::App;
use crate::contracts::loans::LoansSyncOutput;
use crate::error::Result;
use crate::provider::OpenBankingProvider;
use crate::store::{accounts, loans, with_tx};
use std::collections::BTreeMap;

/// Reads the schedules and stores them.
pub async fn run(app: &App) -> Result<LoansSyncOutput> {
    let _one_at_a_time = app.sync_guard().await;
    let synced_at = app.clock().timestamp();
    let provider = &app.connected().await?.provider;
    let provider_name = provider.name();
    let Some(periods) = provider.fetch_loan_schedules(synced_at).await? else {
        tracing::info!("loan schedules unavailable on this provider domain; nothing synced");
        return Ok(LoansSyncOutput { mode: app.mode(), available: false, loans: 0, periods: 0, synced_at });
    };
    let today = synced_at.date();
    let (loans, periods) = app
        .store()
        .call(move |conn| {
            let keys = accounts::keys(conn, provider_name)?;
            let mut by_loan: BTreeMap<i64, Vec<_>> = BTreeMap::new();
            for period in periods {
                let row = super::stored_account_row(&keys, &period.account_id, "an amortization")?;
                by_loan.entry(row).or_default().push(period);
            }
            with_tx(conn, |tx| {
                let mut written = 0;
                for (row, schedule) in &by_loan {
                    written += loans::replace_schedule(tx, *row, schedule, today)?;
                }
                Ok((by_loan.len() as u32, written))
            })
        })
        .await?;
    tracing::info!(loans, periods, "loan schedules synced");
    Ok(LoansSyncOutput { mode: app.mode(), available: true, loans, periods, synced_at })
}
