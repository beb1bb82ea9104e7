//! `entente simulate`, `entente sweep`, `entente compare` and `entente bench sim`: parse, call
//! `entente-sim`, format.

use crate::cli::Global;
use crate::cli_sim::{BenchSimArgs, CompareArgs, CompareFormat, SimulateArgs, SweepArgs};
use crate::output::print;
use anyhow::{bail, Context, Result};
use comfy_table::{presets::UTF8_BORDERS_ONLY, Table};
use entente_data::Store;
use entente_output::Outputs;
use entente_sim::output::{group, write_simulation};
use entente_sim::sweep::{charts, cost, points, run_sweep, sweep_csv, Param};
use entente_sim::{Calibration, Prepared, Scenario, Stat, Used};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

/// The data directory's store, if one can be resolved (the calibration falls back to built-in
/// figures when its datasets are absent).
fn store(g: &Global) -> Option<Store> {
    super::store(g).ok()
}

fn read(path: &Path) -> Result<(String, Scenario)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let scn = Scenario::parse(&text, &path.display().to_string())?;
    Ok((text, scn))
}

fn calibration_lines(c: &Calibration) -> String {
    let mut s = match c.used {
        Used::Data => format!("calibration {}: from the data directory\n", c.year),
        Used::BuiltIn => format!(
            "calibration {}: built-in figures (no SIPRI milex / COW NMC in the data directory)\n",
            c.year
        ),
    };
    for n in &c.notes {
        s.push_str(&format!("  - {n}\n"));
    }
    s
}

fn pct(v: f64) -> String {
    format!("{:.3}", v)
}

fn stat_cells(s: &Stat) -> [String; 3] {
    [
        pct(s.mean),
        format!("{} – {}", pct(s.mean_lo), pct(s.mean_hi)),
        format!("{} – {}", pct(s.p2_5), pct(s.p97_5)),
    ]
}

