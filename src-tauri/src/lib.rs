//! pfo-desktop: the Tauri shell of Pocket Family Office. It opens the window, builds the [`state::AppState`] from
//! `pfo-core`, and exposes the core's operations (`pfo_core::operation_table!`) as IPC commands. It holds no SQL, HTTP or finance logic, and is the
//! only crate that depends on `tauri`.

pub mod commands;
pub mod error;
pub mod events;
pub mod screen_lock;
pub mod state;

use state::AppState;

/// Registers the commands on `builder`. Generic over the runtime so tests can pass `tauri::test::mock_builder()`.
pub fn app_builder<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    commands::ipc::register(builder)
}

/// Opens the core for `data_dir` on Tauri's async runtime, keeping the error for the UI if it fails.
pub fn open_state(data_dir: std::path::PathBuf) -> AppState {
    let opened = tauri::async_runtime::block_on(pfo_core::App::open(pfo_core::AppOptions::new(data_dir.clone())));
    if let Err(error) = &opened {
        tracing::error!(code = %error.code(), "could not open the data: {error}");
    }
    AppState::new(opened.map_err(Into::into), data_dir)
}

/// Runs the desktop app.
pub fn run() {
    commands::status::mark_process_start();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PFO_LOG").unwrap_or_else(|_| "info".into()))
        .init();
    let state = open_state(pfo_core::default_data_dir());
    app_builder(tauri::Builder::default())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .setup(move |app| {
            if let Err(error) = install_tray(app) {
                tracing::warn!(%error, "no tray icon on this desktop");
            }
            // Runs as long as the app; never awaited.
            drop(start_polling(app.handle().clone(), pfo_core::App::polling_interval));
            let reports_screen_locks = screen_lock::watch(app.handle().clone());
            if let Ok(lock) = tauri::Manager::state::<AppState>(app).lock() {
                lock.set_screen_lock_supported(reports_screen_locks);
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri application failed to start");
}

/// Refreshes every `pollingIntervalMs` (`interval_of` the core in use) while the app runs; a manual Refresh in
/// between just joins or precedes it. The timer follows the core: connecting Powens from Settings (demo → live) or
/// a restore starts, restarts or stops it without a restart of the app.
fn start_polling<R: tauri::Runtime>(
    handle: tauri::AppHandle<R>,
    interval_of: impl Fn(&pfo_core::App) -> Option<std::time::Duration> + Send + 'static,
) -> tauri::async_runtime::JoinHandle<()> {
    use tauri::Manager;
    let mut core_changes = handle.state::<AppState>().core_changes();
    tauri::async_runtime::spawn(async move {
        loop {
            let every = handle.state::<AppState>().core().ok().and_then(|core| interval_of(&core));
            // The first period starts now: the UI refreshes on start (and after a switch) by itself.
            let tick = async {
                match every {
                    Some(every) => tokio::time::sleep(every).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = tick => { refresh_in_background(&handle, "scheduled").await; }
                changed = core_changes.changed() => if changed.is_err() { return },
            }
        }
    })
}

/// Runs (or joins) a refresh with progress events, for the polling timer and the tray; the window hears the outcome
/// through `sync:finished`. Returns false when the core never opened.
async fn refresh_in_background<R: tauri::Runtime>(handle: &tauri::AppHandle<R>, trigger: &'static str) -> bool {
    use tauri::Manager;
    let state = handle.state::<AppState>();
    let Ok(core) = state.core() else { return false };
    match pfo_core::workflow::refresh(&core, std::sync::Arc::new(events::ProgressEvents(handle.clone()))).await {
        Ok(outcome) => events::finished(handle, &outcome),
        Err(failed) => tracing::warn!(code = %failed.code, trigger, "refresh failed: {}", failed.message),
    }
    true
}

/// The tray icon: "Refresh now" in one click from the menu, "Show" and "Quit". A desktop without a status-notifier
/// host simply has no tray; the app runs on.
fn install_tray<R: tauri::Runtime>(app: &tauri::App<R>) -> tauri::Result<()> {
    use tauri::menu::{Menu, MenuItem};
    use tauri::tray::TrayIconBuilder;
    use tauri::Manager;
    let refresh = MenuItem::with_id(app, "refresh", "Refresh now", true, None::<&str>)?;
    let show = MenuItem::with_id(app, "show", "Show Pocket Family Office", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&refresh, &show, &quit])?;
    let mut tray = TrayIconBuilder::with_id("main").tooltip("Pocket Family Office").menu(&menu).on_menu_event(|handle, event| match event.id.as_ref() {
        "refresh" => {
            let handle = handle.clone();
            tauri::async_runtime::spawn(async move { refresh_in_background(&handle, "tray").await });
        }
        "show" => {
            if let Some(window) = handle.get_webview_window("main") {
                let _ = window.show();
                let _ = window.set_focus();
            }
        }
        "quit" => handle.exit(0),
        _ => {}
    });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::Manager;

    fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, body: serde_json::Value) -> Result<serde_json::Value, serde_json::Value> {
        get_ipc_response(
            webview,
            tauri::webview::InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::from(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    }

    #[test]
    fn refresh_then_list_through_ipc_on_the_demo_profile() {
        let data = tempfile::tempdir().unwrap();
        let app = app_builder(mock_builder()).manage(open_state(data.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

        let status = invoke(&webview, "app_status", serde_json::json!({})).unwrap();
        assert_eq!(status["mode"], "demo");
        let empty = invoke(&webview, "list_accounts", serde_json::json!({})).unwrap();
        assert_eq!(empty["accounts"].as_array().unwrap().len(), 0);

        let outcome = invoke(&webview, "refresh", serde_json::json!({})).unwrap();
        assert_eq!(outcome["status"], "succeeded");
        assert!(outcome["runs"][0]["inserted"].as_u64().unwrap() >= 8);
        let page = invoke(&webview, "list_transactions", serde_json::json!({"input": {"limit": 20, "text": "salaire"}})).unwrap();
        assert!(!page["transactions"].as_array().unwrap().is_empty());
        let refused = invoke(&webview, "list_transactions", serde_json::json!({"input": {"limit": 0}})).unwrap_err();
        assert_eq!(refused["code"], "contract.invalid_input");
        let runs = invoke(&webview, "list_runs", serde_json::json!({})).unwrap();
        assert_eq!(runs.as_array().unwrap().len(), 5, "accounts, transactions, balances, investments, loans");
        let events = invoke(&webview, "telemetry_tail", serde_json::json!({"input": {"limit": 10}})).unwrap();
        let events = events.as_array().unwrap();
        assert_eq!(events.len(), 5, "one event per workflow run");
        assert!(events.iter().all(|e| e["name"].as_str().unwrap().starts_with("openbanking.")), "{events:?}");
        let settings = invoke(&webview, "integration_settings", serde_json::json!({})).unwrap();
        assert_eq!(settings["id"], "openbanking.powens");
        assert_eq!(settings["boundConnection"], "conn-powens-primary");
        assert!(settings["secretFields"].as_array().unwrap().iter().all(|f| f["value"].is_null()), "secrets are never sent");
        let listed = invoke(&webview, "list_accounts", serde_json::json!({"input": {"includeInactive": false}})).unwrap();
        let accounts = listed["accounts"].as_array().unwrap();
        assert!(accounts.len() >= 8);
        assert!(accounts.iter().all(|a| a["status"] == "active"));
        for account in accounts {
            if let Some(iban) = account["iban"].as_str() {
                assert!(iban.contains("••••"), "IBANs cross IPC masked: {iban}");
            }
        }
    }

    #[test]
    fn overview_rates_and_exports_through_ipc() {
        let data = tempfile::tempdir().unwrap();
        let exports = tempfile::tempdir().unwrap();
        // The only test of this binary that exports: the variable is not raced.
        std::env::set_var("PFO_EXPORT_DIR", exports.path());
        let app = app_builder(mock_builder()).manage(open_state(data.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

        let none = invoke(&webview, "get_overview", serde_json::json!({})).unwrap();
        assert!(none.is_null(), "no overview before the first generation");
        let missing = invoke(&webview, "export_overview", serde_json::json!({"input": {"format": "md", "locale": "en"}})).unwrap_err();
        assert_eq!(missing["code"], "contract.not_found");
        assert_eq!(invoke(&webview, "refresh", serde_json::json!({})).unwrap()["status"], "succeeded");

        assert_eq!(invoke(&webview, "set_base_currency", serde_json::json!({"input": {"code": "eur"}})).unwrap(), "EUR");
        let rate = invoke(&webview, "set_exchange_rate", serde_json::json!({"input": {"currency": "usd", "rate": "0.9", "asOf": "2026-01-01"}})).unwrap();
        assert_eq!((rate["currency"].as_str(), rate["rate"].as_str()), (Some("USD"), Some("0.9")));
        let refused = invoke(&webview, "set_exchange_rate", serde_json::json!({"input": {"currency": "USD", "rate": "-1", "asOf": "2026-01-01"}})).unwrap_err();
        assert!(refused["message"].as_str().unwrap().contains("rate"), "{refused}");
        assert_eq!(invoke(&webview, "list_exchange_rates", serde_json::json!({})).unwrap().as_array().unwrap().len(), 1);

        let generated = invoke(&webview, "generate_overview", serde_json::json!({"input": {"period": "ytd"}})).unwrap();
        assert_eq!(generated["summary"]["revision"], 1);
        assert!(generated["document"]["ratesUsed"].as_array().unwrap().iter().any(|r| r["currency"] == "USD"));
        let bad = invoke(&webview, "generate_overview", serde_json::json!({"input": {"period": "someday"}})).unwrap_err();
        assert_eq!(bad["code"], "contract.invalid_input");
        assert_eq!(invoke(&webview, "list_overviews", serde_json::json!({})).unwrap().as_array().unwrap().len(), 1);
        let latest = invoke(&webview, "get_overview", serde_json::json!({})).unwrap();
        assert_eq!(latest["summary"]["revision"], 1);
        let charts = invoke(&webview, "overview_charts", serde_json::json!({"input": {"locale": "fr", "theme": "dark"}})).unwrap();
        assert!(charts["trend"].as_str().unwrap().starts_with("<svg") && charts["cashflow"].as_str().unwrap().contains("<title>"));

        let report = invoke(&webview, "export_overview", serde_json::json!({"input": {"format": "html", "locale": "fr"}})).unwrap();
        let html = std::fs::read_to_string(report["path"].as_str().unwrap()).unwrap();
        assert!(html.starts_with("<!doctype html>") && html.contains("Synthèse financière") && html.contains("<svg"));
        let again = invoke(&webview, "export_overview", serde_json::json!({"input": {"format": "html", "locale": "fr"}})).unwrap();
        assert_ne!(again["path"], report["path"], "a second export gets its own file");

        let refused = invoke(
            &webview,
            "configure_powens",
            serde_json::json!({"setup": {"environment": "staging", "baseUrl": "https://x.biapi.pro/2.0", "clientId": "a", "clientSecret": "b"}}),
        )
        .unwrap_err();
        assert!(refused["message"].as_str().unwrap().contains("environment"), "{refused}");
        assert!(!data.path().join("config.toml").exists(), "a refused setup writes nothing");

        let dashboard = invoke(&webview, "dashboard_overview", serde_json::json!({"input": {"locale": "en", "theme": "light", "charts": true}})).unwrap();
        assert!(dashboard["document"]["netWorth"]["base"]["net"].is_string() && dashboard["charts"]["trend"].as_str().unwrap().contains("<svg"));
        let figures_only = invoke(&webview, "dashboard_overview", serde_json::json!({"input": {"locale": "en", "theme": "light"}})).unwrap();
        assert!(figures_only["charts"].is_null(), "the window draws its own chart: {}", figures_only["charts"]);
        assert_eq!(figures_only["document"]["netWorth"], dashboard["document"]["netWorth"]);
        assert_eq!(invoke(&webview, "list_overviews", serde_json::json!({})).unwrap().as_array().unwrap().len(), 1, "the dashboard files nothing");

        let csv = invoke(&webview, "export_transactions_csv", serde_json::json!({"input": {"filter": {"text": "salaire"}}})).unwrap();
        let text = std::fs::read_to_string(csv["path"].as_str().unwrap()).unwrap();
        assert_eq!(text.lines().count() as u64, csv["rows"].as_u64().unwrap() + 1, "a header and one line per row");
        assert!(csv["rows"].as_u64().unwrap() > 0 && text.lines().skip(1).all(|l| l.to_lowercase().contains("salaire")));

        // "Back up…" also writes into the export folder (here, so that the variable is set by one test only).
        let weak = invoke(&webview, "create_backup", serde_json::json!({"passphrase": "short"})).unwrap_err();
        assert_eq!(weak["code"], "backup.passphrase_weak");
        assert!(!weak["message"].as_str().unwrap().contains("short"), "{weak}");
        let passphrase = "marble otter seventy lanterns";
        let made = invoke(&webview, "create_backup", serde_json::json!({"passphrase": passphrase})).unwrap();
        let file = made["path"].as_str().unwrap().to_string();
        let name = std::path::Path::new(&file).file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("pocket-family-office-demo-20") && name.ends_with(".pfobackup"), "{name}");
        assert!(std::path::Path::new(&file).starts_with(exports.path()));
        let second = invoke(&webview, "create_backup", serde_json::json!({"passphrase": passphrase})).unwrap();
        assert_ne!(second["path"], made["path"], "never over the first backup");

        // "Restore…" under the running app: a wrong passphrase changes nothing and the app goes on working.
        let wrong = invoke(&webview, "restore_backup", serde_json::json!({"path": file, "passphrase": "marble otter seventy lantern"})).unwrap_err();
        assert_eq!(wrong["code"], "backup.passphrase_wrong");
        assert!(invoke(&webview, "list_accounts", serde_json::json!({})).is_ok(), "still open after a refused restore");
        let restored = invoke(&webview, "restore_backup", serde_json::json!({"path": file, "passphrase": passphrase})).unwrap();
        assert_eq!(restored["fingerprint"], made["fingerprint"]);
        assert!(restored["previousStore"].as_str().unwrap().contains("pfo.db.before-restore-"));
        // The window goes on, on the restored store (the core was opened again and swapped in).
        let accounts = invoke(&webview, "list_accounts", serde_json::json!({})).unwrap();
        assert!(accounts["accounts"].as_array().unwrap().len() >= 8);
        let core = app.state::<AppState>().app().unwrap();
        let back = tauri::async_runtime::block_on(pfo_core::backup::fingerprint(&core)).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), made["fingerprint"]);
    }

    #[test]
    fn restore_works_from_the_window_when_the_keyring_lost_the_database_key() {
        let (data, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let passphrase = "copper meadow ninety whistles";
        let file = out.path().join("household.pfobackup");
        let made = {
            let state = open_state(data.path().to_path_buf());
            let core = state.app().unwrap();
            tauri::async_runtime::block_on(async {
                pfo_core::workflow::refresh(&core, std::sync::Arc::new(pfo_core::workflow::progress::NoProgress)).await.unwrap();
                pfo_core::backup::create(&core, &file, pfo_core::secrets::SecretString::from(passphrase.to_string())).await.unwrap()
            })
        };
        // The keyring loses the key (a reinstall, a wiped keyring): the window opens on the error.
        let profile = pfo_core::profile::Profile::open(data.path(), pfo_core::Mode::Demo).unwrap();
        pfo_core::secrets::SecretStore::default().delete(&profile.database_key_entry()).unwrap();
        let app = app_builder(mock_builder()).manage(open_state(data.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        assert_eq!(invoke(&webview, "app_status", serde_json::json!({})).unwrap_err()["code"], "store.key_missing");
        let restored = invoke(&webview, "restore_backup", serde_json::json!({"path": file, "passphrase": passphrase})).unwrap();
        assert_eq!(restored["fingerprint"]["transactions"].as_u64().unwrap(), made.fingerprint.transactions);

        // The same window now has a core, on the restored store.
        assert_eq!(invoke(&webview, "app_status", serde_json::json!({})).unwrap()["mode"], "demo");
        let core = app.state::<AppState>().app().unwrap();
        let back = tauri::async_runtime::block_on(pfo_core::backup::fingerprint(&core)).unwrap();
        assert_eq!(back, made.fingerprint, "the history is back, row for row");
    }

    /// The security settings of `tauri.conf.json` and `capabilities/`: this test fails if any of them loosens.
    #[test]
    fn the_window_security_settings_stay_strict() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("tauri.conf.json")).unwrap()).unwrap();
        let csp = config["app"]["security"]["csp"].as_str().expect("a CSP is set");
        let directives: std::collections::BTreeMap<&str, Vec<&str>> = csp
            .split(';')
            .filter_map(|d| {
                let mut words = d.split_whitespace();
                Some((words.next()?, words.collect()))
            })
            .collect();
        let expected: std::collections::BTreeMap<&str, Vec<&str>> = [
            ("default-src", vec!["'self'"]),
            ("script-src", vec!["'self'"]),
            ("style-src", vec!["'self'", "'unsafe-inline'"]),
            ("img-src", vec!["'self'", "data:"]),
            ("connect-src", vec!["ipc:", "http://ipc.localhost"]),
            ("object-src", vec!["'none'"]),
            ("base-uri", vec!["'none'"]),
            ("frame-ancestors", vec!["'none'"]),
        ]
        .into_iter()
        .collect();
        assert_eq!(directives, expected, "the CSP changed: scripts only from the bundle, no eval, no remote origin");
        assert!(!csp.contains("unsafe-eval") && !csp.contains("https:") && !csp.contains('*'));
        assert!(config["app"]["security"]["dangerousDisableAssetCspModification"].is_null());
        assert!(config["app"]["withGlobalTauri"].as_bool() != Some(true), "no global Tauri object for injected scripts");
        assert_eq!(config["build"]["frontendDist"], "../ui/dist", "the main window loads bundled assets only");
        assert!(config["build"]["devUrl"].as_str().is_none_or(|url| url.starts_with("http://localhost")), "a dev server only on loopback");

        let capabilities: Vec<serde_json::Value> = std::fs::read_dir(root.join("capabilities"))
            .unwrap()
            .map(|entry| serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap())
            .collect();
        assert_eq!(capabilities.len(), 1, "one capability file");
        assert_eq!(capabilities[0]["windows"], serde_json::json!(["main"]), "only the main window gets IPC");
        assert_eq!(capabilities[0]["permissions"], serde_json::json!(["core:event:default"]), "no plugin permission beyond events");
        assert!(capabilities[0]["remote"].is_null(), "no remote origin may call the app's commands");
        let listed = capabilities.iter().flat_map(|c| c["windows"].as_array().cloned().unwrap_or_default()).collect::<Vec<_>>();
        assert!(!listed.iter().any(|w| w == commands::connect::CONNECT_WINDOW), "the Powens connect window has no IPC access");
    }

    async fn runs_of(core: &pfo_core::App) -> Vec<pfo_core::domain::RunRecord> {
        pfo_core::ops::history::runs(core, pfo_core::ops::history::RunsListInput { limit: Some(50) }).await.unwrap()
    }

    /// Waits until `core` has `runs` finished refresh runs, failing on a failed or blocked one or after a minute.
    fn wait_for_succeeded_runs(core: &pfo_core::App, runs: usize) {
        use pfo_core::domain::RunStatus;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let recent = tauri::async_runtime::block_on(runs_of(core));
            assert!(!recent.iter().any(|r| matches!(r.status, RunStatus::Failed | RunStatus::Blocked)), "{recent:?}");
            if recent.iter().filter(|r| r.status == RunStatus::Succeeded).count() >= runs {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "no scheduled refresh ran");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// Stops the polling loop and lets a refresh in flight on `core` finish before the process tears its runtime down.
    fn stop_polling(polling: tauri::async_runtime::JoinHandle<()>, core: &pfo_core::App) {
        polling.abort();
        let _ = tauri::async_runtime::block_on(pfo_core::workflow::refresh(core, std::sync::Arc::new(pfo_core::workflow::progress::NoProgress)));
    }

    #[test]
    fn polling_refreshes_by_itself_while_the_app_runs() {
        let data = tempfile::tempdir().unwrap();
        let app = app_builder(mock_builder()).manage(open_state(data.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let polling = start_polling(app.handle().clone(), |_| Some(std::time::Duration::from_millis(300)));
        let core = app.state::<AppState>().app().unwrap().clone();
        // A full scheduled refresh is three finished runs (a next one may already be running).
        wait_for_succeeded_runs(&core, 3);
        stop_polling(polling, &core);
    }

    #[test]
    fn polling_follows_the_core_put_in_use_without_a_restart() {
        // The first core has no polling interval (like the demo household); the one swapped in has one (like the
        // live profile Settings connects). The timer must start on the second, and never touch the first.
        let (first_dir, second_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let app = app_builder(mock_builder()).manage(open_state(first_dir.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let polled = second_dir.path().to_path_buf();
        let polling = start_polling(app.handle().clone(), move |core| (core.data_dir() == polled).then_some(std::time::Duration::from_millis(300)));
        let first = app.state::<AppState>().app().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(900));
        let second = tauri::async_runtime::block_on(pfo_core::App::open(pfo_core::AppOptions::new(second_dir.path()))).unwrap();
        app.state::<AppState>().replace(second.clone());
        wait_for_succeeded_runs(&second, 3);
        stop_polling(polling, &second);
        let untouched = tauri::async_runtime::block_on(runs_of(&first));
        assert!(untouched.is_empty(), "the core without an interval was never polled: {untouched:?}");
    }

    /// The one door, proven: no shell source reaches the store, the provider or SQL; they call `pfo_core::ops` (and
    /// the few core functions that need a window or a terminal). `App::store` and `App::connected` are crate-private,
    /// so the compiler refuses most of it; this catches the rest (a second handle, a raw connection).
    #[test]
    fn no_command_or_subcommand_touches_the_store_or_the_provider() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let forbidden = ["pfo_core::store", ".store()", "open_store", "connected()", "rusqlite", "powens_client", "Store::open", "execute(", "query_row("];
        let mut checked = 0;
        for dir in [root.join("src"), root.join("crates/pfo-cli/src")] {
            for file in walk(&dir) {
                let text = std::fs::read_to_string(&file).unwrap();
                // This module's tests are allowed to name what they look for, and read run records.
                let code = text.split("#[cfg(test)]").next().unwrap();
                for needle in forbidden {
                    assert!(!code.contains(needle), "{} uses `{needle}`: go through pfo_core::ops", file.display());
                }
                checked += 1;
            }
        }
        assert!(checked >= 10, "the shells' sources were found ({checked})");
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }

    /// Every command the table generates is called by the UI through `ui/src/api/commands.ts`, by its name, and the UI
    /// calls no command that does not exist.
    #[test]
    fn the_ui_calls_the_commands_that_exist() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let api = std::fs::read_to_string(root.join("../ui/src/api/commands.ts")).unwrap();
        // Each call reads `invoke<Type>("name"` or `invoke("name"`: the first string literal after the parenthesis.
        let called: std::collections::BTreeSet<String> = api
            .split("invoke")
            .skip(1)
            .filter(|rest| rest.starts_with(['<', '(']))
            .filter_map(|rest| rest.split_once("(\"").and_then(|(_, name)| name.split_once('"')).map(|(name, _)| name.to_string()))
            .collect();
        let shell = ["report_startup", "refresh", "add_bank", "reconnect_bank", "configure_powens", "webhook_receiver_status", "start_webhook_receiver", "stop_webhook_receiver", "create_backup", "restore_backup", "lock_status", "unlock_app", "lock_app", "configure_app_lock", "remove_app_lock"];
        let existing: std::collections::BTreeSet<String> = commands::ipc::TABLE_COMMANDS.iter().chain(shell.iter()).map(|n| n.to_string()).collect();
        let unknown: Vec<_> = called.difference(&existing).collect();
        assert!(unknown.is_empty(), "the UI calls commands that do not exist: {unknown:?}");
        assert!(called.len() >= 20, "the UI's calls were found: {called:?}");
    }

    /// The demo household inside the shipped app (the window and `pfo`) is served without the sandbox's
    /// `/__sandbox/` control and fault-injection routes: the resolved features of each shipped package, read from
    /// Cargo itself, never include `powens-sandbox/control`; the test crate's do, so the check can fail.
    #[test]
    fn the_shipped_binaries_build_the_sandbox_without_its_control_routes() {
        let features_of = |package: &str| -> String {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let output = std::process::Command::new(cargo)
                .args(["tree", "--offline", "--locked", "-p", package, "-e", "normal,build,features", "-i", "powens-sandbox"])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .expect("cargo runs");
            assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
            String::from_utf8(output.stdout).unwrap()
        };
        for shipped in ["pfo-desktop", "pfo-cli"] {
            let tree = features_of(shipped);
            assert!(tree.contains("powens-sandbox v"), "{shipped}: {tree}");
            assert!(!tree.contains("feature \"control\""), "{shipped} enables the sandbox's control routes:\n{tree}");
        }
        assert!(features_of("pfo-tests").contains("feature \"control\""), "the tests drive the sandbox through its control routes");
    }

    #[test]
    fn a_core_that_failed_to_open_answers_every_command_with_its_error() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("config.toml"), "[powens]\nenvironment = \"staging\"\n").unwrap();
        let app = app_builder(mock_builder()).manage(open_state(data.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        let error = invoke(&webview, "list_accounts", serde_json::json!({})).unwrap_err();
        assert_eq!(error["code"], "config.invalid");
        assert!(error["message"].as_str().unwrap().contains("config.toml"));
    }
}
