//! The JSON API's handlers. Each parses its query (a bad one is a 400 JSON error), calls the library
//! crates, and answers JSON; deterministic answers are cached.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use entente_core::{Ccode, Crosswalk, Group, StateInfo};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

/// A query string, with a JSON 400 for a malformed one.
pub struct Q<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

type St = State<Arc<AppState>>;

fn json_bytes(body: Bytes) -> Response {
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

/// Answers from the cache, or computes (on the blocking pool), caches and answers.
async fn cached<T: Serialize + Send + 'static>(
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

fn year(y: Option<i32>, default: i32, range: (i32, i32), what: &str) -> ApiResult<i32> {
    let y = y.unwrap_or(default);
    if y < range.0 || y > range.1 {
        return Err(ApiError::BadRequest(format!(
            "year {y} is outside {what}'s coverage {}–{}",
            range.0, range.1
        )));
    }
    Ok(y)
}

fn state_code(code: &str, y: i32) -> ApiResult<Ccode> {
    Crosswalk
        .resolve_code(code, entente_core::year_end(y))
        .map_err(|e| ApiError::BadRequest(e.to_string()))
}

fn store(st: &AppState) -> ApiResult<&entente_data::Store> {
    st.store.as_deref().ok_or_else(|| {
        ApiError::Unavailable("this server has no data directory (start it with --data-dir)".into())
    })
}

/// `GET /api/health`
pub async fn health(State(st): St) -> impl IntoResponse {
    axum::Json(json!({
        "status": "ok",
        "entente_version": env!("CARGO_PKG_VERSION"),
        "curated_record": { "records": st.record.ties().len(), "sha256": st.record.sha256(), "coverage": entente_curated::COVERAGE },
        "data_directory": st.store.as_ref().map(|s| s.dir().display().to_string()),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatesQ {
    region: Option<String>,
}

/// `GET /api/states?region=`
pub async fn states(State(st): St, Q(q): Q<StatesQ>) -> ApiResult<Response> {
    let group = q
        .region
        .as_deref()
        .map(Group::parse)
        .transpose()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    cached(&st, format!("states:{:?}", q.region), move |st| {
        // The latest capital of each state, for maps (when the data directory has the capitals).
        let capitals: std::collections::HashMap<u16, (f64, f64)> = st
            .store
            .as_deref()
            .and_then(|s| s.capitals().ok())
            .map(|l| {
                let mut m = std::collections::HashMap::new();
                let mut latest = std::collections::HashMap::new();
                for c in &l.data {
                    if latest
                        .get(&c.ccode.0)
                        .is_none_or(|d| *d < c.span.last_day())
                    {
                        latest.insert(c.ccode.0, c.span.last_day());
                        m.insert(c.ccode.0, (c.lat, c.lng));
                    }
                }
                m
            })
            .unwrap_or_default();
        Ok(StateInfo::all()
            .iter()
            .filter(|s| group.is_none_or(|g| g.contains(s.ccode)))
            .map(|s| {
                let cap = capitals.get(&s.ccode.0);
                json!({
                    "ccode": s.ccode.0, "iso3": s.iso3, "cow_abb": s.cow_abb, "name": s.name,
                    "region": s.region.label(), "group": Group::of(s.ccode).map(|g| g.label()),
                    "lat": cap.map(|c| c.0), "lng": cap.map(|c| c.1),
                })
            })
            .collect::<Vec<_>>())
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlliancesQ {
    year: Option<i32>,
    state: Option<String>,
}

/// `GET /api/alliances?year=&state=` — the curated record's alliances with members as of the year.
pub async fn alliances(State(st): St, Q(q): Q<AlliancesQ>) -> ApiResult<Response> {
    let y = year(
        q.year,
        entente_curated::COVERAGE.1,
        entente_curated::COVERAGE,
        "the curated record",
    )?;
    let state = q.state.as_deref().map(|s| state_code(s, y)).transpose()?;
    cached(&st, format!("alliances:{y}:{state:?}"), move |st| {
        Ok(st.record.alliance_rows(y, state))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TiesQ {
    between: Option<String>,
    and: Option<String>,
    year: Option<i32>,
}

/// `GET /api/ties?between=europe&and=east-asia&year=`
pub async fn ties(State(st): St, Q(q): Q<TiesQ>) -> ApiResult<Response> {
    let ga = Group::parse(q.between.as_deref().unwrap_or("europe"))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let gb = Group::parse(q.and.as_deref().unwrap_or("east-asia"))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let y = q
        .year
        .map(|y| year(Some(y), 0, entente_curated::COVERAGE, "the curated record"))
        .transpose()?;
    cached(&st, format!("ties:{ga:?}:{gb:?}:{y:?}"), move |st| {
        Ok(st.record.tie_rows(ga, gb, y))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefQ {
    year: Option<i32>,
}

/// `GET /api/brief?year=` — the interregional brief's content.
pub async fn brief(State(st): St, Q(q): Q<BriefQ>) -> ApiResult<Response> {
    let y = year(
        q.year,
        entente_curated::COVERAGE.1,
        entente_curated::COVERAGE,
        "the curated record",
    )?;
    cached(&st, format!("brief:{y}"), move |st| {
        let b = entente_report::Brief::build(st.record, y).map_err(|e| ApiError::BadRequest(e.to_string()))?;
        // The lead network measures, from the same yearly measures as /api/trends.
        let source = if st.store.is_some() {
            "Entente networks, default layers (ATOP 5.1 to 2018, carried forward, and the curated record)"
        } else {
            "Entente networks, default layers, from the curated record alone (no data directory)"
        };
        Ok(match st.trend_measures() {
            Ok(ms) => match ms.iter().find(|m| m.year == y) {
                Some(m) => b.with_network(entente_report::NetworkLead::of(m, source)),
                None => b,
            },
            Err(_) => b,
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OppQ {
    year: Option<i32>,
    top: Option<usize>,
    pair: Option<String>,
}

/// `GET /api/opportunities?year=&top=&pair=GBR,JPN`
pub async fn opportunities(State(st): St, Q(q): Q<OppQ>) -> ApiResult<Response> {
    let y = year(q.year, 2024, (1990, 2025), "the opportunity score")?;
    let top = q.top.unwrap_or(25).min(1000);
    let pair = match &q.pair {
        None => None,
        Some(p) => {
            let v: Vec<&str> = p.split(',').map(str::trim).collect();
            let [a, b] = v.as_slice() else {
                return Err(ApiError::BadRequest(
                    "pair takes two codes, such as GBR,JPN".into(),
                ));
            };
            Some((state_code(a, y)?, state_code(b, y)?))
        }
    };
    cached(&st, format!("opp:{y}:{top}:{pair:?}"), move |st| {
        let mut rows = st.opportunities().year(y);
        if let Some((a, b)) = pair {
            rows.retain(|r| {
                let (e, x) = (Ccode(r.europe.ccode), Ccode(r.asia.ccode));
                (e, x) == (a, b) || (e, x) == (b, a)
            });
            if rows.is_empty() {
                return Err(ApiError::NotFound(
                    "no such European–East Asian pair that year".into(),
                ));
            }
        } else {
            rows.truncate(top);
        }
        Ok(rows)
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimilarityQ {
    year: Option<i32>,
    state: Option<String>,
    other: Option<String>,
    source: Option<String>,
}

/// `GET /api/similarity?year=&state=JPN[&other=USA][&source=atop|cow|curated]` — every measure of one
/// state with every other (or one), that year.
pub async fn similarity(State(st): St, Q(q): Q<SimilarityQ>) -> ApiResult<Response> {
    use entente_similarity::{Measure, Similarity, SimilarityOptions, Source};
    let source = Source::parse(q.source.as_deref().unwrap_or("atop"))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let y = year(
        q.year,
        source.coverage().1,
        source.coverage(),
        source.name(),
    )?;
    let Some(code) = q.state.clone() else {
        return Err(ApiError::BadRequest(
            "state= is required (ISO3 or COW code)".into(),
        ));
    };
    let a = state_code(&code, y)?;
    let b = q.other.as_deref().map(|o| state_code(o, y)).transpose()?;
    cached(
        &st,
        format!("sim:{}:{y}:{a:?}:{b:?}", source.name()),
        move |st| {
            let store = store(&st)?;
            let system = entente_frames::system::System::from_store(store, true)
                .map_err(|e| ApiError::Unavailable(e.to_string()))?;
            let states = system.year(y).states.clone();
            let Ok(i) = states.binary_search(&a) else {
                return Err(ApiError::NotFound(format!(
                    "{code} is not in the state system in {y}"
                )));
            };
            let mut sim = Similarity::new(
                SimilarityOptions {
                    source,
                    ..Default::default()
                },
                st.record.clone(),
            );
            sim.prepare_with(Some(store), (y, y))
                .map_err(|e| ApiError::Unavailable(e.to_string()))?;
            let scores = sim.year_scores(y, &states);
            let n = states.len();
            let rows: Vec<serde_json::Value> = states
                .iter()
                .enumerate()
                .filter(|(j, c)| *j != i && b.is_none_or(|b| b == **c))
                .map(|(j, c)| {
                    let mut m = serde_json::Map::new();
                    m.insert("ccode".into(), json!(c.0));
                    m.insert("iso3".into(), json!(StateInfo::get(*c).map(|s| s.code())));
                    for (k, meas) in Measure::ALL.iter().enumerate() {
                        m.insert(meas.name().into(), json!(scores[k][i * n + j]));
                    }
                    serde_json::Value::Object(m)
                })
                .collect();
            Ok(json!({ "year": y, "state": code, "source": source.name(), "rows": rows }))
        },
    )
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramesQ {
    kind: Option<String>,
    year: Option<i32>,
    add: Option<String>,
    directed: Option<bool>,
    page: Option<usize>,
    page_size: Option<usize>,
}

/// `GET /api/frames?kind=dyad-year&year=2000&add=atop,nmc&page=1&page_size=1000` — one year of a frame,
/// a page at a time.
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
        "the state system",
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
    cached(&st, format!("frames:{kind:?}:{y}:{add:?}:{page}:{size}"), move |st| {
        let store = store(&st)?;
        let names: Vec<&str> = add.iter().map(String::as_str).collect();
        let frame = Frame::new(store, kind, FrameOptions { from: Some(y), to: Some(y), extend: true })
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
        Ok(json!({
            "kind": format!("{kind:?}"), "year": y, "page": page, "page_size": size, "total_rows": total,
            "pages": total.div_ceil(size), "columns": schema.fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>(),
            "inputs": frame.inputs(), "rows": rows,
        }))
    })
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkQ {
    year: Option<i32>,
    layers: Option<String>,
}

/// `GET /api/network?year=&layers=alliance,cooperation,arms,un` — a year's multiplex network: every
/// measure, nodes with their blocks and centralities, and the edges with their layer values.
pub async fn network(State(st): St, Q(q): Q<NetworkQ>) -> ApiResult<Response> {
    use entente_networks::{export, measure, Network, Options, YEARS};
    let y = year(q.year, 2024, YEARS, "the networks")?;
    let mut opts = Options::default();
    if let Some(l) = &q.layers {
        opts.set_layers(l)
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    }
    opts.validate()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    cached(&st, format!("network:{y}:{:?}", q.layers), move |st| {
        let inputs = st.network_inputs().map_err(ApiError::Unavailable)?;
        let net = Network::build(inputs, y, &opts, &[]).map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let m = measure(&net).map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let missing: Vec<serde_json::Value> = net
            .missing_layers()
            .into_iter()
            .map(|(l, why)| json!({ "layer": l.name(), "why": why }))
            .collect();
        Ok(json!({ "year": y, "measures": m, "edge_list": export::edge_rows(&net), "missing_layers": missing }))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendsQ {
    measure: Option<String>,
    from: Option<i32>,
    to: Option<i32>,
}

/// `GET /api/trends?measure=all|NAME,NAME&from=&to=` — network measures year by year (default layers).
pub async fn trends(State(st): St, Q(q): Q<TrendsQ>) -> ApiResult<Response> {
    use entente_networks::trends;
    let names: Vec<String> = q
        .measure
        .as_deref()
        .unwrap_or("all")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let scalars = trends::scalars(&names).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let (from, to) =
        trends::years(q.from, q.to).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let key = format!("trends:{names:?}:{from}:{to}");
    cached(&st, key, move |st| {
        let all = st.trend_measures().map_err(ApiError::Unavailable)?;
        let rows: Vec<serde_json::Value> = all
            .iter()
            .filter(|m| (from..=to).contains(&m.year))
            .map(|m| {
                let mut o = serde_json::Map::new();
                o.insert("year".into(), json!(m.year));
                for s in &scalars {
                    o.insert(s.name.into(), json!((s.get)(m)));
                }
                serde_json::Value::Object(o)
            })
            .collect();
        let about: serde_json::Map<String, serde_json::Value> = scalars
            .iter()
            .map(|s| (s.name.to_string(), json!(s.about)))
            .collect();
        Ok(json!({ "measures": about, "rows": rows }))
    })
    .await
}

static SCENARIOS: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../scenarios");

/// `scenarios/ranges.toml` is the table of parameter ranges, not a scenario.
const NOT_A_SCENARIO: &str = "ranges";

fn scenario(name: &str) -> ApiResult<entente_sim::Scenario> {
    let file = SCENARIOS
        .get_file(format!("{name}.toml"))
        .filter(|_| name != NOT_A_SCENARIO)
        .ok_or_else(|| ApiError::NotFound(format!("no scenario '{name}' (see /api/scenarios)")))?;
    let text = file
        .contents_utf8()
        .ok_or_else(|| ApiError::Unavailable("scenario is not UTF-8".into()))?;
    entente_sim::Scenario::parse(text, &format!("scenarios/{name}.toml"))
        .map_err(|e| ApiError::Unavailable(e.to_string()))
}

/// `GET /api/scenarios` — the scenarios that ship with Entente.
pub async fn scenarios() -> ApiResult<Response> {
    let mut v = Vec::new();
    let mut files: Vec<_> = SCENARIOS.files().collect();
    files.sort_by_key(|f| f.path().to_path_buf());
    for f in files {
        let Some(name) = f.path().file_stem().and_then(|n| n.to_str()) else {
            continue;
        };
        if name == NOT_A_SCENARIO {
            continue;
        }
        let s = scenario(name)?;
        v.push(json!({ "name": name, "title": s.description, "year": s.year, "coordination": s.coordination, "runs": s.runs }));
    }
    Ok(axum::Json(v).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulateQ {
    scenario: Option<String>,
    runs: Option<u64>,
    coordination: Option<f64>,
    seed: Option<u64>,
}

/// `GET /api/simulate?scenario=baseline&runs=500&coordination=0.7&seed=1` — a bounded Monte Carlo run
/// of a shipped scenario: at most `max_runs` runs, a timeout, two at a time and a small queue (503
/// when full). Deterministic for a seed, so answers are cached.
pub async fn simulate(State(st): St, Q(q): Q<SimulateQ>) -> ApiResult<Response> {
    let name = q.scenario.clone().unwrap_or_else(|| "baseline".into());
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(ApiError::BadRequest(
            "scenario names are letters, digits and '-'".into(),
        ));
    }
    let mut sc = scenario(&name)?;
    let runs = q.runs.unwrap_or(1000);
    if runs == 0 || runs as usize > st.limits.max_runs {
        return Err(ApiError::BadRequest(format!(
            "runs must be between 1 and {} per request",
            st.limits.max_runs
        )));
    }
    if let Some(c) = q.coordination {
        if !(0.0..=1.0).contains(&c) || !c.is_finite() {
            return Err(ApiError::BadRequest(
                "coordination must be in [0, 1]".into(),
            ));
        }
        sc.coordination = c;
    }
    sc.runs = runs;
    if let Some(s) = q.seed {
        sc.seed = s;
    }
    sc.check().map_err(|(path, msg)| {
        ApiError::BadRequest(format!(
            "{}: {msg}",
            entente_sim::scenario::show_path(&path)
        ))
    })?;
    let key = format!("simulate:{name}:{runs}:{}:{}", sc.coordination, sc.seed);
    if let Some(b) = st.cached(&key) {
        return Ok(json_bytes(b));
    }
    let slot = Arc::clone(&st.sim_slots)
        .try_acquire_owned()
        .map_err(|_| ApiError::Busy("the simulation queue is full; try again shortly".into()))?;
    let run = Arc::clone(&st.sim_run)
        .acquire_owned()
        .await
        .map_err(|_| ApiError::Busy("simulation unavailable".into()))?;
    let st2 = Arc::clone(&st);
    let (seed, coord) = (sc.seed, sc.coordination);
    let task = tokio::task::spawn_blocking(move || -> ApiResult<Bytes> {
        // The permits go with the run: a run that outlives its request's timeout still counts
        // against the caps until it ends (it is bounded by `max_runs`).
        let _permits = (slot, run);
        let t = std::time::Instant::now();
        let p = entente_sim::Prepared::new(sc, st2.store.as_deref())
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let r = entente_sim::run(&p.model, runs, 1)
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let summary: Vec<serde_json::Value> = entente_sim::summarise(&r)
            .into_iter()
            .map(|(n, s)| json!({ "name": n, "mean": s.mean, "lo": s.mean_lo, "hi": s.mean_hi, "p2_5": s.p2_5, "p97_5": s.p97_5 }))
            .collect();
        let value = json!({
            "scenario": name, "runs": runs, "seed": seed, "coordination": coord,
            "calibration": format!("{:?}", p.calibration.used), "summary": summary,
            "elapsed_ms": t.elapsed().as_millis(),
        });
        serde_json::to_vec(&value)
            .map(Bytes::from)
            .map_err(|e| ApiError::Unavailable(e.to_string()))
    });
    let body = tokio::time::timeout(
        std::time::Duration::from_secs(st.limits.sim_timeout_s),
        task,
    )
    .await
    .map_err(|_| {
        ApiError::Busy(format!(
            "the simulation took longer than {} s",
            st.limits.sim_timeout_s
        ))
    })?
    .map_err(|e| ApiError::Unavailable(format!("internal task failed: {e}")))??;
    st.store_cache(key, body.clone());
    Ok(json_bytes(body))
}
