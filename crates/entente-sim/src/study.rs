//! Sensitivity studies of a scenario (`entente sensitivity`, `docs/sensitivity.md`): a design over
//! the assumed parameters' ranges (one-at-a-time, Latin hypercube or Saltelli's Sobol' design from
//! `entente-sensitivity`), each point a scenario set through the sweep's dotted fields
//! ([`Base::apply`]) and run on common random numbers (every point on the same seed and run
//! indices), then the indices: paired one-at-a-time effects, PRCC, or Sobol' first-order and total
//! indices. Points run in parallel, each writing its own slot, so results are byte-identical
//! whatever the thread count.

use crate::chart_title;
use crate::error::{Result, SimError};
use crate::sweep::Base;
use crate::{Calibration, Prepared, Work};
use entente_sensitivity::design::{latin_hypercube, one_at_a_time, saltelli, OatPoint};
use entente_sensitivity::tornado::{tornado, Bar};
use entente_sensitivity::{oat, prcc, sobol, Estimate, Range};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The shipped range table (`scenarios/ranges.toml`), built in for when no table is beside the
/// scenario.
pub const BUILTIN_RANGES: &str = include_str!("../../../scenarios/ranges.toml");

/// Simulated run-months of a design: points × runs × months.
pub fn cost(points: usize, runs: u64, months: u32) -> u128 {
    points as u128 * runs as u128 * months as u128
}

/// A design method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One at a time: each parameter to the ends of its range, the others at the scenario's values.
    Oat,
    /// A Latin hypercube, analysed by partial rank correlation.
    Lhs,
    /// Saltelli's design on a Sobol' sequence, analysed by first-order and total indices.
    Sobol,
}

impl Method {
    /// The number of design points for `k` parameters and `samples` samples.
    pub fn points(self, k: usize, samples: usize) -> usize {
        match self {
            Method::Oat => 2 * k + 1,
            Method::Lhs => samples,
            Method::Sobol => samples.saturating_mul(k + 2),
        }
    }
}

/// A design: the parameters and, per point, a label and the parameters' values.
#[derive(Debug, Clone)]
pub struct Design {
    /// The method.
    pub method: Method,
    /// The parameters' ranges.
    pub ranges: Vec<Range>,
    /// The scenario's own value of each parameter.
    pub base: Vec<f64>,
    /// Per point: what it is (`base`, `low`, `high`; `A`, `AB`, `B`; `lhs`).
    pub kinds: Vec<String>,
    /// Per point: the sample it belongs to (Sobol', LHS) or the parameter moved (OAT), if any.
    pub group: Vec<Option<usize>>,
    /// Per point: the parameters' values.
    pub values: Vec<Vec<f64>>,
}

fn invalid(name: &str, m: &str) -> SimError {
    SimError::Invalid(format!("parameter `{name}`: {m}"))
}

/// Builds a design over `ranges` on the scenario `base`; `seed` drives the design's own random
/// numbers (LHS permutations, the Sobol' scramble). Each parameter must be a numeric field.
pub fn design(
    base: &Base,
    ranges: Vec<Range>,
    method: Method,
    samples: usize,
    seed: u64,
) -> Result<Design> {
    if ranges.is_empty() {
        return Err(SimError::Invalid(
            "a sensitivity design needs parameters".into(),
        ));
    }
    let mut own = Vec::new();
    for r in &ranges {
        let v = base.value(&r.name).ok_or_else(|| {
            invalid(
                &r.name,
                "not a numeric field of the scenario (a dotted path such as us.deployable_share)",
            )
        })?;
        own.push(v);
    }
    let k = ranges.len();
    let unit_to = |u: &[f64]| -> Vec<f64> { ranges.iter().zip(u).map(|(r, &u)| r.at(u)).collect() };
    let (mut kinds, mut group, mut values) = (Vec::new(), Vec::new(), Vec::new());
    match method {
        Method::Oat => {
            for p in one_at_a_time(k) {
                let mut v = own.clone();
                let (kind, g) = match p {
                    OatPoint::Base => ("base", None),
                    OatPoint::Low(i) => {
                        v[i] = ranges[i].lo;
                        ("low", Some(i))
                    }
                    OatPoint::High(i) => {
                        v[i] = ranges[i].hi;
                        ("high", Some(i))
                    }
                };
                kinds.push(kind.to_string());
                group.push(g);
                values.push(v);
            }
        }
        Method::Lhs => {
            if samples < k + 3 {
                return Err(SimError::Invalid(format!(
                    "a Latin hypercube of {k} parameters needs at least {} samples for partial rank correlations",
                    k + 3
                )));
            }
            for (i, u) in latin_hypercube(samples, k, seed).iter().enumerate() {
                kinds.push("lhs".into());
                group.push(Some(i));
                values.push(unit_to(u));
            }
        }
        Method::Sobol => {
            let d = saltelli(samples, k, seed).map_err(|e| SimError::Invalid(e.to_string()))?;
            for (n, u) in d.rows.iter().enumerate() {
                let pos = n % (k + 2);
                kinds.push(match pos {
                    0 => "A".to_string(),
                    p if p == k + 1 => "B".to_string(),
                    p => format!("AB:{}", ranges[p - 1].name),
                });
                group.push(Some(n / (k + 2)));
                values.push(unit_to(u));
            }
        }
    }
    Ok(Design {
        method,
        ranges,
        base: own,
        kinds,
        group,
        values,
    })
}

