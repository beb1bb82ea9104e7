//! The measures of a year's network. Each is defined, with its citation, in `docs/networks.md`.
//!
//! Topological measures (components, betweenness, eigenvector centrality, clustering, articulation
//! points, bridges, hub dependence, the minimum cut, E–I) are taken on the union of the layers
//! switched on, unweighted; strength and structural equivalence use the layer weights; density and
//! E–I are also given layer by layer.

use crate::blocks::Block;
use crate::error::Result;
use crate::graph::{Graph, REMOVED};
use crate::layer::{AlignmentOptions, Layer};
use crate::network::{AlignmentInputs, LayerStatus, Network, CHN, RUS};
use entente_core::{Ccode, US};
use rustworkx_core::centrality::{betweenness_centrality, eigenvector_centrality};
use rustworkx_core::connectivity::{articulation_points, bridges};
use rustworkx_core::petgraph::graph::{DiGraph, NodeIndex};
use rustworkx_core::petgraph::visit::EdgeRef;
use serde::Serialize;
use std::convert::Infallible;

/// Iterations allowed to the eigenvector power method.
pub const EIGENVECTOR_MAX_ITER: usize = 100_000;
/// Its tolerance: it stops when the summed absolute change of the vector is below `n × tol`.
pub const EIGENVECTOR_TOL: f64 = 1e-13;

pub use entente_core::StateRef;

/// The measures of one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NodeMeasures {
    /// The state.
    #[serde(flatten)]
    pub state: StateRef,
    /// Its block.
    pub block: Block,
    /// Ties in the union.
    pub degree: usize,
    /// The sum of its ties' weights.
    pub strength: f64,
    /// Betweenness centrality (Brandes 2001), normalised by (n−1)(n−2)/2.
    pub betweenness: f64,
    /// Eigenvector centrality (Bonacich) on the US's component, unit Euclidean norm; `None` for a
    /// node outside it.
    pub eigenvector: Option<f64>,
    /// Local clustering coefficient.
    pub clustering: f64,
    /// Its connected component (0 is the one holding the lowest COW code).
    pub component: u32,
}

/// A layer's density.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LayerDensity {
    /// `union` or a layer's name.
    pub layer: String,
    /// Edges.
    pub edges: usize,
    /// L / (N(N−1)/2).
    pub density: Option<f64>,
}

/// The density of ties within a block or between two blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlockDensity {
    /// `union` or a layer's name.
    pub layer: String,
    /// One block.
    pub a: Block,
    /// The other (the same for within-block density).
    pub b: Block,
    /// Ties between them.
    pub ties: usize,
    /// Possible ties.
    pub pairs: usize,
    /// ties / pairs.
    pub density: Option<f64>,
}

/// Krackhardt & Stern's E–I index between the NATO allies and the East Asia & Pacific allies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EiIndex {
    /// `union` or a layer's name.
    pub layer: String,
    /// Ties between the two blocks.
    pub external: usize,
    /// Ties within either block.
    pub internal: usize,
    /// (E − I) / (E + I); `None` when there is no tie.
    pub ei: Option<f64>,
}

/// Hub dependence: how many cross-region ally pairs are connected only through the US.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HubDependence {
    /// NATO ally × East Asia & Pacific ally pairs.
    pub pairs: usize,
    /// Of them, connected by some path in the union.
    pub connected: usize,
    /// Of them, tied directly.
    pub direct: usize,
    /// Of them, connected, but no longer once the US is removed.
    pub only_via_us: usize,
    /// only_via_us / connected; `None` when no pair is connected.
    pub value: Option<f64>,
}

/// A node whose removal disconnects the union.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cutpoint {
    /// The state.
    pub state: StateRef,
    /// Its block.
    pub block: Block,
    /// Pairs of allies (NATO and East Asia & Pacific, either block) it separates.
    pub ally_pairs_split: usize,
    /// Of them, cross-region pairs.
    pub cross_pairs_split: usize,
}

/// An edge whose removal disconnects the union.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BridgeEdge {
    /// One end.
    pub a: StateRef,
    /// The other.
    pub b: StateRef,
    /// Pairs of allies it separates.
    pub ally_pairs_split: usize,
    /// Of them, cross-region pairs.
    pub cross_pairs_split: usize,
}

/// The minimum edge cut between the NATO allies and the East Asia & Pacific allies with the US
/// removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinCut {
    /// The number of ties whose removal leaves no path between the blocks (0 when none is left
    /// already); `None` when a block is empty.
    pub value: Option<usize>,
    /// One minimum cut: the tied pairs, as ISO3 codes.
    pub edges: Vec<(String, String)>,
}

/// Wedge vulnerability, in the allied network (the union restricted to the US, the NATO allies,
/// the East Asia & Pacific treaty allies and the Indo-Pacific partners).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Wedge {
    /// Every articulation point of the allied network (Tarjan), most damaging first.
    pub articulation_points: Vec<Cutpoint>,
    /// Every bridge of the allied network (Tarjan), most damaging first.
    pub bridges: Vec<BridgeEdge>,
    /// The minimum edge cut between the two blocks in the allied network without the US.
    pub min_cut: MinCut,
    /// The same in the whole union (paths through any state count).
    pub min_cut_all: MinCut,
}

