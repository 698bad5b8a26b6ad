//! The overview's arithmetic: pure functions from [`OverviewInputs`] (aggregates the store hands over) to the
//! [`OverviewDocument`]. Nothing here reads the store or the clock, so every figure can be tested from a table.
//!
//! Rules, in one place:
//! - The store hands amounts over in units of 1/10,000 (`_e4`); from there they are exact decimals, multiplied by
//!   rates and by the view's shares without rounding, and rounded once, to the cent, into the document's money.
//! - A view (the household's, or one owner's in a basis) weighs each account by the owner's look-through fraction
//!   in force on the day of each figure: a balance on its day, a month's flows on the month's last day.
//! - An account's balance at the end of the period comes from the store (its latest snapshot moved by the
//!   transactions between); every earlier point is that balance minus what was booked after it. Points before the
//!   account's first snapshot are marked reconstructed.
//! - Transfers are movements on liability accounts and the parent categories in [`TRANSFER_PARENTS`]: they move
//!   money between the household's own pockets and count neither as income nor as expenses.
//! - Consolidation uses one rate per currency, the latest on or before the period's end; accounts whose currency
//!   has none stay in per-currency figures and are listed as excluded from base totals.

use super::document::*;
use super::period::Granularity;
use super::recurring;
use crate::domain::{OwnerId, CONSENT_WARNING_DAYS};
use crate::household::lookthrough::Holding;
use crate::household::structure_on;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Parent categories that move money between the household's own accounts or into savings and investments.
pub const TRANSFER_PARENTS: &[&str] = &["transfers", "savings"];
/// How many of the largest outgoing and incoming movements the document lists.
const LARGEST_OUTGOING: usize = 5;
const LARGEST_INCOMING: usize = 3;

pub use inputs::*;
use weights::Weights;

mod inputs;
mod weights;

/// Exact amounts while computing; rounded once, to the cent, into the document's [`Money`].
type Amount = Decimal;

/// An amount in 1/10,000 units, exactly.
fn e4(value: i64) -> Amount {
    Decimal::new(value, 4)
}

/// An exact amount as document money (rounded once, here).
pub fn money(amount: Amount) -> Money {
    Money::from_decimal(amount)
}

fn percent(numerator: Amount, denominator: Amount) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    let (numerator, denominator) = (numerator.to_f64()?, denominator.to_f64()?);
    // `+ 0.0` turns a negative zero (a tiny negative share rounded away) into zero.
    (denominator != 0.0).then(|| ((numerator / denominator) * 1000.0).round() / 10.0 + 0.0)
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
    income: Amount,
    expenses: Amount,
    transfers: Amount,
}

impl Sums {
    fn add(&mut self, transfer: bool, inflow: Amount, outflow: Amount) {
        if transfer {
            self.transfers += inflow + outflow;
        } else {
            self.income += inflow;
            self.expenses -= outflow;
        }
    }

