//! # entente-opportunities
//!
//! Which European and East Asian allies should cooperate more, on what, and why: for each pair of a
//! European ally (NATO's European members) and an East Asia & Pacific ally or partner, and each year,
//! threat convergence (exposure to the same challengers), capability commonality and
//! complementarity (shared weapon families and suppliers, what one supplies that the other buys) and
//! the absence of existing ties combine into a score, every weight a parameter ([`params`]). Every
//! row carries its decomposition, its coverage and a one-line rationale built from the data. See
//! `docs/opportunities.md`.

pub mod backtest;
pub mod engine;
pub mod families;
pub mod inputs;
pub mod params;
mod rationale;
pub mod stability;

pub use engine::{Engine, PairScore, MIN_COVERAGE, NEEDED};
pub use params::Params;
