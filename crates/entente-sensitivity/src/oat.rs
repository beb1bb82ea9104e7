//! One-at-a-time effects on common random numbers: run `r` of a point faced the same random
//! numbers as run `r` of the base point, so the effect of moving one parameter is the mean of the
//! paired differences, with the normal 95% interval of that mean (1.96 sd / √R, sd with divisor
//! R − 1): an interval of Monte Carlo error only.

use crate::Estimate;

/// The mean paired difference `other − base` over runs, with its 95% interval (NaN ends with
/// fewer than two runs).
pub fn paired_effect(base: &[f64], other: &[f64]) -> Estimate {
    let n = base.len().min(other.len());
    let d: Vec<f64> = (0..n).map(|r| other[r] - base[r]).collect();
    let m = d.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return Estimate::new(m, f64::NAN, f64::NAN);
    }
    let var = d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
    let half = 1.96 * var.sqrt() / (n as f64).sqrt();
    Estimate::new(m, m - half, m + half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_difference_and_interval() {
        let e = paired_effect(&[1.0, 2.0, 3.0], &[1.5, 2.5, 3.5]);
        assert_eq!((e.estimate, e.ci_low, e.ci_high), (0.5, 0.5, 0.5));
        let e = paired_effect(&[0.0, 0.0, 0.0, 0.0], &[1.0, 2.0, 3.0, 4.0]);
        let half = 1.96 * (5.0f64 / 3.0).sqrt() / 2.0;
        assert!((e.ci_high - 2.5 - half).abs() < 1e-12);
        assert!(paired_effect(&[1.0], &[2.0]).ci_low.is_nan());
    }
}