pub fn simulate(g: &Global, a: SimulateArgs) -> Result<()> {
    let (_, mut scn) = read(&a.scenario)?;
    if let Some(r) = a.runs {
        scn.runs = r;
    }
    if let Some(s) = a.seed {
        scn.seed = s;
    }
    let st = store(g);
    let p = Prepared::new(scn, st.as_ref())?;
    let pool = entente_sim::runner::pool(a.threads)?;
    let t = Instant::now();
    entente_sim::runner::check_runs(&p.model, p.scenario.runs)?;
    let runs = entente_sim::run_on(&pool, &p.model, p.scenario.runs);
    let secs = t.elapsed().as_secs_f64();
    let traj = entente_sim::trajectory::trajectories(&pool, &p.model, runs.len() as u64);
    let files = write_simulation(&a.out, &p, &runs, Some(&traj), &super::command_line())?;
    let res = group(&p.model, &runs);
    let mut out = format!(
        "{} — {}\n{} runs of {} months, seed {}, coordination {}, policy {}; {:.2} s\n",
        p.scenario.name,
        p.scenario.description,
        p.scenario.runs,
        p.scenario.horizon_months,
        p.scenario.seed,
        p.scenario.coordination,
        serde_json::to_value(p.scenario.us.policy)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default(),
        secs
    );
    out.push_str(&calibration_lines(&p.calibration));
    let mut t = Table::new();
    t.load_style(UTF8_BORDERS_ONLY);
    t.set_header(["measure", "mean", "95% CI of mean", "95% of runs"]);
    for id in &p.model.theatre_ids {
        if let Some(m) = res.theatres.get(id) {
            for (key, label) in [
                ("p_success", "P(successful probe) per month"),
                ("p_escalation", "P(escalated crisis) per month"),
                ("failure_rate", "failures per month"),
                ("probes", "probes per month"),
                ("us_share", "US force present (share of D)"),
            ] {
                if let Some(s) = m.get(key) {
                    let [a, b, c] = stat_cells(s);
                    t.add_row(vec![format!("{id}: {label}"), a, b, c]);
                }
            }
        }
    }
    for (key, label) in [
        ("p_simultaneous", "months with probes in 2+ theatres"),
        ("p_simultaneous_crises", "months with crises in 2+ theatres"),
        ("stretch", "US force stretch (need / force)"),
        (
            "p_overstretch",
            "probed months short of the need (mean over theatres)",
        ),
        ("cohesion", "alliance cohesion index"),
    ] {
        if let Some(s) = res.system.get(key) {
            let [a, b, c] = stat_cells(s);
            t.add_row(vec![label.to_string(), a, b, c]);
        }
    }
    out.push_str(&format!("{t}\n"));
    let mut h = Table::new();
    h.load_style(UTF8_BORDERS_ONLY);
    h.set_header([
        "ally",
        "final belief",
        "internal balancing",
        "backfill",
        "accommodation",
    ]);
    for id in &p.model.ally_ids {
        if let Some(m) = res.allies.get(id) {
            let get = |k: &str| {
                m.get(k)
                    .map(|s| format!("{:.2}", s.mean))
                    .unwrap_or_default()
            };
            h.add_row(vec![
                id.clone(),
                get("belief_final"),
                get("internal_events"),
                get("cooperation_events"),
                get("accommodation_events"),
            ]);
        }
    }
    out.push_str("hedging events per run (onsets), by ally:\n");
    out.push_str(&format!("{h}\n"));
    let mut files = files;
    if a.parameter_uncertainty {
        let (text, f) = parameter_uncertainty(&a, &p, &runs, st.as_ref())?;
        files.push(f);
        out.push_str(&text);
    }
    out.push_str(&format!(
        "wrote {}\n",
        files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    print(&out)
}

/// Writes what a sweep writes: `sweep.csv`, one chart per key measure, `manifest.json`. The same
/// function writes an unsharded sweep and the merge of a sharded one, so the two are identical.
pub(super) fn write_sweep(
    dir: &std::path::Path,
    res: &entente_sim::sweep::SweepResult,
    command: &str,
) -> Result<Vec<String>> {
    // The CSV, its charts and the manifest are one set: all in place, or none changed.
    let mut outputs = Outputs::new();
    outputs.create_dir(dir)?;
    let csv_path = dir.join("sweep.csv");
    outputs.write(&csv_path, sweep_csv(res)?.as_bytes())?;
    let mut written = vec![csv_path.display().to_string()];
    for (name, svg) in charts(res)? {
        let p = dir.join(name);
        outputs.write(&p, svg.as_bytes())?;
        written.push(p.display().to_string());
    }
    let m = entente_sim::output::manifest(
        command,
        &res.calibration,
        res.points.len() as u64,
        res.params.clone(),
    );
    let mp = dir.join("manifest.json");
    let mut mt = serde_json::to_string_pretty(&m)?;
    mt.push('\n');
    outputs.write(&mp, mt.as_bytes())?;
    outputs.commit()?;
    written.push(mp.display().to_string());
    Ok(written)
}

pub fn sweep(g: &Global, a: SweepArgs) -> Result<()> {
    let params = a
        .params
        .iter()
        .map(|s| Param::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let (text, _) = read(&a.scenario)?;
    let pts = points(&text, &a.scenario.display().to_string(), &params)?;
    let total = cost(&pts, a.runs);
    if total > a.budget as u128 && !a.yes {
        bail!(
            "this sweep is {} points, {total} simulated theatre-months, over the budget of {} (--budget); pass --yes to run it",
            pts.len(),
            a.budget
        );
    }
    if let Some(spec) = &a.shard {
        return super::shard::run_shard(g, &a, spec, &text, &params, pts);
    }
    let n = pts.len();
    let st = store(g);
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(n as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} sweep [{bar:40}] {pos}/{len} points, {elapsed} (eta {eta})",
        ) {
            b.set_style(style.progress_chars("=> "));
        }
        Some(b)
    } else {
        None
    };
    let t = Instant::now();
    let on_point = |done: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
    };
    let res = run_sweep(pts, &params, st.as_ref(), a.runs, a.threads, &on_point)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let written = write_sweep(&a.out, &res, &super::command_line())?;
    let mut out = format!(
        "sweep of {} over {} points ({total} theatre-months) in {:.1} s\n",
        res.params.join(" × "),
        n,
        t.elapsed().as_secs_f64()
    );
    out.push_str(&calibration_lines(&res.calibration));
    // A short table: the first theatre measures and stretch against the grid.
    let mut tb = Table::new();
    tb.load_style(UTF8_BORDERS_ONLY);
    let mut header: Vec<String> = res.params.clone();
    let shown: Vec<String> = res
        .theatres
        .iter()
        .map(|t| format!("{t}.failure_rate"))
        .chain([
            "p_simultaneous".to_string(),
            "stretch".to_string(),
            "cohesion".to_string(),
        ])
        .collect();
    header.extend(shown.iter().cloned());
    tb.set_header(header);
    for (vals, stats) in &res.points {
        let mut row: Vec<String> = vals.iter().map(|v| format!("{v}")).collect();
        for m in &shown {
            row.push(
                stats
                    .iter()
                    .find(|(n, _)| n == m)
                    .map(|(_, s)| format!("{:.3}", s.mean))
                    .unwrap_or_default(),
            );
        }
        tb.add_row(row);
    }
    out.push_str(&format!("{tb}\nwrote {}\n", written.join(", ")));
    print(&out)
}

