//! The overview's arithmetic: pure functions from [`OverviewInputs`] (aggregates the store hands over) to the
//! [`OverviewDocument`]. Nothing here reads the store or the clock, so every figure can be tested from a table.
//!
//! Rules, in one place:
//! - Balances are in units of 1/10,000 (`_e4`) until they are written as two-decimal strings.
//! - An account's balance at the end of the period comes from the store (its latest snapshot moved by the
//!   transactions between); every earlier point is that balance minus what was booked after it. Points before the
//!   account's first snapshot are marked reconstructed.
//! - Transfers are movements on liability accounts and the parent categories in [`TRANSFER_PARENTS`]: they move
//!   money between the household's own pockets and count neither as income nor as expenses.
//! - Consolidation uses one rate per currency, the latest on or before the period's end; accounts whose currency
//!   has none stay in per-currency figures and are listed as excluded from base totals.

use crate::domain::Timestamp;
use super::document::*;
use super::period::{Granularity, Period};
use super::recurring;
use crate::fx::{convert_e4, RateTable};
use crate::domain::CONSENT_WARNING_DAYS;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Parent categories that move money between the household's own accounts or into savings and investments.
pub const TRANSFER_PARENTS: &[&str] = &["transfers", "savings"];
/// How many of the largest outgoing and incoming movements the document lists.
const LARGEST_OUTGOING: usize = 5;
const LARGEST_INCOMING: usize = 3;

/// An account and what the store knows of its balance.
#[derive(Debug, Clone)]
pub struct AccountInput {
    /// Store row id (joins the other inputs).
    pub row_id: i64,
    /// How the document names it.
    pub reference: AccountRef,
    /// Why it is left out entirely (`disabled`, `deleted`), if it is.
    pub excluded: Option<ExclusionReason>,
    /// Balance at the end of the period's last day; none when the store has never seen a balance.
    pub end_balance_e4: Option<i64>,
    /// Day of the first stored balance snapshot.
    pub first_snapshot: Option<NaiveDate>,
}

/// Booked money in and out of one account, one bucket and one category.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Account row id.
    pub account: i64,
    /// In the period (true) or the previous one (false).
    pub in_period: bool,
    /// `YYYY-MM-DD` for day granularity, `YYYY-MM` for month granularity.
    pub bucket: String,
    /// The effective category (`transactions.effective_category`: the parent category, else the category, else
    /// `uncategorized`).
    pub parent: String,
    /// Sum of positive amounts.
    pub inflow_e4: i64,
    /// Sum of negative amounts (zero or negative).
    pub outflow_e4: i64,
}

/// A candidate for the largest movements.
#[derive(Debug, Clone)]
pub struct MovementInput {
    /// Account row id.
    pub account: i64,
    /// Booking day.
    pub day: NaiveDate,
    /// Parent category code.
    pub parent: String,
    /// Signed amount.
    pub amount_e4: i64,
}

/// Pending movements of one account.
#[derive(Debug, Clone)]
pub struct PendingInput {
    /// Account row id.
    pub account: i64,
    /// How many.
    pub count: u32,
    /// Sum.
    pub sum_e4: i64,
}

/// A comparison of one account's balance change with its transactions between two snapshots.
#[derive(Debug, Clone)]
pub struct MismatchInput {
    /// Account row id.
    pub account: i64,
    /// First snapshot time.
    pub from: Timestamp,
    /// Last snapshot time.
    pub to: Timestamp,
    /// Balance change between them.
    pub balance_change_e4: i64,
    /// Transactions booked between them.
    pub transactions_e4: i64,
}

/// A connection's consent end.
#[derive(Debug, Clone)]
pub struct ConsentInput {
    /// The bank.
    pub institution: String,
    /// Day it ends.
    pub expires_on: NaiveDate,
}

