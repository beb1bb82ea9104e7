//! The table of assumed parameters and their plausible ranges (`scenarios/ranges.toml`), and
//! `--range NAME=LO:HI` overrides. Each parameter is a scenario field as a dotted path
//! (`coordination`, `us.deployable_share`), the same paths `entente sweep` takes.
//!
//! A range is either uniform on `[lo, hi]`, a gamma distribution (`shape`, `rate`): the
//! sampling distribution of a fitted Poisson rate, `k` events over `T` months giving
//! Gamma(shape = k, rate = T), or a beta distribution (`alpha`, `beta`): that of a fitted binomial
//! share, `x` of `n` giving Beta(x, n − x). A design maps a unit value `u` to a parameter value by
//! the distribution's quantile function, so a Latin hypercube or Sobol' design stays stratified in
//! probability. A gamma or beta entry's `lo` and `hi`, used by one-at-a-time designs, default to its
//! 2.5% and 97.5% quantiles.
//!
//! Each entry belongs to a group: `assumed` (the default; an assumption's plausible range, the
//! default set of `entente sensitivity`) or `fitted` (a parameter fitted by `entente estimate`,
//! drawn from its sampling distribution by `--parameter-uncertainty`, and varied by
//! `entente sensitivity` only when named with `--params`). An entry with `default = false` is in
//! neither default set: it is varied only when named (a switched-off mechanism's range, for one).

use crate::error::{Result, SensitivityError};
use serde::Deserialize;

/// How a parameter's values are spread over its range.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, Deserialize)]
pub enum Dist {
    /// Uniform on `[lo, hi]`.
    Uniform,
    /// Gamma with a shape and a rate (mean shape / rate).
    Gamma {
        /// Shape (for a fitted Poisson rate: the number of events).
        shape: f64,
        /// Rate (for a fitted Poisson rate: the exposure, in months).
        rate: f64,
    },
    /// Beta with two shapes (mean alpha / (alpha + beta)).
    Beta {
        /// First shape (for a fitted binomial share: the successes).
        alpha: f64,
        /// Second shape (for a fitted binomial share: the failures).
        beta: f64,
    },
}

/// Which kind of parameter an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
pub enum Group {
    /// An assumption with a plausible range: the default set of `entente sensitivity`.
    Assumed,
    /// A parameter fitted to data, drawn from its sampling distribution by parameter uncertainty.
    Fitted,
}

/// One parameter's range.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct Range {
    /// The scenario field, as a dotted path.
    pub name: String,
    /// Low end (a gamma's 2.5% quantile unless given).
    pub lo: f64,
    /// High end (a gamma's 97.5% quantile unless given).
    pub hi: f64,
    /// The distribution.
    pub dist: Dist,
    /// Assumed or fitted.
    pub group: Group,
    /// In the default sets (`default = true`, the default): sensitivity's for an assumed entry,
    /// parameter uncertainty's for both groups.
    pub in_default: bool,
    /// Where the range comes from, in one line.
    pub why: String,
}

/// The regularised lower incomplete gamma function P(a, x): the CDF of Gamma(a, 1) at x.
fn gamma_cdf(shape: f64, rate: f64, x: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else {
        statrs::function::gamma::gamma_lr(shape, rate * x)
    }
}

/// The CDF of Beta(alpha, beta) at x (the regularised incomplete beta function).
fn beta_cdf(alpha: f64, beta: f64, x: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else if x >= 1.0 {
        1.0
    } else {
        statrs::function::beta::beta_reg(alpha, beta, x)
    }
}

