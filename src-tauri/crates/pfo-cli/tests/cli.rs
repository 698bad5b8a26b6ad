//! The `pfo` binary as a script would use it: real process, real keyring, real encrypted files.
//!
//! Long because each test is a whole scenario a script runs (start, sync, list, export, fail, exit status); they
//! share the helpers at the top.

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
    assert!(text(&sync.stdout).contains("sync-openbanking-accounts: 13 received, 13 new"), "{}", text(&sync.stdout));
    assert!(text(&sync.stdout).contains("sync-openbanking-transactions:"), "{}", text(&sync.stdout));

    let list = pfo(dir.path(), &["accounts", "list", "--json"]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).expect("stdout is JSON");
    assert_eq!(json["mode"], "demo");
    let accounts = json["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 12, "the demo household's active accounts");
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
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&runs.stdout).unwrap().as_array().unwrap().len(), 10, "two refreshes of five workflows");
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

/// Runs pfo with extra environment and optional standard input.
fn pfo_with(data_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut command = Command::new(env!("CARGO_BIN_EXE_pfo"));
    command.arg("--data-dir").arg(data_dir).args(args).env_remove("PFO_DATA_DIR").env("PFO_CLOCK", CLOCK);
    for (key, value) in env {
        command.env(key, value);
    }
    command.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("run pfo");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[test]
fn connect_powens_checks_the_credentials_before_saving_and_never_prints_them() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(powens_sandbox::start(powens_sandbox::SandboxConfig { seed: 77, ..Default::default() })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let base = sandbox.base_url().to_string();
    let connect = ["connect", "powens", "--environment", "sandbox", "--base-url", base.as_str(), "--secrets-from-stdin"];

    let refused = pfo_with(dir.path(), &connect, &[], Some(&format!("{}\nnot-the-secret\n", sandbox.client_id())));
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("powens"), "{}", text(&refused.stderr));
    assert!(!dir.path().join("config.toml").exists(), "nothing is saved when Powens refuses the credentials");
    assert!(!text(&refused.stderr).contains("not-the-secret"));

    let bad_url = pfo_with(dir.path(), &["connect", "powens", "--environment", "sandbox", "--base-url", "http://acme.biapi.pro/2.0"], &[("PFO_POWENS_CLIENT_ID", "1"), ("PFO_POWENS_CLIENT_SECRET", "x")], None);
    assert!(text(&bad_url.stderr).contains("powens.baseUrl") && text(&bad_url.stderr).contains("https"), "{}", text(&bad_url.stderr));

    let accepted = pfo_with(dir.path(), &connect, &[], Some(&format!("{}\n{}\n", sandbox.client_id(), sandbox.client_secret())));
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    assert!(text(&accepted.stdout).contains("3 bank connections"), "{}", text(&accepted.stdout));
    let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(config.contains(&base) && !config.contains(sandbox.client_secret()), "{config}");

    // Live now: the sync reads the sandbox, with debug logs on, and nothing secret or personal reaches the output.
    let sync = pfo_with(dir.path(), &["sync"], &[("PFO_LOG", "debug")], None);
    assert!(sync.status.success(), "{}", text(&sync.stderr));
    assert!(!text(&sync.stderr).contains("Demo mode"));
    let printed = format!("{}{}{}{}", text(&accepted.stdout), text(&accepted.stderr), text(&sync.stdout), text(&sync.stderr));
    assert!(printed.contains("DEBUG") || printed.contains("INFO"), "logs were on");
    assert!(!printed.contains(sandbox.client_secret()), "the client secret was printed");
    for account in &sandbox.household().accounts {
        assert!(!printed.contains(&account.number), "an account number was printed");
        if let Some(iban) = &account.iban {
            assert!(!printed.contains(iban.as_str()), "an IBAN was printed");
        }
    }

    // Force a sync of one bank connection, then a second one too soon: Powens' 409, in plain words.
    let forced = pfo_with(dir.path(), &["connections", "sync", "101"], &[], None);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    let again = pfo_with(dir.path(), &["connections", "sync", "101"], &[], None);
    assert!(text(&again.stderr).contains("powens.conflict"), "{}", text(&again.stderr));

    // Disconnect: the token stops working at Powens, the credentials and config go, the data stays.
    let profile = pfo_core::profile::Profile::open(dir.path(), pfo_core::Mode::Live).unwrap();
    let token = pfo_core::secrets::SecretStore::default().get(&profile.powens_token_entry()).unwrap().expect("the user token is in the keyring");
    let accounts_with = |token: String| {
        let url = format!("{base}/users/me/accounts");
        runtime.block_on(async move { reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().status().as_u16() })
    };
    use secrecy::ExposeSecret;
    assert_eq!(accounts_with(token.expose_secret().to_string()), 200);
    let disconnect = pfo_with(dir.path(), &["disconnect", "powens"], &[], None);
    assert!(disconnect.status.success(), "{}", text(&disconnect.stderr));
    assert_eq!(accounts_with(token.expose_secret().to_string()), 401, "the token was revoked at Powens");
    assert!(pfo_core::secrets::SecretStore::default().get(&profile.powens_client_secret_entry()).unwrap().is_none());
    assert!(!dir.path().join("config.toml").exists());
    assert!(dir.path().join("live/pfo.db").exists(), "the live data stays");
    let back = pfo_with(dir.path(), &["accounts", "list"], &[], None);
    assert!(text(&back.stderr).contains("Demo mode"), "back on the demo household");
    drop(sandbox);
}

