//! `entente sensitivity` and `entente bench sensitivity`: parse, call `entente-sim`'s study and
//! `entente-sensitivity`, format.

use crate::cli::Global;
use crate::cli_sensitivity::{BenchSensitivityArgs, MethodArg, SensitivityArgs};
use crate::output::print;
use anyhow::{bail, Context, Result};
use comfy_table::{presets::UTF8_BORDERS_ONLY, Table};
use entente_core::ManifestInput;
use entente_sensitivity::{Range, RangeTable};
use entente_sim::output::{manifest, write_atomic};
use entente_sim::study::{self, Method, RunSpec, BUILTIN_RANGES};
use entente_sim::sweep::Base;
use entente_sim::Scenario;
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

/// The range table: `--ranges`, else ranges.toml beside the scenario, else the built-in one; with
/// its provenance for the manifest.
pub(super) fn table(
    explicit: Option<&Path>,
    scenario: &Path,
    year: i32,
) -> Result<(RangeTable, ManifestInput)> {
    let beside = scenario.parent().map(|d| d.join("ranges.toml"));
    let path = explicit
        .map(Path::to_path_buf)
        .or_else(|| beside.filter(|p| p.is_file()));
    let (text, name) = match &path {
        Some(p) => (
            std::fs::read_to_string(p).with_context(|| format!("{}", p.display()))?,
            p.display().to_string(),
        ),
        None => (
            BUILTIN_RANGES.to_string(),
            "built-in scenarios/ranges.toml".to_string(),
        ),
    };
    let t = RangeTable::parse(&text, &name)?;
    let input = ManifestInput {
        dataset: "range table of assumed parameters".into(),
        version: name,
        sha256: entente_sim::output::sha256_hex(text.as_bytes()),
        coverage: (year, year),
    };
    Ok((t, input))
}

fn ranges_csv(ranges: &[Range]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["parameter", "lo", "hi", "dist", "why"])?;
    for r in ranges {
        let dist = match r.dist {
            entente_sensitivity::Dist::Uniform => "uniform".to_string(),
            entente_sensitivity::Dist::Gamma { shape, rate } => {
                format!("gamma(shape {shape}, rate {rate})")
            }
            entente_sensitivity::Dist::Beta { alpha, beta } => {
                format!("beta(alpha {alpha}, beta {beta})")
            }
        };
        w.write_record([
            r.name.clone(),
            r.lo.to_string(),
            r.hi.to_string(),
            dist,
            r.why.clone(),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn progress(n: usize, what: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || n < 20 {
        return None;
    }
    let b = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{{spinner}} {what} [{{bar:40}}] {{pos}}/{{len}} points, {{elapsed}} (eta {{eta}})"
    )) {
        b.set_style(style.progress_chars("=> "));
    }
    Some(b)
}

pub fn run(g: &Global, a: SensitivityArgs) -> Result<()> {
    let file = a.scenario.display().to_string();
    let text = std::fs::read_to_string(&a.scenario).with_context(|| file.clone())?;
    let scn = Scenario::parse(&text, &file)?;
    let base = Base::new(&text, &file)?;
    let (mut tab, input) = table(a.table.as_deref(), &a.scenario, scn.year)?;
    for spec in &a.ranges {
        tab.set(Range::parse_override(spec)?);
    }
    // The default set is the table's assumed parameters; fitted ones only when named.
    let names: Vec<String> = if a.params.is_empty() {
        tab.assumed()
    } else {
        a.params.iter().map(|s| s.trim().to_string()).collect()
    };
    let ranges = tab.select(&names)?;
    let method = match a.method {
        MethodArg::Oat => Method::Oat,
        MethodArg::Lhs => Method::Lhs,
        MethodArg::Sobol => Method::Sobol,
    };
    let samples = a.samples.map_or(
        match method {
            Method::Sobol => 256,
            _ => 300,
        },
        |s| s as usize,
    );
    let n = method.points(ranges.len(), samples);
    let total = study::cost(n, a.runs, scn.horizon_months);
    if total > a.budget as u128 && !a.yes {
        bail!(
            "this design is {n} points x {} runs x {} months = {total} simulated run-months, over the budget of {} (--budget); pass --yes to run it",
            a.runs,
            scn.horizon_months,
            a.budget
        );
    }
    let seed = a.seed.unwrap_or(scn.seed);
    let d = study::design(&base, ranges, method, samples, seed)?;
    let st = super::store(g).ok();
    let bar = progress(d.values.len(), "sensitivity");
    let on_point = |done: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    };
    let t = Instant::now();
    let measures = (!a.measures.is_empty()).then_some(a.measures.as_slice());
    let spec = RunSpec {
        store: st.as_ref(),
        runs: a.runs,
        seed,
        threads: a.threads,
        measures,
    };
    let res = study::run_design(&base, &d, spec, &on_point)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let secs = t.elapsed().as_secs_f64();
    let rows = study::analyse(&d, &res, a.resamples as usize, seed)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("{}", a.out.display()))?;
    let mut written = Vec::new();
    let mut files = vec![
        ("indices.csv".to_string(), study::indices_csv(&rows)?),
        ("points.csv".to_string(), study::points_csv(&d, &res)?),
        ("ranges.csv".to_string(), ranges_csv(&d.ranges)?),
    ];
    files.extend(study::charts(&d, &res, &rows)?);
    for (name, content) in &files {
        let p = a.out.join(name);
        write_atomic(&p, content.as_bytes())?;
        written.push(p.display().to_string());
    }
    let mut m = manifest(
        &super::command_line(),
        &res.calibration,
        rows.len() as u64,
        [
            "parameter",
            "measure",
            "index",
            "estimate",
            "ci_low",
            "ci_high",
        ]
        .map(String::from)
        .to_vec(),
    );
    m.inputs.push(input);
    let mp = a.out.join("manifest.json");
    let mut mt = serde_json::to_string_pretty(&m)?;
    mt.push('\n');
    write_atomic(&mp, mt.as_bytes())?;
    written.push(mp.display().to_string());
    let mut out = format!(
        "{} design of {} parameters: {} points x {} runs (seed {seed}, common random numbers), {total} run-months in {secs:.1} s\n",
        match method {
            Method::Oat => "one-at-a-time",
            Method::Lhs => "Latin hypercube",
            Method::Sobol => "Sobol' (Saltelli)",
        },
        d.ranges.len(),
        d.values.len(),
        a.runs,
    );
    let key: &[&str] = match method {
        Method::Oat => &["oat_low", "oat_high"],
        Method::Lhs => &["prcc"],
        Method::Sobol => &["total", "first_order"],
    };
    for measure in &res.measures {
        let mut tb = Table::new();
        tb.load_style(UTF8_BORDERS_ONLY);
        let mut header = vec!["parameter".to_string()];
        for k in key {
            header.push(k.to_string());
            header.push("95% interval".into());
        }
        tb.set_header(header);
        let mut order: Vec<(f64, Vec<String>)> = d
            .ranges
            .iter()
            .map(|r| {
                let mut cells = vec![r.name.clone()];
                let mut imp: f64 = 0.0;
                for k in key {
                    let row = rows
                        .iter()
                        .find(|x| x.measure == *measure && x.parameter == r.name && x.index == *k);
                    let (e, lo, hi) = row.map_or((f64::NAN, f64::NAN, f64::NAN), |x| {
                        (x.value.estimate, x.value.ci_low, x.value.ci_high)
                    });
                    if e.is_finite() {
                        imp = imp.max(e.abs());
                    }
                    cells.push(fmt(e));
                    cells.push(format!("{} – {}", fmt(lo), fmt(hi)));
                }
                (imp, cells)
            })
            .collect();
        order.sort_by(|x, y| y.0.total_cmp(&x.0));
        for (_, c) in order {
            tb.add_row(c);
        }
        out.push_str(&format!("{measure}:\n{tb}\n"));
    }
    out.push_str(&format!("wrote {}\n", written.join(", ")));
    print(&out)
}