/// Everything the overview is computed from.
#[derive(Debug, Clone)]
pub struct OverviewInputs {
    /// Generation time (RFC 3339).
    pub generated_at: Timestamp,
    /// Today, for consent warnings.
    pub today: NaiveDate,
    /// The period.
    pub period: Period,
    /// Rates into the base currency.
    pub rates: RateTable,
    /// Every account.
    pub accounts: Vec<AccountInput>,
    /// Booked flows of the period and the previous one.
    pub flows: Vec<Flow>,
    /// Outgoing booked charges of the last 13 months of the period, for recurring detection.
    pub charges: Vec<recurring::Charge>,
    /// Candidates for the largest movements.
    pub movements: Vec<MovementInput>,
    /// Pending totals.
    pub pending: Vec<PendingInput>,
    /// Snapshot-to-transactions comparisons.
    pub mismatches: Vec<MismatchInput>,
    /// Consent ends.
    pub consents: Vec<ConsentInput>,
}

/// An amount in 1/10,000 units as document money (rounded once, here).
pub fn money(e4: i64) -> Money {
    Money::from_e4(e4)
}

fn percent(numerator: i64, denominator: i64) -> Option<f64> {
    // `+ 0.0` turns a negative zero (a tiny negative share rounded away) into zero.
    (denominator != 0).then(|| ((numerator as f64 / denominator as f64) * 1000.0).round() / 10.0 + 0.0)
}

fn is_transfer(account: &AccountInput, parent: &str) -> bool {
    account.reference.liability || TRANSFER_PARENTS.contains(&parent)
}

fn bucket_key(granularity: Granularity, first_day: NaiveDate) -> String {
    match granularity {
        Granularity::Day => first_day.format("%Y-%m-%d").to_string(),
        Granularity::Month => first_day.format("%Y-%m").to_string(),
    }
}

/// Income, expenses (positive) and transfers of some flows.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    income: i64,
    expenses: i64,
    transfers: i64,
}

impl Sums {
    fn add(&mut self, transfer: bool, inflow: i64, outflow: i64) {
        if transfer {
            self.transfers += inflow + outflow;
        } else {
            self.income += inflow;
            self.expenses -= outflow;
        }
    }

    fn net(&self) -> i64 {
        self.income - self.expenses + self.transfers
    }

    fn line(&self, month: &str) -> CashflowLine {
        CashflowLine {
            month: month.to_string(),
            income: money(self.income),
            expenses: money(self.expenses),
            transfers: money(self.transfers),
            net: money(self.net()),
            savings_rate: percent(self.income - self.expenses, self.income),
        }
    }
}

/// Computes the overview.
pub fn compute(inputs: &OverviewInputs) -> OverviewDocument {
    let period = inputs.period;
    let base = inputs.rates.base().to_string();
    let previous = period.previous();

    // Which accounts count, and at what rate.
    let mut excluded_accounts = Vec::new();
    let mut included: HashMap<i64, (&AccountInput, i64)> = HashMap::new();
    let mut rates: HashMap<i64, Decimal> = HashMap::new();
    let mut rates_used: BTreeMap<String, RateUsed> = BTreeMap::new();
    for account in &inputs.accounts {
        let reason = account.excluded.or(if account.end_balance_e4.is_none() { Some(ExclusionReason::NoBalance) } else { None });
        if let Some(reason) = reason {
            excluded_accounts.push(ExcludedAccount { account: account.reference.clone(), reason });
            continue;
        }
        included.insert(account.row_id, (account, account.end_balance_e4.unwrap_or_default()));
        match inputs.rates.rate_on(&account.reference.currency, period.end) {
            Some((rate, taken_on)) => {
                rates.insert(account.row_id, rate);
                if let Some(taken_on) = taken_on {
                    rates_used.insert(
                        account.reference.currency.clone(),
                        RateUsed { currency: account.reference.currency.clone(), rate: rate.normalize().to_string(), as_of: taken_on.to_string() },
                    );
                }
            }
            None => excluded_accounts.push(ExcludedAccount { account: account.reference.clone(), reason: ExclusionReason::NoRate }),
        }
    }
    let order = |a: &AccountInput| (a.reference.institution.clone(), a.reference.name.clone(), a.reference.id.clone());
    let mut accounts: Vec<(&AccountInput, i64)> = included.values().copied().collect();
    accounts.sort_by_key(|(a, _)| order(a));
    let to_base = |account: i64, e4: i64| rates.get(&account).map(|rate| convert_e4(e4, *rate));

    let net_worth = net_worth(&accounts, &base, &to_base);
    let cashflow = cashflow(inputs, &included, &to_base, &period);
    let categories = categories(inputs, &included, &to_base, &period);
    let trends = trends(inputs, &accounts, &base, &to_base);
    let notable = notable(inputs, &included, &to_base);

    OverviewDocument {
        schema_version: SCHEMA_VERSION,
        generated_at: inputs.generated_at,
        period: PeriodView {
            start: period.start.to_string(),
            end: period.end.to_string(),
            granularity: period.granularity(),
            previous_start: previous.start.to_string(),
            previous_end: previous.end.to_string(),
        },
        base_currency: base,
        rates_used: rates_used.into_values().collect(),
        excluded_accounts,
        net_worth,
        cashflow,
        categories,
        trends,
        notable,
    }
}

