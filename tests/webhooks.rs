//! Webhooks across the two implementations: the sandbox signs deliveries with its own HMAC code, a receiver on
//! loopback verifies them with pfo-core's, so a mistake cannot hide by being made on both sides.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use pfo_core::secrets::SecretString;
use pfo_core::webhook::verify_powens_signature;
use powens_sandbox::{start, LedgerConfig, SandboxConfig};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test]
async fn signed_connection_synced_deliveries_verify_and_tampered_ones_do_not() {
    let received: Arc<Mutex<Vec<(bool, serde_json::Value)>>> = Arc::default();
    let sink = received.clone();
    let app = axum::Router::new().route(
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
    sandbox.subscribe_webhooks(&format!("http://{address}/hooks/powens"), "relay-secret");
    sandbox.subscribe_webhooks(&format!("http://{address}/hooks/powens"), "a-wrong-secret");
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
    let seen = received.lock().unwrap();
    let verified = seen.iter().find(|(ok, _)| *ok).unwrap();
    assert!(verified.1["id_webhook_data"].as_u64().is_some(), "every delivery carries id_webhook_data");
    assert!(verified.1["connection"]["accounts"].as_array().is_some_and(|a| !a.is_empty()));
    // The wrongly keyed subscription was refused every time; the loop above saw one delivery tried three times.
    assert!(seen.iter().filter(|(ok, _)| !*ok).all(|(_, body)| body["id_webhook_data"].as_u64().is_some()));
}