pub fn compare(g: &Global, a: CompareArgs) -> Result<()> {
    let (_, mut sa) = read(&a.a)?;
    let (_, mut sb) = read(&a.b)?;
    let runs = a.runs.unwrap_or(sa.runs);
    let seed = a.seed.unwrap_or(sa.seed);
    for s in [&mut sa, &mut sb] {
        s.runs = runs;
        s.seed = seed;
    }
    let st = store(g);
    let pa = Prepared::new(sa, st.as_ref())?;
    let pb = Prepared::new(sb, st.as_ref())?;
    let pool = entente_sim::runner::pool(a.threads)?;
    entente_sim::runner::check_runs(&pa.model, runs)?;
    entente_sim::runner::check_runs(&pb.model, runs)?;
    let ra = entente_sim::run_on(&pool, &pa.model, runs);
    let rb = entente_sim::run_on(&pool, &pb.model, runs);
    let mut overrides: Vec<(String, f64)> = Vec::new();
    for spec in &a.mids {
        let (k, v) = spec
            .split_once('=')
            .with_context(|| format!("--mid '{spec}': expected MEASURE=VALUE"))?;
        let v: f64 = v
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .with_context(|| format!("--mid '{spec}': '{v}' is not a number ≥ 0"))?;
        overrides.push((k.trim().to_string(), v));
    }
    let mid = |m: &str| -> f64 {
        let stem = m.rsplit('.').next().unwrap_or(m);
        overrides
            .iter()
            .rev()
            .find(|(k, _)| k == m || k == stem)
            .map_or_else(|| entente_sim::compare::default_mid(m), |(_, v)| *v)
    };
    let mut diffs = entente_sim::compare::compare(&ra, &rb, &mid);
    let mut flags = saturation_flags(&pa, &ra, "A");
    flags.extend(saturation_flags(&pb, &rb, "B"));
    if let Some(o) = &a.only {
        diffs.retain(|d| d.measure.contains(o.as_str()));
    }
    flags.extend(measure_flags(&ra, &rb, &diffs));
    let (pu, held) = if a.parameter_uncertainty {
        paired_uncertainty(&a, &pa, &pb, &ra, st.as_ref())?
    } else {
        (Vec::new(), Vec::new())
    };
    let pu_of = |m: &str| pu.iter().find(|p| p.measure == m);
    match a.format {
        CompareFormat::Json => {
            let v = serde_json::json!({
                "a": pa.scenario.name, "b": pb.scenario.name, "runs": runs, "seed": seed,
                "calibration_a": pa.calibration.used, "calibration_b": pb.calibration.used,
                "differences": diffs, "saturated": flags,
                "parameter_uncertainty": pu.iter().map(|p| serde_json::json!({
                    "measure": p.measure, "diff_mean_over_draws": p.mean, "lo": p.lo, "hi": p.hi,
                    "draws": a.draws,
                })).collect::<Vec<_>>(),
                "parameters_held": held,
            });
            print(&format!("{}\n", serde_json::to_string_pretty(&v)?))
        }
        CompareFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "measure",
                "a",
                "b",
                "diff",
                "diff_lo",
                "diff_hi",
                "significant",
                "mid",
                "important",
            ])?;
            for d in &diffs {
                w.write_record([
                    d.measure.clone(),
                    d.a.to_string(),
                    d.b.to_string(),
                    d.diff.to_string(),
                    d.lo.to_string(),
                    d.hi.to_string(),
                    d.significant.to_string(),
                    d.mid.to_string(),
                    d.important.to_string(),
                ])?;
            }
            print(&String::from_utf8(w.into_inner()?)?)
        }
        CompareFormat::Table => {
            let mut t = Table::new();
            t.load_style(UTF8_BORDERS_ONLY);
            let mut header = vec!["measure", "A", "B", "B − A", "95% CI of B − A", "", "MID"];
            if a.parameter_uncertainty {
                header.push("95% over parameter draws");
            }
            t.set_header(header);
            for d in &diffs {
                t.add_row(vec![
                    d.measure.clone(),
                    format!("{:.4}", d.a),
                    format!("{:.4}", d.b),
                    format!("{:+.4}", d.diff),
                    format!("{:+.4} – {:+.4}", d.lo, d.hi),
                    match (d.significant, d.important) {
                        (true, true) => "*".into(),
                        (true, false) => "* small".into(),
                        _ => String::new(),
                    },
                    if d.mid > 0.0 {
                        format!("{}", d.mid)
                    } else {
                        "—".into()
                    },
                ]);
                if let Some(p) = pu_of(&d.measure) {
                    if let Some(last) = t.row_mut(t.row_count() - 1) {
                        last.add_cell(format!("{:+.4} – {:+.4}", p.lo, p.hi).into());
                    }
                }
            }
            let mut out = format!(
                "A = {} ({}), B = {} ({}); {runs} paired runs, seed {seed}; * = the interval excludes 0; small = below the minimum important difference (MID)\n",
                pa.scenario.name,
                a.a.display(),
                pb.scenario.name,
                a.b.display()
            );
            out.push_str(&calibration_lines(&pa.calibration));
            out.push_str(&format!("{t}\n"));
            if a.parameter_uncertainty {
                out.push_str(&format!(
                    "parameter draws: {} draws shared by A and B, over the range table's assumed parameters and fitted rates and shares{}\n",
                    a.draws,
                    if held.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; held at each scenario's own value, as A and B differ on them: {}",
                            held.join(", ")
                        )
                    }
                ));
            }
            if !flags.is_empty() {
                out.push_str("saturated outputs (one value in at least 99% of runs; differences there say little):\n");
                for f in &flags {
                    out.push_str(&format!("  - {}\n", f.what));
                }
            }
            print(&out)
        }
    }
}