#[test]
fn wrong_credentials_are_refused_in_plain_words() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(powens_sandbox::start(powens_sandbox::SandboxConfig { seed: 78, ..Default::default() })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let base = sandbox.base_url().to_string();
    let refused = pfo_with(
        dir.path(),
        &["connect", "powens", "--environment", "sandbox", "--base-url", base.as_str()],
        &[("PFO_POWENS_CLIENT_ID", sandbox.client_id()), ("PFO_POWENS_CLIENT_SECRET", "wrong")],
        None,
    );
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("powens.credentials_refused") && stderr.contains("Powens console"), "{stderr}");
    drop(sandbox);
}

#[test]
fn integrations_lists_the_powens_spec() {
    let dir = tempfile::tempdir().unwrap();
    let output = pfo(dir.path(), &["integrations"]);
    let specs: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(specs[0]["id"], "openbanking.powens");
    assert_eq!(specs[0]["category"], "open-banking");
    assert_eq!(specs[0]["ownershipModes"][0], "BYOK");
    let secrets: Vec<&str> = specs[0]["secretFields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(secrets, ["clientId", "clientSecret", "apiKey", "webhookSecret"]);
    assert!(specs[0]["secretFields"].as_array().unwrap().iter().all(|f| f["stored"] == false), "nothing is stored in demo mode");
}

#[test]
fn a_base_url_with_a_backslash_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let output = pfo_with(
        dir.path(),
        &["connect", "powens", "--environment", "sandbox", "--base-url", "http://127.0.0.1:9\\2.0"],
        &[("PFO_POWENS_CLIENT_ID", "1"), ("PFO_POWENS_CLIENT_SECRET", "x")],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("powens.baseUrl") && stderr.contains("backslash") && stderr.contains("forward slashes"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no config.toml, no profile");
    // And the app still starts (on the demo household).
    assert!(pfo(dir.path(), &["accounts", "list"]).status.success());
}

#[test]
fn connect_stores_the_api_key_and_webhook_secret_and_integrations_shows_only_that_they_are_set() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(powens_sandbox::start(powens_sandbox::SandboxConfig { seed: 79, ..Default::default() })).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // A URL the parser would accept with a trailing slash and upper case: saved and used in its normal form.
    let typed = format!("{}/", sandbox.base_url().replace("http://127.0.0.1", "http://LOCALHOST"));
    let connect = ["connect", "powens", "--environment", "sandbox", "--base-url", typed.as_str(), "--region", "eu", "--secrets-from-stdin"];
    let input = format!("{}\n{}\napi-key-7f3a\nwhsec-91bd\n", sandbox.client_id(), sandbox.client_secret());
    let accepted = pfo_with(dir.path(), &connect, &[], Some(&input));
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    let normal = sandbox.base_url().replace("127.0.0.1", "localhost");
    assert!(text(&accepted.stdout).contains(&format!("connected at {normal}:")), "{}", text(&accepted.stdout));
    let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(config.contains(&format!("baseUrl = \"{normal}\"")) && config.contains("region = \"eu\""), "{config}");
    assert!(!config.contains("api-key-7f3a") && !config.contains("whsec-91bd"), "{config}");

    let profile = pfo_core::profile::Profile::open(dir.path(), pfo_core::Mode::Live).unwrap();
    let keyring = pfo_core::secrets::SecretStore::default();
    use secrecy::ExposeSecret;
    assert_eq!(keyring.get(&profile.powens_api_key_entry()).unwrap().unwrap().expose_secret(), "api-key-7f3a");
    assert_eq!(keyring.get(&profile.powens_webhook_secret_entry()).unwrap().unwrap().expose_secret(), "whsec-91bd");

    let listed = pfo(dir.path(), &["integrations"]);
    let printed = format!("{}{}", text(&listed.stdout), text(&listed.stderr));
    let specs: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(specs[0]["secretFields"].as_array().unwrap().iter().all(|f| f["stored"] == true), "{printed}");
    let region = specs[0]["configFields"].as_array().unwrap().iter().find(|f| f["name"] == "region").unwrap();
    assert_eq!(region["value"], "eu");
    for secret in ["api-key-7f3a", "whsec-91bd", sandbox.client_secret()] {
        assert!(!printed.contains(secret) && !text(&accepted.stdout).contains(secret) && !text(&accepted.stderr).contains(secret));
    }

    // Connecting again without the optional secrets removes them.
    let again = pfo_with(dir.path(), &connect, &[], Some(&format!("{}\n{}\n", sandbox.client_id(), sandbox.client_secret())));
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(keyring.get(&profile.powens_webhook_secret_entry()).unwrap().is_none());
    assert!(keyring.get(&profile.powens_api_key_entry()).unwrap().is_none());

    // An unknown region is refused before anything changes.
    let before = std::fs::read(dir.path().join("config.toml")).unwrap();
    let us = ["connect", "powens", "--environment", "sandbox", "--base-url", sandbox.base_url(), "--region", "us", "--secrets-from-stdin"];
    let refused = pfo_with(dir.path(), &us, &[], Some(&format!("{}\n{}\n", sandbox.client_id(), sandbox.client_secret())));
    assert!(text(&refused.stderr).contains("powens.region") && text(&refused.stderr).contains("known: eu"), "{}", text(&refused.stderr));
    assert_eq!(std::fs::read(dir.path().join("config.toml")).unwrap(), before);
    drop(sandbox);
}


#[test]
fn without_a_keyring_the_cli_explains_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = pfo_with(dir.path(), &["accounts", "list"], &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")], None);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("keyring.unavailable") && stderr.contains("Secret Service"), "{stderr}");
    assert!(!dir.path().join("demo/pfo.db").exists(), "no database without its key");
}

#[test]
fn overview_generate_list_export_and_rates_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pfo(dir.path(), &["sync"]).status.success());
    let set = pfo(dir.path(), &["rates", "set", "usd", "0.92", "--on", "2026-01-01"]);
    assert!(set.status.success(), "{}", text(&set.stderr));
    assert_eq!(text(&set.stdout).trim(), "1 USD = 0.92 EUR on 2026-01-01");
    let refused = pfo(dir.path(), &["rates", "set", "USD", "abc"]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("rate") && text(&refused.stderr).contains("0.92"), "{}", text(&refused.stderr));
    assert_eq!(text(&pfo(dir.path(), &["base-currency"]).stdout).trim(), "EUR");

    let generated = pfo(dir.path(), &["overview", "generate", "--period", "2026-01..2026-10", "--locale", "fr"]);
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    let markdown = text(&generated.stdout);
    assert!(markdown.starts_with("# Synthèse financière — 2026-01-01 → 2026-10-31"), "{markdown}");
    assert!(markdown.contains("| USD | 0.92 | 2026-01-01 |") && markdown.contains("Flux de trésorerie"));
    assert!(text(&generated.stderr).contains("revision 1"));
    let bad = pfo(dir.path(), &["overview", "generate", "--period", "2026-13"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("period") && text(&bad.stderr).contains("last-12-months"), "{}", text(&bad.stderr));

    let listed: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["overview", "list", "--json"]).stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "a refused period files nothing");
    assert_eq!(listed[0]["periodEnd"], "2026-10-31");

    let report = dir.path().join("report.html");
    let export = pfo(dir.path(), &["overview", "export", "--format", "html", "--output", report.to_str().unwrap()]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<svg") && html.contains("Financial overview"));
    let again = pfo(dir.path(), &["overview", "export", "--format", "md", "--output", report.to_str().unwrap()]);
    assert!(!again.status.success(), "an existing file is not overwritten");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), html);

    let csv = pfo(dir.path(), &["transactions", "export", "--search", "salaire", "--from", "2026-01-01"]);
    assert!(csv.status.success(), "{}", text(&csv.stderr));
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("date,value_date,account,label,category"));
    assert!(csv.lines().count() > 10 && csv.lines().skip(1).all(|l| l.contains("Salaire") && l.contains("••••")), "{csv}");
    for output in [markdown, html, csv] {
        for raw in raw_identifiers() {
            assert!(!output.contains(&raw), "a raw identifier was printed");
        }
    }
}

