//! # entente-similarity
//!
//! Alliance-portfolio similarity for every dyad-year: Signorino & Ritter's S (valued and binary,
//! absolute and squared distance, unweighted and CINC-weighted), Scott's π, Cohen's κ (plain and with
//! the quadratic weights of R's `psych::cohen.kappa`), Kendall's τ_b, and the UN ideal-point distance.
//! Portfolios come from ATOP, COW or the curated record ([`portfolio`]); every measure is a function
//! of one pair's contingency tables ([`measures`]); the computation runs as a frame unit ([`unit`]),
//! so `entente similarity` and `entente frame --add similarity` share it. Hypothetical ties
//! (`--with FILE`) are applied to the portfolios before computing. See `docs/similarity.md`.

pub mod error;
pub mod measures;
pub mod portfolio;
pub mod unit;

pub use error::{Result, SimilarityError};
pub use portfolio::Source;
pub use unit::{Measure, Similarity, SimilarityOptions};