fn position(currency: &str, assets: i64, liabilities: i64) -> Position {
    Position { currency: currency.to_string(), assets: money(assets), liabilities: money(liabilities), net: money(assets + liabilities) }
}

fn net_worth(accounts: &[(&AccountInput, i64)], base: &str, to_base: &dyn Fn(i64, i64) -> Option<i64>) -> NetWorth {
    let mut per_currency: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    let (mut base_assets, mut base_liabilities) = (0, 0);
    let mut positions = Vec::new();
    for (account, balance) in accounts {
        let liability = account.reference.liability;
        let sums = per_currency.entry(account.reference.currency.as_str()).or_default();
        if liability { sums.1 += balance } else { sums.0 += balance }
        let base_value = to_base(account.row_id, *balance);
        if let Some(value) = base_value {
            if liability { base_liabilities += value } else { base_assets += value }
        }
        positions.push(AccountPosition { account: account.reference.clone(), balance: money(*balance), base_value: base_value.map(money) });
    }
    NetWorth {
        per_currency: per_currency.into_iter().map(|(currency, (assets, liabilities))| position(currency, assets, liabilities)).collect(),
        base: position(base, base_assets, base_liabilities),
        accounts: positions,
    }
}

fn cashflow(inputs: &OverviewInputs, included: &HashMap<i64, (&AccountInput, i64)>, to_base: &dyn Fn(i64, i64) -> Option<i64>, period: &Period) -> Cashflow {
    let months = period.months();
    let mut per_month: BTreeMap<&str, Sums> = months.iter().map(|m| (m.as_str(), Sums::default())).collect();
    let mut per_currency: BTreeMap<&str, Sums> = BTreeMap::new();
    let mut total = Sums::default();
    for flow in inputs.flows.iter().filter(|f| f.in_period) {
        let Some((account, _)) = included.get(&flow.account) else { continue };
        let transfer = is_transfer(account, &flow.parent);
        per_currency.entry(account.reference.currency.as_str()).or_default().add(transfer, flow.inflow_e4, flow.outflow_e4);
        let (Some(inflow), Some(outflow)) = (to_base(flow.account, flow.inflow_e4), to_base(flow.account, flow.outflow_e4)) else { continue };
        if let Some(month) = flow.bucket.get(..7).and_then(|m| per_month.get_mut(m)) {
            month.add(transfer, inflow, outflow);
        }
        total.add(transfer, inflow, outflow);
    }
    Cashflow {
        months: per_month.iter().map(|(month, sums)| sums.line(month)).collect(),
        total: total.line("total"),
        per_currency: per_currency
            .into_iter()
            .map(|(currency, s)| CurrencyCashflow {
                currency: currency.to_string(),
                income: money(s.income),
                expenses: money(s.expenses),
                transfers: money(s.transfers),
                net: money(s.net()),
            })
            .collect(),
    }
}

