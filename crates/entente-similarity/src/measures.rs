//! The measures, from one pair's contingency tables. For a pair (i, j) in a year, over the
//! comparison set K, `counts[a][b]` is the number of states k with x_ik = a and x_jk = b (a, b in
//! 0..=3), and `weighted[a][b]` the sum of the CINC weights of those k. Every measure of
//! `docs/similarity.md` is a function of these two tables. Undefined values (a zero denominator) are
//! `None`, never 0.

// The formulas index a 4×4 table by category on both axes; index loops read like the mathematics.
#![allow(clippy::needless_range_loop)]

/// Categories of the valued codings.
pub const CATS: usize = 4;

/// The two tables of a pair.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairTable {
    /// Counts of (x_ik, x_jk).
    pub counts: [[u32; CATS]; CATS],
    /// CINC-weighted counts.
    pub weighted: [[f64; CATS]; CATS],
}

impl PairTable {
    /// The table of two portfolios (values 0..=3) over the same comparison set, with weights.
    pub fn of(xi: &[u8], xj: &[u8], w: Option<&[f64]>) -> PairTable {
        let mut t = PairTable::default();
        let mut flat = [0u32; CATS * CATS];
        match w {
            Some(w) => {
                let mut fw = [0f64; CATS * CATS];
                for ((a, b), wk) in xi.iter().zip(xj).zip(w) {
                    let idx = usize::from(*a) * CATS + usize::from(*b);
                    flat[idx] += 1;
                    fw[idx] += wk;
                }
                for (i, v) in fw.iter().enumerate() {
                    t.weighted[i / CATS][i % CATS] = *v;
                }
            }
            None => {
                for (a, b) in xi.iter().zip(xj) {
                    flat[usize::from(*a) * CATS + usize::from(*b)] += 1;
                }
            }
        }
        for (i, v) in flat.iter().enumerate() {
            t.counts[i / CATS][i % CATS] = *v;
        }
        t
    }

    /// The binary table: categories 1..=3 collapsed into 1.
    pub fn binary(&self) -> PairTable {
        let mut t = PairTable::default();
        for a in 0..CATS {
            for b in 0..CATS {
                let (x, y) = (usize::from(a > 0), usize::from(b > 0));
                t.counts[x][y] += self.counts[a][b];
                t.weighted[x][y] += self.weighted[a][b];
            }
        }
        t
    }

    fn n(&self) -> f64 {
        self.counts.iter().flatten().map(|c| f64::from(*c)).sum()
    }

    fn margins(&self) -> ([f64; CATS], [f64; CATS]) {
        let n = self.n();
        let mut r = [0.0; CATS];
        let mut c = [0.0; CATS];
        for a in 0..CATS {
            for b in 0..CATS {
                let p = f64::from(self.counts[a][b]) / n;
                r[a] += p;
                c[b] += p;
            }
        }
        (r, c)
    }

    fn observed_agreement(&self) -> f64 {
        (0..CATS).map(|a| f64::from(self.counts[a][a])).sum::<f64>() / self.n()
    }
}

/// A distance between categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distance {
    /// |a − b|.
    Absolute,
    /// (a − b)².
    Squared,
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    if den == 0.0 || !den.is_finite() {
        None
    } else {
        let v = num / den;
        v.is_finite().then_some(v)
    }
}

/// Signorino & Ritter's S: 1 − 2 Σ w d / (d_max Σ w), with `d_max` the largest distance between
/// categories (3 or 9 valued, 1 binary). `weighted` uses the CINC-weighted table.
pub fn s_score(t: &PairTable, dist: Distance, d_max: f64, weighted: bool) -> Option<f64> {
    let mut num = 0.0;
    let mut den = 0.0;
    for a in 0..CATS {
        for b in 0..CATS {
            let m = if weighted {
                t.weighted[a][b]
            } else {
                f64::from(t.counts[a][b])
            };
            let d = (a as f64 - b as f64).abs();
            let d = match dist {
                Distance::Absolute => d,
                Distance::Squared => d * d,
            };
            num += m * d;
            den += m;
        }
    }
    ratio(2.0 * num, d_max * den).map(|x| 1.0 - x)
}

/// Scott's π: (p_o − p_e) / (1 − p_e), p_e = Σ_c ((n_ic + n_jc) / 2N)².
pub fn scott_pi(t: &PairTable) -> Option<f64> {
    let (r, c) = t.margins();
    let pe: f64 = (0..CATS).map(|a| ((r[a] + c[a]) / 2.0).powi(2)).sum();
    ratio(t.observed_agreement() - pe, 1.0 - pe)
}

