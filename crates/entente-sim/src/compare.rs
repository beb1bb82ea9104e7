//! Comparing two scenarios: both run on the same seed and run indices (common random numbers), so
//! each run of B is paired with the run of A that faced the same random numbers; the difference of
//! every shared measure gets the 95% confidence interval of its mean paired difference.
//!
//! With many runs almost any difference is significant, however small; so each measure has a
//! minimum important difference ([`default_mid`], overridable), and a significant difference below
//! it is flagged as not important. Outputs that are saturated (at one value in nearly every run)
//! are flagged too: a difference there says little about the mechanism.

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
    /// The measure's minimum important difference (0: none stated).
    pub mid: f64,
    /// Whether the difference is significant and at least the minimum important difference.
    pub important: bool,
}

/// The default minimum important difference of a measure, by its stem (the part after the last
/// `.`), in the measure's own units (`docs/sensitivity.md` gives the reasons); 0 for a measure
/// with none stated.
pub fn default_mid(measure: &str) -> f64 {
    let stem = measure.rsplit('.').next().unwrap_or(measure);
    match stem {
        // One more failure or escalation per 200 months: about one per two 10-year runs.
        "failure_rate" | "p_escalation" | "p_simultaneous_crises" => 0.005,
        // One percentage point of months or probes.
        "p_success" | "p_simultaneous" | "p_overstretch" | "probes" => 0.01,
        // Two points of the US force share, five of stretch.
        "us_share" => 0.02,
        "stretch" => 0.05,
        // One point of cohesion, two of belief or fear (thresholds are 0.45–0.55).
        "cohesion" | "cohesion_final" => 0.01,
        "belief_final" | "fear" => 0.02,
        // A tenth of a hedging onset per run.
        "internal_events" | "cooperation_events" | "accommodation_events" => 0.1,
        _ => 0.0,
    }
}

/// A saturated output: one value in at least the threshold share of runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Saturation {
    /// The measure, or a description of a group.
    pub what: String,
    /// The value it is stuck at.
    pub value: f64,
    /// The share of runs at that value.
    pub share: f64,
}

/// Measures whose most common value (the lowest or highest over runs) holds in at least
/// `threshold` of the runs.
pub fn saturated(runs: &Runs, threshold: f64) -> Vec<Saturation> {
    let n = runs.len();
    if n == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (j, name) in runs.names.iter().enumerate() {
        let c = runs.column(j);
        let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for v in [lo, hi] {
            let share = c.iter().filter(|&&x| x == v).count() as f64 / n as f64;
            if share >= threshold {
                out.push(Saturation {
                    what: name.clone(),
                    value: v,
                    share,
                });
                break;
            }
        }
    }
    out
}

/// The share of runs in which every ally of a group has at least one onset of `event` (for
/// example `internal_events`): "all East Asian allies hedge in 99.8% of runs".
pub fn all_allies(runs: &Runs, allies: &[String], event: &str) -> Option<f64> {
    let cols: Vec<usize> = allies
        .iter()
        .map(|a| runs.index(&format!("{a}.{event}")))
        .collect::<Option<_>>()?;
    let n = runs.len();
    if n == 0 || cols.is_empty() {
        return None;
    }
    let all = (0..n)
        .filter(|&r| cols.iter().all(|&j| runs.row(r)[j] >= 1.0))
        .count();
    Some(all as f64 / n as f64)
}

/// The paired differences of every measure that both have, in A's order; `mid` gives each
/// measure's minimum important difference (for example [`default_mid`]).
pub fn compare(a: &Runs, b: &Runs, mid: &dyn Fn(&str) -> f64) -> Vec<Difference> {
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
        let significant = s.mean_lo > 0.0 || s.mean_hi < 0.0;
        let m = mid(name);
        out.push(Difference {
            measure: name.clone(),
            a: ma,
            b: mb,
            diff: s.mean,
            lo: s.mean_lo,
            hi: s.mean_hi,
            significant,
            mid: m,
            important: significant && s.mean.abs() >= m,
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
        let d = compare(&a, &b, &|_| 0.1);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].diff, 0.5);
        assert_eq!((d[0].lo, d[0].hi), (0.5, 0.5));
        assert!(d[0].significant && d[0].important);
        // Significant but below the minimum important difference.
        let d = compare(&a, &b, &|_| 1.0);
        assert!(d[0].significant && !d[0].important);
    }

    #[test]
    fn default_mids_by_stem() {
        assert_eq!(default_mid("east_asia.failure_rate"), 0.005);
        assert_eq!(default_mid("japan.internal_events"), 0.1);
        assert_eq!(default_mid("cohesion"), 0.01);
        assert_eq!(default_mid("something_new"), 0.0);
    }

    #[test]
    fn saturation_and_all_allies() {
        // x: at 1 in 999 of 1000 runs; y: spread out.
        let mut values = Vec::new();
        for r in 0..1000 {
            values.push(if r == 0 { 0.0 } else { 1.0 });
            values.push(r as f64);
        }
        let runs = Runs {
            names: vec!["japan.internal_events".into(), "y".into()],
            values,
        };
        let s = saturated(&runs, 0.99);
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].what.as_str(), s[0].value, s[0].share),
            ("japan.internal_events", 1.0, 0.999)
        );
        assert!(saturated(&runs, 0.9995).is_empty());
        assert_eq!(
            all_allies(&runs, &["japan".into()], "internal_events"),
            Some(0.999)
        );
        assert_eq!(
            all_allies(&runs, &["korea".into()], "internal_events"),
            None
        );
    }
}
