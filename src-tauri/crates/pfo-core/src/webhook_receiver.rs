//! The opt-in webhook receiver (`pfo webhooks serve`, the Settings switch): an HTTP listener on 127.0.0.1 only, for
//! Powens deliveries that a relay (an SSH reverse tunnel, a small forwarder) brings to this machine; Powens itself
//! cannot reach a laptop's loopback.
//!
//! One URL per event type, as Powens registers them: `POST /webhooks/powens/<EVENT>`. The event is read from the
//! path because the path is part of what `BI-Signature` signs, so a relay or an attacker cannot relabel a delivery.
//! Each delivery is verified by [`crate::webhook::accept_delivery`] (signature, freshness, replay, remembered in the
//! store), answered at once (202), and the matching workflow then runs through the workflow runner, never the
//! provider directly, so the guardrail and the run history apply as for any refresh.

use crate::app::App;
use crate::blueprint::{SYNC_ACCOUNTS, SYNC_TRANSACTIONS};
use crate::error::{Error, Result};
use crate::webhook::{accept_delivery, WebhookRejection};
use crate::workflow::{self, progress::ProgressSink};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use secrecy::SecretString;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// The path every event's URL starts with.
pub const PATH_PREFIX: &str = "/webhooks/powens/";

/// The port `pfo webhooks serve` and the Settings switch use unless told otherwise.
pub const DEFAULT_PORT: u16 = 8741;

/// Largest body accepted. Powens' first sync of a connection can push several MB of transactions; more than this is
/// refused (413) before it is buffered whole.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How far `BI-Signature-Date` may be from now.
const MAX_SKEW: chrono::Duration = chrono::Duration::minutes(5);

/// What a delivery makes the app do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// The whole refresh (accounts, transactions, balances).
    Refresh,
    /// One workflow.
    Workflow(&'static str),
}

/// The events the receiver acts on, and what each runs. Other Powens events (users, subscriptions, payments) are
/// about products this app does not use: their URLs answer 404, so they are not registered by mistake.
pub const EVENTS: &[&str] = &[
    "CONNECTION_SYNCED",
    "ACCOUNT_SYNCED",
    "USER_SYNCED",
    "ACCOUNTS_FETCHED",
    "ACCOUNT_FOUND",
    "ACCOUNT_ENABLED",
    "ACCOUNT_DISABLED",
    "CONNECTION_DELETED",
    "ACCOUNT_CATEGORIZED",
];

fn action_for(event: &str) -> Option<Action> {
    match event {
        // New transactions and balances at Powens: read them all.
        "CONNECTION_SYNCED" | "ACCOUNT_SYNCED" | "USER_SYNCED" => Some(Action::Refresh),
        // Accounts or connections appeared, changed state or went away.
        "ACCOUNTS_FETCHED" | "ACCOUNT_FOUND" | "ACCOUNT_ENABLED" | "ACCOUNT_DISABLED" | "CONNECTION_DELETED" => Some(Action::Workflow(SYNC_ACCOUNTS)),
        // Categories changed on known transactions.
        "ACCOUNT_CATEGORIZED" => Some(Action::Workflow(SYNC_TRANSACTIONS)),
        _ => None,
    }
}

/// Whether the receiver runs, and the URLs a relay must deliver to.
#[derive(Debug, Clone, Default, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WebhookReceiverStatus {
    /// `http://127.0.0.1:PORT` while it runs; `None` when stopped.
    pub listening_on: Option<String>,
    /// One URL per handled event, while it runs.
    pub event_urls: Vec<String>,
}

struct Shared {
    app: App,
    secret: SecretString,
    sink: Arc<dyn ProgressSink>,
}