/// `k` parameter draws over `ranges` for a nested parameter-uncertainty design: a Latin hypercube
/// of `k` points, stratified in each parameter's probability (a gamma or beta range by its
/// quantiles, so a fitted rate or share is drawn from its sampling distribution).
pub fn draws(base: &Base, ranges: Vec<Range>, k: usize, seed: u64) -> Result<Design> {
    if k < 2 {
        return Err(SimError::Invalid(format!(
            "--draws {k}: parameter uncertainty needs at least 2 draws"
        )));
    }
    let mut own = Vec::new();
    for r in &ranges {
        own.push(
            base.value(&r.name)
                .ok_or_else(|| invalid(&r.name, "not a numeric field of the scenario"))?,
        );
    }
    let values: Vec<Vec<f64>> = latin_hypercube(k, ranges.len(), seed)
        .iter()
        .map(|u| ranges.iter().zip(u).map(|(r, &u)| r.at(u)).collect())
        .collect();
    Ok(Design {
        method: Method::Lhs,
        ranges,
        base: own,
        kinds: vec!["draw".into(); k],
        group: (0..k).map(Some).collect(),
        values,
    })
}

/// Splits `ranges` for a paired design of scenarios `a` and `b`: the parameters both scenarios
/// set to the same value (to a relative 10⁻⁴, so that a rate written as 0.047619 is 12/252) are
/// drawn (returned first); those on which they differ, or that one of
/// them lacks, are held at each scenario's own value (their names returned second), since drawing
/// them would erase the very difference being compared.
pub fn shared_ranges(a: &Base, b: &Base, ranges: Vec<Range>) -> (Vec<Range>, Vec<String>) {
    let mut held = Vec::new();
    let mut kept = Vec::new();
    for r in ranges {
        match (a.value(&r.name), b.value(&r.name)) {
            (Some(x), Some(y)) if (x - y).abs() <= 1e-4 * x.abs().max(y.abs()) => kept.push(r),
            _ => held.push(r.name),
        }
    }
    (kept, held)
}

/// A measure's spread over parameter draws: the mean of the per-draw means and the 2.5% and 97.5%
/// percentiles of the per-draw means. It reflects parameter uncertainty; it does not shrink as
/// runs per draw grow (Monte Carlo error does).
#[derive(Debug, Clone, PartialEq)]
pub struct ParamInterval {
    /// The measure.
    pub measure: String,
    /// The mean over draws of the per-draw means.
    pub mean: f64,
    /// 2.5th percentile of the per-draw means.
    pub lo: f64,
    /// 97.5th percentile of the per-draw means.
    pub hi: f64,
}

/// The parameter interval of every measure of a draws design's runs.
pub fn parameter_intervals(r: &StudyRuns) -> Vec<ParamInterval> {
    (0..r.measures.len())
        .map(|m| {
            let means = r.means(m);
            let (lo, hi) = entente_sensitivity::stats::percentile_interval(&means, 0.95);
            ParamInterval {
                measure: r.measures[m].clone(),
                mean: entente_sensitivity::stats::mean(&means),
                lo,
                hi,
            }
        })
        .collect()
}

