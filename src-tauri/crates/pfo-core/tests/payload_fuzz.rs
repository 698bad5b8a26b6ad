//! Fuzzing of the Powens payload decoding and mapping: arbitrary JSON, and a corpus of real sandbox responses
//! (`tests/corpus/`, captured from `powens-sandbox`) mutated field by field, go through the client's wire types and
//! pfo-core's mapping. Decoding goes through `powens_client::decode`, from bytes, exactly as a Powens answer does.
//! Whatever comes in: no panic; every refusal is a typed error (`powens.bad_payload` naming the endpoint and path, or
//! `provider.bad_payload`) whose text quotes no value of the payload (no IBAN, number, label, counterparty, token or
//! amount: mutations plant such values in the wrong types on purpose); a payload without its list is refused; what
//! maps, maps every item once; and each of the three outcomes is common enough to show the checks ran.

use pfo_core::provider::map;
use powens_client::model::{AccountList, AuthInit, ConnectionList, TransactionPage};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

const CASES: u32 = 2_500;
static FUZZED: AtomicU64 = AtomicU64::new(0);

fn corpus(name: &str) -> Value {
    if name == "auth.json" {
        // The answer of POST /auth/init; its token is exactly what no message may ever carry.
        return serde_json::json!({ "auth_token": "tok_0a1b2c3d4e5f60718293a4b5c6d7e8f9", "type": "permanent", "id_user": 1, "expires_in": null });
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Any JSON value, nested a few levels, with the scalar kinds Powens payloads mix up (numbers as strings, nulls,
/// dates, huge numbers, unicode).
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "[-0-9.eE]{0,12}".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?".prop_map(Value::String),
        "\\PC{0,16}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value inside `value`.
fn paths(value: &Value, prefix: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let mut path = prefix.clone();
                path.push(PathStep::Key(key.clone()));
                out.push(path.clone());
                paths(child, path, out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                let mut path = prefix.clone();
                path.push(PathStep::Index(index));
                out.push(path.clone());
                paths(child, path, out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn at<'a>(value: &'a mut Value, path: &[PathStep]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |current, step| match step {
        PathStep::Key(key) => current.get_mut(key.as_str()),
        PathStep::Index(index) => current.get_mut(*index),
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(Value),
    Remove,
    Stringify,
    /// A personal value, in a shape the field does not take.
    Plant(Value),
}

fn planted() -> impl Strategy<Value = Value> {
    let text = prop::sample::select(PLANTED).prop_map(Value::from);
    prop_oneof![
        text.clone(),
        Just(Value::from(PLANTED_NUMBER)),
        Just(Value::from(-(PLANTED_NUMBER as f64) / 100.0)),
        text.clone().prop_map(|t| Value::Array(vec![t])),
        text.prop_map(|t| serde_json::json!({ "label": t })),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        arbitrary_json().prop_map(Mutation::Replace),
        Just(Mutation::Remove),
        Just(Mutation::Stringify),
        planted().prop_map(Mutation::Plant),
    ]
}

/// Applies up to three mutations at chosen places of the corpus document.
fn mutated(mut document: Value, picks: &[(prop::sample::Index, Mutation)]) -> Value {
    for (pick, mutation) in picks {
        let mut all = Vec::new();
        paths(&document, Vec::new(), &mut all);
        if all.is_empty() {
            break;
        }
        let path = &all[pick.index(all.len())];
        match mutation {
            Mutation::Replace(value) => {
                if let Some(slot) = at(&mut document, path) {
                    *slot = value.clone();
                }
            }
            Mutation::Plant(value) => {
                if let Some(slot) = at(&mut document, path) {
                    OUTCOMES.planted.fetch_add(1, Ordering::Relaxed);
                    *slot = value.clone();
                }
            }
            Mutation::Stringify => {
                if let Some(slot) = at(&mut document, path) {
                    *slot = Value::String(slot.to_string());
                }
            }
            Mutation::Remove => {
                let (last, parent) = path.split_last().expect("a non-empty path");
                if let Some(parent) = at(&mut document, parent) {
                    match (parent, last) {
                        (Value::Object(map), PathStep::Key(key)) => {
                            map.remove(key);
                        }
                        (Value::Array(items), PathStep::Index(index)) if *index < items.len() => {
                            items.remove(*index);
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    document
}

/// What one payload came to; counted so that the run proves it reached every outcome.
#[derive(Debug, Default)]
struct Outcomes {
    mapped: AtomicU64,
    decode_refused: AtomicU64,
    mapping_refused: AtomicU64,
    planted: AtomicU64,
}

static OUTCOMES: Outcomes =
    Outcomes { mapped: AtomicU64::new(0), decode_refused: AtomicU64::new(0), mapping_refused: AtomicU64::new(0), planted: AtomicU64::new(0) };

/// Personal values of the kinds Powens sends, planted by the mutations in places that expect another type (an
/// account number as a JSON number, an IBAN where a boolean goes, a label where an object goes): exactly the
/// values `serde_json` would quote in its messages.
const PLANTED: &[&str] = &["FR7630004000031234567890143", "DUPONT Jean-Michel", "Loyer avenue Foch", "tok_9f8e7d6c5b4a39281706"];
const PLANTED_NUMBER: i64 = 12_345_678_901;

/// Every value of `payload` an error text must not contain: whole strings, their escaped form (serde quotes strings
/// with `{:?}`), and the renderings of numbers; except values shorter than six characters (words like "EUR" or
/// "card" occur in any text).
fn payload_values(payload: &Value) -> (Vec<String>, Vec<String>) {
    fn walk(value: &Value, strings: &mut Vec<String>, numbers: &mut Vec<String>) {
        match value {
            Value::String(text) => {
                let escaped = format!("{text:?}");
                for candidate in [text.clone(), escaped[1..escaped.len() - 1].to_string()] {
                    if candidate.chars().count() >= 6 {
                        strings.push(candidate);
                    }
                }
            }
            Value::Number(number) => {
                let mut renderings = vec![number.to_string()];
                if let Some(float) = number.as_f64() {
                    renderings.extend([format!("{float}"), format!("{float:?}")]);
                }
                numbers.extend(renderings.into_iter().filter(|r| r.trim_start_matches('-').len() >= 6));
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, strings, numbers)),
            Value::Object(map) => map.values().for_each(|v| walk(v, strings, numbers)),
            _ => {}
        }
    }
    let (mut strings, mut numbers) = (Vec::new(), Vec::new());
    walk(payload, &mut strings, &mut numbers);
    (strings, numbers)
}

/// The first value of `payload` that `text` (an error's message) contains, if any: a string anywhere in it, a
/// number as a whole token (so that `1234567` is not found inside `91234567`). `record_ids` are the Powens ids of
/// the decoded records: not personal, and named on purpose in mapping refusals ("transaction 9826002 has no
/// `date`") so that support can find the record.
fn quoted_value(text: &str, payload: &Value, record_ids: &[i64]) -> Option<String> {
    let (strings, numbers) = payload_values(payload);
    if let Some(value) = strings.into_iter().find(|value| text.contains(value.as_str())) {
        return Some(value);
    }
    let ids: Vec<String> = record_ids.iter().map(i64::to_string).collect();
    let tokens: Vec<&str> = text.split(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))).collect();
    numbers.into_iter().find(|n| tokens.contains(&n.as_str()) && !ids.contains(n))
}

/// Fails if `text` quotes a value of `payload`; the failure shows the text with that value blanked out, so that a
/// leak is not repeated in the test output.
fn assert_quotes_nothing(text: &str, payload: &Value, record_ids: &[i64]) {
    if let Some(value) = quoted_value(text, payload, record_ids) {
        panic!("an error quoted a value of the payload: {}", text.replace(&value, "[VALUE]"));
    }
}

/// A refusal of the client's decoder: `powens.bad_payload`, naming the endpoint, quoting nothing.
fn check_decode(error: powens_client::Error, endpoint: &str, payload: &Value) {
    OUTCOMES.decode_refused.fetch_add(1, Ordering::Relaxed);
    assert!(matches!(error, powens_client::Error::Decode { .. }), "a decode refusal is Error::Decode: {error:?}");
    let error = pfo_core::Error::from(error);
    assert_eq!(error.code(), "powens.bad_payload");
    let text = error.to_string();
    assert!(text.starts_with(&format!("Powens sent data this app cannot read ({endpoint}, at `")), "{text}");
    assert!(text.contains("report it if it persists"), "the message says what to do: {text}");
    assert_quotes_nothing(&text, payload, &[]);
}

/// A refusal of the mapping: `provider.bad_payload`, quoting nothing but the ids of the records it refused.
fn check_mapping(error: pfo_core::Error, payload: &Value, record_ids: &[i64]) {
    OUTCOMES.mapping_refused.fetch_add(1, Ordering::Relaxed);
    assert_eq!(error.code(), "provider.bad_payload", "mapping refusals are typed: {error}");
    assert_quotes_nothing(&error.to_string(), payload, record_ids);
}

/// Decodes `payload` as the client does (from bytes, through `powens_client::decode`) and maps it; panics only if
/// the code under test panics, an error leaks a value, or a result contradicts its payload.
fn exercise(kind: &str, payload: Value) {
    FUZZED.fetch_add(1, Ordering::Relaxed);
    let bytes = serde_json::to_vec(&payload).unwrap();
    let now = pfo_core::domain::Timestamp::parse("2026-11-25T10:00:00Z").unwrap();
    match kind {
        "accounts" => match powens_client::decode::<AccountList>("GET /users/me/accounts", &bytes) {
            Err(error) => check_decode(error, "GET /users/me/accounts", &payload),
            Ok(list) => {
                assert!(payload.get("accounts").is_some_and(Value::is_array), "a payload without its list is refused, not empty");
                let connections: ConnectionList = serde_json::from_value(corpus("connections.json")).unwrap();
                let ids: Vec<i64> = list.accounts.iter().flat_map(|a| [Some(a.id), a.id_connection]).flatten().collect();
                match map::accounts_snapshot(&connections.connections, &list.accounts, now) {
                    Err(error) => check_mapping(error, &payload, &ids),
                    Ok(snapshot) => {
                        OUTCOMES.mapped.fetch_add(1, Ordering::Relaxed);
                        let ids: Vec<String> = list.accounts.iter().map(|a| format!("powens:{}", a.id)).collect();
                        let mapped: Vec<String> = snapshot.accounts.iter().map(|a| a.id.to_string()).collect();
                        assert_eq!(mapped, ids, "every account mapped once, in order");
                    }
                }
                if let Err(error) = map::balances(&list.accounts, now) {
                    check_mapping(error, &payload, &ids);
                }
            }
        },
        "connections" => match powens_client::decode::<ConnectionList>("GET /users/me/connections", &bytes) {
            Err(error) => check_decode(error, "GET /users/me/connections", &payload),
            Ok(list) => {
                assert!(payload.get("connections").is_some_and(Value::is_array), "a payload without its list is refused, not empty");
                let snapshot = map::accounts_snapshot(&list.connections, &[], now).expect("connections alone always map");
                OUTCOMES.mapped.fetch_add(1, Ordering::Relaxed);
                assert_eq!(snapshot.connections.len(), list.connections.len());
            }
        },
        "auth" => match powens_client::decode::<AuthInit>("POST /auth/init", &bytes) {
            Err(error) => check_decode(error, "POST /auth/init", &payload),
            Ok(init) => {
                OUTCOMES.mapped.fetch_add(1, Ordering::Relaxed);
                // Debug must not depend on the token at all: the same answer with another token prints the same.
                // (Comparing texts, not searching for the token, because a mutation may copy it into `type`.)
                let printed = format!("{init:?}");
                let mut other = init;
                other.auth_token = format!("{}-other", other.auth_token);
                assert_eq!(printed, format!("{other:?}"), "Debug hides the token");
            }
        },
        _ => match powens_client::decode::<TransactionPage>("GET /users/me/transactions", &bytes) {
            Err(error) => check_decode(error, "GET /users/me/transactions", &payload),
            Ok(page) => {
                assert!(payload.get("transactions").is_some_and(Value::is_array), "a page without its list is refused, not empty");
                let currencies: HashMap<String, String> = (1001..1100).map(|id| (id.to_string(), "EUR".to_string())).collect();
                let ids: Vec<i64> = page.transactions.iter().flat_map(|t| [t.id, t.id_account]).collect();
                match map::transactions(&page.transactions, &currencies, now) {
                    Err(error) => check_mapping(error, &payload, &ids),
                    Ok(records) => {
                        OUTCOMES.mapped.fetch_add(1, Ordering::Relaxed);
                        assert_eq!(records.len(), page.transactions.len(), "every transaction mapped once");
                    }
                }
            }
        },
    }
}

#[test]
fn the_corpus_decodes_and_maps_whole() {
    let accounts: AccountList = serde_json::from_value(corpus("accounts.json")).unwrap();
    let connections: ConnectionList = serde_json::from_value(corpus("connections.json")).unwrap();
    let page: TransactionPage = serde_json::from_value(corpus("transactions.json")).unwrap();
    let snapshot = map::accounts_snapshot(&connections.connections, &accounts.accounts, pfo_core::domain::Timestamp::parse("2026-11-25T10:00:00Z").unwrap()).unwrap();
    assert_eq!(snapshot.accounts.len(), accounts.accounts.len());
    let currencies: HashMap<String, String> = snapshot.accounts.iter().map(|a| (a.id.external().to_string(), a.currency.to_string())).collect();
    assert_eq!(map::transactions(&page.transactions, &currencies, pfo_core::domain::Timestamp::parse("2026-11-25T10:00:00Z").unwrap()).unwrap().len(), 40);
}

#[test]
fn arbitrary_and_mutated_payloads_never_panic_and_fail_typed() {
    let config = ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() };
    let kinds = prop::sample::select(vec!["accounts", "connections", "transactions", "auth"]);

    let mut runner = proptest::test_runner::TestRunner::new(config.clone());
    runner
        .run(&(arbitrary_json(), kinds.clone()), |(payload, kind)| {
            exercise(kind, payload.clone());
            // The same value where each kind expects its list.
            exercise(
                kind,
                serde_json::json!({ "accounts": [payload.clone()], "connections": [payload.clone()], "transactions": [payload.clone()], "auth_token": payload }),
            );
            Ok(())
        })
        .unwrap();

    let mut runner = proptest::test_runner::TestRunner::new(config);
    runner
        .run(&(prop::collection::vec((any::<prop::sample::Index>(), mutation()), 1..4), kinds), |(picks, kind)| {
            exercise(kind, mutated(corpus(&format!("{kind}.json")), &picks));
            Ok(())
        })
        .unwrap();

    let fuzzed = FUZZED.load(Ordering::Relaxed);
    let count = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let (mapped, decode_refused, mapping_refused, planted) =
        (count(&OUTCOMES.mapped), count(&OUTCOMES.decode_refused), count(&OUTCOMES.mapping_refused), count(&OUTCOMES.planted));
    println!(
        "payloads fuzzed through decoding and mapping: {fuzzed} ({mapped} mapped, {decode_refused} refused by the decoder, \
         {mapping_refused} by the mapping; {planted} personal values planted)"
    );
    assert!(fuzzed >= u64::from(CASES) * 3, "every case ran ({fuzzed})");
    // A fuzzer whose inputs all fail at the first hurdle (or all pass) checks nothing: each outcome must occur
    // often enough for its checks to have run. Mapping refusals are the rarest (about 0.8 % of payloads, ~60 a run);
    // ten is six standard deviations below that, so the floor fails on a broken generator, not on bad luck.
    let floor = u64::from(CASES) / 10;
    assert!(mapped >= floor, "only {mapped} payloads decoded and mapped");
    assert!(decode_refused >= floor, "only {decode_refused} decoder refusals");
    assert!(mapping_refused >= 10, "only {mapping_refused} mapping refusals");
    assert!(planted >= floor, "only {planted} personal values planted");
}

#[test]
fn the_leak_check_catches_what_serde_json_would_have_quoted() {
    // The messages the client produced before it rebuilt them: the check must refuse each.
    let payload = serde_json::json!({ "accounts": [{ "id": 9826002, "number": PLANTED_NUMBER, "iban": PLANTED[0], "value": -204.23 }] });
    for leaked in [
        format!("invalid type: integer `{PLANTED_NUMBER}`, expected a string"),
        format!("invalid type: string {:?}, expected a boolean", PLANTED[0]),
        "amount -204.23 is out of range".to_string(),
    ] {
        assert!(quoted_value(&leaked, &payload, &[9826002]).is_some(), "the check let a quoted value through: {leaked}");
    }
    // Record ids are named on purpose, and a number inside a longer one is not that number.
    assert_eq!(quoted_value("transaction 9826002 has no `date`", &payload, &[9826002]), None);
    assert!(quoted_value("transaction 9826002 has no `date`", &payload, &[]).is_some(), "only the records' own ids pass");
    assert_eq!(quoted_value("line 1 column 912345678901", &serde_json::json!({ "n": 12345678901_i64 }), &[]), None);

    // And the real decoder, fed the first message's payload, quotes nothing.
    let error = powens_client::decode::<AccountList>("GET /users/me/accounts", payload.to_string().as_bytes()).unwrap_err();
    assert_eq!(quoted_value(&pfo_core::Error::from(error).to_string(), &payload, &[]), None);
}
