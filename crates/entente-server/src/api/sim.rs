//! The simulation: the shipped scenarios, a bounded Monte Carlo run with its paired differences
//! against the baseline (as `entente compare` computes them), and a sweep across coordination.

use super::schema::{
    CalibrationOut, CoordinationOut, CoordinationPoint, ErrorBody, ScenarioOut, SimDifference,
    SimMeasure, SimulateOut, SweepMeasure, SweepValue,
};
use super::{json_bytes, St, Q};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use utoipa::IntoParams;

static SCENARIOS: include_dir::Dir<'_> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../scenarios");

/// `scenarios/ranges.toml` is the table of parameter ranges, not a scenario.
const NOT_A_SCENARIO: &str = "ranges";

/// The baseline every scenario is compared with.
const BASELINE: &str = "baseline";

fn scenario(name: &str) -> ApiResult<entente_sim::Scenario> {
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || name.is_empty() {
        return Err(ApiError::BadRequest(
            "a scenario name is letters, digits and '-' (see /api/scenarios)".into(),
        ));
    }
    let file = SCENARIOS
        .get_file(format!("{name}.toml"))
        .filter(|_| name != NOT_A_SCENARIO)
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "there is no scenario '{name}' (see /api/scenarios)"
            ))
        })?;
    let text = file
        .contents_utf8()
        .ok_or_else(|| ApiError::Unavailable("scenario is not UTF-8".into()))?;
    entente_sim::Scenario::parse(text, &format!("scenarios/{name}.toml"))
        .map_err(|e| ApiError::Unavailable(e.to_string()))
}

/// A measure's plain name and one-line meaning, by its stem (docs/model.md §8).
pub fn describe(stem: &str) -> (&'static str, &'static str) {
    match stem {
        "p_success" => ("Months with a successful probe", "share of months with at least one successful gray-zone probe"),
        "p_escalation" => ("Months with an escalated crisis", "share of months with at least one escalated crisis"),
        "failure_rate" => ("Deterrence failures per month", "failures of deterrence per month"),
        "probes" => ("Probes per month", "gray-zone probes by the challenger per month"),
        "us_share" => ("US share of deployable force", "mean share of the US deployable force in the theatre"),
        "overstretch" => ("Overstretched when probed", "of the months the theatre was probed, the share in which US force there plus its share of the surge fell short of the need"),
        "fear" => ("Fear of abandonment", "mean over months (and the theatre's allies) of the fear of abandonment, 0–1"),
        "belief" => ("Belief in US support", "mean over months (and allies) of the belief that the US will respond firmly, 0–1"),
        "hedging" => ("Hedging intensity", "mean over months of the intensity of hedging, 0–1"),
        "backfill" => ("Allied backfill", "mean over months of allied interregional backfill"),
        "backfill_final" => ("Allied backfill at the end", "backfill at the horizon"),
        "cohesion" => ("Cohesion", "mean over months of the force-weighted cohesion of the allies (1 = none accommodates)"),
        "cohesion_final" => ("Cohesion at the end", "force-weighted cohesion at the horizon"),
        "p_simultaneous" => ("Months with probes in both theatres", "share of months with probes in two or more theatres"),
        "p_simultaneous_crises" => ("Months with crises in both theatres", "share of months with a crisis in two or more theatres"),
        "stretch" => ("US stretch", "mean over months of the scarcity of US force (need over supply)"),
        "p_overstretch" => ("Overstretched theatres", "mean over the theatres probed of their overstretch"),
        "belief_final" => ("Belief in US support at the end", "belief at the horizon, 0–1"),
        "internal_events" => ("Onsets of internal balancing", "times per run the ally starts to arm itself"),
        "cooperation_events" => ("Onsets of interregional cooperation", "times per run the ally starts to back-fill with partners in the other region"),
        "accommodation_events" => ("Onsets of accommodation", "times per run the ally starts to accommodate the challenger"),
        "internal_months" => ("Months balancing internally", "share of months in internal balancing"),
        "cooperation_months" => ("Months cooperating across regions", "share of months in interregional cooperation"),
        "accommodation_months" => ("Months accommodating", "share of months accommodating the challenger"),
        _ => ("", ""),
    }
}

