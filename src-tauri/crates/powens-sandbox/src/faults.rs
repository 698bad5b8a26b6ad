//! Misbehaving on demand: faults a test or benchmark switches on through the control API, applied to every Powens
//! route (never to `/__sandbox/`). Each fault has a trigger: the next `times` matching requests, or every `every`-th
//! one, optionally only on paths containing `path`.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use serde::Deserialize;
use std::sync::Mutex;
use std::time::Duration;

/// What goes wrong.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// An HTTP error status with a Powens JSON body (500, 502, 503, 504, 429 …); 429 carries `Retry-After`.
    Status {
        /// The status.
        status: u16,
    },
    /// A 503 with a CloudFront HTML page instead of JSON.
    HtmlError,
    /// The real answer, after a delay.
    Latency {
        /// Milliseconds.
        ms: u64,
    },
    /// The connection drops mid-body (the response promises more bytes than it sends).
    Drop,
    /// The body is cut in half: valid HTTP, broken JSON.
    Truncate,
    /// The first transaction's `value` (or the first account's `balance`, the first account ownership's
    /// `id_account`, the first investment's `valuation`, the first history value's `unitvalue`, the first market
    /// order's `quantity`, the first amortization's `remaining_capital.value`) becomes a non-numeric string.
    WrongType,
    /// The first transaction loses its `date` (or the first account its `currency`, the first account ownership
    /// its `id_account`, the first investment its `valuation`, the first history value its `vdate`, the first market
    /// order its `order_direction`, the first amortization its `remaining_capital`).
    MissingField,
    /// The list itself goes: `transactions`, `accounts`, `connections`, `account_ownerships`, `investments`,
    /// `investmentvalues`, `marketorders` or `loanamortizations` is removed from the envelope.
    MissingList,
    /// A body that never ends: a valid JSON prefix, then array items streamed as fast as the client reads them.
    Endless {
        /// The status it comes with (200 unless set: an error status tests the error-body path).
        #[serde(default)]
        status: Option<u16>,
    },
    /// One finite, valid JSON document of `mib` MiB (64 unless set), with an honest `Content-Length`.
    Huge {
        /// Size in MiB.
        #[serde(default)]
        mib: Option<u64>,
    },
    /// A valid JSON prefix, then one space every `ms` milliseconds, forever: alive, but never finished.
    Trickle {
        /// Milliseconds between bytes.
        ms: u64,
    },
}

/// A fault and its trigger.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Fault {
    /// What goes wrong.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Only on paths containing this.
    #[serde(default)]
    pub path: Option<String>,
    /// Fire on the next `times` matching requests, then retire.
    #[serde(default)]
    pub times: Option<u32>,
    /// Fire on every `every`-th matching request (1 = all of them).
    #[serde(default)]
    pub every: Option<u32>,
    /// Let the first `after` matching requests through untouched.
    #[serde(default)]
    pub after: u32,
    #[serde(skip)]
    seen: u32,
}

impl Fault {
    /// A fault that fires on every matching request until cleared.
    pub fn always(kind: FaultKind) -> Self {
        Self { kind, path: None, times: None, every: None, after: 0, seen: 0 }
    }

    /// Fires on the next `times` matching requests only.
    pub fn times(mut self, times: u32) -> Self {
        self.times = Some(times);
        self
    }

    /// Fires on every `every`-th matching request.
    pub fn every(mut self, every: u32) -> Self {
        self.every = Some(every);
        self
    }

    /// Lets the first `after` matching requests through.
    pub fn after(mut self, after: u32) -> Self {
        self.after = after;
        self
    }

    /// Only on paths containing `path`.
    pub fn on_path(mut self, path: &str) -> Self {
        self.path = Some(path.to_string());
        self
    }
}

/// Powens' sandbox tier: "30 call/min" (its fair-usage page; fact sheet §7, §8), for [`Faults::set_rate_limit`] and
/// [`crate::SandboxConfig::rate_limit`]. The page's other figure, 86,400 calls a day, is not enforced (30 a minute
/// reaches it only after two full days of calls).
pub const SANDBOX_TIER_RATE_LIMIT: (u32, Duration) = (30, Duration::from_secs(60));

