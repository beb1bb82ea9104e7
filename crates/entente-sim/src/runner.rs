//! Running many runs in parallel, and summarising them. Each run writes its own row of a table
//! made in advance, so the result does not depend on how the runs are spread over threads.

use crate::error::{Result, SimError};
use crate::model::{Model, Work};
use rayon::prelude::*;
use serde::Serialize;

/// The measures of every run: `runs × metrics`, row-major.
#[derive(Debug, Clone)]
pub struct Runs {
    /// Measure names.
    pub names: Vec<String>,
    /// The values, one row per run.
    pub values: Vec<f64>,
}

impl Runs {
    /// Number of runs.
    pub fn len(&self) -> usize {
        if self.names.is_empty() {
            0
        } else {
            self.values.len() / self.names.len()
        }
    }

    /// Whether there are no runs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One run's row.
    pub fn row(&self, r: usize) -> &[f64] {
        let m = self.names.len();
        &self.values[r * m..(r + 1) * m]
    }

    /// One measure over runs.
    pub fn column(&self, j: usize) -> Vec<f64> {
        let m = self.names.len();
        self.values.iter().skip(j).step_by(m).copied().collect()
    }

    /// A measure's column index by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// A thread pool of `threads` threads (0: one per core).
pub fn pool(threads: usize) -> Result<rayon::ThreadPool> {
    if threads > MAX_THREADS {
        return Err(SimError::Invalid(format!(
            "--threads {threads}: at most {MAX_THREADS} (0 means one per core)"
        )));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| SimError::Invalid(format!("thread pool: {e}")))
}

/// The most worker threads a run may ask for.
pub const MAX_THREADS: usize = 256;

/// The most values one set of runs may hold (runs × measures, 8 bytes each: 1 GiB).
pub const MAX_RUN_VALUES: u64 = 1 << 27;

/// Refuses, before anything is allocated, a run count whose values (runs × measures) would not fit
/// under [`MAX_RUN_VALUES`].
pub fn check_runs(model: &Model, runs: u64) -> Result<()> {
    let m = model.n_metrics() as u64;
    if runs.checked_mul(m).is_none_or(|v| v > MAX_RUN_VALUES) {
        return Err(SimError::Invalid(format!(
            "{runs} runs of {m} measures each are more than {MAX_RUN_VALUES} values; use fewer runs (at most {})",
            MAX_RUN_VALUES / m.max(1)
        )));
    }
    Ok(())
}

/// Runs `runs` runs of a model on a pool (callers check the size with [`check_runs`] first).
pub fn run_on(pool: &rayon::ThreadPool, model: &Model, runs: u64) -> Runs {
    let m = model.n_metrics();
    let mut values = vec![0.0; runs as usize * m];
    pool.install(|| {
        values.par_chunks_mut(m).enumerate().for_each_init(
            || Work::new(model),
            |w, (r, out)| model.run(r as u64, w, out),
        );
    });
    Runs {
        names: model.metric_names(),
        values,
    }
}

/// Runs a model on a new pool of `threads` threads.
pub fn run(model: &Model, runs: u64, threads: usize) -> Result<Runs> {
    check_runs(model, runs)?;
    Ok(run_on(&pool(threads)?, model, runs))
}

/// A measure over runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stat {
    /// Mean over runs.
    pub mean: f64,
    /// Standard deviation over runs.
    pub sd: f64,
    /// Lower end of the 95% confidence interval of the mean.
    pub mean_lo: f64,
    /// Upper end of the 95% confidence interval of the mean.
    pub mean_hi: f64,
    /// 2.5th percentile of the runs.
    pub p2_5: f64,
    /// 97.5th percentile of the runs.
    pub p97_5: f64,
}

/// The empirical quantile `q` of sorted values (linear interpolation, R type 7).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

impl Stat {
    /// The statistics of a sample, summed in order (deterministic).
    pub fn of(xs: &[f64]) -> Stat {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = if xs.len() > 1 {
            xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)
        } else {
            0.0
        };
        let sd = var.sqrt();
        let half = 1.96 * sd / n.sqrt();
        let mut s = xs.to_vec();
        s.sort_by(f64::total_cmp);
        // The mean cannot leave the runs' range, so neither does its interval: a share stays in
        // [0, 1] (docs/model.md §8).
        let (lo, hi) = match (s.first(), s.last()) {
            (Some(a), Some(b)) => (*a, *b),
            _ => (f64::NAN, f64::NAN),
        };
        Stat {
            mean,
            sd,
            mean_lo: (mean - half).max(lo),
            mean_hi: (mean + half).min(hi),
            p2_5: quantile(&s, 0.025),
            p97_5: quantile(&s, 0.975),
        }
    }
}

/// Every measure's statistics, in the runs' order.
pub fn summarise(runs: &Runs) -> Vec<(String, Stat)> {
    (0..runs.names.len())
        .map(|j| (runs.names[j].clone(), Stat::of(&runs.column(j))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_a_known_sample() {
        let s = Stat::of(&[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(s.mean, 3.0);
        assert!((s.sd - 2.5f64.sqrt()).abs() < 1e-12);
        assert!((s.p2_5 - 1.1).abs() < 1e-12);
        assert!((s.p97_5 - 4.9).abs() < 1e-12);
        assert!((s.mean_hi - s.mean - 1.96 * s.sd / 5f64.sqrt()).abs() < 1e-12);
    }
}
