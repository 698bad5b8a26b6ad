//! powens-client: the Powens API v2.0 over HTTP.
//!
//! One cheap-to-clone [`Client`] holds a `reqwest::Client` built once (timeouts, user agent, rustls) and the API
//! base URL. Every call goes through one private request path that attaches the bearer token, maps error statuses to
//! [`Error::Api`] with Powens' `code` and `request_id`, and decodes bodies with `serde_path_to_error` so that a bad
//! payload names the JSON path that failed (and, see [`decode()`], never the value found there). No database, no
//! Tauri: this crate only speaks HTTP.
//!
//! Every request is bounded in size and time. A body, success or error, is read up to [`MAX_BODY_BYTES`] and
//! refused past it ([`Error::BodyTooLarge`]); the configured [`ClientConfig::timeout`] is a deadline for one attempt
//! from connecting to the last body byte, so neither an endless nor a trickling body keeps a call alive. With
//! retries, a call ends within `max_attempts` deadlines plus the backoff between them.

mod body;
mod decode;
mod error;
pub mod model;
mod page;
mod retry;

pub use body::MAX_BODY_BYTES;
pub use decode::decode;
pub use error::{Error, Result};
pub use page::{OffsetListing, OffsetPager, TransactionPager};
pub use retry::RetryPolicy;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Accounts per page of the accounts and account ownerships listings: a household rarely has more, so one call is
/// the rule.
const ACCOUNTS_PAGE: u32 = 1000;

/// How to reach a Powens domain.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// API root, e.g. `https://acme-sandbox.biapi.pro/2.0` (plain http is accepted for loopback hosts only).
    pub base_url: String,
    /// Deadline of one attempt, from connecting to the last byte of the body: a server that trickles its answer
    /// is cut here like one that never answers (a transport failure, retried for idempotent calls). Forced syncs
    /// can take minutes, plain reads seconds.
    pub timeout: Duration,
    /// Retries of idempotent requests.
    pub retry: RetryPolicy,
}

impl ClientConfig {
    /// A configuration with the default timeout and retry policy.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self { base_url: base_url.into(), timeout: Duration::from_secs(60), retry: RetryPolicy::default() }
    }
}

/// Filters of a transactions listing (`GET /users/me/transactions`). Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TransactionQuery {
    /// Page size, 1 to 1000 (required by Powens).
    pub limit: u32,
    /// Only transactions changed after this instant (`YYYY-MM-DD HH:MM:SS`): the incremental-sync primitive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_update: Option<String>,
    /// Earliest debit date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_date: Option<String>,
    /// Latest debit date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_date: Option<String>,
    /// Include transactions deleted at the bank (sent as the value-less flag `all`).
    #[serde(skip)]
    pub include_deleted: bool,
}

/// What [`Client::update_connection`] asks of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionUpdate {
    /// `{"refresh_auth": true}`: renew the consent now (the bank asks for a strong authentication).
    RefreshAuth,
    /// `{"resume": true}`: continue a `decoupled` connection the user approved in the banking app.
    Resume,
}

/// A Powens API client. Cloning is cheap and shares the connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    origin: String,
    token: Option<SecretString>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// Checks that `base_url` is a clean absolute https URL (or http on a loopback host: the local sandbox) and returns