fn fmt(v: f64) -> String {
    if v.is_finite() {
        format!("{v:+.4}")
    } else {
        "undefined".into()
    }
}

pub fn bench(g: &Global, a: BenchSensitivityArgs) -> Result<()> {
    let (text, file) = match &a.scenario {
        Some(p) => (
            std::fs::read_to_string(p).with_context(|| format!("{}", p.display()))?,
            p.display().to_string(),
        ),
        None => (
            toml::to_string(&Scenario::default())?,
            "built-in baseline".to_string(),
        ),
    };
    let base = Base::new(&text, &file)?;
    let tab = RangeTable::parse(BUILTIN_RANGES, "built-in scenarios/ranges.toml")?;
    let ranges = tab.select(&tab.assumed())?;
    let k = ranges.len();
    let d = study::design(&base, ranges, Method::Sobol, a.samples, 1)?;
    let st = super::store(g).ok();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let load_before = super::bench::load_average();
    let t = Instant::now();
    let spec = RunSpec {
        store: st.as_ref(),
        runs: a.runs,
        seed: 1,
        threads: cores,
        measures: None,
    };
    let res = study::run_design(&base, &d, spec, &|_| {})?;
    let run_secs = t.elapsed().as_secs_f64();
    let rows = study::analyse(&d, &res, 1000, 1)?;
    let secs = t.elapsed().as_secs_f64();
    std::hint::black_box(rows);
    let months = Scenario::parse(&text, &file)?.horizon_months;
    print(&format!(
        "sensitivity bench: Sobol' design of {k} parameters x {} base samples = {} points x {} runs x {months} months ({} run-months), scenario '{file}', {cores} threads\n  \
         runs {run_secs:.1} s + indices with 1000 bootstrap resamples {:.1} s = {secs:.1} s   (goal < 120 s on 2 cores)\n  \
         load average (1, 5, 15 min): before {load_before}, after {}\n",
        a.samples,
        d.values.len(),
        a.runs,
        study::cost(d.values.len(), a.runs, months),
        secs - run_secs,
        super::bench::load_average()
    ))
}
