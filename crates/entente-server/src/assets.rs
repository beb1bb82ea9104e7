//! The dashboard's files, embedded at build time from `web/src` (our own code: plain ES modules, HTML
//! and CSS, no third-party code), and the optional coastline data that `web/` builds from npm.

use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use include_dir::{include_dir, Dir};

static WEB: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../web/src");
static LAND: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/land.json"));

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// Serves a dashboard file, `/` being `index.html`.
pub async fn serve(method: Method, uri: Uri) -> Response {
    // The fallback sees every method; the dashboard's files are read-only like the API.
    if method != Method::GET && method != Method::HEAD {
        return crate::method_not_allowed().await;
    }
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    if path == "land.json" {
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            LAND,
        )
            .into_response();
    }
    match WEB.get_file(path) {
        Some(f) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, mime(path)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            f.contents(),
        )
            .into_response(),
        // serde builds the JSON: the path is the client's, with any backslash or quote in it.
        None => (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({
                "error": format!("no such file: {path}"),
                "status": 404
            })),
        )
            .into_response(),
    }
}
