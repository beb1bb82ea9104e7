//! The multiplex network of one year: its nodes, their blocks, its layers and their union.

use crate::blocks::{blocks_in_year, Block, BlockSets};
use crate::error::{NetworkError, Result};
use crate::graph::Graph;
use crate::inputs::{Inputs, YEARS};
use crate::layer::{Layer, Options};
use entente_core::{Ccode, Group, Obligations, Region, TieKind, TieScope, CHALLENGERS, US};
use entente_curated::counterfactual::{Action, HypotheticalTie};
use entente_curated::CrossCounts;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// China (COW 710).
pub const CHN: Ccode = Ccode(710);
/// Russia, and the Soviet Union before it (COW 365).
pub const RUS: Ccode = Ccode(365);

/// The curated kinds of the cooperation layer.
pub const COOPERATION_KINDS: [TieKind; 5] = [
    TieKind::DefenceCooperation,
    TieKind::AccessAgreement,
    TieKind::Partnership,
    TieKind::Exercise,
    TieKind::ArmsIndustrial,
];

/// What became of a layer in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LayerStatus {
    /// The layer.
    pub layer: Layer,
    /// Its weight (0: switched off).
    pub weight: f64,
    /// Whether its data were there for the year.
    pub available: bool,
    /// Where its ties come from.
    pub source: String,
    /// Why it is unavailable, if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
    /// Its edges (when available).
    pub edges: usize,
}

/// The raw inputs of the Sino-Russian alignment index in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlignmentInputs {
    /// The ATOP valued coding (0–3) of the China–Russia alliance obligations in the alliance layer.
    pub treaty_level: u8,
    /// Curated partnership, defence cooperation and access records binding China and Russia.
    pub partnerships: usize,
    /// Curated joint exercises and patrols of China and Russia in the year.
    pub exercises: usize,
    /// Russia→China TIV delivered in the year (millions), when SIPRI is available and covers it.
    pub tiv: Option<f64>,
    /// |ideal point of China − ideal point of Russia|, when both are available.
    pub un_distance: Option<f64>,
}

/// The network of one year.
#[derive(Debug, Clone)]
pub struct Network {
    /// The year.
    pub year: i32,
    /// How it was built.
    pub options: Options,
    /// The nodes, ascending by COW code.
    pub nodes: Vec<Ccode>,
    /// Each node's block.
    pub blocks: Vec<Block>,
    /// The block sets.
    pub block_sets: BlockSets,
    /// Each layer's edges `(low, high) → value` on node indices, sorted; `None` when the layer is
    /// unavailable in the year. Built for every available layer, switched on or not.
    pub layers: [Option<LayerEdges>; 4],
    /// What became of each layer.
    pub layer_status: Vec<LayerStatus>,
    /// The union of the layers switched on; an edge's weight is the sum of the weights of the
    /// layers it is in.
    pub union: Graph,
    /// Where the node set comes from.
    pub node_source: &'static str,
    /// The hypothetical ties applied, by origin (`file:line`).
    pub hypothetical: Vec<String>,
    /// The inputs of the Sino-Russian alignment index.
    pub alignment: AlignmentInputs,
    /// Each pair's direct-tie strength from the cooperation records (and hypothetical ties), by
    /// [`crate::strength::StrengthWeights`]; the alliance part is added from the alliance layer.
    pub coop_strength: FxHashMap<(Ccode, Ccode), f64>,
    /// Each pair's cooperation records by scope: bilateral, multilateral, framework (hypothetical
    /// ties count as bilateral).
    pub coop_scopes: FxHashMap<(Ccode, Ccode), [u16; 3]>,
    /// The record's Europe × East Asia & Pacific ties in the year, counted
    /// ([`entente_curated::CuratedRecord::cross_counts`]: the brief's and the API's count).
    pub cross_counts: CrossCounts,
}

/// States that left the COW state system, with their last year in it: the check of hypothetical
/// ties without the COW dataset (with it, the system itself is the check).
const DISSOLVED: [(Ccode, i32); 6] = [
    (Ccode(260), 1990), // German Federal Republic
    (Ccode(265), 1990), // German Democratic Republic
    (Ccode(315), 1992), // Czechoslovakia
    (Ccode(678), 1990), // Yemen Arab Republic
    (Ccode(680), 1990), // Yemen People's Republic
    (Ccode(817), 1975), // Republic of Vietnam
];

