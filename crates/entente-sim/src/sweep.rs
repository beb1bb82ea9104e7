//! Sweeps: a grid over scenario fields (`--param coordination=0:1:0.1`), each point a full scenario
//! checked like a file, run on the same seed (common random numbers), with a long CSV and charts.

use crate::chart::{line_chart, Series};
use crate::error::{Result, SimError};
use crate::runner::{run_on, summarise, Stat};
use crate::scenario::Scenario;
use crate::Prepared;
use toml::{Table, Value};

/// Largest number of values one parameter may take.
pub const MAX_VALUES: usize = 10_000;

/// Largest number of points a sweep may have, checked before any point is built.
pub const MAX_POINTS: usize = 10_000;

/// A whole number with thousands separators: 1000000 → "1,000,000".
pub fn thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One swept field and its values.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The field's dotted path (`coordination`, `us.deployable_share`, `backfill.europe`).
    pub key: String,
    /// The values, in order.
    pub values: Vec<f64>,
}

fn bad(spec: &str, why: &str) -> SimError {
    SimError::Invalid(format!(
        "--param '{spec}': {why} (expected KEY=START:STOP:STEP or KEY=V1,V2,...)"
    ))
}

fn num(spec: &str, s: &str) -> Result<f64> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| bad(spec, &format!("'{s}' is not a number")))?;
    if !v.is_finite() {
        return Err(bad(spec, &format!("'{s}' is not finite")));
    }
    Ok(v)
}

impl Param {
    /// Parses `KEY=START:STOP:STEP` (STOP included when on the grid) or `KEY=V1,V2,...`.
    pub fn parse(spec: &str) -> Result<Param> {
        let (key, vals) = spec.split_once('=').ok_or_else(|| bad(spec, "no '='"))?;
        let key = key.trim();
        if key.is_empty() || !key.split('.').all(|p| !p.is_empty()) {
            return Err(bad(spec, "empty field name"));
        }
        let values = if vals.contains(':') {
            let parts: Vec<&str> = vals.split(':').collect();
            let [a, b, step] = parts[..] else {
                return Err(bad(spec, "a range needs START:STOP:STEP"));
            };
            let (a, b, step) = (num(spec, a)?, num(spec, b)?, num(spec, step)?);
            if step <= 0.0 {
                return Err(bad(spec, "STEP must be > 0"));
            }
            if b < a {
                return Err(bad(spec, "STOP is below START"));
            }
            let n = ((b - a) / step + 1e-9).floor() + 1.0;
            if n > MAX_VALUES as f64 {
                return Err(bad(spec, &format!("more than {MAX_VALUES} values")));
            }
            (0..n as usize)
                .map(|i| {
                    let v = a + i as f64 * step;
                    (v * 1e12).round() / 1e12
                })
                .collect()
        } else {
            vals.split(',')
                .map(|s| num(spec, s))
                .collect::<Result<Vec<_>>>()?
        };
        if values.is_empty() {
            return Err(bad(spec, "no values"));
        }
        Ok(Param {
            key: key.to_string(),
            values,
        })
    }
}

/// One point of a sweep: the swept values and the scenario there.
#[derive(Debug, Clone)]
pub struct Point {
    /// The values, one per parameter.
    pub values: Vec<f64>,
    /// The scenario at this point.
    pub scenario: Scenario,
}

/// The element of an array of tables (`[[challenger]]`, `[[ally]]`) whose `id` is `id`.
fn by_id<'a>(arr: &'a [Value], id: &str) -> Option<&'a Value> {
    arr.iter()
        .find(|v| v.get("id").and_then(Value::as_str) == Some(id))
}

fn lookup<'a>(t: &'a Table, path: &[&str]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let v = t.get(*first)?;
    match (v, rest.split_first()) {
        (_, None) => Some(v),
        (Value::Array(arr), Some((id, more))) => {
            let e = by_id(arr, id)?;
            if more.is_empty() {
                Some(e)
            } else {
                lookup(e.as_table()?, more)
            }
        }
        _ => lookup(v.as_table()?, rest),
    }
}

