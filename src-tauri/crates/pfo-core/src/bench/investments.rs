//! The balance sheet's rows of `pfo bench`: a portfolio of one position per 100 transactions (10,000 at the
//! issue's million), spread over the household's accounts, one ISIN shared by every tenth line, with a year of daily
//! values already stored. Then a day's investments sync (every position rewritten and its value of the day kept) is
//! timed against the floor of writing the same number of value rows in one transaction, and the Wealth screen's
//! figures against the household view they start from.

use super::figures::Figure;
use super::{median_of, OVERVIEW_RUNS};
use crate::domain::{AccountId, CodeScheme, Currency, InvestmentPositionRecord, PositionId, SecurityCode, Timestamp};
use crate::store::investments::{record_snapshots, replace_provider_positions, PositionRow};
use crate::store::with_tx;
use crate::App;
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::named_params;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

/// Days of values stored before the timed day.
const HISTORY_DAYS: u64 = 365;
/// Timed days (each a new value day, as real syncs are).
const SYNC_RUNS: u64 = 3;

fn position(index: usize, account: &AccountId, currency: &Currency, day: NaiveDate, at: Timestamp) -> InvestmentPositionRecord {
    // A price that moves with the day, exact to four places; a quantity exact to six.
    let unit_value = Decimal::new(100_0000 + (index as i64 * 37 + i64::from(day.ordinal()) * 113) % 50_0000, 4);
    let quantity = Decimal::new(1_000_000 + index as i64 * 1_234, 6);
    InvestmentPositionRecord {
        id: PositionId::new("powens", &format!("bench-{index}")),
        account_id: account.clone(),
        label: format!("Bench fund {index}"),
        code: Some(SecurityCode { scheme: CodeScheme::Isin, code: if index.is_multiple_of(10) { "IE00B4L5Y983".into() } else { format!("XS{index:010}") } }),
        stock_symbol: None,
        currency: currency.clone(),
        quantity: Some(quantity),
        unit_price: Some(Decimal::new(95_0000, 4)),
        unit_value: Some(unit_value),
        valuation: Some((quantity * unit_value).round_dp(2)),
        gain: None,
        gain_ratio: None,
        portfolio_share: None,
        value_date: Some(day),
        foreign: None,
        details: None,
        calculated: vec![],
        ended_on: None,
        synced_at: at,
    }
}


/// Stores the portfolio with its history, then times a day's sync and the Wealth screen's figures.
pub(super) async fn measure(app: &App, transactions: u64) -> crate::Result<Vec<Figure>> {
    let count = (transactions / 100).max(10) as usize;
    let accounts: Vec<(i64, AccountId, Currency)> = app
        .store()
        .call(|conn| {
            let keys = crate::store::accounts::keys(conn, "powens")?;
            Ok(crate::store::accounts::list(conn, false)?.into_iter().filter_map(|a| Some((keys.get(a.id.external())?.row_id, a.id, a.currency))).collect())
        })
        .await?;
    let today = app.clock().now().date_naive();
    let first_day = today - Days::new(HISTORY_DAYS);
    let rows = move |day: NaiveDate| -> Vec<PositionRow> {
        let at = Timestamp::from(day.and_hms_opt(8, 0, 0).unwrap_or_default().and_utc());
        (0..count)
            .map(|index| {
                let (row, id, currency) = &accounts[index % accounts.len()];
                PositionRow { account_row: *row, record: position(index, id, currency, day, at) }
            })
            .collect()
    };
    // The history, written as fast as SQLite allows (not timed): the positions once, then a value per day.
    let seed = rows(first_day);
    app.store()
        .call(move |conn| {
            with_tx(conn, |tx| {
                replace_provider_positions(tx, "powens", &seed, seed[0].record.synced_at)?;
                let mut insert = tx
                    .prepare_cached(
                        "INSERT INTO investment_snapshots (position_id, value_date, quantity, unit_value, valuation, valuation_e4, synced_at)
                         SELECT id, :day, quantity, unit_value, valuation, valuation_e4, :at FROM investment_positions
                         WHERE provider = 'powens' AND external_id LIKE 'bench-%'",
                    )
                    .map_err(crate::error::Error::storage("preparing the benchmark history"))?;
                for offset in 0..HISTORY_DAYS {
                    let day = first_day + Days::new(offset);
                    insert
                        .execute(named_params! { ":day": day, ":at": day.and_hms_opt(8, 0, 0).unwrap_or_default().and_utc().to_rfc3339() })
                        .map_err(crate::error::Error::storage("writing the benchmark history"))?;
                }
                Ok(())
            })
        })
        .await?;

    let mut syncs = Vec::new();
    let mut floors = Vec::new();
    for run in 0..SYNC_RUNS {
        let day = today + Days::new(run * 2);
        let listing = rows(day);
        let at = listing[0].record.synced_at;
        let started = Instant::now();
        app.store()
            .call(move |conn| {
                with_tx(conn, |tx| {
                    replace_provider_positions(tx, "powens", &listing, at)?;
                    let records: Vec<_> = listing.into_iter().map(|r| r.record).collect();
                    record_snapshots(tx, "powens", &records)
                })
            })
            .await?;
        syncs.push(started.elapsed());
        // The floor: the day's value rows alone, one prepared statement in one transaction.
        let floor_day = day + Days::new(1);
        let started = Instant::now();
        app.store()
            .call(move |conn| {
                with_tx(conn, |tx| {
                    tx.execute(
                        "INSERT INTO investment_snapshots (position_id, value_date, quantity, unit_value, valuation, valuation_e4, synced_at)
                         SELECT id, :day, quantity, unit_value, valuation, valuation_e4, '2026-01-01T00:00:00Z' FROM investment_positions
                         WHERE provider = 'powens' AND external_id LIKE 'bench-%'",
                        named_params! { ":day": floor_day },
                    )
                    .map_err(crate::error::Error::storage("writing the benchmark floor"))
                })
            })
            .await?;
        floors.push(started.elapsed());
    }
    syncs.sort();
    floors.sort();
    let median = |times: &[Duration]| times[times.len() / 2];
    let stored = count as u64 * (HISTORY_DAYS + 2 * SYNC_RUNS);
    let mut figures = vec![Figure::ms_against(
        format!("investments sync of a day: {count} positions, ~{stored} values stored (median of {SYNC_RUNS})"),
        median(&syncs),
        "bare insert of the day's value rows",
        median(&floors),
        "—",
    )];
    let view = median_of(OVERVIEW_RUNS, || async { crate::ops::household::household_view(app, Default::default()).await.map(drop) }).await?;
    let wealth = median_of(OVERVIEW_RUNS, || async { crate::ops::wealth::get(app, Default::default()).await.map(drop) }).await?;
    figures.push(Figure::ms_against(format!("Wealth screen figures, {count} positions (median of {OVERVIEW_RUNS})"), wealth, "household view", view, "< 100 ms"));
    Ok(figures)
}
