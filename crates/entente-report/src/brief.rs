//! What the brief says, as data.

use chrono::Datelike;
use entente_core::{Ccode, Date, Group, Region, Tie, TieKind, TieScope, CHALLENGERS, US};
use entente_curated::{CrossCounts, CuratedRecord, COVERAGE};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Why a brief could not be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BriefError {
    /// The year is outside the curated record's coverage.
    #[error("year {year} is outside the curated record's coverage {}–{}", .coverage.0, .coverage.1)]
    YearOutOfRange {
        /// The year asked for.
        year: i32,
        /// The coverage.
        coverage: (i32, i32),
    },
}

pub use entente_core::StateRef;

/// Where the brief's facts come from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = BriefRecord))]
pub struct RecordInfo {
    /// `built-in` or a folder.
    pub origin: String,
    /// The record's sha256.
    pub sha256: String,
    /// Records in it.
    pub records: usize,
    /// Distinct sources cited.
    pub sources: usize,
    /// Its coverage.
    pub coverage: (i32, i32),
}

/// One tie, as a line of the brief.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TieLine {
    /// The record id.
    pub id: String,
    /// The name.
    pub name: String,
    /// The kind.
    pub kind: TieKind,
    /// Bilateral, multilateral or framework.
    pub scope: TieScope,
    /// Its start.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub start: Date,
    /// Its end, if any.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub end: Option<Date>,
    /// The parties in the year (ISO3).
    pub parties: Vec<String>,
}

impl TieLine {
    fn of(t: &Tie, year: i32) -> TieLine {
        let mut parties: Vec<String> = t
            .members_in_year(year)
            .into_iter()
            .map(|(_, c)| StateRef::of(c).iso3)
            .collect();
        if parties.is_empty() {
            parties = t.members.iter().map(|m| m.code.clone()).collect();
        }
        TieLine {
            id: t.id.clone(),
            name: t.name.clone(),
            kind: t.kind,
            scope: t.scope(),
            start: t.span.start,
            end: t.span.end,
            parties,
        }
    }
}

/// NATO in the year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SystemView {
    /// The alliance's name.
    pub name: String,
    /// Members in the year.
    pub members: Vec<StateRef>,
    /// Members who joined in the five-year window, with the date.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<(StateRef, String)>))]
    pub joined_recently: Vec<(StateRef, Date)>,
}

/// The East Asian hub-and-spoke structure in the year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HubSpoke {
    /// The US treaties with East Asia & Pacific allies.
    pub treaties: Vec<TieLine>,
    /// The US treaty allies in East Asia & Pacific.
    pub allies: Vec<StateRef>,
    /// Pairs of those allies.
    pub pairs: usize,
    /// Pairs of those allies with a defence treaty of their own.
    pub direct_pairs: Vec<(String, String)>,
    /// Suspensions in force (e.g. ANZUS, US–NZ).
    pub suspensions: Vec<String>,
}

/// One record tying Europe to East Asia & Pacific in the year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrossGroup {
    /// The tie.
    pub tie: TieLine,
    /// The European–East Asian pairs it ties, as ISO3 pairs.
    pub pairs: Vec<(String, String)>,
}

/// What changed in the five years up to the brief's year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Changes {
    /// First year of the window.
    pub from: i32,
    /// Last year (the brief's).
    pub to: i32,
    /// New interregional ties (Europe–East Asia & Pacific).
    pub new_interregional: Vec<TieLine>,
    /// New defence treaties anywhere in the record.
    pub new_treaties: Vec<TieLine>,
    /// Ties that ended.
    pub ended: Vec<TieLine>,
    /// NATO accessions.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<(StateRef, String)>))]
    pub accessions: Vec<(StateRef, Date)>,
    /// Distinct interregional pairs tied, year by year (start of window to the brief's year), from
    /// [`CuratedRecord::cross_counts`].
    pub interregional_pairs_by_year: Vec<(i32, usize)>,
    /// Joint Sino-Russian (and other challenger) exercises and patrols per year.
    pub challenger_exercises_by_year: Vec<(i32, usize)>,
}

/// The network measures the brief leads with (`entente-networks`, default layers; each defined in
/// `docs/networks.md`), for the brief's year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkLead {
    /// Hub dependence on defence treaties only: of the connected NATO × East Asia & Pacific ally
    /// pairs, the share linked by defence treaties only through the US.
    pub hub_dependence_treaty: Option<f64>,
    /// The US's mean share of the shortest paths between connected NATO × East Asian ally pairs,
    /// over every tie of the allied network.
    pub us_brokerage: Option<f64>,
    /// The same with tie length 1/weight.
    pub us_brokerage_weighted: Option<f64>,
    /// Pairs in `us_brokerage`'s mean.
    pub us_brokerage_connected: usize,
    /// Pairs left out of it (no path).
    pub us_brokerage_disconnected: usize,
    /// Weighted density of the direct NATO × East Asian ally ties.
    pub cross_tie_strength: Option<f64>,
    /// Hub dependence through any tie (0 once any third state links the blocks).
    pub hub_dependence: Option<f64>,
    /// Where the measures come from.
    pub source: String,
}