fn set(t: &mut Table, path: &[&str], v: Value, key: &str) -> Result<()> {
    let Some((first, rest)) = path.split_first() else {
        return Ok(());
    };
    if rest.is_empty() {
        t.insert(first.to_string(), v);
        return Ok(());
    }
    let e = t
        .entry(first.to_string())
        .or_insert_with(|| Value::Table(Table::new()));
    match e {
        Value::Table(sub) => set(sub, rest, v, key),
        Value::Array(arr) => {
            // `challenger.china.probe_rate`: the element of [[challenger]] with id "china".
            let (id, more) = rest.split_first().unwrap_or((&"", &[]));
            let found = arr
                .iter_mut()
                .find(|x| x.get("id").and_then(Value::as_str) == Some(*id));
            match (found, more.is_empty()) {
                (Some(Value::Table(sub)), false) => set(sub, more, v, key),
                _ => Err(SimError::Invalid(format!(
                    "--param {key}: there is no [[{first}]] with id '{id}' and a field after it"
                ))),
            }
        }
        _ => Err(SimError::Invalid(format!(
            "--param {key}: '{first}' is not a table"
        ))),
    }
}

fn fmt_value(v: f64) -> String {
    format!("{v}")
}

/// A scenario file as a TOML table, checked, with the defaults' table beside it: the base on which
/// sweeps and sensitivity designs set dotted fields (`coordination`, `us.deployable_share`, or
/// `challenger.china.probe_rate` for the element of an array of tables with that id).
#[derive(Debug, Clone)]
pub struct Base {
    table: Table,
    defaults: Table,
    file: String,
}

impl Base {
    /// Parses and checks a scenario file's text (errors carry the file's own lines).
    pub fn new(text: &str, file: &str) -> Result<Base> {
        let table: Table = toml::from_str(text).map_err(|e| SimError::Scenario {
            file: file.into(),
            line: e.span().map(|s| crate::scenario::line_of(text, s.start)),
            field: "(document)".into(),
            message: e.message().trim().to_string(),
        })?;
        Scenario::parse(text, file)?;
        let defaults: Table = toml::to_string(&Scenario::default())
            .ok()
            .and_then(|s| toml::from_str(&s).ok())
            .unwrap_or_default();
        Ok(Base {
            table,
            defaults,
            file: file.to_string(),
        })
    }

    /// A field's value in the file, else its default, as a number (None: no such numeric field).
    pub fn value(&self, key: &str) -> Option<f64> {
        let path: Vec<&str> = key.split('.').collect();
        match lookup(&self.table, &path).or_else(|| lookup(&self.defaults, &path))? {
            Value::Float(f) => Some(*f),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        }
    }

    /// The scenario with each `(field, value)` set, checked; errors name the field and value.
    pub fn apply(&self, settings: &[(&str, f64)]) -> Result<Scenario> {
        let mut t = self.table.clone();
        let mut label = Vec::new();
        for &(key, v) in settings {
            let path: Vec<&str> = key.split('.').collect();
            // An array of tables the file leaves to its defaults: bring the defaults in.
            if let Some(first) = path.first() {
                if !t.contains_key(*first) {
                    if let Some(arr @ Value::Array(_)) = self.defaults.get(*first) {
                        t.insert(first.to_string(), arr.clone());
                    }
                }
            }
            // Whether the field is a whole number is the field's type (its default), not how the
            // file happens to write it (`half_strength_km = 10000` is a number).
            let integer = matches!(
                lookup(&self.defaults, &path).or_else(|| lookup(&t, &path)),
                Some(Value::Integer(_))
            );
            let value = if integer {
                if v.fract() != 0.0 {
                    return Err(SimError::Invalid(format!(
                        "--param {key}: {v} is not a whole number"
                    )));
                }
                // 2^63: the first whole number a TOML integer cannot hold.
                if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v) {
                    return Err(SimError::Invalid(format!(
                        "--param {key}: {v} is too large for a whole number"
                    )));
                }
                Value::Integer(v as i64)
            } else {
                Value::Float(v)
            };
            set(&mut t, &path, value, key)?;
            label.push(format!("{key}={}", fmt_value(v)));
        }
        let s = toml::to_string(&t).map_err(|e| SimError::Invalid(format!("sweep: {e}")))?;
        Scenario::parse(&s, &format!("{} [sweep {}]", self.file, label.join(", "))).map_err(|e| {
            match e {
                SimError::Scenario {
                    file,
                    field,
                    message,
                    ..
                } => SimError::Scenario {
                    file,
                    line: None,
                    field,
                    message,
                },
                other => other,
            }
        })
    }
}

