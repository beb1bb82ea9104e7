//! Gathers what the report shows from the library crates: the network trends (entente-networks),
//! the top opportunities (entente-opportunities), a baseline simulation sweep (entente-sim), the
//! datasets read and missing, and the citations. No formatting here: [`crate::html`] lays it out.

use crate::brief::{challenger_exercises_started, Brief, BriefError, NetworkLead};
use crate::sources::{Missing, Sources, BUILT_IN, CURATED};
use entente_curated::CuratedRecord;
use entente_data::Store;
use std::collections::BTreeMap;

/// Why the report could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The brief itself.
    #[error(transparent)]
    Brief(#[from] BriefError),
    /// A network computation.
    #[error("networks: {0}")]
    Networks(String),
    /// The simulation.
    #[error("simulation: {0}")]
    Simulation(String),
}

/// The baseline scenario that ships with Entente.
const BASELINE: &str = include_str!("../../../scenarios/baseline.toml");

/// Runs per point of the report's coordination sweep: paired on the same seeds, enough to resolve a
/// change of about 0.001 failures a month.
pub const SWEEP_RUNS: u64 = 4000;

/// The network trend series the report draws, by `entente trends` name.
pub const TREND_SERIES: [&str; 8] = [
    "europe_eap_pairs",
    "europe_eap_pairs_excluding_frameworks",
    "us_brokerage",
    "us_brokerage_weighted",
    "hub_dependence_treaty",
    "cross_tie_strength",
    "sr_alignment",
    "sr_exercises",
];

/// A year series; `None` where missing.
pub type YearSeries = Vec<(i32, Option<f64>)>;

/// Trend series by name.
type Trends = BTreeMap<String, YearSeries>;

/// One opportunity, as the table shows it.
#[derive(Debug, Clone)]
pub struct OpportunityRow {
    /// Rank.
    pub rank: usize,
    /// "Poland – South Korea".
    pub pair: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Share of the input weights available.
    pub coverage: f64,
    /// Whether the Asian state is a US treaty ally.
    pub treaty_ally: bool,
    /// The rationale, from the data.
    pub rationale: String,
    /// Its rank one and five years earlier (0: not ranked then).
    pub rank_before: (Option<usize>, Option<usize>),
}

/// The opportunities section.
#[derive(Debug, Clone, Default)]
pub struct Opportunities {
    /// The year scored.
    pub year: i32,
    /// The ranked pairs (top ten).
    pub rows: Vec<OpportunityRow>,
    /// Pairs scored.
    pub pairs: usize,
    /// Pairs listed as insufficient data (not ranked).
    pub unranked: usize,
    /// Datasets the score needs and could not read.
    pub missing: Vec<Missing>,
    /// Dataset ids the score used.
    pub used: Vec<String>,
}

/// A mean with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The mean.
    pub mean: f64,
    /// Lower end.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
}

/// The simulation section: a sweep of the baseline over coordination.
#[derive(Debug, Clone)]
pub struct Simulation {
    /// Coordination values.
    pub rho: Vec<f64>,
    /// The baseline's coordination.
    pub baseline_rho: f64,
    /// Deterrence failures a month in East Asia & Pacific, per point.
    pub east_asia: Vec<Interval>,
    /// The same in Europe.
    pub europe: Vec<Interval>,
    /// Share of months with crises in both theatres, per point.
    pub both: Vec<Interval>,
    /// Paired difference, coordination 1 less coordination 0 (same seeds): East Asia, Europe, both.
    pub effect: [Interval; 3],
    /// Paired change in failures a month against no coordination, per point: East Asia, Europe.
    pub change: [Vec<Interval>; 2],
    /// Runs per point.
    pub runs: u64,
    /// The seed.
    pub seed: u64,
    /// Whether the forces came from the data directory (else the built-in figures).
    pub from_data: bool,
    /// Dataset ids it used.
    pub used: Vec<String>,
}

/// Everything the report shows, gathered.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// The brief (the record's facts for the year).
    pub brief: Brief,
    /// Network trend series from the first year of the record to the brief's year, by name.
    pub trends: BTreeMap<String, YearSeries>,
    /// Dataset ids behind the network measures (read).
    pub network_used: Vec<String>,
    /// Datasets the network measures could not read (what each feeds).
    pub network_missing: Vec<Missing>,
    /// The challengers' joint exercises and patrols started each year.
    pub challenger_exercises: Vec<(i32, usize)>,
    /// The opportunities.
    pub opportunities: Opportunities,
    /// The simulation.
    pub simulation: Option<Simulation>,
    /// The datasets read and missing.
    pub sources: Sources,
    /// The manifest of inputs.
    pub inputs: Vec<entente_core::DatasetProvenance>,
    /// Citations, one per line.
    pub citations: Vec<String>,
}