/// A running receiver. Dropping it without [`WebhookReceiver::stop`] leaves the listener running until the process
/// ends.
#[derive(Debug)]
pub struct WebhookReceiver {
    address: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl WebhookReceiver {
    /// Starts listening on `127.0.0.1:port` (0: any free port). Refuses without the household's webhook secret,
    /// since an unverifiable delivery must never start a workflow.
    pub async fn start(app: App, port: u16, sink: Arc<dyn ProgressSink>) -> Result<Self> {
        let secret = app.webhook_secret()?;
        let where_ = format!("127.0.0.1:{port}");
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))
            .await
            .map_err(|source| Error::Io { action: "listen on", path: where_.clone().into(), source })?;
        let address = listener.local_addr().map_err(|source| Error::Io { action: "listen on", path: where_.into(), source })?;
        let shared = Arc::new(Shared { app, secret, sink });
        let router = axum::Router::new()
            .route(&format!("{PATH_PREFIX}{{event}}"), axum::routing::post(receive))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .with_state(shared);
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serving = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(error) = serving.await {
                tracing::warn!("the webhook receiver stopped: {error}");
            }
        });
        tracing::info!(%address, "webhook receiver listening");
        Ok(Self { address, shutdown, task })
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL to relay `event`'s deliveries to.
    pub fn url_for(&self, event: &str) -> String {
        format!("http://{}{PATH_PREFIX}{event}", self.address)
    }

    /// What the Settings switch shows about this running receiver.
    pub fn status(&self) -> WebhookReceiverStatus {
        WebhookReceiverStatus { listening_on: Some(format!("http://{}", self.address)), event_urls: EVENTS.iter().map(|e| self.url_for(e)).collect() }
    }

    /// Stops listening (deliveries being answered finish first).
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

async fn receive(State(shared): State<Arc<Shared>>, Path(event): Path<String>, uri: Uri, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    let Some(action) = action_for(&event) else {
        return (StatusCode::NOT_FOUND, format!("`{event}` is not an event this receiver handles; it handles {}", EVENTS.join(", ")));
    };
    // What Powens signs when it compresses a delivery is not documented; refuse rather than guess.
    if headers.get("content-encoding").is_some_and(|v| v.as_bytes() != b"identity") {
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, "compressed deliveries are not accepted; turn webhooks.compression off for this domain".into());
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (Some(date), Some(signature)) = (header("BI-Signature-Date"), header("BI-Signature")) else {
        return (StatusCode::UNAUTHORIZED, "BI-Signature and BI-Signature-Date are required (an hmac_signature auth provider)".into());
    };
    let (path, secret, now) = (uri.path().to_string(), shared.secret.clone(), shared.app.clock().now());
    let verdict = shared.app.store().call(move |conn| accept_delivery(conn, &secret, &path, &date, &body, &signature, now, MAX_SKEW)).await;
    let id = match verdict {
        Ok(Ok(id)) => id,
        Ok(Err(rejection)) => {
            tracing::warn!(event = event.as_str(), "webhook delivery refused: {rejection}");
            return (status_of(&rejection), rejection.to_string());
        }
        Err(error) => {
            tracing::warn!(event = event.as_str(), code = %error.code(), "webhook delivery could not be recorded: {error}");
            return (StatusCode::SERVICE_UNAVAILABLE, "the delivery could not be recorded; send it again".into());
        }
    };
    tracing::info!(event = event.as_str(), id, "webhook delivery accepted");
    let (app, sink) = (shared.app.clone(), shared.sink.clone());
    // Answered now: Powens stops delivering after two timeouts, and a refresh can take longer than its deadline.
    tokio::spawn(async move {
        let outcome = match action {
            Action::Refresh => workflow::refresh(&app, sink).await.map(drop).map_err(|f| f.message),
            Action::Workflow(name) => workflow::run_named(&app, name).await.map(drop).map_err(|e| e.to_string()),
        };
        if let Err(message) = outcome {
            tracing::warn!(event = event.as_str(), id, "the workflow of a webhook delivery could not run: {message}");
        }
    });
    (StatusCode::ACCEPTED, format!("delivery {id} accepted"))
}

fn status_of(rejection: &WebhookRejection) -> StatusCode {
    match rejection {
        WebhookRejection::BadDate | WebhookRejection::Stale { .. } | WebhookRejection::BadEncoding | WebhookRejection::Mismatch => StatusCode::UNAUTHORIZED,
        WebhookRejection::MissingId => StatusCode::BAD_REQUEST,
        WebhookRejection::Replayed { .. } => StatusCode::CONFLICT,
    }
}
