//! The HTTP routes under `/2.0`: authentication, connections, accounts and their ownerships (the Wealth & Loans
//! routes are in [`crate::wealth`]; forced syncs, connection updates, sources, logs and account updates in
//! [`crate::connections`]).

use crate::error::ApiError;
use crate::faults::{self, FaultKind};
use crate::state::{TokenKind, World};
use crate::wire;
use axum::extract::{Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

type Shared = State<Arc<World>>;
type Params = Query<HashMap<String, String>>;

/// The router for one sandbox world.
pub fn router(world: Arc<World>) -> Router {
    let router = Router::new()
        .route("/2.0/auth/init", post(auth_init))
        .route("/2.0/auth/renew", post(auth_renew))
        .route("/2.0/auth/token", axum::routing::delete(revoke_token))
        .route("/2.0/auth/token/code", get(token_code))
        .route("/2.0/auth/token/access", post(token_access))
        .route("/2.0/users/{user}", get(get_user))
        .route("/2.0/users/{user}/connections", get(list_connections))
        .route(
            "/2.0/users/{user}/connections/{connection}",
            get(get_connection).put(crate::connections::sync_connection).post(crate::connections::update_connection),
        )
        .route("/2.0/users/{user}/accounts", get(list_accounts))
        .route("/2.0/users/{user}/connections/{connection}/accounts", get(list_connection_accounts))
        .route("/2.0/users/{user}/account_ownerships", get(list_account_ownerships))
        .route("/2.0/users/{user}/transactions", get(list_transactions))
        .route("/2.0/users/{user}/accounts/{account}/transactions", get(list_account_transactions))
        .merge(crate::wealth::router())
        .merge(crate::connections::router())
        .merge(crate::reference::router())
        .fallback(|| async { ApiError::not_found() })
        .layer(middleware::from_fn_with_state(world.clone(), count_requests))
        // The webview lives on another host at Powens: its pages are not API calls and are not counted.
        .merge(crate::webview::router());
    #[cfg(feature = "control")]
    let router = router.merge(crate::control::router());
    router.with_state(world)
}

/// Counts every API request, times how long the sandbox spends serving it (the stand-in for Powens' own servers,
/// which a benchmark subtracts to report the app's local work), and applies the faults switched on through the
/// control API.
async fn count_requests(State(world): Shared, request: Request, next: Next) -> Response {
    world.count_request();
    let started = std::time::Instant::now();
    let response = serve(&world, request, next).await;
    world.add_serving_time(started.elapsed());
    response
}

async fn serve(world: &crate::state::World, request: Request, next: Next) -> Response {
    if let Some(retry_after) = world.faults.throttled() {
        return faults::throttled_response(retry_after);
    }
    let fault = world.faults.pick(request.uri().path());
    match fault {
        None => next.run(request).await,
        Some(FaultKind::Status { status }) => faults::status_response(status),
        Some(FaultKind::HtmlError) => faults::html_response(),
        Some(FaultKind::Endless { status }) => faults::endless_response(status),
        Some(FaultKind::Huge { mib }) => faults::huge_response(mib),
        Some(FaultKind::Trickle { ms }) => faults::trickle_response(ms),
        Some(FaultKind::Latency { ms }) => {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            next.run(request).await
        }
        Some(other) => {
            let response = next.run(request).await;
            if !response.status().is_success() {
                return response;
            }
            match axum::body::to_bytes(response.into_body(), usize::MAX).await {
                Ok(bytes) => faults::corrupt(&other, &bytes),
                Err(_) => faults::status_response(500),
            }
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct RenewBody {
    client_id: Option<String>,
    client_secret: Option<String>,
    id_user: Option<i64>,
    #[serde(default)]
    revoke_previous: bool,
}

/// `POST /auth/renew`: a new permanent token for an existing user, given the client credentials.
async fn auth_renew(State(world): Shared, Json(body): Json<RenewBody>) -> Result<Json<Value>, ApiError> {
    if body.client_id.as_deref() != Some(world.client.client_id.as_str()) || body.client_secret.as_deref() != Some(world.client.client_secret.as_str()) {
        return Err(ApiError::invalid_value("client_id and client_secret do not match a client"));
    }
    let user = body.id_user.ok_or_else(|| ApiError::missing_parameter("id_user"))?;
    let token = world.renew_token(user, body.revoke_previous).ok_or_else(ApiError::not_found)?;
    Ok(Json(json!({ "access_token": token, "token_type": "Bearer" })))
}

/// `DELETE /auth/token`: revokes the bearer token of the call.
async fn revoke_token(State(world): Shared, headers: HeaderMap) -> Result<axum::http::StatusCode, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::invalid_token("Missing bearer token"))?;
    if world.revoke_token(token.trim()) {
        Ok(axum::http::StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::invalid_token("Invalid token"))
    }
}

#[derive(Debug, Default, Deserialize)]
struct AuthInitBody {
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// `POST /auth/init`: a permanent user with valid client credentials, a temporary one without.
async fn auth_init(State(world): Shared, body: Option<Json<AuthInitBody>>) -> Result<Json<Value>, ApiError> {
    let body = body.map(|Json(b)| b).unwrap_or_default();
    let kind = match (body.client_id, body.client_secret) {
        (None, None) => TokenKind::Temporary,
        (Some(id), Some(secret)) if id == world.client.client_id && secret == world.client.client_secret => {
            TokenKind::Permanent
        }
        (Some(_), Some(_)) => return Err(ApiError::invalid_value("client_id and client_secret do not match a client")),
        _ => return Err(ApiError::invalid_value("client_id and client_secret go together")),
    };
    let (token, user_id) = world.create_user(kind);
    Ok(Json(json!({
        "auth_token": token,
        "type": if kind == TokenKind::Permanent { "permanent" } else { "temporary" },
        "id_user": user_id,
        "expires_in": if kind == TokenKind::Permanent { None } else { Some(1800) },
    })))
}

/// Resolves the bearer token and checks that `user` (`me` or a numeric id) is the token's own user.
pub(crate) fn authorize(world: &World, headers: &HeaderMap, user: &str) -> Result<i64, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::invalid_token("Missing bearer token"))?;
    let user_id = world.user_for_token(token.trim()).ok_or_else(|| ApiError::invalid_token("Invalid token"))?;
    if user == "me" || user.parse::<i64>().ok() == Some(user_id) {
        Ok(user_id)
    } else {
        Err(ApiError::not_found())
    }
}

/// True when a value-less flag such as `?all` is present.
pub(crate) fn flag(params: &HashMap<String, String>, name: &str) -> bool {
    params.get(name).is_some_and(|v| v.is_empty() || v == "1" || v == "true")
}

async fn list_connections(
    State(world): Shared,
    Path(user): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let expand = wire::Expand::parse(params.get("expand"));
    let connections: Vec<Value> = world
        .connections_of(user_id)
        .iter()
        .map(|c| wire::connection(&world, c, user_id, expand))
        .collect();
    Ok(Json(json!({ "connections": connections, "total": connections.len() })))
}

async fn list_accounts(
    State(world): Shared,
    Path(user): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    Ok(Json(accounts_envelope(&world, user_id, None, &params)))
}

async fn list_connection_accounts(
    State(world): Shared,
    Path((user, connection)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    find_connection(&world, user_id, connection)?;
    Ok(Json(accounts_envelope(&world, user_id, Some(connection), &params)))
}

/// The accounts list envelope with its per-currency `balances` and `coming_balances` maps.
/// The accounts list envelope; `offset` and `limit` page the accounts (`total` counts them all).
fn accounts_envelope(world: &World, user_id: i64, connection: Option<i64>, params: &HashMap<String, String>) -> Value {
    let all = flag(params, "all");
    let offset = params.get("offset").and_then(|o| o.parse::<usize>().ok()).unwrap_or(0);
    let limit = params.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(usize::MAX);
    let visible: Vec<_> = world
        .accounts_of(user_id)
        .into_iter()
        .filter(|(a, _, _)| connection.is_none_or(|c| a.id_connection == c))
        .filter(|(a, _, _)| all || (!world.account_disabled(a) && world.account_deleted(a).is_none()))
        .collect();
    let mut balances: std::collections::BTreeMap<&str, (i64, i64, u32)> = Default::default();
    for (account, balance, coming) in visible.iter().filter(|(a, _, _)| !world.account_disabled(a) && world.account_deleted(a).is_none()) {
        let entry = balances.entry(account.currency.code).or_insert((0, 0, account.currency.precision));
        entry.0 += balance;
        entry.1 += coming;
    }
    let total_minor: i64 = balances.values().map(|(b, _, _)| b).sum();
    json!({
        "accounts": visible
            .iter()
            .skip(offset)
            .take(limit)
            .map(|(a, balance, coming)| wire::account(world, a, user_id, &crate::state::format_instant(world.account_clock(a.id)), *balance, *coming))
            .collect::<Vec<_>>(),
        "balances": balances.iter().map(|(k, (b, _, p))| (k.to_string(), wire::money(world, *b, *p))).collect::<serde_json::Map<_, _>>(),
        "coming_balances": balances.iter().map(|(k, (_, c, p))| (k.to_string(), wire::money(world, *c, *p))).collect::<serde_json::Map<_, _>>(),
        "balance": wire::money(world, total_minor, 2),
        "total": visible.len(),
    })
}

/// `GET /users/{u}/account_ownerships`: who holds each account, in which role. At Powens this feature "is not
/// activated by default on your domain" (its account-ownerships page); the sandbox always serves it. The page
/// documents only the route, so the rest follows the accounts list: disabled and deleted accounts are left out
/// unless `?all`, and `offset` and `limit` page the list. The page documents no other route (none per connection
/// or per account), so the sandbox has none.
async fn list_account_ownerships(
    State(world): Shared,
    Path(user): Path<String>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let all = flag(&params, "all");
    let offset = params.get("offset").and_then(|o| o.parse::<usize>().ok()).unwrap_or(0);
    let limit = params.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(usize::MAX);
    let connections: HashMap<i64, crate::household::Connection> = world.connections_of(user_id).into_iter().map(|c| (c.id, c)).collect();
    let ownerships: Vec<Value> = world
        .accounts_of(user_id)
        .into_iter()
        .filter(|(a, _, _)| all || (!world.account_disabled(a) && world.account_deleted(a).is_none()))
        .skip(offset)
        .take(limit)
        .filter_map(|(a, _, _)| connections.get(&a.id_connection).map(|c| wire::account_ownership(&a, c, user_id)))
        .collect();
    Ok(Json(json!({ "account_ownerships": ownerships })))
}

/// The raw query string, kept verbatim so `_links` repeat the client's own filters.
fn raw_query(uri: &axum::http::Uri) -> String {
    uri.query().unwrap_or_default().to_string()
}

async fn list_transactions(
    State(world): Shared,
    Path(user): Path<String>,
    Query(params): Params,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let query = crate::transactions::Query::parse(&params, None)?;
    Ok(serialized(&crate::transactions::page(&world, user_id, &query, &raw_query(&uri))))
}

/// Serializes a borrowed envelope into a response now, while the world it borrows from is at hand.
fn serialized<T: serde::Serialize>(body: &T) -> Response {
    let bytes = serde_json::to_vec(body).expect("envelopes serialize");
    ([(axum::http::header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

async fn list_account_transactions(
    State(world): Shared,
    Path((user, account)): Path<(String, i64)>,
    Query(params): Params,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let index = world
        .household
        .accounts
        .iter()
        .position(|a| a.id == account && (!world.account_disabled(a) || flag(&params, "all")))
        .ok_or_else(ApiError::not_found)?;
    let query = crate::transactions::Query::parse(&params, Some(index as u16))?;
    Ok(serialized(&crate::transactions::page(&world, user_id, &query, &raw_query(&uri))))
}

/// `GET /auth/token/code?type=singleAccess|requestAccess`: a temporary code for the webview.
async fn token_code(State(world): Shared, Query(params): Params, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, "me")?;
    let single = match params.get("type").map(String::as_str) {
        Some("singleAccess") => true,
        None | Some("requestAccess") => false,
        Some(_) => return Err(ApiError::invalid_value("type must be singleAccess or requestAccess")),
    };
    let code = world.issue_code(user_id, single);
    Ok(Json(json!({ "code": code, "type": "temporary", "access": if single { "single" } else { "standard" }, "expires_in": 1800 })))
}

#[derive(Debug, Default, Deserialize)]
struct AccessBody {
    client_id: Option<String>,
    client_secret: Option<String>,
    code: Option<String>,
}

/// `POST /auth/token/access`: exchanges a code for a permanent token.
async fn token_access(State(world): Shared, Json(body): Json<AccessBody>) -> Result<Json<Value>, ApiError> {
    if body.client_id.as_deref() != Some(world.client.client_id.as_str()) || body.client_secret.as_deref() != Some(world.client.client_secret.as_str()) {
        return Err(ApiError::invalid_value("client_id and client_secret do not match a client"));
    }
    let code = body.code.ok_or_else(|| ApiError::missing_parameter("code"))?;
    let user = world.redeem_code(&code).ok_or_else(|| ApiError::invalid_value("code is invalid, expired or already used"))?;
    Ok(Json(json!({ "access_token": world.token_for(user), "token_type": "Bearer" })))
}

pub(crate) fn find_connection(world: &World, user_id: i64, id: i64) -> Result<crate::household::Connection, ApiError> {
    world.connections_of(user_id).into_iter().find(|c| c.id == id).ok_or_else(ApiError::not_found)
}

async fn get_connection(
    State(world): Shared,
    Path((user, connection)): Path<(String, i64)>,
    Query(params): Params,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    let found = find_connection(&world, user_id, connection)?;
    Ok(Json(wire::connection(&world, &found, user_id, wire::Expand::parse(params.get("expand")))))
}

/// `GET /users/{u}`: the token's user.
async fn get_user(State(world): Shared, Path(user): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let user_id = authorize(&world, &headers, &user)?;
    Ok(Json(json!({ "id": user_id, "signin": "2024-01-15 09:30:00", "platform": "sharedAccess" })))
}
