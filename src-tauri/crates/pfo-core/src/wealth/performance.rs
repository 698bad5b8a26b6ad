//! Returns of an investment from its history: money-weighted (XIRR, the rate that makes the dated flows and the
//! final value net to zero) and time-weighted (the chained growth between flows, which a deposit cannot inflate).
//!
//! Money stays exact: valuations and flows are decimals, and the time-weighted return is a product of exact ratios.
//! The money-weighted rate is the root of an equation with fractional powers, found by iteration; it is solved in
//! binary floating point (as every spreadsheet does) and reported to six decimals, as a rate and never as money.
//! Every function says when it cannot answer instead of guessing: no flow, no time, no sign change, a value of zero.

use chrono::NaiveDate;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use serde::Serialize;

/// A dated amount put in (negative: money leaves the investor) or taken out (positive), in XIRR's sign convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flow {
    /// The day.
    pub day: NaiveDate,
    /// The amount, investor's side: a purchase is negative, a sale or the final value positive.
    pub amount: Decimal,
}

/// Why a return cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NotComputable {
    /// Fewer than two dated values, or all on one day.
    TooShort,
    /// The flows do not change sign (nothing was put in, or nothing comes back): no rate solves them.
    NoSignChange,
    /// The iteration found no rate between −99.99 % and +1,000,000 % a year.
    NoRate,
    /// A period starts from nothing invested (zero value and no flow), so its growth is undefined.
    StartsFromNothing,
    /// What was bought and sold is not known (no quantities), so deposits cannot be told from gains.
    FlowsUnknown,
}

/// XIRR: the annual rate `r` with Σ amountᵢ / (1 + r)^((dayᵢ − day₀) / 365) = 0, as spreadsheets define it.
pub fn xirr(flows: &[Flow]) -> Result<Decimal, NotComputable> {
    let first = flows.iter().map(|f| f.day).min().ok_or(NotComputable::TooShort)?;
    let last = flows.iter().map(|f| f.day).max().ok_or(NotComputable::TooShort)?;
    if flows.len() < 2 || first == last {
        return Err(NotComputable::TooShort);
    }
    if !(flows.iter().any(|f| f.amount < Decimal::ZERO) && flows.iter().any(|f| f.amount > Decimal::ZERO)) {
        return Err(NotComputable::NoSignChange);
    }
    let points: Vec<(f64, f64)> = flows
        .iter()
        .map(|f| ((f.day - first).num_days() as f64 / 365.0, f.amount.to_f64().unwrap_or(0.0)))
        .collect();
    let npv = |rate: f64| points.iter().map(|(years, amount)| amount / (1.0 + rate).powf(*years)).sum::<f64>();
    let slope = |rate: f64| points.iter().map(|(years, amount)| -years * amount / (1.0 + rate).powf(years + 1.0)).sum::<f64>();
    // Newton from 10 %, the usual guess; bisection over a bracket when Newton leaves the domain or stalls.
    let mut rate = 0.1_f64;
    for _ in 0..100 {
        let (value, derivative) = (npv(rate), slope(rate));
        if value.abs() < 1e-9 {
            return to_rate(rate);
        }
        if derivative == 0.0 || !derivative.is_finite() {
            break;
        }
        let next = rate - value / derivative;
        if !next.is_finite() || next <= -0.9999 {
            break;
        }
        if (next - rate).abs() < 1e-12 {
            return to_rate(next);
        }
        rate = next;
    }
    let (mut low, mut high) = (-0.9999_f64, 10_000.0_f64);
    let (mut at_low, at_high) = (npv(low), npv(high));
    if !at_low.is_finite() || !at_high.is_finite() || at_low.signum() == at_high.signum() {
        return Err(NotComputable::NoRate);
    }
    for _ in 0..400 {
        let middle = (low + high) / 2.0;
        let at_middle = npv(middle);
        if at_middle.abs() < 1e-9 || (high - low) < 1e-12 {
            return to_rate(middle);
        }
        if at_middle.signum() == at_low.signum() {
            (low, at_low) = (middle, at_middle);
        } else {
            high = middle;
        }
    }
    to_rate((low + high) / 2.0)
}

fn to_rate(rate: f64) -> Result<Decimal, NotComputable> {
    Decimal::from_f64(rate).map(|r| r.round_dp(6)).ok_or(NotComputable::NoRate)
}

/// One reading of an investment's value, with the money that came in (positive) or went out (negative) since the
/// reading before, investor-neutral (a purchase of 100 is `+100` here: it adds to the value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Valuation {
    /// The day.
    pub day: NaiveDate,
    /// Value at the reading.
    pub value: Decimal,
    /// Net money added since the reading before (purchases minus sales), counted at the start of the period:
    /// the period's growth is measured on what was held after it.
    pub net_flow: Decimal,
}

/// Time-weighted return over the readings (oldest first; the first is the starting value, its flow ignored):
/// Π valueᵢ / (valueᵢ₋₁ + flowᵢ) − 1, exact.
pub fn time_weighted(readings: &[Valuation]) -> Result<Decimal, NotComputable> {
    let [first, rest @ ..] = readings else { return Err(NotComputable::TooShort) };
    if rest.is_empty() || readings.last().map(|r| r.day) == Some(first.day) {
        return Err(NotComputable::TooShort);
    }
    let mut growth = Decimal::ONE;
    let mut before = first.value;
    for reading in rest {
        let invested = before + reading.net_flow;
        if invested == Decimal::ZERO {
            // Nothing was held over the period: no growth to measure, unless something appeared from nothing.
            if reading.value != Decimal::ZERO {
                return Err(NotComputable::StartsFromNothing);
            }
        } else {
            growth *= reading.value / invested;
        }
        before = reading.value;
    }
    Ok(growth - Decimal::ONE)
}

