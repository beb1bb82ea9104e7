//! `GET /api/frames`: one year of a state-year or dyad-year frame, a page at a time.

use super::schema::{ErrorBody, FramePage};
use super::{cached, store, year, St, Q};
use crate::error::{ApiError, ApiResult};
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FramesQ {
    /// state-year or dyad-year (default).
    kind: Option<String>,
    /// 1816–2025, default 2000.
    year: Option<i32>,
    /// Comma-separated column sets (docs/frames.md).
    add: Option<String>,
    /// Directed dyads, default true.
    directed: Option<bool>,
    /// From 1.
    page: Option<usize>,
    /// 1–5000, default 1000.
    page_size: Option<usize>,
}

/// `GET /api/frames?kind=dyad-year&year=2000&add=atop,nmc&page=1&page_size=1000` — one year of a frame,
/// a page at a time.
#[utoipa::path(get, path = "/api/frames", tag = "data", params(FramesQ),
    responses((status = 200, description = "One page of a year of a frame", body = FramePage),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 503, description = "No data directory, or a dataset unreadable", body = ErrorBody)))]
pub async fn frames(State(st): St, Q(q): Q<FramesQ>) -> ApiResult<Response> {
    use entente_frames::{Frame, FrameOptions, Kind};
    let kind = match q.kind.as_deref().unwrap_or("dyad-year") {
        "state-year" => Kind::StateYear,
        "dyad-year" => Kind::DyadYear {
            directed: q.directed.unwrap_or(true),
        },
        other => {
            return Err(ApiError::BadRequest(format!(
                "kind '{other}' must be state-year or dyad-year"
            )))
        }
    };
    let y = year(
        q.year,
        2000,
        (1816, entente_frames::system::EXTENDED_TO),
        "The state system",
    )?;
    let size = q.page_size.unwrap_or(1000);
    if size == 0 || size > st.limits.max_page {
        return Err(ApiError::BadRequest(format!(
            "page_size must be between 1 and {}",
            st.limits.max_page
        )));
    }
    let page = q.page.unwrap_or(1).max(1);
    let add: Vec<String> = q
        .add
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if add.len() > 10 {
        return Err(ApiError::BadRequest(
            "at most 10 column sets in add=".into(),
        ));
    }
    for (i, a) in add.iter().enumerate() {
        entente_frames::by_name(a, kind).map_err(|e| ApiError::BadRequest(e.to_string()))?;
        if add[..i].contains(a) {
            return Err(ApiError::BadRequest(format!("'{a}' appears twice in add=")));
        }
    }
    cached(
        &st,
        format!("frames:{kind:?}:{y}:{add:?}:{page}:{size}"),
        move |st| {
            let store = store(&st)?;
            let names: Vec<&str> = add.iter().map(String::as_str).collect();
            let frame = Frame::new(
                store,
                kind,
                FrameOptions {
                    from: Some(y),
                    to: Some(y),
                    extend: true,
                },
            )
            .and_then(|f| f.add_all(&names))
            .map_err(frame_error)?;
            let batch = frame.batch(y).map_err(frame_error)?;
            let total = batch.num_rows();
            let pages = total.div_ceil(size);
            // Checked: a page number near usize::MAX must not wrap round to page 1.
            let start = match (page - 1).checked_mul(size) {
                Some(s) if s < total || page == 1 => s,
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "page {page} is past the last page ({pages})"
                    )))
                }
            };
            let schema = batch.schema();
            let mut rows = Vec::new();
            for r in start..(start + size).min(total) {
                let mut m = serde_json::Map::new();
                for (c, f) in batch.columns().iter().zip(schema.fields()) {
                    m.insert(f.name().clone(), cell(c.as_ref(), r));
                }
                rows.push(serde_json::Value::Object(m));
            }
            Ok(FramePage {
                kind: format!("{kind:?}"),
                year: y,
                page,
                page_size: size,
                total_rows: total,
                pages,
                columns: schema.fields().iter().map(|f| f.name().clone()).collect(),
                inputs: serde_json::to_value(frame.inputs()).unwrap_or_default(),
                rows,
            })
        },
    )
    .await
}

/// A frame error for the API: what the user asked for (an unknown or repeated column set, years
/// outside a source's coverage) is a 400; a dataset that cannot be read is a 503.
fn frame_error(e: entente_frames::FrameError) -> ApiError {
    use entente_frames::FrameError as F;
    match e {
        F::Data(_) | F::Io { .. } | F::Write(_) | F::Encode { .. } | F::Output { .. } => {
            ApiError::Unavailable(e.to_string())
        }
        _ => ApiError::BadRequest(e.to_string()),
    }
}

fn cell(col: &dyn arrow_array::Array, r: usize) -> serde_json::Value {
    use arrow_array::{Float64Array, Int32Array, Int8Array};
    if col.is_null(r) {
        return serde_json::Value::Null;
    }
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<Int8Array>() {
        return json!(a.value(r));
    }
    if let Some(a) = any.downcast_ref::<Int32Array>() {
        return json!(a.value(r));
    }
    if let Some(a) = any.downcast_ref::<Float64Array>() {
        return json!(a.value(r));
    }
    serde_json::Value::Null
}