/// `compare --parameter-uncertainty`: both scenarios over the same `--draws` parameter sets, each
/// run on the seed; the interval over draws of each measure's mean paired difference, and the
/// parameters held at each scenario's own value because the two scenarios differ on them.
fn paired_uncertainty(
    a: &CompareArgs,
    pa: &Prepared,
    pb: &Prepared,
    ra: &entente_sim::Runs,
    st: Option<&Store>,
) -> Result<(Vec<entente_sim::study::ParamInterval>, Vec<String>)> {
    use entente_sim::study::{self, RunSpec};
    let base_of = |path: &Path| -> Result<entente_sim::sweep::Base> {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        Ok(entente_sim::sweep::Base::new(
            &text,
            &path.display().to_string(),
        )?)
    };
    let (ba, bb) = (base_of(&a.a)?, base_of(&a.b)?);
    let (tab, _) = super::sensitivity::table(a.table.as_deref(), &a.a, pa.scenario.year)?;
    let k = a.draws as usize;
    let (runs, seed) = (pa.scenario.runs, pa.scenario.seed);
    let cost = 2 * study::cost(k, runs, pa.scenario.horizon_months);
    if cost > 200_000_000 {
        bail!("--parameter-uncertainty is 2 scenarios x {k} draws x {runs} runs x {} months = {cost} simulated run-months, over the budget of 200000000; use fewer --draws or --runs", pa.scenario.horizon_months);
    }
    let (shared, held) = study::shared_ranges(&ba, &bb, tab.uncertain());
    let d = study::draws(&ba, shared, k, seed)?;
    let names: Vec<String> = ra
        .names
        .iter()
        .filter(|n| pb.model.metric_names().contains(n))
        .cloned()
        .collect();
    let spec = RunSpec {
        store: st,
        runs,
        seed,
        threads: a.threads,
        measures: Some(&names),
    };
    let xa = study::run_design(&ba, &d, spec, &|_| {})?;
    let xb = study::run_design(&bb, &d, spec, &|_| {})?;
    Ok((study::paired_parameter_intervals(&xa, &xb), held))
}

