//! Measures year by year: every network of a range of years, and the scalar measures that
//! `entente trends` writes, one column each.

use crate::blocks::Block;
use crate::error::{NetworkError, Result};
use crate::inputs::{Inputs, YEARS};
use crate::layer::Options;
use crate::measures::{measure, Measures};
use crate::network::{Network, CHN, RUS};
use entente_core::US;
use entente_curated::counterfactual::HypotheticalTie;
use rayon::prelude::*;

/// A scalar measure of a year.
pub struct Scalar {
    /// Its name (a CSV column).
    pub name: &'static str,
    /// What it is.
    pub about: &'static str,
    /// Its value in a year's measures.
    pub get: fn(&Measures) -> Option<f64>,
}

fn mean(v: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (s, n) = v.flatten().fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| s / n as f64)
}

fn se_mean(m: &Measures, b: Block, to: usize) -> Option<f64> {
    mean(
        m.equivalence
            .iter()
            .filter(|e| e.block == b)
            .map(|e| match to {
                0 => e.to_us,
                1 => e.to_chn,
                _ => e.to_rus,
            }),
    )
}

/// Every scalar measure, in column order.
pub const SCALARS: &[Scalar] = &[
    Scalar { name: "density_union", about: "density of the union of the layers switched on", get: |m| m.density_of("union") },
    Scalar { name: "density_alliance", about: "density of the alliance layer", get: |m| m.density_of("alliance") },
    Scalar { name: "density_cooperation", about: "density of the cooperation layer", get: |m| m.density_of("cooperation") },
    Scalar { name: "density_arms", about: "density of the arms layer (SIPRI TIV ≥ threshold)", get: |m| m.density_of("arms") },
    Scalar { name: "density_un", about: "density of the UN layer (when switched on)", get: |m| m.density_of("un") },
    Scalar { name: "density_nato", about: "density within the NATO allies (union)", get: |m| m.block_density_of("union", Block::Nato, Block::Nato) },
    Scalar { name: "density_eap", about: "density within the East Asia & Pacific treaty allies (union)", get: |m| m.block_density_of("union", Block::EapAllies, Block::EapAllies) },
    Scalar { name: "density_nato_eap", about: "density between the NATO and East Asia & Pacific allies (union)", get: |m| m.block_density_of("union", Block::Nato, Block::EapAllies) },
    Scalar { name: "density_nato_eap_cooperation", about: "density between the NATO and East Asia & Pacific allies (cooperation layer)", get: |m| m.block_density_of("cooperation", Block::Nato, Block::EapAllies) },
    Scalar { name: "density_challengers_others", about: "density between the challengers and the others (union)", get: |m| m.block_density_of("union", Block::Challengers, Block::Others) },
    Scalar { name: "ei_union", about: "Krackhardt–Stern E–I index, NATO vs East Asia & Pacific allies (union)", get: |m| m.ei_of("union") },
    Scalar { name: "ei_alliance", about: "E–I index, alliance layer", get: |m| m.ei_of("alliance") },
    Scalar { name: "ei_cooperation", about: "E–I index, cooperation layer", get: |m| m.ei_of("cooperation") },
    Scalar { name: "ei_arms", about: "E–I index, arms layer", get: |m| m.ei_of("arms") },
    Scalar { name: "ei_un", about: "E–I index, UN-alignment layer (missing unless the layer is on: --layers ...,un)", get: |m| m.ei_of("un") },
    Scalar { name: "hub_dependence", about: "share of the connected NATO × East Asia & Pacific ally pairs connected only through the US, in the allied network", get: |m| m.hub_dependence.value },
    Scalar { name: "hub_dependence_all", about: "the same, with paths through any state (the whole union)", get: |m| m.hub_dependence_all.value },
    Scalar { name: "cross_pairs_direct", about: "NATO × East Asia & Pacific ally pairs tied directly (union)", get: |m| Some(m.hub_dependence.direct as f64) },
    Scalar { name: "hub_dependence_treaty", about: "hub dependence on defence treaties only (alliance ties with a defense or offense obligation), in the allied network: the article's hub-and-spoke", get: |m| m.interregional.hub_dependence_treaty.value },
    Scalar { name: "us_brokerage", about: "mean share of the shortest paths between connected NATO × East Asia & Pacific ally pairs that pass through the US, in the allied network", get: |m| m.interregional.us_brokerage.value },
    Scalar { name: "us_brokerage_weighted", about: "the same with tie length 1/weight (the union's edge weights)", get: |m| m.interregional.us_brokerage_weighted.value },
    Scalar { name: "us_brokerage_disconnected", about: "NATO × East Asia & Pacific ally pairs with no path in the allied network (left out of us_brokerage)", get: |m| Some(m.interregional.us_brokerage.disconnected as f64) },
    Scalar { name: "cross_tie_strength", about: "weighted density of the direct NATO × East Asia & Pacific ally ties (treaties, agreements by scope, frameworks, exercises; docs/networks.md)", get: |m| m.interregional.cross_tie_strength },
    Scalar { name: "europe_eap_pairs", about: "distinct Europe × East Asia & Pacific state pairs tied by a curated record (the brief's and the API's count)", get: |m| Some(m.interregional.record_counts.distinct_pairs as f64) },
    Scalar { name: "europe_eap_pairs_excluding_frameworks", about: "the same, frameworks (NATO and EU partnerships) left out", get: |m| Some(m.interregional.record_counts.distinct_pairs_excluding_frameworks as f64) },
    Scalar { name: "europe_eap_records", about: "curated records tying Europe to East Asia & Pacific", get: |m| Some(m.interregional.record_counts.records as f64) },
    Scalar { name: "europe_eap_frameworks", about: "of those, frameworks (an organisation and a partner)", get: |m| Some(m.interregional.record_counts.frameworks as f64) },
    Scalar { name: "min_cut", about: "minimum number of ties separating the NATO from the East Asia & Pacific allies without the US, in the allied network", get: |m| m.wedge.min_cut.value.map(|v| v as f64) },
    Scalar { name: "min_cut_all", about: "the same, with paths through any state (the whole union)", get: |m| m.wedge.min_cut_all.value.map(|v| v as f64) },
    Scalar { name: "cutpoints_splitting_allies", about: "articulation points of the allied network whose removal separates allies", get: |m| Some(m.wedge.articulation_points.iter().filter(|c| c.ally_pairs_split > 0).count() as f64) },
    Scalar { name: "bridges_splitting_allies", about: "bridges of the allied network whose removal separates allies", get: |m| Some(m.wedge.bridges.iter().filter(|c| c.ally_pairs_split > 0).count() as f64) },
    Scalar { name: "us_degree", about: "degree of the US (union)", get: |m| m.node_of(US).map(|n| n.degree as f64) },
    Scalar { name: "us_betweenness", about: "normalised betweenness of the US (union)", get: |m| m.node_of(US).map(|n| n.betweenness) },
    Scalar { name: "us_eigenvector", about: "eigenvector centrality of the US on its component", get: |m| m.node_of(US).and_then(|n| n.eigenvector) },
    Scalar { name: "chn_betweenness", about: "normalised betweenness of China (union)", get: |m| m.node_of(CHN).map(|n| n.betweenness) },
    Scalar { name: "rus_betweenness", about: "normalised betweenness of Russia (union)", get: |m| m.node_of(RUS).map(|n| n.betweenness) },
    Scalar { name: "clustering_average", about: "mean local clustering coefficient (union)", get: |m| Some(m.clustering_average) },
    Scalar { name: "components", about: "connected components of the union (isolates included)", get: |m| Some(f64::from(m.components.count)) },
    Scalar { name: "us_component_size", about: "states in the US's component", get: |m| m.components.us_component.map(|v| v as f64) },
    Scalar { name: "se_nato_us", about: "mean structural equivalence of the NATO allies to the US", get: |m| se_mean(m, Block::Nato, 0) },
    Scalar { name: "se_eap_us", about: "mean structural equivalence of the East Asia & Pacific allies to the US", get: |m| se_mean(m, Block::EapAllies, 0) },
    Scalar { name: "se_nato_rus", about: "mean structural equivalence of the NATO allies to Russia", get: |m| se_mean(m, Block::Nato, 2) },
    Scalar { name: "se_eap_chn", about: "mean structural equivalence of the East Asia & Pacific allies to China", get: |m| se_mean(m, Block::EapAllies, 1) },
    Scalar { name: "se_ip_us", about: "mean structural equivalence of the Indo-Pacific partners to the US", get: |m| se_mean(m, Block::IpPartners, 0) },
    Scalar { name: "sr_alignment", about: "Sino-Russian alignment index (weighted mean of its components)", get: |m| m.alignment.index },
    Scalar { name: "sr_ties", about: "Sino-Russian alignment: treaty and partnership ties", get: |m| Some(m.alignment.ties) },
    Scalar { name: "sr_exercises", about: "Sino-Russian alignment: joint exercises and patrols", get: |m| Some(m.alignment.exercises) },
    Scalar { name: "sr_arms", about: "Sino-Russian alignment: Russia→China TIV", get: |m| m.alignment.arms },
    Scalar { name: "sr_un", about: "Sino-Russian alignment: UN ideal-point closeness", get: |m| m.alignment.un },
    Scalar { name: "nato_allies", about: "NATO allies (less the US)", get: |m| size(m, Block::Nato) },
    Scalar { name: "eap_allies", about: "East Asia & Pacific treaty allies", get: |m| size(m, Block::EapAllies) },
    Scalar { name: "ip_partners", about: "Indo-Pacific partners", get: |m| size(m, Block::IpPartners) },
];

