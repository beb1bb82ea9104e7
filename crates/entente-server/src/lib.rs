//! # entente-server
//!
//! `entente serve`: a read-only JSON API under `/api/` (OpenAPI document at `/openapi.json`) and the
//! dashboard, over the same library crates as the CLI. Every response to a bad request is a 4xx JSON
//! error; queries are size-limited; simulation runs are bounded (runs per request, a timeout, a small
//! queue); deterministic answers are cached.

mod api;
mod assets;
mod error;
mod listen;
mod openapi;
mod rejections;
mod state;

pub use error::{ApiError, ApiResult};
pub use listen::{bind, serve_on, serve_with, HEADER_READ_TIMEOUT, MAX_CONNECTIONS};
pub use openapi::spec as openapi_spec;
pub use state::{AppState, Limits};

use api::{analysis, frames, record, sim};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The longest accepted request target (path and query), bytes.
pub const MAX_URI: usize = 2048;

async fn limit_uri(req: Request, next: Next) -> Response {
    let len = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().len())
        .unwrap_or(0);
    if len > MAX_URI {
        return error::error_response(
            StatusCode::URI_TOO_LONG,
            &format!(
                "the request's address is {len} bytes long; this server takes at most {MAX_URI}"
            ),
        );
    }
    next.run(req).await
}

/// Turns every error answer that is not already JSON (the body-limit layer's 413, the timeout's 408,
/// axum's own rejections) into the API's JSON error, so a client always gets `{"error", "status"}`.
async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let text = axum::body::to_bytes(res.into_body(), 4096)
        .await
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_string());
    error::error_response(status, &text)
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound("there is no such API endpoint; /openapi.json lists them".into())
}

pub(crate) async fn method_not_allowed() -> Response {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        Json(json!({ "error": "this server is read-only: use GET", "status": 405 })),
    )
        .into_response()
}

/// The application: API, OpenAPI document and dashboard.
pub fn app(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/health", get(record::health))
        .route("/states", get(record::states))
        .route("/alliances", get(record::alliances))
        .route("/ties", get(record::ties))
        .route("/brief", get(record::brief))
        .route("/headline", get(record::headline))
        .route("/records", get(record::records))
        .route("/opportunities", get(analysis::opportunities))
        .route("/similarity", get(analysis::similarity))
        .route("/frames", get(frames::frames))
        .route("/network", get(analysis::network))
        .route("/trends", get(analysis::trends))
        .route("/profile", get(analysis::profile))
        .route("/scenarios", get(sim::scenarios))
        .route("/simulate", get(sim::simulate))
        .route("/coordination", get(sim::coordination))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .nest("/api", api)
        .route("/openapi.json", get(openapi::document))
        .fallback(assets::serve)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(limit_uri))
        .layer(RequestBodyLimitLayer::new(16 * 1024))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(middleware::from_fn(json_errors))
        // Outermost: gzip or brotli, as the client accepts, for every answer (the JSON errors too).
        .layer(CompressionLayer::new().gzip(true).br(true))
        .with_state(state)
}

/// Serves the app on an address until the process is stopped (Ctrl-C), with the header-read
/// timeout and the connection cap of [`serve_on`].
pub async fn serve(addr: std::net::SocketAddr, state: Arc<AppState>) -> std::io::Result<()> {
    let listener = bind(addr).await?;
    state.warm();
    serve_on(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