    fn net(&self) -> Amount {
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

/// The accounts that count, each with its part of the balance at the period's end, by row id.
type Included<'a> = HashMap<i64, (&'a AccountInput, Amount)>;
/// Converts an account's amount into the base currency (`None`: its currency has no rate).
type ToBase<'a> = dyn Fn(i64, Amount) -> Option<Amount> + 'a;

/// Computes the overview.
pub fn compute(inputs: &OverviewInputs) -> OverviewDocument {
    let period = inputs.period;
    let base = inputs.rates.base().to_string();
    let previous = period.previous();
    let weights = Weights::new(inputs);

    // Which accounts count, and at what rate. An owner's view leaves out, without naming them, the accounts it
    // held no part of in either period.
    let mut excluded_accounts = Vec::new();
    let mut included: Included = HashMap::new();
    let mut rates: HashMap<i64, Decimal> = HashMap::new();
    let mut rates_used: BTreeMap<String, RateUsed> = BTreeMap::new();
    for account in inputs.accounts.iter().filter(|a| weights.held_between(a, previous.start, period.end)) {
        let reason = account.excluded.or(if account.end_balance_e4.is_none() { Some(ExclusionReason::NoBalance) } else { None });
        if let Some(reason) = reason {
            excluded_accounts.push(ExcludedAccount { account: account.reference.clone(), reason });
            continue;
        }
        let end_balance = e4(account.end_balance_e4.unwrap_or_default()) * weights.on(account.row_id, period.end);
        included.insert(account.row_id, (account, end_balance));
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
    let mut accounts: Vec<(&AccountInput, Amount)> = included.values().copied().collect();
    accounts.sort_by_key(|(a, _)| order(a));
    let to_base = |account: i64, amount: Amount| rates.get(&account).map(|rate| amount * rate);

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
        base_currency: base.clone(),
        view: view_used(inputs, &weights, &accounts),
        rates_used: rates_used.into_values().collect(),
        excluded_accounts,
        net_worth: net_worth(&accounts, &base, &to_base),
        by_owner: by_owner(inputs, &accounts, &to_base),
        cashflow: cashflow(inputs, &weights, &included, &to_base),
        categories: categories(inputs, &weights, &included, &to_base),
        trends: trends(inputs, &weights, &accounts, &base, &to_base),
        notable: notable(inputs, &weights, &included, &to_base),
    }
}

/// Whose figures these are, and each account's part in them at the period's end.
fn view_used(inputs: &OverviewInputs, weights: &Weights<'_>, accounts: &[(&AccountInput, Amount)]) -> DocumentView {
    let period = inputs.period;
    let (shares, share_changes) = match &weights.fractions {
        None => (Vec::new(), Vec::new()),
        Some(fractions) => (
            accounts
                .iter()
                .map(|(a, _)| ViewShare { account: a.reference.id.clone(), percent: (fractions.on(&a.reference.id, period.end) * Decimal::ONE_HUNDRED).normalize().to_string() })
                .collect(),
            fractions.changes_between(period.previous().start, period.end).iter().map(NaiveDate::to_string).collect(),
        ),
    };
    DocumentView { owner: inputs.ownership.view.clone(), basis: inputs.ownership.basis, shares, share_changes }
}

fn position(currency: &str, assets: Amount, liabilities: Amount) -> Position {
    Position { currency: currency.to_string(), assets: money(assets), liabilities: money(liabilities), net: money(assets + liabilities) }
}

fn net_worth(accounts: &[(&AccountInput, Amount)], base: &str, to_base: &ToBase<'_>) -> NetWorth {
    let mut per_currency: BTreeMap<&str, (Amount, Amount)> = BTreeMap::new();
    let (mut base_assets, mut base_liabilities) = (Amount::ZERO, Amount::ZERO);
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

/// Each owner's net worth in the base currency at the period's end, held directly and through each entity it has
/// a share of (the household's view lists every owner, an owner's view only itself). Every account that counts
/// and converts is taken whole here, whatever the view.
fn by_owner(inputs: &OverviewInputs, accounts: &[(&AccountInput, Amount)], to_base: &ToBase<'_>) -> Vec<OwnerWorth> {
    let ownership = &inputs.ownership;
    let structure = structure_on(&ownership.owners, &ownership.sets, inputs.period.end);
    let basis = ownership.basis;
    let whole: Vec<(Holding, Amount)> = accounts
        .iter()
        .filter_map(|(a, _)| Some((Holding::Account(a.reference.id.clone()), to_base(a.row_id, e4(a.end_balance_e4?))?)))
        .collect();
    let value = |owner: &OwnerId| -> Amount { whole.iter().map(|(holding, amount)| structure.fraction(owner, holding, basis) * amount).sum() };
    ownership
        .owners
        .iter()
        .filter(|o| ownership.view.as_ref().is_none_or(|v| v == &o.id))
        .map(|owner| {
            let direct: Amount = whole
                .iter()
                .map(|(holding, amount)| structure.direct_parts(holding, basis).iter().filter(|(o, _)| o == &owner.id).map(|(_, part)| part * amount).sum::<Amount>())
                .sum();
            let through = crate::household::entities(&ownership.owners)
                .filter_map(|entity| {
                    let holding = Holding::Entity(entity.id.clone());
                    let part: Decimal = structure.direct_parts(&holding, basis).iter().filter(|(o, _)| o == &owner.id).map(|(_, p)| *p).sum();
                    (!part.is_zero()).then(|| Through {
                        entity: entity.id.clone(),
                        percent: (part * Decimal::ONE_HUNDRED).normalize().to_string(),
                        amount: money(part * value(&entity.id)),
                    })
                })
                .collect();
            OwnerWorth { owner: owner.id.clone(), role: owner.role, net_worth: money(value(&owner.id)), direct: money(direct), through }
        })
        .collect()
}

fn cashflow(inputs: &OverviewInputs, weights: &Weights<'_>, included: &Included<'_>, to_base: &ToBase<'_>) -> Cashflow {
    let period = inputs.period;
    let months = period.months();
    let mut per_month: BTreeMap<&str, Sums> = months.iter().map(|m| (m.as_str(), Sums::default())).collect();
    let mut per_currency: BTreeMap<&str, Sums> = BTreeMap::new();
    let mut total = Sums::default();
    for flow in inputs.flows.iter().filter(|f| f.in_period) {
        let Some((account, _)) = included.get(&flow.account) else { continue };
        let transfer = is_transfer(account, &flow.parent);
        let (inflow, outflow) = weights.flow(flow, period.end);
        per_currency.entry(account.reference.currency.as_str()).or_default().add(transfer, inflow, outflow);
        let (Some(inflow), Some(outflow)) = (to_base(flow.account, inflow), to_base(flow.account, outflow)) else { continue };
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

fn categories(inputs: &OverviewInputs, weights: &Weights<'_>, included: &Included<'_>, to_base: &ToBase<'_>) -> CategoryBreakdown {
    let period = inputs.period;
    let months = period.months();
    let month_index: HashMap<&str, usize> = months.iter().enumerate().map(|(i, m)| (m.as_str(), i)).collect();
    // category → (per month, total, previous total), for spending and income.
    type Lines<'a> = BTreeMap<&'a str, (Vec<Amount>, Amount, Amount)>;
    let (mut spending, mut income): (Lines, Lines) = (BTreeMap::new(), BTreeMap::new());
    for flow in &inputs.flows {
        let Some((account, _)) = included.get(&flow.account) else { continue };
        if is_transfer(account, &flow.parent) {
            continue;
        }
        let (inflow, outflow) = weights.flow(flow, period.end);
        let (Some(inflow), Some(outflow)) = (to_base(flow.account, inflow), to_base(flow.account, outflow)) else { continue };
        for (lines, amount) in [(&mut spending, -outflow), (&mut income, inflow)] {
            if amount.is_zero() {
                continue;
            }
            let line = lines.entry(flow.parent.as_str()).or_insert_with(|| (vec![Amount::ZERO; months.len()], Amount::ZERO, Amount::ZERO));
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
        let all: Amount = lines.values().map(|l| l.1).sum();
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

fn trends(inputs: &OverviewInputs, weights: &Weights<'_>, accounts: &[(&AccountInput, Amount)], base: &str, to_base: &ToBase<'_>) -> Trends {
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
    let before_start = period.start.pred_opt().unwrap_or(period.start);
    let mut per_currency: BTreeMap<&str, (Amount, Vec<Amount>)> = BTreeMap::new();
    let (mut base_opening, mut base_values) = (Amount::ZERO, vec![Amount::ZERO; keys.len()]);
    let mut account_trends = Vec::new();
    for (account, _) in accounts {
        let nets = net.get(&account.row_id).unwrap_or(&zero);
        // Walk the whole account back from the period's end: each point is the next one minus what the next
        // bucket booked. The view's part of each point is then taken with the shares of its day.
        let mut whole = vec![0; keys.len()];
        let mut running = account.end_balance_e4.unwrap_or_default();
        for i in (0..keys.len()).rev() {
            whole[i] = running;
            running -= nets[i];
        }
        let opening = e4(running) * weights.on(account.row_id, before_start);
        let values: Vec<Amount> = whole.iter().zip(&buckets).map(|(value, (_, last))| e4(*value) * weights.on(account.row_id, *last)).collect();
        let currency = per_currency.entry(account.reference.currency.as_str()).or_insert_with(|| (Amount::ZERO, vec![Amount::ZERO; keys.len()]));
        currency.0 += opening;
        for (sum, value) in currency.1.iter_mut().zip(&values) {
            *sum += value;
        }
        if to_base(account.row_id, Amount::ZERO).is_some() {
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

fn notable(inputs: &OverviewInputs, weights: &Weights<'_>, included: &Included<'_>, to_base: &ToBase<'_>) -> Notable {
    let reference = |row: i64| included.get(&row).map(|(a, _)| a.reference.clone());

    // Each movement as the view's part of it on its day; a movement of a day the view held none of is left out.
    let mut movements: Vec<(Amount, Amount, &MovementInput)> = inputs
        .movements
        .iter()
        .filter(|m| included.get(&m.account).is_some_and(|(a, _)| !is_transfer(a, &m.parent)))
        .filter(|m| m.day >= inputs.period.start && m.day <= inputs.period.end)
        .map(|m| (e4(m.amount_e4) * weights.on(m.account, m.day), m))
        .filter(|(part, _)| !part.is_zero())
        .map(|(part, m)| (to_base(m.account, part).unwrap_or(part).abs(), part, m))
        .collect();
    movements.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.day.cmp(&a.2.day)).then(a.2.account.cmp(&b.2.account)));
    // Spending first, then income: a salary every month would otherwise hide every large expense.
    let outgoing = movements.iter().filter(|(_, part, _)| part.is_sign_negative()).take(LARGEST_OUTGOING);
    let incoming = movements.iter().filter(|(_, part, _)| part.is_sign_positive()).take(LARGEST_INCOMING);
    let largest_movements = outgoing
        .chain(incoming)
        .filter_map(|(_, part, m)| Some(Movement { date: m.day.to_string(), category: m.parent.clone(), account: reference(m.account)?, amount: money(*part) }))
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
            let part = e4(found.typical_e4) * weights.on(found.account, found.last);
            (!part.is_zero()).then_some(())?;
            Some(RecurringCharge {
                category: found.category,
                account: reference(found.account)?,
                cadence: found.cadence,
                typical_amount: money(part),
                occurrences: found.occurrences,
                last_date: found.last.to_string(),
                next_expected: found.next.to_string(),
            })
        })
        .collect();

    // A mismatch is about the bank's data, not about shares: whole amounts, for the accounts the view holds.
    let balance_mismatches = inputs
        .mismatches
        .iter()
        .filter(|m| m.balance_change_e4 != m.transactions_e4)
        .filter_map(|m| {
            Some(BalanceMismatch {
                account: reference(m.account)?,
                from: m.from,
                to: m.to,
                balance_change: money(e4(m.balance_change_e4)),
                transactions_sum: money(e4(m.transactions_e4)),
                difference: money(e4(m.balance_change_e4 - m.transactions_e4)),
            })
        })
        .collect();

    let mut pending_by_currency: BTreeMap<&str, (u32, Amount)> = BTreeMap::new();
    for pending in &inputs.pending {
        if let Some((account, _)) = included.get(&pending.account) {
            let sums = pending_by_currency.entry(account.reference.currency.as_str()).or_default();
            sums.0 += pending.count;
            sums.1 += e4(pending.sum_e4) * weights.on(pending.account, inputs.today);
        }
    }
    let pending = pending_by_currency
        .into_iter()
        .map(|(currency, (count, sum))| PendingTotal { currency: currency.to_string(), count, amount: money(sum) })
        .collect();

    // An owner's view warns only of the banks where it holds an account.
    let institutions: Vec<&str> = included.values().map(|(a, _)| a.reference.institution.as_str()).collect();
    let mut expiring_consents: Vec<ConsentExpiry> = inputs
        .consents
        .iter()
        .filter(|c| inputs.ownership.view.is_none() || institutions.contains(&c.institution.as_str()))
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
