//! The control API under `/__sandbox/`: what a test or a benchmark uses to drive the sandbox (advance its clock,
//! read its request counter). These calls are not Powens calls and are not counted.

use crate::state::World;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// Routes of the control API.
pub fn router() -> Router<Arc<World>> {
    Router::new()
        .route("/__sandbox/clock/advance", post(advance))
        .route("/__sandbox/stats", get(stats))
        .route("/__sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/__sandbox/rate-limit", post(rate_limit))
        .route("/__sandbox/tokens/revoke", post(revoke_tokens))
        .route("/__sandbox/connections/{id}/state", post(set_connection_state))
        .route("/__sandbox/accounts/{id}/recreate-disabled", post(recreate_disabled))
        .route("/__sandbox/accounts/{id}/delete", post(delete_account))
        .route("/__sandbox/amounts", post(amounts))
        .route("/__sandbox/webhooks", post(subscribe))
}

async fn subscribe(State(world): State<Arc<World>>, Json(subscription): Json<crate::webhooks::Subscription>) -> Json<Value> {
    world.overrides.lock().expect("overrides lock").webhooks.push(subscription);
    Json(json!({ "ok": true }))
}

#[derive(Debug, Deserialize)]
struct StateBody {
    /// A Powens connection state, or null for "last sync OK".
    state: Option<String>,
    #[serde(default)]
    error_message: Option<String>,
}

async fn set_connection_state(
    State(world): State<Arc<World>>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Json(body): Json<StateBody>,
) -> Json<Value> {
    world.overrides.lock().expect("overrides lock").connection_states.insert(id, (body.state, body.error_message));
    Json(json!({ "ok": true }))
}

async fn recreate_disabled(State(world): State<Arc<World>>, axum::extract::Path(id): axum::extract::Path<i64>) -> Json<Value> {
    world.recreate_disabled(id);
    Json(json!({ "ok": true }))
}

async fn delete_account(State(world): State<Arc<World>>, axum::extract::Path(id): axum::extract::Path<i64>) -> Json<Value> {
    let now = world.now();
    world.overrides.lock().expect("overrides lock").deleted_accounts.insert(id, now);
    Json(json!({ "ok": true }))
}

#[derive(Debug, Deserialize)]
struct AmountsBody {
    as_strings: bool,
}

async fn amounts(State(world): State<Arc<World>>, Json(body): Json<AmountsBody>) -> Json<Value> {
    world.amounts_as_strings.store(body.as_strings, std::sync::atomic::Ordering::Relaxed);
    Json(json!({ "ok": true }))
}

async fn add_fault(State(world): State<Arc<World>>, Json(fault): Json<crate::faults::Fault>) -> Json<Value> {
    world.faults.add(fault);
    Json(json!({ "ok": true }))
}

async fn clear_faults(State(world): State<Arc<World>>) -> Json<Value> {
    world.faults.clear();
    Json(json!({ "ok": true }))
}

#[derive(Debug, Deserialize)]
struct RateLimitBody {
    /// Calls allowed per window; absent or null lifts the limit.
    per_window: Option<u32>,
    /// Window length in seconds (default 60).
    #[serde(default = "sixty")]
    window_seconds: u64,
}

fn sixty() -> u64 {
    60
}

async fn rate_limit(State(world): State<Arc<World>>, Json(body): Json<RateLimitBody>) -> Json<Value> {
    world.faults.set_rate_limit(body.per_window.map(|n| (n, std::time::Duration::from_secs(body.window_seconds))));
    Json(json!({ "ok": true }))
}

async fn revoke_tokens(State(world): State<Arc<World>>) -> Json<Value> {
    Json(json!({ "revoked": world.revoke_all_tokens() }))
}

#[derive(Debug, Deserialize)]
struct Advance {
    #[serde(default)]
    days: i64,
    #[serde(default)]
    seconds: i64,
}

async fn advance(State(world): State<Arc<World>>, Json(body): Json<Advance>) -> Json<Value> {
    world.advance(body.days * 86_400 + body.seconds);
    Json(json!({ "now": world.now_text() }))
}

async fn stats(State(world): State<Arc<World>>) -> Json<Value> {
    Json(json!({ "requests": world.request_count(), "now": world.now_text() }))
}