fn words(id: &str) -> String {
    if id.len() <= 3 {
        return id.to_uppercase(); // uk, us
    }
    id.split(['_', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The group, plain name and meaning of a measure such as `east_asia.failure_rate`.
pub fn label(name: &str, theatres: &[String]) -> (String, String, String) {
    let (owner, stem) = match name.rsplit_once('.') {
        Some((o, s)) => (Some(o), s),
        None => (None, name),
    };
    let (plain, about) = describe(stem);
    let plain = if plain.is_empty() {
        words(stem)
    } else {
        plain.to_string()
    };
    let group = match owner {
        None => "Whole system".to_string(),
        Some(o) if theatres.iter().any(|t| t == o) => format!("{} theatre", words(o)),
        Some(o) => format!("Ally: {}", words(o)),
    };
    (group, plain, about.to_string())
}

/// `GET /api/scenarios` — the scenarios that ship with Entente.
#[utoipa::path(get, path = "/api/scenarios", tag = "simulation",
    responses((status = 200, description = "The scenarios that ship with Entente, with their own values", body = Vec<ScenarioOut>)))]
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
        v.push(ScenarioOut {
            name: name.to_string(),
            title: s.description,
            year: s.year,
            coordination: s.coordination,
            runs: s.runs,
            seed: s.seed,
        });
    }
    Ok(axum::Json(v).into_response())
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SimulateQ {
    /// Default baseline.
    scenario: Option<String>,
    /// 1–5000 (the server's cap), default 1000.
    runs: Option<u64>,
    /// ρ in [0, 1]; the scenario's own by default.
    coordination: Option<f64>,
    /// The scenario's own seed by default.
    seed: Option<u64>,
}

struct Ask {
    name: String,
    sc: entente_sim::Scenario,
    runs: u64,
}

fn ask(
    st: &AppState,
    name: Option<&str>,
    runs: Option<u64>,
    coord: Option<f64>,
    seed: Option<u64>,
    per_run: u64,
) -> ApiResult<Ask> {
    let name = name.unwrap_or(BASELINE).to_string();
    let mut sc = scenario(&name)?;
    let runs = runs.unwrap_or(1000);
    let cap = st.limits.max_runs as u64 / per_run.max(1);
    if runs == 0 || runs > cap {
        return Err(ApiError::BadRequest(format!(
            "runs must be between 1 and {cap} here (this server runs at most {} simulated runs per request)",
            st.limits.max_runs
        )));
    }
    if let Some(c) = coord {
        if !(0.0..=1.0).contains(&c) || !c.is_finite() {
            return Err(ApiError::BadRequest(
                "coordination must be between 0 and 1".into(),
            ));
        }
        sc.coordination = c;
    }
    sc.runs = runs;
    if let Some(s) = seed {
        sc.seed = s;
    }
    sc.check().map_err(|(path, msg)| {
        ApiError::BadRequest(format!(
            "{}: {msg}",
            entente_sim::scenario::show_path(&path)
        ))
    })?;
    Ok(Ask { name, sc, runs })
}

/// Runs `job` on the blocking pool under the simulation budget: a slot in the queue (503 when
/// full), a permit to run, and the timeout; caches the answer under `key`.
async fn bounded(
    st: &Arc<AppState>,
    key: String,
    job: impl FnOnce(Arc<AppState>) -> ApiResult<Bytes> + Send + 'static,
) -> ApiResult<Response> {
    if let Some(b) = st.cached(&key) {
        return Ok(json_bytes(b));
    }
    let slot = Arc::clone(&st.sim_slots).try_acquire_owned().map_err(|_| {
        ApiError::Busy("the simulation queue is full; try again in a few seconds".into())
    })?;
    let run = Arc::clone(&st.sim_run).acquire_owned().await.map_err(|_| {
        ApiError::Busy("the simulation is unavailable: the server is shutting down".into())
    })?;
    let st2 = Arc::clone(st);
    let task = tokio::task::spawn_blocking(move || {
        // The permits go with the run: a run that outlives its request's timeout still counts
        // against the caps until it ends (it is bounded by `max_runs`).
        let _permits = (slot, run);
        job(st2)
    });
    let body = tokio::time::timeout(
        std::time::Duration::from_secs(st.limits.sim_timeout_s),
        task,
    )
    .await
    .map_err(|_| {
        ApiError::Busy(format!(
            "the simulation took longer than this server allows ({} s); ask for fewer runs",
            st.limits.sim_timeout_s
        ))
    })?
    .map_err(|e| ApiError::Unavailable(format!("internal task failed: {e}")))??;
    st.store_cache(key, body.clone());
    Ok(json_bytes(body))
}