/// Every point of the grid (the last parameter varies fastest), each scenario checked.
pub fn points(text: &str, file: &str, params: &[Param]) -> Result<Vec<Point>> {
    let base = Base::new(text, file)?;
    let mut total: usize = 1;
    for p in params {
        total = total.saturating_mul(p.values.len());
    }
    if total > MAX_POINTS {
        return Err(SimError::Invalid(format!(
            "the sweep has {} points; at most {}",
            thousands(total as u128),
            thousands(MAX_POINTS as u128)
        )));
    }
    let mut out = Vec::with_capacity(total);
    let mut idx = vec![0usize; params.len()];
    for _ in 0..total {
        let settings: Vec<(&str, f64)> = params
            .iter()
            .zip(&idx)
            .map(|(p, &i)| (p.key.as_str(), p.values[i]))
            .collect();
        let scenario = base.apply(&settings)?;
        let values = settings.iter().map(|(_, v)| *v).collect();
        out.push(Point { values, scenario });
        for j in (0..params.len()).rev() {
            idx[j] += 1;
            if idx[j] < params[j].values.len() {
                break;
            }
            idx[j] = 0;
        }
    }
    Ok(out)
}

/// Theatre-months a sweep would simulate with `runs` runs per point (or each scenario's own).
pub fn cost(points: &[Point], runs: Option<u64>) -> u128 {
    points
        .iter()
        .map(|p| {
            let r = runs.unwrap_or(p.scenario.runs) as u128;
            r * p.scenario.horizon_months as u128 * p.scenario.theatres.len() as u128
        })
        .sum()
}

/// One point's values and every measure's statistics.
pub type PointResult = (Vec<f64>, Vec<(String, Stat)>);

/// A sweep's results.
#[derive(Debug, Clone)]
pub struct SweepResult {
    /// The swept fields.
    pub params: Vec<String>,
    /// Theatre ids (of the first point).
    pub theatres: Vec<String>,
    /// Per point: the values and every measure's statistics.
    pub points: Vec<PointResult>,
    /// Calibration notes of the first point.
    pub calibration: crate::Calibration,
}

/// Runs every point; `on_point` is called after each.
pub fn run_sweep(
    points: Vec<Point>,
    params: &[Param],
    store: Option<&entente_data::Store>,
    runs: Option<u64>,
    threads: usize,
    on_point: &(dyn Fn(usize) + Sync),
) -> Result<SweepResult> {
    let pool = crate::runner::pool(threads)?;
    let mut res = Vec::with_capacity(points.len());
    let mut theatres = Vec::new();
    let mut calibration = None;
    for (n, pt) in points.into_iter().enumerate() {
        let r = runs.unwrap_or(pt.scenario.runs);
        let prep = Prepared::new(pt.scenario, store)?;
        crate::runner::check_runs(&prep.model, r)?;
        if n == 0 {
            theatres = prep.model.theatre_ids.clone();
            calibration = Some(prep.calibration.clone());
        }
        let out = run_on(&pool, &prep.model, r);
        res.push((pt.values, summarise(&out)));
        on_point(n + 1);
    }
    let calibration =
        calibration.ok_or_else(|| SimError::Invalid("the sweep has no points".into()))?;
    Ok(SweepResult {
        params: params.iter().map(|p| p.key.clone()).collect(),
        theatres,
        points: res,
        calibration,
    })
}

