//! How far the US brokers the ties between its two alliance systems: the share of the shortest
//! paths between NATO and East Asia & Pacific allies that pass through the US (`us_brokerage`),
//! unweighted and weighted by tie strength. Defined in `docs/networks.md`.

use crate::graph::Graph;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Whether two finite path lengths are equal to a relative 1e-12 (infinite lengths never are).
fn same(a: f64, b: f64) -> bool {
    a.is_finite() && b.is_finite() && (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// The US's brokerage of the cross pairs in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Brokerage {
    /// NATO × East Asia & Pacific ally pairs.
    pub pairs: usize,
    /// Of those, connected in the graph (the mean's denominator).
    pub connected: usize,
    /// Pairs left out because no path joins them.
    pub disconnected: usize,
    /// The mean over connected pairs of σ_xy(US)/σ_xy, the share of the pair's shortest paths
    /// through the US; missing when no pair is connected or there is no US node.
    pub value: Option<f64>,
}

/// Shortest-path distances and path counts from a source: breadth-first search (`weighted` false:
/// every tie length 1) or Dijkstra with length 1/weight (Opsahl, Agneessens & Skvoretz 2010's
/// weighted distance, the strongest tie the shortest). Distances within a relative 1e-12 are
/// treated as equal, so that paths of equal length summed in another order still tie.
pub fn paths_from(g: &Graph, s: u32, weighted: bool) -> (Vec<f64>, Vec<f64>) {
    let n = g.node_count();
    let mut dist = vec![f64::INFINITY; n];
    let mut sigma = vec![0.0; n];
    dist[s as usize] = 0.0;
    sigma[s as usize] = 1.0;
    if !weighted {
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            let dv = dist[v as usize];
            for &w in g.neighbours(v) {
                if dist[w as usize].is_infinite() {
                    dist[w as usize] = dv + 1.0;
                    queue.push_back(w);
                }
                if dist[w as usize] == dv + 1.0 {
                    sigma[w as usize] += sigma[v as usize];
                }
            }
        }
        return (dist, sigma);
    }
    #[derive(PartialEq)]
    struct Item(f64, u32);
    impl Eq for Item {}
    impl PartialOrd for Item {
        fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
            Some(self.cmp(o))
        }
    }
    impl Ord for Item {
        fn cmp(&self, o: &Self) -> Ordering {
            o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
        }
    }
    let mut done = vec![false; n];
    let mut heap = BinaryHeap::from([Item(0.0, s)]);
    // Settled in order of distance: a node's count is final when it is popped, because every
    // predecessor on a shortest path is nearer and settled before it.
    let mut order = Vec::new();
    while let Some(Item(d, v)) = heap.pop() {
        if done[v as usize] || d > dist[v as usize] {
            continue;
        }
        done[v as usize] = true;
        order.push(v);
        for (&w, &wt) in g.neighbours(v).iter().zip(g.neighbour_weights(v)) {
            if wt <= 0.0 || done[w as usize] {
                continue;
            }
            let nd = d + 1.0 / wt;
            if nd < dist[w as usize] && !same(nd, dist[w as usize]) {
                dist[w as usize] = nd;
                heap.push(Item(nd, w));
            }
        }
    }
    // Counts, once distances are final: σ(w) = Σ σ(v) over neighbours v with d(v) + 1/w(v,w) = d(w).
    for &w in &order {
        if w == s {
            continue;
        }
        let mut c = 0.0;
        for (&v, &wt) in g.neighbours(w).iter().zip(g.neighbour_weights(w)) {
            if wt > 0.0 && dist[v as usize] < dist[w as usize] {
                let via = dist[v as usize] + 1.0 / wt;
                if same(via, dist[w as usize]) {
                    c += sigma[v as usize];
                }
            }
        }
        sigma[w as usize] = c;
    }
    (dist, sigma)
}