/// Paired parameter intervals of B − A: for each measure both have, the 2.5% and 97.5%
/// percentiles over draws of the per-draw mean difference (B and A run on the same draws and the
/// same seed). Each per-draw mean carries its Monte Carlo error, so the interval includes both
/// sources.
pub fn paired_parameter_intervals(a: &StudyRuns, b: &StudyRuns) -> Vec<ParamInterval> {
    let mut out = Vec::new();
    for (ma, name) in a.measures.iter().enumerate() {
        let Some(mb) = b.measures.iter().position(|n| n == name) else {
            continue;
        };
        let (xa, xb) = (a.means(ma), b.means(mb));
        let d: Vec<f64> = xa.iter().zip(&xb).map(|(p, q)| q - p).collect();
        let (lo, hi) = entente_sensitivity::stats::percentile_interval(&d, 0.95);
        out.push(ParamInterval {
            measure: name.clone(),
            mean: entente_sensitivity::stats::mean(&d),
            lo,
            hi,
        });
    }
    out
}

/// The measures of every point: per point, per measure, the value of every run.
#[derive(Debug, Clone)]
pub struct StudyRuns {
    /// The measures, as named in `runs.csv`.
    pub measures: Vec<String>,
    /// `[point][measure][run]`.
    pub values: Vec<Vec<Vec<f64>>>,
    /// The first point's calibration (for the manifest's inputs).
    pub calibration: Calibration,
    /// Theatre ids and names (of the first point).
    pub theatres: Vec<(String, String)>,
}

impl StudyRuns {
    /// The mean over runs of measure `m` at each point.
    pub fn means(&self, m: usize) -> Vec<f64> {
        self.values
            .iter()
            .map(|p| p[m].iter().sum::<f64>() / p[m].len() as f64)
            .collect()
    }
}

/// The default measures: per theatre its failure rate, and its fear and cohesion where the model
/// reports them per theatre; else the system's cohesion.
pub fn default_measures(names: &[String], theatres: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let has = |n: &str| names.iter().any(|x| x == n);
    for t in theatres {
        for m in ["failure_rate", "fear", "cohesion"] {
            let n = format!("{t}.{m}");
            if has(&n) {
                out.push(n);
            }
        }
    }
    if !theatres.iter().any(|t| has(&format!("{t}.cohesion"))) && has("cohesion") {
        out.push("cohesion".into());
    }
    out
}

/// How a design's points are run.
#[derive(Debug, Clone, Copy)]
pub struct RunSpec<'a> {
    /// The data directory, if any (the calibration falls back to built-in figures).
    pub store: Option<&'a entente_data::Store>,
    /// Runs per point.
    pub runs: u64,
    /// The seed of every point (common random numbers).
    pub seed: u64,
    /// Worker threads (0: one per core); results do not depend on it.
    pub threads: usize,
    /// The measures kept (default: [`default_measures`]).
    pub measures: Option<&'a [String]>,
}

/// Runs every point of a design, `spec.runs` runs each on `spec.seed` (common random numbers),
/// points in parallel; `on_point` is called with the number of points done.
pub fn run_design(
    base: &Base,
    d: &Design,
    spec: RunSpec,
    on_point: &(dyn Fn(usize) + Sync),
) -> Result<StudyRuns> {
    let RunSpec {
        store,
        runs,
        seed,
        threads,
        measures,
    } = spec;
    let names: Vec<&str> = d.ranges.iter().map(|r| r.name.as_str()).collect();
    let prepare = |vals: &[f64]| -> Result<Prepared> {
        let settings: Vec<(&str, f64)> = names.iter().copied().zip(vals.iter().copied()).collect();
        let mut s = base.apply(&settings)?;
        s.runs = runs;
        s.seed = seed;
        Prepared::new(s, store)
    };
    let first = prepare(
        d.values
            .first()
            .ok_or_else(|| SimError::Invalid("the design has no points".into()))?,
    )?;
    let all = first.model.metric_names();
    let theatres: Vec<(String, String)> = first
        .model
        .theatre_ids
        .iter()
        .cloned()
        .zip(first.model.theatre_names.iter().cloned())
        .collect();
    let chosen: Vec<String> = match measures {
        Some(m) => m.to_vec(),
        None => default_measures(&all, &first.model.theatre_ids),
    };
    let mut cols = Vec::new();
    for m in &chosen {
        let j = all.iter().position(|n| n == m).ok_or_else(|| {
            SimError::Invalid(format!(
                "measure `{m}` is not one the simulation reports (see runs.csv of `entente simulate`; for example {})",
                all.iter().take(6).cloned().collect::<Vec<_>>().join(", ")
            ))
        })?;
        cols.push(j);
    }
    if cols.is_empty() {
        return Err(SimError::Invalid("no measures to analyse".into()));
    }
    let pool = crate::runner::pool(threads)?;
    let done = AtomicUsize::new(0);
    let values: Vec<Vec<Vec<f64>>> = pool.install(|| {
        d.values
            .par_iter()
            .map(|vals| -> Result<Vec<Vec<f64>>> {
                let p = prepare(vals)?;
                if p.model.metric_names() != all {
                    return Err(SimError::Invalid(
                        "a design point changed the simulation's measures".into(),
                    ));
                }
                let mut w = Work::new(&p.model);
                let mut row = vec![0.0; p.model.n_metrics()];
                let mut out = vec![Vec::with_capacity(runs as usize); cols.len()];
                for r in 0..runs {
                    p.model.run(r, &mut w, &mut row);
                    for (o, &j) in out.iter_mut().zip(&cols) {
                        o.push(row[j]);
                    }
                }
                on_point(done.fetch_add(1, Ordering::Relaxed) + 1);
                Ok(out)
            })
            .collect::<Result<Vec<_>>>()
    })?;
    Ok(StudyRuns {
        measures: chosen,
        values,
        calibration: first.calibration,
        theatres,
    })
}

