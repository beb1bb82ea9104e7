//! The command line of `entente sensitivity` and `entente bench sensitivity`.

use clap::Args;
use std::path::PathBuf;

pub const SENSITIVITY_HELP: &str = "\
Which assumptions drive each result (docs/sensitivity.md). Varies the scenario's assumed parameters over \
their plausible ranges and measures how each result moves:

  --method oat    one at a time: each parameter to the low and high end of its range, the others at
                  the scenario's values; paired effects with 95% Monte Carlo intervals (indices
                  oat_low, oat_high)
  --method lhs    a Latin hypercube of --samples points; partial rank correlation coefficients
                  (prcc) with 95% bootstrap intervals (Marino et al. 2008)
  --method sobol  Saltelli's design on a Sobol' sequence, --samples base samples x (parameters + 2)
                  points; first-order (Saltelli et al. 2010) and total (Jansen 1999) indices with
                  95% bootstrap intervals, SALib's conventions (first_order, total)

Ranges come from ranges.toml beside the scenario (scenarios/ranges.toml; the built-in copy when there is \
none) or --ranges FILE; --range NAME=LO:HI overrides or adds one (uniform). Parameters are scenario fields \
as dotted paths, as in `entente sweep`. The default parameters are the table's assumed entries (eight in \
the shipped table); its fitted entries (probe rates and crisis shares from `entente estimate`, with their \
sampling distributions) are varied only when named in --params. The default measures each theatre's failure rate, fear and cohesion as far as the simulation reports them per theatre \
(else the system's cohesion).

Every design point runs --runs runs on the same seed (common random numbers); results are byte-identical \
whatever --threads is. A design over --budget simulated run-months (points x runs x months) is refused \
before anything runs unless you pass --yes.

Writes into --out: indices.csv (parameter, measure, index, estimate, ci_low, ci_high), points.csv (the \
design and each measure's mean at every point), ranges.csv (the ranges used and why), one tornado chart \
per measure (tornado_MEASURE.svg) and manifest.json. With --shard I/N it runs only that block of the \
design's points into shard-I-of-N.parquet and its manifest; `entente merge OUT` then writes the same \
files as the unsharded run, byte-identical (docs/scale-out.md).

Examples:
  entente sensitivity scenarios/baseline.toml --method oat --out out/oat
  entente sensitivity scenarios/baseline.toml --method lhs --samples 300 --runs 1000 --out out/lhs
  entente sensitivity scenarios/baseline.toml --method sobol --samples 256 --runs 200 --out sobol
  entente sensitivity scenarios/baseline.toml --method oat --params coordination,spillover \\
      --range spillover=0.2:0.8 --out oat";

/// A design method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MethodArg {
    /// One at a time.
    Oat,
    /// Latin hypercube and PRCC.
    Lhs,
    /// Saltelli's design and Sobol' indices.
    Sobol,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The scenario file.
    pub scenario: PathBuf,
    /// The design.
    #[arg(long, value_enum)]
    pub method: MethodArg,
    /// Parameters to vary, comma-separated (default: the range table's assumed entries).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub params: Vec<String>,
    /// A parameter's range, overriding the table's or adding one: NAME=LO:HI (repeatable).
    #[arg(long = "range", value_name = "NAME=LO:HI")]
    pub ranges: Vec<String>,
    /// The range table (default: ranges.toml beside the scenario, else the built-in one).
    #[arg(long = "ranges", value_name = "FILE")]
    pub table: Option<PathBuf>,
    /// Measures to analyse, comma-separated, as named in runs.csv (default: per theatre failure
    /// rate, fear and cohesion as far as reported).
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub measures: Vec<String>,
    /// Samples: LHS points (default 300) or Sobol' base samples (default 256); unused by oat.
    #[arg(long, value_parser = clap::value_parser!(u64).range(2..=65_536))]
    pub samples: Option<u64>,
    /// Runs per design point.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub runs: u64,
    /// Seed of every point's runs (default: the scenario's); the design's own seed follows from it.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Bootstrap resamples for the intervals of prcc and Sobol' indices.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(0..=100_000))]
    pub resamples: u64,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Largest design, in simulated run-months (points x runs x months), run without --yes.
    #[arg(long, default_value_t = 200_000_000, value_name = "RUN-MONTHS")]
    pub budget: u64,
    /// Run a design over the budget.
    #[arg(long)]
    pub yes: bool,
    /// Run one shard of the design, I/N (I from 0 to N-1), into OUT/shard-I-of-N.parquet and its
    /// manifest; `auto` reads SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX. `entente merge OUT`
    /// joins the shards and writes the indices (docs/scale-out.md).
    #[arg(long, value_name = "I/N|auto")]
    pub shard: Option<String>,
    /// The shard count for `--shard auto` under Kubernetes (JOB_COMPLETION_INDEX); default:
    /// $ENTENTE_SHARDS.
    #[arg(long, value_name = "N")]
    pub shards: Option<usize>,
    /// The output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct BenchSensitivityArgs {
    /// The scenario (default: the built-in baseline).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Sobol' base samples.
    #[arg(long, default_value_t = 256)]
    pub samples: usize,
    /// Runs per design point.
    #[arg(long, default_value_t = 200)]
    pub runs: u64,
}
