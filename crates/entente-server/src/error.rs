//! Errors as JSON: every failure is a 4xx or 5xx with `{"error": "..."}`, never a panic.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An API error.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Bad input (400).
    #[error("{0}")]
    BadRequest(String),
    /// Not found (404).
    #[error("{0}")]
    NotFound(String),
    /// A budget or queue is full (503), or a run took too long.
    #[error("{0}")]
    Busy(String),
    /// Data needed for the answer is unavailable (503).
    #[error("{0}")]
    Unavailable(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Busy(_) | ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        };
        error_response(status, &self.to_string())
    }
}

/// The one JSON error body: `{"error", "status"}`, the message with its control characters escaped
/// (a query's ANSI escape echoed in "unknown state code" must not drive a client's terminal).
pub(crate) fn error_response(status: StatusCode, message: &str) -> Response {
    (status, Json(error_body(status, message))).into_response()
}

/// The body of [`error_response`], also given to hyper's own rejections (`rejections.rs`).
pub(crate) fn error_body(status: StatusCode, message: &str) -> serde_json::Value {
    json!({ "error": entente_core::escape_controls(message), "status": status.as_u16() })
}

/// A handler result.
pub type ApiResult<T> = Result<T, ApiError>;