/// Cohen's κ: (p_o − p_e) / (1 − p_e), p_e = Σ_c (n_ic / N)(n_jc / N).
pub fn cohen_kappa(t: &PairTable) -> Option<f64> {
    let (r, c) = t.margins();
    let pe: f64 = (0..CATS).map(|a| r[a] * c[a]).sum();
    ratio(t.observed_agreement() - pe, 1.0 - pe)
}

/// Cohen's κ with quadratic weights, exactly as R's `psych::cohen.kappa` computes its `weighted`
/// estimate: the categories are those present in either portfolio, numbered 1..L in order, and the
/// agreement weight of (a, b) is 1 − (index(a) − index(b))² / (L − 1)²; κ_w = (p_wo − p_wc)/(1 − p_wc).
/// With every category present this is the textbook 1 − Σ v o / Σ v e with v = (a − b)².
pub fn weighted_kappa_psych(t: &PairTable) -> Option<f64> {
    let (r, c) = t.margins();
    let present: Vec<usize> = (0..CATS).filter(|&a| r[a] > 0.0 || c[a] > 0.0).collect();
    let l = present.len();
    if l < 2 {
        return None;
    }
    let n = t.n();
    let scale = ((l - 1) * (l - 1)) as f64;
    let mut wpo = 0.0;
    let mut wpc = 0.0;
    for (ia, &a) in present.iter().enumerate() {
        for (ib, &b) in present.iter().enumerate() {
            let d = ia as f64 - ib as f64;
            let w = 1.0 - d * d / scale;
            wpo += w * f64::from(t.counts[a][b]) / n;
            wpc += w * r[a] * c[b];
        }
    }
    ratio(wpo - wpc, 1.0 - wpc)
}

