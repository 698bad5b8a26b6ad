//! Local telemetry: typed open-banking events with their required metadata, redaction, and the two local sinks
//! (the `telemetry_events` table and a rotating JSON-lines file in the profile). Nothing is ever sent anywhere.
//!
//! Every event definition lists its properties and flags the ones that could carry personal data; the one
//! redaction function, [`redact_open_banking_telemetry_payload`], removes flagged properties and masks any IBAN,
//! long digit run (account or card number) or counterparty field that slipped into free text, and runs before
//! anything is written.

use crate::domain::Timestamp;
use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A property of an event definition.
#[derive(Debug, Clone, Copy)]
pub struct PropertyDefinition {
    /// Property name.
    pub name: &'static str,
    /// True when it could carry personal data: it is always redacted.
    pub sensitive: bool,
}

/// An event definition.
#[derive(Debug, Clone, Copy)]
pub struct EventDefinition {
    /// Event name.
    pub name: &'static str,
    /// Its properties.
    pub properties: &'static [PropertyDefinition],
}

const fn open(name: &'static str) -> PropertyDefinition {
    PropertyDefinition { name, sensitive: false }
}

const fn sensitive(name: &'static str) -> PropertyDefinition {
    PropertyDefinition { name, sensitive: true }
}

const COMMON: [PropertyDefinition; 6] =
    [open("workflow"), open("status"), open("durationMs"), open("errorCode"), sensitive("errorDetail"), sensitive("accountLabels")];

/// `openbanking.accounts.synced`.
pub const ACCOUNTS_SYNCED: EventDefinition = EventDefinition {
    name: "openbanking.accounts.synced",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("received"), open("inserted"), open("updated"), open("removed")],
};
/// `openbanking.transactions.synced`.
pub const TRANSACTIONS_SYNCED: EventDefinition = EventDefinition {
    name: "openbanking.transactions.synced",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("received"), open("inserted"), open("updated"), open("removed"), sensitive("counterparties")],
};
/// `openbanking.balances.refreshed`.
pub const BALANCES_REFRESHED: EventDefinition = EventDefinition {
    name: "openbanking.balances.refreshed",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("received"), open("inserted"), open("updated"), open("removed")],
};
/// `openbanking.investments.synced`.
pub const INVESTMENTS_SYNCED: EventDefinition = EventDefinition {
    name: "openbanking.investments.synced",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("received"), open("inserted"), open("updated"), open("removed")],
};
/// `openbanking.loans.synced`.
pub const LOANS_SYNCED: EventDefinition = EventDefinition {
    name: "openbanking.loans.synced",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("received"), open("inserted"), open("updated"), open("removed")],
};
/// `openbanking.overview.generated`.
pub const OVERVIEW_GENERATED: EventDefinition = EventDefinition {
    name: "openbanking.overview.generated",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("documentVersion")],
};

/// `openbanking.connection.synced`: a bank connection synced on the user's request.
pub const CONNECTION_SYNCED: EventDefinition = EventDefinition {
    name: "openbanking.connection.synced",
    properties: &[COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4], COMMON[5], open("received"), open("inserted"), open("updated"), open("removed")],
};

/// Every event definition.
pub const EVENTS: [EventDefinition; 7] = [ACCOUNTS_SYNCED, TRANSACTIONS_SYNCED, BALANCES_REFRESHED, INVESTMENTS_SYNCED, LOANS_SYNCED, OVERVIEW_GENERATED, CONNECTION_SYNCED];

/// The metadata every event must carry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EventMetadata {
    /// Tenant id.
    pub tenant: String,
    /// App id.
    pub app: String,
    /// Blueprint id and version.
    pub blueprint: String,
    /// Integration config: spec id, environment and connection id.
    pub config: String,
}

/// One event as written to the sinks.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TelemetryEvent {
    /// Event name.
    pub name: &'static str,
    /// When.
    pub at: Timestamp,
    /// Required metadata.
    pub metadata: EventMetadata,
    /// Properties, redacted.
    pub properties: Map<String, Value>,
}

impl TelemetryEvent {
    /// Builds an event, keeping only properties its definition declares and redacting it.
    pub fn new(definition: &EventDefinition, at: Timestamp, metadata: EventMetadata, properties: Map<String, Value>) -> Self {
        let declared: Map<String, Value> =
            properties.into_iter().filter(|(k, _)| definition.properties.iter().any(|p| p.name == k)).collect();
        let redacted = redact_open_banking_telemetry_payload(definition, Value::Object(declared));
        let properties = match redacted {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        Self { name: definition.name, at, metadata, properties }
    }
}

const REDACTED: &str = "[redacted]";
/// Keys that name counterparty details wherever they appear in a payload.
const COUNTERPARTY_KEYS: [&str; 5] = ["counterparty", "counterparties", "account_identification", "accountIdentification", "iban"];

/// Removes flagged properties and masks personal identifiers anywhere in `payload`.
pub fn redact_open_banking_telemetry_payload(definition: &EventDefinition, payload: Value) -> Value {
    match payload {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let flagged = definition.properties.iter().any(|p| p.name == key && p.sensitive);
                    if flagged || COUNTERPARTY_KEYS.contains(&key.as_str()) {
                        (key, Value::String(REDACTED.into()))
                    } else {
                        (key, redact_value(value))
                    }
                })
                .collect(),
        ),
        other => redact_value(other),
    }
}