/// The active faults, and the optional sandbox-tier rate limit.
#[derive(Debug, Default)]
pub struct Faults {
    active: Mutex<Vec<Fault>>,
    rate_limit: Mutex<Option<RateLimit>>,
    throttled: std::sync::atomic::AtomicU64,
}

#[derive(Debug)]
struct RateLimit {
    per_window: u32,
    window: Duration,
    window_start: std::time::Instant,
    used: u32,
}

impl Faults {
    /// Adds a fault.
    pub fn add(&self, fault: Fault) {
        self.active.lock().expect("faults lock").push(fault);
    }

    /// Removes every fault and the rate limit.
    pub fn clear(&self) {
        self.active.lock().expect("faults lock").clear();
        *self.rate_limit.lock().expect("rate limit lock") = None;
    }

    /// Limits API calls to `per_window` per `window` (Powens' sandbox tier: 30 per minute).
    pub fn set_rate_limit(&self, limit: Option<(u32, Duration)>) {
        *self.rate_limit.lock().expect("rate limit lock") = limit
            .map(|(per_window, window)| RateLimit { per_window, window, window_start: std::time::Instant::now(), used: 0 });
    }

    /// When a request over the rate limit may be retried, if this one is over it.
    pub fn throttled(&self) -> Option<Duration> {
        let mut guard = self.rate_limit.lock().expect("rate limit lock");
        let limit = guard.as_mut()?;
        if limit.window_start.elapsed() >= limit.window {
            limit.window_start = std::time::Instant::now();
            limit.used = 0;
        }
        limit.used += 1;
        let over = limit.used > limit.per_window;
        if over {
            self.throttled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        over.then(|| limit.window.saturating_sub(limit.window_start.elapsed()))
    }

    /// Requests refused by the rate limit so far.
    pub fn throttled_count(&self) -> u64 {
        self.throttled.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The fault that applies to a request on `path`, if any (advancing triggers).
    pub fn pick(&self, path: &str) -> Option<FaultKind> {
        let mut active = self.active.lock().expect("faults lock");
        let mut fired = None;
        for fault in active.iter_mut() {
            if fault.path.as_deref().is_some_and(|p| !path.contains(p)) {
                continue;
            }
            fault.seen += 1;
            let on_cadence = fault.seen > fault.after && fault.every.is_none_or(|every| every > 0 && fault.seen % every == 0);
            let fires = on_cadence && fault.times.is_none_or(|times| times > 0);
            if fires {
                if let Some(times) = fault.times.as_mut() {
                    *times -= 1;
                }
                fired = Some(fault.kind.clone());
                break;
            }
        }
        active.retain(|f| f.times != Some(0));
        fired
    }
}

/// A 429 whose `Retry-After` says when the rate-limit window reopens (whole seconds, rounded up). Powens documents
/// neither the body nor the header of its 429 (fact sheet §5.3, §7): the body is its error shape with the
/// `rateLimiting` code, and the header is what the clients the fact sheet read honour.
pub fn throttled_response(retry_after: Duration) -> Response<Body> {
    let body = serde_json::json!({
        "code": "rateLimiting",
        "description": "Too many requests: the rate limit of this domain is reached",
        "message": null,
        "request_id": 0,
    });
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let seconds = retry_after.as_millis().div_ceil(1000).max(1) as u64;
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// A Powens-shaped error response for an injected status.
pub fn status_response(status: u16) -> Response<Body> {
    let code = match status {
        429 => "rateLimiting",
        503 => "websiteUnavailable",
        _ => "bug",
    };
    let body = serde_json::json!({ "code": code, "description": "injected by the sandbox", "message": null, "request_id": 0 });
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if status == 429 {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// The CloudFront page Powens' edge answers during maintenance.
pub fn html_response() -> Response<Body> {
    let page = "<html><head><title>503 Service Unavailable</title></head><body><h1>503 ERROR</h1>\
                <p>The request could not be satisfied. Generated by cloudfront (CloudFront)</p></body></html>";
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// Bytes of one chunk of the streamed faults: large enough that an endless body arrives at loopback speed.
const CHUNK: usize = 64 * 1024;

/// A body that never ends (see [`FaultKind::Endless`]); the stream stops only when the client goes away.
pub fn endless_response(status: Option<u16>) -> Response<Body> {
    use futures_util::StreamExt;
    let item = r#"{"id": 1, "padding": "endless body injected by the sandbox"},"#;
    let chunk = bytes::Bytes::from(item.repeat(CHUNK / item.len()));
    let prefix = futures_util::stream::once(async { Ok::<_, std::io::Error>(bytes::Bytes::from_static(br#"{"items": ["#)) });
    let forever = futures_util::stream::repeat_with(move || Ok(chunk.clone()));
    streamed(status.unwrap_or(200), None, Body::from_stream(prefix.chain(forever)))
}

/// A valid JSON document of exactly `mib` MiB (see [`FaultKind::Huge`]), streamed so the sandbox never holds it.
pub fn huge_response(mib: Option<u64>) -> Response<Body> {
    use futures_util::StreamExt;
    let total = mib.unwrap_or(64).max(1) * 1024 * 1024;
    let (head, tail) = (&br#"{"padding": ""#[..], &br#""}"#[..]);
    let mut filler = total - (head.len() + tail.len()) as u64;
    let x = bytes::Bytes::from(vec![b'x'; CHUNK]);
    let middle = futures_util::stream::iter(std::iter::from_fn(move || {
        (filler > 0).then(|| {
            let take = filler.min(CHUNK as u64);
            filler -= take;
            x.slice(..take as usize)
        })
    }));
    let parts = futures_util::stream::once(async move { bytes::Bytes::from_static(head) })
        .chain(middle)
        .chain(futures_util::stream::once(async move { bytes::Bytes::from_static(tail) }))
        .map(Ok::<_, std::io::Error>);
    streamed(200, Some(total), Body::from_stream(parts))
}

/// A JSON prefix, then a space every `ms` milliseconds, forever (see [`FaultKind::Trickle`]).
pub fn trickle_response(ms: u64) -> Response<Body> {
    use futures_util::StreamExt;
    let prefix = futures_util::stream::once(async { bytes::Bytes::from_static(br#"{"items": ["#) });
    let drip = futures_util::stream::unfold((), move |()| async move {
        tokio::time::sleep(Duration::from_millis(ms.max(1))).await;
        Some((bytes::Bytes::from_static(b" "), ()))
    });
    streamed(200, None, Body::from_stream(prefix.chain(drip).map(Ok::<_, std::io::Error>)))
}

fn streamed(status: u16, length: Option<u64>, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(length) = length {
        response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

/// The numbers [`FaultKind::WrongType`] turns into strings in the Wealth & Loans lists.
const WRONG_TYPED: [&str; 4] = ["/investments/0/valuation", "/investmentvalues/0/unitvalue", "/marketorders/0/quantity", "/loanamortizations/0/remaining_capital/value"];

/// The fields [`FaultKind::MissingField`] removes from the first item of the Wealth & Loans lists.
const MISSING: [(&str, &str); 4] =
    [("/investments/0", "valuation"), ("/investmentvalues/0", "vdate"), ("/marketorders/0", "order_direction"), ("/loanamortizations/0", "remaining_capital")];

/// Rewrites a successful JSON body according to `fault` (drop, truncate, wrong type).
pub fn corrupt(fault: &FaultKind, body: &[u8]) -> Response<Body> {
    let mut response = match fault {
        FaultKind::Drop => {
            // Half the body, then a stream error: the server aborts the connection mid-response.
            let half = bytes::Bytes::copy_from_slice(&body[..body.len() / 2]);
            let chunks: Vec<Result<bytes::Bytes, std::io::Error>> =
                vec![Ok(half), Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected drop"))];
            Response::new(Body::from_stream(futures_util::stream::iter(chunks)))
        }
        FaultKind::Truncate => Response::new(Body::from(body[..body.len() / 2].to_vec())),
        FaultKind::WrongType => {
            let mut value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            if let Some(first) = value.pointer_mut("/transactions/0/value") {
                *first = serde_json::Value::from("twelve euros");
            } else if let Some(first) = value.pointer_mut("/accounts/0/balance") {
                *first = serde_json::Value::from("a lot");
            } else if let Some(first) = value.pointer_mut("/account_ownerships/0/id_account") {
                *first = serde_json::Value::from("the first one");
            } else if let Some(first) = WRONG_TYPED.iter().find_map(|pointer| value.pointer(pointer).is_some().then_some(*pointer)) {
                if let Some(slot) = value.pointer_mut(first) {
                    *slot = serde_json::Value::from("a lot");
                }
            }
            Response::new(Body::from(value.to_string()))
        }
        FaultKind::MissingField => {
            let mut value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            if let Some(first) = value.pointer_mut("/transactions/0").and_then(|t| t.as_object_mut()) {
                first.remove("date");
            } else if let Some(first) = value.pointer_mut("/accounts/0").and_then(|a| a.as_object_mut()) {
                first.remove("currency");
            } else if let Some(first) = value.pointer_mut("/account_ownerships/0").and_then(|a| a.as_object_mut()) {
                first.remove("id_account");
            } else if let Some((list, field)) = MISSING.iter().find(|(list, _)| value.pointer(list).is_some()) {
                if let Some(first) = value.pointer_mut(list).and_then(|a| a.as_object_mut()) {
                    first.remove(*field);
                }
            }
            Response::new(Body::from(value.to_string()))
        }
        FaultKind::MissingList => {
            let mut value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
            if let Some(envelope) = value.as_object_mut() {
                for list in ["transactions", "accounts", "connections", "account_ownerships", "investments", "investmentvalues", "marketorders", "loanamortizations"] {
                    envelope.remove(list);
                }
            }
            Response::new(Body::from(value.to_string()))
        }
        _ => Response::new(Body::from(body.to_vec())),
    };
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_limit_throttles_past_its_budget_and_reopens_with_the_window() {
        let faults = Faults::default();
        faults.set_rate_limit(Some((2, Duration::from_millis(200))));
        assert!(faults.throttled().is_none());
        assert!(faults.throttled().is_none());
        let wait = faults.throttled().expect("the third call in the window is throttled");
        assert!(wait <= Duration::from_millis(200));
        std::thread::sleep(Duration::from_millis(220));
        assert!(faults.throttled().is_none(), "a new window reopens the budget");
        faults.set_rate_limit(None);
        assert!((0..10).all(|_| faults.throttled().is_none()));
    }

    #[test]
    fn faults_read_from_the_json_the_control_api_and_the_cli_take() {
        let fault: Fault = serde_json::from_str(r#"{"kind": "status", "status": 503, "times": 2, "path": "/transactions"}"#).unwrap();
        assert_eq!(fault, Fault::always(FaultKind::Status { status: 503 }).times(2).on_path("/transactions"));
        let fault: Fault = serde_json::from_str(r#"{"kind": "latency", "ms": 300, "every": 10, "after": 1}"#).unwrap();
        assert_eq!(fault, Fault::always(FaultKind::Latency { ms: 300 }).every(10).after(1));
        for kind in ["html_error", "drop", "truncate", "wrong_type", "missing_field", "missing_list", "endless", "huge"] {
            assert!(serde_json::from_str::<Fault>(&format!(r#"{{"kind": "{kind}"}}"#)).is_ok(), "{kind}");
        }
        let fault: Fault = serde_json::from_str(r#"{"kind": "endless", "status": 500, "path": "/auth/token"}"#).unwrap();
        assert_eq!(fault, Fault::always(FaultKind::Endless { status: Some(500) }).on_path("/auth/token"));
        let fault: Fault = serde_json::from_str(r#"{"kind": "trickle", "ms": 50}"#).unwrap();
        assert_eq!(fault, Fault::always(FaultKind::Trickle { ms: 50 }));
        assert!(serde_json::from_str::<Fault>(r#"{"kind": "meteor"}"#).is_err());
    }

    #[test]
    fn triggers_count_matching_requests_only() {
        let faults = Faults::default();
        faults.add(Fault::always(FaultKind::HtmlError).on_path("/transactions").after(1).times(2));
        assert_eq!(faults.pick("/2.0/users/me/accounts"), None, "other paths are untouched");
        assert_eq!(faults.pick("/2.0/users/me/transactions"), None, "the first matching request passes");
        assert_eq!(faults.pick("/2.0/users/me/transactions"), Some(FaultKind::HtmlError));
        assert_eq!(faults.pick("/2.0/users/me/transactions"), Some(FaultKind::HtmlError));
        assert_eq!(faults.pick("/2.0/users/me/transactions"), None, "retired after its two firings");
    }
}