fn size(m: &Measures, b: Block) -> Option<f64> {
    m.block_sizes
        .iter()
        .find(|(x, _)| *x == b)
        .map(|(_, n)| *n as f64)
}

/// The scalar measures named (`all` for every one).
pub fn scalars(names: &[String]) -> Result<Vec<&'static Scalar>> {
    if names.iter().all(|n| n.trim().is_empty()) {
        return Err(NetworkError::NoMeasure);
    }
    if names.iter().any(|n| n == "all") {
        return Ok(SCALARS.iter().collect());
    }
    names
        .iter()
        .map(|n| {
            SCALARS
                .iter()
                .find(|s| s.name == n.as_str())
                .ok_or_else(|| NetworkError::UnknownMeasure(n.clone()))
        })
        .collect()
}

/// Clamps a range of years to the years networks cover, or fails naming them.
pub fn years(from: Option<i32>, to: Option<i32>) -> Result<(i32, i32)> {
    let f = from.unwrap_or(YEARS.0);
    let t = to.unwrap_or(YEARS.1);
    for y in [f, t] {
        if !(YEARS.0..=YEARS.1).contains(&y) {
            return Err(NetworkError::Year {
                year: y,
                range: YEARS,
            });
        }
    }
    if f > t {
        return Err(NetworkError::Option(format!(
            "--from {f} is after --to {t}"
        )));
    }
    Ok((f, t))
}

