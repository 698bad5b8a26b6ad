//! The period an overview covers, how it is written (`2026`, `2026-03`, `2026-01..2026-06`,
//! `2026-01-15..2026-02-14`, `last-12-months`, `ytd`, `all`), the equally long period before it, and the points of
//! its trends (month ends, or day ends for periods of three months or less).

use crate::error::{Error, Result};
use chrono::{Datelike, Days, Months, NaiveDate};

/// Periods this long or shorter get a point per day; longer ones a point per month.
const DAILY_UP_TO_DAYS: i64 = 92;
/// The earliest day `all` reaches back to when the store is empty.
const ALL_FALLBACK_YEARS: u32 = 10;

/// A closed range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
}

stored_enum! {
    /// How finely trends and cashflow are cut.
    pub enum Granularity {
        /// A point per day.
        Day = "day",
        /// A point per month.
        Month = "month",
    }
}

fn invalid(text: &str, why: &str) -> Error {
    Error::InvalidInput {
        field: "period".into(),
        reason: format!(
            "`{text}` {why}; write a year (2026), a month (2026-03), a range (2026-01..2026-06 or 2026-01-15..2026-02-14), \
             last-12-months, ytd or all"
        ),
    }
}

fn month_start(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok().filter(|_| text.len() == 7)
}

fn month_end(first: NaiveDate) -> NaiveDate {
    first + Months::new(1) - Days::new(1)
}

/// The first day of `text` read as a bound (year, month or day) and the last day it covers.
fn bound(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return (text.len() == 10).then_some((day, day));
    }
    if let Some(first) = month_start(text) {
        return Some((first, month_end(first)));
    }
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = text.parse().ok()?;
        return Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?));
    }
    None
}

impl Period {
    /// Reads a period; `today` anchors the relative forms, `earliest` (the oldest stored transaction) anchors `all`.
    pub fn parse(text: &str, today: NaiveDate, earliest: Option<NaiveDate>) -> Result<Self> {
        let trimmed = text.trim();
        let period = match trimmed {
            "" | "last-12-months" => {
                let start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("first of month") - Months::new(11);
                Period { start, end: today }
            }
            "ytd" => Period { start: NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("first of year"), end: today },
            "all" => Period { start: earliest.unwrap_or(today - Months::new(12 * ALL_FALLBACK_YEARS)).min(today), end: today },
            _ => {
                let (from, to) = match trimmed.split_once("..") {
                    Some((from, to)) => (
                        bound(from).ok_or_else(|| invalid(trimmed, "has a start that is not a date"))?.0,
                        bound(to).ok_or_else(|| invalid(trimmed, "has an end that is not a date"))?.1,
                    ),
                    None => bound(trimmed).ok_or_else(|| invalid(trimmed, "is not a period"))?,
                };
                Period { start: from, end: to }
            }
        };
        if period.start > period.end {
            return Err(invalid(trimmed, "ends before it starts"));
        }
        if period.days() > 366 * 50 {
            return Err(invalid(trimmed, "is longer than 50 years"));
        }
        Ok(period)
    }

    /// Days covered.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let end = self.start - Days::new(1);
        Period { start: end - Days::new(self.days() as u64 - 1), end }
    }

    /// Day or month points.
    pub fn granularity(&self) -> Granularity {
        if self.days() <= DAILY_UP_TO_DAYS {
            Granularity::Day
        } else {
            Granularity::Month
        }
    }

    /// The buckets: (first day, last day) of each day or month, clipped to the period, in order.
    pub fn buckets(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut buckets = Vec::new();
        let mut first = self.start;
        while first <= self.end {
            let last = match self.granularity() {
                Granularity::Day => first,
                Granularity::Month => month_end(NaiveDate::from_ymd_opt(first.year(), first.month(), 1).expect("first of month")).min(self.end),
            };
            buckets.push((first, last));
            first = last + Days::new(1);
        }
        buckets
    }

    /// The calendar months the period touches, as `YYYY-MM`.
    pub fn months(&self) -> Vec<String> {
        let mut months = Vec::new();
        let mut first = NaiveDate::from_ymd_opt(self.start.year(), self.start.month(), 1).expect("first of month");
        while first <= self.end {
            months.push(first.format("%Y-%m").to_string());
            first = first + Months::new(1);
        }
        months
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_written_form_reads_as_expected() {
        let today = day("2026-11-25");
        for (text, start, end) in [
            ("2026", "2026-01-01", "2026-12-31"),
            ("2026-02", "2026-02-01", "2026-02-28"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2026-01..2026-06", "2026-01-01", "2026-06-30"),
            ("2026-01-15..2026-02-14", "2026-01-15", "2026-02-14"),
            ("2020..2021", "2020-01-01", "2021-12-31"),
            ("last-12-months", "2025-12-01", "2026-11-25"),
            ("", "2025-12-01", "2026-11-25"),
            ("ytd", "2026-01-01", "2026-11-25"),
            ("all", "2019-03-04", "2026-11-25"),
        ] {
            let period = Period::parse(text, today, Some(day("2019-03-04"))).unwrap();
            assert_eq!((period.start, period.end), (day(start), day(end)), "{text}");
        }
    }

    #[test]
    fn bad_periods_name_the_field_and_the_forms() {
        for text in ["2026-13", "yesterday", "2026-06..2026-01", "2026-1", "'; DROP TABLE x; --", "1900..2100"] {
            let error = Period::parse(text, day("2026-11-25"), None).unwrap_err();
            assert!(matches!(&error, Error::InvalidInput { field, .. } if field == "period"), "{text}: {error}");
            assert!(error.to_string().contains("last-12-months"), "{error}");
        }
    }

    #[test]
    fn the_previous_period_is_as_long_and_ends_the_day_before() {
        let period = Period::parse("2026-03", day("2026-11-25"), None).unwrap();
        let previous = period.previous();
        assert_eq!((previous.start, previous.end), (day("2026-01-29"), day("2026-02-28")));
        assert_eq!(previous.days(), period.days());
    }

    #[test]
    fn buckets_are_days_up_to_three_months_then_months_clipped_to_the_period() {
        let short = Period::parse("2026-01-15..2026-02-14", day("2026-11-25"), None).unwrap();
        assert_eq!(short.granularity(), Granularity::Day);
        assert_eq!(short.buckets().len(), 31);
        let long = Period::parse("2026-01-15..2026-06-10", day("2026-11-25"), None).unwrap();
        let buckets = long.buckets();
        assert_eq!(buckets.first(), Some(&(day("2026-01-15"), day("2026-01-31"))));
        assert_eq!(buckets.last(), Some(&(day("2026-06-01"), day("2026-06-10"))));
        assert_eq!(buckets.len(), 6);
        assert_eq!(long.months(), ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    }
}
