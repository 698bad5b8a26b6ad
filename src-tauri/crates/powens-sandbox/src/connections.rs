//! The routes that act on a connection's life (see [`crate::consent`]) and on an account's consent: the forced sync
//! (`PUT /users/{u}/connections/{id}[?psu_requested=false]`), the update (`POST …/connections/{id}[?background=true]`
//! with `resume`, `refresh_auth` or `active`, or an empty body that syncs), the connection's sources and its sync
//! logs, and one account read or updated (`POST /users/{u}/accounts/{id}?all` with `{"disabled": false}` enables
//! it), as Powens' connections and bank-accounts pages document them.

use crate::api::{authorize, find_connection, flag};
use crate::consent::Life;
use crate::error::ApiError;
use crate::state::{format_instant, World};
use crate::wire;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

type Shared = State<Arc<World>>;
type Params = Query<HashMap<String, String>>;

/// Seconds a connection must rest between two forced syncs before Powens answers 409 `tooManySync`.
const FORCED_SYNC_COOLDOWN: i64 = 300;

/// The routes besides the connection's own path (whose `PUT` and `POST` the API router mounts).
pub fn router() -> Router<Arc<World>> {
    Router::new()
        .route("/2.0/users/{user}/connections/{connection}/sources", get(list_sources))
        .route("/2.0/users/{user}/connections/{connection}/sources/{source}", get(get_source))
        .route("/2.0/users/{user}/connections/{connection}/logs", get(list_logs))
        .route("/2.0/users/{user}/accounts/{account}", get(get_account).post(update_account))
}

/// A boolean query parameter; `default` when absent.
fn boolean(params: &HashMap<String, String>, name: &str, default: bool) -> bool {
    match params.get(name).map(String::as_str) {
        None => default,
        Some(value) => !matches!(value, "0" | "false" | "False"),
    }
}

/// A boolean body field, as JSON `true` or as the string `"true"` (the OpenAPI types `resume` as a string).
fn body_flag(body: &Value, name: &str) -> Option<bool> {
    match body.get(name)? {
        Value::Bool(on) => Some(*on),
        Value::String(text) => Some(text == "true" || text == "1"),
        Value::Number(n) => Some(n.as_i64() != Some(0)),
        _ => None,
    }
}

/// A plain forced sync at the clock, refused with 409 `tooManySync` right after another one.
fn forced_sync(life: &mut Life, now: i64, psu_present: bool) -> Result<(), ApiError> {
    if life.last_forced_sync.is_some_and(|at| now - at < FORCED_SYNC_COOLDOWN) {
        return Err(ApiError::conflict("tooManySync", "A synchronization of this connection just ran"));
    }
    life.last_forced_sync = Some(now);
    life.forced_sync(now, psu_present);
    Ok(())
}

