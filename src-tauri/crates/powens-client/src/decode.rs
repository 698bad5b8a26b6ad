//! Decoding a Powens body into a wire type, with an error that names the endpoint, the JSON path and the kind of
//! problem, and never the value that caused it.
//!
//! `serde_json` quotes the offending value ("invalid type: integer `12345678901`, expected a string"), and that value
//! is often an account number, an IBAN or a label. The message is rebuilt here from known shapes, keeping only the
//! kind of value found and what was expected (which comes from our own types, never from the payload); anything of an
//! unknown shape is replaced by a fixed text rather than passed on.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Decodes `body`, the answer of `endpoint`, into `T`.
pub fn decode<T: DeserializeOwned>(endpoint: &'static str, body: &[u8]) -> Result<T> {
    // Every Powens answer is an object. serde would also build a struct from an array (`[[]]` as an accounts list
    // holding no accounts), which would read a garbled answer as "everything was deleted".
    if body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|first| *first != b'{') {
        return Err(Error::Decode { endpoint, path: ".".into(), message: "the answer is not a JSON object".into() });
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| Error::Decode { endpoint, path: safe_path(error.path()), message: describe(error.inner()) })?;
    // A document followed by more than whitespace is not the answer Powens meant to send.
    deserializer.end().map_err(|error| Error::Decode { endpoint, path: ".".into(), message: describe(&error) })?;
    Ok(value)
}

/// Messages this crate's own deserializers raise (`model::decimal`); fixed texts, so they pass as they are.
pub(crate) const OWN_MESSAGES: &[&str] = &[AMOUNT_NOT_FINITE, AMOUNT_NOT_DECIMAL, AMOUNT_OUT_OF_RANGE];
pub(crate) const AMOUNT_NOT_FINITE: &str = "amount is not a finite number";
pub(crate) const AMOUNT_NOT_DECIMAL: &str = "amount string is not a decimal number";
pub(crate) const AMOUNT_OUT_OF_RANGE: &str = "amount is out of range";

/// The kinds of value serde names in "invalid type/value" errors (`serde::de::Unexpected` as serde_json prints it).
/// Longer names first where one is a prefix of another.
const KINDS: &[&str] = &[
    "boolean", "integer", "floating point", "character", "string", "byte array", "unit value", "unit variant", "null",
    "Option value", "newtype struct", "newtype variant", "tuple variant", "struct variant", "sequence", "map", "enum",
];

/// The JSON path as `accounts[3].number`, `.` for the document itself. Keys come from the payload, and a key that
/// is not shaped like a Powens field name (lower-case snake case) could be anything, a label or an IBAN: it is shown
/// as `?`.
fn safe_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let field_like = |key: &str| {
        key.len() <= 40
            && key.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(if field_like(key) { key } else { "?" });
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

/// A secret-free description of a serde_json error: the kind of problem, never the value.
fn describe(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&position).unwrap_or(&full);
    match error.classify() {
        // Syntax errors are serde_json's fixed texts ("expected `,` or `]`", "EOF while parsing a string"); the
        // position helps find where a truncated or garbled body broke, and is not a value.
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => full,
        serde_json::error::Category::Io => "the body could not be read".into(),
        serde_json::error::Category::Data => data_message(message),
    }
}

/// Rebuilds a data error from its known shapes.
fn data_message(message: &str) -> String {
    for head in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(head) {
            // The value sits between the head and the last ", expected ": whatever it contains, only its kind stays.
            let (found, expected) = split_expected(rest);
            let kind = KINDS.iter().find(|kind| found.starts_with(*kind)).copied().unwrap_or("a value");
            return format!("{head}{kind}{expected}");
        }
    }
    for head in ["unknown variant ", "unknown field "] {
        if let Some(rest) = message.strip_prefix(head) {
            let tail = rest.rfind(", expected ").or_else(|| rest.rfind(", there are no ")).map_or("", |at| &rest[at..]);
            return format!("{}{tail}", head.trim_end());
        }
    }
    // Field names in these come from our own types (`&'static str`), lengths are counts: neither is payload data.
    let own_words = ["missing field `", "duplicate field `", "invalid length "];
    if own_words.iter().any(|head| message.starts_with(head)) || OWN_MESSAGES.contains(&message) {
        return message.to_string();
    }
    "a value of an unexpected form".into()
}