/// Connected components of the union.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentSummary {
    /// Their number (isolated states count, one each).
    pub count: u32,
    /// Their sizes, largest first.
    pub sizes: Vec<usize>,
    /// The size of the US's component.
    pub us_component: Option<usize>,
}

/// Structural equivalence of a state to the US, China and Russia.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Equivalence {
    /// The state.
    pub state: StateRef,
    /// Its block.
    pub block: Block,
    /// Correlation of its tie profile with the US's.
    pub to_us: Option<f64>,
    /// … with China's.
    pub to_chn: Option<f64>,
    /// … with Russia's.
    pub to_rus: Option<f64>,
}

/// The Sino-Russian alignment index and its components, each in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Alignment {
    /// The weighted mean of the components available.
    pub index: Option<f64>,
    /// Treaty and partnership ties.
    pub ties: f64,
    /// Joint exercises and patrols.
    pub exercises: f64,
    /// Russia→China arms transfers.
    pub arms: Option<f64>,
    /// UN ideal-point closeness.
    pub un: Option<f64>,
    /// The raw inputs.
    pub inputs: AlignmentInputs,
    /// The reference levels and weights used.
    pub options: AlignmentOptions,
}

/// Every measure of a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Measures {
    /// The year.
    pub year: i32,
    /// Nodes.
    pub nodes: usize,
    /// Edges of the union.
    pub edges: usize,
    /// Where the node set comes from.
    pub node_source: String,
    /// The layers: weight, availability, source, edges.
    pub layers: Vec<LayerStatus>,
    /// Hypothetical ties applied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hypothetical: Vec<String>,
    /// Block sizes, in [`Block::ALL`] order.
    pub block_sizes: Vec<(Block, usize)>,
    /// Density of the union and of each layer available, switched on or not.
    pub density: Vec<LayerDensity>,
    /// Density within and between blocks, for the union and each layer available.
    pub block_density: Vec<BlockDensity>,
    /// E–I between the NATO and East Asia & Pacific allies, for the union and each layer
    /// available.
    pub ei: Vec<EiIndex>,
    /// Hub dependence in the allied network (paths through allies and partners only).
    pub hub_dependence: HubDependence,
    /// Hub dependence in the whole union (paths through any state).
    pub hub_dependence_all: HubDependence,
    /// Wedge vulnerability.
    pub wedge: Wedge,
    /// Components.
    pub components: ComponentSummary,
    /// The mean of the local clustering coefficients (isolated and degree-1 nodes count 0).
    pub clustering_average: f64,
    /// Node measures.
    pub node: Vec<NodeMeasures>,
    /// Structural equivalence of every ally and partner to the US, China and Russia.
    pub equivalence: Vec<Equivalence>,
    /// The Sino-Russian alignment index.
    pub alignment: Alignment,
    /// Hub dependence on defence treaties, US brokerage, direct-tie strength and the record's
    /// interregional counts (`interregional.rs`).
    pub interregional: crate::interregional::Interregional,
}

/// L / (N(N−1)/2), `None` for fewer than two nodes.
pub fn density(nodes: usize, edges: usize) -> Option<f64> {
    (nodes >= 2).then(|| edges as f64 / (nodes as f64 * (nodes as f64 - 1.0) / 2.0))
}

/// Krackhardt & Stern's E–I index of a set of edges between two groups: `group(v)` is `Some(0)`,
/// `Some(1)` or `None` (in neither).
pub fn ei_index(
    layer: &str,
    edges: impl IntoIterator<Item = (u32, u32)>,
    group: impl Fn(u32) -> Option<u8>,
) -> EiIndex {
    let (mut e, mut i) = (0usize, 0usize);
    for (a, b) in edges {
        match (group(a), group(b)) {
            (Some(x), Some(y)) if x == y => i += 1,
            (Some(_), Some(_)) => e += 1,
            _ => {}
        }
    }
    EiIndex {
        layer: layer.into(),
        external: e,
        internal: i,
        ei: (e + i > 0).then(|| (e as f64 - i as f64) / (e + i) as f64),
    }
}

/// Hub dependence of the cross pairs `a × b` on the hub.
pub fn hub_dependence(g: &Graph, hub: Option<u32>, a: &[u32], b: &[u32]) -> HubDependence {
    let with = g.components(None, None);
    let without = hub.map(|h| g.components(Some(h), None));
    let (mut connected, mut direct, mut only) = (0, 0, 0);
    for &x in a {
        for &y in b {
            if x == y || with.label[x as usize] != with.label[y as usize] {
                continue;
            }
            connected += 1;
            if g.has_edge(x, y) {
                direct += 1;
            }
            if let Some(w) = &without {
                let (lx, ly) = (w.label[x as usize], w.label[y as usize]);
                if lx == REMOVED || ly == REMOVED || lx != ly {
                    only += 1;
                }
            }
        }
    }
    HubDependence {
        pairs: a.len() * b.len(),
        connected,
        direct,
        only_via_us: only,
        value: (connected > 0).then(|| only as f64 / connected as f64),
    }
}

