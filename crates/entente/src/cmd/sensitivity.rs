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
use entente_sim::shard::Shard;
use entente_sim::study::{self, Design, Method, RunSpec, StudyRuns, BUILTIN_RANGES};
use entente_sim::study_shard::{self, StudySpec};
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
    let (method, method_name) = match a.method {
        MethodArg::Oat => (Method::Oat, "oat"),
        MethodArg::Lhs => (Method::Lhs, "lhs"),
        MethodArg::Sobol => (Method::Sobol, "sobol"),
    };
    let samples = a.samples.map_or(
        match method {
            Method::Sobol => 256,
            _ => 300,
        },
        |s| s as usize,
    );
    let seed = a.seed.unwrap_or(scn.seed);
    let spec = StudySpec {
        scenario_text: text,
        scenario_file: file,
        ranges,
        method: method_name.to_string(),
        samples,
        runs: a.runs,
        seed,
        resamples: a.resamples as usize,
        measures: a.measures.clone(),
    };
    let n = method.points(spec.ranges.len(), samples);
    let shard = a
        .shard
        .as_deref()
        .map(|s| Shard::parse(s, a.shards))
        .transpose()?;
    // A shard's cost is its own block of points.
    let own = shard.map_or(n, |s| s.range(n).len());
    let total = study::cost(own, a.runs, scn.horizon_months);
    if total > a.budget as u128 && !a.yes {
        bail!(
            "this design is {own} points x {} runs x {} months = {total} simulated run-months, over the budget of {} (--budget); pass --yes to run it",
            a.runs,
            scn.horizon_months,
            a.budget
        );
    }
    let (base, d) = spec.design()?;
    let st = super::store(g).ok();
    if let Some(shard) = shard {
        return run_shard(&a, &spec, &base, &d, shard, input, st.as_ref());
    }
    let bar = progress(d.values.len(), "sensitivity");
    let on_point = |done: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    };
    let t = Instant::now();
    let measures = (!a.measures.is_empty()).then_some(a.measures.as_slice());
    let run_spec = RunSpec {
        store: st.as_ref(),
        runs: a.runs,
        seed,
        threads: a.threads,
        measures,
    };
    let res = study::run_design(&base, &d, run_spec, &on_point)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let secs = t.elapsed().as_secs_f64();
    let head = format!(
        "{} design of {} parameters: {} points x {} runs (seed {seed}, common random numbers), {total} run-months in {secs:.1} s\n",
        method_title(method),
        d.ranges.len(),
        d.values.len(),
        a.runs,
    );
    let out = write_study(&a.out, &d, &res, &spec, input)?;
    print(&format!("{head}{out}"))
}

fn method_title(m: Method) -> &'static str {
    match m {
        Method::Oat => "one-at-a-time",
        Method::Lhs => "Latin hypercube",
        Method::Sobol => "Sobol' (Saltelli)",
    }
}

/// Runs one shard of a design's points and writes its runs, then its manifest.
fn run_shard(
    a: &SensitivityArgs,
    spec: &StudySpec,
    base: &Base,
    d: &Design,
    shard: Shard,
    table: ManifestInput,
    st: Option<&entente_data::Store>,
) -> Result<()> {
    let (part, range) = study_shard::shard_design(d, shard)?;
    let measures = (!spec.measures.is_empty()).then_some(spec.measures.as_slice());
    let run_spec = RunSpec {
        store: st,
        runs: spec.runs,
        seed: spec.seed,
        threads: a.threads,
        measures,
    };
    let res = study::run_design(base, &part, run_spec, &|_| {})?;
    let (bytes, rows) = study_shard::shard_parquet(&res, range.start)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("{}", a.out.display()))?;
    let stem = shard.stem();
    let pq = a.out.join(format!("{stem}.parquet"));
    // The rows first; the manifest last, so that a shard without a manifest is known to be partial.
    let mp = a.out.join(format!("{stem}.manifest.json"));
    if mp.exists() {
        std::fs::remove_file(&mp)?;
    }
    write_atomic(&pq, &bytes)?;
    let m = study_shard::StudyShardManifest {
        kind: study_shard::KIND.to_string(),
        design: spec.hash()?,
        seed: spec.seed,
        shard: shard.index,
        shards: shard.count,
        points: d.values.len(),
        first_point: range.start,
        rows,
        sha256: entente_sim::shard::sha256(&bytes),
        spec: spec.clone(),
        measures: res.measures.clone(),
        theatres: res.theatres.clone(),
        inputs: entente_sim::output::inputs(&res.calibration),
        calibration: res.calibration.clone(),
        table,
        command: super::command_line(),
        entente_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let mut mt = serde_json::to_string_pretty(&m)?;
    mt.push('\n');
    write_atomic(&mp, mt.as_bytes())?;
    print(&format!(
        "sensitivity shard {} of {}: points {}-{} of {}, {rows} rows\nwrote {}, {}\n",
        shard.index,
        shard.count,
        range.start,
        range.end.saturating_sub(1),
        d.values.len(),
        pq.display(),
        mp.display()
    ))
}

/// Merges the shards of a sensitivity study in `dir` and writes what the unsharded study writes.
pub fn merge(dir: &Path) -> Result<()> {
    let m = study_shard::merge(dir)?;
    let spec = &m.manifests[0].spec;
    let head = format!(
        "merged {} shards of sensitivity design {} ({} points x {} runs)\n",
        m.manifests.len(),
        &m.manifests[0].design[..12],
        m.design.values.len(),
        spec.runs
    );
    let out = write_study(dir, &m.design, &m.runs, spec, m.manifests[0].table.clone())?;
    print(&format!("{head}{out}"))
}

/// Analyses a study's runs and writes indices.csv, points.csv, ranges.csv, the tornado charts and
/// the manifest into `out` (the one writer of an unsharded study and of a merge); returns the
/// summary tables and the files written.
fn write_study(
    out_dir: &Path,
    d: &Design,
    res: &StudyRuns,
    spec: &StudySpec,
    input: ManifestInput,
) -> Result<String> {
    let rows = study::analyse(d, res, spec.resamples, spec.seed)?;
    std::fs::create_dir_all(out_dir).with_context(|| format!("{}", out_dir.display()))?;
    let mut written = Vec::new();
    let mut files = vec![
        ("indices.csv".to_string(), study::indices_csv(&rows)?),
        ("points.csv".to_string(), study::points_csv(d, res)?),
        ("ranges.csv".to_string(), ranges_csv(&d.ranges)?),
    ];
    files.extend(study::charts(d, res, &rows)?);
    for (name, content) in &files {
        let p = out_dir.join(name);
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
    let mp = out_dir.join("manifest.json");
    let mut mt = serde_json::to_string_pretty(&m)?;
    mt.push('\n');
    write_atomic(&mp, mt.as_bytes())?;
    written.push(mp.display().to_string());
    let mut out = String::new();
    let key: &[&str] = match d.method {
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
    Ok(out)
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
