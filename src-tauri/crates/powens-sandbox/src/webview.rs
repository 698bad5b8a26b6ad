//! The connect webview stub, at `/{lang}/connect`, `/{lang}/reconnect` and `/{lang}/manage` (the paths of
//! `webview.powens.com`). It validates the parameters as Powens does (`domain`, `client_id`, a whitelisted
//! `redirect_uri` — loopback for this sandbox —, `code`, `state`), shows a small page where the user picks a bank
//! and the accounts to share, and redirects back with `connection_id` (and `connection_ids`, `code`, `state`) or with
//! `error=access_denied|tos_declined|server_error`. Accounts left unticked are created disabled, as Powens does for
//! accounts the user did not consent to. Completing `reconnect` with a `connection_id` is the strong authentication
//! that resumes an `SCARequired` connection or renews its consent early (after `refresh_auth`): its state clears, its
//! `access_expire` moves 180 days on and its data catches up (see [`crate::consent::Life::reconnected`]).

use crate::household::{Account, Connection, CONNECTORS, EUR};
use crate::state::World;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::sync::Arc;

const LANGUAGES: [&str; 7] = ["en", "fr", "de", "nl", "pt", "it", "es"];

/// Routes of the webview stub.
pub fn router() -> Router<Arc<World>> {
    Router::new()
        .route("/{lang}/{flow}", get(page))
        .route("/{lang}/{flow}/confirm", get(confirm))
}

fn bad_request(reason: &str) -> Response {
    let body = format!("<!doctype html><title>Powens webview</title><h1>This link is not valid</h1><p>{}</p>", escape(reason));
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The whitelisted redirect URIs of the sandbox's client: absolute http(s) URLs on a loopback host, with no query
/// (the Kotlin SDK refuses those too).
fn redirect_allowed(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("http://").or_else(|| uri.strip_prefix("https://")) else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
    (host == "127.0.0.1" || host == "localhost" || host == "[::1]") && !uri.contains('?') && !uri.contains('#')
}

/// Checks the parameters common to every flow; returns the user the code belongs to (`None`: no code given).
// The error is the page to answer with; boxing it would only add noise to a handler helper.
#[allow(clippy::result_large_err)]
fn validate(world: &World, lang: &str, flow: &str, params: &HashMap<String, String>, consume: bool) -> Result<Option<i64>, Response> {
    if !LANGUAGES.contains(&lang) {
        return Err(bad_request("unknown language"));
    }
    if !matches!(flow, "connect" | "reconnect" | "manage") {
        return Err(bad_request("unknown flow"));
    }
    let domain = world.base_url.get().and_then(|b| b.strip_prefix("http://")).and_then(|b| b.split('/').next()).unwrap_or_default();
    if params.get("domain").map(String::as_str) != Some(domain) {
        return Err(bad_request("the domain parameter does not name this Powens domain"));
    }
    if params.get("client_id") != Some(&world.client.client_id) {
        return Err(bad_request("unknown client_id"));
    }
    match params.get("redirect_uri") {
        Some(uri) if redirect_allowed(uri) => {}
        Some(_) => return Err(bad_request("redirect_uri is not whitelisted for this client")),
        None if flow == "manage" => {}
        None => return Err(bad_request("redirect_uri is required")),
    }
    match params.get("code") {
        Some(code) => {
            let user = if consume { world.redeem_code(code) } else { world.peek_code(code) };
            user.map(Some).ok_or_else(|| bad_request("the code is invalid, expired or already used"))
        }
        None if flow == "connect" => Ok(None),
        None => Err(bad_request("code is required")),
    }
}

/// Every query parameter but the decision, to carry through the confirmation form.
fn hidden_fields(params: &HashMap<String, String>) -> String {
    params
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "decision" | "connector" | "account"))
        .map(|(k, v)| format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(k), escape(v)))
        .collect()
}

async fn page(State(world): State<Arc<World>>, Path((lang, flow)): Path<(String, String)>, Query(params): Query<HashMap<String, String>>) -> Response {
    if lang == "2.0" {
        // An unknown API route that happens to have two segments: Powens' JSON 404, not a webview page.
        world.count_request();
        return crate::error::ApiError::not_found().into_response();
    }
    if let Err(refusal) = validate(&world, &lang, &flow, &params, false) {
        return refusal;
    }
    let banks: String = CONNECTORS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("<label><input type=\"radio\" name=\"connector\" value=\"{}\"{}> {}</label><br>", c.id, if i == 0 { " checked" } else { "" }, escape(c.name)))
        .collect();
    let accounts = "<label><input type=\"checkbox\" name=\"account\" value=\"checking\" checked> Compte courant</label><br>\
                    <label><input type=\"checkbox\" name=\"account\" value=\"savings\"> Livret</label><br>";
    let body = format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>Powens — {flow}</title></head><body>\
         <h1>Connect a bank (sandbox)</h1><form id=\"powens-connect\" method=\"get\" action=\"/{lang}/{flow}/confirm\">{}\
         <fieldset><legend>Bank</legend>{banks}</fieldset><fieldset><legend>Accounts to share</legend>{accounts}</fieldset>\
         <button name=\"decision\" value=\"accept\" id=\"accept\">Connect</button>\
         <button name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button>\
         <button name=\"decision\" value=\"decline_tos\" id=\"decline\">Decline the terms</button></form></body></html>",
        hidden_fields(&params)
    );
    Html(body).into_response()
}

