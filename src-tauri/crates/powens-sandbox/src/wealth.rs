//! The routes of Powens' Wealth & Loans product: investments (one, a list, a line's history), market orders and loan
//! amortizations, each listed per user, per account and per connection as Powens' pages document them (the
//! shapes are in [`crate::wire`], the documented fields in [`crate::fields`]).
//!
//! Scoping follows the transactions': `{user}` is `me` or the token's own id, an unknown account or connection is a
//! 404 `notFound`, a disabled account's own list needs `?all`, and the user-wide lists keep the lines of a disabled or
//! deleted account (the sandbox keeps such an account's transactions too). An account without such resources
//! answers an empty list, as Powens' wealth guide says ("if the account does not have any investment … the API will
//! return an empty list"). Lists take `offset` and `limit` as the accounts list does; envelope totals cover the
//! whole filtered list, whatever the page. Powens documents no `last_update` or `all` filter on these lists, so
//! sold investments (`deleted` set) are always listed, and count for nothing in the totals.
//!
//! Each account's lines are served as of its data clock ([`crate::served`]): a connection that stopped syncing
//! shows the valuations, orders and amortizations of its last successful sync.
//!
//! At Powens these features are activated per domain (investments with Wealth & Loans, market orders separately,
//! amortizations "not activated by default", answering 401 otherwise); the sandbox always serves them.

use crate::api::{authorize, find_connection, flag};
use crate::error::ApiError;
use crate::portfolio::{self, PositionTruth, RATIO_SCALE};
use crate::state::World;
use crate::wire::{self, money};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

type Shared = State<Arc<World>>;
type Params = Query<HashMap<String, String>>;
type Answer = Result<Json<Value>, ApiError>;

/// The Wealth & Loans routes.
pub fn router() -> Router<Arc<World>> {
    Router::new()
        .route("/2.0/users/{user}/investments", get(user_investments))
        .route("/2.0/users/{user}/accounts/{account}/investments", get(account_investments))
        .route("/2.0/users/{user}/connections/{connection}/investments", get(connection_investments))
        // The investments page documents `/investments/{id}` and `/investments/{id}/history`; the wealth guide and
        // py-powens (which says live Powens serves it) use the same under `/users/{user}`.
        .route("/2.0/users/{user}/investments/{investment}", get(user_investment))
        .route("/2.0/users/{user}/investments/{investment}/history", get(user_investment_history))
        .route("/2.0/investments/{investment}", get(investment))
        .route("/2.0/investments/{investment}/history", get(investment_history))
        .route("/2.0/users/{user}/marketorders", get(user_market_orders))
        .route("/2.0/users/{user}/accounts/{account}/marketorders", get(account_market_orders))
        .route("/2.0/users/{user}/connections/{connection}/marketorders", get(connection_market_orders))
        .route("/2.0/users/{user}/marketorders/{order}", get(user_market_order))
        .route("/2.0/marketorders/{order}", get(market_order))
        .route("/2.0/users/{user}/amortizations", get(user_amortizations))
        .route("/2.0/users/{user}/accounts/{account}/amortizations", get(account_amortizations))
        .route("/2.0/users/{user}/connections/{connection}/amortizations", get(connection_amortizations))
}

/// Which accounts a list covers.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Every account of the user.
    User,
    /// One account.
    Account(i64),
    /// The accounts of one connection.
    Connection(i64),
}

/// The Powens account ids a list covers, or the error the transactions' routes answer for the same scope.
fn accounts_in(world: &World, user_id: i64, scope: Scope, params: &HashMap<String, String>) -> Result<Vec<i64>, ApiError> {
    let accounts = &world.household.accounts;
    match scope {
        Scope::User => Ok(accounts.iter().map(|a| a.id).collect()),
        Scope::Account(id) => accounts
            .iter()
            .find(|a| a.id == id && (!world.account_disabled(a) || flag(params, "all")))
            .map(|a| vec![a.id])
            .ok_or_else(ApiError::not_found),
        Scope::Connection(id) => {
            find_connection(world, user_id, id)?;
            Ok(accounts.iter().filter(|a| a.id_connection == id).map(|a| a.id).collect())
        }
    }
}

/// The page `offset` and `limit` ask for.
fn paged<T>(items: Vec<T>, params: &HashMap<String, String>) -> Vec<T> {
    let offset = params.get("offset").and_then(|o| o.parse::<usize>().ok()).unwrap_or(0);
    let limit = params.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(usize::MAX);
    items.into_iter().skip(offset).take(limit).collect()
}

/// `label` (keywords, all of them in the label, in any case) and `code` (the ISIN) filters of the investments page.
fn wanted(position: &PositionTruth, params: &HashMap<String, String>) -> bool {
    let label = position.security.label.to_lowercase();
    let keywords_match = params.get("label").is_none_or(|words| words.to_lowercase().split_whitespace().all(|w| label.contains(w)));
    let code_matches = params.get("code").filter(|c| !c.is_empty()).is_none_or(|code| position.security.isin.is_some_and(|isin| isin.eq_ignore_ascii_case(code)));
    keywords_match && code_matches
}

