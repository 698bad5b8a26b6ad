//! Powens-shaped error responses: `{code, description, message, request_id}` with the matching HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

/// An error the sandbox answers with, exactly as Powens would shape it.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    description: String,
}

impl ApiError {
    /// 401 for a missing, unknown or expired bearer token.
    pub fn invalid_token(description: impl Into<String>) -> Self {
        Self { status: StatusCode::UNAUTHORIZED, code: "invalidToken", description: description.into() }
    }

    /// 404 for a route or resource outside the token's scope.
    pub fn not_found() -> Self {
        Self { status: StatusCode::NOT_FOUND, code: "notFound", description: "Ressource was not found.".into() }
    }

    /// 409 for a conflicting state (`tooManySync`, `noAccount`, …).
    pub fn conflict(code: &'static str, description: &str) -> Self {
        Self { status: StatusCode::CONFLICT, code, description: description.to_string() }
    }

    /// 400 for a required parameter that is absent.
    pub fn missing_parameter(name: &str) -> Self {
        Self { status: StatusCode::BAD_REQUEST, code: "missingParameter", description: format!("Missing parameter: {name}") }
    }

    /// 400 for a parameter with a wrong value.
    pub fn invalid_value(description: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, code: "invalidValue", description: description.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "code": self.code,
            "description": self.description,
            "message": null,
            "request_id": NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed),
        });
        (self.status, Json(body)).into_response()
    }
}