/// Connected pairs of `allies` (every pair) and of `a × b` (cross pairs) given component labels,
/// leaving out a node.
fn connected_pairs(
    label: &[u32],
    allies: &[u32],
    a: &[u32],
    b: &[u32],
    skip: Option<u32>,
) -> (usize, usize) {
    let mut count: rustc_hash::FxHashMap<u32, (usize, usize, usize)> =
        rustc_hash::FxHashMap::default();
    for &v in allies {
        if Some(v) == skip || label[v as usize] == REMOVED {
            continue;
        }
        count.entry(label[v as usize]).or_default().0 += 1;
    }
    for &v in a {
        if Some(v) != skip && label[v as usize] != REMOVED {
            count.entry(label[v as usize]).or_default().1 += 1;
        }
    }
    for &v in b {
        if Some(v) != skip && label[v as usize] != REMOVED {
            count.entry(label[v as usize]).or_default().2 += 1;
        }
    }
    count.values().fold((0, 0), |(p, c), (k, x, y)| {
        (p + k * k.saturating_sub(1) / 2, c + x * y)
    })
}

/// The minimum number of edges whose removal leaves no path from any node of `a` to any node of
/// `b` once `hub` is removed, with one such cut. Computed as a maximum flow (Dinic, `petgraph`)
/// from a super-source tied to `a` to a super-sink tied to `b`, every edge a pair of unit arcs.
pub fn min_cut(g: &Graph, hub: Option<u32>, a: &[u32], b: &[u32]) -> (usize, Vec<(u32, u32)>) {
    let n = g.node_count();
    let big = (g.edge_count() + 1) as u32;
    let mut net =
        DiGraph::<(), u32, u32>::with_capacity(n + 2, 2 * g.edge_count() + a.len() + b.len());
    for _ in 0..n + 2 {
        net.add_node(());
    }
    let (s, t) = (NodeIndex::new(n), NodeIndex::new(n + 1));
    for &(x, y) in g.edges() {
        if Some(x) == hub || Some(y) == hub {
            continue;
        }
        let (x, y) = (NodeIndex::new(x as usize), NodeIndex::new(y as usize));
        net.add_edge(x, y, 1);
        net.add_edge(y, x, 1);
    }
    for &v in a {
        if Some(v) != hub {
            net.add_edge(s, NodeIndex::new(v as usize), big);
        }
    }
    for &v in b {
        if Some(v) != hub {
            net.add_edge(NodeIndex::new(v as usize), t, big);
        }
    }
    let (flow, flows) = rustworkx_core::petgraph::algo::dinics(&net, s, t);
    // The source side of a minimum cut: the nodes reachable from s in the residual network.
    let mut seen = vec![false; n + 2];
    seen[n] = true;
    let mut stack = vec![s];
    while let Some(v) = stack.pop() {
        for e in net.edges_directed(v, rustworkx_core::petgraph::Direction::Outgoing) {
            let w = e.target();
            if !seen[w.index()] && flows[e.id().index()] < *e.weight() {
                seen[w.index()] = true;
                stack.push(w);
            }
        }
        for e in net.edges_directed(v, rustworkx_core::petgraph::Direction::Incoming) {
            let w = e.source();
            if !seen[w.index()] && flows[e.id().index()] > 0 {
                seen[w.index()] = true;
                stack.push(w);
            }
        }
    }
    let cut: Vec<(u32, u32)> = g
        .edges()
        .iter()
        .copied()
        .filter(|&(x, y)| Some(x) != hub && Some(y) != hub && seen[x as usize] != seen[y as usize])
        .collect();
    (flow as usize, cut)
}

/// Local clustering coefficients: 2T(v) / (d(v)(d(v)−1)), 0 for degree below 2.
pub fn clustering(g: &Graph) -> Vec<f64> {
    let n = g.node_count();
    let words = n.div_ceil(64).max(1);
    let mut bits = vec![0u64; n * words];
    for v in 0..n {
        for &u in g.neighbours(v as u32) {
            bits[v * words + (u as usize >> 6)] |= 1 << (u & 63);
        }
    }
    (0..n)
        .map(|v| {
            let d = g.neighbours(v as u32).len();
            if d < 2 {
                return 0.0;
            }
            let rv = &bits[v * words..(v + 1) * words];
            let links: u32 = g
                .neighbours(v as u32)
                .iter()
                .map(|&u| {
                    let ru = &bits[u as usize * words..(u as usize + 1) * words];
                    rv.iter()
                        .zip(ru)
                        .map(|(x, y)| (x & y).count_ones())
                        .sum::<u32>()
                })
                .sum();
            f64::from(links) / (d as f64 * (d as f64 - 1.0))
        })
        .collect()
}

