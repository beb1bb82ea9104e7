//! The core set of graph measures that `entente bench networks` times against igraph on the same
//! graphs: betweenness, clustering and components of the union, eigenvector centrality on the US's
//! component, and the articulation points and bridges of the allied network (the work `measure`
//! does for these, without the rest).

use crate::blocks::Block;
use crate::measures::{betweenness, clustering, eigenvector};
use crate::network::Network;
use entente_core::US;
use rustworkx_core::connectivity::{articulation_points, bridges};

/// Computes the core set on a network; returns a checksum so that no part is optimised away.
pub fn core_set(net: &Network) -> f64 {
    let g = &net.union;
    let n = g.node_count();
    let mut sum: f64 = betweenness(g).iter().sum::<f64>() + clustering(g).iter().sum::<f64>();
    let comps = g.components(None, None);
    sum += f64::from(comps.count);
    if let Some(u) = net.index(US) {
        let c = comps.label[u as usize];
        let comp: Vec<u32> = (0..n as u32)
            .filter(|&v| comps.label[v as usize] == c)
            .collect();
        if let Some(x) = eigenvector(g, &comp) {
            sum += x.iter().sum::<f64>();
        }
    }
    let allied = g.induced(|v| {
        matches!(
            net.blocks[v as usize],
            Block::Us | Block::Nato | Block::EapAllies | Block::IpPartners
        )
    });
    let pg = allied.to_petgraph();
    sum += articulation_points(&pg, None).len() as f64;
    sum += bridges(&pg).len() as f64;
    sum
}