fn categories(inputs: &OverviewInputs, included: &HashMap<i64, (&AccountInput, i64)>, to_base: &dyn Fn(i64, i64) -> Option<i64>, period: &Period) -> CategoryBreakdown {
    let months = period.months();
    let month_index: HashMap<&str, usize> = months.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();
    // category → (per month, total, previous total), for spending and income.
    type Lines<'a> = BTreeMap<&'a str, (Vec<i64>, i64, i64)>;
    let (mut spending, mut income): (Lines, Lines) = (BTreeMap::new(), BTreeMap::new());
    for flow in &inputs.flows {
        let Some((account, _)) = included.get(&flow.account) else { continue };
        if is_transfer(account, &flow.parent) {
            continue;
        }
        let (Some(inflow), Some(outflow)) = (to_base(flow.account, flow.inflow_e4), to_base(flow.account, flow.outflow_e4)) else { continue };
        for (lines, amount) in [(&mut spending, -outflow), (&mut income, inflow)] {
            if amount == 0 {
                continue;
            }
            let line = lines.entry(flow.parent.as_str()).or_insert_with(|| (vec![0; months.len()], 0, 0));
            if flow.in_period {
                line.1 += amount;
                if let Some(index) = flow.bucket.get(..7).and_then(|m| month_index.get(m)) {
                    line.0[*index] += amount;
                }
            } else {
                line.2 += amount;
            }
        }
    }
    let finish = |lines: Lines| -> Vec<CategoryLine> {
        let all: i64 = lines.values().map(|l| l.1).sum();
        let mut sorted: Vec<_> = lines.into_iter().collect();
        sorted.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        sorted
            .into_iter()
            .map(|(category, (per_month, total, previous))| CategoryLine {
                category: category.to_string(),
                months: per_month.into_iter().map(money).collect(),
                total: money(total),
                previous_total: money(previous),
                change: money(total - previous),
                change_percent: percent(total - previous, previous),
                share_percent: percent(total, all).unwrap_or(0.0),
            })
            .collect()
    };
    CategoryBreakdown { months, spending: finish(spending), income: finish(income) }
}

fn trends(inputs: &OverviewInputs, accounts: &[(&AccountInput, i64)], base: &str, to_base: &dyn Fn(i64, i64) -> Option<i64>) -> Trends {
    let period = inputs.period;
    let buckets = period.buckets();
    let keys: Vec<String> = buckets.iter().map(|(first, _)| bucket_key(period.granularity(), *first)).collect();
    let index: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut net: HashMap<i64, Vec<i64>> = HashMap::new();
    for flow in inputs.flows.iter().filter(|f| f.in_period) {
        if let Some(i) = index.get(flow.bucket.as_str()) {
            net.entry(flow.account).or_insert_with(|| vec![0; keys.len()])[*i] += flow.inflow_e4 + flow.outflow_e4;
        }
    }
    let zero = vec![0; keys.len()];
    let mut per_currency: BTreeMap<&str, (i64, Vec<i64>)> = BTreeMap::new();
    let (mut base_opening, mut base_values) = (0, vec![0; keys.len()]);
    let mut account_trends = Vec::new();
    for (account, end_balance) in accounts {
        let nets = net.get(&account.row_id).unwrap_or(&zero);
        // Walk back from the period's end: each point is the next one minus what the next bucket booked.
        let mut values = vec![0; keys.len()];
        let mut running = *end_balance;
        for i in (0..keys.len()).rev() {
            values[i] = running;
            running -= nets[i];
        }
        let opening = running;
        let currency = per_currency.entry(account.reference.currency.as_str()).or_insert_with(|| (0, vec![0; keys.len()]));
        currency.0 += opening;
        for (sum, value) in currency.1.iter_mut().zip(&values) {
            *sum += value;
        }
        if to_base(account.row_id, 0).is_some() {
            base_opening += to_base(account.row_id, opening).unwrap_or_default();
            for (sum, value) in base_values.iter_mut().zip(&values) {
                *sum += to_base(account.row_id, *value).unwrap_or_default();
            }
        }
        let reconstructed = buckets.iter().map(|(_, last)| account.first_snapshot.is_none_or(|first| *last < first)).collect();
        account_trends.push(AccountTrend {
            account: account.reference.clone(),
            opening: money(opening),
            values: values.into_iter().map(money).collect(),
            reconstructed,
        });
    }
    Trends {
        dates: buckets.iter().map(|(_, last)| last.to_string()).collect(),
        accounts: account_trends,
        per_currency: per_currency
            .into_iter()
            .map(|(currency, (opening, values))| CurrencyTrend { currency: currency.to_string(), opening: money(opening), values: values.into_iter().map(money).collect() })
            .collect(),
        base: CurrencyTrend { currency: base.to_string(), opening: money(base_opening), values: base_values.into_iter().map(money).collect() },
    }
}