fn trends(
    rec: &CuratedRecord,
    store: Option<&Store>,
    year: i32,
) -> Result<(Trends, Vec<(String, String)>), ReportError> {
    use entente_networks::{trends, Inputs, Options};
    let e = |e: entente_networks::NetworkError| ReportError::Networks(e.to_string());
    let inputs = match store {
        Some(s) => Inputs::load(s, rec).map_err(e)?,
        None => Inputs::curated_only(rec, "no data directory"),
    };
    let unavailable = inputs
        .unavailable
        .iter()
        .map(|u| (u.dataset.clone(), u.role.clone()))
        .collect();
    let from = entente_networks::YEARS.0;
    let measures =
        trends::measure_years(&inputs, (from, year), &Options::default(), &[]).map_err(e)?;
    let names: Vec<String> = TREND_SERIES.iter().map(|s| s.to_string()).collect();
    let mut out = BTreeMap::new();
    for s in trends::scalars(&names).map_err(e)? {
        out.insert(
            s.name.to_string(),
            measures.iter().map(|m| (m.year, (s.get)(m))).collect(),
        );
    }
    Ok((out, unavailable))
}

fn opportunities(rec: &CuratedRecord, store: Option<&Store>, year: i32) -> Opportunities {
    let oy = year.clamp(1990, 2025);
    let engine = entente_opportunities::Engine::new(store, rec, Default::default());
    let all = engine.year(oy);
    let missing: Vec<Missing> = engine
        .missing_datasets()
        .into_iter()
        .map(|(id, feeds)| Missing {
            id: id.to_string(),
            name: crate::sources::short_name(id),
            feeds: feeds.to_string(),
        })
        .collect();
    let unranked = all.iter().filter(|p| p.insufficient_data).count();
    let rows = all
        .iter()
        .filter(|p| !p.insufficient_data && p.rank > 0)
        .take(10)
        .map(|p| {
            let earlier = |y: i32| {
                engine
                    .pair(
                        entente_core::Ccode(p.europe.ccode),
                        entente_core::Ccode(p.asia.ccode),
                        y,
                        y,
                    )
                    .first()
                    .map(|q| q.rank)
            };
            OpportunityRow {
                rank: p.rank,
                pair: format!("{} – {}", p.europe.name, p.asia.name),
                score: p.score,
                coverage: p.coverage,
                treaty_ally: p.asia_is_treaty_ally,
                rationale: p.rationale.clone(),
                rank_before: (earlier(oy - 1), earlier(oy - 5)),
            }
        })
        .collect();
    let mut used = vec![CURATED.to_string()];
    used.extend(
        entente_opportunities::NEEDED
            .iter()
            .filter(|(id, _)| !missing.iter().any(|m| m.id == *id))
            .map(|(id, _)| id.to_string()),
    );
    Opportunities {
        year: oy,
        rows,
        pairs: all.len(),
        unranked,
        missing,
        used,
    }
}

fn interval(v: &[f64]) -> Interval {
    let s = entente_sim::Stat::of(v);
    Interval {
        mean: s.mean,
        lo: s.mean_lo,
        hi: s.mean_hi,
    }
}

fn simulation(store: Option<&Store>) -> Result<Simulation, ReportError> {
    let e = |e: entente_sim::SimError| ReportError::Simulation(e.to_string());
    let base = entente_sim::Scenario::parse(BASELINE, "scenarios/baseline.toml").map_err(e)?;
    let mut rho: Vec<f64> = (0..=5).map(|i| f64::from(i) * 0.2).collect();
    rho.push(base.coordination);
    rho.sort_by(f64::total_cmp);
    rho.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    let names = [
        "east_asia.failure_rate",
        "europe.failure_rate",
        "p_simultaneous_crises",
    ];
    let mut cols: Vec<[Vec<f64>; 3]> = Vec::new();
    let mut from_data = false;
    for &x in &rho {
        let mut sc = base.clone();
        sc.coordination = x;
        sc.runs = SWEEP_RUNS;
        let p = entente_sim::Prepared::new(sc, store).map_err(e)?;
        from_data = p.calibration.used == entente_sim::Used::Data;
        let runs = entente_sim::run(&p.model, SWEEP_RUNS, 0).map_err(e)?;
        let col = |n: &str| -> Result<Vec<f64>, ReportError> {
            runs.index(n)
                .map(|j| runs.column(j))
                .ok_or_else(|| ReportError::Simulation(format!("the model has no measure {n}")))
        };
        cols.push([col(names[0])?, col(names[1])?, col(names[2])?]);
    }
    let per = |k: usize| cols.iter().map(|c| interval(&c[k])).collect::<Vec<_>>();
    let diff = |k: usize, i: usize| {
        let (a, b) = (&cols[0][k], &cols[i][k]);
        let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
        interval(&d)
    };
    let effect = |k: usize| diff(k, cols.len() - 1);
    let change = |k: usize| (0..cols.len()).map(|i| diff(k, i)).collect::<Vec<_>>();
    Ok(Simulation {
        baseline_rho: base.coordination,
        east_asia: per(0),
        europe: per(1),
        both: per(2),
        effect: [effect(0), effect(1), effect(2)],
        change: [change(0), change(1)],
        rho,
        runs: SWEEP_RUNS,
        seed: base.seed,
        from_data,
        used: if from_data {
            vec!["sipri-milex".into(), "cow-nmc".into()]
        } else {
            vec![BUILT_IN.into()]
        },
    })
}

