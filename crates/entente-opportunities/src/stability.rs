//! How stable a pair's rank is when the weights of the three components are perturbed: Dirichlet
//! draws around the weights used (`docs/opportunities.md`, "Rank stability").

use crate::engine::PairScore;
use crate::params::Combine;
use rand::rngs::ChaCha8Rng;
use rand::SeedableRng;
use rand_distr::{multi::Dirichlet, Distribution};
use serde::Serialize;

/// Draws of perturbed weights.
pub const DRAWS: usize = 500;
/// The Dirichlet concentration: draws average the weights used, each share varying by about ±0.08
/// around a third (sd √(p(1−p)/(α+1)) at p = ⅓).
pub const CONCENTRATION: f64 = 30.0;
/// The seed of the draws (fixed: the same rows get the same stability).
pub const SEED: u64 = 20_251_201;

/// A rank's stability under perturbed weights.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stability {
    /// Share of the draws in which the pair stays in the top 10.
    pub top10_share: f64,
    /// The 5th and 95th percentiles of its rank over the draws.
    pub rank_90: (usize, usize),
    /// Draws.
    pub draws: usize,
    /// Dirichlet concentration.
    pub concentration: f64,
}

/// The score of a row with other component weights: the weighted mean of its available
/// components (threat, capability, 1 − ties), as the engine combines them.
pub fn combine(p: &PairScore, w: [f64; 3]) -> f64 {
    let parts = [
        p.threat.value,
        p.capability.component.value,
        p.ties.component.value.map(|x| 1.0 - x),
    ];
    let (mut num, mut den) = (0.0, 0.0);
    for (wi, v) in w.iter().zip(parts) {
        if let Some(v) = v {
            num += wi * v;
            den += wi;
        }
    }
    if den > 0.0 {
        num / den
    } else {
        0.0
    }
}

fn ranks(rows: &[&PairScore], w: [f64; 3]) -> Vec<usize> {
    let scores: Vec<f64> = rows.iter().map(|p| combine(p, w)).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| {
        scores[j]
            .total_cmp(&scores[i])
            .then(rows[i].europe.ccode.cmp(&rows[j].europe.ccode))
            .then(rows[i].asia.ccode.cmp(&rows[j].asia.ccode))
    });
    let mut rank = vec![0; rows.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r + 1;
    }
    rank
}

/// Adds the stability of the `top` best-ranked rows of one year (rows as [`crate::Engine::year`]
/// returns them), perturbing the combine weights `c`.
pub fn add_stability(rows: &mut [PairScore], c: &Combine, top: usize) {
    let ranked: Vec<usize> = (0..rows.len())
        .filter(|&i| !rows[i].insufficient_data)
        .collect();
    if ranked.is_empty() {
        return;
    }
    let w0 = [c.threat, c.capability, c.gap];
    let total: f64 = w0.iter().sum();
    // A component with weight 0 stays off; the others are drawn around their shares.
    let on: Vec<usize> = (0..3).filter(|&i| w0[i] > 0.0).collect();
    let alpha: Vec<f64> = on.iter().map(|&i| CONCENTRATION * w0[i] / total).collect();
    let refs: Vec<&PairScore> = ranked.iter().map(|&i| &rows[i]).collect();
    let mut seen: Vec<Vec<usize>> = vec![Vec::with_capacity(DRAWS); ranked.len().min(top)];
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let dir = if on.len() >= 2 {
        Dirichlet::new(&alpha).ok()
    } else {
        None
    };
    for _ in 0..DRAWS {
        let mut w = [0.0; 3];
        match &dir {
            Some(d) => {
                for (k, x) in on.iter().zip(d.sample(&mut rng)) {
                    w[*k] = x;
                }
            }
            None => w = w0,
        }
        let r = ranks(&refs, w);
        for (slot, s) in seen.iter_mut().enumerate() {
            s.push(r[slot]);
        }
    }
    for (slot, mut v) in seen.into_iter().enumerate() {
        v.sort_unstable();
        let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
        rows[ranked[slot]].stability = Some(Stability {
            top10_share: v.iter().filter(|&&r| r <= 10).count() as f64 / v.len() as f64,
            rank_90: (q(0.05), q(0.95)),
            draws: DRAWS,
            concentration: CONCENTRATION,
        });
    }
}