/// its normal form, without a trailing slash. "Clean" means written as it will be used: a URL parser silently turns
/// a backslash into a slash and drops surrounding spaces, so such input is refused rather than guessed at, as are
/// credentials in the URL (Powens takes them in the body, and a URL is shown and logged). Reasons never quote the
/// input, which could carry a password.
pub fn validate_base_url(base_url: &str) -> Result<String> {
    let invalid = |reason: &str| Error::InvalidBaseUrl { reason: reason.to_string() };
    if base_url.contains('\\') {
        return Err(invalid("it contains a backslash; write the path with forward slashes, e.g. https://acme.biapi.pro/2.0"));
    }
    if base_url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("it contains a space or a control character; paste the URL alone"));
    }
    let url = url::Url::parse(base_url).map_err(|_| invalid("it is not an absolute URL"))?;
    if url.host().is_none() {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not carry a user name or password; the client credentials go to the OS keyring"));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(invalid("plain http is only allowed for a loopback sandbox; use https")),
        _ => return Err(invalid("the scheme must be https")),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not carry a query or fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Whether `url`'s host is this machine (127.0.0.0/8, ::1 or `localhost`).
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

impl Client {
    /// Builds a client for `config`; fails if the base URL is unusable.
    pub fn new(config: &ClientConfig) -> Result<Self> {
        let base_url = validate_base_url(&config.base_url)?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("pocket-family-office/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(config.timeout)
            // A redirect could carry the bearer token to another host; Powens' API never redirects.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|source| Error::Transport { kind: "client setup", source })?;
        let origin = url::Url::parse(&base_url).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
        Ok(Self { http, base_url, origin, token: None, retry: config.retry })
    }

    /// The same client acting as the Powens user that owns `token`.
    pub fn with_token(&self, token: SecretString) -> Self {
        Self { token: Some(token), ..self.clone() }
    }

    /// The API root this client talks to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `POST /auth/init` with client credentials: creates the household's permanent Powens user.
    ///
    /// Never retried: every call creates a new, billable user.
    pub async fn create_user(&self, client_id: &str, client_secret: &SecretString) -> Result<model::AuthInit> {
        let body = serde_json::json!({ "client_id": client_id, "client_secret": client_secret.expose_secret() });
        let request = self.http.post(self.url("/auth/init")).json(&body);
        self.send(request, "POST /auth/init", false).await
    }

    /// `POST /auth/renew`: a new permanent token for the household's existing user (`revoke_previous` drops the
    /// others). Not retried: a renewal that reached Powens but whose answer was lost is renewed again by the
    /// next call, which is harmless, but a blind retry loop on credentials is not.
    pub async fn renew_token(&self, client_id: &str, client_secret: &SecretString, user_id: i64, revoke_previous: bool) -> Result<SecretString> {
        #[derive(serde::Deserialize)]
        struct Renewed {
            access_token: String,
        }
        let body = serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret.expose_secret(),
            "id_user": user_id,
            "revoke_previous": revoke_previous,
        });
        let request = self.http.post(self.url("/auth/renew")).json(&body);
        let renewed: Renewed = self.send(request, "POST /auth/renew", false).await?;
        Ok(SecretString::from(renewed.access_token))
    }

    /// `GET /auth/token/code`: a temporary code that hands the user's session to the connect webview
    /// (`single`: usable once, as the webview hand-off should be).
    pub async fn temporary_code(&self, single: bool) -> Result<SecretString> {
        #[derive(serde::Deserialize)]
        struct Code {
            code: String,
        }
        let kind = if single { "singleAccess" } else { "requestAccess" };
        let request = self.authorized(self.http.get(self.url("/auth/token/code")))?.query(&[("type", kind)]);
        let code: Code = self.send(request, "GET /auth/token/code", true).await?;
        Ok(SecretString::from(code.code))
    }

    /// `PUT /users/me/connections/{id}`: asks Powens to sync one connection now. `psu_requested` says the user is
    /// present (Powens may then trigger SCA); a 409 means a sync just ran. Not retried: it is not free at the bank.
    pub async fn sync_connection(&self, connection: i64, psu_requested: bool) -> Result<model::Connection> {
        let request = self
            .authorized(self.http.put(self.url(&format!("/users/me/connections/{connection}"))))?
            .query(&[("psu_requested", if psu_requested { "true" } else { "false" })]);
        self.send(request, "PUT /users/me/connections/{id}", false).await
    }

    /// `POST /users/me/connections/{id}`: renews the consent (`refresh_auth`, which makes the bank ask for a strong
    /// authentication: the connection turns `SCARequired` or `decoupled`), or resumes a `decoupled` connection once
    /// the user approved it in the banking app (`resume`). Not retried: each asks the bank for something.
    pub async fn update_connection(&self, connection: i64, update: ConnectionUpdate) -> Result<model::Connection> {
        let body = match update {
            ConnectionUpdate::RefreshAuth => serde_json::json!({ "refresh_auth": true }),
            ConnectionUpdate::Resume => serde_json::json!({ "resume": true }),
        };
        let request = self.authorized(self.http.post(self.url(&format!("/users/me/connections/{connection}"))))?.json(&body);
        self.send(request, "POST /users/me/connections/{id}", false).await
    }

    /// `DELETE /auth/token`: revokes the token this client carries (disconnecting the household).
    pub async fn revoke_token(&self) -> Result<()> {
        let request = self.authorized(self.http.delete(self.url("/auth/token")))?;
        let response = request.send().await.map_err(|source| Error::Transport { kind: transport_kind(&source), source })?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(());
        }
        let bytes = body::read_capped(response, "DELETE /auth/token", MAX_BODY_BYTES).await?;
        Err(api_error(status, &bytes, None))
    }

    /// `GET /users/me/connections?expand=connector`: the user's bank connections with their bank.
    pub async fn list_connections(&self) -> Result<model::ConnectionList> {
        let request = self.authorized(self.http.get(self.url("/users/me/connections")))?.query(&[("expand", "connector")]);
        self.send(request, "GET /users/me/connections", true).await
    }

    /// `GET /users/me/accounts`, every page: the user's enabled, not deleted accounts; with `include_disabled`,
    /// `?all` also returns disabled and deleted ones (flagged by their `disabled`/`deleted` timestamps).
    pub async fn list_accounts(&self, include_disabled: bool) -> Result<model::AccountList> {
        let mut pager = self.accounts_pager(include_disabled, ACCOUNTS_PAGE);
        let mut accounts = Vec::new();
        while let Some(page) = pager.next_page::<model::AccountList>().await? {
            accounts.extend(page.accounts);
        }
        Ok(model::AccountList { accounts })
    }

    /// Pages of `GET /users/me/accounts` (offset listing), `limit` accounts each.
    pub fn accounts_pager(&self, include_disabled: bool, limit: u32) -> OffsetPager {
        let path = if include_disabled { "/users/me/accounts?all" } else { "/users/me/accounts" };
        OffsetPager::new(self.clone(), path.to_string(), "GET /users/me/accounts", limit.clamp(1, 1000))
    }

    /// `GET /users/me/account_ownerships`, every page: who holds each account and in which role (holder,
    /// co-holder, attorney, custodian for a minor…), whether it has several holders, and its usage. Like the
    /// accounts, disabled and deleted ones only come with `include_disabled` (`?all`).
    ///
    /// At Powens this is a feature "not activated by default on your domain": without it the call fails with
    /// [`Error::Api`] (which status and code is not documented), and the caller goes on without ownerships.
    pub async fn list_account_ownerships(&self, include_disabled: bool) -> Result<model::AccountOwnershipList> {
        let mut pager = self.account_ownerships_pager(include_disabled, ACCOUNTS_PAGE);
        let mut account_ownerships = Vec::new();
        while let Some(page) = pager.next_page::<model::AccountOwnershipList>().await? {
            account_ownerships.extend(page.account_ownerships);
        }
        Ok(model::AccountOwnershipList { account_ownerships })
    }

    /// Pages of `GET /users/me/account_ownerships` (offset listing, as the accounts), `limit` ownerships each.
    pub fn account_ownerships_pager(&self, include_disabled: bool, limit: u32) -> OffsetPager {
        let path = if include_disabled { "/users/me/account_ownerships?all" } else { "/users/me/account_ownerships" };
        OffsetPager::new(self.clone(), path.to_string(), "GET /users/me/account_ownerships", limit.clamp(1, 1000))
    }

    /// `GET /users/me/investments`: every position of the user's investment accounts (Wealth & Loans), in one
    /// answer (the listing is not paginated). Positions that ended carry their `deleted` day.
    ///
    /// At Powens the wealth product is activated per domain: without it the call fails with [`Error::Api`], which
    /// [`Error::is_feature_unavailable`] recognises, and the caller goes on without investments.
    pub async fn list_investments(&self) -> Result<model::InvestmentList> {
        let request = self.authorized(self.http.get(self.url("/users/me/investments")))?;
        self.send(request, "GET /users/me/investments", true).await
    }

    /// `GET /users/me/marketorders`: the buy and sale orders of the user's securities accounts (activated per domain,
    /// separately from investments; without it the call fails, see [`Error::is_feature_unavailable`]).
    pub async fn list_market_orders(&self) -> Result<model::MarketOrderList> {
        let request = self.authorized(self.http.get(self.url("/users/me/marketorders")))?;
        self.send(request, "GET /users/me/marketorders", true).await
    }

    /// `GET /users/me/amortizations`: the schedules of the user's loans (Wealth & Loans), one period per row. A
    /// feature "not activated by default": without it the call fails (see [`Error::is_feature_unavailable`]).
    pub async fn list_amortizations(&self) -> Result<model::AmortizationList> {
        let request = self.authorized(self.http.get(self.url("/users/me/amortizations")))?;
        self.send(request, "GET /users/me/amortizations", true).await
    }

    /// Pages of `GET /users/me/transactions` for `query`, following `_links.next`.
    pub fn transactions(&self, query: &TransactionQuery) -> Result<TransactionPager> {
        if !(1..=1000).contains(&query.limit) {
            return Err(Error::InvalidBaseUrl { reason: "internal: transaction page size must be 1 to 1000".into() });
        }
        let mut url = url::Url::parse(&self.url("/users/me/transactions"))
            .map_err(|_| Error::InvalidBaseUrl { reason: "it cannot carry a path".into() })?;
        {
            let mut pairs = url.query_pairs_mut();
            pairs.append_pair("limit", &query.limit.to_string());
            for (name, value) in [("last_update", &query.last_update), ("min_date", &query.min_date), ("max_date", &query.max_date)] {
                if let Some(value) = value {
                    pairs.append_pair(name, value);
                }
            }
        }
        let mut first = url.to_string();
        if query.include_deleted {
            first.push_str("&all");
        }
        Ok(TransactionPager::new(self.clone(), first))
    }

    /// Pages of `GET /users/me/transactions` from `next_url`, a `_links.next` an earlier listing gave (a sync that
    /// stopped resumes there); refused unless it is on this client's API origin, as every next link is.
    pub fn transactions_from(&self, next_url: &str) -> Result<TransactionPager> {
        if !self.same_origin(next_url) {
            return Err(Error::Pagination { reason: "the page to resume from is not on the configured API host".into() });
        }
        Ok(TransactionPager::new(self.clone(), next_url.to_string()))
    }

    /// True when `url` is on this client's API origin (scheme, host and port).
    pub(crate) fn same_origin(&self, url: &str) -> bool {
        url::Url::parse(url).is_ok_and(|u| u.origin().ascii_serialization() == self.origin)
    }

    /// GET of an absolute URL already checked to be on this client's origin (pagination links).
    pub(crate) async fn get_absolute<T: DeserializeOwned>(&self, url: &str, endpoint: &'static str) -> Result<T> {
        let request = self.authorized(self.http.get(url))?;
        self.send(request, endpoint, true).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn authorized(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder> {
        let token = self.token.as_ref().ok_or(Error::MissingToken)?;
        Ok(request.bearer_auth(token.expose_secret()))
    }

    /// The one request path: send (retrying idempotent requests per the policy), map error statuses, decode with
    /// the failing JSON path on error.
    async fn send<T: DeserializeOwned>(&self, request: reqwest::RequestBuilder, endpoint: &'static str, idempotent: bool) -> Result<T> {
        let policy = if idempotent { self.retry } else { RetryPolicy::none() };
        let mut attempt = 1;
        let bytes = loop {
            let this_try = request.try_clone().expect("requests with JSON bodies can be cloned");
            let (error, retry_after) = match this_try.send().await {
                Err(source) => (Error::Transport { kind: transport_kind(&source), source }, None),
                Ok(response) => {
                    let status = response.status();
                    let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(retry::parse_retry_after);
                    let header_request_id = response.headers().get("request_id").and_then(|v| v.to_str().ok()).map(str::to_owned);
                    match body::read_capped(response, endpoint, MAX_BODY_BYTES).await {
                        Err(error) => (error, None),
                        Ok(bytes) if status.is_success() => break bytes,
                        Ok(bytes) => (api_error(status.as_u16(), &bytes, header_request_id), retry_after),
                    }
                }
            };
            // Only requests that can be repeated without harm are retried: creating the household's Powens user is
            // billable, so even a 429 on it is reported rather than sent again.
            let retryable = idempotent
                && match &error {
                    Error::Transport { .. } => true,
                    Error::Api { status, .. } => RetryPolicy::retryable_status(*status),
                    _ => false,
                };
            if !retryable || attempt >= policy.max_attempts {
                return Err(error);
            }
            let wait = policy.delay(attempt, retry_after);
            tracing::debug!(endpoint, attempt, wait_ms = wait.as_millis() as u64, "retrying Powens request");
            tokio::time::sleep(wait).await;
            attempt += 1;
        };
        decode(endpoint, &bytes)
    }
}

fn transport_kind(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    }
}

