//! `GET /api/frames`: one year of a state-year or dyad-year frame, a page at a time.

use super::schema::{Cell, ErrorBody, FramePage};
use super::{cached, store, year, St, Q};
use crate::error::{ApiError, ApiResult};
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
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
                let m: std::collections::BTreeMap<String, Cell> = batch
                    .columns()
                    .iter()
                    .zip(schema.fields())
                    .map(|(c, f)| (f.name().clone(), Cell(cell(c.as_ref(), r))))
                    .collect();
                rows.push(m);
            }
            Ok(FramePage {
                kind: format!("{kind:?}"),
                year: y,
                page,
                page_size: size,
                total_rows: total,
                pages,
                columns: schema.fields().iter().map(|f| f.name().clone()).collect(),
                inputs: frame.inputs().to_vec(),
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

fn cell(col: &dyn arrow_array::Array, r: usize) -> Option<serde_json::Number> {
    use arrow_array::{Float64Array, Int32Array, Int8Array};
    if col.is_null(r) {
        return None;
    }
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<Int8Array>() {
        return Some(a.value(r).into());
    }
    if let Some(a) = any.downcast_ref::<Int32Array>() {
        return Some(a.value(r).into());
    }
    if let Some(a) = any.downcast_ref::<Float64Array>() {
        return serde_json::Number::from_f64(a.value(r));
    }
    None
}