type PairMap = FxHashMap<(Ccode, Ccode), f64>;

/// A layer's edges on node indices: `((low, high), value)`, sorted.
pub type LayerEdges = Vec<((u32, u32), f64)>;

fn key(a: Ccode, b: Ccode) -> (Ccode, Ccode) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

impl Network {
    /// Builds the network of a year from the inputs, the options and the hypothetical ties (those
    /// not in force in the year are ignored).
    pub fn build(
        inputs: &Inputs<'_>,
        year: i32,
        options: &Options,
        hypothetical: &[HypotheticalTie],
    ) -> Result<Network> {
        if !(YEARS.0..=YEARS.1).contains(&year) {
            return Err(NetworkError::Year { year, range: YEARS });
        }
        options.validate()?;
        let rec = inputs.record;
        let hyp: Vec<&HypotheticalTie> = hypothetical.iter().filter(|h| h.in_year(year)).collect();
        let block_sets = blocks_in_year(rec, year, &hyp);

        // Alliance layer: ATOP within its coverage, the curated record's defence treaties after.
        let mut alliance: FxHashMap<(Ccode, Ccode), Obligations> = FxHashMap::default();
        let alliance_source = inputs.alliance_source(year, options.carry_forward);
        if let Some(pairs) = inputs.atop_pairs(year) {
            for &(a, b, o) in pairs {
                alliance.insert((a, b), o);
            }
        } else {
            // Only after 2018: within ATOP's years the branch above is taken.
            if options.carry_forward {
                if let Some(last) = inputs.atop_last() {
                    for &(a, b, o) in last {
                        alliance.insert((a, b), o);
                    }
                }
            }
            for t in rec.alliances_in_year(year, None) {
                for p in t.pairs_in_year(year) {
                    let e = alliance.entry(p).or_default();
                    *e = e.union(t.obligations);
                }
            }
        }
        // Cooperation layer: curated records of the cooperation kinds.
        let mut coop: PairMap = FxHashMap::default();
        let mut partnerships = 0usize;
        let mut exercises = 0usize;
        // Each pair's direct-tie strength from these records (`cross_tie_strength`).
        let mut coop_strength: PairMap = FxHashMap::default();
        let mut coop_scopes: FxHashMap<(Ccode, Ccode), [u16; 3]> = FxHashMap::default();
        for t in rec
            .active_in_year(year)
            .filter(|t| COOPERATION_KINDS.contains(&t.kind))
        {
            let scope = t.scope();
            let w = if scope == TieScope::Framework {
                options.framework_weight
            } else {
                1.0
            };
            let st = options.strength.of_record(t.kind, scope);
            let si = TieScope::ALL.iter().position(|x| *x == scope).unwrap_or(0);
            for p in t.pairs_in_year(year) {
                *coop_strength.entry(p).or_insert(0.0) += st;
                coop_scopes.entry(p).or_default()[si] += 1;
                if w > 0.0 {
                    *coop.entry(p).or_insert(0.0) += w;
                }
                if p == key(CHN, RUS) {
                    match t.kind {
                        TieKind::Exercise => exercises += 1,
                        TieKind::ArmsIndustrial => {}
                        _ => partnerships += 1,
                    }
                }
            }
        }
        // Arms layer: SIPRI TIV delivered, both directions, at or above the threshold.
        let mut rus_chn_tiv = None;
        let mut arms: Option<PairMap> = inputs.tiv_flows(year).map(|flows| {
            let mut m: PairMap = FxHashMap::default();
            let mut rc = 0.0;
            for &(s, r, tiv) in flows {
                *m.entry(key(s, r)).or_insert(0.0) += tiv;
                if (s, r) == (RUS, CHN) {
                    rc += tiv;
                }
            }
            rus_chn_tiv = Some(rc);
            m.retain(|_, v| *v >= options.arms_threshold);
            m
        });
        // UN layer: ideal points closer than the threshold.
        let mut un_distance = None;
        let un: Option<PairMap> = inputs.ideal_points(year).map(|pts| {
            let mut m: PairMap = FxHashMap::default();
            for (i, &(a, xa)) in pts.iter().enumerate() {
                for &(b, xb) in &pts[i + 1..] {
                    let d = (xa - xb).abs();
                    if d < options.un_threshold {
                        m.insert(key(a, b), d);
                    }
                }
            }
            let find = |c: Ccode| pts.iter().find(|(x, _)| *x == c).map(|(_, v)| *v);
            if let (Some(x), Some(y)) = (find(CHN), find(RUS)) {
                un_distance = Some((x - y).abs());
            }
            m
        });

        // Hypothetical ties: every party must exist (COW) in the year.
        let system = inputs.system_states(year);
        for h in &hyp {
            for &c in &h.parties {
                let exists = match &system {
                    Some(states) => states.binary_search(&c).is_ok(),
                    None => !DISSOLVED.iter().any(|&(d, last)| d == c && year > last),
                };
                if !exists {
                    let code = entente_core::StateInfo::get(c).map_or("?", |s| s.code());
                    return Err(NetworkError::Option(format!(
                        "{}: {code} (COW {}) is not a state in the COW state system in {year}; a hypothetical tie must be dated within its parties' existence",
                        h.origin, c.0
                    )));
                }
            }
        }
        let mut applied = Vec::new();
        for h in &hyp {
            applied.push(h.origin.clone());
            for p in h.pairs() {
                let is_cr = p == key(CHN, RUS);
                match (h.kind, h.action) {
                    (TieKind::DefenceTreaty, Action::Add) => {
                        let e = alliance.entry(p).or_default();
                        *e = e.union(h.obligations);
                    }
                    (TieKind::DefenceTreaty, Action::Remove) => {
                        alliance.remove(&p);
                    }
                    (TieKind::ArmsDeal, Action::Add) => {
                        if let Some(m) = arms.as_mut() {
                            let e = m.entry(p).or_insert(0.0);
                            *e = e.max(options.arms_threshold);
                        }
                    }
                    (TieKind::ArmsDeal, Action::Remove) => {
                        if let Some(m) = arms.as_mut() {
                            m.remove(&p);
                        }
                    }
                    (k, Action::Add) => {
                        *coop.entry(p).or_insert(0.0) += 1.0;
                        *coop_strength.entry(p).or_insert(0.0) +=
                            options.strength.of_record(k, TieScope::Bilateral);
                        coop_scopes.entry(p).or_default()[0] += 1;
                        if is_cr {
                            match k {
                                TieKind::Exercise => exercises += 1,
                                TieKind::ArmsIndustrial => {}
                                _ => partnerships += 1,
                            }
                        }
                    }
                    (k, Action::Remove) => {
                        coop.remove(&p);
                        coop_strength.remove(&p);
                        coop_scopes.remove(&p);
                        if is_cr {
                            match k {
                                TieKind::Exercise => exercises = 0,
                                TieKind::ArmsIndustrial => {}
                                _ => partnerships = 0,
                            }
                        }
                    }
                }
            }
        }
        let treaty_level = alliance
            .get(&key(CHN, RUS))
            .map(|o| o.atop_valued())
            .unwrap_or(0);
        let alliance: PairMap = alliance
            .into_iter()
            .filter_map(|(k, o)| {
                let v = o.atop_valued();
                (v > 0 && v >= options.alliance_min).then_some((k, f64::from(v)))
            })
            .collect();

        let maps: [Option<PairMap>; 4] = [Some(alliance), Some(coop), arms, un];

        // Nodes: the state system (else the states the record ties), and every state tied in a
        // layer switched on.
        let mut nodes: Vec<Ccode> = inputs.system_states(year).unwrap_or_default();
        let node_source = if inputs.has_system() {
            "cow-states (2016 system carried forward after 2016)"
        } else {
            nodes.push(US);
            nodes.extend(CHALLENGERS);
            nodes.extend(
                block_sets
                    .nato
                    .iter()
                    .chain(&block_sets.eap)
                    .chain(&block_sets.ip),
            );
            "states tied in the layers (COW state system unavailable)"
        };
        for l in Layer::ALL {
            if let (true, Some(m)) = (options.enabled(l), &maps[l.idx()]) {
                for &(a, b) in m.keys() {
                    nodes.push(a);
                    nodes.push(b);
                }
            }
        }
        nodes.sort_unstable();
        nodes.dedup();
        let pos = |c: Ccode| nodes.binary_search(&c).ok().map(|i| i as u32);

        let mut layers: [Option<LayerEdges>; 4] = [None, None, None, None];
        let mut layer_status = Vec::new();
        for l in Layer::ALL {
            let gap = inputs.layer_gap(l, year);
            let source = match l {
                Layer::Alliance => alliance_source.to_string(),
                Layer::Cooperation => "curated".to_string(),
                Layer::Arms => format!("sipri-transfers (TIV ≥ {})", options.arms_threshold),
                Layer::Un => format!(
                    "unga-ideal-points July 2025, all votes (distance < {})",
                    options.un_threshold
                ),
            };
            let edges = maps[l.idx()].as_ref().map(|m| {
                let mut v: Vec<((u32, u32), f64)> = m
                    .iter()
                    .filter_map(|(&(a, b), &w)| Some(((pos(a)?, pos(b)?), w)))
                    .collect();
                v.sort_unstable_by_key(|(k, _)| *k);
                v
            });
            layer_status.push(LayerStatus {
                layer: l,
                weight: options.weights[l.idx()],
                available: edges.is_some(),
                source,
                unavailable: gap,
                edges: edges.as_ref().map_or(0, Vec::len),
            });
            layers[l.idx()] = edges;
        }
        let union = Graph::new(
            nodes.len(),
            Layer::ALL
                .into_iter()
                .filter(|l| options.enabled(*l))
                .filter_map(|l| {
                    let w = options.weights[l.idx()];
                    // A cooperation tie made of frameworks alone counts for its (lower) value.
                    let coop = l == Layer::Cooperation;
                    layers[l.idx()].as_ref().map(move |v| {
                        v.iter()
                            .map(move |(k, x)| (*k, if coop { w * x.min(1.0) } else { w }))
                    })
                })
                .flatten(),
        );
        let blocks = nodes.iter().map(|c| block_sets.of(*c)).collect();
        Ok(Network {
            year,
            options: options.clone(),
            nodes,
            blocks,
            block_sets,
            layers,
            layer_status,
            union,
            node_source,
            hypothetical: applied,
            alignment: AlignmentInputs {
                treaty_level,
                partnerships,
                exercises,
                tiv: rus_chn_tiv,
                un_distance,
            },
            coop_strength,
            coop_scopes,
            cross_counts: rec.cross_counts(
                Group::Region(Region::Europe),
                Group::Region(Region::EastAsiaPacific),
                year,
            ),
        })
    }

