//! The dashboard's files, embedded at build time from `web/src` (our own code: plain ES modules, HTML
//! and CSS, no third-party code), the committed coastlines (`web/data/land-110m.geojson`, Natural
//! Earth, public domain) and the shared chart style's CSS custom properties (`entente-style`).

use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use include_dir::{include_dir, Dir};
use std::sync::OnceLock;

static WEB: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../web/src");
static LAND: &[u8] = include_bytes!("../../../web/data/land-110m.geojson");

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

/// The style tokens as CSS, with the dashboard's own additions: none for now (one category, one
/// colour: the report's).
fn tokens() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(entente_style::css)
}

/// For front-end work: with `ENTENTE_WEB_DIR` set (to a `web/src` checkout), a file the binary
/// embeds is read from there instead, so edits show without a rebuild. Only the embedded files'
/// names are served: the environment variable cannot widen what the server reads.
fn live(path: &str) -> Option<Vec<u8>> {
    let dir = std::env::var_os("ENTENTE_WEB_DIR")?;
    std::fs::read(std::path::Path::new(&dir).join(path)).ok()
}

/// Serves a dashboard file, `/` being `index.html`.
pub async fn serve(method: Method, uri: Uri) -> Response {
    // The fallback sees every method; the dashboard's files are read-only like the API.
    if method != Method::GET && method != Method::HEAD {
        return crate::method_not_allowed().await;
    }
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let fixed: Option<(&'static str, &'static [u8])> = match path {
        "land.json" => Some(("application/json", LAND)),
        "style/tokens.css" => Some(("text/css; charset=utf-8", tokens().as_bytes())),
        _ => None,
    };
    if let Some((ty, body)) = fixed {
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, ty),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            body,
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
            live(path).unwrap_or_else(|| f.contents().to_vec()),
        )
            .into_response(),
        // serde builds the JSON: the path is the client's, with any backslash or quote in it.
        None => crate::error::error_response(
            StatusCode::NOT_FOUND,
            &format!("there is no file {path} on this server"),
        ),
    }
}