/// Betweenness centrality by Brandes's algorithm (2001), normalised as networkx does for undirected
/// graphs (the sum over sources, which counts each pair twice, times 1/((n−1)(n−2))).
///
/// Written here rather than taken from `rustworkx-core`, which allocates a predecessor list for every
/// node and every source: this is the textbook algorithm over the graph's compressed rows with its
/// buffers reused and predecessors found by distance, about twice as fast. It is checked equal to
/// [`betweenness_rustworkx`] on random graphs (property test) and to networkx on real years.
pub fn betweenness(g: &Graph) -> Vec<f64> {
    let n = g.node_count();
    let mut bc = vec![0.0; n];
    let mut dist = vec![u32::MAX; n];
    let mut sigma = vec![0.0f64; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<u32> = Vec::with_capacity(n);
    for s in 0..n as u32 {
        if g.neighbours(s).is_empty() {
            continue;
        }
        order.clear();
        dist[s as usize] = 0;
        sigma[s as usize] = 1.0;
        order.push(s);
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            let dv = dist[v as usize] + 1;
            let sv = sigma[v as usize];
            for &w in g.neighbours(v) {
                let w = w as usize;
                if dist[w] == u32::MAX {
                    dist[w] = dv;
                    order.push(w as u32);
                }
                if dist[w] == dv {
                    sigma[w] += sv;
                }
            }
        }
        for &w in order.iter().rev() {
            let w = w as usize;
            let coeff = (1.0 + delta[w]) / sigma[w];
            let dw = dist[w];
            for &v in g.neighbours(w as u32) {
                let v = v as usize;
                if dist[v].wrapping_add(1) == dw {
                    delta[v] += sigma[v] * coeff;
                }
            }
            if w != s as usize {
                bc[w] += delta[w];
            }
        }
        for &v in &order {
            let v = v as usize;
            dist[v] = u32::MAX;
            sigma[v] = 0.0;
            delta[v] = 0.0;
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for x in &mut bc {
            *x *= scale;
        }
    }
    bc
}

/// The same through `rustworkx-core` (the reference for [`betweenness`]).
pub fn betweenness_rustworkx(g: &Graph) -> Vec<f64> {
    betweenness_centrality(g, false, true, usize::MAX)
        .into_iter()
        .map(|x| x.unwrap_or(0.0))
        .collect()
}

/// Eigenvector centrality of the nodes `comp` (a connected component) through `rustworkx-core`'s
/// power method, unit Euclidean norm; `None` when it does not converge or the component has no
/// edge.
pub fn eigenvector(g: &Graph, comp: &[u32]) -> Option<Vec<f64>> {
    if comp.len() < 2 {
        return None;
    }
    let mut local = vec![u32::MAX; g.node_count()];
    for (i, &v) in comp.iter().enumerate() {
        local[v as usize] = i as u32;
    }
    let sub = Graph::new(
        comp.len(),
        g.edges().iter().filter_map(|&(a, b)| {
            let (x, y) = (local[a as usize], local[b as usize]);
            (x != u32::MAX && y != u32::MAX).then_some(((x, y), 1.0))
        }),
    );
    if sub.edge_count() == 0 {
        return None;
    }
    eigenvector_centrality(
        &sub,
        |_| Ok::<f64, Infallible>(1.0),
        Some(EIGENVECTOR_MAX_ITER),
        Some(EIGENVECTOR_TOL),
    )
    .ok()
    .flatten()
}

/// Per-layer adjacency bit rows, for structural equivalence.
struct Profiles {
    words: usize,
    n: usize,
    /// (weight, bits n × words) per active layer.
    layers: Vec<(f64, Vec<u64>)>,
}

impl Profiles {
    fn new(net: &Network) -> Profiles {
        let n = net.nodes.len();
        let words = n.div_ceil(64).max(1);
        let layers = net
            .active_layers()
            .into_iter()
            .filter_map(|l| {
                let edges = net.layers[l.idx()].as_ref()?;
                let mut bits = vec![0u64; n * words];
                for &((a, b), _) in edges {
                    bits[a as usize * words + (b as usize >> 6)] |= 1 << (b & 63);
                    bits[b as usize * words + (a as usize >> 6)] |= 1 << (a & 63);
                }
                Some((net.options.weights[l.idx()], bits))
            })
            .collect();
        Profiles { words, n, layers }
    }

    /// Pearson correlation of the profiles of `i` and `j` over every active layer and every node
    /// other than `i` and `j`.
    fn correlation(&self, i: u32, j: u32) -> Option<f64> {
        if i == j || self.n < 3 || self.layers.is_empty() {
            return None;
        }
        let w = self.words;
        let (mut sx, mut sy, mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (wt, bits) in &self.layers {
            let ri = &bits[i as usize * w..(i as usize + 1) * w];
            let rj = &bits[j as usize * w..(j as usize + 1) * w];
            let (mut a, mut b, mut ab) = (0u32, 0u32, 0u32);
            for k in 0..w {
                let mut mask = u64::MAX;
                for v in [i, j] {
                    if v as usize >> 6 == k {
                        mask &= !(1u64 << (v & 63));
                    }
                }
                a += (ri[k] & mask).count_ones();
                b += (rj[k] & mask).count_ones();
                ab += (ri[k] & rj[k] & mask).count_ones();
            }
            let (a, b, ab) = (f64::from(a), f64::from(b), f64::from(ab));
            sx += wt * a;
            sy += wt * b;
            sxx += wt * wt * a;
            syy += wt * wt * b;
            sxy += wt * wt * ab;
        }
        let m = (self.layers.len() * (self.n - 2)) as f64;
        let vx = m * sxx - sx * sx;
        let vy = m * syy - sy * sy;
        if vx <= 0.0 || vy <= 0.0 {
            return None;
        }
        Some((m * sxy - sx * sy) / (vx.sqrt() * vy.sqrt()))
    }
}

/// The Sino-Russian alignment index from its inputs.
pub fn alignment(inputs: &AlignmentInputs, o: &AlignmentOptions) -> Alignment {
    let cap = |x: f64| x.clamp(0.0, 1.0);
    let ties = 0.5 * f64::from(inputs.treaty_level) / 3.0
        + 0.5 * cap(inputs.partnerships as f64 / o.partnerships_ref);
    let exercises = cap(inputs.exercises as f64 / o.exercises_ref);
    let arms = inputs.tiv.map(|t| cap(t / o.tiv_ref));
    let un = inputs.un_distance.map(|d| cap(1.0 - d / o.un_distance_ref));
    let parts = [Some(ties), Some(exercises), arms, un];
    let (mut num, mut den) = (0.0, 0.0);
    for (p, w) in parts.iter().zip(o.weights) {
        if let (Some(v), true) = (p, w > 0.0) {
            num += w * v;
            den += w;
        }
    }
    Alignment {
        index: (den > 0.0).then(|| num / den),
        ties,
        exercises,
        arms,
        un,
        inputs: inputs.clone(),
        options: o.clone(),
    }
}

fn block_density(
    layer: &str,
    blocks: &[Block],
    edges: impl IntoIterator<Item = (u32, u32)>,
) -> Vec<BlockDensity> {
    let mut size = [0usize; 6];
    for b in blocks {
        size[*b as usize] += 1;
    }
    let mut ties = [[0usize; 6]; 6];
    for (x, y) in edges {
        let (p, q) = (blocks[x as usize] as usize, blocks[y as usize] as usize);
        ties[p.min(q)][p.max(q)] += 1;
    }
    let mut out = Vec::new();
    for (i, a) in Block::ALL.into_iter().enumerate() {
        for (j, b) in Block::ALL.into_iter().enumerate().skip(i) {
            let pairs = if i == j {
                size[i] * size[i].saturating_sub(1) / 2
            } else {
                size[i] * size[j]
            };
            out.push(BlockDensity {
                layer: layer.into(),
                a,
                b,
                ties: ties[i][j],
                pairs,
                density: (pairs > 0).then(|| ties[i][j] as f64 / pairs as f64),
            });
        }
    }
    out
}

/// Computes every measure of a network.
pub fn measure(net: &Network) -> Result<Measures> {
    let g = &net.union;
    let n = g.node_count();
    let us = net.index(US);
    let nato = net.block_nodes(Block::Nato);
    let eap = net.block_nodes(Block::EapAllies);
    let allies: Vec<u32> = nato.iter().chain(&eap).copied().collect();

    // Density and E–I, union and layer by layer.
    let group = |v: u32| match net.blocks[v as usize] {
        Block::Nato => Some(0u8),
        Block::EapAllies => Some(1u8),
        _ => None,
    };
    let mut dens = vec![LayerDensity {
        layer: "union".into(),
        edges: g.edge_count(),
        density: density(n, g.edge_count()),
    }];
    let mut bd = block_density("union", &net.blocks, g.edges().iter().copied());
    let mut ei = vec![ei_index("union", g.edges().iter().copied(), group)];
    for l in Layer::ALL {
        if let Some(edges) = &net.layers[l.idx()] {
            dens.push(LayerDensity {
                layer: l.name().into(),
                edges: edges.len(),
                density: density(n, edges.len()),
            });
            bd.extend(block_density(
                l.name(),
                &net.blocks,
                edges.iter().map(|(k, _)| *k),
            ));
            ei.push(ei_index(l.name(), edges.iter().map(|(k, _)| *k), group));
        }
    }

    // Components, centralities, clustering.
    let comps = g.components(None, None);
    let mut sizes = vec![0usize; comps.count as usize];
    for &c in &comps.label {
        sizes[c as usize] += 1;
    }
    let us_component = us.map(|u| sizes[comps.label[u as usize] as usize]);
    let mut sorted_sizes = sizes.clone();
    sorted_sizes.sort_unstable_by(|a, b| b.cmp(a));
    let btw = betweenness(g);
    let clus = clustering(g);
    let mut eig: Vec<Option<f64>> = vec![None; n];
    if let Some(u) = us {
        let c = comps.label[u as usize];
        let comp: Vec<u32> = (0..n as u32)
            .filter(|&v| comps.label[v as usize] == c)
            .collect();
        if let Some(x) = eigenvector(g, &comp) {
            for (i, &v) in comp.iter().enumerate() {
                eig[v as usize] = Some(x[i]);
            }
        }
    }
    let mut strength = vec![0.0; n];
    for (&(a, b), &w) in g.edges().iter().zip(g.weights()) {
        strength[a as usize] += w;
        strength[b as usize] += w;
    }
    let node: Vec<NodeMeasures> = (0..n)
        .map(|v| NodeMeasures {
            state: StateRef::of(net.nodes[v]),
            block: net.blocks[v],
            degree: g.neighbours(v as u32).len(),
            strength: strength[v],
            betweenness: btw[v],
            eigenvector: eig[v],
            clustering: clus[v],
            component: comps.label[v],
        })
        .collect();

    // Wedges, in the allied network.
    let allied = |v: u32| {
        matches!(
            net.blocks[v as usize],
            Block::Us | Block::Nato | Block::EapAllies | Block::IpPartners
        )
    };
    let ag = g.induced(allied);
    let apg = ag.to_petgraph();
    let acomps = ag.components(None, None);
    let (before_all, before_cross) = connected_pairs(&acomps.label, &allies, &nato, &eap, None);
    let mut aps: Vec<Cutpoint> = articulation_points(&apg, None)
        .into_iter()
        .map(|v| {
            let v = v.index() as u32;
            let (b_all, b_cross) = connected_pairs(&acomps.label, &allies, &nato, &eap, Some(v));
            let c = ag.components(Some(v), None);
            let (a_all, a_cross) = connected_pairs(&c.label, &allies, &nato, &eap, Some(v));
            Cutpoint {
                state: StateRef::of(net.nodes[v as usize]),
                block: net.blocks[v as usize],
                ally_pairs_split: b_all - a_all,
                cross_pairs_split: b_cross - a_cross,
            }
        })
        .collect();
    aps.sort_by(|x, y| {
        (y.ally_pairs_split, y.cross_pairs_split, &x.state).cmp(&(
            x.ally_pairs_split,
            x.cross_pairs_split,
            &y.state,
        ))
    });
    let mut brs: Vec<BridgeEdge> = bridges(&apg)
        .into_iter()
        .map(|(x, y)| {
            let (x, y) = (x.index() as u32, y.index() as u32);
            let (x, y) = (x.min(y), x.max(y));
            let c = ag.components(None, Some((x, y)));
            let (a_all, a_cross) = connected_pairs(&c.label, &allies, &nato, &eap, None);
            BridgeEdge {
                a: StateRef::of(net.nodes[x as usize]),
                b: StateRef::of(net.nodes[y as usize]),
                ally_pairs_split: before_all - a_all,
                cross_pairs_split: before_cross - a_cross,
            }
        })
        .collect();
    brs.sort_by(|p, q| {
        (q.ally_pairs_split, q.cross_pairs_split, &p.a, &p.b).cmp(&(
            p.ally_pairs_split,
            p.cross_pairs_split,
            &q.a,
            &q.b,
        ))
    });
    let cut_of = |graph: &Graph| {
        if nato.is_empty() || eap.is_empty() {
            return MinCut {
                value: None,
                edges: Vec::new(),
            };
        }
        let (v, cut) = min_cut(graph, us, &nato, &eap);
        MinCut {
            value: Some(v),
            edges: cut
                .into_iter()
                .map(|(a, b)| {
                    (
                        StateRef::of(net.nodes[a as usize]).iso3,
                        StateRef::of(net.nodes[b as usize]).iso3,
                    )
                })
                .collect(),
        }
    };
    let min_cut = cut_of(&ag);
    let min_cut_all = cut_of(g);

    // Structural equivalence.
    let prof = Profiles::new(net);
    let (ichn, irus) = (net.index(CHN), net.index(RUS));
    let equivalence = (0..n as u32)
        .filter(|&v| {
            matches!(
                net.blocks[v as usize],
                Block::Nato | Block::EapAllies | Block::IpPartners
            )
        })
        .map(|v| Equivalence {
            state: StateRef::of(net.nodes[v as usize]),
            block: net.blocks[v as usize],
            to_us: us.and_then(|u| prof.correlation(v, u)),
            to_chn: ichn.and_then(|u| prof.correlation(v, u)),
            to_rus: irus.and_then(|u| prof.correlation(v, u)),
        })
        .collect();

    let block_sizes = Block::ALL
        .into_iter()
        .map(|b| (b, net.blocks.iter().filter(|x| **x == b).count()))
        .collect();
    Ok(Measures {
        year: net.year,
        nodes: n,
        edges: g.edge_count(),
        node_source: net.node_source.to_string(),
        layers: net.layer_status.clone(),
        hypothetical: net.hypothetical.clone(),
        block_sizes,
        density: dens,
        block_density: bd,
        ei,
        hub_dependence: hub_dependence(&ag, us, &nato, &eap),
        hub_dependence_all: hub_dependence(g, us, &nato, &eap),
        wedge: Wedge {
            articulation_points: aps,
            bridges: brs,
            min_cut,
            min_cut_all,
        },
        components: ComponentSummary {
            count: comps.count,
            sizes: sorted_sizes,
            us_component,
        },
        clustering_average: if n == 0 {
            0.0
        } else {
            clus.iter().sum::<f64>() / n as f64
        },
        node,
        equivalence,
        alignment: alignment(&net.alignment, &net.options.alignment),
        interregional: crate::interregional::interregional(net, &ag),
    })
}

impl Measures {
    /// The density of a layer (`union` or a layer's name).
    pub fn density_of(&self, layer: &str) -> Option<f64> {
        self.density
            .iter()
            .find(|d| d.layer == layer)
            .and_then(|d| d.density)
    }

    /// The E–I index of a layer (`union` or a layer's name).
    pub fn ei_of(&self, layer: &str) -> Option<f64> {
        self.ei.iter().find(|d| d.layer == layer).and_then(|d| d.ei)
    }

    /// The density between two blocks in a layer.
    pub fn block_density_of(&self, layer: &str, a: Block, b: Block) -> Option<f64> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.block_density
            .iter()
            .find(|d| d.layer == layer && d.a == a && d.b == b)
            .and_then(|d| d.density)
    }

    /// A node's measures.
    pub fn node_of(&self, c: Ccode) -> Option<&NodeMeasures> {
        self.node.iter().find(|m| m.state.ccode == c.0)
    }
}

/// Whether a layer's name is `union` or a layer.
pub fn is_layer_name(s: &str) -> bool {
    s == "union" || Layer::parse(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn g(n: usize, e: &[(u32, u32)]) -> Graph {
        Graph::new(n, e.iter().map(|&k| (k, 1.0)))
    }

    /// The US (0), NATO allies 1–3, East Asia & Pacific allies 4–6, each tied to the US only.
    fn hub_and_spoke() -> Vec<(u32, u32)> {
        (1..=6).map(|v| (0, v)).collect()
    }

    #[test]
    fn hub_dependence_is_one_for_a_pure_hub_and_spoke() {
        let h = hub_dependence(&g(7, &hub_and_spoke()), Some(0), &[1, 2, 3], &[4, 5, 6]);
        assert_eq!(
            (h.pairs, h.connected, h.direct, h.only_via_us),
            (9, 9, 0, 9)
        );
        assert_eq!(h.value, Some(1.0));
    }

    #[test]
    fn hub_dependence_is_zero_when_every_cross_pair_is_tied() {
        let mut e = hub_and_spoke();
        for a in 1..=3 {
            for b in 4..=6 {
                e.push((a, b));
            }
        }
        let h = hub_dependence(&g(7, &e), Some(0), &[1, 2, 3], &[4, 5, 6]);
        assert_eq!((h.direct, h.only_via_us), (9, 0));
        assert_eq!(h.value, Some(0.0));
    }

    #[test]
    fn hub_dependence_counts_indirect_paths_that_avoid_the_hub() {
        // 1–4 tied: pairs (1,4) direct, (1,5),(1,6) still via the US only; 2 and 3 reach 4 only via
        // the US. With a tie 1–2 as well, 2 reaches 4 through 1.
        let mut e = hub_and_spoke();
        e.push((1, 4));
        let h = hub_dependence(&g(7, &e), Some(0), &[1, 2, 3], &[4, 5, 6]);
        assert_eq!(h.only_via_us, 8);
        e.push((1, 2));
        let h = hub_dependence(&g(7, &e), Some(0), &[1, 2, 3], &[4, 5, 6]);
        assert_eq!(h.only_via_us, 7);
        assert_eq!(h.value, Some(7.0 / 9.0));
        // Without a hub in the graph nothing depends on it; with no connected pair it is undefined.
        assert_eq!(hub_dependence(&g(7, &e), None, &[1], &[4]).value, Some(0.0));
        assert_eq!(hub_dependence(&g(7, &[]), Some(0), &[1], &[4]).value, None);
    }

    #[test]
    fn e_i_index_of_a_small_case() {
        // Groups {0,1} and {2,3}: internal 0–1, 2–3; external 1–2; 4 is in neither.
        let grp = |v: u32| match v {
            0 | 1 => Some(0),
            2 | 3 => Some(1),
            _ => None,
        };
        let e = ei_index("x", [(0, 1), (2, 3), (1, 2), (3, 4)], grp);
        assert_eq!((e.external, e.internal), (1, 2));
        assert_eq!(e.ei, Some(-1.0 / 3.0));
        assert_eq!(ei_index("x", [(3, 4)], grp).ei, None);
    }

    #[test]
    fn min_cut_of_small_cases() {
        // 1 and 2 reach 3 by two disjoint paths avoiding the hub 0: 1–4–3 and 2–5–3.
        let e = [(0, 1), (0, 3), (1, 4), (4, 3), (2, 5), (5, 3), (1, 2)];
        let (v, cut) = min_cut(&g(6, &e), Some(0), &[1, 2], &[3]);
        assert_eq!(v, 2);
        assert_eq!(cut.len(), 2);
        // Only the hub joins them: 0.
        assert_eq!(
            min_cut(&g(7, &hub_and_spoke()), Some(0), &[1, 2, 3], &[4, 5, 6]).0,
            0
        );
    }

    #[test]
    fn centralities_of_small_cases() {
        // A star with 4 leaves: eigenvector 1/√2 at the centre and 1/√8 at each leaf; betweenness 1
        // at the centre.
        let star = g(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let x = eigenvector(&star, &[0, 1, 2, 3, 4]).unwrap();
        assert!((x[0] - 0.5f64.sqrt()).abs() < 1e-12, "{x:?}");
        assert!((x[1] - (1.0 / 8.0f64).sqrt()).abs() < 1e-12);
        let b = betweenness(&star);
        assert!((b[0] - 1.0).abs() < 1e-15 && b[1] == 0.0);
        // A triangle with a pendant: clustering 1, 1, 1/3, 0.
        let c = clustering(&g(4, &[(0, 1), (1, 2), (0, 2), (2, 3)]));
        assert_eq!(c, vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
        assert_eq!(density(4, 3), Some(0.5));
        assert_eq!(density(1, 0), None);
    }

    #[test]
    fn alignment_drops_missing_components() {
        let inputs = AlignmentInputs {
            treaty_level: 3,
            partnerships: 6,
            exercises: 0,
            tiv: None,
            un_distance: Some(1.5),
        };
        let a = alignment(&inputs, &AlignmentOptions::default());
        assert_eq!(a.ties, 1.0);
        assert_eq!(a.un, Some(0.5));
        assert_eq!(a.arms, None);
        assert!((a.index.unwrap() - 0.5).abs() < 1e-15, "(1 + 0 + 0.5) / 3");
        let o = AlignmentOptions {
            weights: [0.0, 0.0, 1.0, 0.0],
            ..AlignmentOptions::default()
        };
        assert_eq!(
            alignment(&inputs, &o).index,
            None,
            "only a missing component weighted"
        );
    }

    fn arb_graph() -> impl Strategy<Value = (usize, Vec<(u32, u32)>)> {
        (8usize..16).prop_flat_map(|n| {
            (
                Just(n),
                proptest::collection::vec((0..n as u32, 0..n as u32), 0..40),
            )
        })
    }

    proptest! {
        #[test]
        fn bounded_measures((n, e) in arb_graph()) {
            let gr = g(n, &e);
            let (a, b): (Vec<u32>, Vec<u32>) = ((1..4).collect(), (4..7).collect());
            if let Some(v) = hub_dependence(&gr, Some(0), &a, &b).value {
                prop_assert!((0.0..=1.0).contains(&v));
            }
            let grp = |v: u32| if v < 4 { Some(0) } else if v < 7 { Some(1) } else { None };
            if let Some(v) = ei_index("x", gr.edges().iter().copied(), grp).ei {
                prop_assert!((-1.0..=1.0).contains(&v));
            }
            for c in clustering(&gr) {
                prop_assert!((0.0..=1.0).contains(&c));
            }
            let d = density(n, gr.edge_count()).unwrap();
            prop_assert!((0.0..=1.0).contains(&d));
        }

        /// When every ally is tied to the US, adding any tie never raises hub dependence (the
        /// pairs connected without the US can only grow, and every pair is connected already).
        #[test]
        fn adding_a_tie_never_raises_hub_dependence_when_allies_are_tied_to_the_hub(
            (n, e) in arb_graph(), x in 0u32..16, y in 0u32..16
        ) {
            let mut edges = e.clone();
            edges.extend((1..7).map(|v| (0, v)));
            let (a, b): (Vec<u32>, Vec<u32>) = ((1..4).collect(), (4..7).collect());
            let before = hub_dependence(&g(n, &edges), Some(0), &a, &b).value.unwrap();
            edges.push((x % n as u32, y % n as u32));
            let after = hub_dependence(&g(n, &edges), Some(0), &a, &b).value.unwrap();
            prop_assert!(after <= before, "{before} -> {after}");
        }

        /// The betweenness written here equals rustworkx-core's.
        #[test]
        fn betweenness_equals_rustworkx((n, e) in arb_graph()) {
            let gr = g(n, &e);
            for (a, b) in betweenness(&gr).iter().zip(betweenness_rustworkx(&gr)) {
                prop_assert!((a - b).abs() < 1e-12, "{a} {b}");
            }
        }

        /// Adding a tie never lowers the minimum cut (a maximum flow is monotone in capacity),
        /// and the cut returned has as many ties as its value and disconnects the blocks.
        #[test]
        fn min_cut_is_monotone_and_cuts((n, e) in arb_graph(), x in 0u32..16, y in 0u32..16) {
            let (a, b): (Vec<u32>, Vec<u32>) = ((1..4).collect(), (4..7).collect());
            let gr = g(n, &e);
            let (v, cut) = min_cut(&gr, Some(0), &a, &b);
            prop_assert_eq!(v, cut.len());
            let rest = Graph::new(n, gr.edges().iter().copied().filter(|k| !cut.contains(k)).map(|k| (k, 1.0)));
            let c = rest.components(Some(0), None);
            for &p in &a { for &q in &b { prop_assert_ne!(c.label[p as usize], c.label[q as usize]); } }
            let mut e2 = e.clone();
            e2.push((x % n as u32, y % n as u32));
            prop_assert!(min_cut(&g(n, &e2), Some(0), &a, &b).0 >= v);
        }
    }
}