/// The flows XIRR needs from the same readings: the starting value put in, each day's net flow put in, and the
/// last value taken out.
pub fn money_weighted(readings: &[Valuation]) -> Result<Decimal, NotComputable> {
    let [first, rest @ ..] = readings else { return Err(NotComputable::TooShort) };
    let last = rest.last().ok_or(NotComputable::TooShort)?;
    let mut flows = vec![Flow { day: first.day, amount: -first.value }];
    flows.extend(rest.iter().filter(|r| r.net_flow != Decimal::ZERO).map(|r| Flow { day: r.day, amount: -r.net_flow }));
    flows.push(Flow { day: last.day, amount: last.value });
    xirr(&flows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).unwrap()
    }

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn xirr_matches_the_spreadsheet_textbook_case() {
        // The XIRR example of Excel's and LibreOffice's documentation: 37.3362535 %.
        let flows = [
            Flow { day: day("2008-01-01"), amount: d("-10000") },
            Flow { day: day("2008-03-01"), amount: d("2750") },
            Flow { day: day("2008-10-30"), amount: d("4250") },
            Flow { day: day("2009-02-15"), amount: d("3250") },
            Flow { day: day("2009-04-01"), amount: d("2750") },
        ];
        assert_eq!(xirr(&flows).unwrap(), d("0.373363"));
    }

    #[test]
    fn xirr_of_one_year_doubling_and_of_a_loss_are_exact_to_six_places() {
        let double = [Flow { day: day("2025-01-01"), amount: d("-100") }, Flow { day: day("2026-01-01"), amount: d("200") }];
        assert_eq!(xirr(&double).unwrap(), d("1"));
        let loss = [Flow { day: day("2025-01-01"), amount: d("-100") }, Flow { day: day("2026-01-01"), amount: d("80") }];
        assert_eq!(xirr(&loss).unwrap(), d("-0.2"));
        // Half a year (182.5 days would be exact; 181 days is 0.49589 years): 100 → 110 is (1.1)^(365/181) − 1.
        let half = [Flow { day: day("2026-01-01"), amount: d("-100") }, Flow { day: day("2026-07-01"), amount: d("110") }];
        let expected = 1.1_f64.powf(365.0 / 181.0) - 1.0;
        assert_eq!(xirr(&half).unwrap(), Decimal::from_f64(expected).unwrap().round_dp(6));
    }

    #[test]
    fn xirr_says_why_it_cannot_answer() {
        assert_eq!(xirr(&[]), Err(NotComputable::TooShort));
        assert_eq!(xirr(&[Flow { day: day("2026-01-01"), amount: d("-1") }, Flow { day: day("2026-01-01"), amount: d("2") }]), Err(NotComputable::TooShort));
        assert_eq!(xirr(&[Flow { day: day("2026-01-01"), amount: d("-1") }, Flow { day: day("2026-06-01"), amount: d("-2") }]), Err(NotComputable::NoSignChange));
    }

    #[test]
    fn time_weighted_return_chains_the_periods_and_ignores_a_deposit() {
        // The textbook case: 100 grows to 110 (+10 %), 50 is added, 160 grows to 168 (+5 %): 1.10 × 1.05 − 1 = 15.5 %.
        let readings = [
            Valuation { day: day("2026-01-01"), value: d("100"), net_flow: d("0") },
            Valuation { day: day("2026-02-01"), value: d("110"), net_flow: d("0") },
            Valuation { day: day("2026-03-01"), value: d("168"), net_flow: d("50") },
        ];
        assert_eq!(time_weighted(&readings).unwrap(), d("0.155"));
        // The same growth with a withdrawal: 100 → 120, 20 taken out, 100 → 90: 1.2 × 0.9 − 1 = 8 %.
        let withdrawal = [
            Valuation { day: day("2026-01-01"), value: d("100"), net_flow: d("0") },
            Valuation { day: day("2026-02-01"), value: d("120"), net_flow: d("0") },
            Valuation { day: day("2026-03-01"), value: d("90"), net_flow: d("-20") },
        ];
        assert_eq!(time_weighted(&withdrawal).unwrap(), d("0.08"));
    }

    #[test]
    fn time_weighted_return_starts_when_money_first_comes_in_and_refuses_growth_from_nothing() {
        let opened = [
            Valuation { day: day("2026-01-01"), value: d("0"), net_flow: d("0") },
            Valuation { day: day("2026-01-02"), value: d("100"), net_flow: d("100") },
            Valuation { day: day("2026-02-01"), value: d("103"), net_flow: d("0") },
        ];
        assert_eq!(time_weighted(&opened).unwrap(), d("0.03"));
        let from_nothing = [
            Valuation { day: day("2026-01-01"), value: d("0"), net_flow: d("0") },
            Valuation { day: day("2026-02-01"), value: d("5"), net_flow: d("0") },
        ];
        assert_eq!(time_weighted(&from_nothing), Err(NotComputable::StartsFromNothing));
        assert_eq!(time_weighted(&opened[..1]), Err(NotComputable::TooShort));
    }

    #[test]
    fn money_weighted_return_of_readings_without_flows_is_the_annualised_growth() {
        let readings = [
            Valuation { day: day("2025-01-01"), value: d("1000"), net_flow: d("0") },
            Valuation { day: day("2025-07-01"), value: d("1020"), net_flow: d("0") },
            Valuation { day: day("2026-01-01"), value: d("1050"), net_flow: d("0") },
        ];
        assert_eq!(money_weighted(&readings).unwrap(), d("0.05"));
    }
}
