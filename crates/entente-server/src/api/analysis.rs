//! The analyses: opportunities, similarity, the networks and their trends, and a country's profile.

use super::record::{capitals, state_out};
use super::schema::{
    ErrorBody, MissingLayer, NetworkOut, Profile, ProfileYear, SimilarityOut, SimilarityRow,
    TrendRow, Trends,
};
use super::{cached, state_code, store, year, St, Q};
use crate::error::{ApiError, ApiResult};
use axum::extract::State;
use axum::response::Response;
use entente_core::{Ccode, StateInfo, TieKind};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OppQ {
    /// 1990–2025, default 2024.
    year: Option<i32>,
    /// Default 25, at most 1000; 0 means all (up to 1000), as `entente opportunities --top 0`.
    top: Option<usize>,
    /// Two codes, e.g. GBR,JPN.
    pair: Option<String>,
}

/// `GET /api/opportunities?year=&top=&pair=GBR,JPN`
#[utoipa::path(get, path = "/api/opportunities", tag = "analysis", params(OppQ),
    responses((status = 200, description = "Ranked European–East Asian pairs with decomposition and rationale", body = Vec<entente_opportunities::PairScore>),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 404, description = "No such pair", body = ErrorBody)))]
pub async fn opportunities(State(st): St, Q(q): Q<OppQ>) -> ApiResult<Response> {
    let y = year(q.year, 2024, (1990, 2025), "The opportunity score")?;
    let top = match q.top {
        Some(0) => 1000,
        Some(n) => n.min(1000),
        None => 25,
    };
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
        // Without the datasets every pair would be "insufficient data": say which are missing.
        store(&st)?;
        let mut rows: Vec<_> = st
            .opportunity_years(y, y)
            .first()
            .map(|(_, r)| r.as_ref().clone())
            .unwrap_or_default();
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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SimilarityQ {
    /// Within the source's coverage.
    year: Option<i32>,
    /// Required: ISO3 or COW code.
    state: Option<String>,
    /// One other state.
    other: Option<String>,
    /// atop (default), cow or curated.
    source: Option<String>,
}

/// `GET /api/similarity?year=&state=JPN[&other=USA][&source=atop|cow|curated]` — every measure of one
/// state with every other (or one), that year.
#[utoipa::path(get, path = "/api/similarity", tag = "analysis", params(SimilarityQ),
    responses((status = 200, description = "Every similarity measure of one state with the others in a year", body = SimilarityOut),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 503, description = "No data directory", body = ErrorBody)))]
pub async fn similarity(State(st): St, Q(q): Q<SimilarityQ>) -> ApiResult<Response> {
    use entente_similarity::{Measure, Similarity, SimilarityOptions, Source};
    let source = Source::parse(q.source.as_deref().unwrap_or("atop"))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let y = year(
        q.year,
        source.coverage().1,
        source.coverage(),
        &format!("{} (the similarity source)", source.name()),
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
            let rows: Vec<SimilarityRow> = states
                .iter()
                .enumerate()
                .filter(|(j, c)| *j != i && b.is_none_or(|b| b == **c))
                .map(|(j, c)| SimilarityRow {
                    ccode: c.0,
                    iso3: StateInfo::get(*c).map(|s| s.code()),
                    measures: Measure::ALL
                        .iter()
                        .enumerate()
                        .map(|(k, meas)| (meas.name(), scores[k][i * n + j]))
                        .collect(),
                })
                .collect();
            Ok(SimilarityOut {
                year: y,
                state: code,
                source: source.name(),
                rows,
            })
        },
    )
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NetworkQ {
    /// 1949–2025, default 2024.
    year: Option<i32>,
    /// alliance,cooperation (default), arms, un.
    layers: Option<String>,
}

/// `GET /api/network?year=&layers=alliance,cooperation,arms,un` — a year's multiplex network: every
/// measure, nodes with their blocks and centralities, and the edges with their layer values.
#[utoipa::path(get, path = "/api/network", tag = "analysis", params(NetworkQ),
    responses((status = 200, description = "A year's multiplex network: measures, nodes, blocks and edges", body = NetworkOut),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 503, description = "Inputs unavailable", body = ErrorBody)))]
pub async fn network(State(st): St, Q(q): Q<NetworkQ>) -> ApiResult<Response> {
    use entente_networks::{export, measure, Network, Options, YEARS};
    let y = year(q.year, 2024, YEARS, "The networks")?;
    let mut opts = Options::default();
    if let Some(l) = &q.layers {
        opts.set_layers(l)
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    }
    opts.validate()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    cached(&st, format!("network:{y}:{:?}", q.layers), move |st| {
        let inputs = st.network_inputs().map_err(ApiError::Unavailable)?;
        let net = Network::build(inputs, y, &opts, &[])
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let m = measure(&net).map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let missing_layers = net
            .missing_layers()
            .into_iter()
            .map(|(l, why)| MissingLayer {
                layer: l.name(),
                why: why.to_string(),
            })
            .collect();
        Ok(NetworkOut {
            year: y,
            measures: m,
            edge_list: export::edge_rows(&net),
            missing_layers,
        })
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TrendsQ {
    /// all (default) or names, comma-separated.
    measure: Option<String>,
    /// First year.
    from: Option<i32>,
    /// Last year.
    to: Option<i32>,
}

/// `GET /api/trends?measure=all|NAME,NAME&from=&to=` — network measures year by year (default layers).
#[utoipa::path(get, path = "/api/trends", tag = "analysis", params(TrendsQ),
    responses((status = 200, description = "Network measures year by year", body = Trends),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 503, description = "Inputs unavailable", body = ErrorBody)))]
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
        let rows: Vec<TrendRow> = all
            .iter()
            .filter(|m| (from..=to).contains(&m.year))
            .map(|m| TrendRow {
                year: m.year,
                values: scalars.iter().map(|s| (s.name, (s.get)(m))).collect(),
            })
            .collect();
        let about = scalars.iter().map(|s| (s.name, s.about)).collect();
        Ok(Trends {
            measures: about,
            rows,
        })
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProfileQ {
    /// Required: ISO3 or COW code.
    state: Option<String>,
}