fn notable(inputs: &OverviewInputs, included: &HashMap<i64, (&AccountInput, i64)>, to_base: &dyn Fn(i64, i64) -> Option<i64>) -> Notable {
    let reference = |row: i64| included.get(&row).map(|(a, _)| a.reference.clone());

    let mut movements: Vec<(i64, &MovementInput)> = inputs
        .movements
        .iter()
        .filter(|m| included.get(&m.account).is_some_and(|(a, _)| !is_transfer(a, &m.parent)))
        .filter(|m| m.day >= inputs.period.start && m.day <= inputs.period.end)
        .map(|m| (to_base(m.account, m.amount_e4).unwrap_or(m.amount_e4).abs(), m))
        .collect();
    movements.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.day.cmp(&a.1.day)).then(a.1.account.cmp(&b.1.account)));
    // Spending first, then income: a salary every month would otherwise hide every large expense.
    let outgoing = movements.iter().filter(|(_, m)| m.amount_e4 < 0).take(LARGEST_OUTGOING);
    let incoming = movements.iter().filter(|(_, m)| m.amount_e4 > 0).take(LARGEST_INCOMING);
    let largest_movements = outgoing
        .chain(incoming)
        .filter_map(|(_, m)| Some(Movement { date: m.day.to_string(), category: m.parent.clone(), account: reference(m.account)?, amount: money(m.amount_e4) }))
        .collect();

    let charges: Vec<recurring::Charge> = inputs
        .charges
        .iter()
        .filter(|c| included.get(&c.account).is_some_and(|(a, _)| !is_transfer(a, &c.category)))
        .cloned()
        .collect();
    let recurring_charges = recurring::detect(&charges)
        .into_iter()
        .filter_map(|found| {
            Some(RecurringCharge {
                category: found.category,
                account: reference(found.account)?,
                cadence: found.cadence,
                typical_amount: money(found.typical_e4),
                occurrences: found.occurrences,
                last_date: found.last.to_string(),
                next_expected: found.next.to_string(),
            })
        })
        .collect();

    let balance_mismatches = inputs
        .mismatches
        .iter()
        .filter(|m| m.balance_change_e4 != m.transactions_e4)
        .filter_map(|m| {
            Some(BalanceMismatch {
                account: reference(m.account)?,
                from: m.from,
                to: m.to,
                balance_change: money(m.balance_change_e4),
                transactions_sum: money(m.transactions_e4),
                difference: money(m.balance_change_e4 - m.transactions_e4),
            })
        })
        .collect();

    let mut pending_by_currency: BTreeMap<&str, (u32, i64)> = BTreeMap::new();
    for pending in &inputs.pending {
        if let Some((account, _)) = included.get(&pending.account) {
            let sums = pending_by_currency.entry(account.reference.currency.as_str()).or_default();
            sums.0 += pending.count;
            sums.1 += pending.sum_e4;
        }
    }
    let pending = pending_by_currency
        .into_iter()
        .map(|(currency, (count, sum))| PendingTotal { currency: currency.to_string(), count, amount: money(sum) })
        .collect();

    let mut expiring_consents: Vec<ConsentExpiry> = inputs
        .consents
        .iter()
        .map(|c| ConsentExpiry { institution: c.institution.clone(), expires_on: c.expires_on.to_string(), days_left: (c.expires_on - inputs.today).num_days() })
        .filter(|c| c.days_left <= CONSENT_WARNING_DAYS)
        .collect();
    expiring_consents.sort_by(|a, b| a.days_left.cmp(&b.days_left).then(a.institution.cmp(&b.institution)));

    Notable {
        largest_movements,
        recurring_charges,
        pending,
        balance_mismatches,
        expiring_consents,
    }
}

#[cfg(test)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests;