/// Builds and measures the network of every year of a range, in parallel.
pub fn measure_years(
    inputs: &Inputs<'_>,
    (from, to): (i32, i32),
    options: &Options,
    hypothetical: &[HypotheticalTie],
) -> Result<Vec<Measures>> {
    (from..=to)
        .into_par_iter()
        .map(|y| measure(&Network::build(inputs, y, options, hypothetical)?))
        .collect()
}

/// The same, on the calling thread only (for benchmarks).
pub fn measure_years_serial(
    inputs: &Inputs<'_>,
    (from, to): (i32, i32),
    options: &Options,
    hypothetical: &[HypotheticalTie],
) -> Result<Vec<Measures>> {
    (from..=to)
        .map(|y| measure(&Network::build(inputs, y, options, hypothetical)?))
        .collect()
}

#[cfg(test)]
mod scalar_tests {
    use super::*;

    #[test]
    fn a_list_naming_nothing_is_refused_and_all_means_all() {
        let empty = vec![String::new(), " ".to_string()];
        assert!(matches!(scalars(&empty), Err(NetworkError::NoMeasure)));
        assert!(matches!(scalars(&[]), Err(NetworkError::NoMeasure)));
        assert_eq!(
            scalars(&["all".to_string()]).map(|v| v.len()).ok(),
            Some(SCALARS.len())
        );
        assert!(matches!(
            scalars(&["nope".to_string()]),
            Err(NetworkError::UnknownMeasure(_))
        ));
    }
}
