//! The optional webhook sender: deliveries of `CONNECTION_SYNCED` (after the clock moves and a connection's accounts
//! got new transactions, or a connection came back with its gap), `ACCOUNT_DISABLED` (after an account is re-created
//! disabled or disabled) and `ACCOUNT_ENABLED` (after it is enabled) to URLs registered through
//! the control API, signed as Powens signs them: `BI-Signature-Date` (UTC ISO-8601) and `BI-Signature` =
//! base64(HMAC-SHA256(secret, METHOD + "." + PATH + "." + DATE + "." + BODY)), PATH being the receiver's URL path.
//! A delivery answered with anything but 2xx is retried twice. As in Powens' console, a subscription is for one event
//! type: an event is delivered to the subscriptions of that event only.

use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use std::sync::atomic::{AtomicU64, Ordering};

/// A registered receiver.
#[derive(Debug, Clone, Deserialize)]
pub struct Subscription {
    /// The event type it receives (`CONNECTION_SYNCED`, `ACCOUNT_DISABLED`).
    pub event: String,
    /// Where to POST.
    pub url: String,
    /// The HMAC secret of the `hmac_signature` auth provider.
    pub secret: String,
}

static NEXT_DELIVERY: AtomicU64 = AtomicU64::new(1);

/// The signature Powens puts in `BI-Signature` for a POST of `body` to `path` at `date`.
pub fn sign(secret: &str, path: &str, date: &str, body: &[u8]) -> String {
    use base64::Engine;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("POST.{path}.{date}.").as_bytes());
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Delivers one event to each subscription of that event, in the background; `payload` gets its `id_webhook_data`.
pub fn deliver(subscriptions: &[Subscription], event: &'static str, mut payload: serde_json::Value) {
    payload["id_webhook_data"] = serde_json::Value::from(NEXT_DELIVERY.fetch_add(1, Ordering::Relaxed));
    let body = payload.to_string();
    for subscription in subscriptions.iter().filter(|s| s.event == event).cloned() {
        let body = body.clone();
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let path = url::Url::parse(&subscription.url).map(|u| u.path().to_string()).unwrap_or_else(|_| "/".into());
            for attempt in 1..=3 {
                let date = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
                let signature = sign(&subscription.secret, &path, &date, body.as_bytes());
                let sent = client
                    .post(&subscription.url)
                    .header("content-type", "application/json")
                    .header("BI-Signature-Date", &date)
                    .header("BI-Signature", signature)
                    .header("X-Powens-Event", event)
                    .body(body.clone())
                    .send()
                    .await;
                if sent.is_ok_and(|r| r.status().is_success()) {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(200 * attempt)).await;
            }
            tracing::warn!(event, "webhook delivery failed three times");
        });
    }
}
