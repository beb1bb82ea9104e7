//! Designs on the unit cube: one-at-a-time, Latin hypercube, and Saltelli's A, B, A_B^(i). A
//! design's unit values become parameter values through [`crate::Range::at`].

use crate::error::{Result, SensitivityError};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// One point of a one-at-a-time design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OatPoint {
    /// Every parameter at its base value.
    Base,
    /// Parameter `i` at the low end of its range, the others at their base values.
    Low(usize),
    /// Parameter `i` at the high end of its range, the others at their base values.
    High(usize),
}

/// A one-at-a-time design over `k` parameters: the base point, then each parameter's low and high
/// ends (`2k + 1` points).
pub fn one_at_a_time(k: usize) -> Vec<OatPoint> {
    let mut v = vec![OatPoint::Base];
    for i in 0..k {
        v.push(OatPoint::Low(i));
        v.push(OatPoint::High(i));
    }
    v
}

/// A Latin hypercube of `n` points in `k` dimensions on [0, 1)^k (McKay, Beckman & Conover
/// 1979): each dimension's `n` strata are each hit once, at a uniform position within the
/// stratum, the strata paired across dimensions by independent random permutations. From a
/// ChaCha8 generator seeded with `seed`.
pub fn latin_hypercube(n: usize, k: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut x = vec![vec![0.0; k]; n];
    for j in 0..k {
        let mut perm: Vec<usize> = (0..n).collect();
        // Fisher–Yates.
        for i in (1..n).rev() {
            let r = rng.random_range(0..=i);
            perm.swap(i, r);
        }
        for (i, row) in x.iter_mut().enumerate() {
            let u: f64 = rng.random();
            row[j] = (perm[i] as f64 + u) / n as f64;
        }
    }
    x
}

/// Largest number of base samples of a Saltelli design (the Sobol' sequence's length).
pub const MAX_BASE_SAMPLES: usize = 1 << 16;
/// Largest number of parameters of a Saltelli design (the sequence has 256 dimensions).
pub const MAX_SOBOL_PARAMS: usize = 128;

/// A Saltelli design: `n` base samples, each giving `k + 2` rows in SALib's order
/// (`A_i`, `A_B^(1)_i` … `A_B^(k)_i`, `B_i`), where `A_B^(j)` is A with column `j` from B.
#[derive(Debug, Clone, PartialEq)]
pub struct Saltelli {
    /// Base samples.
    pub n: usize,
    /// Parameters.
    pub k: usize,
    /// `n (k + 2)` rows of `k` unit values.
    pub rows: Vec<Vec<f64>>,
}

/// Saltelli et al. (2010)'s design from an Owen-scrambled Sobol' sequence in `2k` dimensions
/// (`sobol_burley`, Burley 2020): A is dimensions `0..k` and B dimensions `k..2k` of the same
/// points. `seed` picks an independent scramble (folded to 32 bits).
pub fn saltelli(n: usize, k: usize, seed: u64) -> Result<Saltelli> {
    if !(2..=MAX_BASE_SAMPLES).contains(&n) {
        return Err(SensitivityError::Design(format!(
            "a Sobol' design needs 2 to {MAX_BASE_SAMPLES} base samples, not {n}"
        )));
    }
    if k == 0 || k > MAX_SOBOL_PARAMS {
        return Err(SensitivityError::Design(format!(
            "a Sobol' design takes 1 to {MAX_SOBOL_PARAMS} parameters, not {k}"
        )));
    }
    let s = (seed ^ (seed >> 32)) as u32;
    let mut rows = Vec::with_capacity(n * (k + 2));
    for i in 0..n {
        let at = |d: usize| f64::from(sobol_burley::sample(i as u32, d as u32, s));
        let a: Vec<f64> = (0..k).map(at).collect();
        let b: Vec<f64> = (k..2 * k).map(at).collect();
        rows.push(a.clone());
        for j in 0..k {
            let mut ab = a.clone();
            ab[j] = b[j];
            rows.push(ab);
        }
        rows.push(b);
    }
    Ok(Saltelli { n, k, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oat_points() {
        assert_eq!(
            one_at_a_time(2),
            vec![
                OatPoint::Base,
                OatPoint::Low(0),
                OatPoint::High(0),
                OatPoint::Low(1),
                OatPoint::High(1)
            ]
        );
    }

    #[test]
    fn saltelli_layout() {
        let d = saltelli(8, 3, 1).unwrap();
        assert_eq!(d.rows.len(), 8 * 5);
        for i in 0..8 {
            let blk = &d.rows[i * 5..(i + 1) * 5];
            let (a, b) = (&blk[0], &blk[4]);
            for j in 0..3 {
                for c in 0..3 {
                    let want = if c == j { b[c] } else { a[c] };
                    assert_eq!(blk[1 + j][c], want);
                }
            }
        }
        assert_ne!(d, saltelli(8, 3, 2).unwrap());
        assert!(saltelli(1, 3, 1).is_err() && saltelli(8, 0, 1).is_err());
        assert!(saltelli(8, 129, 1).is_err());
    }

    proptest::proptest! {
        #[test]
        fn lhs_hits_every_stratum_once(n in 1usize..60, k in 1usize..6, seed: u64) {
            let x = latin_hypercube(n, k, seed);
            proptest::prop_assert_eq!(x.len(), n);
            for j in 0..k {
                let mut hit = vec![false; n];
                for row in &x {
                    proptest::prop_assert!((0.0..1.0).contains(&row[j]));
                    let s = (row[j] * n as f64).floor() as usize;
                    proptest::prop_assert!(!hit[s]);
                    hit[s] = true;
                }
            }
        }

        #[test]
        fn sobol_points_are_in_the_unit_cube(n in 2usize..64, k in 1usize..10, seed: u64) {
            let d = saltelli(n, k, seed).unwrap();
            proptest::prop_assert!(d.rows.iter().flatten().all(|v| (0.0..1.0).contains(v)));
        }
    }
}