/// The US's brokerage of the pairs `a × b`: for each pair joined by a path, the share of its
/// shortest paths through `hub` (σ_xy(hub)/σ_xy = σ_x,hub·σ_hub,y/σ_xy when d(x,hub) + d(hub,y) =
/// d(x,y), else 0), averaged over the joined pairs. One search from the hub and one from each node
/// of `a`.
pub fn us_brokerage(
    g: &Graph,
    hub: Option<u32>,
    a: &[u32],
    b: &[u32],
    weighted: bool,
) -> Brokerage {
    let pairs = a.len() * b.len();
    let Some(h) = hub else {
        return Brokerage {
            pairs,
            connected: 0,
            disconnected: pairs,
            value: None,
        };
    };
    let (dh, sh) = paths_from(g, h, weighted);
    let (mut connected, mut sum) = (0usize, 0.0);
    for &x in a {
        let (dx, sx) = paths_from(g, x, weighted);
        for &y in b {
            if x == y || x == h || y == h || dx[y as usize].is_infinite() {
                continue;
            }
            connected += 1;
            let via = dx[h as usize] + dh[y as usize];
            if via.is_finite() && same(via, dx[y as usize]) {
                sum += sx[h as usize] * sh[y as usize] / sx[y as usize];
            }
        }
    }
    Brokerage {
        pairs,
        connected,
        disconnected: pairs - connected,
        value: (connected > 0).then(|| sum / connected as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(n: usize, e: &[(u32, u32)]) -> Graph {
        Graph::new(n, e.iter().map(|k| (*k, 1.0)))
    }

    #[test]
    fn a_pure_hub_and_spoke_is_all_brokered() {
        // 0 = US; NATO 1, 2; East Asia 3, 4.
        let s = g(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let b = us_brokerage(&s, Some(0), &[1, 2], &[3, 4], false);
        assert_eq!((b.connected, b.disconnected, b.value), (4, 0, Some(1.0)));
    }

    #[test]
    fn a_direct_tie_and_a_second_broker_lower_it() {
        // As above plus 1–3 tied directly: pair (1,3) has one shortest path, not through the US;
        // (2,3) has two of length 2 (via 0 and via 1), one through the US; (1,4) has two (via 0
        // and via 3), one through the US; (2,4) only via 0. Mean (0 + ½ + ½ + 1)/4 = ½.
        let s = g(5, &[(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (3, 4)]);
        let b = us_brokerage(&s, Some(0), &[1, 2], &[3, 4], false);
        assert_eq!(b.value, Some(0.5));
    }

    #[test]
    fn disconnected_pairs_are_left_out_and_counted() {
        // 4 is isolated.
        let s = g(5, &[(0, 1), (0, 2), (0, 3)]);
        let b = us_brokerage(&s, Some(0), &[1, 2], &[3, 4], false);
        assert_eq!((b.pairs, b.connected, b.disconnected), (4, 2, 2));
        assert_eq!(b.value, Some(1.0));
        let none = us_brokerage(&g(3, &[]), Some(0), &[1], &[2], false);
        assert_eq!((none.connected, none.value), (0, None));
    }

    #[test]
    fn weights_pick_the_strong_path() {
        // 1–3 joined via the US (0) and via 2; unweighted both length 2 (½ through the US). With
        // the ties through 2 at weight 4 (length ¼ each, ½ in all) against 1 (length 2 via the
        // US), the path through 2 is the only shortest: 0 through the US.
        let e = [((0, 1), 1.0), ((0, 3), 1.0), ((1, 2), 4.0), ((2, 3), 4.0)];
        let s = Graph::new(4, e);
        assert_eq!(
            us_brokerage(&s, Some(0), &[1], &[3], false).value,
            Some(0.5)
        );
        assert_eq!(us_brokerage(&s, Some(0), &[1], &[3], true).value, Some(0.0));
        // With equal weights the weighted and unweighted measures agree.
        let s = Graph::new(4, e.map(|(k, _)| (k, 2.0)));
        assert_eq!(us_brokerage(&s, Some(0), &[1], &[3], true).value, Some(0.5));
    }

    #[test]
    fn path_counts_match_a_grid() {
        // A 3×3 grid: 6 shortest paths from corner to corner.
        let mut e = Vec::new();
        for r in 0..3u32 {
            for c in 0..3u32 {
                let v = r * 3 + c;
                if c < 2 {
                    e.push((v, v + 1));
                }
                if r < 2 {
                    e.push((v, v + 3));
                }
            }
        }
        let s = g(9, &e);
        for w in [false, true] {
            let (d, sg) = paths_from(&s, 0, w);
            assert_eq!((d[8], sg[8]), (4.0, 6.0));
            assert_eq!(sg[4], 2.0);
        }
    }
}
