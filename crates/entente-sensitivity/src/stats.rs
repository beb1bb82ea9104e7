//! Small statistics shared by the estimators: means, population variance, quantiles, ranks and
//! bootstrap resamples. Every sum runs in index order, so results do not depend on threads.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// The mean (NaN for no values).
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The population variance (divisor n, "ddof 0" in numpy's terms).
pub fn var0(xs: &[f64]) -> f64 {
    let m = mean(xs);
    xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / xs.len() as f64
}

/// The empirical quantile `q` of sorted values (linear interpolation: R's type 7, numpy's default).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The percentile interval `[(1 − level)/2, (1 + level)/2]` of some values (NaNs dropped; NaN
/// ends when none is left).
pub fn percentile_interval(values: &[f64], level: f64) -> (f64, f64) {
    let mut s: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    s.sort_by(f64::total_cmp);
    let a = (1.0 - level) / 2.0;
    (quantile(&s, a), quantile(&s, 1.0 - a))
}

/// Ranks 1..n, ties given their average rank (scipy's `rankdata(method="average")`).
pub fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

/// `resamples` bootstrap resamples of `0..n` (each `n` indices drawn with replacement), from a
/// ChaCha8 generator seeded with `seed`: the same seed gives the same resamples on every machine.
pub fn bootstrap_indices(n: usize, resamples: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..resamples)
        .map(|_| (0..n).map(|_| rng.random_range(0..n)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(mean(&[1.0, 2.0, 3.0]), 2.0);
        assert!((var0(&[1.0, 2.0, 3.0, 4.0]) - 1.25).abs() < 1e-15);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.25), 2.0);
        assert!((quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.975) - 4.9).abs() < 1e-12);
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 20.0]), vec![1.0, 4.0, 2.5, 2.5]);
    }

    #[test]
    fn bootstrap_is_seeded_and_in_range() {
        let a = bootstrap_indices(50, 3, 7);
        assert_eq!(a, bootstrap_indices(50, 3, 7));
        assert_ne!(a, bootstrap_indices(50, 3, 8));
        assert!(a.iter().flatten().all(|&i| i < 50));
    }
}
