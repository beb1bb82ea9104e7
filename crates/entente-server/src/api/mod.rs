//! The JSON API's handlers, by concept: the curated record ([`record`]), the analyses
//! ([`analysis`]), frames ([`frames`]) and the simulation ([`sim`]); their response types are in
//! [`schema`]. Each handler parses its query (a bad one is a 400 JSON error in plain English), calls
//! the library crates, and answers JSON; deterministic answers are cached.

pub mod analysis;
pub mod frames;
pub mod record;
pub mod schema;
pub mod sim;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use entente_core::{Ccode, Crosswalk};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;

/// A query string, with a JSON 400 in plain English for a malformed one.
pub struct Q<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|e| ApiError::BadRequest(plain_query_error(&e.body_text())))
    }
}

/// serde's message about a query string, said in plain English: "Failed to deserialize query
/// string: year: invalid digit found in string" becomes "year must be a whole number".
pub fn plain_query_error(raw: &str) -> String {
    let msg = raw
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(raw)
        .trim();
    if let Some(rest) = msg.split_once("unknown field `").map(|x| x.1) {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        return if allowed.is_empty() {
            format!("this endpoint takes no parameter '{field}'")
        } else {
            format!(
                "this endpoint takes no parameter '{field}'; it takes {}",
                allowed.join(", ")
            )
        };
    }
    let (field, what) = match msg.split_once(": ") {
        Some((f, w)) if !f.contains(' ') => (f, w),
        _ => ("a parameter", msg),
    };
    let need = if what.contains("invalid digit")
        || what.contains("expected u")
        || what.contains("expected i")
    {
        "must be a whole number".to_string()
    } else if what.contains("float") || what.contains("expected f64") {
        "must be a number".to_string()
    } else if what.contains("too large") {
        "is too large".to_string()
    } else if what.contains("too small") {
        "is too small".to_string()
    } else if what.contains("expected a boolean")
        || what.contains("provided string was not `true` or `false`")
    {
        "must be true or false".to_string()
    } else if what.contains("duplicate field") {
        "is given twice".to_string()
    } else {
        format!("is not valid ({what})")
    };
    format!("{field} {need}")
}

pub(crate) type St = State<Arc<AppState>>;

pub(crate) fn json_bytes(body: Bytes) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// Answers from the cache, or computes (on the blocking pool), caches and answers. `T` is the
/// response type the OpenAPI document describes.
pub(crate) async fn cached<T: Serialize + Send + 'static>(
    st: &Arc<AppState>,
    key: String,
    compute: impl FnOnce(Arc<AppState>) -> ApiResult<T> + Send + 'static,
) -> ApiResult<Response> {
    if let Some(b) = st.cached(&key) {
        return Ok(json_bytes(b));
    }
    // At most `compute_concurrency` answers are computed at once; the permit goes with the work,
    // so it is held until the computation ends even if the request has gone.
    let permit = Arc::clone(&st.compute)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::Unavailable("the server is shutting down".into()))?;
    let st2 = Arc::clone(st);
    // The answer is serialised on the blocking thread too: a large JSON body never holds an
    // async worker.
    let body = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let value = compute(st2)?;
        serde_json::to_vec(&value)
            .map(Bytes::from)
            .map_err(|e| ApiError::Unavailable(e.to_string()))
    })
    .await
    .map_err(|e| ApiError::Unavailable(format!("internal task failed: {e}")))??;
    st.store_cache(key, body.clone());
    Ok(json_bytes(body))
}

pub(crate) fn year(y: Option<i32>, default: i32, range: (i32, i32), what: &str) -> ApiResult<i32> {
    let y = y.unwrap_or(default);
    if y < range.0 || y > range.1 {
        return Err(ApiError::BadRequest(format!(
            "{what} covers {} to {}; year {y} is outside it",
            range.0, range.1
        )));
    }
    Ok(y)
}

pub(crate) fn state_code(code: &str, y: i32) -> ApiResult<Ccode> {
    Crosswalk
        .resolve_code(code, entente_core::year_end(y))
        .map_err(|e| ApiError::BadRequest(e.to_string()))
}

/// The message of a view that needs the data directory when there is none: which, and how to get it.
pub const NO_DATA: &str = "this server has no data directory, so this view's datasets (COW, ATOP, SIPRI, UN votes) are unavailable: run `entente data fetch` and start the server with --data-dir DIR (or ENTENTE_DATA=DIR)";

pub(crate) fn store(st: &AppState) -> ApiResult<&entente_data::Store> {
    st.store
        .as_deref()
        .ok_or_else(|| ApiError::Unavailable(NO_DATA.into()))
}

#[cfg(test)]
mod tests {
    use super::plain_query_error as p;

    #[test]
    fn query_errors_read_as_plain_english() {
        assert_eq!(
            p("Failed to deserialize query string: year: invalid digit found in string"),
            "year must be a whole number"
        );
        assert_eq!(
            p("Failed to deserialize query string: coordination: invalid float literal"),
            "coordination must be a number"
        );
        assert_eq!(
            p("Failed to deserialize query string: unknown field `colour`, expected `year` or `state`"),
            "this endpoint takes no parameter 'colour'; it takes year, state"
        );
        assert_eq!(
            p("Failed to deserialize query string: runs: number too large to fit in target type"),
            "runs is too large"
        );
    }
}
