//! `entente bench …`: benchmarks that print their figures.

use crate::cli::{BenchCommand, BenchLoadArgs, Global};
use crate::output::print;
use anyhow::{bail, Result};
use entente_data::Store;
use std::time::Instant;

pub fn run(g: &Global, c: BenchCommand) -> Result<()> {
    match c {
        BenchCommand::Load(a) => load(g, a),
        BenchCommand::Frames(a) => frames(g, a),
        BenchCommand::Similarity(a) => similarity(g, a),
        BenchCommand::Opportunities(a) => opportunities(g, a),
        BenchCommand::Sim(a) => super::sim::bench(g, a),
        BenchCommand::Networks(a) => super::net::bench(g, a),
        BenchCommand::Sensitivity(a) => super::sensitivity::bench(g, a),
    }
}

fn frames(g: &Global, a: BenchLoadArgs) -> Result<()> {
    let dir = super::data_dir(g)?;
    let (times, rows, size) = dyad_years_to_parquet(&dir.path, a.runs, |f| {
        Ok(f.add_all(&[
            "atop",
            "cow-alliance",
            "nmc",
            "contiguity",
            "capital-distance",
        ])?)
    })?;
    let (min, med, max) = summary(times);
    print(&format!(
        "directed dyad-years 1816–2018 + atop,cow-alliance,nmc,contiguity,capital-distance -> Parquet\n  {rows} rows, {:.1} MB; load + build + write: min {:.2} s   median {:.2} s   max {:.2} s   ({} runs; goal < 2 s)\n",
        size as f64 / 1e6,
        min / 1e3,
        med / 1e3,
        max / 1e3,
        a.runs.max(1)
    ))
}

/// Times `runs` (at least one) cold builds of every directed dyad-year 1816–2018 from a fresh store,
/// with `add`'s columns, written to a temporary Parquet file: milliseconds per run, rows, file bytes.
fn dyad_years_to_parquet(
    dir: &std::path::Path,
    runs: usize,
    add: impl for<'s> Fn(entente_frames::Frame<'s>) -> Result<entente_frames::Frame<'s>>,
) -> Result<(Vec<f64>, u64, u64)> {
    use entente_frames::{write_frame, DyadYears, FrameOptions, WriteOptions};
    let tmp = tempfile::Builder::new()
        .prefix("entente-bench-")
        .suffix(".parquet")
        .tempfile()?
        .into_temp_path();
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let store = Store::new(dir);
        let frame = DyadYears::create(
            &store,
            FrameOptions {
                from: Some(1816),
                to: Some(2018),
                extend: true,
            },
            true,
        )?;
        rows = write_frame(&add(frame)?, &tmp, &WriteOptions::default())?.rows;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let size = std::fs::metadata(&tmp).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(entente_frames::write::manifest_path(&tmp));
    Ok((times, rows, size))
}

/// min / median / max of a list of milliseconds.
/// The load average (1, 5 and 15 minutes) of the machine, for benches to print beside their
/// figures: machines here are shared.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

pub fn summary(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    if n == 0 {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    (ms[0], ms[n / 2], ms[n - 1])
}

fn load(g: &Global, a: BenchLoadArgs) -> Result<()> {
    let dir = super::data_dir(g)?;
    let mut times = Vec::new();
    let mut bytes = 0u64;
    for run in 0..a.runs.max(1) {
        let t = Instant::now();
        let store = Store::new(&dir.path);
        for (id, r) in store.load_all() {
            match r {
                Ok(ps) if run == 0 => {
                    bytes += ps
                        .iter()
                        .filter_map(|p| std::fs::metadata(&p.path).ok())
                        .map(|m| m.len())
                        .sum::<u64>()
                }
                Ok(_) => {}
                Err(e) => bail!("{id}: {e}"),
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (min, med, max) = summary(times);
    print(&format!(
        "load every dataset in {} ({:.1} MB, 11 datasets, parsed and validated, in parallel on {} threads)\n  min {min:.0} ms   median {med:.0} ms   max {max:.0} ms   ({} runs; goal < 300 ms)\n",
        dir.path.display(),
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        a.runs.max(1)
    ))
}

fn similarity(g: &Global, a: BenchLoadArgs) -> Result<()> {
    use entente_similarity::{Similarity, SimilarityOptions};
    let dir = super::data_dir(g)?;
    let rec = super::record(g)?.into_owned();
    let (times, rows, _) = dyad_years_to_parquet(&dir.path, a.runs, |f| {
        Ok(f.add(Similarity::new(SimilarityOptions::default(), rec.clone()))?)
    })?;
    let (min, med, max) = summary(times);
    let mut out = format!(
        "every similarity measure (16), every directed dyad-year 1816–2018 from ATOP -> Parquet\n  {rows} rows; load + compute + write: min {:.2} s   median {:.2} s   max {:.2} s   ({} runs; goal <= 3 s)\n  per-year scaling (one year's pairs, all measures, one thread; the work grows as n^3):\n",
        min / 1e3,
        med / 1e3,
        max / 1e3,
        a.runs.max(1)
    );
    let store = Store::new(&dir.path);
    let mut sim = Similarity::new(SimilarityOptions::default(), rec);
    sim.prepare_with(Some(&store), (1816, 2018))?;
    let system = entente_frames::system::System::from_store(&store, true)?;
    for y in [1850, 1900, 1950, 1975, 2000, 2018] {
        let states = system.year(y).states.clone();
        let n = states.len() as f64;
        let reps = 5;
        let t = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(sim.year_scores(y, &states));
        }
        let ms = t.elapsed().as_secs_f64() * 1e3 / reps as f64;
        out.push_str(&format!(
            "    {y}: n = {:3}  {:7.2} ms   {:6.2} ns per n^3\n",
            states.len(),
            ms,
            ms * 1e6 / (n * n * n)
        ));
    }
    print(&out)
}

fn opportunities(g: &Global, a: BenchLoadArgs) -> Result<()> {
    let dir = super::data_dir(g)?;
    let rec = super::record(g)?;
    let mut times = Vec::new();
    let mut scoring = Vec::new();
    let mut rows = 0;
    for _ in 0..a.runs.max(1) {
        let t = Instant::now();
        let store = Store::new(&dir.path);
        let engine = entente_opportunities::Engine::new(Some(&store), &rec, Default::default());
        let loaded = t.elapsed();
        rows = engine.years(1990, 2025).iter().map(Vec::len).sum::<usize>();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        scoring.push((t.elapsed() - loaded).as_secs_f64() * 1e3);
    }
    let (min, med, max) = summary(times);
    let (_, smed, _) = summary(scoring);
    print(&format!(
        "opportunity scores, every European–East Asian pair, every year 1990–2025 (from a cold load)\n  {rows} pair-years; min {:.2} s   median {:.2} s   max {:.2} s   ({} runs; goal < 1 s)\n  of which scoring, after the inputs are read (years in parallel on every core): median {:.2} s\n  load average (1, 5, 15 min): {}\n",
        min / 1e3,
        med / 1e3,
        max / 1e3,
        a.runs.max(1),
        smed / 1e3,
        load_average()
    ))
}