/// One row of `indices.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    /// The parameter.
    pub parameter: String,
    /// The measure.
    pub measure: String,
    /// `oat_low`, `oat_high`, `prcc`, `first_order` or `total`.
    pub index: &'static str,
    /// The estimate and its interval.
    pub value: Estimate,
}

/// The indices of a design's runs: one-at-a-time paired effects (95% Monte Carlo intervals), or
/// PRCC / Sobol' indices of the per-point means with bootstrap intervals at 95% from `resamples`
/// resamples drawn with `seed`.
pub fn analyse(d: &Design, r: &StudyRuns, resamples: usize, seed: u64) -> Result<Vec<IndexRow>> {
    let k = d.ranges.len();
    let mut rows = Vec::new();
    for (m, measure) in r.measures.iter().enumerate() {
        let row = |i: usize, index: &'static str, value: Estimate| IndexRow {
            parameter: d.ranges[i].name.clone(),
            measure: measure.clone(),
            index,
            value,
        };
        match d.method {
            Method::Oat => {
                let base = &r.values[0][m];
                for (p, (kind, g)) in d.kinds.iter().zip(&d.group).enumerate() {
                    if let Some(i) = g {
                        let idx = if kind == "low" { "oat_low" } else { "oat_high" };
                        rows.push(row(*i, idx, oat::paired_effect(base, &r.values[p][m])));
                    }
                }
            }
            Method::Lhs => {
                let y = r.means(m);
                let est = prcc::prcc_with_intervals(&d.values, &y, resamples, 0.95, seed);
                for (i, e) in est.into_iter().enumerate() {
                    rows.push(row(i, "prcc", e));
                }
            }
            Method::Sobol => {
                let y = r.means(m);
                let s = sobol::sobol_indices(&y, k, resamples, 0.95, seed)
                    .map_err(|e| SimError::Invalid(e.to_string()))?;
                for (i, e) in s.into_iter().enumerate() {
                    rows.push(row(i, "first_order", e.first));
                    rows.push(row(i, "total", e.total));
                }
            }
        }
    }
    Ok(rows)
}

fn csv_err(e: impl std::fmt::Display) -> SimError {
    SimError::Invalid(format!("CSV: {e}"))
}

/// A number for CSV: empty when undefined (never a made-up 0).
fn cell(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        String::new()
    }
}

/// `indices.csv`: parameter, measure, index, estimate, ci_low, ci_high.
pub fn indices_csv(rows: &[IndexRow]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "parameter",
        "measure",
        "index",
        "estimate",
        "ci_low",
        "ci_high",
    ])
    .map_err(csv_err)?;
    for r in rows {
        w.write_record([
            r.parameter.clone(),
            r.measure.clone(),
            r.index.to_string(),
            cell(r.value.estimate),
            cell(r.value.ci_low),
            cell(r.value.ci_high),
        ])
        .map_err(csv_err)?;
    }
    String::from_utf8(w.into_inner().map_err(csv_err)?).map_err(csv_err)
}

