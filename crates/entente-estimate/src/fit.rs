//! Maximum-likelihood fits with exact intervals: a Poisson rate (Garwood 1936), a binomial share
//! (Clopper & Pearson 1934), and the emboldening slope by profile likelihood (`docs/model.md` §4.1).

use serde::Serialize;
use statrs::distribution::{Beta, ChiSquared, ContinuousCDF};

/// A point estimate with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// The maximum-likelihood estimate.
    pub estimate: f64,
    /// Lower bound of the 95% interval.
    pub low: f64,
    /// Upper bound of the 95% interval.
    pub high: f64,
}

const ALPHA: f64 = 0.05;

fn chi2_quantile(p: f64, df: f64) -> f64 {
    match ChiSquared::new(df) {
        Ok(d) => d.inverse_cdf(p),
        Err(_) => f64::NAN,
    }
}

/// A Poisson rate `events / exposure` with Garwood's exact 95% interval (the chi-square form of the
/// gamma quantiles). `exposure` is in months; it must be positive.
pub fn poisson_rate(events: u64, exposure: f64) -> Interval {
    let k = events as f64;
    let low = if events == 0 {
        0.0
    } else {
        chi2_quantile(ALPHA / 2.0, 2.0 * k) / 2.0
    };
    let high = chi2_quantile(1.0 - ALPHA / 2.0, 2.0 * k + 2.0) / 2.0;
    Interval {
        estimate: k / exposure,
        low: low / exposure,
        high: high / exposure,
    }
}

/// A binomial share `x / n` with the Clopper–Pearson exact 95% interval. `None` when `n = 0`.
pub fn binomial_share(x: u64, n: u64) -> Option<Interval> {
    if n == 0 || x > n {
        return None;
    }
    let (xf, nf) = (x as f64, n as f64);
    let q = |p: f64, a: f64, b: f64| Beta::new(a, b).map(|d| d.inverse_cdf(p)).ok();
    let low = if x == 0 {
        0.0
    } else {
        q(ALPHA / 2.0, xf, nf - xf + 1.0)?
    };
    let high = if x == n {
        1.0
    } else {
        q(1.0 - ALPHA / 2.0, xf + 1.0, nf - xf)?
    };
    Some(Interval {
        estimate: xf / nf,
        low,
        high,
    })
}

/// One series for the slope: a challenger's events in one theatre, year by year, with the
/// theatre's local balance in each year.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// `(events in the year, months observed in the year, balance B that year)`.
    pub years: Vec<(u64, f64, f64)>,
}

/// The model's propensity at rate `lambda` and slope `beta`: `λ · 2 · logistic(−β B)` (§4).
fn shape(beta: f64, b: f64) -> f64 {
    2.0 / (1.0 + (beta * b).exp())
}

/// The profile log-likelihood of a common slope `beta`, each series' rate at its own maximum.
pub fn profile_loglik(series: &[Series], beta: f64) -> f64 {
    let mut ll = 0.0;
    for s in series {
        let n: u64 = s.years.iter().map(|y| y.0).sum();
        let expo: f64 = s.years.iter().map(|&(_, m, b)| m * shape(beta, b)).sum();
        if n == 0 || expo <= 0.0 {
            continue;
        }
        let lambda = n as f64 / expo;
        for &(k, m, b) in &s.years {
            let mu = lambda * m * shape(beta, b);
            if k > 0 {
                ll += k as f64 * mu.ln();
            }
            ll -= mu;
        }
    }
    ll
}

/// The slope's range searched: the model's domain (`β_p ≥ 0`: a favourable local balance never
/// deters probing less) up to 20, steep enough for any fit seen and small enough that `exp(β B)` stays
/// finite for balances within ±5 (a force ratio of 150). The estimate is the constrained maximum:
/// when the likelihood rises towards `β < 0`, it is 0 and the interval's lower end is 0.
pub const SLOPE_RANGE: (f64, f64) = (0.0, 20.0);