async fn confirm(State(world): State<Arc<World>>, Path((lang, flow)): Path<(String, String)>, Query(params): Query<HashMap<String, String>>, uri: axum::http::Uri) -> Response {
    let user = match validate(&world, &lang, &flow, &params, true) {
        Ok(user) => user,
        Err(refusal) => return refusal,
    };
    let Some(redirect) = params.get("redirect_uri") else {
        return Html("<!doctype html><p>Done. You can close this window.</p>").into_response();
    };
    let mut callback: Vec<(String, String)> = Vec::new();
    match params.get("decision").map(String::as_str) {
        Some("accept") => {}
        Some("decline_tos") => callback.push(("error".into(), "tos_declined".into())),
        _ => {
            callback.push(("error".into(), "access_denied".into()));
            callback.push(("error_description".into(), "The user cancelled".into()));
        }
    }
    if callback.is_empty() {
        // No code on the way in: Powens creates an anonymous user and hands back a code to exchange.
        let (user, handed_code) = match user {
            Some(user) => (user, None),
            None => {
                let (_, user) = world.create_user(crate::state::TokenKind::Permanent);
                (user, Some(world.issue_code(user, true)))
            }
        };
        match flow.as_str() {
            "connect" => {
                let connector = params.get("connector").and_then(|c| CONNECTORS.iter().find(|k| k.id.to_string() == *c)).unwrap_or(&CONNECTORS[0]);
                let consented: Vec<&str> = uri.query().unwrap_or_default().split('&').filter_map(|p| p.strip_prefix("account=")).collect();
                let id = world.add_connection(user, connector, &consented);
                callback.push(("connection_id".into(), id.to_string()));
            }
            "reconnect" => {
                if let Some(id) = params.get("connection_id").and_then(|c| c.parse::<i64>().ok()) {
                    if world.connection_of_user(user, id) {
                        world.change_life(id, |life, now| life.reconnected(now));
                        callback.push(("connection_id".into(), id.to_string()));
                    }
                }
            }
            _ => {}
        }
        if let Some(code) = handed_code {
            callback.push(("code".into(), code));
        }
    }
    if let Some(state) = params.get("state") {
        callback.push(("state".into(), state.clone()));
    }
    let query: Vec<String> = callback.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    (StatusCode::SEE_OTHER, [(header::LOCATION, format!("{redirect}?{}", query.join("&")))]).into_response()
}

impl World {
    /// Whether connection `id` is one of `user`'s.
    fn connection_of_user(&self, user: i64, id: i64) -> bool {
        self.connections_of(user).iter().any(|c| c.id == id)
    }

    /// Adds a connection at `connector` for `user`, with a checking account and a savings account; the ones not in
    /// `consented` start disabled. Returns the new connection's id.
    pub fn add_connection(&self, user: i64, connector: &crate::household::Connector, consented: &[&str]) -> i64 {
        let mut overrides = self.overrides.lock().expect("overrides lock");
        let id = 900 + overrides.added.len() as i64;
        let now = crate::state::format_instant(self.now());
        // The user just authenticated at the bank: a fresh PSD2 consent.
        let expire = Some(crate::state::format_instant(self.now() + crate::consent::CONSENT_SECONDS));
        let connection = Connection { id, connector: connector.clone(), state: None, error_message: None, active: true, expire };
        let accounts = [("checking", 2, "Compte courant", 250_000), ("savings", 3, "Livret", 1_200_000)]
            .iter()
            .enumerate()
            .map(|(n, (kind, id_type, name, balance))| Account {
                id: id * 10 + n as i64,
                id_connection: id,
                name: name.to_string(),
                original_name: name.to_uppercase(),
                account_type: kind,
                id_type: *id_type,
                usage: Some("PRIV"),
                // The user connected this bank with their own login: they hold what it shows.
                held_by: crate::family::HeldBy::Principal,
                number: format!("{:011}", id * 1_000 + n as i64),
                iban: None,
                bic: "SANDBOXXXXX".into(),
                balance_minor: *balance,
                currency: EUR,
                disabled: (!consented.contains(kind)).then(|| now.clone()),
                deleted: None,
                opening_date: "2020-01-01".into(),
                loan: None,
            })
            .collect();
        overrides.added.push((user, connection, accounts));
        id
    }
}