/// `("integer `5`", ", expected a string")` from "integer `5`, expected a string".
fn split_expected(rest: &str) -> (&str, &str) {
    match rest.rfind(", expected ") {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Wire {
        number: Option<String>,
        flag: Option<bool>,
        count: Option<i64>,
        #[serde(default, deserialize_with = "crate::model::decimal::optional_amount")]
        amount: Option<rust_decimal::Decimal>,
        kind: Option<Kind>,
        items: Option<Vec<Item>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Card,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: i64,
    }

    fn message(json: &str) -> (String, String) {
        match decode::<Wire>("GET /test", json.as_bytes()) {
            Err(Error::Decode { path, message, .. }) => (path, message),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn values_are_dropped_and_the_kind_of_problem_kept() {
        let cases = [
            (r#"{"number": 12345678901}"#, "number", "invalid type: integer, expected a string", "12345678901"),
            (r#"{"number": -42.125}"#, "number", "invalid type: floating point, expected a string", "42.125"),
            (r#"{"number": true}"#, "number", "invalid type: boolean, expected a string", "true"),
            (r#"{"flag": "FR7630004000031234567890143"}"#, "flag", "invalid type: string, expected a boolean", "FR76300040"),
            (r#"{"flag": "x, expected y, expected z"}"#, "flag", "invalid type: string, expected a boolean", "expected z"),
            (r#"{"count": 18446744073709551615}"#, "count", "invalid value: integer, expected i64", "18446744073709551615"),
            (r#"{"count": "DUPONT Jean"}"#, "count", "invalid type: string, expected i64", "DUPONT"),
            (r#"{"kind": "Loyer avenue Foch"}"#, "kind", "unknown variant, expected `card`", "Foch"),
            (r#"{"amount": "douze euros"}"#, "amount", "amount string is not a decimal number", "douze"),
            (r#"{"amount": [1]}"#, "amount", "invalid type: sequence, expected a decimal amount as a JSON number or string, or null", "[1]"),
            (r#"{"items": [{"id": 1}, {}]}"#, "items[1]", "missing field `id`", "\u{0}"),
            (r#"{"items": {"id": 1}}"#, "items", "invalid type: map, expected a sequence", "\u{0}"),
        ];
        for (json, want_path, want_message, secret) in cases {
            let (path, message) = message(json);
            assert_eq!(path, want_path, "{json}");
            assert_eq!(message, want_message, "{json}");
            assert!(!message.contains(secret), "{json}: {message}");
        }
    }

    #[test]
    fn syntax_errors_keep_their_fixed_text_and_position() {
        let (_, truncated) = message(r#"{"number": "0212366548"#);
        assert!(truncated.starts_with("EOF while parsing a string at line 1"), "{truncated}");
        assert!(!truncated.contains("0212366548"));
        let (path, trailing) = message(r#"{"number": null} {"number": "0212366548"}"#);
        assert_eq!(path, ".");
        assert!(trailing.starts_with("trailing characters"), "{trailing}");
    }

    #[test]
    fn only_an_object_is_an_answer() {
        for json in ["[[]]", " [{\"number\": \"x\"}]", "\"0212366548\"", "12345678901", "null"] {
            let (path, message) = message(json);
            assert_eq!((path.as_str(), message.as_str()), (".", "the answer is not a JSON object"), "{json}");
        }
        let (_, empty) = message("");
        assert!(empty.starts_with("EOF while parsing a value"), "{empty}");
    }

    #[test]
    fn keys_that_are_not_field_names_are_not_shown_in_the_path() {
        let (path, _) = message(r#"{"items": [{"id": 1, "FR7630004000031234567890143": [1, 2"#);
        assert_eq!(path, "items[0].?");
        let (path, _) = message(r#"{"Loyer avenue Foch": [1, {"x": "#);
        assert_eq!(path, "?");
        let (path, _) = message(r#"{"items": [{"id": 1}, {"id": "7"}]}"#);
        assert_eq!(path, "items[1].id", "field names and indices stay");
    }

    #[test]
    fn unknown_shapes_are_withheld() {
        assert_eq!(data_message("data did not match: secret-value"), "a value of an unexpected form");
        assert_eq!(data_message("invalid type: quux `secret`, expected a string"), "invalid type: a value, expected a string");
        assert_eq!(data_message(AMOUNT_OUT_OF_RANGE), AMOUNT_OUT_OF_RANGE);
    }
}