/// `points.csv`: one row per design point: its number, kind, sample, the parameters' values and
/// each measure's mean over runs.
pub fn points_csv(d: &Design, r: &StudyRuns) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["point".to_string(), "kind".into(), "sample".into()];
    header.extend(d.ranges.iter().map(|x| x.name.clone()));
    header.extend(r.measures.iter().cloned());
    w.write_record(&header).map_err(csv_err)?;
    let means: Vec<Vec<f64>> = (0..r.measures.len()).map(|m| r.means(m)).collect();
    for (p, vals) in d.values.iter().enumerate() {
        let mut rec = vec![
            p.to_string(),
            d.kinds[p].clone(),
            match (d.method, d.group[p]) {
                (Method::Oat, Some(i)) => d.ranges[i].name.clone(),
                (_, Some(g)) => g.to_string(),
                (_, None) => String::new(),
            },
        ];
        rec.extend(vals.iter().map(|v| v.to_string()));
        rec.extend(means.iter().map(|m| cell(m[p])));
        w.write_record(&rec).map_err(csv_err)?;
    }
    String::from_utf8(w.into_inner().map_err(csv_err)?).map_err(csv_err)
}

/// One tornado chart per measure: `(file name, SVG)`. Rows sorted by importance: the larger end
/// effect (OAT), |PRCC| (LHS) or the total index (Sobol').
pub fn charts(d: &Design, r: &StudyRuns, rows: &[IndexRow]) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let (series, x_label): (Vec<&str>, &str) = match d.method {
        Method::Oat => (
            vec!["parameter at the low end of its range", "at the high end"],
            "change in the mean from the scenario as written (95% Monte Carlo interval)",
        ),
        Method::Lhs => (
            vec!["partial rank correlation"],
            "partial rank correlation with the measure's mean (95% bootstrap interval)",
        ),
        Method::Sobol => (
            vec!["first order (alone)", "total (alone and in interactions)"],
            "share of the variance of the measure's mean (95% bootstrap interval)",
        ),
    };
    let idx: Vec<&str> = match d.method {
        Method::Oat => vec!["oat_low", "oat_high"],
        Method::Lhs => vec!["prcc"],
        Method::Sobol => vec!["first_order", "total"],
    };
    let nan = Estimate::new(f64::NAN, f64::NAN, f64::NAN);
    for measure in &r.measures {
        let mut bars: Vec<(f64, Bar)> = d
            .ranges
            .iter()
            .map(|range| {
                let values: Vec<Estimate> = idx
                    .iter()
                    .map(|i| {
                        rows.iter()
                            .find(|x| {
                                x.measure == *measure && x.parameter == range.name && x.index == *i
                            })
                            .map_or(nan, |x| x.value)
                    })
                    .collect();
                let key = match d.method {
                    Method::Sobol => values[1].estimate,
                    _ => values.iter().map(|v| v.estimate.abs()).fold(0.0, f64::max),
                };
                let label = format!("{} ({}–{})", range.name, short(range.lo), short(range.hi));
                (
                    if key.is_finite() { key } else { -1.0 },
                    Bar { label, values },
                )
            })
            .collect();
        bars.sort_by(|a, b| b.0.total_cmp(&a.0));
        let bars: Vec<Bar> = bars.into_iter().map(|(_, b)| b).collect();
        let title = format!("What drives it: {}", chart_title(measure, &r.theatres));
        let svg = tornado(&title, x_label, &series, &bars)
            .map_err(|e| SimError::Invalid(e.to_string()))?;
        out.push((format!("tornado_{measure}.svg"), svg));
    }
    Ok(out)
}