/// The `InvestmentsList` envelope. Its totals add the listed lines as they come, whatever their currency (the
/// documentation says nothing of currencies; the accounts list's `balance` adds them the same way), so only a
/// single account's list has totals in one currency.
fn investments(world: &World, user_id: i64, scope: Scope, params: &HashMap<String, String>) -> Answer {
    let accounts = accounts_in(world, user_id, scope, params)?;
    let listed: Vec<PositionTruth> =
        world.served_positions().into_iter().filter(|p| accounts.contains(&p.account_id) && wanted(p, params)).collect();
    let totals = portfolio::totals(&listed);
    let total = listed.len();
    Ok(Json(json!({
        "investments": paged(listed, params).iter().map(|p| wire::investment(world, p)).collect::<Vec<_>>(),
        "valuation": money(world, totals.valuation_minor, 2),
        "diff": money(world, totals.diff_minor, 2),
        "diff_percent": money(world, totals.diff_percent_e6, RATIO_SCALE),
        "prev_diff": money(world, totals.prev_diff_minor, 2),
        "prev_diff_percent": money(world, totals.prev_diff_percent_e6, RATIO_SCALE),
        "calculated": ["valuation", "diff", "diff_percent", "prev_diff", "prev_diff_percent"],
        "total": total,
    })))
}

async fn user_investments(State(world): Shared, Path(user): Path<String>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    investments(&world, user_id, Scope::User, &params)
}

async fn account_investments(State(world): Shared, Path((user, account)): Path<(String, i64)>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    investments(&world, user_id, Scope::Account(account), &params)
}

async fn connection_investments(State(world): Shared, Path((user, connection)): Path<(String, i64)>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    investments(&world, user_id, Scope::Connection(connection), &params)
}

fn one_investment(world: &World, id: i64) -> Answer {
    let position = world.served_positions().into_iter().find(|p| p.id == id).ok_or_else(ApiError::not_found)?;
    Ok(Json(wire::investment(world, &position)))
}

async fn user_investment(State(world): Shared, Path((user, id)): Path<(String, i64)>, headers: HeaderMap) -> Answer {
    authorize(&world, &headers, &user)?;
    one_investment(&world, id)
}

async fn investment(State(world): Shared, Path(id): Path<i64>, headers: HeaderMap) -> Answer {
    authorize(&world, &headers, "me")?;
    one_investment(&world, id)
}

/// The `InvestmentHistoryValuesList` of a line: a month of daily unit values, newest first, with the `total` the
/// wealth guide's example carries (empty for the euro fund, which has no unit value).
fn history(world: &World, id: i64) -> Answer {
    if !world.portfolio.investment_ids().contains(&id) {
        return Err(ApiError::not_found());
    }
    let values: Vec<Value> = world.served_history(id).into_iter().map(|(vdate, unitvalue)| wire::investment_value(world, id, vdate, unitvalue)).collect();
    Ok(Json(json!({ "total": values.len(), "investmentvalues": values })))
}

async fn user_investment_history(State(world): Shared, Path((user, id)): Path<(String, i64)>, headers: HeaderMap) -> Answer {
    authorize(&world, &headers, &user)?;
    history(&world, id)
}

async fn investment_history(State(world): Shared, Path(id): Path<i64>, headers: HeaderMap) -> Answer {
    authorize(&world, &headers, "me")?;
    history(&world, id)
}

/// The `MarketOrdersList` envelope: the orders placed by now, by id (the page documents no other field).
fn market_orders(world: &World, user_id: i64, scope: Scope, params: &HashMap<String, String>) -> Answer {
    let accounts = accounts_in(world, user_id, scope, params)?;
    let listed: Vec<_> = world.served_orders().into_iter().filter(|o| accounts.contains(&o.account_id)).collect();
    Ok(Json(json!({ "marketorders": paged(listed, params).iter().map(|o| wire::market_order(world, o)).collect::<Vec<_>>() })))
}

async fn user_market_orders(State(world): Shared, Path(user): Path<String>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    market_orders(&world, user_id, Scope::User, &params)
}

async fn account_market_orders(State(world): Shared, Path((user, account)): Path<(String, i64)>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    market_orders(&world, user_id, Scope::Account(account), &params)
}

async fn connection_market_orders(State(world): Shared, Path((user, connection)): Path<(String, i64)>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    market_orders(&world, user_id, Scope::Connection(connection), &params)
}

fn one_market_order(world: &World, id: i64) -> Answer {
    let order = world.served_orders().into_iter().find(|o| o.id == id).ok_or_else(ApiError::not_found)?;
    Ok(Json(wire::market_order(world, &order)))
}

async fn user_market_order(State(world): Shared, Path((user, id)): Path<(String, i64)>, headers: HeaderMap) -> Answer {
    authorize(&world, &headers, &user)?;
    one_market_order(&world, id)
}

async fn market_order(State(world): Shared, Path(id): Path<i64>, headers: HeaderMap) -> Answer {
    authorize(&world, &headers, "me")?;
    one_market_order(&world, id)
}

/// The `LoanAmortizationsList` envelope, with the `total` the wealth guide's example carries.
fn amortizations(world: &World, user_id: i64, scope: Scope, params: &HashMap<String, String>) -> Answer {
    let accounts = accounts_in(world, user_id, scope, params)?;
    let rows = match &world.mortgage {
        Some((index, _)) if accounts.contains(&world.household.accounts[*index].id) => world.served_amortizations(),
        _ => Vec::new(),
    };
    let total = rows.len();
    Ok(Json(json!({ "loanamortizations": paged(rows, params).iter().map(|a| wire::amortization(world, a)).collect::<Vec<_>>(), "total": total })))
}

async fn user_amortizations(State(world): Shared, Path(user): Path<String>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    amortizations(&world, user_id, Scope::User, &params)
}

async fn account_amortizations(State(world): Shared, Path((user, account)): Path<(String, i64)>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    amortizations(&world, user_id, Scope::Account(account), &params)
}

async fn connection_amortizations(State(world): Shared, Path((user, connection)): Path<(String, i64)>, Query(params): Params, headers: HeaderMap) -> Answer {
    let user_id = authorize(&world, &headers, &user)?;
    amortizations(&world, user_id, Scope::Connection(connection), &params)
}
