//! The `pfo` binary as a script would use it: real process, real keyring, real encrypted files.

use std::process::{Command, Output};

fn pfo(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pfo"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("PFO_DATA_DIR")
        .env("PFO_CLOCK", CLOCK)
        .output()
        .expect("run pfo")
}

/// A fixed instant, so the demo household is the same in every run of these tests.
const CLOCK: &str = "2026-11-25T10:00:00Z";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn raw_identifiers() -> Vec<String> {
    let household = powens_sandbox::household::generate(powens_sandbox::DEMO_SEED, chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    household.accounts.iter().flat_map(|a| [Some(a.number.clone()), a.iban.clone()]).flatten().collect()
}

#[test]
fn sync_then_list_as_json_prints_the_stored_accounts_masked() {
    let dir = tempfile::tempdir().unwrap();
    let sync = pfo(dir.path(), &["sync"]);
    assert!(sync.status.success(), "{}", text(&sync.stderr));
    assert!(text(&sync.stderr).contains("Demo mode"), "demo data is announced");
    assert!(text(&sync.stdout).contains("sync-openbanking-accounts: 10 received, 10 new"), "{}", text(&sync.stdout));
    assert!(text(&sync.stdout).contains("sync-openbanking-transactions:"), "{}", text(&sync.stdout));

    let list = pfo(dir.path(), &["accounts", "list", "--json"]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).expect("stdout is JSON");
    assert_eq!(json["mode"], "demo");
    let accounts = json["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 9, "the demo household's active accounts");
    assert!(accounts.iter().any(|a| a["currency"] == "CHF") && accounts.iter().any(|a| a["currency"] == "USD"));
    for account in accounts {
        for field in ["iban", "number"] {
            if let Some(value) = account[field].as_str() {
                assert!(value.contains("••••"), "{field} is masked: {value}");
            }
        }
        assert!(account["balance"].is_string(), "money crosses as a string");
    }

    let table = pfo(dir.path(), &["accounts", "list", "--all"]);
    let table_text = text(&table.stdout);
    assert!(table_text.contains("Compte à terme") && table_text.contains("disabled"), "{table_text}");
    for output in [text(&list.stdout), table_text, text(&sync.stdout), text(&sync.stderr)] {
        for raw in raw_identifiers() {
            assert!(!output.contains(&raw), "a raw identifier was printed");
        }
    }
}

#[test]
fn a_second_sync_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pfo(dir.path(), &["sync"]).status.success());
    let again = pfo(dir.path(), &["sync", "--json"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let outcome: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(outcome["status"], "succeeded");
    for run in outcome["runs"].as_array().unwrap().iter().take(2) {
        assert_eq!((run["inserted"].as_u64(), run["updated"].as_u64()), (Some(0), Some(0)), "{run}");
    }

    let transactions = pfo(dir.path(), &["transactions", "list", "--search", "netflix", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&transactions.stdout).unwrap();
    assert!(page["transactions"].as_array().unwrap().iter().all(|t| t["label"] == "Netflix"));
    assert!(page["totals"][0]["count"].as_u64().unwrap() > 10);
    let runs = pfo(dir.path(), &["runs", "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&runs.stdout).unwrap().as_array().unwrap().len(), 6);
}

#[test]
fn a_broken_config_fails_with_the_file_line_and_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "[powens]\nenvironment = \"sandbox\"\nbaseUrl = 12\n").unwrap();
    let output = pfo(dir.path(), &["accounts", "list"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("config.invalid") && stderr.contains("config.toml") && stderr.contains("line 3"), "{stderr}");
}

#[test]
fn contracts_lists_names_versions_and_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let output = pfo(dir.path(), &["contracts", "--json"]);
    assert!(output.status.success());
    let specs: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = specs.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"openbanking.accounts.sync") && names.contains(&"openbanking.accounts.list"));
    assert!(specs[0]["inputSchema"].is_object() && specs[0]["outputSchema"].is_object());
    assert!(!dir.path().join("demo").exists(), "listing contracts opens no profile");
}