fn unavailable(e: impl std::fmt::Display) -> ApiError {
    ApiError::Unavailable(e.to_string())
}

fn to_bytes<T: serde::Serialize>(v: &T) -> ApiResult<Bytes> {
    serde_json::to_vec(v).map(Bytes::from).map_err(unavailable)
}

/// `GET /api/simulate?scenario=baseline&runs=500&coordination=0.7&seed=1` — a bounded Monte Carlo run
/// of a shipped scenario and, for any other scenario or coordination, the baseline on the same runs
/// and seed with the paired differences. At most `max_runs` runs in all, a timeout, two at a time and
/// a small queue (503 when full). Deterministic for a seed, so answers are cached.
#[utoipa::path(get, path = "/api/simulate", tag = "simulation", params(SimulateQ),
    responses((status = 200, description = "Measures with intervals, and the paired differences against the baseline", body = SimulateOut),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 404, description = "No such scenario", body = ErrorBody),
              (status = 503, description = "The queue is full or the run took too long", body = ErrorBody)))]
pub async fn simulate(State(st): St, Q(q): Q<SimulateQ>) -> ApiResult<Response> {
    let probe = ask(
        &st,
        q.scenario.as_deref(),
        q.runs,
        q.coordination,
        q.seed,
        1,
    )?;
    let own = scenario(&probe.name)?.coordination;
    let vs_baseline = probe.name != BASELINE || probe.sc.coordination != own;
    // Two runs when compared: the budget covers both.
    let a = ask(
        &st,
        q.scenario.as_deref(),
        q.runs,
        q.coordination,
        q.seed,
        if vs_baseline { 2 } else { 1 },
    )?;
    let key = format!(
        "simulate:{}:{}:{}:{}",
        a.name, a.runs, a.sc.coordination, a.sc.seed
    );
    bounded(&st, key, move |st| {
        let Ask { name, sc, runs } = a;
        let t = std::time::Instant::now();
        let (seed, coord, title) = (sc.seed, sc.coordination, sc.description.clone());
        let p = entente_sim::Prepared::new(sc, st.store.as_deref()).map_err(unavailable)?;
        let r = entente_sim::run(&p.model, runs, 1).map_err(unavailable)?;
        let theatres = p.model.theatre_names.clone();
        let ids: Vec<String> = theatres
            .iter()
            .map(|t| t.to_lowercase().replace(' ', "_"))
            .collect();
        let ids = [
            theatres.clone(),
            ids,
            vec!["europe".into(), "east_asia".into()],
        ]
        .concat();
        let summary: Vec<SimMeasure> = entente_sim::summarise(&r)
            .into_iter()
            .enumerate()
            .map(|(j, (n, s))| {
                let (group, label, about) = label(&n, &ids);
                let all_zero = r.column(j).iter().all(|v| *v == 0.0);
                SimMeasure {
                    name: n,
                    group,
                    label,
                    about,
                    mean: s.mean,
                    lo: s.mean_lo,
                    hi: s.mean_hi,
                    p2_5: s.p2_5,
                    p97_5: s.p97_5,
                    all_zero,
                }
            })
            .collect();
        let versus_baseline = if vs_baseline {
            let mut b = scenario(BASELINE)?;
            b.runs = runs;
            b.seed = seed;
            let pb = entente_sim::Prepared::new(b, st.store.as_deref()).map_err(unavailable)?;
            let rb = entente_sim::run(&pb.model, runs, 1).map_err(unavailable)?;
            entente_sim::compare::compare(&rb, &r, &entente_sim::compare::default_mid)
                .into_iter()
                .map(|d| {
                    let (group, label, _) = label(&d.measure, &ids);
                    SimDifference {
                        measure: d.measure,
                        label,
                        group,
                        baseline: d.a,
                        scenario: d.b,
                        diff: d.diff,
                        lo: d.lo,
                        hi: d.hi,
                        significant: d.significant,
                        mid: d.mid,
                        important: d.important,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let cal = &p.calibration;
        to_bytes(&SimulateOut {
            scenario: name,
            title,
            runs,
            seed,
            coordination: coord,
            scenario_coordination: own,
            calibration: CalibrationOut {
                year: cal.year,
                used: format!("{:?}", cal.used),
                notes: cal.notes.clone(),
                states: cal.states.clone(),
            },
            summary,
            versus_baseline,
            elapsed_ms: t.elapsed().as_millis() as u64,
        })
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CoordinationQ {
    /// Default baseline.
    scenario: Option<String>,
    /// Runs at each of the five levels of ρ (0, 0.25, 0.5, 0.75, 1); at most a fifth of the
    /// server's cap; default 200.
    runs: Option<u64>,
    /// The scenario's own seed by default.
    seed: Option<u64>,
}

/// The headline measures the sweep follows.
const SWEPT: [&str; 5] = [
    "p_simultaneous",
    "europe.failure_rate",
    "east_asia.failure_rate",
    "europe.fear",
    "east_asia.fear",
];

/// `GET /api/coordination?scenario=&runs=` — headline measures across Sino-Russian coordination ρ,
/// on common random numbers (the same seed at every ρ).
#[utoipa::path(get, path = "/api/coordination", tag = "simulation", params(CoordinationQ),
    responses((status = 200, description = "Headline measures at ρ = 0, 0.25, 0.5, 0.75, 1", body = CoordinationOut),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 404, description = "No such scenario", body = ErrorBody),
              (status = 503, description = "The queue is full or the run took too long", body = ErrorBody)))]
pub async fn coordination(State(st): St, Q(q): Q<CoordinationQ>) -> ApiResult<Response> {
    const LEVELS: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];
    let a = ask(
        &st,
        q.scenario.as_deref(),
        Some(q.runs.unwrap_or(200)),
        None,
        q.seed,
        LEVELS.len() as u64,
    )?;
    let key = format!("coordination:{}:{}:{}", a.name, a.runs, a.sc.seed);
    bounded(&st, key, move |st| {
        let Ask { name, sc, runs } = a;
        let seed = sc.seed;
        let mut points = Vec::new();
        let mut measures = Vec::new();
        for rho in LEVELS {
            let mut s = sc.clone();
            s.coordination = rho;
            let p = entente_sim::Prepared::new(s, st.store.as_deref()).map_err(unavailable)?;
            let r = entente_sim::run(&p.model, runs, 1).map_err(unavailable)?;
            let sum = entente_sim::summarise(&r);
            if measures.is_empty() {
                let ids = p.model.theatre_names.clone();
                let ids = [ids, vec!["europe".into(), "east_asia".into()]].concat();
                measures = SWEPT
                    .iter()
                    .filter(|m| sum.iter().any(|(n, _)| n == *m))
                    .map(|m| {
                        let (group, label, _) = label(m, &ids);
                        SweepMeasure {
                            name: m.to_string(),
                            label: if group == "Whole system" {
                                label
                            } else {
                                format!("{label} ({group})")
                            },
                        }
                    })
                    .collect();
            }
            let values = measures
                .iter()
                .filter_map(|m| sum.iter().find(|(n, _)| *n == m.name))
                .map(|(_, s)| SweepValue {
                    mean: s.mean,
                    lo: s.mean_lo,
                    hi: s.mean_hi,
                })
                .collect();
            points.push(CoordinationPoint {
                coordination: rho,
                values,
            });
        }
        to_bytes(&CoordinationOut {
            scenario: name,
            runs,
            seed,
            measures,
            points,
        })
    })
    .await
}
