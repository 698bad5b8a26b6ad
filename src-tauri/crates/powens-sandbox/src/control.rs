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
