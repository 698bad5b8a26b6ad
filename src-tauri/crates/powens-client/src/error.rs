//! The client's error type: every way a Powens call can fail, with the data needed to react to it.

/// A failed Powens call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configured base URL cannot be used.
    #[error("invalid Powens base URL: {reason}")]
    InvalidBaseUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The request never got an HTTP answer (connection refused, timeout, TLS failure).
    #[error("could not reach the Powens API ({kind}); check the network and the configured base URL")]
    Transport {
        /// A short, secret-free description of the failure class.
        kind: &'static str,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// Powens answered with an error status.
    #[error("Powens answered HTTP {status} ({})", code.as_deref().unwrap_or("no error code"))]
    Api {
        /// HTTP status code.
        status: u16,
        /// Powens error `code` (`invalidToken`, `notFound`, …), when the body carried one.
        code: Option<String>,
        /// Powens `request_id`, for support requests.
        request_id: Option<String>,
        /// Powens' technical `description`; may quote request data, so it is for logs after redaction only.
        description: Option<String>,
    },
    /// Powens answered 2xx with a body that does not have the expected shape.
    #[error(
        "Powens sent data this app cannot read ({endpoint}, at `{path}`: {message}). Nothing from this answer was \
         stored; try again later, and report it if it persists"
    )]
    Decode {
        /// Which endpoint was called (a path template, no ids).
        endpoint: &'static str,
        /// The JSON path that failed, e.g. `accounts[3].currency` (`.` for the document itself).
        path: String,
        /// The kind of problem and what was expected; never the value found (see [`crate::decode()`]).
        message: String,
    },
    /// The answer's body was larger than the client reads (see [`crate::MAX_BODY_BYTES`]): an endless or huge body,
    /// from a faulty server or a proxy on the way. Nothing past the cap was read or kept.
    #[error(
        "Powens' answer to {endpoint} was larger than {} MiB, far more than any real Powens answer, so the app \
         stopped reading it and used none of it. The fault is at Powens or a proxy on the way; try again later, \
         and report it if it persists",
        limit / (1024 * 1024)
    )]
    BodyTooLarge {
        /// Which endpoint was called (a path template, no ids).
        endpoint: &'static str,
        /// The cap, in bytes.
        limit: usize,
    },
    /// A paged listing misbehaved (a link to another host, a repeated link, too many pages).
    #[error("Powens pagination stopped: {reason}")]
    Pagination {
        /// What was wrong.
        reason: String,
    },
    /// A call needing a user token was made before one was set.
    #[error("no Powens user token: the household's Powens user has not been created yet")]
    MissingToken,
}

impl Error {
    /// True when Powens refused the bearer token (unknown, expired or revoked).
    pub fn is_invalid_token(&self) -> bool {
        matches!(self, Error::Api { status: 401 | 403, .. })
    }

    /// True when Powens says the resource is not there for this domain: a product or feature the domain has not
    /// activated, as opposed to a failure worth reporting. The status is not documented for investments (404 or
    /// 403 seen for other features) and is 401 "You are not authorized to use this feature" for amortizations: a
    /// 401 or 403 counts unless its code says the token itself was refused.
    pub fn is_feature_unavailable(&self) -> bool {
        match self {
            Error::Api { status: 404, .. } => true,
            Error::Api { status: 401 | 403, code: Some(code), .. } => code != "invalidToken",
            _ => false,
        }
    }
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, Error>;
