//! The overview's reads: the [`OverviewInputs`] out of the store (the overview itself is `crate::overview`): aggregates computed by SQLite (the history is never loaded
//! whole), each account's balance at the period's end, and the few rows the notable items need.
//!
//! Labels are read only to fingerprint recurring charges and are dropped here; nothing returned carries a label,
//! a counterparty or an identifier.

use crate::domain::Timestamp;
use crate::overview::compute::{AccountInput, ConsentInput, Flow, MismatchInput, MovementInput, OverviewInputs, OwnershipInput, PendingInput};
use crate::overview::document::{AccountRef, ExclusionReason};
use crate::overview::period::{Granularity, Period};
use crate::overview::recurring::Charge;
use crate::domain::AccountStatus;
use crate::error::{Error, Result};
use crate::fx::RateTable;
use crate::telemetry::redact_text;
use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension};
use std::hash::{Hash, Hasher};

/// Candidates read from each end of the amount range for the largest movements (transfers are dropped later).
const MOVEMENT_CANDIDATES: u32 = 200;
/// Pending movements older than this are not looked for: banks book within days.
const PENDING_LOOKBACK_DAYS: u64 = 120;
/// Months of history searched for recurring charges.
const RECURRING_MONTHS: u32 = 13;

/// The oldest booking day in the store (what `all` reaches back to).
pub fn earliest_day(connection: &Connection) -> Result<Option<NaiveDate>> {
    let day: Option<String> = connection
        .query_row("SELECT min(booked_on) FROM transactions", [], |row| row.get(0))
        .map_err(Error::storage("reading the oldest transaction date"))?;
    Ok(day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
}

/// Whose view an overview is, as asked.
#[derive(Debug, Clone)]
pub struct ViewAsked {
    /// The owner; `None`: the household.
    pub owner: Option<crate::domain::OwnerId>,
    /// Which rights count.
    pub basis: crate::domain::Basis,
}

/// How much of the overview to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything, for a document that is filed or exported.
    Document,
    /// Net worth, cashflow, categories and trends only (no notable items): what the Dashboard shows, read on every
    /// visit, without the row scans that recurring charges and the largest movements need.
    Figures,
}

/// Reads everything the overview of `period` needs (`scope` says how much), in the view asked (an owner that does
/// not exist is refused).
pub fn load(connection: &Connection, period: Period, today: NaiveDate, generated_at: Timestamp, rates: RateTable, view: ViewAsked, scope: Scope) -> Result<OverviewInputs> {
    // Each part is timed at debug level (`PFO_LOG=pfo_core::overview=debug`): the benchmark's profile.
    fn timed<T>(part: &'static str, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let started = std::time::Instant::now();
        let value = read()?;
        tracing::debug!(part, ms = started.elapsed().as_secs_f64() * 1000.0, "overview input read");
        Ok(value)
    }
    Ok(OverviewInputs {
        generated_at,
        today,
        period,
        rates,
        accounts: timed("accounts", || accounts(connection, period))?,
        flows: timed("flows", || flows(connection, period))?,
        charges: if scope == Scope::Document { timed("charges", || charges(connection, period))? } else { Vec::new() },
        movements: if scope == Scope::Document { timed("movements", || movements(connection, period))? } else { Vec::new() },
        pending: if scope == Scope::Document { timed("pending", || pending(connection, today))? } else { Vec::new() },
        mismatches: if scope == Scope::Document { timed("mismatches", || mismatches(connection, period))? } else { Vec::new() },
        consents: timed("consents", || consents(connection))?,
        ownership: timed("ownership", || ownership(connection, view))?,
    })
}

