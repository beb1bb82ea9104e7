//! A small undirected simple graph on nodes `0..n` in compressed sparse rows, with the traversals
//! the measures share. It implements `petgraph`'s graph traits (as re-exported by `rustworkx-core`),
//! so `rustworkx-core`'s algorithms run on it directly, and converts to a `petgraph` graph for those
//! that need edge references.

use rustworkx_core::petgraph::graph::{NodeIndex, UnGraph};
use rustworkx_core::petgraph::visit::{
    Data, GraphBase, GraphProp, IntoEdgeReferences, IntoEdges, IntoNeighbors,
    IntoNeighborsDirected, IntoNodeIdentifiers, NodeCount, NodeIndexable,
};
use rustworkx_core::petgraph::{Direction, Undirected};

/// An undirected simple graph: edges `(low, high)` sorted, a weight per edge, and sorted adjacency
/// in compressed sparse rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    n: usize,
    edges: Vec<(u32, u32)>,
    weight: Vec<f64>,
    offsets: Vec<u32>,
    nbrs: Vec<u32>,
    /// The weight of the edge at each adjacency slot.
    wslot: Vec<f64>,
}

/// Connected components: a label per node (`u32::MAX` for a removed node) and their number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// The component of each node.
    pub label: Vec<u32>,
    /// The number of components.
    pub count: u32,
}

/// The label of a node left out of a traversal.
pub const REMOVED: u32 = u32::MAX;

impl Graph {
    /// A graph on `n` nodes from weighted edges; a pair given twice keeps the sum of its weights,
    /// and self-loops are dropped.
    pub fn new(n: usize, edges: impl IntoIterator<Item = ((u32, u32), f64)>) -> Graph {
        let mut e: Vec<((u32, u32), f64)> = edges
            .into_iter()
            .filter(|((a, b), _)| a != b && (*a as usize) < n && (*b as usize) < n)
            .map(|((a, b), w)| (if a < b { (a, b) } else { (b, a) }, w))
            .collect();
        e.sort_unstable_by_key(|(k, _)| *k);
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(e.len());
        let mut weight: Vec<f64> = Vec::with_capacity(e.len());
        for (k, w) in e {
            if edges.last() == Some(&k) {
                if let Some(last) = weight.last_mut() {
                    *last += w;
                }
            } else {
                edges.push(k);
                weight.push(w);
            }
        }
        let mut deg = vec![0u32; n + 1];
        for &(a, b) in &edges {
            deg[a as usize + 1] += 1;
            deg[b as usize + 1] += 1;
        }
        for i in 0..n {
            deg[i + 1] += deg[i];
        }
        let offsets = deg;
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let mut nbrs = vec![0u32; 2 * edges.len()];
        let mut wslot = vec![0.0; 2 * edges.len()];
        // Edges are sorted by (low, high): pushing both ends in that order leaves each row sorted.
        for (&(a, b), &w) in edges.iter().zip(&weight) {
            nbrs[fill[b as usize] as usize] = a;
            wslot[fill[b as usize] as usize] = w;
            fill[b as usize] += 1;
        }
        for (&(a, b), &w) in edges.iter().zip(&weight) {
            nbrs[fill[a as usize] as usize] = b;
            wslot[fill[a as usize] as usize] = w;
            fill[a as usize] += 1;
        }
        Graph {
            n,
            edges,
            weight,
            offsets,
            nbrs,
            wslot,
        }
    }

    /// The number of nodes.
    pub fn node_count(&self) -> usize {
        self.n
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The edges, `(low, high)`, sorted.
    pub fn edges(&self) -> &[(u32, u32)] {
        &self.edges
    }

    /// The weight of each edge, in [`Graph::edges`] order.
    pub fn weights(&self) -> &[f64] {
        &self.weight
    }

    /// The neighbours of a node, sorted.
    pub fn neighbours(&self, v: u32) -> &[u32] {
        &self.nbrs[self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize]
    }

    /// The weights of a node's edges, in [`Graph::neighbours`] order.
    pub fn neighbour_weights(&self, v: u32) -> &[f64] {
        &self.wslot[self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize]
    }

    /// Whether two nodes are adjacent.
    pub fn has_edge(&self, a: u32, b: u32) -> bool {
        self.neighbours(a).binary_search(&b).is_ok()
    }

    /// The subgraph induced by the nodes `keep` accepts, on the same node indices (the others are
    /// left isolated).
    pub fn induced(&self, keep: impl Fn(u32) -> bool) -> Graph {
        Graph::new(
            self.n,
            self.edges
                .iter()
                .zip(&self.weight)
                .filter(|((a, b), _)| keep(*a) && keep(*b))
                .map(|(k, w)| (*k, *w)),
        )
    }

    /// The graph as a `petgraph` undirected graph with the same node indices and edge order.
    pub fn to_petgraph(&self) -> UnGraph<(), f64, u32> {
        let mut g = UnGraph::<(), f64, u32>::with_capacity(self.n, self.edges.len());
        for _ in 0..self.n {
            g.add_node(());
        }
        for (&(a, b), &w) in self.edges.iter().zip(&self.weight) {
            g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), w);
        }
        g
    }

    /// Connected components by breadth-first search, optionally without one node and/or one edge
    /// (given as `(low, high)`).
    pub fn components(&self, skip_node: Option<u32>, skip_edge: Option<(u32, u32)>) -> Components {
        let mut label = vec![REMOVED; self.n];
        let mut count = 0u32;
        let mut queue: Vec<u32> = Vec::with_capacity(self.n);
        for s in 0..self.n as u32 {
            if label[s as usize] != REMOVED || Some(s) == skip_node {
                continue;
            }
            label[s as usize] = count;
            queue.clear();
            queue.push(s);
            let mut head = 0;
            while head < queue.len() {
                let v = queue[head];
                head += 1;
                for &u in self.neighbours(v) {
                    if label[u as usize] != REMOVED || Some(u) == skip_node {
                        continue;
                    }
                    if let Some((x, y)) = skip_edge {
                        if (v.min(u), v.max(u)) == (x, y) {
                            continue;
                        }
                    }
                    label[u as usize] = count;
                    queue.push(u);
                }
            }
            count += 1;
        }
        Components { label, count }
    }
}