impl NetworkLead {
    /// The lead measures of a year's network measures.
    pub fn of(m: &entente_networks::Measures, source: &str) -> NetworkLead {
        let x = &m.interregional;
        NetworkLead {
            hub_dependence_treaty: x.hub_dependence_treaty.value,
            us_brokerage: x.us_brokerage.value,
            us_brokerage_weighted: x.us_brokerage_weighted.value,
            us_brokerage_connected: x.us_brokerage.connected,
            us_brokerage_disconnected: x.us_brokerage.disconnected,
            cross_tie_strength: x.cross_tie_strength,
            hub_dependence: m.hub_dependence.value,
            source: source.to_string(),
        }
    }

    /// Builds the year's network with the default layers from the data directory's store (or the
    /// curated record alone) and takes its lead measures.
    pub fn build(
        rec: &CuratedRecord,
        store: Option<&entente_data::Store>,
        year: i32,
    ) -> Result<NetworkLead, entente_networks::NetworkError> {
        use entente_networks::{measure, Inputs, Network, Options};
        let (inputs, source) = match store {
            Some(s) => (
                Inputs::load(s, rec)?,
                "Entente networks, default layers (ATOP 5.1 to 2018, carried forward, and the curated record)",
            ),
            None => (
                Inputs::curated_only(rec, "no data directory"),
                "Entente networks, default layers, from the curated record alone (no data directory)",
            ),
        };
        let net = Network::build(&inputs, year, &Options::default(), &[])?;
        Ok(NetworkLead::of(&measure(&net)?, source))
    }
}

/// The interregional brief for a year.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Brief {
    /// The year.
    pub year: i32,
    /// The record used.
    pub record: RecordInfo,
    /// NATO in the year (absent if the record has no `nato` record).
    pub nato: Option<SystemView>,
    /// The hub and spokes in East Asia & Pacific.
    pub hub_spoke: HubSpoke,
    /// Ties crossing between Europe and East Asia & Pacific in the year.
    pub cross: Vec<CrossGroup>,
    /// The same, counted: records by scope, record–pair links and distinct pairs
    /// ([`CuratedRecord::cross_counts`], the one count `entente trends` and the API also use).
    pub cross_counts: CrossCounts,
    /// The challengers' alignment ties in force in the year (treaties, partnerships).
    pub challenger_ties: Vec<TieLine>,
    /// The challengers' joint exercises and patrols in the year.
    pub challenger_exercises: Vec<TieLine>,
    /// What changed over the five years up to the year.
    pub changes: Changes,
    /// The network measures it leads with, when its caller computed them ([`Brief::with_network`]).
    pub network: Option<NetworkLead>,
}

const EUROPE: Group = Group::Region(Region::Europe);
const EAP: Group = Group::Region(Region::EastAsiaPacific);

fn is_challenger_tie(t: &Tie, year: Option<i32>) -> bool {
    let pairs = match year {
        Some(y) => t.pairs_in_year(y),
        None => t.pair_ties().into_iter().map(|p| (p.a, p.b)).collect(),
    };
    pairs
        .iter()
        .any(|(a, b)| CHALLENGERS.contains(a) && CHALLENGERS.contains(b))
}

fn is_interregional(t: &Tie) -> bool {
    t.pair_ties().iter().any(|p| {
        (EUROPE.contains(p.a) && EAP.contains(p.b)) || (EUROPE.contains(p.b) && EAP.contains(p.a))
    })
}

/// The challengers' joint exercises and patrols (two or more of China, Russia and North Korea)
/// that started in a year, from the curated record.
pub fn challenger_exercises_started(rec: &CuratedRecord, y: i32) -> usize {
    rec.ties()
        .iter()
        .filter(|t| {
            t.kind == TieKind::Exercise && t.span.start.year() == y && is_challenger_tie(t, None)
        })
        .count()
}

impl Brief {
    /// The brief with its lead network measures.
    pub fn with_network(mut self, lead: NetworkLead) -> Brief {
        self.network = Some(lead);
        self
    }