/// The quantile of Beta(alpha, beta) at `p` in [0, 1], by bisection on its CDF to machine
/// precision.
pub fn beta_quantile(alpha: f64, beta: f64, p: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if beta_cdf(alpha, beta, mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The quantile of Gamma(shape, rate) at `p` in [0, 1), by bisection on its CDF to machine
/// precision (statrs' own `inverse_cdf` stops after a few steps).
pub fn gamma_quantile(shape: f64, rate: f64, p: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    let mut hi = shape / rate + 1.0 / rate;
    while gamma_cdf(shape, rate, hi) < p {
        hi *= 2.0;
        if !hi.is_finite() {
            return f64::INFINITY;
        }
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if gamma_cdf(shape, rate, mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

impl Range {
    /// A uniform range, checked: finite ends, `lo < hi`.
    pub fn uniform(name: &str, lo: f64, hi: f64, why: &str) -> Result<Range> {
        let bad = |m: String| SensitivityError::Param {
            name: name.to_string(),
            message: m,
        };
        if !lo.is_finite() || !hi.is_finite() {
            return Err(bad(format!(
                "the bounds {lo} and {hi} must be finite numbers"
            )));
        }
        if lo > hi {
            return Err(bad(format!("the low end {lo} is above the high end {hi}")));
        }
        if lo == hi {
            return Err(bad(format!("the range {lo}:{hi} is empty")));
        }
        Ok(Range {
            name: name.to_string(),
            lo,
            hi,
            dist: Dist::Uniform,
            group: Group::Assumed,
            in_default: true,
            why: why.to_string(),
        })
    }

    /// The value at unit position `u` in [0, 1]: `lo + u (hi − lo)`, or the gamma's quantile.
    pub fn at(&self, u: f64) -> f64 {
        match self.dist {
            Dist::Uniform => self.lo + u * (self.hi - self.lo),
            Dist::Gamma { shape, rate } => gamma_quantile(shape, rate, u.min(1.0 - 1e-12)),
            Dist::Beta { alpha, beta } => beta_quantile(alpha, beta, u),
        }
    }

    /// Parses a `--range NAME=LO:HI` override (uniform).
    pub fn parse_override(spec: &str) -> Result<Range> {
        let (name, r) = spec
            .split_once('=')
            .ok_or_else(|| SensitivityError::Param {
                name: spec.to_string(),
                message: "expected NAME=LO:HI".into(),
            })?;
        let name = name.trim();
        let bad = |m: String| SensitivityError::Param {
            name: name.to_string(),
            message: m,
        };
        if name.is_empty() || name.split('.').any(str::is_empty) {
            return Err(bad(format!(
                "'{spec}': empty field name (expected NAME=LO:HI)"
            )));
        }
        let (lo, hi) = r
            .split_once(':')
            .ok_or_else(|| bad(format!("'{r}' is not LO:HI")))?;
        let num = |s: &str| -> Result<f64> {
            s.trim()
                .parse::<f64>()
                .map_err(|_| bad(format!("'{}' is not a number", s.trim())))
        };
        Range::uniform(name, num(lo)?, num(hi)?, "command line (--range)")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    name: String,
    lo: Option<f64>,
    hi: Option<f64>,
    #[serde(default = "uniform")]
    dist: String,
    shape: Option<f64>,
    rate: Option<f64>,
    alpha: Option<f64>,
    beta: Option<f64>,
    #[serde(default = "assumed")]
    group: String,
    #[serde(default = "yes")]
    default: bool,
    why: String,
}

fn yes() -> bool {
    true
}

fn uniform() -> String {
    "uniform".into()
}

fn assumed() -> String {
    "assumed".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    param: Vec<toml::Spanned<RawParam>>,
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// A range table: the parameters in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RangeTable {
    /// The ranges, in file order.
    pub ranges: Vec<Range>,
}

impl RangeTable {
    /// Parses and checks a range table (`file` names it in errors).
    pub fn parse(text: &str, file: &str) -> Result<RangeTable> {
        let err = |line: Option<usize>, message: String| SensitivityError::Table {
            file: file.to_string(),
            line,
            message,
        };
        let raw: RawTable = toml::from_str(text).map_err(|e| {
            err(
                e.span().map(|s| line_of(text, s.start)),
                e.message().trim().to_string(),
            )
        })?;
        let mut ranges: Vec<Range> = Vec::new();
        for sp in raw.param {
            let line = Some(line_of(text, sp.span().start));
            let p = sp.into_inner();
            let fail = |m: String| err(line, format!("parameter `{}`: {m}", p.name));
            if p.name.trim().is_empty() || p.name.split('.').any(str::is_empty) {
                return Err(err(line, "a parameter with an empty name".into()));
            }
            if ranges.iter().any(|r| r.name == p.name) {
                return Err(fail("listed twice".into()));
            }
            if p.why.trim().is_empty() {
                return Err(fail("`why` must say where the range comes from".into()));
            }
            let group = match p.group.as_str() {
                "assumed" => Group::Assumed,
                "fitted" => Group::Fitted,
                other => {
                    return Err(fail(format!(
                        "unknown group '{other}' (expected \"assumed\" or \"fitted\")"
                    )))
                }
            };
            if p.dist != "gamma" && (p.shape.is_some() || p.rate.is_some()) {
                return Err(fail("`shape` and `rate` are for dist = \"gamma\"".into()));
            }
            if p.dist != "beta" && (p.alpha.is_some() || p.beta.is_some()) {
                return Err(fail("`alpha` and `beta` are for dist = \"beta\"".into()));
            }
            if group == Group::Fitted && p.dist == "uniform" {
                return Err(fail(
                    "a fitted entry needs its sampling distribution: dist = \"gamma\" (a rate) or \"beta\" (a share)".into(),
                ));
            }
            // A sampling distribution's range: its 2.5% and 97.5% quantiles unless `lo`/`hi` are given.
            let quantile_range = |dist: Dist, quantile: &dyn Fn(f64) -> f64| {
                let lo = p.lo.unwrap_or_else(|| quantile(0.025));
                let hi = p.hi.unwrap_or_else(|| quantile(0.975));
                if !lo.is_finite() || !hi.is_finite() || lo >= hi {
                    return Err(fail(format!("bad low and high ends {lo}, {hi}")));
                }
                Ok(Range {
                    name: p.name.clone(),
                    lo,
                    hi,
                    dist,
                    group,
                    in_default: true,
                    why: p.why.clone(),
                })
            };
            let mut r = match p.dist.as_str() {
                "uniform" => {
                    let (Some(lo), Some(hi)) = (p.lo, p.hi) else {
                        return Err(fail("a uniform range needs `lo` and `hi`".into()));
                    };
                    Range::uniform(&p.name, lo, hi, &p.why).map_err(|e| match e {
                        SensitivityError::Param { message, .. } => fail(message),
                        other => other,
                    })?
                }
                "gamma" => {
                    let (Some(shape), Some(rate)) = (p.shape, p.rate) else {
                        return Err(fail("a gamma range needs `shape` and `rate`".into()));
                    };
                    if !(shape.is_finite() && shape > 0.0 && rate.is_finite() && rate > 0.0) {
                        return Err(fail(format!(
                            "shape {shape} and rate {rate} must be finite and > 0"
                        )));
                    }
                    quantile_range(Dist::Gamma { shape, rate }, &|q| {
                        gamma_quantile(shape, rate, q)
                    })?
                }
                "beta" => {
                    let (Some(alpha), Some(beta)) = (p.alpha, p.beta) else {
                        return Err(fail("a beta range needs `alpha` and `beta`".into()));
                    };
                    if !(alpha.is_finite() && alpha > 0.0 && beta.is_finite() && beta > 0.0) {
                        return Err(fail(format!(
                            "alpha {alpha} and beta {beta} must be finite and > 0 (for a share of 0 or n of n, use the Jeffreys x + 0.5, n - x + 0.5)"
                        )));
                    }
                    quantile_range(Dist::Beta { alpha, beta }, &|q| {
                        beta_quantile(alpha, beta, q)
                    })?
                }
                other => {
                    return Err(fail(format!(
                        "unknown dist '{other}' (expected \"uniform\", \"gamma\" or \"beta\")"
                    )))
                }
            };
            r.group = group;
            r.in_default = p.default;
            ranges.push(r);
        }
        Ok(RangeTable { ranges })
    }

    /// Reads and checks a range table file.
    pub fn read(path: &std::path::Path) -> Result<RangeTable> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| SensitivityError::Table {
            file: file.clone(),
            line: None,
            message: e.to_string(),
        })?;
        RangeTable::parse(&text, &file)
    }

    /// The names of the assumed parameters in the default set, in file order: the default set of
    /// `entente sensitivity`.
    pub fn assumed(&self) -> Vec<String> {
        self.ranges
            .iter()
            .filter(|r| r.group == Group::Assumed && r.in_default)
            .map(|r| r.name.clone())
            .collect()
    }

    /// The ranges that parameter uncertainty draws: every entry in the default set, assumed and
    /// fitted, in file order.
    pub fn uncertain(&self) -> Vec<Range> {
        self.ranges
            .iter()
            .filter(|r| r.in_default)
            .cloned()
            .collect()
    }

    /// Replaces a parameter's range, or adds it.
    pub fn set(&mut self, r: Range) {
        match self.ranges.iter_mut().find(|x| x.name == r.name) {
            Some(x) => *x = r,
            None => self.ranges.push(r),
        }
    }

    /// The ranges of the named parameters, in the order given; an unknown name is an error that
    /// names it and lists the known ones.
    pub fn select(&self, names: &[String]) -> Result<Vec<Range>> {
        names
            .iter()
            .map(|n| {
                self.ranges
                    .iter()
                    .find(|r| r.name == *n)
                    .cloned()
                    .ok_or_else(|| SensitivityError::Param {
                        name: n.clone(),
                        message: format!(
                            "no range for it (known: {}; add one with --range {n}=LO:HI)",
                            self.ranges
                                .iter()
                                .map(|r| r.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_uniform_and_gamma() {
        let t = RangeTable::parse(
            "[[param]]\nname = \"coordination\"\nlo = 0.0\nhi = 1.0\nwhy = \"a share\"\n\n[[param]]\nname = \"challenger.china.probe_rate\"\ndist = \"gamma\"\nshape = 13.0\nrate = 252.0\nwhy = \"MID fit\"\n",
            "r.toml",
        )
        .unwrap();
        assert_eq!(t.ranges.len(), 2);
        assert_eq!(t.ranges[0].at(0.25), 0.25);
        let g = &t.ranges[1];
        // The gamma's ends are its 2.5% and 97.5% quantiles, around the mean 13/252.
        assert!(g.lo < 13.0 / 252.0 && g.hi > 13.0 / 252.0);
        // Gamma(13, 252) 2.5% and 97.5% quantiles, from scipy.stats.gamma.ppf([.025, .975], 13, scale=1/252).
        assert!((g.lo - 0.027_467).abs() < 1e-5, "{}", g.lo);
        assert!((g.hi - 0.083_181).abs() < 1e-5, "{}", g.hi);
        assert!((g.at(0.5) - gamma_quantile(13.0, 252.0, 0.5)).abs() < 1e-15);
    }

    #[test]
    fn bad_tables_name_the_parameter_and_line() {
        let cases = [
            (
                "[[param]]\nname = \"x\"\nlo = 1.0\nhi = 0.0\nwhy = \"w\"\n",
                "above",
            ),
            (
                "[[param]]\nname = \"x\"\nlo = 1.0\nhi = 1.0\nwhy = \"w\"\n",
                "empty",
            ),
            (
                "[[param]]\nname = \"x\"\nlo = 0.0\nhi = inf\nwhy = \"w\"\n",
                "finite",
            ),
            (
                "[[param]]\nname = \"x\"\nlo = 0.0\nwhy = \"w\"\n",
                "needs `lo` and `hi`",
            ),
            (
                "[[param]]\nname = \"x\"\nlo = 0.0\nhi = 1.0\nwhy = \"\"\n",
                "why",
            ),
            (
                "[[param]]\nname = \"x\"\ndist = \"gamma\"\nshape = 0.0\nrate = 1.0\nwhy = \"w\"\n",
                "> 0",
            ),
            (
                "[[param]]\nname = \"x\"\ndist = \"weibull\"\nlo = 0.0\nhi = 1.0\nwhy = \"w\"\n",
                "unknown dist",
            ),
        ];
        for (text, want) in cases {
            let e = RangeTable::parse(text, "r.toml").unwrap_err().to_string();
            assert!(
                e.starts_with("r.toml:1: parameter `x`") && e.contains(want),
                "{e}"
            );
        }
        let twice = "[[param]]\nname = \"x\"\nlo = 0.0\nhi = 1.0\nwhy = \"w\"\n[[param]]\nname = \"x\"\nlo = 0.0\nhi = 1.0\nwhy = \"w\"\n";
        let e = RangeTable::parse(twice, "r.toml").unwrap_err().to_string();
        assert!(e.starts_with("r.toml:6:") && e.contains("twice"), "{e}");
    }

    #[test]
    fn groups_and_beta_entries() {
        let t = RangeTable::parse(
            "[[param]]\nname = \"coordination\"\nlo = 0.0\nhi = 1.0\nwhy = \"a share\"\n\n\
             [[param]]\nname = \"challenger.china.probe_rate\"\ngroup = \"fitted\"\ndist = \"gamma\"\nshape = 13.0\nrate = 252.0\nwhy = \"MID fit\"\n\n\
             [[param]]\nname = \"challenger.china.crisis_share\"\ngroup = \"fitted\"\ndist = \"beta\"\nalpha = 1.0\nbeta = 12.0\nwhy = \"1 of 13\"\n\n\
             [[param]]\nname = \"spillover\"\ngroup = \"assumed\"\nlo = 0.0\nhi = 1.0\nwhy = \"w\"\n\n\
             [[param]]\nname = \"channels.transfer_weight\"\ndefault = false\nlo = 0.0\nhi = 25.0\nwhy = \"w\"\n",
            "r.toml",
        )
        .unwrap();
        let groups: Vec<Group> = t.ranges.iter().map(|r| r.group).collect();
        assert_eq!(
            groups,
            [
                Group::Assumed,
                Group::Fitted,
                Group::Fitted,
                Group::Assumed,
                Group::Assumed
            ]
        );
        // The default set of `entente sensitivity` is the assumed entries only, without those
        // marked `default = false`; parameter uncertainty draws the fitted ones too.
        assert_eq!(t.assumed(), ["coordination", "spillover"]);
        let u: Vec<String> = t.uncertain().into_iter().map(|r| r.name).collect();
        assert_eq!(
            u,
            [
                "coordination",
                "challenger.china.probe_rate",
                "challenger.china.crisis_share",
                "spillover"
            ]
        );
        assert!(!t.ranges[4].in_default && t.ranges[0].in_default);
        let b = &t.ranges[2];
        assert_eq!(
            b.dist,
            Dist::Beta {
                alpha: 1.0,
                beta: 12.0
            }
        );
        // Beta(1, 12): CDF 1 - (1 - x)^12, so its quantiles are 1 - (1 - p)^(1/12).
        for p in [0.025f64, 0.5, 0.975] {
            let want = 1.0 - (1.0 - p).powf(1.0 / 12.0);
            assert!((b.at(p) - want).abs() < 1e-12, "{p}: {}", b.at(p));
        }
        assert!((b.lo - (1.0 - 0.975f64.powf(1.0 / 12.0))).abs() < 1e-12);
        assert_eq!((b.at(0.0), b.at(1.0)), (0.0, 1.0));
        // An override is an assumption's uniform range.
        assert_eq!(
            Range::parse_override("x=0:1").unwrap().group,
            Group::Assumed
        );
    }

    #[test]
    fn bad_groups_and_beta_entries_name_the_parameter_and_line() {
        let cases = [
            (
                "group = \"guessed\"\nlo = 0.0\nhi = 1.0\n",
                "unknown group 'guessed'",
            ),
            (
                "group = \"fitted\"\nlo = 0.0\nhi = 1.0\n",
                "a fitted entry needs its sampling distribution",
            ),
            ("dist = \"beta\"\nalpha = 1.0\n", "needs `alpha` and `beta`"),
            (
                "dist = \"beta\"\nalpha = 0.0\nbeta = 3.0\n",
                "must be finite and > 0",
            ),
            (
                "dist = \"beta\"\nalpha = 2.0\nbeta = nan\n",
                "must be finite and > 0",
            ),
            (
                "lo = 0.0\nhi = 1.0\nalpha = 2.0\n",
                "are for dist = \"beta\"",
            ),
            (
                "dist = \"beta\"\nalpha = 2.0\nbeta = 3.0\nshape = 1.0\n",
                "are for dist = \"gamma\"",
            ),
            ("lo = 0.0\nhi = 1.0\ngroup = 3\n", "invalid type"),
            ("lo = 0.0\nhi = 1.0\ndefault = \"no\"\n", "invalid type"),
        ];
        for (body, want) in cases {
            let text = format!("[[param]]\nname = \"x\"\nwhy = \"w\"\n{body}");
            let e = RangeTable::parse(&text, "r.toml").unwrap_err().to_string();
            assert!(e.starts_with("r.toml:") && e.contains(want), "{body}: {e}");
            if want != "invalid type" {
                assert!(e.starts_with("r.toml:1: parameter `x`"), "{e}");
            }
        }
    }

    #[test]
    fn overrides_and_selection() {
        let r = Range::parse_override("us.reserve_share=0.1:0.3").unwrap();
        assert_eq!((r.lo, r.hi), (0.1, 0.3));
        for (spec, want) in [
            ("x=1:0", "above"),
            ("x=1:1", "empty"),
            ("x=0:nan", "finite"),
            ("x=0:inf", "finite"),
            ("x=a:1", "not a number"),
            ("x=0", "LO:HI"),
        ] {
            let e = Range::parse_override(spec).unwrap_err().to_string();
            assert!(
                e.starts_with("parameter `x`") && e.contains(want),
                "{spec}: {e}"
            );
        }
        let mut t = RangeTable::default();
        t.set(r);
        t.set(Range::parse_override("us.reserve_share=0.0:0.5").unwrap());
        assert_eq!(t.ranges.len(), 1);
        assert_eq!(t.ranges[0].hi, 0.5);
        let e = t.select(&["spillover".into()]).unwrap_err().to_string();
        assert!(
            e.contains("`spillover`") && e.contains("us.reserve_share"),
            "{e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn gamma_quantile_inverts_the_cdf(shape in 0.5f64..60.0, rate in 1.0f64..500.0, p in 0.001f64..0.999) {
            let x = gamma_quantile(shape, rate, p);
            proptest::prop_assert!((gamma_cdf(shape, rate, x) - p).abs() < 1e-9);
        }

        #[test]
        fn beta_quantile_inverts_the_cdf(a in 0.3f64..40.0, b in 0.3f64..40.0, p in 0.001f64..0.999) {
            let x = beta_quantile(a, b, p);
            proptest::prop_assert!((beta_cdf(a, b, x) - p).abs() < 1e-9);
        }

        #[test]
        fn uniform_at_is_monotone_and_inside(lo in -10.0f64..10.0, w in 0.001f64..10.0, u in 0.0f64..1.0, v in 0.0f64..1.0) {
            let r = Range::uniform("x", lo, lo + w, "w").unwrap();
            let (a, b) = (r.at(u.min(v)), r.at(u.max(v)));
            proptest::prop_assert!(a <= b && a >= lo && b <= lo + w + 1e-12);
        }
    }
}