/// Count of every stored transaction, read through the CLI.
fn stored_count(dir: &std::path::Path) -> u64 {
    let out = pfo(dir, &["transactions", "list", "--json", "--limit", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["totals"].as_array().unwrap().iter().map(|t| t["count"].as_u64().unwrap()).sum()
}

#[test]
fn every_argument_is_validated_and_injection_attempts_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pfo(dir.path(), &["sync"]).status.success());
    let before = stored_count(dir.path());
    assert!(before > 1_000);

    // Search text is plain words, whatever FTS5 or SQL syntax it holds: no error, no wider result.
    for attack in ["'; DROP TABLE transactions; --", "\"", "NEAR(", "label:netflix", "* OR *", "-carrefour", "^sal", "carrefour\" OR \"1"] {
        let out = pfo(dir.path(), &["transactions", "list", "--json", &format!("--search={attack}")]);
        assert!(out.status.success(), "{attack}: {}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let count: u64 = json["totals"].as_array().unwrap().iter().map(|t| t["count"].as_u64().unwrap()).sum();
        assert!(count < before / 5, "{attack} matched {count} of {before}: treated as syntax, not words");
    }
    assert_eq!(stored_count(dir.path()), before, "nothing was dropped or changed");

    // Bad values are refused with the argument named and what to write instead.
    for (args, named) in [
        (vec!["transactions", "list", "--from", "2026-13-45"], "--from"),
        (vec!["transactions", "list", "--to", "yesterday"], "--to"),
        (vec!["transactions", "list", "--limit", "999999999"], "limit"),
        (vec!["transactions", "list", "--limit", "0"], "limit"),
        (vec!["transactions", "list", "--account", "powens:1 OR 1=1"], "accountIds[0]"),
        (vec!["transactions", "export", "--from", "2026-02-30"], "--from"),
        (vec!["rates", "delete", "USD", "--on", "2026-02-30"], "--on"),
        (vec!["contracts", "call", "openbanking.transactions.list", "--input", "{\"dateFrom\": \"2026-13-45\"}"], "dateFrom"),
        (vec!["overview", "generate", "--period", "'; DROP TABLE knowledge_documents; --"], "period"),
        (vec!["overview", "export", "--format", "pdf"], "format"),
        (vec!["overview", "show", "--revision", "99"], "revision"),
        (vec!["rates", "set", "US D", "1"], "currency"),
        (vec!["rates", "set", "USD", "1e999"], "rate"),
        (vec!["base-currency", "EURO"], "baseCurrency"),
        (vec!["contracts", "call", "openbanking.transactions.list", "--input", "{\"limit\": \"ten\"}"], "limit"),
        (vec!["contracts", "call", "openbanking.transactions.list", "--input", "{\"cursor\": \"not-a-cursor\"}"], "cursor"),
        (vec!["contracts", "call", "no.such.contract", "--input", "{}"], "contract"),
        (vec!["contracts", "call", "openbanking.accounts.list", "--input", "not json"], "input"),
    ] {
        let out = pfo(dir.path(), &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let message = text(&out.stderr);
        assert!(message.contains(named), "{args:?}: the error names `{named}`: {message}");
        assert!(!message.contains("panicked"), "{args:?} crashed: {message}");
    }
    // Types clap refuses before the app runs.
    for args in [vec!["transactions", "list", "--limit=-1"], vec!["runs", "--limit", "many"], vec!["overview", "show", "--revision", "x"]] {
        let out = pfo(dir.path(), &args);
        assert!(!out.status.success() && text(&out.stderr).contains("invalid value"), "{args:?}: {}", text(&out.stderr));
    }
    assert_eq!(stored_count(dir.path()), before);
    assert!(pfo(dir.path(), &["overview", "list", "--json"]).stdout.starts_with(b"[]"), "refused periods filed nothing");
}

/// Runs `script` in a D-Bus session of its own with a GNOME Keyring unlocked by a known password, so locking it
/// cannot disturb the other tests' keyring.
fn in_own_keyring_session(script: &str, data: &std::path::Path) -> Output {
    let xdg = tempfile::tempdir().unwrap();
    Command::new("dbus-run-session")
        .args(["--", "bash", "-c"])
        .arg(format!(
            "set -u; eval \"$(printf own-session | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)\"; {script}"
        ))
        .env("XDG_DATA_HOME", xdg.path())
        .env("PFO", env!("CARGO_BIN_EXE_pfo"))
        .env("PFO_DATA_DIR", data)
        .env("PFO_CLOCK", CLOCK)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        // No display: the keyring cannot show its unlock prompt (on a desktop it would, and the app would wait for
        // the person to answer it), so the locked keyring must be reported.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run dbus-run-session")
}

#[test]
fn a_locked_keyring_is_explained_and_the_database_is_left_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let output = in_own_keyring_session(
        r#"
        "$PFO" sync > /dev/null || exit 10
        sha256sum "$PFO_DATA_DIR/demo/pfo.db" > "$PFO_DATA_DIR/before.sum"
        dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
            org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login > /dev/null || exit 11
        timeout 30 "$PFO" accounts list
        echo "exit=$?"
        sha256sum -c --quiet "$PFO_DATA_DIR/before.sum" && echo "unchanged"
        "#,
        data.path(),
    );
    let stdout = text(&output.stdout);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "the session ran: {stdout} {stderr}");
    assert!(stdout.contains("exit=1"), "the command failed, without hanging on a prompt: {stdout}");
    assert!(stderr.contains("keyring.locked") && stderr.contains("unlock"), "the error says the keyring is locked and what to do: {stderr}");
    assert!(stdout.contains("unchanged"), "the database file was not touched: {stdout}");
    let files: Vec<_> = std::fs::read_dir(data.path().join("demo")).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files.iter().filter(|f| f.ends_with(".db")).count(), 1, "no second database was created: {files:?}");
}

