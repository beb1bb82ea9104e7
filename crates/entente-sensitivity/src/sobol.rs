//! Sobol' first-order and total indices from a Saltelli design, with SALib's conventions
//! (`SALib.analyze.sobol.analyze`, calc_second_order = False):
//! - outputs in SALib's order: per base sample, `f(A_i)`, `f(A_B^(1)_i)` … `f(A_B^(k)_i)`, `f(B_i)`;
//! - every output first standardised over all `n (k + 2)` values: `(y − mean) / sd`, sd with
//!   divisor n (ddof 0);
//! - first order, Saltelli et al. (2010): `S_j = mean(f(B) (f(A_B^(j)) − f(A))) / V`;
//! - total, Jansen (1999): `ST_j = mean((f(A) − f(A_B^(j)))²) / (2 V)`;
//! - `V` the variance (ddof 0) of the `2n` values `f(A)` and `f(B)` together.
//!
//! Intervals are bootstrap percentile intervals: the base samples resampled with replacement
//! (the standardisation kept), each index re-estimated on every resample. SALib reports a normal
//! interval (z × the resamples' sd) instead; its resamples use other random numbers, so intervals
//! are not compared with it. Where the outputs do not vary (`f(A)`, `f(B)` constant) the indices
//! are undefined: NaN here (SALib warns and reports 0).

use crate::error::{Result, SensitivityError};
use crate::stats::{bootstrap_indices, mean, percentile_interval, var0};
use crate::Estimate;

/// One parameter's Sobol' indices.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolIndex {
    /// First order (main effect): the share of the output's variance due to this parameter alone.
    pub first: Estimate,
    /// Total: the share due to this parameter, alone and in interaction with the others.
    pub total: Estimate,
}

struct Split<'a> {
    y: &'a [f64],
    k: usize,
}

impl Split<'_> {
    fn a(&self, i: usize) -> f64 {
        self.y[i * (self.k + 2)]
    }
    fn b(&self, i: usize) -> f64 {
        self.y[i * (self.k + 2) + self.k + 1]
    }
    fn ab(&self, i: usize, j: usize) -> f64 {
        self.y[i * (self.k + 2) + 1 + j]
    }

    /// (first, total) of parameter `j` over the base samples `idx`.
    fn indices(&self, idx: &[usize], j: usize) -> (f64, f64) {
        let ab: Vec<f64> = idx
            .iter()
            .map(|&i| self.a(i))
            .chain(idx.iter().map(|&i| self.b(i)))
            .collect();
        let lo = ab.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = ab.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if hi - lo == 0.0 {
            return (f64::NAN, f64::NAN);
        }
        let v = var0(&ab);
        let n = idx.len() as f64;
        let s1 = idx
            .iter()
            .map(|&i| self.b(i) * (self.ab(i, j) - self.a(i)))
            .sum::<f64>()
            / n;
        let st = idx
            .iter()
            .map(|&i| {
                let d = self.a(i) - self.ab(i, j);
                d * d
            })
            .sum::<f64>()
            / n;
        (s1 / v, 0.5 * st / v)
    }
}

