//! Trajectories (`docs/model.md` §8): month by month, the mean and the 5–95% band over runs of each
//! theatre's failures, fear, belief, hedging intensity and cohesion, as CSV and as fan charts.

use crate::chart::{line_chart, Series};
use crate::error::Result;
use crate::model::Model;
use crate::run::TRACE_MEASURES;
use crate::runner::quantile;
use crate::Work;
use rayon::prelude::*;

/// At most this many runs are traced (the first ones of the seed): a band over 2,000 runs is as
/// sharp as the charts can show, and the buffer stays under 20 MB for two theatres and 120 months.
pub const TRACE_RUNS: u64 = 2000;

/// The traced bands.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectories {
    /// Theatre ids.
    pub theatres: Vec<String>,
    /// Months.
    pub months: usize,
    /// Runs traced.
    pub runs: u64,
    /// `(mean, p5, p95)` at `[(k * TRACE_MEASURES.len() + m) * months + t]`.
    pub bands: Vec<(f64, f64, f64)>,
}

/// Traces the first `min(runs, TRACE_RUNS)` runs of a model on a pool; the same seed gives the same
/// bands whatever the pool's size.
pub fn trajectories(pool: &rayon::ThreadPool, model: &Model, runs: u64) -> Trajectories {
    let n = runs.min(TRACE_RUNS) as usize;
    let width = model.trace_width();
    let months = model.horizon();
    let per_run = width * months;
    let mut traces = vec![0.0; n * per_run];
    let m = model.n_metrics();
    pool.install(|| {
        traces.par_chunks_mut(per_run).enumerate().for_each_init(
            || (Work::new(model), vec![0.0; m]),
            |(w, out), (r, tr)| model.run_traced(r as u64, w, out, Some(tr)),
        );
    });
    let nm = TRACE_MEASURES.len();
    let mut bands = Vec::with_capacity(width * months);
    let mut col = Vec::with_capacity(n);
    for k in 0..model.theatres() {
        for j in 0..nm {
            for t in 0..months {
                col.clear();
                col.extend(
                    (0..n)
                        .map(|r| traces[r * per_run + t * width + k * nm + j])
                        .filter(|v| v.is_finite()),
                );
                if col.is_empty() {
                    bands.push((f64::NAN, f64::NAN, f64::NAN));
                    continue;
                }
                let mean = col.iter().sum::<f64>() / col.len() as f64;
                col.sort_by(f64::total_cmp);
                bands.push((mean, quantile(&col, 0.05), quantile(&col, 0.95)));
            }
        }
    }
    Trajectories {
        theatres: model.theatre_ids.clone(),
        months,
        runs: n as u64,
        bands,
    }
}

fn cell(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        String::new()
    }
}

impl Trajectories {
    fn band(&self, k: usize, m: usize, t: usize) -> (f64, f64, f64) {
        self.bands[(k * TRACE_MEASURES.len() + m) * self.months + t]
    }

    /// `trajectories.csv`: `month,theatre,measure,mean,p5,p95,runs` (month from 1; an empty cell
    /// where a theatre has no allies).
    pub fn csv(&self) -> String {
        let mut s = String::from("month,theatre,measure,mean,p5,p95,runs\n");
        for (k, th) in self.theatres.iter().enumerate() {
            for (m, name) in TRACE_MEASURES.iter().enumerate() {
                for t in 0..self.months {
                    let (a, lo, hi) = self.band(k, m, t);
                    s.push_str(&format!(
                        "{},{th},{name},{},{},{},{}\n",
                        t + 1,
                        cell(a),
                        cell(lo),
                        cell(hi),
                        self.runs
                    ));
                }
            }
        }
        s
    }

    /// One fan chart per measure, both theatres on it: `(file name, SVG)`.
    pub fn charts(&self) -> Result<Vec<(String, String)>> {
        let titles = [
            ("failures", "Failures of deterrence a month", "failures"),
            ("fear", "Allies' fear of abandonment", "fear (0-1)"),
            ("belief", "Allies' belief in US credibility", "belief (0-1)"),
            ("hedging", "Allies' hedging intensity", "intensity (0-1)"),
            ("cohesion", "Allied cohesion", "cohesion (0-1)"),
        ];
        let mut out = Vec::new();
        for (m, (name, title, unit)) in titles.iter().enumerate() {
            let series: Vec<Series> = self
                .theatres
                .iter()
                .enumerate()
                .map(|(k, th)| {
                    let pts: Vec<(f64, f64, f64)> =
                        (0..self.months).map(|t| self.band(k, m, t)).collect();
                    Series {
                        name: format!("{th} (mean; 5-95% of runs)"),
                        x: (1..=self.months).map(|t| t as f64).collect(),
                        y: pts.iter().map(|p| p.0).collect(),
                        lo: pts.iter().map(|p| p.1).collect(),
                        hi: pts.iter().map(|p| p.2).collect(),
                    }
                })
                .collect();
            let svg = line_chart(
                &format!("{title}, month by month ({} runs)", self.runs),
                "month",
                unit,
                &series,
            )?;
            out.push((format!("trajectory-{name}.svg"), svg));
        }
        Ok(out)
    }
}