/// `PUT /users/{u}/connections/{id}[?psu_requested=false][&expand=…]`: forces a sync. `psu_requested` (default
/// true) says the user is there, so the bank may ask for an SCA or an approval; without the user such a demand
/// leaves the connection `SCARequired`. The answer is the connection after the sync (200), whatever its state.
pub async fn sync_connection(
    State(world): Shared,
    Path((user, connection)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let found = find_connection(&world, user_id, connection)?;
    let psu_present = boolean(&params, "psu_requested", true);
    world.change_life(found.id, |life, now| forced_sync(life, now, psu_present)).ok_or_else(ApiError::not_found)??;
    Ok(Json(wire::connection(&world, &found, user_id, wire::Expand::parse(params.get("expand")))))
}

/// `POST /users/{u}/connections/{id}[?background=true][&expand=…]`: `{"resume": true}` continues a `decoupled`
/// connection, `{"refresh_auth": true}` renews the consent through an SCA, `{"active": …}` switches background syncs;
/// an empty body (or one with none of these) forces a sync. 202 with `background`, 200 otherwise; either way the
/// body is the connection as it stands (poll it when `validating`).
pub async fn update_connection(
    State(world): Shared,
    Path((user, connection)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
    body: Option<Json<Value>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let found = find_connection(&world, user_id, connection)?;
    let body = body.map(|Json(b)| b).unwrap_or(Value::Null);
    let resume = body_flag(&body, "resume") == Some(true);
    let refresh_auth = body_flag(&body, "refresh_auth") == Some(true);
    let active = body_flag(&body, "active");
    world
        .change_life(found.id, |life, now| {
            if resume {
                life.resume(now);
            } else if refresh_auth {
                life.refresh_auth(now);
            } else if let Some(active) = active {
                life.set_active(now, active);
            } else {
                forced_sync(life, now, true)?;
            }
            Ok::<(), ApiError>(())
        })
        .ok_or_else(ApiError::not_found)??;
    let status = if flag(&params, "background") { StatusCode::ACCEPTED } else { StatusCode::OK };
    Ok((status, Json(wire::connection(&world, &found, user_id, wire::Expand::parse(params.get("expand"))))))
}

/// `GET /users/{u}/connections/{id}/sources[?all]`: the `ConnectionSourcesList` (its one `openapi` source, never
/// disabled, so `all` changes nothing).
async fn list_sources(
    State(world): Shared,
    Path((user, connection)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let found = find_connection(&world, user_id, connection)?;
    Ok(Json(json!({ "sources": [wire::source(&found, &world.connection_status(&found))] })))
}

/// `GET /users/{u}/connections/{id}/sources/{source}`: one `ConnectionSource`.
async fn get_source(
    State(world): Shared,
    Path((user, connection, source)): Path<(String, i64, i64)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let found = find_connection(&world, user_id, connection)?;
    if source != wire::source_id(found.id) {
        return Err(ApiError::not_found());
    }
    Ok(Json(wire::source(&found, &world.connection_status(&found))))
}

/// `YYYY-MM-DD` of a `min_date` or `max_date` filter.
fn date_filter(params: &HashMap<String, String>, name: &str) -> Result<Option<chrono::NaiveDate>, ApiError> {
    params
        .get(name)
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| ApiError::invalid_value(format!("{name} must be YYYY-MM-DD"))))
        .transpose()
}

/// `GET /users/{u}/connections/{id}/logs[?limit&offset&min_date&max_date&id_source]`: one entry per sync attempt,
/// newest first. The page documents the route and its filters but not the body; the sandbox answers
/// `{"connectionlogs": [...], "total": n}` (the Budgea naming of its other lists) with the legacy ConnectionLog
/// fields (`id`, `id_user`, `id_connection`, `id_connector`, `timestamp`, `start`, `error`, `error_message`,
/// `next_try`, `nb_accounts`) plus `id_source` (the filter needs it) and `state` (today's name of `error`).
/// `min_date` and `max_date` bound the attempt's day, both included.
async fn list_logs(
    State(world): Shared,
    Path((user, connection)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let found = find_connection(&world, user_id, connection)?;
    let (min_date, max_date) = (date_filter(&params, "min_date")?, date_filter(&params, "max_date")?);
    let offset = params.get("offset").and_then(|o| o.parse::<usize>().ok()).unwrap_or(0);
    let limit = params.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(usize::MAX);
    let source = wire::source_id(found.id);
    let wanted_source = params.get("id_source").map(|s| s.parse::<i64>().ok() == Some(source)).unwrap_or(true);
    let attempts = world.with_life(&found, |life, now| life.attempts(now));
    let nb_accounts = world.accounts_of(user_id).iter().filter(|(a, _, _)| a.id_connection == found.id && !world.account_disabled(a)).count();
    let oldest_first = attempts.len();
    let entries: Vec<Value> = attempts
        .iter()
        .enumerate()
        .filter(|_| wanted_source)
        .filter(|(_, a)| {
            let day = crate::ledger::datetime(a.at).date();
            min_date.is_none_or(|d| day >= d) && max_date.is_none_or(|d| day <= d)
        })
        .map(|(newest_first, a)| {
            let next_try = a.state.as_ref().map(|_| format_instant(a.at + crate::consent::BACKGROUND_SYNC_SECONDS));
            json!({
                "id": found.id * 1_000_000 + (oldest_first - newest_first) as i64,
                "id_user": user_id,
                "id_connection": found.id,
                "id_connector": found.connector.id,
                "id_source": source,
                "start": format_instant(a.at),
                "timestamp": format_instant(a.at),
                "state": a.state,
                "error": a.state,
                "error_message": a.error_message,
                "next_try": next_try,
                "nb_accounts": nb_accounts,
            })
        })
        .collect();
    let total = entries.len();
    Ok(Json(json!({ "connectionlogs": entries.into_iter().skip(offset).take(limit).collect::<Vec<_>>(), "total": total })))
}

/// The account `account` of the user as the API shows it, or 404 (also for a disabled one without `?all`).
fn one_account(world: &World, user_id: i64, account: i64, all: bool) -> Result<Value, ApiError> {
    let (found, balance, coming) =
        world.accounts_of(user_id).into_iter().find(|(a, _, _)| a.id == account).ok_or_else(ApiError::not_found)?;
    if world.account_disabled(&found) && !all {
        return Err(ApiError::not_found());
    }
    let last_update = format_instant(world.account_clock(found.id));
    Ok(wire::account(world, &found, user_id, &last_update, balance, coming))
}

/// `GET /users/{u}/accounts/{id}[?all]`: one bank account.
async fn get_account(
    State(world): Shared,
    Path((user, account)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    Ok(Json(one_account(&world, user_id, account, flag(&params, "all"))?))
}

/// `POST /users/{u}/accounts/{id}[?all]`: `{"disabled": true}` disables the account (it stops syncing), `{"disabled":
/// false}` with `?all` enables it ("this action represents the PSU's consent"; see [`World::enable_account`]). The
/// other metadata Powens lets a client edit (`name`, `display`, `bookmarked`, `usage`) is accepted and not kept.
async fn update_account(
    State(world): Shared,
    Path((user, account)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let all = flag(&params, "all");
    one_account(&world, user_id, account, all)?;
    match body_flag(&body, "disabled") {
        Some(true) => {
            world.disable_account(account);
        }
        Some(false) => {
            world.enable_account(account);
        }
        None => {}
    }
    Ok(Json(one_account(&world, user_id, account, true)?))
}
