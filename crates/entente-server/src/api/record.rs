//! The curated record's endpoints: health, states, alliances, ties, the brief, the headline
//! figures and the records themselves (the dashboard's drill-down).

use super::schema::{
    AllianceOut, Degraded, ErrorBody, Figure, Headline, Health, MemberOut, RecordInfo, RecordOut,
    Records, SourceOut, StateOut, TieOut,
};
use super::{cached, state_code, year, St, NO_DATA, Q};
use crate::error::{ApiError, ApiResult};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use entente_core::{Ccode, Date, Group, Region, Source, StateInfo, Tie};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::IntoParams;

fn date_str(d: Date) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn word<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn sources(s: &[Source]) -> Vec<SourceOut> {
    s.iter()
        .map(|s| SourceOut {
            title: s.title.clone(),
            url: s.url.clone(),
            date: s.date.map(date_str),
            publisher: s.publisher.clone(),
        })
        .collect()
}

/// `GET /api/health`
#[utoipa::path(get, path = "/api/health", tag = "record",
    responses((status = 200, description = "Server status", body = Health)))]
pub async fn health(State(st): St) -> impl IntoResponse {
    let degraded = if st.store.is_some() {
        Vec::new()
    } else {
        [
            "map (capitals)",
            "trends (network measures beyond the record)",
            "opportunities",
            "similarity",
            "frames",
            "country profile (similarity, opportunities)",
        ]
        .into_iter()
        .map(|view| Degraded {
            view,
            why: NO_DATA.to_string(),
        })
        .collect()
    };
    axum::Json(Health {
        status: "ok",
        entente_version: env!("CARGO_PKG_VERSION"),
        curated_record: RecordInfo {
            records: st.record.ties().len(),
            sha256: st.record.sha256().to_string(),
            coverage: entente_curated::COVERAGE,
        },
        data_directory: st.store.as_ref().map(|s| s.dir().display().to_string()),
        degraded,
    })
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatesQ {
    /// A region or group: europe, east-asia, challengers…
    region: Option<String>,
}

pub(crate) fn state_out(s: &StateInfo, cap: Option<(f64, f64)>) -> StateOut {
    StateOut {
        ccode: s.ccode.0,
        iso3: s.iso3,
        cow_abb: s.cow_abb,
        name: s.name,
        region: s.region.label(),
        group: Group::of(s.ccode).map(|g| g.label()),
        lat: cap.map(|c| c.0),
        lng: cap.map(|c| c.1),
    }
}

/// The latest capital of each state, for maps (when the data directory has the capitals).
pub(crate) fn capitals(st: &crate::AppState) -> HashMap<u16, (f64, f64)> {
    let mut m = HashMap::new();
    let Some(l) = st.store.as_deref().and_then(|s| s.capitals().ok()) else {
        return m;
    };
    let mut latest = HashMap::new();
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
}

/// `GET /api/states?region=`
#[utoipa::path(get, path = "/api/states", tag = "record", params(StatesQ),
    responses((status = 200, description = "States with codes, region, group and capital", body = Vec<StateOut>),
              (status = 400, description = "A bad query", body = ErrorBody)))]
