//! Amounts that arrive as a JSON number (`1452.56`) or as a string (`"1452.56"`), decoded exactly.
//!
//! A JSON number is read by serde_json as `f64`; its shortest round-trip decimal representation is what the server
//! wrote, so formatting it back and parsing that text gives the exact `Decimal` without float error.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal amount as a JSON number or string, or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() {
            return Err(E::custom(crate::decode::AMOUNT_NOT_FINITE));
        }
        Decimal::from_str(&v.to_string())
            .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
            .map(Some)
            // The amount itself stays out of the message: error texts are shown and logged.
            .map_err(|_| E::custom(crate::decode::AMOUNT_OUT_OF_RANGE))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let trimmed = v.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        Decimal::from_str(trimmed).map(Some).map_err(|_| E::custom(crate::decode::AMOUNT_NOT_DECIMAL))
    }
}

/// Deserializes an optional amount from a number, a string or null.
pub fn optional_amount<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    deserializer.deserialize_any(AmountVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "optional_amount")]
        value: Option<Decimal>,
    }

    fn parse(json: &str) -> Result<Option<Decimal>, serde_json::Error> {
        serde_json::from_str::<Holder>(json).map(|h| h.value)
    }

    #[test]
    fn numbers_strings_and_nulls_decode_exactly() {
        assert_eq!(parse(r#"{"value": 1452.56}"#).unwrap(), Some(Decimal::from_str("1452.56").unwrap()));
        assert_eq!(parse(r#"{"value": 0.1}"#).unwrap(), Some(Decimal::from_str("0.1").unwrap()));
        assert_eq!(parse(r#"{"value": -120000.5}"#).unwrap(), Some(Decimal::from_str("-120000.5").unwrap()));
        assert_eq!(parse(r#"{"value": "-56.78"}"#).unwrap(), Some(Decimal::from_str("-56.78").unwrap()));
        assert_eq!(parse(r#"{"value": 12}"#).unwrap(), Some(Decimal::from(12)));
        assert_eq!(parse(r#"{"value": null}"#).unwrap(), None);
        assert_eq!(parse(r#"{}"#).unwrap(), None);
    }

    #[test]
    fn garbage_is_refused() {
        assert!(parse(r#"{"value": "twelve"}"#).is_err());
        assert!(parse(r#"{"value": [1]}"#).is_err());
        assert!(parse(r#"{"value": 1e400}"#).is_err());
    }
}
