//! What the server's in-process tests share: one state over the real data folder (or where it
//! would be), and a request that returns the status and the body as JSON (or as a string when it
//! is not JSON).
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_server::{app, AppState, Limits};
use http_body_util::BodyExt;
use serde_json::Value;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// The state every request of a test binary shares (so its caches are shared too).
pub fn state() -> Arc<AppState> {
    static S: OnceLock<Arc<AppState>> = OnceLock::new();
    S.get_or_init(|| {
        Arc::new(AppState::new(
            CuratedRecord::embedded().unwrap(),
            Some(Store::new(entente_testkit::data_location())),
            Limits::default(),
        ))
    })
    .clone()
}

/// `method uri` against the app.
pub async fn request(method: &str, uri: &str) -> (StatusCode, Value) {
    let res = app(state())
        .oneshot(
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, v)
}