/// What the profile's similarity is, for an analyst reading it.
pub const SIMILARITY_ABOUT: &str = "Weighted κ compares two states' whole alliance portfolios: for every state in the system, whether and how strongly each of the two is allied to it, corrected for the agreement chance alone would give. It is not a measure of the tie between the two. A state with few alliances scores low with the US, whose portfolio is large (NATO, the Rio Pact, the Pacific treaties), even while allied to it. Japan in 2000: ATOP gives it three ties (the US treaty, and non-aggression pledges with China, the 1978 treaty, and with Tanzania) against the US's 94, so its κ is 0.03 with the US, its one defence ally, and 0.15 with China, whose portfolio is small too.";

const US: Ccode = Ccode(2);
const CHN: Ccode = Ccode(710);
const RUS: Ccode = Ccode(365);

/// `GET /api/profile?state=JPN` — one state over time: its alliances and other ties in force, its
/// alliance-portfolio similarity to the US, China and Russia, and its best opportunity rank.
#[utoipa::path(get, path = "/api/profile", tag = "analysis", params(ProfileQ),
    responses((status = 200, description = "A state's alliances, ties, similarity and opportunity ranks over time", body = Profile),
              (status = 400, description = "A bad query", body = ErrorBody)))]
pub async fn profile(State(st): St, Q(q): Q<ProfileQ>) -> ApiResult<Response> {
    use entente_similarity::{Measure, Similarity, SimilarityOptions, Source};
    let Some(code) = q.state else {
        return Err(ApiError::BadRequest(
            "state= is required (ISO3 or COW code)".into(),
        ));
    };
    let (from, to) = entente_curated::COVERAGE;
    let c = state_code(&code, to)?;
    cached(&st, format!("profile:{c:?}"), move |st| {
        let info = StateInfo::get(c)
            .ok_or_else(|| ApiError::NotFound(format!("no state {code}")))?;
        let caps = capitals(&st);
        let mut missing = Vec::new();
        // Similarity: psych's weighted kappa of ATOP valued portfolios over ATOP's years, every
        // state of the system in the comparison set.
        let source = Source::Atop;
        let (s0, s1) = source.coverage();
        let mut sims: std::collections::HashMap<i32, [Option<f64>; 3]> = Default::default();
        match st.store.as_deref() {
            None => missing.push(format!("similarity and opportunity ranks: {}", super::NO_DATA)),
            Some(store) => {
                let sim = entente_frames::system::System::from_store(store, true)
                    .map_err(|e| e.to_string())
                    .and_then(|system| {
                        let mut sim = Similarity::new(
                            SimilarityOptions { source, measures: vec![Measure::KappaVa], ..Default::default() },
                            st.record.clone(),
                        );
                        sim.prepare_with(Some(store), (s0.max(from), s1)).map_err(|e| e.to_string())?;
                        Ok((system, sim))
                    });
                match sim {
                    Err(e) => missing.push(format!("similarity: {e}")),
                    Ok((system, sim)) => {
                        // Every year: three pairs a year, each against the whole system.
                        for y in s0.max(from)..=s1.min(to) {
                            let states = &system.year(y).states;
                            let Ok(i) = states.binary_search(&c) else { continue };
                            let others = [US, CHN, RUS];
                            let js: Vec<usize> = others.iter().map(|o| states.binary_search(o).unwrap_or(i)).collect();
                            let scores = sim.pair_scores(y, states, i, &js);
                            let at = |k: usize| scores[k].first().copied().flatten();
                            sims.insert(y, [at(0), at(1), at(2)]);
                        }
                    }
                }
            }
        }
        let mut opp: std::collections::HashMap<i32, (usize, String)> = Default::default();
        if st.store.is_some() {
            for (y, rows) in st.opportunity_years(1990, to) {
                let best = rows
                    .iter()
                    .filter(|r| r.rank > 0 && (r.europe.ccode == c.0 || r.asia.ccode == c.0))
                    .min_by_key(|r| r.rank);
                if let Some(r) = best {
                    let other = if r.europe.ccode == c.0 { r.asia.iso3.clone() } else { r.europe.iso3.clone() };
                    opp.insert(y, (r.rank, other));
                }
            }
        }
        let years = (from..=to)
            .map(|y| {
                let active: Vec<_> = st.record.active_in_year(y).filter(|t| t.has_member_in_year(c, y)).collect();
                let alliances = active.iter().filter(|t| t.kind == TieKind::DefenceTreaty).count();
                let s = sims.get(&y).copied().unwrap_or([None; 3]);
                ProfileYear {
                    year: y,
                    alliances,
                    ties: active.len() - alliances,
                    similarity_us: s[0],
                    similarity_chn: s[1],
                    similarity_rus: s[2],
                    best_opportunity_rank: opp.get(&y).map(|o| o.0),
                    best_opportunity_partner: opp.get(&y).map(|o| o.1.clone()),
                }
            })
            .collect();
        Ok(Profile {
            state: state_out(info, caps.get(&c.0).copied()),
            years,
            similarity: format!("Cohen's weighted kappa (kappava, Häge 2011: corrected for chance agreement, unlike S) of ATOP 5.1 valued alliance portfolios, every year {}–{s1}, over every state in the system", s0.max(from)),
            similarity_about: SIMILARITY_ABOUT,
            missing,
            record_sha256: st.record.sha256().to_string(),
        })
    })
    .await
}
