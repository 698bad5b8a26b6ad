//! The control API under `/__sandbox/`: what a test or a benchmark uses to drive the sandbox (advance its clock,
//! read its request counter, play the bank: break a connection, demand an SCA or an approval at the next sync,
//! answer that approval, move a consent's end, disable or enable an account). These calls are not Powens calls and
//! are not counted.

use crate::state::World;
use axum::extract::{Path, State};
use axum::http::StatusCode;
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
        .route("/__sandbox/connections/{id}/next-sync", post(require_on_next_sync))
        .route("/__sandbox/connections/{id}/decoupled", post(answer_decoupled))
        .route("/__sandbox/connections/{id}/access-expire", post(set_access_expire))
        .route("/__sandbox/accounts/{id}/disable", post(disable_account))
        .route("/__sandbox/accounts/{id}/enable", post(enable_account))
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

type Id = Path<i64>;

/// `{"ok": true}`, or 404 `{"ok": false}` for an unknown connection or account.
fn done(found: bool) -> (StatusCode, Json<Value>) {
    (if found { StatusCode::OK } else { StatusCode::NOT_FOUND }, Json(json!({ "ok": found })))
}

async fn set_connection_state(State(world): State<Arc<World>>, Path(id): Id, Json(body): Json<StateBody>) -> (StatusCode, Json<Value>) {
    done(world.change_life(id, |life, now| life.set_state(now, body.state, body.error_message)).is_some())
}

#[derive(Debug, Deserialize)]
struct NextSyncBody {
    /// `"sca"`, `"decoupled"`, or null to disarm.
    step: Option<crate::consent::BankStep>,
}

async fn require_on_next_sync(State(world): State<Arc<World>>, Path(id): Id, Json(body): Json<NextSyncBody>) -> (StatusCode, Json<Value>) {
    done(world.change_life(id, |life, _| life.require_on_next_sync(body.step)).is_some())
}

#[derive(Debug, Deserialize)]
struct DecoupledBody {
    /// True: the user approves in the bank's app; false: refuses.
    approve: bool,
}

/// Answers `{"ok": true, "pending": <whether a validation was waiting>}`.
async fn answer_decoupled(State(world): State<Arc<World>>, Path(id): Id, Json(body): Json<DecoupledBody>) -> (StatusCode, Json<Value>) {
    match world.change_life(id, |life, now| life.answer_validation(now, body.approve)) {
        Some(pending) => (StatusCode::OK, Json(json!({ "ok": true, "pending": pending }))),
        None => done(false),
    }
}

#[derive(Debug, Deserialize)]
struct AccessExpireBody {
    /// `YYYY-MM-DD HH:MM:SS`, or null for a consent the bank does not date.
    access_expire: Option<String>,
}

async fn set_access_expire(State(world): State<Arc<World>>, Path(id): Id, Json(body): Json<AccessExpireBody>) -> (StatusCode, Json<Value>) {
    let at = match body.access_expire.as_deref().map(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S")) {
        Some(Err(_)) => return (StatusCode::BAD_REQUEST, Json(json!({ "ok": false, "error": "access_expire must be YYYY-MM-DD HH:MM:SS" }))),
        Some(Ok(at)) => Some(crate::ledger::instant(at)),
        None => None,
    };
    done(world.change_life(id, |life, _| life.set_access_expire(at)).is_some())
}

async fn disable_account(State(world): State<Arc<World>>, Path(id): Id) -> (StatusCode, Json<Value>) {
    done(world.disable_account(id))
}

async fn enable_account(State(world): State<Arc<World>>, Path(id): Id) -> (StatusCode, Json<Value>) {
    done(world.enable_account(id))
}

async fn recreate_disabled(State(world): State<Arc<World>>, Path(id): Id) -> Json<Value> {
    world.recreate_disabled(id);
    Json(json!({ "ok": true }))
}

async fn delete_account(State(world): State<Arc<World>>, Path(id): Id) -> Json<Value> {
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
    /// `"sandbox"`: Powens' sandbox tier, [`crate::faults::SANDBOX_TIER_RATE_LIMIT`] (the other fields are then
    /// ignored).
    #[serde(default)]
    preset: Option<String>,
    /// Calls allowed per window; absent or null lifts the limit.
    #[serde(default)]
    per_window: Option<u32>,
    /// Window length in seconds (default 60).
    #[serde(default = "sixty")]
    window_seconds: u64,
}

fn sixty() -> u64 {
    60
}

async fn rate_limit(State(world): State<Arc<World>>, Json(body): Json<RateLimitBody>) -> (StatusCode, Json<Value>) {
    let limit = match body.preset.as_deref() {
        Some("sandbox") => Some(crate::faults::SANDBOX_TIER_RATE_LIMIT),
        Some(_) => return (StatusCode::BAD_REQUEST, Json(json!({ "ok": false, "error": "the only preset is \"sandbox\"" }))),
        None => body.per_window.map(|n| (n, std::time::Duration::from_secs(body.window_seconds))),
    };
    world.faults.set_rate_limit(limit);
    (StatusCode::OK, Json(json!({ "ok": true })))
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