/// `pfo transactions export | head -1`: the reader closes the pipe early and pfo stops quietly, with no panic.
#[test]
fn a_reader_closing_the_pipe_early_ends_pfo_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    assert!(pfo(dir.path(), &["sync"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_pfo"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["transactions", "export"])
        .env_remove("PFO_DATA_DIR")
        .env("PFO_CLOCK", CLOCK)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run pfo");
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is closed here: the rest of the export (far more than a pipe buffer) has nowhere to go.
    let output = child.wait_with_output().unwrap();
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "exit {:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(text(&first).starts_with("date,"), "the CSV header came first");
}

/// `pfo contracts call` runs a command contract as its workflow (guardrail, run record, telemetry), and a refused
/// run reaches the script with its own code and a failing exit status, not as `internal`.
#[test]
fn command_contracts_run_as_workflows_and_failures_keep_their_code() {
    let dir = tempfile::tempdir().unwrap();
    let call = pfo(dir.path(), &["contracts", "call", "openbanking.accounts.sync", "--input", "{}"]);
    assert!(call.status.success(), "{}", text(&call.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&call.stdout).unwrap();
    assert_eq!(answer["run"]["workflow"], "pfo.workflow.sync-openbanking-accounts");
    assert_eq!(answer["run"]["status"], "succeeded");
    assert_eq!(answer["output"]["accounts"]["inserted"], 13);
    let runs: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["runs", "--json"]).stdout).unwrap();
    assert_eq!(runs[0]["workflow"], "pfo.workflow.sync-openbanking-accounts", "the call is in the run history");
    let events = text(&pfo(dir.path(), &["telemetry", "tail"]).stdout);
    assert!(events.contains("openbanking.accounts.synced"), "and in telemetry: {events}");

    let tenant = dir.path().join("demo/tenant.toml");
    let unbound = std::fs::read_to_string(&tenant).unwrap().replace("primaryOpenBanking = \"conn-powens-primary\"\n", "");
    std::fs::write(&tenant, unbound).unwrap();
    let blocked = pfo(dir.path(), &["contracts", "call", "openbanking.transactions.sync", "--input", "{\"full\": true}"]);
    assert!(!blocked.status.success(), "a blocked run fails the command");
    assert!(text(&blocked.stderr).contains("error [guardrail.slot_unbound]"), "{}", text(&blocked.stderr));
    let sync = pfo(dir.path(), &["sync"]);
    assert!(!sync.status.success());
    let stderr = text(&sync.stderr);
    assert!(stderr.contains("error [guardrail.slot_unbound]") && !stderr.contains("internal"), "{stderr}");
}

#[test]
fn backup_create_and_restore_read_the_passphrase_from_standard_input_and_never_print_it() {
    let (dir, fresh, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(pfo(dir.path(), &["sync"]).status.success());
    let file = out.path().join("household.pfobackup");
    let file_arg = file.to_str().unwrap();
    let passphrase = "lantern orchard ninety glacier";

    let weak = pfo_with(dir.path(), &["backup", "create", "--output", file_arg], &[], Some("hunter2hunter2\n"));
    assert!(!weak.status.success());
    assert!(text(&weak.stderr).contains("backup.passphrase_weak") && !text(&weak.stderr).contains("hunter2"), "{}", text(&weak.stderr));
    assert!(!file.exists(), "nothing written for a weak passphrase");

    let made = pfo_with(dir.path(), &["backup", "create", "--output", file_arg, "--json"], &[], Some(&format!("{passphrase}\n")));
    assert!(made.status.success(), "{}", text(&made.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    assert!(summary["fingerprint"]["transactions"].as_u64().unwrap() > 100, "{summary}");
    let bytes = std::fs::read(&file).unwrap();

    let again = pfo_with(dir.path(), &["backup", "create", "--output", file_arg], &[], Some(&format!("{passphrase}\n")));
    assert!(!again.status.success() && text(&again.stderr).contains("io.exists"), "{}", text(&again.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "an existing file is never overwritten");

    // The default name, in the current directory.
    let default = Command::new(env!("CARGO_BIN_EXE_pfo"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "backup", "create"])
        .current_dir(out.path())
        .env_remove("PFO_DATA_DIR")
        .env("PFO_CLOCK", CLOCK)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(format!("{passphrase}\n").as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(default.status.success(), "{}", text(&default.stderr));
    assert!(out.path().join("pocket-family-office-demo-2026-11-25.pfobackup").is_file());

    let wrong = pfo_with(fresh.path(), &["backup", "restore", file_arg], &[], Some("lantern orchard ninety glacieR\n"));
    assert!(!wrong.status.success());
    assert!(text(&wrong.stderr).contains("backup.passphrase_wrong"), "{}", text(&wrong.stderr));
    assert!(!fresh.path().join("demo").join("pfo.db").exists(), "nothing restored");

    let restored = pfo_with(fresh.path(), &["backup", "restore", file_arg], &[], Some(&format!("{passphrase}\n")));
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(text(&restored.stdout).contains("under a new key"), "{}", text(&restored.stdout));
    for output in [&weak, &made, &again, &default, &wrong, &restored] {
        for stream in [text(&output.stdout), text(&output.stderr)] {
            assert!(!stream.contains("lantern") && !stream.contains("glacier"), "the passphrase was printed: {stream}");
        }
    }
    assert_eq!(stored_count(fresh.path()), stored_count(dir.path()), "every transaction came back");
    let accounts = |d: &std::path::Path| text(&pfo(d, &["accounts", "list", "--json", "--all"]).stdout);
    assert_eq!(accounts(fresh.path()), accounts(dir.path()));
}

#[test]
fn owners_ownership_and_net_worth_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(pfo(dir.path(), &["sync"]).status.success());
    // The demo household comes with its family: two spouses, a child, a holding (60/40) and an SCI.
    let listed: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["owners", "list", "--json"]).stdout).unwrap();
    let roles: Vec<(&str, &str)> = listed.as_array().unwrap().iter().map(|o| (o["id"].as_str().unwrap(), o["role"].as_str().unwrap())).collect();
    assert_eq!(roles, [("o1", "principal"), ("o2", "spouse"), ("o3", "child"), ("o4", "holding"), ("o5", "sci")]);
    assert_eq!(listed[0]["primary"], true, "the principal is the primary owner");

    // The joint account a third each to the spouses and the holding, exactly.
    let out = pfo(dir.path(), &["ownership", "set", "powens:1005", "o1=33.34", "o2=33.33", "o4=33.33"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let accounts: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["accounts", "list", "--json"]).stdout).unwrap();
    let joint = accounts["accounts"].as_array().unwrap().iter().find(|a| a["id"] == "powens:1005").unwrap();
    let balance: rust_decimal::Decimal = joint["balance"].as_str().unwrap().parse().unwrap();
    let view: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["net-worth", "--view", "o2", "--json"]).stdout).unwrap();
    let part = view["accounts"].as_array().unwrap().iter().find(|a| a["accountId"] == "powens:1005").unwrap();
    // o2: 33.33 % directly plus 40 % of the holding's 33.33 %: 0.3333 + 0.13332 = 0.46662.
    assert_eq!(part["fraction"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap(), "0.46662".parse().unwrap());
    let share: rust_decimal::Decimal = part["shareBalance"].as_str().unwrap().parse().unwrap();
    assert_eq!(share, balance * rust_decimal::Decimal::new(46662, 5), "exact, unrounded");
    let table = text(&pfo(dir.path(), &["net-worth", "--view", "o2"]).stdout);
    assert!(table.contains("46.66%") && table.contains("Net worth"), "{table}");

    // Every list follows the view: the spouse holds the joint account only (the others are still the principal's).
    let held: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["accounts", "list", "--view", "o2", "--json"]).stdout).unwrap();
    let ids: Vec<&str> = held["accounts"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["powens:1005"]);
    let table = text(&pfo(dir.path(), &["accounts", "list", "--view", "o2"]).stdout);
    assert!(table.contains("SHARE") && table.contains("46.66%"), "{table}");
    let listed: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["transactions", "list", "--view", "o2", "--json"]).stdout).unwrap();
    let rows = listed["transactions"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|t| t["accountId"] == "powens:1005"), "only the joint account's movements");
    let balances: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["balances", "--view", "o2", "--json"]).stdout).unwrap();
    assert!(balances["latest"].as_array().unwrap().iter().all(|b| b["accountId"] == "powens:1005"));
    let out = pfo(dir.path(), &["overview", "generate", "--period", "all", "--view", "o2", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(document["view"]["owner"], "o2");
    assert_eq!(document["view"]["shares"], serde_json::json!([{ "account": "powens:1005", "percent": "46.662" }]));
    assert_eq!(document["byOwner"].as_array().unwrap().len(), 1, "an owner's view shows only its own row");
    let report = text(&pfo(dir.path(), &["overview", "export", "--period", "all", "--view", "o2"]).stdout);
    assert!(report.contains("Spouse (o2)") && report.contains("46.662 %"), "{report}");

    // Bad input is refused, naming what is wrong, and changes nothing.
    for (args, says) in [
        (vec!["ownership", "set", "powens:1001", "o1=50", "o2=49.99"], "add up to 99.99%"),
        (vec!["ownership", "set", "powens:1001", "o9=100"], "owner o9 does not exist"),
        (vec!["ownership", "set", "powens:9999", "o1=100"], "account powens:9999 does not exist"),
        (vec!["ownership", "set", "o4", "o5=100"], "cannot own itself"),
        (vec!["ownership", "set", "o1", "o2=100"], "is a person"),
        (vec!["owners", "add", "X", "--role", "cousin"], "is not a role"),
        (vec!["owners", "remove", "o2"], "ownership history"),
        (vec!["net-worth", "--view", "x2"], "not an owner id"),
        (vec!["accounts", "list", "--view", "o9"], "owner o9 does not exist"),
        (vec!["overview", "export", "--view", "o2"], "give --period"),
    ] {
        let out = pfo(dir.path(), &args);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(text(&out.stderr).contains(says), "{args:?}: {}", text(&out.stderr));
        for name in ["Camille", "Dominique", "Léa", "Exemple"] {
            assert!(!text(&out.stderr).contains(name), "{args:?}: errors name no one");
        }
    }
    let history: serde_json::Value = serde_json::from_slice(&pfo(dir.path(), &["ownership", "show", "--json"]).stdout).unwrap();
    assert_eq!(history["sets"].as_array().unwrap().len(), 3, "the two seeded entities and the joint account; nothing from a refused command");
}

/// The app lock covers the command line unless its owner said to skip it: a wrong passphrase (from standard input,
/// as a script gives it) reads nothing, the right one runs the command, and "skip" asks for nothing.
#[test]
fn the_app_lock_asks_the_command_line_for_its_passphrase_unless_told_to_skip() {
    use pfo_core::lock::{AppLock, CliUnlock, LockConfigureInput};
    let data = tempfile::tempdir().unwrap();
    let passphrase = "quiet harbour lantern seventeen";
    let lock = AppLock::open(data.path(), pfo_core::secrets::SecretStore::default()).unwrap();
    let settings = |current: Option<&str>, cli_unlock| LockConfigureInput {
        current: current.map(Into::into),
        new_passphrase: None,
        idle_minutes: None,
        on_screen_lock: false,
        cli_unlock,
    };
    lock.configure(LockConfigureInput { new_passphrase: Some(passphrase.into()), ..settings(None, CliUnlock::Ask) }).unwrap();

    let wrong = pfo_with(data.path(), &["accounts", "list"], &[], Some("not it\n"));
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("error [lock.passphrase_wrong]"), "{}", text(&wrong.stderr));
    assert!(!text(&wrong.stderr).contains("not it") && text(&wrong.stdout).is_empty(), "nothing is read, nothing echoed");
    assert!(!data.path().join("demo").exists(), "a locked CLI opens no profile");

    let right = pfo_with(data.path(), &["accounts", "list"], &[], Some(&format!("{passphrase}\n")));
    assert!(right.status.success(), "{}", text(&right.stderr));
    assert!(data.path().join("demo").exists(), "unlocked, the command opened the profile");

    lock.configure(settings(Some(passphrase), CliUnlock::Skip)).unwrap();
    let skipped = pfo_with(data.path(), &["accounts", "list"], &[], None);
    assert!(skipped.status.success(), "skip: no passphrase asked: {}", text(&skipped.stderr));
    lock.remove(&pfo_core::secrets::SecretString::from(passphrase)).unwrap();
}

/// `pfo alerts` on the healthy demo household: nothing to say, exit 0 (cron stays quiet); its JSON says no action.
#[test]
fn alerts_on_a_healthy_household_say_so_and_exit_zero() {
    let data = tempfile::tempdir().unwrap();
    assert!(pfo(data.path(), &["sync"]).status.success());
    let plain = pfo(data.path(), &["alerts"]);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain.stderr));
    assert!(text(&plain.stdout).contains("No alert"), "{}", text(&plain.stdout));
    let json: serde_json::Value = serde_json::from_slice(&pfo(data.path(), &["alerts", "--json"]).stdout).unwrap();
    assert_eq!(json["needsAction"], false);
    assert_eq!(json["alerts"].as_array().map(Vec::len), Some(0));
}
