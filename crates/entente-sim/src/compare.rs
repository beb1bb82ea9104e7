//! Comparing two scenarios: both run on the same seed and run indices (common random numbers), so
//! each run of B is paired with the run of A that faced the same random numbers; the difference of
//! every shared measure gets the 95% confidence interval of its mean paired difference.

use crate::runner::{Runs, Stat};
use serde::Serialize;

/// One measure compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// The measure.
    pub measure: String,
    /// Mean under A.
    pub a: f64,
    /// Mean under B.
    pub b: f64,
    /// Mean of B − A over paired runs.
    pub diff: f64,
    /// Lower end of its 95% confidence interval.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Whether the interval excludes 0.
    pub significant: bool,
}

/// The paired differences of every measure that both have, in A's order.
pub fn compare(a: &Runs, b: &Runs) -> Vec<Difference> {
    let n = a.len().min(b.len());
    let mut out = Vec::new();
    for (ja, name) in a.names.iter().enumerate() {
        let Some(jb) = b.index(name) else { continue };
        let ca = a.column(ja);
        let cb = b.column(jb);
        let d: Vec<f64> = (0..n).map(|r| cb[r] - ca[r]).collect();
        let s = Stat::of(&d);
        let ma = ca[..n].iter().sum::<f64>() / n as f64;
        let mb = cb[..n].iter().sum::<f64>() / n as f64;
        out.push(Difference {
            measure: name.clone(),
            a: ma,
            b: mb,
            diff: s.mean,
            lo: s.mean_lo,
            hi: s.mean_hi,
            significant: s.mean_lo > 0.0 || s.mean_hi < 0.0,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paired_difference() {
        let a = Runs {
            names: vec!["x".into(), "only_a".into()],
            values: vec![1.0, 0.0, 2.0, 0.0, 3.0, 0.0],
        };
        let b = Runs {
            names: vec!["x".into()],
            values: vec![1.5, 2.5, 3.5],
        };
        let d = compare(&a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].diff, 0.5);
        assert_eq!((d[0].lo, d[0].hi), (0.5, 0.5));
        assert!(d[0].significant);
    }
}
