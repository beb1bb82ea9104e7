//! # entente-sim
//!
//! The Monte Carlo model of coordinated Sino-Russian pressure on two theatres, US force allocation,
//! allied abandonment fears and hedging, as specified in `docs/model.md`: scenarios
//! ([`scenario`]), calibration from SIPRI milex and COW NMC or built-in figures ([`calibrate`]), the
//! model and one run ([`model`]), parallel runs and their statistics ([`runner`]), outputs
//! ([`output`]), sweeps ([`sweep`]), paired comparisons ([`compare`]) and SVG charts ([`chart`]).

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