    /// Assembles the brief for `year` from the record.
    pub fn build(rec: &CuratedRecord, year: i32) -> Result<Brief, BriefError> {
        if !(COVERAGE.0..=COVERAGE.1).contains(&year) {
            return Err(BriefError::YearOutOfRange {
                year,
                coverage: COVERAGE,
            });
        }
        let from = year - 4;
        let sources: BTreeSet<&str> = rec
            .ties()
            .iter()
            .flat_map(|t| t.sources.iter().map(|s| s.url.as_str()))
            .collect();
        let record = RecordInfo {
            origin: rec.origin().to_string(),
            sha256: rec.sha256().to_string(),
            records: rec.ties().len(),
            sources: sources.len(),
            coverage: COVERAGE,
        };

        let nato_tie = rec.get("nato");
        let nato = nato_tie.filter(|t| t.active_in_year(year)).map(|t| {
            let mut members: Vec<StateRef> = t
                .members_in_year(year)
                .into_iter()
                .map(|(_, c)| StateRef::of(c))
                .collect();
            members.sort_by(|a, b| a.iso3.cmp(&b.iso3));
            let joined_recently = rec
                .joined_between(t, from, year)
                .into_iter()
                .filter_map(|m| Some((StateRef::of(m.ccode_in_year(year)?), m.joined()?)))
                .collect();
            SystemView {
                name: t.name.clone(),
                members,
                joined_recently,
            }
        });

        // Hub and spokes: US defence treaties whose other parties are in East Asia & Pacific.
        let mut treaties = Vec::new();
        let mut allies: BTreeSet<Ccode> = BTreeSet::new();
        let mut suspensions = Vec::new();
        for t in rec.alliances_in_year(year, Some(US)) {
            let partners: Vec<Ccode> = t
                .pairs_in_year(year)
                .into_iter()
                .filter_map(|(a, b)| {
                    if a == US {
                        Some(b)
                    } else if b == US {
                        Some(a)
                    } else {
                        None
                    }
                })
                .filter(|c| EAP.contains(*c))
                .collect();
            if partners.is_empty() {
                continue;
            }
            allies.extend(partners);
            treaties.push(TieLine::of(t, year));
            for s in &t.suspended {
                if s.span.active_in_year(year) {
                    suspensions.push(format!(
                        "{}: {}–{} suspended since {}",
                        t.name, t.members[s.a].code, t.members[s.b].code, s.span.start
                    ));
                }
            }
        }
        let ally_list: Vec<Ccode> = allies.iter().copied().collect();
        let mut direct_pairs = BTreeSet::new();
        for t in rec.alliances_in_year(year, None) {
            for (a, b) in t.pairs_in_year(year) {
                if allies.contains(&a) && allies.contains(&b) {
                    direct_pairs.insert((StateRef::of(a).iso3, StateRef::of(b).iso3));
                }
            }
        }
        let n = ally_list.len();
        let hub_spoke = HubSpoke {
            treaties,
            allies: ally_list.iter().map(|c| StateRef::of(*c)).collect(),
            pairs: n * n.saturating_sub(1) / 2,
            direct_pairs: direct_pairs.into_iter().collect(),
            suspensions,
        };

        // Interregional ties in the year, grouped by record.
        let mut by_tie: BTreeMap<(Date, String), CrossGroup> = BTreeMap::new();
        for ct in rec.cross_ties(EUROPE, EAP, Some(year)) {
            let e = by_tie
                .entry((ct.tie.span.start, ct.tie.id.clone()))
                .or_insert_with(|| CrossGroup {
                    tie: TieLine::of(ct.tie, year),
                    pairs: Vec::new(),
                });
            e.pairs
                .push((StateRef::of(ct.a).iso3, StateRef::of(ct.b).iso3));
        }
        let cross: Vec<CrossGroup> = by_tie.into_values().collect();

        let mut challenger_ties = Vec::new();
        let mut challenger_exercises = Vec::new();
        for t in rec.active_in_year(year) {
            if !is_challenger_tie(t, Some(year)) {
                continue;
            }
            if t.kind == TieKind::Exercise {
                challenger_exercises.push(TieLine::of(t, year));
            } else {
                challenger_ties.push(TieLine::of(t, year));
            }
        }

        let window = |t: &&Tie| (from..=year).contains(&t.span.start.year());
        let new_interregional = rec
            .ties()
            .iter()
            .filter(window)
            .filter(|t| is_interregional(t))
            .map(|t| TieLine::of(t, year))
            .collect();
        let new_treaties = rec
            .ties()
            .iter()
            .filter(window)
            .filter(|t| t.kind == TieKind::DefenceTreaty)
            .map(|t| TieLine::of(t, year))
            .collect();
        let ended = rec
            .ended_between(from, year)
            .into_iter()
            .filter(|t| t.kind != TieKind::Exercise)
            .map(|t| TieLine::of(t, t.span.end.map(|e| e.year()).unwrap_or(year)))
            .collect();
        let accessions = nato
            .as_ref()
            .map(|n| n.joined_recently.clone())
            .unwrap_or_default();
        let interregional_pairs_by_year = (from..=year)
            .map(|y| (y, rec.cross_counts(EUROPE, EAP, y).distinct_pairs))
            .collect();
        let challenger_exercises_by_year = (from..=year)
            .map(|y| (y, challenger_exercises_started(rec, y)))
            .collect();

        let mut new_interregional: Vec<TieLine> = new_interregional;
        new_interregional.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        let mut new_treaties: Vec<TieLine> = new_treaties;
        new_treaties.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        let mut ended: Vec<TieLine> = ended;
        ended.sort_by(|a, b| (a.end, &a.id).cmp(&(b.end, &b.id)));
        Ok(Brief {
            year,
            record,
            nato,
            hub_spoke,
            cross,
            cross_counts: rec.cross_counts(EUROPE, EAP, year),
            challenger_ties,
            challenger_exercises,
            changes: Changes {
                from,
                to: year,
                new_interregional,
                new_treaties,
                ended,
                accessions,
                interregional_pairs_by_year,
                challenger_exercises_by_year,
            },
            network: None,
        })
    }
}