pub async fn states(State(st): St, Q(q): Q<StatesQ>) -> ApiResult<Response> {
    let group = q
        .region
        .as_deref()
        .map(Group::parse)
        .transpose()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    cached(&st, format!("states:{:?}", q.region), move |st| {
        let caps = capitals(&st);
        Ok(StateInfo::all()
            .iter()
            .filter(|s| group.is_none_or(|g| g.contains(s.ccode)))
            .map(|s| state_out(s, caps.get(&s.ccode.0).copied()))
            .collect::<Vec<_>>())
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AlliancesQ {
    /// 1949–2025, default 2025.
    year: Option<i32>,
    /// ISO3 or COW code.
    state: Option<String>,
}

/// `GET /api/alliances?year=&state=` — the curated record's alliances with members as of the year.
#[utoipa::path(get, path = "/api/alliances", tag = "record", params(AlliancesQ),
    responses((status = 200, description = "Alliances in force in the year with their members", body = Vec<AllianceOut>),
              (status = 400, description = "A bad query", body = ErrorBody)))]
pub async fn alliances(State(st): St, Q(q): Q<AlliancesQ>) -> ApiResult<Response> {
    let y = year(
        q.year,
        entente_curated::COVERAGE.1,
        entente_curated::COVERAGE,
        "The curated record",
    )?;
    let state = q.state.as_deref().map(|s| state_code(s, y)).transpose()?;
    cached(&st, format!("alliances:{y}:{state:?}"), move |st| {
        Ok(st
            .record
            .alliance_rows(y, state)
            .into_iter()
            .map(|a| AllianceOut {
                id: a.id,
                name: a.name,
                kind: a.kind.name(),
                scope: word(a.scope),
                obligations: a.obligations,
                start: date_str(a.start),
                end: a.end.map(date_str),
                start_shown: a.start_shown,
                end_shown: a.end_shown,
                status: word(a.status),
                member_count: a.member_count,
                members: a
                    .members
                    .into_iter()
                    .map(|m| MemberOut {
                        ccode: Some(m.ccode),
                        iso3: m.iso3,
                        name: m.name,
                        joined: m.joined.map(date_str),
                    })
                    .collect(),
                suspended_pairs: a.suspended_pairs,
                source: a.source,
                sources: sources(&a.sources),
            })
            .collect::<Vec<_>>())
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TiesQ {
    /// A group, default europe.
    between: Option<String>,
    /// A group, default east-asia.
    and: Option<String>,
    /// Only ties in force that year.
    year: Option<i32>,
}

/// `GET /api/ties?between=europe&and=east-asia&year=`
#[utoipa::path(get, path = "/api/ties", tag = "record", params(TiesQ),
    responses((status = 200, description = "Dyadic ties of every kind between two groups", body = Vec<TieOut>),
              (status = 400, description = "A bad query", body = ErrorBody)))]
pub async fn ties(State(st): St, Q(q): Q<TiesQ>) -> ApiResult<Response> {
    let ga = Group::parse(q.between.as_deref().unwrap_or("europe"))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let gb = Group::parse(q.and.as_deref().unwrap_or("east-asia"))
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let y = q
        .year
        .map(|y| year(Some(y), 0, entente_curated::COVERAGE, "The curated record"))
        .transpose()?;
    cached(&st, format!("ties:{ga:?}:{gb:?}:{y:?}"), move |st| {
        Ok(st
            .record
            .tie_rows(ga, gb, y)
            .into_iter()
            .map(|t| TieOut {
                a: t.a,
                b: t.b,
                a_ccode: t.a_ccode,
                b_ccode: t.b_ccode,
                kind: t.kind.name(),
                scope: word(t.scope),
                name: t.name,
                id: t.id,
                start: t.start.map(date_str),
                end: t.end.map(date_str),
                start_shown: t.start_shown,
                end_shown: t.end_shown,
                status: word(t.status),
                sources: sources(&t.sources),
            })
            .collect::<Vec<_>>())
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BriefQ {
    /// 1949–2025, default 2025.
    year: Option<i32>,
}

/// `GET /api/brief?year=` — the interregional brief's content.
#[utoipa::path(get, path = "/api/brief", tag = "record", params(BriefQ),
    responses((status = 200, description = "The interregional brief's content for a year", body = entente_report::Brief),
              (status = 400, description = "A bad query", body = ErrorBody)))]
pub async fn brief(State(st): St, Q(q): Q<BriefQ>) -> ApiResult<Response> {
    let y = year(
        q.year,
        entente_curated::COVERAGE.1,
        entente_curated::COVERAGE,
        "The curated record",
    )?;
    cached(&st, format!("brief:{y}"), move |st| {
        let b = entente_report::Brief::build(st.record, y)
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
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

/// The US's treaty allies in East Asia & Pacific in a year: members of a US defence treaty other
/// than NATO whose treaty tie to the US is not suspended (New Zealand in ANZUS from 1987).
pub(crate) fn eap_allies(st: &crate::AppState, y: i32) -> Vec<u16> {
    let mut out = Vec::new();
    for a in st.record.alliance_rows(y, None) {
        if a.id == "nato" || !a.members.iter().any(|m| m.ccode == 2) {
            continue;
        }
        let usa = a
            .members
            .iter()
            .find(|m| m.ccode == 2)
            .map(|m| m.iso3.clone());
        let suspended: Vec<&String> = a
            .suspended_pairs
            .iter()
            .filter(|p| usa.as_ref().is_some_and(|u| p.contains(u)))
            .flatten()
            .collect();
        for m in &a.members {
            let eap = Group::of(Ccode(m.ccode)) == Some(Group::Region(Region::EastAsiaPacific));
            if m.ccode != 2 && eap && !suspended.contains(&&m.iso3) && !out.contains(&m.ccode) {
                out.push(m.ccode);
            }
        }
    }
    out.sort_unstable();
    out
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HeadlineQ {
    /// 1949–2025, default 2024.
    year: Option<i32>,
}

/// `GET /api/headline?year=` — the year's headline figures (a few hundred bytes, not the network).
#[utoipa::path(get, path = "/api/headline", tag = "record", params(HeadlineQ),
    responses((status = 200, description = "The year's headline figures with definitions", body = Headline),
              (status = 400, description = "A bad query", body = ErrorBody)))]
pub async fn headline(State(st): St, Q(q): Q<HeadlineQ>) -> ApiResult<Response> {
    let y = year(
        q.year,
        2024,
        entente_curated::COVERAGE,
        "The curated record",
    )?;
    cached(&st, format!("headline:{y}"), move |st| {
        let rec = st.record;
        let nato = rec
            .alliance_rows(y, None)
            .into_iter()
            .find(|a| a.id == "nato")
            .map(|a| a.member_count as f64);
        let eap = eap_allies(&st, y).len();
        let fig = |value: Option<f64>, about: &str, missing: Option<String>| Figure {
            value,
            about: about.to_string(),
            missing: if value.is_none() {
                Some(missing.unwrap_or_else(|| "not defined this year".into()))
            } else {
                None
            },
        };
        let europe = Group::Region(Region::Europe);
        let asia = Group::Region(Region::EastAsiaPacific);
        let cross = rec.cross_counts(europe, asia, y).distinct_pairs as f64;
        let ch = rec
            .tie_rows(Group::Challengers, Group::Challengers, Some(y))
            .len() as f64;
        let names = vec![
            "hub_dependence_treaty".to_string(),
            "ei_union".to_string(),
            "us_brokerage_weighted".to_string(),
        ];
        let scalars = entente_networks::trends::scalars(&names)
            .map_err(|e| ApiError::Unavailable(e.to_string()))?;
        let (mut hub, mut ei, mut brokerage, mut why) = (None, None, None, None);
        match st.trend_measures() {
            Ok(ms) => match ms.iter().find(|m| m.year == y) {
                Some(m) => {
                    hub = (scalars[0].get)(m);
                    ei = (scalars[1].get)(m);
                    brokerage = (scalars[2].get)(m);
                }
                None => why = Some(format!("the networks do not cover {y}")),
            },
            Err(e) => why = Some(format!("network measures unavailable: {e}")),
        }
        let no_allies = (eap == 0).then(|| {
            format!("there are no US treaty allies in East Asia & Pacific in {y}, so there is nothing to connect")
        });
        if no_allies.is_some() {
            // Both measures compare NATO with the East Asian allies: without allies there, a number
            // would be an artefact, not a finding.
            hub = None;
            ei = None;
            brokerage = None;
        }
        let source = if st.store.is_some() {
            "the curated record; network measures from Entente networks, default layers (ATOP 5.1 to 2018, carried forward, and the curated record; docs/networks.md)"
        } else {
            "the curated record; network measures from the curated record alone (no data directory)"
        };
        Ok(Headline {
            year: y,
            nato_members: fig(nato, "members of the North Atlantic Treaty that year, the US included", None),
            eap_allies: fig(Some(eap as f64), "states in East Asia & Pacific with a defence treaty with the US in force that year (a suspended tie, as New Zealand's from 1987, does not count)", None),
            cross_ties: fig(Some(cross), "distinct pairs of a European and an East Asian & Pacific state tied by at least one record in force (treaty, agreement, partnership, framework, exercise or arms programme); a pair tied by several records counts once, as in the brief and the report", None),
            challenger_ties: fig(Some(ch), "ties among China, Russia and North Korea in force (treaties, partnerships, exercises, arms), once per pair", None),
            us_brokerage: fig(brokerage, "mean share of the shortest paths between connected NATO × East Asia & Pacific ally pairs that pass through the US, ties weighted by strength (a path's length is the sum of 1/weight), in the allied network; the report's measure of Washington's place", no_allies.clone().or(why.clone())),
            hub_dependence_treaty: fig(hub, scalars[0].about, no_allies.clone().or(why.clone())),
            ei: fig(ei, "Krackhardt–Stern E–I index of NATO against the East Asia & Pacific allies: (ties across − ties within) / all ties; −1 all within the blocs, +1 all across", no_allies.or(why)),
            source: source.into(),
            record_sha256: rec.sha256().to_string(),
        })
    })
    .await
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RecordsQ {
    /// A record id: that record alone.
    id: Option<String>,
    /// ISO3 or COW code: the records it is a party to.
    state: Option<String>,
    /// A second state: the records binding both.
    other: Option<String>,
    /// Only records in force that year.
    year: Option<i32>,
}

pub(crate) fn record_out(t: &Tie) -> RecordOut {
    RecordOut {
        id: t.id.clone(),
        name: t.name.clone(),
        kind: t.kind.name(),
        kind_label: t.kind.label(),
        obligations: t.obligations.iter().map(|o| o.name()).collect(),
        signed: Some(date_str(t.signed)),
        start_shown: t.start_shown(),
        end_shown: t.end_shown(),
        status: word(t.status),
        summary: t.summary.clone(),
        note: t.note.clone(),
        members: t
            .members
            .iter()
            .map(|m| {
                let c = m.spells.last().map(|s| s.ccode);
                MemberOut {
                    ccode: c.map(|c| c.0),
                    iso3: m.code.clone(),
                    name: c
                        .and_then(StateInfo::get)
                        .map_or_else(|| m.code.clone(), |s| s.name.to_string()),
                    joined: m.spells.first().map(|s| date_str(s.span.start)),
                }
            })
            .collect(),
        sources: sources(&t.sources),
        origin: t.origin.clone(),
    }
}

fn party(t: &Tie, c: Ccode, y: Option<i32>) -> bool {
    match y {
        Some(y) => t.has_member_in_year(c, y),
        None => t
            .members
            .iter()
            .any(|m| m.spells.iter().any(|s| s.ccode == c)),
    }
}

/// `GET /api/records?state=JPN&other=GBR&year=2024` or `?id=nato` — the records in full, with
/// their sources: what a node or tie of the dashboard is made of.
#[utoipa::path(get, path = "/api/records", tag = "record", params(RecordsQ),
    responses((status = 200, description = "Records with name, kind, dates, obligations and sources", body = Records),
              (status = 400, description = "A bad query", body = ErrorBody),
              (status = 404, description = "No such record", body = ErrorBody)))]
pub async fn records(State(st): St, Q(q): Q<RecordsQ>) -> ApiResult<Response> {
    let y = q
        .year
        .map(|y| year(Some(y), 0, entente_curated::COVERAGE, "The curated record"))
        .transpose()?;
    let at = y.unwrap_or(entente_curated::COVERAGE.1);
    let a = q.state.as_deref().map(|s| state_code(s, at)).transpose()?;
    let b = q.other.as_deref().map(|s| state_code(s, at)).transpose()?;
    if q.id.is_none() && a.is_none() {
        return Err(ApiError::BadRequest(
            "give a record id (id=nato) or a state (state=JPN, with other=GBR for a pair)".into(),
        ));
    }
    let id = q.id.clone();
    cached(
        &st,
        format!("records:{id:?}:{a:?}:{b:?}:{y:?}"),
        move |st| {
            let list: Vec<RecordOut> = st
                .record
                .ties()
                .iter()
                .filter(|t| id.as_ref().is_none_or(|i| &t.id == i))
                .filter(|t| a.is_none_or(|c| party(t, c, y)))
                .filter(|t| b.is_none_or(|c| party(t, c, y)))
                .filter(|t| y.is_none_or(|y| t.active_in_year(y)))
                .map(record_out)
                .collect();
            if let (Some(i), true) = (&id, list.is_empty()) {
                return Err(ApiError::NotFound(format!(
                    "no record '{i}' in the curated record"
                )));
            }
            let name = |c: Ccode| {
                StateInfo::get(c).map_or_else(|| c.0.to_string(), |s| s.name.to_string())
            };
            let mut query = match (&id, a, b) {
                (Some(i), _, _) => format!("record {i}"),
                (None, Some(a), Some(b)) => format!("records binding {} and {}", name(a), name(b)),
                (None, Some(a), None) => format!("records {} is a party to", name(a)),
                (None, None, _) => "records".into(),
            };
            if let Some(y) = y {
                query.push_str(&format!(", in force in {y}"));
            }
            Ok(Records {
                query,
                records: list,
                record_sha256: st.record.sha256().to_string(),
            })
        },
    )
    .await
}