    /// The index of a state, if it is a node.
    pub fn index(&self, c: Ccode) -> Option<u32> {
        self.nodes.binary_search(&c).ok().map(|i| i as u32)
    }

    /// The node indices of a block.
    pub fn block_nodes(&self, b: Block) -> Vec<u32> {
        (0..self.nodes.len() as u32)
            .filter(|&i| self.blocks[i as usize] == b)
            .collect()
    }

    /// The value of a pair in a layer: `None` when the layer is unavailable this year, 0 when the
    /// pair has no tie in it.
    pub fn layer_value(&self, layer: Layer, a: Ccode, b: Ccode) -> Option<f64> {
        let edges = self.layers[layer.idx()].as_ref()?;
        let (Some(x), Some(y)) = (self.index(a), self.index(b)) else {
            return Some(0.0);
        };
        let k = (x.min(y), x.max(y));
        Some(
            edges
                .binary_search_by_key(&k, |(e, _)| *e)
                .map_or(0.0, |i| edges[i].1),
        )
    }

    /// The enabled layers available this year.
    pub fn active_layers(&self) -> Vec<Layer> {
        Layer::ALL
            .into_iter()
            .filter(|l| self.options.enabled(*l) && self.layers[l.idx()].is_some())
            .collect()
    }

    /// The layers switched on but unavailable this year, with why.
    pub fn missing_layers(&self) -> Vec<(Layer, String)> {
        self.layer_status
            .iter()
            .filter(|s| s.weight > 0.0 && !s.available)
            .map(|s| {
                (
                    s.layer,
                    s.unavailable
                        .clone()
                        .unwrap_or_else(|| "unavailable".into()),
                )
            })
            .collect()
    }
}