fn ownership(connection: &Connection, view: ViewAsked) -> Result<OwnershipInput> {
    if let Some(owner) = &view.owner {
        crate::store::owners::get(connection, owner)?;
    }
    Ok(OwnershipInput {
        owners: crate::store::owners::list(connection)?,
        sets: crate::store::ownership::all_sets(connection)?,
        view: view.owner,
        basis: view.basis,
    })
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

fn accounts(connection: &Connection, period: Period) -> Result<Vec<AccountInput>> {
    let records = crate::store::accounts::list(connection, true)?;
    let ids: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
    let rows = crate::store::accounts::row_ids(connection, &ids)?;
    let end = period.end.to_string();
    let mut inputs = Vec::with_capacity(records.len());
    for (record, row_id) in records.into_iter().zip(rows) {
        let reference = AccountRef {
            id: record.id.clone(),
            // Names are the bank's free text: a number typed into one is masked like any other.
            name: redact_text(&record.name),
            institution: redact_text(&record.institution),
            masked_number: record.number.as_ref().or(record.iban.as_ref()).map(|n| n.masked()),
            account_type: record.account_type.code().to_string(),
            currency: record.currency.to_string(),
            liability: record.account_type.is_liability(),
        };
        let excluded = match record.status {
            AccountStatus::Active => None,
            AccountStatus::Disabled => Some(ExclusionReason::Disabled),
            AccountStatus::Deleted => Some(ExclusionReason::Deleted),
        };
        let anchor = anchor(connection, row_id, &end)?.or_else(|| {
            let balance = record.balance?;
            Some((record.last_synced_at.date(), crate::store::amounts::to_e4(balance).ok()?))
        });
        let end_balance_e4 = match anchor {
            Some((anchored_on, amount)) if anchored_on <= period.end => Some(amount + booked_between(connection, row_id, anchored_on, period.end)?),
            Some((anchored_on, amount)) => Some(amount - booked_between(connection, row_id, period.end, anchored_on)?),
            None => None,
        };
        let first_snapshot: Option<String> = connection
            .query_row(
                "SELECT min(as_of) FROM account_balances WHERE account_id = :account AND balance_type = 'current'",
                named_params! { ":account": row_id },
                |row| row.get(0),
            )
            .map_err(Error::storage("reading the first balance snapshot"))?;
        inputs.push(AccountInput { row_id, reference, excluded, end_balance_e4, first_snapshot: first_snapshot.as_deref().and_then(day) });
    }
    Ok(inputs)
}

/// The snapshot the period's end balance is computed from: the latest on or before the end, else the first after.
fn anchor(connection: &Connection, account: i64, end: &str) -> Result<Option<(NaiveDate, i64)>> {
    let found: Option<(String, i64)> = connection
        .query_row(
            "SELECT as_of, amount_e4 FROM account_balances WHERE account_id = :account AND balance_type = 'current'
             ORDER BY (substr(as_of, 1, 10) <= :end) DESC,
                      CASE WHEN substr(as_of, 1, 10) <= :end THEN as_of END DESC,
                      as_of ASC
             LIMIT 1",
            named_params! { ":account": account, ":end": end },
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(Error::storage("reading a balance snapshot"))?;
    Ok(found.and_then(|(as_of, amount)| Some((day(&as_of)?, amount))))
}

/// What was booked on the account after `after` up to and including `until`.
fn booked_between(connection: &Connection, account: i64, after: NaiveDate, until: NaiveDate) -> Result<i64> {
    connection
        .query_row(
            "SELECT coalesce(sum(amount_e4), 0) FROM transactions
             WHERE account_id = :account AND status = 'booked' AND booked_on > :after AND booked_on <= :until",
            named_params! { ":account": account, ":after": after.to_string(), ":until": until.to_string() },
            |row| row.get(0),
        )
        .map_err(Error::storage("summing transactions between two days"))
}

fn flows(connection: &Connection, period: Period) -> Result<Vec<Flow>> {
    let mut flows = Vec::new();
    for (range, in_period) in [(period, true), (period.previous(), false)] {
        match period.granularity() {
            Granularity::Day => flows.extend(raw_flows(connection, range, in_period, 10)?),
            Granularity::Month => {
                // Whole months come from the monthly aggregate; the partial months at either edge from the rows.
                let (first_full, last_full) = whole_months(range);
                if first_full > last_full {
                    flows.extend(raw_flows(connection, range, in_period, 7)?);
                    continue;
                }
                if range.start < first_full {
                    flows.extend(raw_flows(connection, Period { start: range.start, end: first_full - Days::new(1) }, in_period, 7)?);
                }
                flows.extend(month_flows(connection, first_full, last_full, in_period)?);
                let after_full = last_full + Months::new(1);
                if after_full <= range.end {
                    flows.extend(raw_flows(connection, Period { start: after_full, end: range.end }, in_period, 7)?);
                }
            }
        }
    }
    Ok(flows)
}

/// The first day of the first whole month in `range`, and the first day of its last whole month.
fn whole_months(range: Period) -> (NaiveDate, NaiveDate) {
    let month_start = |d: NaiveDate| d.with_day(1).expect("day one exists");
    let first = if range.start.day() == 1 { range.start } else { month_start(range.start) + Months::new(1) };
    let last = if (range.end + Days::new(1)).day() == 1 { month_start(range.end) } else { month_start(range.end) - Months::new(1) };
    (first, last)
}

fn month_flows(connection: &Connection, first: NaiveDate, last: NaiveDate, in_period: bool) -> Result<Vec<Flow>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT account_id, month, parent, inflow_e4, outflow_e4 FROM transaction_months
             WHERE month >= :first AND month <= :last AND rows > 0",
        )
        .map_err(Error::storage("preparing the monthly aggregate"))?;
    let rows = statement
        .query_map(named_params! { ":first": first.format("%Y-%m").to_string(), ":last": last.format("%Y-%m").to_string() }, |row| {
            Ok(Flow { account: row.get(0)?, in_period, bucket: row.get(1)?, parent: row.get(2)?, inflow_e4: row.get(3)?, outflow_e4: row.get(4)? })
        })
        .map_err(Error::storage("reading the monthly aggregate"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading the monthly aggregate"))?;
    Ok(rows)
}

fn raw_flows(connection: &Connection, range: Period, in_period: bool, bucket_length: u32) -> Result<Vec<Flow>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT account_id, substr(booked_on, 1, :length), effective_category,
                    sum(max(amount_e4, 0)), sum(min(amount_e4, 0))
             FROM transactions
             WHERE status = 'booked' AND booked_on >= :start AND booked_on <= :end
             GROUP BY 1, 2, 3",
        )
        .map_err(Error::storage("preparing the cashflow aggregate"))?;
    let rows = statement
        .query_map(
            named_params! { ":length": bucket_length, ":start": range.start.to_string(), ":end": range.end.to_string() },
            |row| Ok(Flow { account: row.get(0)?, in_period, bucket: row.get(1)?, parent: row.get(2)?, inflow_e4: row.get(3)?, outflow_e4: row.get(4)? }),
        )
        .map_err(Error::storage("aggregating cashflow"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading the cashflow aggregate"))?;
    Ok(rows)
}

fn fingerprint(label: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    label.trim().to_lowercase().hash(&mut hasher);
    hasher.finish()
}

fn charges(connection: &Connection, period: Period) -> Result<Vec<Charge>> {
    let from = period.start.max(period.end - Months::new(RECURRING_MONTHS));
    let mut statement = connection
        .prepare_cached(
            "SELECT account_id, label, booked_on, amount_e4, effective_category
             FROM transactions
             WHERE status = 'booked' AND amount_e4 < 0 AND booked_on >= :from AND booked_on <= :end",
        )
        .map_err(Error::storage("preparing the recurring-charge query"))?;
    let rows = statement
        .query_map(named_params! { ":from": from.to_string(), ":end": period.end.to_string() }, |row| {
            Ok((row.get::<_, i64>(0)?, fingerprint(&row.get::<_, String>(1)?), row.get::<_, String>(2)?, row.get::<_, i64>(3)?, row.get::<_, String>(4)?))
        })
        .map_err(Error::storage("reading charges"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading charges"))?;
    Ok(rows
        .into_iter()
        .filter_map(|(account, group, booked_on, amount_e4, category)| Some(Charge { account, group, day: day(&booked_on)?, amount_e4, category }))
        .collect())
}

fn movements(connection: &Connection, period: Period) -> Result<Vec<MovementInput>> {
    let mut found = Vec::new();
    for order in ["ASC", "DESC"] {
        // Walk the amount index from either end and stop at the first candidates in the period: reading the
        // period's rows and sorting them costs a scan of the period.
        let sql = format!(
            "SELECT account_id, booked_on, effective_category, amount_e4
             FROM transactions INDEXED BY transactions_by_amount
             WHERE status = 'booked' AND booked_on >= :start AND booked_on <= :end ORDER BY amount_e4 {order}, id {order} LIMIT :limit"
        );
        let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the largest-movement query"))?;
        let rows = statement
            .query_map(
                named_params! { ":start": period.start.to_string(), ":end": period.end.to_string(), ":limit": MOVEMENT_CANDIDATES },
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, i64>(3)?)),
            )
            .map_err(Error::storage("reading the largest movements"))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::storage("reading the largest movements"))?;
        found.extend(rows.into_iter().filter_map(|(account, booked_on, parent, amount_e4)| Some(MovementInput { account, day: day(&booked_on)?, parent, amount_e4 })));
    }
    Ok(found)
}

fn pending(connection: &Connection, today: NaiveDate) -> Result<Vec<PendingInput>> {
    let since = today - chrono::Days::new(PENDING_LOOKBACK_DAYS);
    let mut statement = connection
        .prepare_cached(
            // Named index: grouping by account tempts the planner into walking the account index over every row.
            "SELECT account_id, count(*), sum(amount_e4) FROM transactions INDEXED BY transactions_by_date
             WHERE status = 'pending' AND booked_on >= :since GROUP BY account_id",
        )
        .map_err(Error::storage("preparing the pending totals"))?;
    let rows = statement
        .query_map(named_params! { ":since": since.to_string() }, |row| Ok(PendingInput { account: row.get(0)?, count: row.get(1)?, sum_e4: row.get(2)? }))
        .map_err(Error::storage("summing pending movements"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading pending totals"))?;
    Ok(rows)
}

/// `2026-11-25T08:00:00Z` → `2026-11-25 08:00:00`, the provider's naive time format, for comparisons with
/// `provider_updated_at`.
/// An instant in the provider's naive form (`YYYY-MM-DD HH:MM:SS`, which Powens gives in UTC), to compare with its
/// `last_update`.
fn naive_time(at: Timestamp) -> String {
    at.datetime().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn mismatches(connection: &Connection, period: Period) -> Result<Vec<MismatchInput>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT account_id, min(as_of), max(as_of) FROM account_balances
             WHERE balance_type = 'current' AND substr(as_of, 1, 10) >= :start AND substr(as_of, 1, 10) <= :end
             GROUP BY account_id HAVING min(as_of) < max(as_of)",
        )
        .map_err(Error::storage("preparing the snapshot comparison"))?;
    let spans = statement
        .query_map(named_params! { ":start": period.start.to_string(), ":end": period.end.to_string() }, |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Timestamp>(1)?, row.get::<_, Timestamp>(2)?))
        })
        .map_err(Error::storage("comparing snapshots"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading snapshots"))?;
    let mut found = Vec::with_capacity(spans.len());
    for (account, from, to) in spans {
        let amount_at = |as_of: Timestamp| -> Result<i64> {
            connection
                .query_row(
                    "SELECT amount_e4 FROM account_balances WHERE account_id = :account AND balance_type = 'current' AND as_of = :as_of",
                    named_params! { ":account": account, ":as_of": as_of },
                    |row| row.get(0),
                )
                .map_err(Error::storage("reading a snapshot"))
        };
        let balance_change_e4 = amount_at(to)? - amount_at(from)?;
        // A snapshot holds what was booked by its time: whole days strictly between the two, and on the edge days
        // the movements whose booking (the provider's last update) fell between the two times.
        let transactions_e4: i64 = connection
            .query_row(
                "SELECT coalesce(sum(amount_e4), 0) FROM transactions
                 WHERE account_id = :account AND status = 'booked' AND booked_on >= :from_day AND booked_on <= :to_day
                   AND (booked_on > :from_day OR coalesce(provider_updated_at, '') > :from_time)
                   AND (booked_on < :to_day OR coalesce(provider_updated_at, '') <= :to_time)",
                named_params! {
                    ":account": account, ":from_day": from.date(), ":to_day": to.date(),
                    ":from_time": naive_time(from), ":to_time": naive_time(to),
                },
                |row| row.get(0),
            )
            .map_err(Error::storage("summing transactions between snapshots"))?;
        found.push(MismatchInput { account, from, to, balance_change_e4, transactions_e4 });
    }
    Ok(found)
}

fn consents(connection: &Connection) -> Result<Vec<ConsentInput>> {
    Ok(crate::store::connections::list(connection)?
        .into_iter()
        .filter_map(|c| Some(ConsentInput { institution: redact_text(&c.institution), expires_on: c.consent_expires_at?.date() }))
        .collect())
}
