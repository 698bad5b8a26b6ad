//! [`Currency`]: an ISO 4217-shaped currency code, three upper-case letters, validated where it enters the core (a
//! provider payload, an input, a stored row) so that nothing past that point handles a code that is not one.

use crate::error::{Error, Result};

/// A currency code such as `EUR`, `USD` or `CHF`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
// A newtype struct: serde writes it as its string, and ts-rs as `string`.
#[ts(export, type = "string")]
pub struct Currency(String);

impl Currency {
    /// Reads a code in any case, refusing anything but three letters with the field named.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(Error::InvalidInput { field: field.into(), reason: format!("`{}` is not a currency code; use three letters such as EUR, USD or CHF", text.trim()) })
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for Currency {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<str> for Currency {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse("currency", &text).map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

impl schemars::JsonSchema for Currency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Currency".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 currency code" })
    }
}

impl rusqlite::types::ToSql for Currency {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.0.as_str()))
    }
}

impl rusqlite::types::FromSql for Currency {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::parse("currency", text).map_err(|e| rusqlite::types::FromSqlError::Other(e.to_string().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_is_three_letters_upper_cased_once() {
        assert_eq!(Currency::parse("currency", " usd ").unwrap(), "USD");
        for bad in ["EU", "EURO", "E1R", "", "€"] {
            let error = Currency::parse("baseCurrency", bad).unwrap_err();
            assert!(error.to_string().contains("baseCurrency") && error.to_string().contains("three letters"), "{error}");
            assert!(serde_json::from_str::<Currency>(&format!("\"{bad}\"")).is_err());
        }
        assert_eq!(serde_json::to_string(&Currency::parse("c", "chf").unwrap()).unwrap(), "\"CHF\"");
    }
}
