//! Fuzzing of the Powens payload decoding and mapping: arbitrary JSON, and a corpus of real sandbox responses
//! (`tests/corpus/`, captured from `powens-sandbox`) mutated field by field, go through the client's wire types and
//! pfo-core's mapping. Whatever comes in: no panic, and every refusal is a typed error (a serde error naming the
//! path, or `provider.bad_payload`) whose text never quotes an identifier from the payload.

use pfo_core::provider::map;
use powens_client::model::{AccountList, ConnectionList, TransactionPage};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

const CASES: u32 = 2_500;
static FUZZED: AtomicU64 = AtomicU64::new(0);

fn corpus(name: &str) -> Value {
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
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![arbitrary_json().prop_map(Mutation::Replace), Just(Mutation::Remove), Just(Mutation::Stringify)]
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

/// Identifiers of the corpus that an error message must never quote.
fn corpus_identifiers() -> Vec<String> {
    let accounts = corpus("accounts.json");
    let mut found = Vec::new();
    for account in accounts["accounts"].as_array().unwrap() {
        for field in ["iban", "number"] {
            if let Some(value) = account[field].as_str() {
                found.push(value.to_string());
            }
        }
    }
    found
}

/// Decodes and maps one payload of each kind; panics only if the code under test panics or an error leaks.
fn exercise(kind: &str, payload: Value) {
    FUZZED.fetch_add(1, Ordering::Relaxed);
    let check = |error: pfo_core::Error| {
        assert_eq!(error.code(), "provider.bad_payload", "mapping refusals are typed: {error}");
        let text = error.to_string();
        for identifier in corpus_identifiers() {
            assert!(!text.contains(&identifier), "an error quoted an identifier");
        }
    };
    match kind {
        "accounts" => {
            if let Ok(list) = serde_json::from_value::<AccountList>(payload) {
                let connections: ConnectionList = serde_json::from_value(corpus("connections.json")).unwrap();
                if let Err(error) = map::accounts_snapshot(&connections.connections, &list.accounts, "2026-11-25T10:00:00Z") {
                    check(error);
                }
                if let Err(error) = map::balances(&list.accounts, "2026-11-25T10:00:00Z") {
                    check(error);
                }
            }
        }
        "connections" => {
            if let Ok(list) = serde_json::from_value::<ConnectionList>(payload) {
                let snapshot = map::accounts_snapshot(&list.connections, &[], "2026-11-25T10:00:00Z").expect("connections alone always map");
                assert_eq!(snapshot.connections.len(), list.connections.len());
            }
        }
        _ => {
            if let Ok(page) = serde_json::from_value::<TransactionPage>(payload) {
                let currencies: HashMap<String, String> = (1001..1100).map(|id| (id.to_string(), "EUR".to_string())).collect();
                if let Err(error) = map::transactions(&page.transactions, &currencies, "2026-11-25T10:00:00Z") {
                    check(error);
                }
            }
        }
    }
}

#[test]
fn the_corpus_decodes_and_maps_whole() {
    let accounts: AccountList = serde_json::from_value(corpus("accounts.json")).unwrap();
    let connections: ConnectionList = serde_json::from_value(corpus("connections.json")).unwrap();
    let page: TransactionPage = serde_json::from_value(corpus("transactions.json")).unwrap();
    let snapshot = map::accounts_snapshot(&connections.connections, &accounts.accounts, "now").unwrap();
    assert_eq!(snapshot.accounts.len(), accounts.accounts.len());
    let currencies: HashMap<String, String> = snapshot.accounts.iter().map(|a| (a.id.trim_start_matches("powens:").to_string(), a.currency.clone())).collect();
    assert_eq!(map::transactions(&page.transactions, &currencies, "now").unwrap().len(), 40);
}

#[test]
fn arbitrary_and_mutated_payloads_never_panic_and_fail_typed() {
    let config = ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() };
    let kinds = prop::sample::select(vec!["accounts", "connections", "transactions"]);

    let mut runner = proptest::test_runner::TestRunner::new(config.clone());
    runner
        .run(&(arbitrary_json(), kinds.clone()), |(payload, kind)| {
            exercise(kind, payload.clone());
            // The same value where each kind expects its list.
            exercise(kind, serde_json::json!({ "accounts": [payload.clone()], "connections": [payload.clone()], "transactions": [payload] }));
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
    println!("payloads fuzzed through decoding and mapping: {fuzzed}");
    assert!(fuzzed >= u64::from(CASES) * 3, "every case ran ({fuzzed})");
}