/// The first-order and total indices of `k` parameters from the outputs `y` of a Saltelli
/// design (`n (k + 2)` values in SALib's order), with bootstrap percentile intervals at `level`
/// from `resamples` resamples drawn with `seed`.
pub fn sobol_indices(
    y: &[f64],
    k: usize,
    resamples: usize,
    level: f64,
    seed: u64,
) -> Result<Vec<SobolIndex>> {
    if k == 0 || y.is_empty() || !y.len().is_multiple_of(k + 2) {
        return Err(SensitivityError::Design(format!(
            "{} outputs are not a Saltelli design of {k} parameters (a multiple of {})",
            y.len(),
            k + 2
        )));
    }
    let n = y.len() / (k + 2);
    let m = mean(y);
    let sd = var0(y).sqrt();
    let z: Vec<f64> = y.iter().map(|v| (v - m) / sd).collect();
    let s = Split { y: &z, k };
    let all: Vec<usize> = (0..n).collect();
    let boots = bootstrap_indices(n, resamples, seed);
    Ok((0..k)
        .map(|j| {
            let (f, t) = if sd > 0.0 {
                s.indices(&all, j)
            } else {
                (f64::NAN, f64::NAN)
            };
            let (bf, bt): (Vec<f64>, Vec<f64>) = if sd > 0.0 {
                boots.iter().map(|r| s.indices(r, j)).unzip()
            } else {
                (Vec::new(), Vec::new())
            };
            let (flo, fhi) = percentile_interval(&bf, level);
            let (tlo, thi) = percentile_interval(&bt, level);
            SobolIndex {
                first: Estimate::new(f, flo, fhi),
                total: Estimate::new(t, tlo, thi),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::saltelli;
    use std::f64::consts::PI;

    fn ishigami(x: &[f64], a: f64, b: f64) -> f64 {
        x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
    }

    /// The analytic indices of the Ishigami function (Ishigami & Homma 1990; Saltelli et al.
    /// 2008, §4.5): (first order, total) for x1, x2, x3.
    fn ishigami_truth(a: f64, b: f64) -> [(f64, f64); 3] {
        let pi4 = PI.powi(4);
        let pi8 = PI.powi(8);
        let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
        let v2 = a * a / 8.0;
        let v13 = 8.0 * b * b * pi8 / 225.0;
        let v = v1 + v2 + b * b * pi8 / 18.0 - b * b * pi8 / 50.0;
        [(v1 / v, (v1 + v13) / v), (v2 / v, v2 / v), (0.0, v13 / v)]
    }

    #[test]
    fn ishigami_variance_is_the_known_one() {
        // V = a²/8 + b π⁴/5 + b² π⁸/18 + 1/2 (Sobol' & Levitan 1999).
        let (a, b) = (7.0, 0.1);
        let t = ishigami_truth(a, b);
        assert!((t[0].0 - 0.3139).abs() < 1e-4 && (t[1].0 - 0.4424).abs() < 1e-4);
        assert!((t[0].1 - 0.5576).abs() < 1e-4 && (t[2].1 - 0.2437).abs() < 1e-4);
    }

    /// The estimator recovers the Ishigami function's analytic indices (a = 7, b = 0.1) within
    /// its 95% bootstrap intervals, on ten designs with different scrambles: at least 90% of the
    /// 60 intervals cover the truth (a 95% interval misses one time in twenty), and every point
    /// estimate is within 0.05 of it.
    #[test]
    fn ishigami_indices_are_recovered_on_ten_seeds() {
        let (a, b) = (7.0, 0.1);
        let truth = ishigami_truth(a, b);
        let (mut covered, mut total) = (0, 0);
        for seed in 1..=10u64 {
            let d = saltelli(4096, 3, seed).unwrap();
            let y: Vec<f64> = d
                .rows
                .iter()
                .map(|u| {
                    let x: Vec<f64> = u.iter().map(|v| -PI + 2.0 * PI * v).collect();
                    ishigami(&x, a, b)
                })
                .collect();
            let s = sobol_indices(&y, 3, 300, 0.95, seed + 100).unwrap();
            for (j, (t1, tt)) in truth.iter().enumerate() {
                for (e, t) in [(&s[j].first, t1), (&s[j].total, tt)] {
                    total += 1;
                    if e.ci_low <= *t && *t <= e.ci_high {
                        covered += 1;
                    }
                    assert!(
                        (e.estimate - t).abs() < 0.05,
                        "seed {seed} x{}: {} vs {t}",
                        j + 1,
                        e.estimate
                    );
                }
            }
        }
        assert!(covered * 10 >= total * 9, "{covered} of {total} covered");
    }

    #[test]
    fn additive_model_and_constant_output() {
        // y = x1 + 2 x2 on U(0,1): S = ST = (1/5, 4/5), no interaction.
        let d = saltelli(2048, 2, 3).unwrap();
        let y: Vec<f64> = d.rows.iter().map(|u| u[0] + 2.0 * u[1]).collect();
        let s = sobol_indices(&y, 2, 100, 0.95, 1).unwrap();
        assert!((s[0].first.estimate - 0.2).abs() < 0.02, "{:?}", s[0]);
        assert!((s[1].total.estimate - 0.8).abs() < 0.02, "{:?}", s[1]);
        let flat = vec![1.0; 2048 * 4];
        let s = sobol_indices(&flat, 2, 10, 0.95, 1).unwrap();
        assert!(s[0].first.estimate.is_nan() && s[0].total.ci_low.is_nan());
        assert!(sobol_indices(&[1.0; 7], 2, 10, 0.95, 1).is_err());
    }

    proptest::proptest! {
        /// The indices do not change when the output is shifted and scaled (they are shares
        /// of variance), and the total index is never negative.
        #[test]
        fn indices_are_affine_invariant(shift in -100.0f64..100.0, scale in 0.01f64..100.0, seed in 0u64..50) {
            let d = saltelli(64, 3, seed).unwrap();
            let y: Vec<f64> = d.rows.iter().map(|u| u[0] * u[1] + (3.0 * u[2]).sin()).collect();
            let y2: Vec<f64> = y.iter().map(|v| shift + scale * v).collect();
            let s = sobol_indices(&y, 3, 0, 0.95, 1).unwrap();
            let s2 = sobol_indices(&y2, 3, 0, 0.95, 1).unwrap();
            for (p, q) in s.iter().zip(&s2) {
                proptest::prop_assert!((p.first.estimate - q.first.estimate).abs() < 1e-9);
                proptest::prop_assert!((p.total.estimate - q.total.estimate).abs() < 1e-9);
                proptest::prop_assert!(p.total.estimate >= 0.0);
            }
        }
    }
}