/// The nested parameter-uncertainty design of `simulate`: `--draws` parameter sets × the
/// scenario's runs, each on its seed; writes `parameter_uncertainty.csv` and returns the summary
/// text (with the path written).
fn parameter_uncertainty(
    a: &SimulateArgs,
    p: &Prepared,
    base_runs: &entente_sim::Runs,
    st: Option<&Store>,
) -> Result<(String, std::path::PathBuf)> {
    use entente_sim::study::{self, RunSpec};
    let text = std::fs::read_to_string(&a.scenario)
        .with_context(|| format!("{}", a.scenario.display()))?;
    let file = a.scenario.display().to_string();
    let base = entente_sim::sweep::Base::new(&text, &file)?;
    let (tab, _) = super::sensitivity::table(a.table.as_deref(), &a.scenario, p.scenario.year)?;
    let k = a.draws as usize;
    let cost = study::cost(k, p.scenario.runs, p.scenario.horizon_months);
    if cost > a.budget as u128 {
        bail!(
            "--parameter-uncertainty is {k} draws x {} runs x {} months = {cost} simulated run-months, over the budget of {} (--budget)",
            p.scenario.runs,
            p.scenario.horizon_months,
            a.budget
        );
    }
    let d = study::draws(&base, tab.uncertain(), k, p.scenario.seed)?;
    let names = base_runs.names.clone();
    let spec = RunSpec {
        store: st,
        runs: p.scenario.runs,
        seed: p.scenario.seed,
        threads: a.threads,
        measures: Some(&names),
    };
    let r = study::run_design(&base, &d, spec, &|_| {})?;
    let pis = study::parameter_intervals(&r);
    let stats = entente_sim::summarise(base_runs);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "measure",
        "mean",
        "mc_lo",
        "mc_hi",
        "draws_mean",
        "param_lo",
        "param_hi",
        "draws",
        "runs_per_draw",
    ])?;
    for (pi, (name, s)) in pis.iter().zip(&stats) {
        w.write_record([
            name.clone(),
            s.mean.to_string(),
            s.mean_lo.to_string(),
            s.mean_hi.to_string(),
            pi.mean.to_string(),
            pi.lo.to_string(),
            pi.hi.to_string(),
            k.to_string(),
            p.scenario.runs.to_string(),
        ])?;
    }
    let path = a.out.join("parameter_uncertainty.csv");
    entente_sim::output::write_atomic(&path, &w.into_inner()?)?;
    let mut t = Table::new();
    t.load_style(UTF8_BORDERS_ONLY);
    t.set_header([
        "measure",
        "mean",
        "95% CI of mean (Monte Carlo only)",
        "95% of parameter draws (assumptions)",
    ]);
    for (pi, (name, s)) in pis.iter().zip(&stats) {
        if name.ends_with("failure_rate") || name == "cohesion" || name.ends_with(".fear") {
            t.add_row(vec![
                name.clone(),
                pct(s.mean),
                format!("{} – {}", pct(s.mean_lo), pct(s.mean_hi)),
                format!("{} – {}", pct(pi.lo), pct(pi.hi)),
            ]);
        }
    }
    let text = format!(
        "parameter uncertainty: {k} parameter draws (a Latin hypercube over {} assumed parameters' ranges and {} fitted rates' and shares' sampling distributions) x {} runs each, same seed; the Monte Carlo interval shrinks with runs, the parameter interval does not\n{t}\n",
        d.ranges.iter().filter(|r| r.group == entente_sensitivity::Group::Assumed).count(),
        d.ranges.iter().filter(|r| r.group == entente_sensitivity::Group::Fitted).count(),
        p.scenario.runs
    );
    Ok((text, path))
}

