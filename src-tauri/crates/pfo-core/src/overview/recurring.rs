//! Recurring charges: outgoing movements of one account that come back at a steady rhythm with a steady amount.
//!
//! Charges are grouped by account and a fingerprint of their label (a hash: the label itself never leaves the
//! store, since labels name counterparties). A group is recurring when it has at least [`MIN_OCCURRENCES`]
//! charges, the gaps between them fit one cadence, and amounts stay within [`AMOUNT_TOLERANCE`] of the median.

use chrono::{Days, Months, NaiveDate};
use std::collections::HashMap;

/// Charges needed before a rhythm counts.
pub const MIN_OCCURRENCES: usize = 3;
/// Largest relative distance of an amount from the median (0.2 = 20 %).
pub const AMOUNT_TOLERANCE: f64 = 0.2;
/// Share of gaps that must fit the cadence (a skipped or doubled month does not break it).
const GAPS_THAT_MUST_FIT: f64 = 0.8;

/// One outgoing booked movement.
#[derive(Debug, Clone, PartialEq)]
pub struct Charge {
    /// Account row id.
    pub account: i64,
    /// Fingerprint of the label.
    pub group: u64,
    /// Booking day.
    pub day: NaiveDate,
    /// Signed amount (negative).
    pub amount_e4: i64,
    /// Parent category code.
    pub category: String,
}

stored_enum! {
    /// A rhythm.
    pub enum Cadence {
        /// About every week.
        Weekly = "weekly",
        /// About every month.
        Monthly = "monthly",
        /// About every quarter.
        Quarterly = "quarterly",
        /// About every year.
        Yearly = "yearly",
    }
}

impl Cadence {
    /// Gaps, in days, that count as this cadence.
    fn gaps(self) -> std::ops::RangeInclusive<i64> {
        match self {
            Cadence::Weekly => 6..=8,
            Cadence::Monthly => 26..=35,
            Cadence::Quarterly => 85..=96,
            Cadence::Yearly => 350..=380,
        }
    }

    fn after(self, day: NaiveDate) -> NaiveDate {
        match self {
            Cadence::Weekly => day + Days::new(7),
            Cadence::Monthly => day + Months::new(1),
            Cadence::Quarterly => day + Months::new(3),
            Cadence::Yearly => day + Months::new(12),
        }
    }
}

/// A recurring charge found.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurring {
    /// Account row id.
    pub account: i64,
    /// Parent category code.
    pub category: String,
    /// Its rhythm.
    pub cadence: Cadence,
    /// Median amount.
    pub typical_e4: i64,
    /// Charges seen.
    pub occurrences: u32,
    /// Last one.
    pub last: NaiveDate,
    /// When the next is due.
    pub next: NaiveDate,
}

fn median(sorted: &[i64]) -> i64 {
    sorted[sorted.len() / 2]
}

/// Finds recurring charges, the costliest first.
pub fn detect(charges: &[Charge]) -> Vec<Recurring> {
    let mut groups: HashMap<(i64, u64), Vec<&Charge>> = HashMap::new();
    for charge in charges.iter().filter(|c| c.amount_e4 < 0) {
        groups.entry((charge.account, charge.group)).or_default().push(charge);
    }
    let mut found: Vec<Recurring> = groups.into_values().filter_map(|group| recurring(group)).collect();
    found.sort_by(|a, b| a.typical_e4.cmp(&b.typical_e4).then(a.last.cmp(&b.last)).then(a.account.cmp(&b.account)));
    found
}

fn recurring(mut group: Vec<&Charge>) -> Option<Recurring> {
    if group.len() < MIN_OCCURRENCES {
        return None;
    }
    group.sort_by_key(|c| c.day);
    let mut amounts: Vec<i64> = group.iter().map(|c| c.amount_e4).collect();
    amounts.sort_unstable();
    let typical = median(&amounts);
    let steady = amounts.iter().all(|a| ((a - typical) as f64).abs() <= AMOUNT_TOLERANCE * (typical as f64).abs());
    if !steady {
        return None;
    }
    let gaps: Vec<i64> = group.windows(2).map(|w| (w[1].day - w[0].day).num_days()).collect();
    let cadence = Cadence::ALL.iter().copied().find(|cadence| {
        let fitting = gaps.iter().filter(|gap| cadence.gaps().contains(gap)).count();
        fitting as f64 >= GAPS_THAT_MUST_FIT * gaps.len() as f64
    })?;
    let last = group.last()?;
    Some(Recurring {
        account: last.account,
        category: last.category.clone(),
        cadence,
        typical_e4: typical,
        occurrences: group.len() as u32,
        last: last.day,
        next: cadence.after(last.day),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn charges(group: u64, days: &[&str], amounts: &[i64]) -> Vec<Charge> {
        days.iter()
            .zip(amounts)
            .map(|(d, a)| Charge { account: 1, group, day: day(d), amount_e4: *a, category: "subscriptions".into() })
            .collect()
    }

    #[test]
    fn rhythms_are_recognised_and_the_next_charge_predicted() {
        let monthly = charges(1, &["2026-01-05", "2026-02-05", "2026-03-05", "2026-04-06"], &[-129_900, -129_900, -129_900, -139_900]);
        let weekly = charges(2, &["2026-03-02", "2026-03-09", "2026-03-16"], &[-50_000, -52_000, -48_000]);
        let yearly = charges(3, &["2024-05-01", "2025-05-02", "2026-04-30"], &[-900_000, -900_000, -950_000]);
        let found = detect(&[monthly, weekly, yearly].concat());
        let by_group: Vec<_> = found.iter().map(|r| (r.cadence, r.typical_e4, r.occurrences, r.next)).collect();
        assert_eq!(
            by_group,
            [
                (Cadence::Yearly, -900_000, 3, day("2027-04-30")),
                (Cadence::Monthly, -129_900, 4, day("2026-05-06")),
                (Cadence::Weekly, -50_000, 3, day("2026-03-23")),
            ]
        );
    }

    #[test]
    fn irregular_gaps_unsteady_amounts_few_charges_and_income_are_not_recurring() {
        let irregular = charges(1, &["2026-01-05", "2026-01-19", "2026-03-30", "2026-04-02"], &[-10_000; 4]);
        let unsteady = charges(2, &["2026-01-05", "2026-02-05", "2026-03-05"], &[-10_000, -30_000, -10_000]);
        let few = charges(3, &["2026-01-05", "2026-02-05"], &[-10_000; 2]);
        let income = charges(4, &["2026-01-05", "2026-02-05", "2026-03-05"], &[10_000; 3]);
        assert!(detect(&[irregular, unsteady, few, income].concat()).is_empty());
    }

    #[test]
    fn the_same_label_on_two_accounts_makes_two_charges() {
        let mut both = charges(7, &["2026-01-05", "2026-02-05", "2026-03-05"], &[-10_000; 3]);
        let mut other = both.clone();
        other.iter_mut().for_each(|c| c.account = 2);
        both.extend(other);
        assert_eq!(detect(&both).len(), 2);
    }
}
