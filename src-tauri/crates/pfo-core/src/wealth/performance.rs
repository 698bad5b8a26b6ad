//! Returns of an investment from its history: money-weighted (XIRR, the rate that makes the dated flows and the
//! final value net to zero) and time-weighted (the chained growth between flows, which a deposit cannot inflate).
//!
//! Money stays exact: valuations and flows are decimals, and the time-weighted return is a product of decimal ratios.
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

/// One reading of an investment's value, with the money that came in (positive) or went out (negative) at it,
/// investor-neutral (a purchase of 100 is `+100` here: it adds to the value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Valuation {
    /// The day.
    pub day: NaiveDate,
    /// Value at the reading, the day's flow included.
    pub value: Decimal,
    /// Net money added at the reading (purchases minus sales, at the reading's prices): the period's growth is
    /// measured before it, and the next period grows from the value after it.
    pub net_flow: Decimal,
}

/// Time-weighted return over the readings (oldest first; the first is the starting value, its flow ignored):
/// Π (valueᵢ − flowᵢ) / valueᵢ₋₁ − 1, in decimal arithmetic (28 significant digits; no float).
pub fn time_weighted(readings: &[Valuation]) -> Result<Decimal, NotComputable> {
    let [first, rest @ ..] = readings else { return Err(NotComputable::TooShort) };
    if rest.is_empty() || readings.last().map(|r| r.day) == Some(first.day) {
        return Err(NotComputable::TooShort);
    }
    let mut growth = Decimal::ONE;
    let mut before = first.value;
    for reading in rest {
        let grown = reading.value - reading.net_flow;
        if before == Decimal::ZERO {
            // Nothing was held over the period: no growth to measure, unless something appeared from nothing.
            if grown != Decimal::ZERO {
                return Err(NotComputable::StartsFromNothing);
            }
        } else {
            growth *= grown / before;
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

stored_enum! {
    /// A period a return is reported over.
    pub enum ReturnPeriod {
        /// The last month.
        OneMonth = "one_month",
        /// Since the first of January.
        YearToDate = "year_to_date",
        /// The last twelve months.
        OneYear = "one_year",
        /// Since the first value stored.
        SinceFirst = "since_first",
    }
}

/// A return over one period, each measure computed or said why not.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PeriodReturn {
    /// The period.
    pub period: ReturnPeriod,
    /// The value day it starts from (the last one stored on or before the period's start); none when the history
    /// does not reach back that far.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub from: Option<NaiveDate>,
    /// Time-weighted return over the period, a ratio (0.05 = 5 %), exact.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub time_weighted: Option<Decimal>,
    /// Why the time-weighted return could not be computed.
    pub time_weighted_missing: Option<NotComputable>,
    /// Money-weighted return (XIRR), annualised, a ratio to six places.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub money_weighted: Option<Decimal>,
    /// Why the money-weighted return could not be computed.
    pub money_weighted_missing: Option<NotComputable>,
}

/// One stored value of a position: the day, the units (when the bank gives them), the unit value and the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PositionValue {
    /// The value day.
    pub day: NaiveDate,
    /// Units held.
    pub quantity: Option<Decimal>,
    /// Value of one unit.
    pub unit_value: Option<Decimal>,
    /// Value of the position.
    pub valuation: Decimal,
}

/// The readings of a position's values, each with the money added since the one before inferred from the change in
/// units at that day's unit value (units bought or sold). Without units, flows cannot be told from gains.
pub fn readings(values: &[PositionValue]) -> Result<Vec<Valuation>, NotComputable> {
    let mut readings = Vec::with_capacity(values.len());
    let mut before: Option<&PositionValue> = None;
    for value in values {
        let net_flow = match before {
            None => Decimal::ZERO,
            Some(previous) => match (previous.quantity, value.quantity, value.unit_value) {
                (Some(was), Some(now), Some(price)) => (now - was) * price,
                _ => return Err(NotComputable::FlowsUnknown),
            },
        };
        readings.push(Valuation { day: value.day, value: value.valuation, net_flow });
        before = Some(value);
    }
    Ok(readings)
}

/// The returns of a position over each [`ReturnPeriod`] ending at its last value, from its stored values (oldest
/// first).
pub fn position_returns(values: &[PositionValue]) -> Vec<PeriodReturn> {
    let Some(last) = values.last() else { return Vec::new() };
    let end = last.day;
    let start_of = |period: ReturnPeriod| match period {
        ReturnPeriod::OneMonth => end.checked_sub_months(chrono::Months::new(1)),
        ReturnPeriod::YearToDate => NaiveDate::from_ymd_opt(chrono::Datelike::year(&end), 1, 1),
        ReturnPeriod::OneYear => end.checked_sub_months(chrono::Months::new(12)),
        ReturnPeriod::SinceFirst => values.first().map(|v| v.day),
    };
    ReturnPeriod::ALL
        .iter()
        .map(|&period| {
            // The period starts from the last value on or before its first day; a history that starts later does
            // not cover it (since-first always starts from the first value).
            let from = start_of(period).and_then(|start| values.iter().rposition(|v| v.day <= start));
            let missing = |reason| PeriodReturn { period, from: None, time_weighted: None, time_weighted_missing: Some(reason), money_weighted: None, money_weighted_missing: Some(reason) };
            let Some(from) = from else { return missing(NotComputable::TooShort) };
            match readings(&values[from..]) {
                Err(reason) => PeriodReturn { from: Some(values[from].day), ..missing(reason) },
                Ok(readings) => {
                    let (time_weighted, time_weighted_missing) = split(time_weighted(&readings));
                    let (money_weighted, money_weighted_missing) = split(money_weighted(&readings));
                    PeriodReturn { period, from: Some(values[from].day), time_weighted, time_weighted_missing, money_weighted, money_weighted_missing }
                }
            }
        })
        .collect()
}

fn split(result: Result<Decimal, NotComputable>) -> (Option<Decimal>, Option<NotComputable>) {
    match result {
        Ok(value) => (Some(value), None),
        Err(reason) => (None, Some(reason)),
    }
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
        // The textbook case: 100 grows to 110 (+10 %), 50 is added then, 160 grows to 168 (+5 %): 1.10 × 1.05 − 1.
        let readings = [
            Valuation { day: day("2026-01-01"), value: d("100"), net_flow: d("0") },
            Valuation { day: day("2026-02-01"), value: d("160"), net_flow: d("50") },
            Valuation { day: day("2026-03-01"), value: d("168"), net_flow: d("0") },
        ];
        assert_eq!(time_weighted(&readings).unwrap(), d("0.155"));
        // The same with a withdrawal: 100 → 120, 20 taken out then, 100 → 90: 1.2 × 0.9 − 1 = 8 %.
        let withdrawal = [
            Valuation { day: day("2026-01-01"), value: d("100"), net_flow: d("0") },
            Valuation { day: day("2026-02-01"), value: d("100"), net_flow: d("-20") },
            Valuation { day: day("2026-03-01"), value: d("90"), net_flow: d("0") },
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

    fn value(day_text: &str, quantity: Option<&str>, unit: Option<&str>, valuation: &str) -> PositionValue {
        PositionValue { day: day(day_text), quantity: quantity.map(d), unit_value: unit.map(d), valuation: d(valuation) }
    }

    #[test]
    fn a_purchase_inferred_from_the_units_is_no_gain_and_each_period_starts_where_it_should() {
        // 10 units at 100, then 11 at 110 (one bought at 110), then 11 at 121: +10 % and +10 %, 21 % in all.
        let values = [
            value("2025-10-31", Some("10"), Some("100"), "1000"),
            value("2025-12-31", Some("11"), Some("110"), "1210"),
            value("2026-11-30", Some("11"), Some("121"), "1331"),
        ];
        let returns = position_returns(&values);
        let of = |period| returns.iter().find(|r| r.period == period).unwrap().clone();
        let since = of(ReturnPeriod::SinceFirst);
        assert_eq!((since.from, since.time_weighted), (Some(day("2025-10-31")), Some(d("0.21"))));
        assert!(since.money_weighted.is_some());
        // A year back from 2026-11-30 is 2025-11-30: it starts from the 2025-10-31 value.
        assert_eq!(of(ReturnPeriod::OneYear).from, Some(day("2025-10-31")));
        // The year to date starts from the last value of 2025 (on or before January 1st): +10 %.
        let ytd = of(ReturnPeriod::YearToDate);
        assert_eq!((ytd.from, ytd.time_weighted), (Some(day("2025-12-31")), Some(d("0.1"))));
        // The last month: no value on or before 2026-10-30 after 2025-12-31, so it starts there too.
        assert_eq!(of(ReturnPeriod::OneMonth).from, Some(day("2025-12-31")));
    }

    #[test]
    fn a_euro_fund_without_units_has_no_return_and_a_short_history_says_so() {
        let euro = [value("2026-11-01", None, None, "1000"), value("2026-11-30", None, None, "1003")];
        let returns = position_returns(&euro);
        assert!(returns.iter().all(|r| r.time_weighted.is_none() && r.time_weighted_missing.is_some()));
        let month = returns.iter().find(|r| r.period == ReturnPeriod::SinceFirst).unwrap();
        assert_eq!(month.time_weighted_missing, Some(NotComputable::FlowsUnknown));
        let recent = [value("2026-11-20", Some("1"), Some("10"), "10"), value("2026-11-30", Some("1"), Some("11"), "11")];
        let year = position_returns(&recent).into_iter().find(|r| r.period == ReturnPeriod::OneYear).unwrap();
        assert_eq!((year.from, year.time_weighted_missing), (None, Some(NotComputable::TooShort)));
    }
}
