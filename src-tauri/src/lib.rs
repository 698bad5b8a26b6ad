//! pfo-desktop: the Tauri shell of Pocket Family Office. It opens the window, builds the [`state::AppState`] from
//! `pfo-core`, and exposes the core's contracts as IPC commands. It holds no SQL, HTTP or finance logic, and is the
//! only crate that depends on `tauri`.

pub mod commands;
pub mod error;
pub mod events;
pub mod state;

use state::AppState;

/// Registers the commands on `builder`. Generic over the runtime so tests can pass `tauri::test::mock_builder()`.
pub fn app_builder<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::status::app_status,
        commands::accounts::list_accounts,
        commands::transactions::list_transactions,
        commands::balances::get_balances,
        commands::sync::refresh,
        commands::sync::list_runs,
        commands::connect::add_bank,
        commands::connect::reconnect_bank,
        commands::settings::integration_settings,
    ])
}

/// Opens the core for `data_dir` on Tauri's async runtime, keeping the error for the UI if it fails.
pub fn open_state(data_dir: std::path::PathBuf) -> AppState {
    let opened = tauri::async_runtime::block_on(pfo_core::App::open(pfo_core::AppOptions::new(data_dir)));
    if let Err(error) = &opened {
        tracing::error!(code = error.code(), "could not open the data: {error}");
    }
    AppState::new(opened.map_err(Into::into))
}

/// Runs the desktop app.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PFO_LOG").unwrap_or_else(|_| "info".into()))
        .init();
    let state = open_state(pfo_core::default_data_dir());
    let polling = state.app().ok().and_then(|app| app.polling_interval());
    app_builder(tauri::Builder::default())
        .manage(state)
        .setup(move |app| {
            if let Some(every) = polling {
                // Runs as long as the app; never awaited.
                drop(start_polling(app.handle().clone(), every));
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Tauri application failed to start");
}

/// Refreshes every `every` while the app runs (`pollingIntervalMs`); a manual Refresh in between just joins or
/// precedes it.
fn start_polling<R: tauri::Runtime>(handle: tauri::AppHandle<R>, every: std::time::Duration) -> tauri::async_runtime::JoinHandle<()> {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        let mut ticker = tokio::time::interval(every);
        ticker.tick().await; // the first tick fires at once; the UI refreshes on start by itself
        loop {
            ticker.tick().await;
            let state = handle.state::<AppState>();
            let Ok(core) = state.app() else { return };
            match pfo_core::workflow::refresh(core, std::sync::Arc::new(events::ProgressEvents(handle.clone()))).await {
                Ok(outcome) => events::finished(&handle, &outcome),
                Err(failed) => tracing::warn!(code = failed.code, "scheduled refresh failed: {}", failed.message),
            }
        }
    })
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
        assert_eq!(runs.as_array().unwrap().len(), 3);
        let settings = invoke(&webview, "integration_settings", serde_json::json!({})).unwrap();
        assert_eq!(settings["id"], "openbanking.powens");
        assert_eq!(settings["boundConnection"], "conn-powens-primary");
        assert!(settings["secretFields"].as_array().unwrap().iter().all(|f| f["value"].is_null()), "secrets are never sent");
        let listed = invoke(&webview, "list_accounts", serde_json::json!({"includeInactive": false})).unwrap();
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
    fn polling_refreshes_by_itself_while_the_app_runs() {
        let data = tempfile::tempdir().unwrap();
        let app = app_builder(mock_builder()).manage(open_state(data.path().to_path_buf())).build(mock_context(noop_assets())).unwrap();
        let polling = start_polling(app.handle().clone(), std::time::Duration::from_millis(300));
        let core = app.state::<AppState>().app().unwrap().clone();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            use pfo_core::store::runs::RunStatus;
            let runs = tauri::async_runtime::block_on(core.store().call(|conn| pfo_core::store::runs::recent(conn, 50))).unwrap();
            assert!(!runs.iter().any(|r| matches!(r.status, RunStatus::Failed | RunStatus::Blocked)), "{runs:?}");
            // A full scheduled refresh is three finished runs (a next one may already be running).
            if runs.iter().filter(|r| r.status == RunStatus::Succeeded).count() >= 3 {
                // Stop the loop and let a refresh in flight finish before the process tears its runtime down.
                polling.abort();
                let _ = tauri::async_runtime::block_on(pfo_core::workflow::refresh(&core, std::sync::Arc::new(pfo_core::workflow::progress::NoProgress)));
                break;
            }
            assert!(std::time::Instant::now() < deadline, "no scheduled refresh ran");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
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