/// The maximum-likelihood common slope with its 95% profile-likelihood interval
/// (`2 (ℓ̂ − ℓ(β)) ≤ χ²₁(0.95)`). An interval end that reaches the searched range is reported as that
/// end: the data do not bound the slope there. `None` when no series has an event or no balance varies.
pub fn emboldening_slope(series: &[Series]) -> Option<Interval> {
    let any_events = series.iter().any(|s| s.years.iter().any(|y| y.0 > 0));
    let varies = series.iter().any(|s| {
        let mut bs = s.years.iter().map(|y| y.2);
        match bs.next() {
            Some(first) => bs.any(|b| (b - first).abs() > 1e-12),
            None => false,
        }
    });
    if !any_events || !varies {
        return None;
    }
    let (lo, hi) = SLOPE_RANGE;
    let f = |b: f64| profile_loglik(series, b);
    // A grid, then golden-section refinement around the best grid point.
    let steps = 400;
    let h = (hi - lo) / steps as f64;
    let mut best = lo;
    let mut best_ll = f(lo);
    for i in 1..=steps {
        let b = lo + h * i as f64;
        let v = f(b);
        if v > best_ll {
            best_ll = v;
            best = b;
        }
    }
    let (mut a, mut c) = ((best - h).max(lo), (best + h).min(hi));
    let g = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..100 {
        let x1 = c - g * (c - a);
        let x2 = a + g * (c - a);
        if f(x1) >= f(x2) {
            c = x2;
        } else {
            a = x1;
        }
    }
    let mle = (a + c) / 2.0;
    let lmax = f(mle).max(best_ll);
    let cut = lmax - chi2_quantile(0.95, 1.0) / 2.0;
    let bound = |towards: f64| {
        // Bisection between the estimate and the range's end, if the end is outside the interval.
        if f(towards) >= cut {
            return towards;
        }
        let (mut inside, mut outside) = (mle, towards);
        for _ in 0..100 {
            let m = (inside + outside) / 2.0;
            if f(m) >= cut {
                inside = m;
            } else {
                outside = m;
            }
        }
        (inside + outside) / 2.0
    };
    Some(Interval {
        estimate: mle,
        low: bound(lo),
        high: bound(hi),
    })
}

/// The per-series rate `λ` at a given slope (the rate at parity, `B = 0`).
pub fn rate_at_slope(s: &Series, beta: f64) -> Option<f64> {
    let n: u64 = s.years.iter().map(|y| y.0).sum();
    let expo: f64 = s.years.iter().map(|&(_, m, b)| m * shape(beta, b)).sum();
    (expo > 0.0).then(|| n as f64 / expo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garwood_matches_published_values() {
        // 12 events: exact 95% limits 6.201 and 20.96 (Garwood's table; R's poisson.test).
        let r = poisson_rate(12, 1.0);
        assert!((r.low - 6.200575).abs() < 1e-4, "{r:?}");
        assert!((r.high - 20.9616).abs() < 1e-3, "{r:?}");
        let z = poisson_rate(0, 10.0);
        assert_eq!(z.low, 0.0);
        assert!((z.high * 10.0 - 3.688879).abs() < 1e-4);
    }

    #[test]
    fn clopper_pearson_matches_published_values() {
        // 4 of 12: R's binom.test gives 0.09924609 to 0.65112449.
        let s = binomial_share(4, 12).unwrap();
        assert!((s.low - 0.09924609).abs() < 1e-6, "{s:?}");
        assert!((s.high - 0.65112449).abs() < 1e-6, "{s:?}");
        assert_eq!(binomial_share(0, 5).unwrap().low, 0.0);
        assert_eq!(binomial_share(5, 5).unwrap().high, 1.0);
        assert!(binomial_share(0, 0).is_none());
    }

    #[test]
    fn a_flat_balance_gives_no_slope() {
        let s = Series {
            years: vec![(1, 12.0, 0.3), (2, 12.0, 0.3)],
        };
        assert!(emboldening_slope(&[s]).is_none());
    }
}