/// Builds [`Error::Api`] from an error response, whose body may be Powens JSON, an HTML error page or nothing.
fn api_error(status: u16, body: &[u8], header_request_id: Option<String>) -> Error {
    #[derive(serde::Deserialize)]
    struct Body {
        code: Option<String>,
        description: Option<String>,
        #[serde(default)]
        request_id: Option<serde_json::Value>,
    }
    let parsed: Option<Body> = serde_json::from_slice(body).ok();
    let request_id = parsed
        .as_ref()
        .and_then(|b| b.request_id.as_ref())
        .and_then(|id| match id {
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::String(s) => Some(s.clone()),
            _ => None,
        })
        .or(header_request_id);
    Error::Api {
        status,
        code: parsed.as_ref().and_then(|b| b.code.clone()),
        description: parsed.and_then(|b| b.description),
        request_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_must_be_https_or_loopback_http() {
        assert_eq!(validate_base_url("https://acme.biapi.pro/2.0/").unwrap(), "https://acme.biapi.pro/2.0");
        assert!(validate_base_url("http://127.0.0.1:8080/2.0").is_ok());
        assert!(validate_base_url("http://localhost:8080/2.0").is_ok());
        for bad in ["http://acme.biapi.pro/2.0", "ftp://x/2.0", "not a url", "https://x/2.0?token=1"] {
            assert!(matches!(validate_base_url(bad), Err(Error::InvalidBaseUrl { .. })), "{bad} accepted");
        }
    }

    #[test]
    fn urls_a_parser_would_silently_rewrite_are_refused_without_quoting_them() {
        // Each parses (the parser turns `\` into `/`, trims spaces, keeps user info), so each must be refused here.
        for (bad, why) in [
            ("http://127.0.0.1:8080\\2.0", "backslash"),
            (" https://zorglub.biapi.pro/2.0", "space"),
            ("https://zorglub.biapi.pro/2.0\n", "space"),
            ("https://zorglub.biapi.pro/2 .0", "space"),
            ("https://user:hunter2@zorglub.biapi.pro/2.0", "user name or password"),
            ("https://user@zorglub.biapi.pro/2.0", "user name or password"),
        ] {
            let message = validate_base_url(bad).unwrap_err().to_string();
            assert!(message.contains(why), "{bad:?}: {message}");
            assert!(!message.contains("hunter2") && !message.contains("zorglub"), "the input is not echoed: {message}");
        }
        assert_eq!(validate_base_url("HTTPS://Acme.BIAPI.pro/2.0/").unwrap(), "https://acme.biapi.pro/2.0", "normalised");
    }

    #[test]
    fn error_bodies_are_parsed_whatever_their_shape() {
        let json = api_error(401, br#"{"code":"invalidToken","description":"x","message":null,"request_id":12}"#, None);
        assert!(matches!(&json, Error::Api { status: 401, code: Some(c), request_id: Some(r), .. } if c == "invalidToken" && r == "12"));
        assert!(json.is_invalid_token());
        let html = api_error(503, b"<html>CloudFront</html>", Some("abc".into()));
        assert!(matches!(&html, Error::Api { status: 503, code: None, request_id: Some(r), .. } if r == "abc"));
        let string_id = api_error(404, br#"{"code":"notFound","request_id":"r-9"}"#, None);
        assert!(matches!(string_id, Error::Api { request_id: Some(r), .. } if r == "r-9"));
    }
}
