//! `entente bench …`: benchmarks that print their figures.

use crate::cli::{BenchCommand, BenchLoadArgs, Global};
use crate::output::print;
use anyhow::{bail, Result};
use entente_data::Store;
use std::time::Instant;

pub fn run(g: &Global, c: BenchCommand) -> Result<()> {
    match c {
        BenchCommand::Load(a) => load(g, a),
    }
}

/// min / median / max of a list of milliseconds.
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
