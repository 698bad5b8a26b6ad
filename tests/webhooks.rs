//! Webhooks across the two implementations: the sandbox signs deliveries with its own HMAC code, a receiver on
//! loopback verifies them with pfo-core's, so a mistake cannot hide by being made on both sides; then the app's own
//! receiver turns genuine deliveries into workflow runs and refuses the rest.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use pfo_core::blueprint::{REFRESH_BALANCES, SYNC_ACCOUNTS, SYNC_TRANSACTIONS};
use pfo_core::secrets::{SecretStore, SecretString};
use pfo_core::domain::RunStatus;
use pfo_core::store::runs;
use pfo_core::webhook::verify_powens_signature;
use pfo_core::webhook_receiver::WebhookReceiver;
use pfo_core::workflow::progress::NoProgress;
use pfo_core::{App, AppOptions};
use pfo_tests::{configure_live, data_dir, store_of};
use powens_sandbox::{start, LedgerConfig, RunningSandbox, SandboxConfig};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test]
async fn signed_connection_synced_deliveries_verify_and_tampered_ones_do_not() {
    let received: Arc<Mutex<Vec<(bool, serde_json::Value)>>> = Arc::default();
    let sink = received.clone();
    let elsewhere: Arc<Mutex<u32>> = Arc::default();
    let other_event = elsewhere.clone();
    let app = axum::Router::new()
        .route(
            "/hooks/other-event",
            post(move || {
                let other_event = other_event.clone();
                async move {
                    *other_event.lock().unwrap() += 1;
                    StatusCode::NO_CONTENT
                }
            }),
        )
        .route(
        "/hooks/powens",
        post(move |headers: HeaderMap, body: Bytes| {
            let sink = sink.clone();
            async move {
                let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
                let verdict = verify_powens_signature(
                    &SecretString::from("relay-secret"),
                    "/hooks/powens",
                    &header("BI-Signature-Date"),
                    &body,
                    &header("BI-Signature"),
                    chrono::Utc::now(),
                    chrono::Duration::minutes(5),
                );
                sink.lock().unwrap().push((verdict.is_ok(), serde_json::from_slice(&body).unwrap_or_default()));
                if verdict.is_ok() { StatusCode::NO_CONTENT } else { StatusCode::UNAUTHORIZED }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let sandbox = start(SandboxConfig { seed: 60, ledger: LedgerConfig { transactions: 3_000, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    sandbox.subscribe_webhooks("CONNECTION_SYNCED", &format!("http://{address}/hooks/powens"), "relay-secret");
    sandbox.subscribe_webhooks("CONNECTION_SYNCED", &format!("http://{address}/hooks/powens"), "a-wrong-secret");
    sandbox.subscribe_webhooks("ACCOUNT_DISABLED", &format!("http://{address}/hooks/other-event"), "relay-secret");
    sandbox.advance(Duration::from_secs(3 * 86_400));

    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (good, bad) = {
            let seen = received.lock().unwrap();
            let refused: Vec<u64> = seen.iter().filter(|(ok, _)| !*ok).filter_map(|(_, body)| body["id_webhook_data"].as_u64()).collect();
            let most_tries = refused.iter().map(|id| refused.iter().filter(|other| *other == id).count()).max().unwrap_or(0);
            (seen.iter().filter(|(ok, _)| *ok).count(), most_tries)
        };
        if good >= 1 && bad >= 3 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "deliveries did not arrive ({good} verified, {bad} refused)");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Sent in the same breath as the deliveries above (and those were retried since): it would have arrived.
    assert_eq!(*elsewhere.lock().unwrap(), 0, "a subscription of another event type hears nothing of a sync");
    let seen = received.lock().unwrap();
    let verified = seen.iter().find(|(ok, _)| *ok).unwrap();
    assert!(verified.1["id_webhook_data"].as_u64().is_some(), "every delivery carries id_webhook_data");
    assert!(verified.1["connection"]["accounts"].as_array().is_some_and(|a| !a.is_empty()));
    // The wrongly keyed subscription was refused every time; the loop above saw one delivery tried three times.
    assert!(seen.iter().filter(|(ok, _)| !*ok).all(|(_, body)| body["id_webhook_data"].as_u64().is_some()));
}

/// The receiver of the app itself, on a live profile pointed at the sandbox, with `secret` as its webhook secret.
async fn live_receiver(seed: u64, secret: &str) -> (RunningSandbox, tempfile::TempDir, App, WebhookReceiver) {
    let sandbox = start(SandboxConfig { seed, ledger: LedgerConfig { transactions: 2_000, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    let profile = configure_live(dir.path(), &sandbox);
    SecretStore::default().set(&profile.powens_webhook_secret_entry(), &SecretString::from(secret)).unwrap();
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let receiver = WebhookReceiver::start(app.clone(), 0, Arc::new(NoProgress)).await.unwrap();
    assert!(receiver.address().ip().is_loopback(), "loopback only");
    (sandbox, dir, app, receiver)
}

async fn recorded_runs(app: &App) -> Vec<pfo_core::domain::RunRecord> {
    store_of(app).call(|conn| runs::recent(conn, 50)).await.unwrap()
}

/// Waits until `done` holds for the run history, or fails after ten seconds.
async fn wait_for_runs(app: &App, what: &str, done: impl Fn(&[pfo_core::domain::RunRecord]) -> bool) -> Vec<pfo_core::domain::RunRecord> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let recorded = recorded_runs(app).await;
        if done(&recorded) {
            return recorded;
        }
        assert!(std::time::Instant::now() < deadline, "{what}: {recorded:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_signed_connection_synced_delivery_from_the_sandbox_runs_a_refresh_recorded_in_the_run_history() {
    let (sandbox, _dir, app, receiver) = live_receiver(61, "whsec-household").await;
    assert!(recorded_runs(&app).await.is_empty());
    sandbox.subscribe_webhooks("CONNECTION_SYNCED", &receiver.url_for("CONNECTION_SYNCED"), "whsec-household");
    // A subscription of another event type hears nothing of a sync (Powens sends each event to its own URLs).
    sandbox.subscribe_webhooks("ACCOUNT_DISABLED", &receiver.url_for("ACCOUNT_DISABLED"), "whsec-household");
    sandbox.advance(Duration::from_secs(3 * 86_400));
    let recorded = wait_for_runs(&app, "a refresh ran", |runs| runs.iter().filter(|r| r.refresh_id.is_some() && r.status == RunStatus::Succeeded).count() >= 3).await;
    let workflows: Vec<&str> = recorded.iter().rev().map(|r| r.workflow.as_str()).take(3).collect();
    assert_eq!(workflows, [SYNC_ACCOUNTS, SYNC_TRANSACTIONS, REFRESH_BALANCES], "the refresh went through the runner");
    let remembered: i64 = store_of(&app).call(|conn| Ok(conn.query_row("SELECT count(*) FROM webhook_deliveries", [], |row| row.get(0)).unwrap())).await.unwrap();
    assert!(remembered >= 1, "the delivery id is persisted for replay refusal");
    receiver.stop().await;
}

#[tokio::test]
async fn forged_stale_and_replayed_deliveries_are_refused_with_4xx_and_run_nothing() {
    let (_sandbox, _dir, app, receiver) = live_receiver(62, "whsec-household").await;
    let url = receiver.url_for("ACCOUNT_DISABLED");
    let path = reqwest::Url::parse(&url).unwrap().path().to_string();
    let body = r#"{"id": 1002, "id_user": 1, "id_connection": 101, "disabled": "2026-01-01 00:00:00", "id_webhook_data": 9001}"#;
    let client = reqwest::Client::new();
    let post = |url: String, date: String, signature: String, body: String| {
        let client = client.clone();
        async move {
            client.post(url).header("BI-Signature-Date", date).header("BI-Signature", signature).body(body).send().await.unwrap().status().as_u16()
        }
    };
    let now = || chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let sign = powens_sandbox::webhooks::sign;

    let date = now();
    assert_eq!(post(url.clone(), date.clone(), sign("another-secret", &path, &date, body.as_bytes()), body.into()).await, 401, "wrong secret");
    let tampered = body.replace("1002", "1003");
    assert_eq!(post(url.clone(), date.clone(), sign("whsec-household", &path, &date, body.as_bytes()), tampered).await, 401, "tampered body");
    let old = (chrono::Utc::now() - chrono::Duration::minutes(20)).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    assert_eq!(post(url.clone(), old.clone(), sign("whsec-household", &path, &old, body.as_bytes()), body.into()).await, 401, "stale date");
    let other = receiver.url_for("CONNECTION_SYNCED");
    assert_eq!(post(other, date.clone(), sign("whsec-household", &path, &date, body.as_bytes()), body.into()).await, 401, "signed for another event's URL");
    let unknown = receiver.url_for("PAYMENT_STATE_UPDATED");
    assert_eq!(post(unknown, date.clone(), sign("whsec-household", &path, &date, body.as_bytes()), body.into()).await, 404);
    let unsigned = client.post(&url).body(body).send().await.unwrap().status().as_u16();
    assert_eq!(unsigned, 401, "no signature headers");
    let huge = format!(r#"{{"id_webhook_data": 1, "pad": "{}"}}"#, "x".repeat(pfo_core::webhook_receiver::MAX_BODY_BYTES));
    assert_eq!(post(url.clone(), date.clone(), sign("whsec-household", &path, &date, huge.as_bytes()), huge).await, 413, "body capped");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(recorded_runs(&app).await.is_empty(), "a refused delivery runs nothing");

    assert_eq!(post(url.clone(), date.clone(), sign("whsec-household", &path, &date, body.as_bytes()), body.into()).await, 202, "genuine");
    wait_for_runs(&app, "the accounts sync ran", |runs| runs.iter().any(|r| r.workflow == SYNC_ACCOUNTS && r.refresh_id.is_none())).await;
    let date = now();
    assert_eq!(post(url.clone(), date.clone(), sign("whsec-household", &path, &date, body.as_bytes()), body.into()).await, 409, "replay, freshly signed");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(recorded_runs(&app).await.len(), 1, "the replay ran nothing");
    receiver.stop().await;
}

#[tokio::test]
async fn without_a_webhook_secret_the_receiver_refuses_to_start() {
    let sandbox = start(SandboxConfig { seed: 63, ledger: LedgerConfig { transactions: 500, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let dir = data_dir();
    configure_live(dir.path(), &sandbox);
    let app = App::open(AppOptions::new(dir.path())).await.unwrap();
    let error = WebhookReceiver::start(app, 0, Arc::new(NoProgress)).await.unwrap_err();
    assert_eq!(error.code(), "secrets.missing");
    assert!(error.to_string().contains("webhookSecret") && error.to_string().contains("pfo connect powens"), "{error}");

    let demo = data_dir();
    let app = App::open(AppOptions::new(demo.path())).await.unwrap();
    let error = WebhookReceiver::start(app, 0, Arc::new(NoProgress)).await.unwrap_err();
    assert!(error.to_string().contains("demo household"), "{error}");
}
