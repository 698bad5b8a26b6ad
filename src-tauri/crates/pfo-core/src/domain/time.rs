//! [`Timestamp`]: an instant in UTC as the core carries, stores and shows it.
//!
//! Inside the core an instant is a `DateTime<Utc>` and a calendar day a `chrono::NaiveDate` (rusqlite's `chrono`
//! feature stores it as `YYYY-MM-DD`). Instants get this newtype rather than the bare chrono type because rusqlite
//! would store them as `YYYY-MM-DD HH:MM:SS+00:00`, while every stored instant since the first release is RFC 3339 to
//! the second with `Z` (`2026-12-03T09:30:00Z`), a form that sorts as text: retention cut-offs and "latest first"
//! listings compare the column as a string.

use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Reads a day `YYYY-MM-DD`, or says in plain words why the text is not one: the one wording every door uses
/// (inputs, the CLI's arguments through clap's `value_parser`).
pub fn read_day(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| format!("`{}` is not a date; use YYYY-MM-DD", text.trim()))
}

/// [`read_day`] with the field named when the text is not a day.
pub fn parse_day(field: &str, text: &str) -> Result<NaiveDate> {
    read_day(text).map_err(|reason| Error::InvalidInput { field: field.into(), reason })
}

/// `#[serde(with = "crate::domain::input_day")]` for an input's day, so that a wrong one is refused in the words of
/// [`parse_day`] rather than chrono's ("input contains invalid characters").
pub mod input_day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    /// Writes `YYYY-MM-DD`.
    pub fn serialize<S: serde::Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        day.serialize(serializer)
    }

    /// Reads `YYYY-MM-DD`.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        super::read_day(&String::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// The same for an optional day (absent, `null` or empty: none).
pub mod input_optional_day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    /// Writes `YYYY-MM-DD` or `null`.
    pub fn serialize<S: serde::Serializer>(day: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
        day.serialize(serializer)
    }

    /// Reads `YYYY-MM-DD`, `null` or an empty string.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .filter(|text| !text.trim().is_empty())
            .map(|text| super::read_day(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// An instant, to the second, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    /// The instant, with anything finer than a second dropped (as stored).
    pub fn from_datetime(at: DateTime<Utc>) -> Self {
        use chrono::Timelike;
        Self(at.with_nanosecond(0).unwrap_or(at))
    }

    /// Reads RFC 3339 in any offset; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text.trim()).ok().map(|at| Self::from_datetime(at.with_timezone(&Utc)))
    }

    /// The chrono instant.
    pub fn datetime(self) -> DateTime<Utc> {
        self.0
    }

    /// The UTC calendar day of the instant.
    pub fn date(self) -> NaiveDate {
        self.0.date_naive()
    }

    /// RFC 3339 to the second with `Z`, the stored and serialised form.
    pub fn to_rfc3339(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(at: DateTime<Utc>) -> Self {
        Self::from_datetime(at)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Compares with RFC 3339 text, so that a test or a check reads `assert_eq!(run.started_at, "2026-12-03T09:30:00Z")`.
impl PartialEq<&str> for Timestamp {
    fn eq(&self, other: &&str) -> bool {
        Self::parse(other) == Some(*self)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not an RFC 3339 instant such as 2026-12-03T09:30:00Z")))
    }
}

impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time", "description": "RFC 3339 instant in UTC, to the second" })
    }
}

impl rusqlite::types::ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.to_rfc3339()))
    }
}

impl rusqlite::types::FromSql for Timestamp {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        Self::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("`{text}` is not an RFC 3339 instant").into()))
    }
}

/// A fixed instant for a test, from RFC 3339 text.
#[cfg(test)]
pub(crate) fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap_or_else(|| panic!("`{text}` is not an RFC 3339 instant"))
}

/// A fixed day for a test, from `YYYY-MM-DD`.
#[cfg(test)]
pub(crate) fn on(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| panic!("`{text}` is not a day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_serialises_to_the_second_with_z_and_reads_any_offset() {
        let at = Timestamp::parse("2026-12-03T10:30:00.750+01:00").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-03T09:30:00Z");
        assert_eq!(serde_json::to_string(&at).unwrap(), "\"2026-12-03T09:30:00Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>("\"2026-12-03T09:30:00Z\"").unwrap(), at);
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").unwrap_err().to_string().contains("RFC 3339"));
        assert_eq!(Timestamp::parse("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn round_trips_through_sqlite_as_sortable_text() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let at = Timestamp::parse("2026-12-03T09:30:00Z").unwrap();
        let (stored, back): (String, Timestamp) = db.query_row("SELECT ?1, ?1", [at], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(stored, "2026-12-03T09:30:00Z");
        assert_eq!(back, at);
        let error = db.query_row("SELECT 'not a time'", [], |r| r.get::<_, Timestamp>(0)).unwrap_err();
        assert!(error.to_string().contains("not an RFC 3339 instant"), "{error}");
    }
}
