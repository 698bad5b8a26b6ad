//! Consolidation currency and exchange rates: the base currency the household reports in, the dated rates it
//! enters by hand (the app never fetches rates: nothing leaves the machine), and the lookup every conversion uses.
//!
//! A rate reads "1 `currency` = `rate` `base`". The rate used for a date is the latest one taken on or before it;
//! a currency with no such rate cannot be converted, and whoever converts says so rather than guessing.

use crate::domain::Currency;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The base currency when the household has not chosen one.
pub const DEFAULT_BASE_CURRENCY: &str = "EUR";

/// One dated rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExchangeRate {
    /// Currency converted from (ISO 4217).
    pub currency: Currency,
    /// Currency converted to: the base currency at the time the rate was entered.
    pub base: Currency,
    /// Exact decimal: 1 `currency` is worth `rate` `base`.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub rate: Decimal,
    /// Day the rate was taken.
    pub as_of: NaiveDate,
}


/// Validates a rate the household entered.
pub fn validated(currency: &str, base: &str, rate: &str, as_of: NaiveDate) -> Result<ExchangeRate> {
    let currency = Currency::parse("currency", currency)?;
    let base = Currency::parse("base", base)?;
    if currency == base {
        return Err(Error::InvalidInput { field: "currency".into(), reason: format!("{currency} is the base currency; it needs no rate") });
    }
    let rate = Decimal::from_str(rate.trim())
        .ok()
        .filter(|r| *r > Decimal::ZERO && *r < Decimal::from(1_000_000_000))
        .ok_or_else(|| Error::InvalidInput { field: "rate".into(), reason: format!("`{}` is not a positive decimal number such as 0.92", rate.trim()) })?;
    Ok(ExchangeRate { currency, base, rate: rate.normalize(), as_of })
}

/// The rates to one base currency, ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct RateTable {
    base: String,
    /// (currency, day, rate), sorted by currency then day.
    rates: Vec<(String, NaiveDate, Decimal)>,
}

impl RateTable {
    /// Keeps the rates that convert into `base`.
    pub fn new(base: &str, rates: &[ExchangeRate]) -> Self {
        let mut kept: Vec<_> = rates
            .iter()
            .filter(|r| r.base == base)
            .map(|r| (r.currency.to_string(), r.as_of, r.rate))
            .collect();
        kept.sort();
        Self { base: base.to_string(), rates: kept }
    }

    /// The base currency.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The rate for `currency` on `day`: the latest taken on or before it. The base currency converts at 1.
    pub fn rate_on(&self, currency: &str, day: NaiveDate) -> Option<(Decimal, Option<NaiveDate>)> {
        if currency == self.base {
            return Some((Decimal::ONE, None));
        }
        self.rates.iter().rfind(|(c, d, _)| c == currency && *d <= day).map(|(_, d, r)| (*r, Some(*d)))
    }
}

/// Converts an amount in units of 1/10,000 at `rate`, rounding half to even to the same unit.
pub fn convert_e4(amount_e4: i64, rate: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    (Decimal::from(amount_e4) * rate).round().to_i64().unwrap_or(if amount_e4 >= 0 { i64::MAX } else { i64::MIN })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_latest_rate_on_or_before_the_day_is_used() {
        let rates = vec![
            validated("usd", "EUR", "0.90", crate::domain::time::on("2026-01-01")).unwrap(),
            validated("USD", "EUR", "0.95", crate::domain::time::on("2026-06-01")).unwrap(),
            validated("CHF", "USD", "1.1", crate::domain::time::on("2026-01-01")).unwrap(),
        ];
        let table = RateTable::new("EUR", &rates);
        assert_eq!(table.rate_on("USD", day("2026-05-31")), Some((Decimal::from_str("0.90").unwrap(), Some(day("2026-01-01")))));
        assert_eq!(table.rate_on("USD", day("2026-06-01")).unwrap().0, Decimal::from_str("0.95").unwrap());
        assert_eq!(table.rate_on("USD", day("2025-12-31")), None, "no rate before the first one");
        assert_eq!(table.rate_on("CHF", day("2026-06-01")), None, "a rate to another base is not used");
        assert_eq!(table.rate_on("EUR", day("2000-01-01")), Some((Decimal::ONE, None)));
    }

    #[test]
    fn bad_rates_are_refused_naming_the_field() {
        for (currency, base, rate, as_of, field) in [
            ("US", "EUR", "1", "2026-01-01", "currency"),
            ("USD", "E1R", "1", "2026-01-01", "base"),
            ("USD", "EUR", "-1", "2026-01-01", "rate"),
            ("USD", "EUR", "0", "2026-01-01", "rate"),
            ("USD", "EUR", "abc", "2026-01-01", "rate"),
            ("EUR", "EUR", "1", "2026-01-01", "currency"),
        ] {
            let error = validated(currency, base, rate, crate::domain::time::on(as_of)).unwrap_err();
            assert!(matches!(&error, Error::InvalidInput { field: f, .. } if f == field), "{currency} {base} {rate} {as_of}: {error}");
        }
    }

    #[test]
    fn conversion_rounds_half_to_even_in_ten_thousandths() {
        assert_eq!(convert_e4(10_000, Decimal::from_str("0.92").unwrap()), 9_200);
        assert_eq!(convert_e4(1, Decimal::from_str("0.5").unwrap()), 0);
        assert_eq!(convert_e4(3, Decimal::from_str("0.5").unwrap()), 2);
        assert_eq!(convert_e4(-12_345, Decimal::from_str("1.1").unwrap()), -13_580);
    }
}
