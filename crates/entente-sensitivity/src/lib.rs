//! # entente-sensitivity
//!
//! Which assumptions drive a result: designs and estimators of global sensitivity analysis as
//! pure functions, with no knowledge of the simulation (`docs/sensitivity.md`).
//! - [`ranges`]: the table of assumed parameters and their plausible ranges (`scenarios/ranges.toml`).
//! - [`design`]: one-at-a-time, Latin hypercube, and Saltelli's design on a Sobol' sequence.
//! - [`sobol`]: first-order (Saltelli et al. 2010) and total (Jansen 1999) indices, SALib's
//!   conventions, bootstrap intervals.
//! - [`prcc`]: partial rank correlation coefficients (Marino et al. 2008).
//! - [`oat`]: one-at-a-time effects on common random numbers.
//! - [`tornado`]: the tornado chart (SVG).

pub mod design;
pub mod error;
pub mod oat;
pub mod prcc;
pub mod ranges;
pub mod sobol;
pub mod stats;
pub mod tornado;

pub use error::{Result, SensitivityError};
pub use ranges::{Dist, Group, Range, RangeTable};

/// An estimate with the ends of its interval (NaN where undefined).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The point estimate.
    pub estimate: f64,
    /// Lower end of its interval.
    pub ci_low: f64,
    /// Upper end of its interval.
    pub ci_high: f64,
}

impl Estimate {
    /// An estimate and its interval.
    pub fn new(estimate: f64, ci_low: f64, ci_high: f64) -> Estimate {
        Estimate {
            estimate,
            ci_low,
            ci_high,
        }
    }
}