fn short(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_sensitivity::RangeTable;

    fn small() -> (Base, Vec<Range>) {
        let base = Base::new("runs = 20\nhorizon_months = 24\n", "s.toml").unwrap();
        let t = RangeTable::parse(
            "[[param]]\nname = \"coordination\"\nlo = 0.0\nhi = 1.0\nwhy = \"w\"\n[[param]]\nname = \"probes.rate_multiplier\"\nlo = 0.5\nhi = 2.0\nwhy = \"w\"\n",
            "r.toml",
        )
        .unwrap();
        (base, t.ranges)
    }

    #[test]
    fn designs_have_the_right_points() {
        let (base, ranges) = small();
        let d = design(&base, ranges.clone(), Method::Oat, 0, 1).unwrap();
        assert_eq!(d.values.len(), 5);
        assert_eq!(d.values[0], vec![0.3, 1.0]);
        assert_eq!(d.values[4], vec![0.3, 2.0]);
        let d = design(&base, ranges.clone(), Method::Sobol, 8, 1).unwrap();
        assert_eq!(d.values.len(), Method::Sobol.points(2, 8));
        assert_eq!(d.kinds[1], "AB:coordination");
        let mut bad = ranges;
        bad[0].name = "us.deployable".into();
        let e = design(&base, bad, Method::Lhs, 20, 1)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("parameter `us.deployable`"), "{e}");
    }

    #[test]
    fn the_probe_rate_multiplier_drives_probes_and_threads_do_not_matter() {
        let (base, ranges) = small();
        let d = design(&base, ranges, Method::Oat, 0, 1).unwrap();
        let ms = vec![
            "east_asia.probes".to_string(),
            "east_asia.failure_rate".to_string(),
        ];
        let spec = |threads| RunSpec {
            store: None,
            runs: 20,
            seed: 5,
            threads,
            measures: Some(&ms),
        };
        let one = run_design(&base, &d, spec(1), &|_| {}).unwrap();
        let two = run_design(&base, &d, spec(2), &|_| {}).unwrap();
        assert_eq!(one.values, two.values);
        let rows = analyse(&d, &one, 0, 1).unwrap();
        let get = |p: &str, i: &str, m: &str| {
            rows.iter()
                .find(|r| r.parameter == p && r.index == i && r.measure == m)
                .unwrap()
                .value
        };
        // Halving the probe rates lowers probing, doubling raises it.
        assert!(get("probes.rate_multiplier", "oat_low", "east_asia.probes").ci_high < 0.0);
        assert!(get("probes.rate_multiplier", "oat_high", "east_asia.probes").ci_low > 0.0);
        // A multiplier of 0: no probes at all.
        let s = base.apply(&[("probes.rate_multiplier", 0.0)]).unwrap();
        let p = Prepared::new(s, None).unwrap();
        let runs = crate::run(&p.model, 10, 1).unwrap();
        let j = runs.index("east_asia.probes").unwrap();
        assert!(runs.column(j).iter().all(|&v| v == 0.0));
        let e = base
            .apply(&[("probes.rate_multiplier", 11.0)])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("probes.rate_multiplier") && e.contains("out of range"),
            "{e}"
        );
        let csv = indices_csv(&rows).unwrap();
        assert!(csv.starts_with("parameter,measure,index,estimate,ci_low,ci_high\n"));
        let svgs = charts(&d, &one, &rows).unwrap();
        assert_eq!(svgs.len(), 2);
        assert!(svgs[0].1.contains("probes.rate_multiplier (0.5–2)"));
        let pts = points_csv(&d, &one).unwrap();
        assert_eq!(pts.lines().count(), 6);
    }

    /// The parameter interval is not Monte Carlo error: quadrupling the runs per draw (100 to 400)
    /// at a fixed number of draws halves the Monte Carlo interval but does not narrow the parameter
    /// interval — on five seeds, over the shipped table's assumed and fitted entries.
    #[test]
    fn parameter_interval_does_not_narrow_with_runs() {
        // The whole default horizon and a hundred runs or more: with the fitted (low) probe rates,
        // failures in 24 months are so rare that a standard deviation from 25 runs is too noisy to
        // show the 1/√n law.
        // Every entry of the shipped table, as `--parameter-uncertainty` draws them: the assumed
        // parameters from their ranges and the fitted rates and shares from their sampling
        // distributions.
        let ranges = RangeTable::parse(BUILTIN_RANGES, "ranges.toml")
            .unwrap()
            .uncertain();
        assert!(ranges.len() >= 16);
        let base = Base::new("runs = 20\n", "s.toml").unwrap();
        let ms = vec!["east_asia.failure_rate".to_string()];
        for seed in 1..=5u64 {
            let d = draws(&base, ranges.clone(), 20, seed).unwrap();
            let width = |runs: u64| {
                let spec = RunSpec {
                    store: None,
                    runs,
                    seed,
                    threads: 0,
                    measures: Some(&ms),
                };
                let r = run_design(&base, &d, spec, &|_| {}).unwrap();
                let p = &parameter_intervals(&r)[0];
                // The Monte Carlo interval of the first draw's mean, before it is clamped to the
                // runs' range (the clamp would blur the 1/√n law at few runs).
                let xs = &r.values[0][0];
                let s = crate::Stat::of(xs);
                (p.hi - p.lo, 2.0 * 1.96 * s.sd / (xs.len() as f64).sqrt())
            };
            let (p100, mc100) = width(100);
            let (p400, mc400) = width(400);
            assert!(mc400 < 0.65 * mc100, "seed {seed}: MC {mc100} -> {mc400}");
            assert!(p400 > 0.8 * p100, "seed {seed}: parameter {p100} -> {p400}");
        }
    }

    /// The shipped table's fitted entries are drawn from their sampling distributions: over a
    /// large draw, each probe rate's mean is the fitted k/T (the scenario's own rate) and its
    /// variance k/T², each crisis share's mean x/n and variance x(n − x)/(n²(n + 1)) — on five
    /// seeds. A Jeffreys shape (k + ½) or a uniform range would move the mean by several percent.
    #[test]
    fn fitted_draws_have_the_fitted_mean_and_variance() {
        use entente_sensitivity::{Dist, Group};
        let t = RangeTable::parse(BUILTIN_RANGES, "ranges.toml").unwrap();
        let fitted: Vec<Range> = t
            .ranges
            .iter()
            .filter(|r| r.group == Group::Fitted)
            .cloned()
            .collect();
        assert_eq!(fitted.len(), 8, "four probe rates and four crisis shares");
        assert_eq!(
            t.assumed().len(),
            8,
            "sensitivity's default set stays eight"
        );
        let base = Base::new("", "defaults").unwrap();
        for seed in 1..=5u64 {
            let d = draws(&base, fitted.clone(), 4000, seed).unwrap();
            for (j, r) in fitted.iter().enumerate() {
                let xs: Vec<f64> = d.values.iter().map(|v| v[j]).collect();
                let n = xs.len() as f64;
                let mean = xs.iter().sum::<f64>() / n;
                let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
                let (m, v) = match r.dist {
                    Dist::Gamma { shape, rate } => (shape / rate, shape / (rate * rate)),
                    Dist::Beta { alpha, beta } => {
                        let s = alpha + beta;
                        (alpha / s, alpha * beta / (s * s * (s + 1.0)))
                    }
                    Dist::Uniform => panic!("{}: a fitted entry is uniform", r.name),
                };
                // The fitted mean is the scenario's own value (`entente estimate`'s figure).
                let own = base.value(&r.name).unwrap();
                assert!((m - own).abs() < 1e-6 * own, "{}: {m} vs {own}", r.name);
                assert!(
                    (mean - m).abs() < 0.005 * m,
                    "seed {seed} {}: mean {mean} vs {m}",
                    r.name
                );
                assert!(
                    (var - v).abs() < 0.03 * v,
                    "seed {seed} {}: variance {var} vs {v}",
                    r.name
                );
            }
        }
    }

    #[test]
    fn paired_draws_hold_what_the_scenarios_differ_on() {
        let (_, ranges) = small();
        let a = Base::new("coordination = 0.3\n", "a.toml").unwrap();
        let b = Base::new("coordination = 0.9\n", "b.toml").unwrap();
        let (kept, held) = shared_ranges(&a, &b, ranges.clone());
        assert_eq!(held, ["coordination"]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].name, "probes.rate_multiplier");
        let (kept, held) = shared_ranges(&a, &a, ranges.clone());
        assert!(held.is_empty() && kept.len() == 2);
        // A value written to six decimals is the same value.
        let c = Base::new("coordination = 0.3000001\n", "c.toml").unwrap();
        let (kept, _) = shared_ranges(&a, &c, ranges);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn unknown_measure_is_named() {
        let (base, ranges) = small();
        let d = design(&base, ranges, Method::Oat, 0, 1).unwrap();
        let ms = ["east_asia.fearr".to_string()];
        let spec = RunSpec {
            store: None,
            runs: 2,
            seed: 5,
            threads: 1,
            measures: Some(&ms),
        };
        let e = run_design(&base, &d, spec, &|_| {})
            .unwrap_err()
            .to_string();
        assert!(e.contains("east_asia.fearr"), "{e}");
    }
}
