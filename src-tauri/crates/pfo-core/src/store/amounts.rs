//! Decimal amounts in SQLite: exact text for display, and integer units of 1/10,000 for SQL filters and sums.

use crate::error::{Error, Result};
use rusqlite::Row;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::str::FromStr;

/// `amount` in units of 1/10,000, rounded half away from zero beyond four decimals.
pub fn to_e4(amount: Decimal) -> Result<i64> {
    amount
        .checked_mul(Decimal::from(10_000))
        .map(|scaled| scaled.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .and_then(|scaled| scaled.to_i64())
        .ok_or_else(|| Error::ProviderPayload { reason: "an amount is too large to store".into() })
}

/// Reads a decimal text column.
pub fn decimal(row: &Row<'_>, index: usize) -> rusqlite::Result<Decimal> {
    let text: String = row.get(index)?;
    Decimal::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
}

/// Reads a nullable decimal text column.
pub fn optional_decimal(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<Decimal>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| Decimal::from_str(&t).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e4_is_exact_to_four_places() {
        assert_eq!(to_e4(Decimal::from_str("1452.56").unwrap()).unwrap(), 14_525_600);
        assert_eq!(to_e4(Decimal::from_str("-0.0001").unwrap()).unwrap(), -1);
        assert_eq!(to_e4(Decimal::from_str("0.00005").unwrap()).unwrap(), 1);
        assert!(to_e4(Decimal::MAX).is_err());
    }
}
