//! Assembles the HTML report of `entente brief --out DIR` from the library crates: the network trends
//! (entente-networks), the top opportunities (entente-opportunities) and a baseline simulation sweep
//! (entente-sim), each figure with its sources, and the citations of every dataset used.

use crate::brief::{Brief, BriefError};
use crate::html::{render_html, Figure, OpportunityRow, ReportParts};
use entente_curated::CuratedRecord;
use entente_data::Store;

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

/// Runs per point of the report's coordination sweep (enough for intervals of about ±0.01).
pub const SWEEP_RUNS: u64 = 1000;

fn trend_figures(
    rec: &CuratedRecord,
    store: Option<&Store>,
    year: i32,
) -> Result<Vec<Figure>, ReportError> {
    use entente_networks::chart::{svg, Series};
    use entente_networks::{trends, Inputs, Options};
    let e = |e: entente_networks::NetworkError| ReportError::Networks(e.to_string());
    let inputs = match store {
        Some(s) => Inputs::load(s, rec).map_err(e)?,
        None => Inputs::curated_only(rec, "no data directory"),
    };
    let from = entente_networks::YEARS.0;
    let measures =
        trends::measure_years(&inputs, (from, year), &Options::default(), &[]).map_err(e)?;
    let series = |names: &[&str]| -> Result<Vec<Series>, ReportError> {
        let wanted: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        Ok(trends::scalars(&wanted)
            .map_err(e)?
            .into_iter()
            .map(|s| Series {
                name: s.name.to_string(),
                points: measures.iter().map(|m| (m.year, (s.get)(m))).collect(),
            })
            .collect())
    };
    Ok(vec![
        Figure {
        title: "How the two alliance systems connect".into(),
        svg: svg(&series(&["us_brokerage", "hub_dependence_treaty", "cross_tie_strength", "ei_union"])?, "Interregional measures").map_err(e)?,
        source: "Entente networks (docs/networks.md): ATOP 5.1 alliances to 2018, carried forward and joined with Entente's curated record after; the curated record's cooperation, access and partnership ties.".into(),
    },
    Figure {
        title: "Sino-Russian alignment".into(),
        svg: svg(&series(&["sr_alignment", "sr_ties", "sr_exercises", "sr_arms"])?, "Sino-Russian alignment index and components").map_err(e)?,
        source: "Entente's curated record (treaties, partnerships, joint exercises and patrols), SIPRI Arms Transfers Database (Russia→China TIV), UNGA ideal points.".into(),
    },
    ])
}

fn simulation_figure(store: Option<&Store>) -> Result<Figure, ReportError> {
    use entente_sim::chart::{line_chart, Series};
    let e = |e: entente_sim::SimError| ReportError::Simulation(e.to_string());
    let base = entente_sim::Scenario::parse(BASELINE, "scenarios/baseline.toml").map_err(e)?;
    let xs: Vec<f64> = (0..=5).map(|i| f64::from(i) * 0.2).collect();
    let names = ["europe.failure_rate", "east_asia.failure_rate"];
    let mut series: Vec<Series> = names
        .iter()
        .map(|n| Series {
            name: n.to_string(),
            x: xs.clone(),
            y: vec![],
            lo: vec![],
            hi: vec![],
        })
        .collect();
    let mut used = String::new();
    for &x in &xs {
        let mut sc = base.clone();
        sc.coordination = x;
        sc.runs = SWEEP_RUNS;
        let p = entente_sim::Prepared::new(sc, store).map_err(e)?;
        used = format!("{:?}", p.calibration.used);
        let runs = entente_sim::run(&p.model, SWEEP_RUNS, 0).map_err(e)?;
        let stats = entente_sim::summarise(&runs);
        for s in &mut series {
            let st = stats
                .iter()
                .find(|(n, _)| *n == s.name)
                .map(|(_, st)| st.clone())
                .ok_or_else(|| {
                    ReportError::Simulation(format!("the model has no measure {}", s.name))
                })?;
            s.y.push(st.mean);
            s.lo.push(st.mean_lo);
            s.hi.push(st.mean_hi);
        }
    }
    Ok(Figure {
        title: "Baseline simulation: failure against coordination".into(),
        svg: line_chart(
            "Failed deterrence per month, by theatre, as the challengers coordinate",
            "coordination ρ",
            "failures per month",
            &series,
        )
        .map_err(e)?,
        source: format!(
            "Entente's two-theatre model (docs/model.md), scenario baseline, seed {}, {SWEEP_RUNS} runs per point, mean and 95% interval; calibration: {used} (SIPRI milex, COW NMC).",
            base.seed
        ),
    })
}

/// The report page for a year.
pub fn build_report(
    rec: &CuratedRecord,
    store: Option<&Store>,
    year: i32,
) -> Result<String, ReportError> {
    let mut brief = Brief::build(rec, year)?;
    if let Ok(lead) = crate::brief::NetworkLead::build(rec, store, year) {
        brief = brief.with_network(lead);
    }
    let mut parts = ReportParts {
        trends: trend_figures(rec, store, year)?,
        ..Default::default()
    };
    let oy = year.clamp(1990, 2025);
    let engine = entente_opportunities::Engine::new(store, rec, Default::default());
    parts.opportunities = engine
        .year(oy)
        .into_iter()
        .take(10)
        .map(|p| OpportunityRow {
            rank: p.rank,
            pair: format!("{}–{}", p.europe.iso3, p.asia.iso3),
            score: p.score,
            rationale: p.rationale,
        })
        .collect();
    parts.opportunities_source = format!(
        "Entente opportunity score for {oy} (docs/opportunities.md): COW MID 4.3, UNGA ideal points, COW contiguity, capitals, SIPRI milex and arms transfers, ATOP 5.1 and the curated record."
    );
    parts.simulation = Some(simulation_figure(store)?);
    let mut cites = vec![
        "Kim, Tongfi, and Luis Simón. 2021. \"Greater Security Cooperation: US Allies in Europe and East Asia.\" Parameters 51(2): 55–68.".to_string(),
        format!("Entente's curated record of alliances, agreements, partnerships, exercises and arms programmes, version {}, cut-off {} (sha256 {}); every record's documents: `entente cite --year {year}`.", entente_curated::VERSION, entente_curated::CUTOFF, rec.sha256()),
    ];
    // The methods behind the figures (docs/networks.md, docs/opportunities.md, docs/model.md).
    cites.extend(METHOD_CITATIONS.iter().map(|c| c.to_string()));
    parts.inputs = store.map(Store::read_so_far).unwrap_or_default();
    if let Ok(ds) = entente_data::registry::datasets() {
        let read: std::collections::BTreeSet<&str> = parts
            .inputs
            .iter()
            .map(|p| p.dataset.split('/').next().unwrap_or(&p.dataset))
            .collect();
        cites.extend(
            ds.iter()
                .filter(|d| read.contains(d.id.as_str()))
                .map(|d| format!("{} ({}): {}", d.name, d.version, d.citation)),
        );
    }
    parts.citations = cites;
    Ok(render_html(rec, &brief, &parts))
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