fn redact_value(value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(redact_text(&text)),
        Value::Array(items) => Value::Array(items.into_iter().map(redact_value).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| if COUNTERPARTY_KEYS.contains(&k.as_str()) { (k, Value::String(REDACTED.into())) } else { (k, redact_value(v)) })
                .collect(),
        ),
        other => other,
    }
}

/// Masks IBAN-shaped tokens (two letters, two digits, then 10 or more letters or digits, spaces allowed) and
/// digit runs of 8 or more (account and card numbers) in free text.
pub fn redact_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = iban_at(&chars, i) {
            out.push_str(REDACTED);
            i = end;
            continue;
        }
        if chars[i].is_ascii_digit() {
            let mut end = i;
            let mut digits = 0;
            while end < chars.len() && (chars[end].is_ascii_digit() || (chars[end] == ' ' && end + 1 < chars.len() && chars[end + 1].is_ascii_digit())) {
                if chars[end].is_ascii_digit() {
                    digits += 1;
                }
                end += 1;
            }
            if digits >= 8 {
                out.push_str(REDACTED);
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The end of an IBAN starting at `start`, if one does.
fn iban_at(chars: &[char], start: usize) -> Option<usize> {
    let at = |i: usize| chars.get(start + i).copied();
    if !(at(0)?.is_ascii_uppercase() && at(1)?.is_ascii_uppercase() && at(2)?.is_ascii_digit() && at(3)?.is_ascii_digit()) {
        return None;
    }
    if start > 0 && chars[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    // IBANs are upper case letters and digits, possibly grouped by single spaces.
    let iban_char = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
    let mut end = start + 4;
    let mut body = 0;
    while end < chars.len() && (iban_char(chars[end]) || (chars[end] == ' ' && chars.get(end + 1).is_some_and(|c| iban_char(*c)))) {
        if chars[end] != ' ' {
            body += 1;
        }
        end += 1;
        if body >= 30 {
            break;
        }
    }
    (body >= 10).then_some(end)
}

/// The JSON-lines sink: `telemetry.jsonl` in the profile, rotated at 1 MiB with three old files kept
/// (`telemetry.jsonl.1`, newest, to `.3`), so the log never takes more than 4 MiB.
#[derive(Debug, Clone)]
pub struct FileSink {
    path: PathBuf,
    rotate_bytes: u64,
}

const ROTATE_BYTES: u64 = 1024 * 1024;
/// Rotated files kept.
pub const KEEP_FILES: usize = 3;

impl FileSink {
    /// The sink of a profile directory.
    pub fn new(profile_dir: &Path) -> Self {
        Self { path: profile_dir.join("telemetry.jsonl"), rotate_bytes: ROTATE_BYTES }
    }

    /// A rotated file: `telemetry.jsonl.<n>`.
    fn rotated(&self, n: usize) -> PathBuf {
        self.path.with_extension(format!("jsonl.{n}"))
    }

    /// Deletes rotated files last written before `cutoff`, and any numbered beyond [`KEEP_FILES`] (an older
    /// build's, or one a failed rename left). The current file is never touched. Returns how many went.
    pub fn prune(&self, cutoff: std::time::SystemTime) -> Result<usize> {
        let Some(dir) = self.path.parent() else { return Ok(0) };
        let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
        let prefix = format!("{}.", self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        let mut removed = 0;
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(number) = name.strip_prefix(&prefix).and_then(|n| n.parse::<usize>().ok()) else { continue };
            let stale = entry.metadata().and_then(|m| m.modified()).map(|at| at < cutoff).unwrap_or(false);
            if number == 0 || number > KEEP_FILES || stale {
                std::fs::remove_file(entry.path()).map_err(|source| Error::Io { action: "delete", path: entry.path(), source })?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// The current file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one event (already redacted), rotating first when the file is full.
    pub fn write(&self, event: &TelemetryEvent) -> Result<()> {
        if std::fs::metadata(&self.path).map(|m| m.len() >= self.rotate_bytes).unwrap_or(false) {
            // The oldest goes first, explicitly: a rename onto an existing file is not allowed everywhere.
            let _ = std::fs::remove_file(self.rotated(KEEP_FILES));
            for n in (1..KEEP_FILES).rev() {
                let from = self.rotated(n);
                if from.exists() {
                    let _ = std::fs::rename(&from, self.rotated(n + 1));
                }
            }
            std::fs::rename(&self.path, self.path.with_extension("jsonl.1"))
                .map_err(|source| Error::Io { action: "rotate", path: self.path.clone(), source })?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|source| Error::Io { action: "open", path: self.path.clone(), source })?;
        let line = serde_json::to_string(event).expect("events serialize");
        writeln!(file, "{line}").map_err(|source| Error::Io { action: "append to", path: self.path.clone(), source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn flagged_properties_and_undeclared_ones_never_survive() {
        let mut properties = Map::new();
        properties.insert("received".into(), Value::from(12));
        properties.insert("errorDetail".into(), Value::from("bank said: FR7630004000031234567890143 refused"));
        properties.insert("counterparties".into(), Value::from(vec!["ACME SAS"]));
        properties.insert("undeclared".into(), Value::from("anything"));
        let metadata = EventMetadata { tenant: "t".into(), app: "a".into(), blueprint: "b@1".into(), config: "c".into() };
        let event = TelemetryEvent::new(&TRANSACTIONS_SYNCED, crate::domain::time::at("2026-11-25T10:00:00Z"), metadata, properties);
        assert_eq!(event.properties["received"], 12);
        assert_eq!(event.properties["errorDetail"], REDACTED);
        assert_eq!(event.properties["counterparties"], REDACTED);
        assert!(!event.properties.contains_key("undeclared"));
    }

    #[test]
    fn rotation_keeps_three_old_files_and_prune_removes_stale_and_stray_ones() {
        let dir = tempfile::tempdir().unwrap();
        let sink = FileSink { rotate_bytes: 600, ..FileSink::new(dir.path()) };
        let metadata = EventMetadata { tenant: "t".into(), app: "a".into(), blueprint: "b@1".into(), config: "c".into() };
        let event = TelemetryEvent::new(&ACCOUNTS_SYNCED, crate::domain::time::at("2026-11-25T10:00:00Z"), metadata, Map::new());
        for _ in 0..200 {
            sink.write(&event).unwrap();
        }
        let names = |dir: &Path| {
            let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            names
        };
        assert_eq!(names(dir.path()), ["telemetry.jsonl", "telemetry.jsonl.1", "telemetry.jsonl.2", "telemetry.jsonl.3"]);
        let total: u64 = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
        assert!(total <= 4 * (600 + 400), "bounded: {total} bytes");

        std::fs::write(dir.path().join("telemetry.jsonl.7"), b"left by an older build").unwrap();
        let old = std::fs::File::options().write(true).open(sink.rotated(3)).unwrap();
        let year_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(401 * 86_400);
        old.set_modified(year_ago).unwrap();
        let cutoff = std::time::SystemTime::now() - std::time::Duration::from_secs(400 * 86_400);
        assert_eq!(sink.prune(cutoff).unwrap(), 2);
        assert_eq!(names(dir.path()), ["telemetry.jsonl", "telemetry.jsonl.1", "telemetry.jsonl.2"]);
    }

    #[test]
    fn free_text_loses_ibans_and_long_numbers_but_keeps_the_rest() {
        assert_eq!(redact_text("paid FR76 3000 4000 0312 3456 7890 143 today"), format!("paid {REDACTED} today"));
        assert_eq!(redact_text("card 4970 1012 3456 7890 ok"), format!("card {REDACTED} ok"));
        assert_eq!(redact_text("account 02123665481"), format!("account {REDACTED}"));
        assert_eq!(redact_text("3 pages, 1000 rows, code invalidToken"), "3 pages, 1000 rows, code invalidToken");
    }

    fn iban() -> impl Strategy<Value = String> {
        ("[A-Z]{2}", "[0-9]{2}", "[A-Z0-9]{10,26}").prop_map(|(c, d, b)| format!("{c}{d}{b}"))
    }

    proptest! {
        #[test]
        fn redaction_removes_every_generated_identifier(
            iban in iban(),
            number in "[0-9]{8,16}",
            party in "[A-Z][A-Z ]{3,20}",
            prefix in "[a-z ]{0,12}",
            suffix in "[a-z ]{0,12}",
        ) {
            let payload = serde_json::json!({
                "received": 3,
                "status": format!("{prefix} {iban} {suffix}"),
                "workflow": format!("{prefix}{number}{suffix}"),
                "nested": { "counterparty": { "label": party.clone(), "account_identification": iban.clone() }, "note": [number.clone()] },
            });
            let redacted = redact_open_banking_telemetry_payload(&TRANSACTIONS_SYNCED, payload).to_string();
            prop_assert!(!redacted.contains(&iban), "{redacted}");
            prop_assert!(!redacted.contains(&number), "{redacted}");
            prop_assert!(!redacted.contains(&party), "{redacted}");
        }
    }
}