impl GraphBase for Graph {
    type EdgeId = (u32, u32);
    type NodeId = u32;
}

impl Data for Graph {
    type NodeWeight = ();
    type EdgeWeight = f64;
}

/// An edge as `petgraph` sees it: source, target, weight.
type EdgeTuple<'a> = (u32, u32, &'a f64);

impl<'a> IntoEdgeReferences for &'a Graph {
    type EdgeRef = EdgeTuple<'a>;
    type EdgeReferences = std::iter::Map<
        std::iter::Zip<std::slice::Iter<'a, (u32, u32)>, std::slice::Iter<'a, f64>>,
        fn((&'a (u32, u32), &'a f64)) -> EdgeTuple<'a>,
    >;
    fn edge_references(self) -> Self::EdgeReferences {
        self.edges
            .iter()
            .zip(self.weight.iter())
            .map(|(&(a, b), w)| (a, b, w))
    }
}

/// The edges of a node, as `petgraph` sees them.
pub struct NodeEdges<'a> {
    from: u32,
    nbrs: std::slice::Iter<'a, u32>,
    w: std::slice::Iter<'a, f64>,
}

impl<'a> Iterator for NodeEdges<'a> {
    type Item = EdgeTuple<'a>;
    fn next(&mut self) -> Option<Self::Item> {
        Some((self.from, *self.nbrs.next()?, self.w.next()?))
    }
}

impl<'a> IntoEdges for &'a Graph {
    type Edges = NodeEdges<'a>;
    fn edges(self, a: u32) -> NodeEdges<'a> {
        let r = self.offsets[a as usize] as usize..self.offsets[a as usize + 1] as usize;
        NodeEdges {
            from: a,
            nbrs: self.nbrs[r.clone()].iter(),
            w: self.wslot[r].iter(),
        }
    }
}

impl GraphProp for Graph {
    type EdgeType = Undirected;
}

impl NodeCount for Graph {
    fn node_count(&self) -> usize {
        self.n
    }
}

impl NodeIndexable for Graph {
    fn node_bound(&self) -> usize {
        self.n
    }
    fn to_index(&self, a: u32) -> usize {
        a as usize
    }
    fn from_index(&self, i: usize) -> u32 {
        i as u32
    }
}

impl<'a> IntoNeighbors for &'a Graph {
    type Neighbors = std::iter::Copied<std::slice::Iter<'a, u32>>;
    fn neighbors(self, a: u32) -> Self::Neighbors {
        self.neighbours(a).iter().copied()
    }
}

impl<'a> IntoNeighborsDirected for &'a Graph {
    type NeighborsDirected = std::iter::Copied<std::slice::Iter<'a, u32>>;
    fn neighbors_directed(self, a: u32, _: Direction) -> Self::NeighborsDirected {
        self.neighbours(a).iter().copied()
    }
}

impl IntoNodeIdentifiers for &Graph {
    type NodeIdentifiers = std::ops::Range<u32>;
    fn node_identifiers(self) -> Self::NodeIdentifiers {
        0..self.n as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_with_a_node_or_an_edge_removed() {
        // 0-1-2 and 3-4: removing 1 splits 0 and 2; removing the edge 3-4 splits 3 and 4.
        let g = Graph::new(
            5,
            [
                ((0, 1), 1.0),
                ((2, 1), 1.0),
                ((3, 4), 2.0),
                ((4, 3), 1.0),
                ((2, 2), 1.0),
            ],
        );
        assert_eq!(g.edge_count(), 3);
        assert_eq!(g.weights()[2], 3.0, "duplicate pairs add their weights");
        assert_eq!(g.components(None, None).count, 2);
        let c = g.components(Some(1), None);
        assert_eq!(c.count, 3);
        assert_eq!(c.label[1], REMOVED);
        assert_eq!(g.components(None, Some((3, 4))).count, 3);
        assert_eq!(g.to_petgraph().edge_count(), 3);
        assert_eq!(g.neighbours(1), &[0, 2]);
        assert_eq!(g.neighbours(4), &[3]);
    }
}
