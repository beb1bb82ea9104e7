//! # entente-sim
//!
//! The Monte Carlo model of coordinated Sino-Russian pressure on two theatres, US force allocation,
//! allied abandonment fears and hedging, as specified in `docs/model.md`: scenarios
//! ([`scenario`]), calibration from SIPRI milex and COW NMC or built-in figures ([`calibrate`]), the
//! model and one run ([`model`]), parallel runs and their statistics ([`runner`]), outputs
//! ([`output`]), sweeps ([`sweep`]), paired comparisons ([`compare`]), sensitivity studies
//! ([`study`]), their shards ([`study_shard`]) and SVG charts ([`chart`]).

pub mod calibrate;
pub mod chart;
pub mod compare;
pub mod error;
pub mod model;
pub mod output;
pub mod params;
mod run;
pub mod runner;
pub mod scenario;
pub mod shard;
pub mod study;
pub mod study_shard;
pub mod sweep;
pub mod trajectory;

pub use calibrate::{calibrate, Calibration, Used};
pub use error::{Result, SimError};
pub use model::{Model, Work};
pub use runner::{run, run_on, summarise, Runs, Stat};
pub use scenario::{Policy, Scenario, Targeting};

/// A scenario with its calibration and compiled model.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The scenario.
    pub scenario: Scenario,
    /// Its calibration.
    pub calibration: Calibration,
    /// The compiled model.
    pub model: Model,
}

impl Prepared {
    /// Calibrates and compiles a checked scenario (`store`: the data directory, if any).
    pub fn new(scenario: Scenario, store: Option<&entente_data::Store>) -> Result<Prepared> {
        let calibration = calibrate(&scenario, store)?;
        let model = Model::new(&scenario, &calibration)?;
        Ok(Prepared {
            scenario,
            calibration,
            model,
        })
    }
}

/// A measure's plain-English title for charts: `east_asia.failure_rate` → "East Asia & Pacific:
/// deterrence failures per month", from the sweep's chart titles and the theatres' names.
pub fn chart_title(measure: &str, theatres: &[(String, String)]) -> String {
    let (owner, stem) = match measure.split_once('.') {
        Some((o, s)) => (Some(o), s),
        None => (None, measure),
    };
    let what = sweep::CHARTS
        .iter()
        .find(|(s, _, _)| *s == stem)
        .map(|(_, t, _)| t.to_string())
        .unwrap_or_else(|| stem.replace('_', " "));
    match owner {
        Some(o) => {
            let name = theatres
                .iter()
                .find(|(id, _)| id == o)
                .map_or(o, |(_, n)| n.as_str());
            format!("{name}: {}", lowercase_first(&what))
        }
        None => what,
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