/// Saturation flags of one scenario's runs, in words: every ally of a theatre hedging in 99% of
/// runs or more, and single measures stuck at one value.
fn saturation_flags(
    p: &Prepared,
    runs: &entente_sim::Runs,
    label: &str,
) -> Vec<entente_sim::compare::Saturation> {
    use entente_sim::compare::{all_allies, Saturation};
    let m = &p.model;
    let mut out = Vec::new();
    for (k, name) in m.theatre_names.iter().enumerate() {
        let allies: Vec<String> = m
            .ally_ids
            .iter()
            .zip(&m.ally_theatre)
            .filter(|(_, &t)| t == k)
            .map(|(a, _)| a.clone())
            .collect();
        for (event, verb) in [
            ("internal_events", "hedge by internal balancing"),
            (
                "cooperation_events",
                "hedge by cooperating with each other (backfill)",
            ),
            (
                "accommodation_events",
                "hedge by accommodating the challenger",
            ),
        ] {
            if let Some(share) = all_allies(runs, &allies, event) {
                if share >= 0.99 {
                    out.push(Saturation {
                        what: format!(
                            "{label}: all {name} allies {verb} in {:.1}% of runs",
                            share * 100.0
                        ),
                        value: 1.0,
                        share,
                    });
                }
            }
        }
    }
    out
}

/// Measures of the comparison saturated in A or B: "m: 0 in 100.0% of runs under A, 99.2% under B".
fn measure_flags(
    ra: &entente_sim::Runs,
    rb: &entente_sim::Runs,
    shown: &[entente_sim::compare::Difference],
) -> Vec<entente_sim::compare::Saturation> {
    use entente_sim::compare::{saturated, Saturation};
    let (sa, sb) = (saturated(ra, 0.99), saturated(rb, 0.99));
    let mut out = Vec::new();
    for d in shown {
        let a = sa.iter().find(|s| s.what == d.measure);
        let b = sb.iter().find(|s| s.what == d.measure);
        let part = |s: Option<&Saturation>, l: &str| {
            s.map(|s| {
                format!(
                    "{:.4} in {:.1}% of runs under {l}",
                    s.value,
                    s.share * 100.0
                )
            })
        };
        let text: Vec<String> = [part(a, "A"), part(b, "B")].into_iter().flatten().collect();
        if let Some(first) = a.or(b) {
            out.push(Saturation {
                what: format!("{}: {}", d.measure, text.join(", ")),
                value: first.value,
                share: first.share,
            });
        }
    }
    out
}

pub fn bench(g: &Global, a: BenchSimArgs) -> Result<()> {
    let scn = match &a.scenario {
        Some(p) => read(p)?.1,
        None => Scenario {
            name: "baseline (built-in defaults)".into(),
            ..Scenario::default()
        },
    };
    let st = store(g);
    let p = Prepared::new(scn, st.as_ref())?;
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let per_run = p.model.theatre_months() as f64;
    let reps = a.repeat.max(1);
    let time = |threads: usize| -> Result<Vec<f64>> {
        let pool = entente_sim::runner::pool(threads)?;
        // One warm-up, then the timed repetitions.
        let _ = entente_sim::run_on(&pool, &p.model, a.runs.min(1000));
        let mut v = Vec::new();
        for _ in 0..reps {
            let t = Instant::now();
            let r = entente_sim::run_on(&pool, &p.model, a.runs);
            v.push(t.elapsed().as_secs_f64());
            std::hint::black_box(r);
        }
        Ok(v)
    };
    let load_before = super::bench::load_average();
    let one = time(1)?;
    let all = time(cores)?;
    let (min1, med1, _) = super::bench::summary(one.iter().map(|s| s * 1e3).collect());
    let (minn, medn, maxn) = super::bench::summary(all.iter().map(|s| s * 1e3).collect());
    let tm = a.runs as f64 * per_run;
    print(&format!(
        "simulation bench: scenario '{}', {} runs × {} theatre-months; {} repetitions, median (min)\n  \
         1 core : {:.3} s ({:.3} s) → {:.2e} theatre-months/s/core   (goal ≥ 1e6)\n  \
         {cores} cores: {:.3} s ({:.3} s, max {:.3} s) → {:.2e} theatre-months/s/core; {} runs in {:.3} s   (goal < 1 s)\n  \
         load average (1, 5, 15 min): before {load_before}, after {}\n",
        p.scenario.name,
        a.runs,
        per_run,
        reps,
        med1 / 1e3,
        min1 / 1e3,
        tm / (med1 / 1e3),
        medn / 1e3,
        minn / 1e3,
        maxn / 1e3,
        tm / (medn / 1e3) / cores as f64,
        a.runs,
        medn / 1e3,
        super::bench::load_average()
    ))
}
