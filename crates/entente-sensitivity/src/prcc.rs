//! Partial rank correlation coefficients (Marino, Hogue, Ray & Kirschner 2008): each parameter's
//! correlation with the output after both are rank-transformed and the linear effect of every
//! other parameter's ranks is removed: the correlation of the residuals of the linear regressions
//! (with intercept) of rank(x_j) and of rank(y) on the ranks of the other parameters, computed
//! from the correlation matrix of the ranks. Ties get average ranks. Intervals: bootstrap percentile
//! intervals over the design's points (each resample ranked afresh).

use crate::stats::{bootstrap_indices, mean, percentile_interval, ranks};
use crate::Estimate;

/// Inverts a small symmetric matrix by Gauss–Jordan elimination with partial pivoting; `None`
/// when it is singular.
fn invert(mut a: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let mut inv: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for c in 0..n {
        let p = (c..n).max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        inv.swap(c, p);
        let d = a[c][c];
        for j in 0..n {
            a[c][j] /= d;
            inv[c][j] /= d;
        }
        for r in 0..n {
            if r != c {
                let f = a[r][c];
                if f != 0.0 {
                    for j in 0..n {
                        a[r][j] -= f * a[c][j];
                        inv[r][j] -= f * inv[c][j];
                    }
                }
            }
        }
    }
    Some(inv)
}

/// The PRCC of each of the `k` columns of `x` (rows = design points) with `y`, on the rows
/// `idx`. NaN when undefined (a constant column or output, or collinear ranks).
fn prcc_on(x: &[Vec<f64>], y: &[f64], idx: &[usize]) -> Vec<f64> {
    let k = x.first().map_or(0, Vec::len);
    let mut cols: Vec<Vec<f64>> = (0..k)
        .map(|j| ranks(&idx.iter().map(|&i| x[i][j]).collect::<Vec<_>>()))
        .collect();
    cols.push(ranks(&idx.iter().map(|&i| y[i]).collect::<Vec<_>>()));
    let centred: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| {
            let m = mean(c);
            c.iter().map(|v| v - m).collect()
        })
        .collect();
    let norms: Vec<f64> = centred
        .iter()
        .map(|c| c.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    if norms.contains(&0.0) {
        return vec![f64::NAN; k];
    }
    let m = k + 1;
    let corr: Vec<Vec<f64>> = (0..m)
        .map(|a| {
            (0..m)
                .map(|b| {
                    centred[a]
                        .iter()
                        .zip(&centred[b])
                        .map(|(p, q)| p * q)
                        .sum::<f64>()
                        / (norms[a] * norms[b])
                })
                .collect()
        })
        .collect();
    (0..k).map(|j| partial(&corr, j, k)).collect()
}

/// The partial correlation of variables `j` and `y` of a correlation matrix given all the others
/// `O` (the correlation of their residuals on `O`): with `R_OO⁻¹`,
/// `(R_jy − R_jO R_OO⁻¹ R_Oy) / √((R_jj − R_jO R_OO⁻¹ R_Oj)(R_yy − R_yO R_OO⁻¹ R_Oy))`.
fn partial(r: &[Vec<f64>], j: usize, y: usize) -> f64 {
    let o: Vec<usize> = (0..r.len()).filter(|&i| i != j && i != y).collect();
    let roo: Vec<Vec<f64>> = o
        .iter()
        .map(|&a| o.iter().map(|&b| r[a][b]).collect())
        .collect();
    let Some(inv) = invert(roo) else {
        return f64::NAN;
    };
    // q(a, b) = R_aO R_OO⁻¹ R_Ob
    let q = |a: usize, b: usize| -> f64 {
        let mut s = 0.0;
        for (p, &op) in o.iter().enumerate() {
            for (t, &ot) in o.iter().enumerate() {
                s += r[a][op] * inv[p][t] * r[ot][b];
            }
        }
        s
    };
    let vj = r[j][j] - q(j, j);
    let vy = r[y][y] - q(y, y);
    if vj <= 1e-12 || vy <= 1e-12 {
        return f64::NAN;
    }
    ((r[j][y] - q(j, y)) / (vj * vy).sqrt()).clamp(-1.0, 1.0)
}

/// The PRCC of each parameter (the columns of `x`, one row per design point) with `y`.
pub fn prcc(x: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let idx: Vec<usize> = (0..y.len()).collect();
    prcc_on(x, y, &idx)
}

/// The PRCC of each parameter with bootstrap percentile intervals at `level`.
pub fn prcc_with_intervals(
    x: &[Vec<f64>],
    y: &[f64],
    resamples: usize,
    level: f64,
    seed: u64,
) -> Vec<Estimate> {
    let k = x.first().map_or(0, Vec::len);
    let point = prcc(x, y);
    let boots: Vec<Vec<f64>> = bootstrap_indices(y.len(), resamples, seed)
        .iter()
        .map(|r| prcc_on(x, y, r))
        .collect();
    (0..k)
        .map(|j| {
            let b: Vec<f64> = boots.iter().map(|v| v[j]).collect();
            let (lo, hi) = percentile_interval(&b, level);
            Estimate::new(point[j], lo, hi)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::latin_hypercube;

    #[test]
    fn monotone_and_irrelevant_parameters() {
        let x = latin_hypercube(400, 3, 5);
        // y increases with x0, decreases with x1, ignores x2.
        let y: Vec<f64> = x.iter().map(|r| r[0].exp() - 3.0 * r[1].powi(3)).collect();
        let p = prcc_with_intervals(&x, &y, 200, 0.95, 9);
        assert!(p[0].estimate > 0.75 && p[1].estimate < -0.9, "{p:?}");
        assert!(p[2].ci_low < 0.0 && p[2].ci_high > 0.0, "{p:?}");
        // A perfectly monotone single-parameter output: PRCC 1.
        let y: Vec<f64> = x.iter().map(|r| r[0].powi(3)).collect();
        assert!((prcc(&x, &y)[0] - 1.0).abs() < 1e-9);
        // A constant output: undefined.
        assert!(prcc(&x, &vec![2.0; 400])[0].is_nan());
    }

    #[test]
    fn inverse_of_a_known_matrix() {
        let inv = invert(vec![vec![2.0, 1.0], vec![1.0, 3.0]]).unwrap();
        let want = [[0.6, -0.2], [-0.2, 0.4]];
        for i in 0..2 {
            for j in 0..2 {
                assert!((inv[i][j] - want[i][j]).abs() < 1e-12);
            }
        }
        assert!(invert(vec![vec![1.0, 2.0], vec![2.0, 4.0]]).is_none());
    }

    proptest::proptest! {
        /// PRCC lies in [−1, 1] and does not change under a monotone increasing transform of the
        /// output or of a parameter (it works on ranks).
        #[test]
        fn bounded_and_rank_invariant(seed: u64, n in 20usize..120) {
            let x = latin_hypercube(n, 3, seed);
            let y: Vec<f64> = x.iter().map(|r| r[0] + r[1] * r[2] + 0.3 * (7.0 * r[2]).sin()).collect();
            let p = prcc(&x, &y);
            let y2: Vec<f64> = y.iter().map(|v| (3.0 * v).exp()).collect();
            let x2: Vec<Vec<f64>> = x.iter().map(|r| vec![r[0].powi(5), r[1], r[2]]).collect();
            let q = prcc(&x2, &y2);
            for (a, b) in p.iter().zip(&q) {
                proptest::prop_assert!(a.abs() <= 1.0 + 1e-12);
                proptest::prop_assert!((a - b).abs() < 1e-9);
            }
        }
    }
}