/// Kendall's τ_b over the pairs of K: (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)), with ties in either
/// portfolio counted apart (n_1, n_2), as `scipy.stats.kendalltau`'s default.
pub fn kendall_tau_b(t: &PairTable) -> Option<f64> {
    let c = |a: usize, b: usize| f64::from(t.counts[a][b]);
    let n = t.n();
    let mut s = 0.0;
    for a in 0..CATS {
        for b in 0..CATS {
            if t.counts[a][b] == 0 {
                continue;
            }
            for a2 in (a + 1)..CATS {
                for b2 in 0..CATS {
                    if b2 > b {
                        s += c(a, b) * c(a2, b2);
                    } else if b2 < b {
                        s -= c(a, b) * c(a2, b2);
                    }
                }
            }
        }
    }
    let n0 = n * (n - 1.0) / 2.0;
    let rows: f64 = (0..CATS)
        .map(|a| {
            let r: f64 = (0..CATS).map(|b| c(a, b)).sum();
            r * (r - 1.0) / 2.0
        })
        .sum();
    let cols: f64 = (0..CATS)
        .map(|b| {
            let k: f64 = (0..CATS).map(|a| c(a, b)).sum();
            k * (k - 1.0) / 2.0
        })
        .sum();
    ratio(s, ((n0 - rows) * (n0 - cols)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(xi: &[u8], xj: &[u8]) -> PairTable {
        PairTable::of(xi, xj, None)
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn hand_computed_small_case() {
        // Four states; i = [3, 3, 0, 1], j = [3, 0, 3, 1].
        let x = t(&[3, 3, 0, 1], &[3, 0, 3, 1]);
        // Absolute: d = [0, 3, 3, 0], Σ = 6, d_max = 3, N = 4: S = 1 − 12/12 = 0.
        close(s_score(&x, Distance::Absolute, 3.0, false), 0.0);
        // Squared: Σ = 18, d_max = 9: S = 1 − 36/36 = 0.
        close(s_score(&x, Distance::Squared, 9.0, false), 0.0);
        // p_o = 2/4; margins i: {0: .25, 1: .25, 3: .5}, j the same; p_e(κ) = .0625+.0625+.25 = .375.
        close(cohen_kappa(&x), (0.5 - 0.375) / (1.0 - 0.375));
        // Scott's π: same margins, so the same.
        close(scott_pi(&x), (0.5 - 0.375) / (1.0 - 0.375));
        // Binary: i = [1,1,0,1], j = [1,0,1,1]: d = [0,1,1,0]: S = 1 − 2·2/4 = 0.
        close(s_score(&x.binary(), Distance::Absolute, 1.0, false), 0.0);
    }

    #[test]
    fn weighted_kappa_uses_psych_category_indices() {
        // Categories present {0, 1, 3}: psych indexes them 1, 2, 3, so (1, 3) is one step apart.
        let x = t(&[3, 3, 0, 1, 0], &[3, 1, 0, 1, 0]);
        // By hand: L = 3, weights 1 − (Δ)²/4. Observed (proportions /5): (3,3) 1, (3,1) 1, (0,0) 2, (1,1) 1.
        // Δ index for (3,1) = 1 → w = .75; wpo = (1 + .75 + 2 + 1)/5 = .95.
        // Margins i: 0:.4, 1:.2, 3:.4; j: 0:.4, 1:.4, 3:.2.
        let r = [0.4, 0.2, 0.4];
        let c = [0.4, 0.4, 0.2];
        let mut wpc = 0.0;
        for a in 0..3 {
            for b in 0..3 {
                let d = a as f64 - b as f64;
                wpc += (1.0 - d * d / 4.0) * r[a] * c[b];
            }
        }
        close(weighted_kappa_psych(&x), (0.95 - wpc) / (1.0 - wpc));
    }

    #[test]
    fn kendall_tau_b_by_hand() {
        // x = [1,2,3], y = [1,3,2]: concordant 2, discordant 1, no ties: τ = 1/3.
        close(kendall_tau_b(&t(&[1, 2, 3], &[1, 3, 2])), 1.0 / 3.0);
        // x = [0,0,1], y = [0,1,1]: pairs (1,2): x tie; (1,3): conc; (2,3): y tie. n0=3, n1=1, n2=1.
        close(kendall_tau_b(&t(&[0, 0, 1], &[0, 1, 1])), 1.0 / 2.0);
    }

    #[test]
    fn undefined_is_none() {
        // Identical constant portfolios: κ's denominator is 0.
        let x = t(&[2, 2, 2], &[2, 2, 2]);
        assert_eq!(cohen_kappa(&x), None);
        assert_eq!(scott_pi(&x), None);
        assert_eq!(weighted_kappa_psych(&x), None);
        assert_eq!(kendall_tau_b(&x), None);
        close(s_score(&x, Distance::Absolute, 3.0, false), 1.0);
    }

    fn portfolios() -> impl Strategy<Value = (Vec<u8>, Vec<u8>, Vec<f64>)> {
        (2usize..60).prop_flat_map(|n| {
            (
                proptest::collection::vec(0u8..4, n),
                proptest::collection::vec(0u8..4, n),
                proptest::collection::vec(0.0f64..1.0, n),
            )
        })
    }

    proptest! {
        #[test]
        fn bounds_and_symmetry((xi, xj, w) in portfolios()) {
            let a = PairTable::of(&xi, &xj, Some(&w));
            let b = PairTable::of(&xj, &xi, Some(&w));
            let all = |t: &PairTable| vec![
                s_score(t, Distance::Absolute, 3.0, false),
                s_score(t, Distance::Squared, 9.0, false),
                s_score(t, Distance::Absolute, 3.0, true),
                s_score(t, Distance::Squared, 9.0, true),
                s_score(&t.binary(), Distance::Absolute, 1.0, false),
                scott_pi(t), cohen_kappa(t), weighted_kappa_psych(t), kendall_tau_b(t),
                scott_pi(&t.binary()), cohen_kappa(&t.binary()),
            ];
            for (x, y) in all(&a).into_iter().zip(all(&b)) {
                prop_assert_eq!(x.is_some(), y.is_some());
                if let (Some(x), Some(y)) = (x, y) {
                    prop_assert!((-1.0 - 1e-12..=1.0 + 1e-12).contains(&x), "{}", x);
                    prop_assert!((x - y).abs() < 1e-12, "{} {}", x, y);
                }
            }
        }

        #[test]
        fn identity_scores_one((xi, _, w) in portfolios()) {
            let t = PairTable::of(&xi, &xi, Some(&w));
            prop_assert!((s_score(&t, Distance::Absolute, 3.0, false).unwrap() - 1.0).abs() < 1e-12);
            prop_assert!((s_score(&t, Distance::Squared, 9.0, true).unwrap_or(1.0) - 1.0).abs() < 1e-12);
            let constant = xi.iter().all(|v| *v == xi[0]);
            if !constant {
                prop_assert!((cohen_kappa(&t).unwrap() - 1.0).abs() < 1e-12);
                prop_assert!((weighted_kappa_psych(&t).unwrap() - 1.0).abs() < 1e-12);
                prop_assert!((scott_pi(&t).unwrap() - 1.0).abs() < 1e-12);
                prop_assert!((kendall_tau_b(&t).unwrap() - 1.0).abs() < 1e-12);
            }
        }

        #[test]
        fn binary_weighted_kappa_equals_plain((xi, xj, _) in portfolios()) {
            let b = PairTable::of(&xi, &xj, None).binary();
            prop_assert_eq!(weighted_kappa_psych(&b).map(|v| (v * 1e9).round()), cohen_kappa(&b).map(|v| (v * 1e9).round()));
        }
    }
}