/// Gathers the report's data for a year.
pub fn gather(
    rec: &CuratedRecord,
    store: Option<&Store>,
    year: i32,
) -> Result<ReportData, ReportError> {
    let mut brief = Brief::build(rec, year)?;
    if let Ok(lead) = NetworkLead::build(rec, store, year) {
        brief = brief.with_network(lead);
    }
    let (trends, unavailable) = trends(rec, store, year)?;
    let from = entente_networks::YEARS.0;
    let challenger_exercises = (from..=year)
        .map(|y| (y, challenger_exercises_started(rec, y)))
        .collect();
    let opportunities = opportunities(rec, store, year);
    let simulation = Some(simulation(store)?);
    let inputs = store.map(Store::read_so_far).unwrap_or_default();
    let sources = Sources::from_read(&inputs, store.map(|s| s.dir().display().to_string()));
    let network_missing = unavailable
        .iter()
        .filter(|(id, _)| !sources.has(id))
        .map(|(id, role)| Missing {
            id: id.clone(),
            name: crate::sources::short_name(id),
            feeds: role.clone(),
        })
        .collect();
    let network_used = sources.used(&[CURATED, "atop-ddy", "cow-states"]);

    let mut citations = vec![
        "Kim, Tongfi, and Luis Simón. 2021. \"Greater Security Cooperation: US Allies in Europe and East Asia.\" Parameters 51(2): 55–68.".to_string(),
        format!("Entente's curated record of alliances, agreements, partnerships, exercises and arms programmes, version {}, cut-off {} (sha256 {}); every record's documents: `entente cite --year {year}`.", entente_curated::VERSION, entente_curated::CUTOFF, rec.sha256()),
    ];
    citations.extend(METHOD_CITATIONS.iter().map(|c| c.to_string()));
    if let Ok(ds) = entente_data::registry::datasets() {
        citations.extend(
            ds.iter()
                .filter(|d| sources.has(&d.id))
                .map(|d| format!("{} ({}): {}", d.name, d.version, d.citation)),
        );
    }
    Ok(ReportData {
        brief,
        trends,
        network_used,
        network_missing,
        challenger_exercises,
        opportunities,
        simulation,
        sources,
        inputs,
        citations,
    })
}

/// The report page for a year.
pub fn build_report(
    rec: &CuratedRecord,
    store: Option<&Store>,
    year: i32,
) -> Result<String, ReportError> {
    let data = gather(rec, store, year)?;
    Ok(crate::html::render_html(rec, &data))
}

/// The works the report's measures and model rest on, as the method documents cite them.
const METHOD_CITATIONS: [&str; 7] = [
    "Krackhardt, David, and Robert N. Stern. 1988. \"Informal Networks and Organizational Crises: An Experimental Simulation.\" Social Psychology Quarterly 51(2): 123–140. (the E–I index)",
    "Brandes, Ulrik. 2001. \"A Faster Algorithm for Betweenness Centrality.\" Journal of Mathematical Sociology 25(2): 163–177. (betweenness in the network measures)",
    "Chiba, Daina, Jesse C. Johnson, and Brett Ashley Leeds. 2015. \"Careful Commitments: Democratic States and Alliance Design.\" Journal of Politics 77(4): 968–982. (the valued coding of alliance obligations)",
    "Walt, Stephen M. 1987. The Origins of Alliances. Ithaca: Cornell University Press. (threat convergence in the opportunity score)",
    "Snyder, Glenn H. 1984. \"The Security Dilemma in Alliance Politics.\" World Politics 36(4): 461–495. (abandonment and hedging in the simulation)",
    "Huth, Paul, and Bruce Russett. 1984. \"What Makes Deterrence Work? Cases from 1900 to 1980.\" World Politics 36(4): 496–526. (the local balance in the simulation)",
    "US Department of Defense. 1993. Report on the Bottom-Up Review. (the two-war and \"defeat one, deter elsewhere\" force-planning constructs in the simulation)",
];
