//! The measures of how the two alliance systems tie to each other that respond to direct ties:
//! hub dependence on defence treaties alone, the US's brokerage of the shortest paths between the
//! allies, and the strength of their direct ties; with the record's counts of interregional ties.
//! Each is defined, with its derivation, in `docs/networks.md`.

use crate::blocks::Block;
use crate::brokerage::{us_brokerage, Brokerage};
use crate::graph::Graph;
use crate::layer::Layer;
use crate::measures::{hub_dependence, HubDependence};
use crate::network::Network;
use crate::strength::weighted_density;
use entente_core::US;
use entente_curated::CrossCounts;
use serde::Serialize;

/// The interregional measures of a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interregional {
    /// Hub dependence in the allied network of defence treaties alone (alliance ties with a
    /// defense or offense obligation, ATOP valued coding 3): the article's hub-and-spoke.
    pub hub_dependence_treaty: HubDependence,
    /// The US's share of the shortest paths between NATO and East Asia & Pacific allies in the
    /// allied network (the union of the layers switched on), unweighted.
    pub us_brokerage: Brokerage,
    /// The same with tie lengths 1/weight (the union's edge weights).
    pub us_brokerage_weighted: Brokerage,
    /// The weighted density of the direct NATO × East Asia & Pacific ally ties.
    pub cross_tie_strength: Option<f64>,
    /// NATO × East Asia & Pacific ally pairs with a direct tie of positive strength.
    pub cross_pairs_with_strength: usize,
    /// The record's Europe × East Asia & Pacific ties in the year, counted.
    pub record_counts: CrossCounts,
}

fn is_allied(b: Block) -> bool {
    matches!(
        b,
        Block::Us | Block::Nato | Block::EapAllies | Block::IpPartners
    )
}

/// The allied network of defence treaties: alliance-layer ties of valued coding 3 between allied
/// states (the US, NATO and East Asia & Pacific allies, Indo-Pacific partners).
pub fn treaty_graph(net: &Network) -> Graph {
    let edges = net.layers[Layer::Alliance.idx()]
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .filter(|((a, b), v)| {
            *v >= 3.0 && is_allied(net.blocks[*a as usize]) && is_allied(net.blocks[*b as usize])
        })
        .map(|(k, _)| (*k, 1.0));
    Graph::new(net.nodes.len(), edges)
}

/// Computes the interregional measures of a network, given its allied network `allied` (the union
/// induced on the allied blocks).
pub fn interregional(net: &Network, allied: &Graph) -> Interregional {
    let us = net.index(US);
    let nato = net.block_nodes(Block::Nato);
    let eap = net.block_nodes(Block::EapAllies);
    let tg = treaty_graph(net);
    let w = &net.options.strength;
    let mut strengths = Vec::new();
    for &x in &nato {
        for &y in &eap {
            let (cx, cy) = (net.nodes[x as usize], net.nodes[y as usize]);
            let alliance = net
                .layer_value(Layer::Alliance, cx, cy)
                .map_or(0.0, |v| w.of_alliance(v));
            let key = if cx < cy { (cx, cy) } else { (cy, cx) };
            let coop = net.coop_strength.get(&key).copied().unwrap_or(0.0);
            let s = (alliance + coop).min(1.0);
            if s > 0.0 {
                strengths.push(s);
            }
        }
    }
    Interregional {
        hub_dependence_treaty: hub_dependence(&tg, us, &nato, &eap),
        us_brokerage: us_brokerage(allied, us, &nato, &eap, false),
        us_brokerage_weighted: us_brokerage(allied, us, &nato, &eap, true),
        cross_pairs_with_strength: strengths.len(),
        cross_tie_strength: weighted_density(strengths, nato.len(), eap.len()),
        record_counts: net.cross_counts,
    }
}
