//! # entente-networks
//!
//! The US alliance systems as a multiplex network, year by year, 1949–2025, and the measures that
//! say how the European and East Asian systems connect: density by layer and block, Krackhardt's
//! E–I index, hub dependence, wedge vulnerability (articulation points, bridges, the minimum cut
//! between the blocks without the US), centralities, clustering and components, structural
//! equivalence, and a Sino-Russian alignment index with its components. Every measure is defined,
//! with its citation, in `docs/networks.md`.
//!
//! ```text
//! Inputs::load(store, record) ──► Network::build(inputs, year, options, hypothetical)
//!                                     └──► measure(&network) ──► Measures ──► export / trends / chart
//! ```
//!
//! The graph algorithms with a well-kept implementation come from `rustworkx-core` (eigenvector
//! centrality, articulation points and bridges, and the reference Brandes betweenness) and its
//! re-exported `petgraph` (Dinic's maximum flow); betweenness (a faster Brandes, tested equal to
//! `rustworkx-core`'s), clustering, components, hub dependence and structural equivalence are a few
//! lines each here.

mod blocks;
pub mod brokerage;
pub mod chart;
pub mod core_set;
mod error;
pub mod export;
mod graph;
mod inputs;
pub mod interregional;
mod layer;
pub mod measures;
mod network;
pub mod strength;
pub mod trends;

pub use blocks::{blocks_in_year, Block, BlockSets};
pub use entente_curated::counterfactual::{parse_counterfactual, Action, HypotheticalTie};
pub use error::{NetworkError, Result};
pub use graph::{Components, Graph};
pub use inputs::{Inputs, Unavailable, YEARS};
pub use layer::{
    AlignmentOptions, Layer, Options, DEFAULT_ARMS_THRESHOLD, DEFAULT_FRAMEWORK_WEIGHT,
    DEFAULT_UN_THRESHOLD, MAX_LAYER_WEIGHT,
};
pub use measures::{measure, Measures};
pub use network::{AlignmentInputs, LayerEdges, LayerStatus, Network, CHN, COOPERATION_KINDS, RUS};
pub use strength::StrengthWeights;