/// `sweep.csv`: one row per point and measure.
pub fn sweep_csv(r: &SweepResult) -> Result<String> {
    let e = |e: csv::Error| SimError::Invalid(format!("CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = r.params.clone();
    for h in [
        "measure", "mean", "sd", "mean_lo", "mean_hi", "p2_5", "p97_5",
    ] {
        header.push(h.into());
    }
    w.write_record(&header).map_err(e)?;
    for (vals, stats) in &r.points {
        for (name, s) in stats {
            let mut rec: Vec<String> = vals.iter().map(|v| fmt_value(*v)).collect();
            rec.push(name.clone());
            for v in [s.mean, s.sd, s.mean_lo, s.mean_hi, s.p2_5, s.p97_5] {
                rec.push(v.to_string());
            }
            w.write_record(&rec).map_err(e)?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|x| SimError::Invalid(format!("CSV: {x}")))?;
    String::from_utf8(bytes).map_err(|x| SimError::Invalid(format!("CSV: {x}")))
}

/// Charted measures: (file stem, title, per-theatre?).
pub const CHARTS: [(&str, &str, bool); 8] = [
    (
        "p_success",
        "Probability of a successful probe in a month",
        true,
    ),
    (
        "p_escalation",
        "Probability of an escalated crisis in a month",
        true,
    ),
    ("failure_rate", "Deterrence failures per month", true),
    (
        "p_simultaneous",
        "Share of months with simultaneous probes",
        false,
    ),
    (
        "p_simultaneous_crises",
        "Share of months with crises in two or more theatres",
        false,
    ),
    (
        "stretch",
        "US force stretch (need of all theatres / deployable force)",
        false,
    ),
    (
        "p_overstretch",
        "Share of months the probed theatres need more than the US has",
        false,
    ),
    ("cohesion", "Alliance cohesion index", false),
];

/// The charts of a sweep against its first parameter: `(file name, SVG)`. With more parameters,
/// one line per combination of the others (at most 8 lines per chart).
pub fn charts(r: &SweepResult) -> Result<Vec<(String, String)>> {
    let Some(xkey) = r.params.first() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (stem, title, per_theatre) in CHARTS {
        let owners: Vec<Option<&String>> = if per_theatre {
            r.theatres.iter().map(Some).collect()
        } else {
            vec![None]
        };
        let mut series: Vec<Series> = Vec::new();
        for owner in owners {
            let measure = match owner {
                Some(t) => format!("{t}.{stem}"),
                None => stem.to_string(),
            };
            // Group points by the values of the other parameters.
            let mut groups: Vec<(Vec<f64>, Series)> = Vec::new();
            for (vals, stats) in &r.points {
                let Some((_, s)) = stats.iter().find(|(n, _)| *n == measure) else {
                    continue;
                };
                let rest = vals[1..].to_vec();
                let pos = match groups.iter().position(|(g, _)| *g == rest) {
                    Some(p) => p,
                    None => {
                        let mut name = owner.cloned().unwrap_or_else(|| stem.to_string());
                        for (k, v) in r.params[1..].iter().zip(&rest) {
                            name.push_str(&format!(" {k}={}", fmt_value(*v)));
                        }
                        groups.push((
                            rest,
                            Series {
                                name,
                                x: vec![],
                                y: vec![],
                                lo: vec![],
                                hi: vec![],
                            },
                        ));
                        groups.len() - 1
                    }
                };
                let se = &mut groups[pos].1;
                se.x.push(vals[0]);
                se.y.push(s.mean);
                se.lo.push(s.mean_lo);
                se.hi.push(s.mean_hi);
            }
            series.extend(groups.into_iter().map(|(_, s)| s));
        }
        series.truncate(8);
        let svg = line_chart(&format!("{title} (mean, 95% CI)"), xkey, stem, &series)?;
        out.push((format!("{stem}.svg"), svg));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    /// Issue #19 row 21: a float field the file wrote as an integer takes a fraction; a value too
    /// large for an integer field is refused instead of saturating.
    #[test]
    fn a_field_type_is_its_default_and_integers_do_not_saturate() {
        let text = "runs = 10\n[calibration]\nhalf_strength_km = 10000\n";
        let ps = [Param::parse("calibration.half_strength_km=5000.5").unwrap()];
        let pts = points(text, "s.toml", &ps).unwrap();
        assert_eq!(pts[0].scenario.calibration.half_strength_km, 5000.5);
        for spec in ["seed=1e30", "seed=-1e30", "runs=1e19"] {
            let e = points(text, "s.toml", &[Param::parse(spec).unwrap()])
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains("too large for a whole number"), "{spec}: {e}");
        }
    }

    /// Issue #19 row 12: a sweep of a million points is refused before any point is built.
    #[test]
    fn a_huge_grid_is_refused_on_its_size() {
        let ps = [
            Param::parse("coordination=0:0.999:0.001").unwrap(),
            Param::parse("spillover=0:0.999:0.001").unwrap(),
        ];
        assert_eq!(ps[0].values.len() * ps[1].values.len(), 1_000_000);
        let e = points("runs = 10\n", "s.toml", &ps)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("1,000,000 points; at most 10,000"), "{e}");
    }

    #[test]
    fn ranges_and_lists() {
        let p = Param::parse("coordination=0:1:0.1").unwrap();
        assert_eq!(p.values.len(), 11);
        assert_eq!(p.values[3], 0.3);
        assert_eq!(p.values[10], 1.0);
        let p = Param::parse("us.deployable_share=0.4,0.6").unwrap();
        assert_eq!(
            (p.key.as_str(), p.values),
            ("us.deployable_share", vec![0.4, 0.6])
        );
        for bad in ["x", "x=1:0:0.1", "x=0:1:0", "x=a", "x=0:1", "=1", "x=nan"] {
            assert!(Param::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn grid_sets_fields_and_checks_them() {
        let ps = [
            Param::parse("coordination=0,1").unwrap(),
            Param::parse("hedging.internal_lag_months=1,4").unwrap(),
        ];
        let pts = points("runs = 10\n", "s.toml", &ps).unwrap();
        assert_eq!(pts.len(), 4);
        assert_eq!(pts[1].values, vec![0.0, 4.0]);
        assert_eq!(pts[1].scenario.hedging.internal_lag_months, 4);
        assert_eq!(pts[3].scenario.coordination, 1.0);
        assert_eq!(cost(&pts, None), 4 * 10 * 120 * 2);
        // Out of range at a point: named.
        let e = points(
            "",
            "s.toml",
            &[Param::parse("coordination=0.5,1.5").unwrap()],
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("coordination") && e.contains("1.5"), "{e}");
        // An element of an array of tables, by id (the defaults' challengers here).
        let pts = points(
            "",
            "s.toml",
            &[Param::parse("challenger.china.probe_rate=0.05").unwrap()],
        )
        .unwrap();
        let china = pts[0].scenario.challengers.iter().find(|c| c.id == "china");
        assert_eq!(china.map(|c| c.probe_rate), Some(0.05));
        let base = Base::new("coordination = 0.25\n", "s.toml").unwrap();
        assert_eq!(base.value("coordination"), Some(0.25));
        assert_eq!(base.value("us.reserve_share"), Some(0.2));
        let default_china = Scenario::default()
            .challengers
            .iter()
            .find(|c| c.id == "china")
            .map(|c| c.probe_rate);
        assert_eq!(base.value("challenger.china.probe_rate"), default_china);
        assert_eq!(base.value("us.policy"), None);
        // A real field written as a whole number in the file still takes real values.
        let base = Base::new("[calibration]\nhalf_strength_km = 10000\n", "s.toml").unwrap();
        let s = base
            .apply(&[("calibration.half_strength_km", 12345.5)])
            .unwrap();
        assert_eq!(s.calibration.half_strength_km, 12345.5);
        let e = points(
            "",
            "s.toml",
            &[Param::parse("challenger.mars.probe_rate=0.1").unwrap()],
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("mars"), "{e}");
        // Unknown field: named.
        let e = points("", "s.toml", &[Param::parse("us.deployable=0.5").unwrap()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("deployable"), "{e}");
    }
}
