//! The command line of `entente simulate`, `entente sweep`, `entente compare` and `entente bench sim`.

use clap::Args;
use std::path::PathBuf;

pub const SIMULATE_HELP: &str = "\
A Monte Carlo model of coordinated Sino-Russian pressure on the two US alliance theatres (docs/model.md): \
challengers probe, correlated by the coordination parameter rho; the US allocates a finite force by a policy, \
with transit delays and a surge reserve split between the theatres probed at once; the local balance decides \
whether a probe succeeds or a crisis escalates; allies update their belief in US credibility on what they \
see in both theatres, and past thresholds of fear they balance, backfill or accommodate.

Forces are calibrated for the scenario's year from SIPRI military expenditure and COW NMC personnel in the \
data directory, or from built-in 2024 figures when there is none (the output says which). The scenario file \
sets every parameter; scenarios/ ships baseline, high-coordination, european-backfill, asia-first, \
europe-first, allied-3pct and baltic-short-warning.

Writes into --out: summary.json (the scenario as run, the calibration, every measure's mean, 95% CI of the \
mean and 2.5/97.5 percentiles), summary.csv, runs.csv (one row per run), trajectories.csv (month by month, \
per theatre, the mean and 5-95% band over the first 2,000 runs of failures, fear, belief, hedging and \
cohesion) with one fan chart per measure (trajectory-*.svg), and manifest.json (command, time, inputs \
with sha256). The same seed gives byte-identical summary and runs files whatever --threads is.

The confidence intervals of the mean cover Monte Carlo error only. --parameter-uncertainty adds a nested \
design: --draws parameter sets drawn from the range table (scenarios/ranges.toml, docs/sensitivity.md): \
the assumed parameters from their ranges and the fitted probe rates and crisis shares from their sampling \
distributions (gamma and beta, from `entente estimate`), each run --runs times on the same seed; parameter_uncertainty.csv and the summary give, per measure, the \
2.5-97.5% interval of the per-draw means beside the Monte Carlo interval. That interval does not shrink \
with more runs: it is the spread that the assumptions' ranges allow.

Examples:
  entente simulate scenarios/baseline.toml --out out/baseline
  entente simulate scenarios/high-coordination.toml --runs 2000 --seed 7 --threads 2 --out out/hc
  entente simulate scenarios/baseline.toml --runs 500 --parameter-uncertainty --draws 50 --out pu";

pub const SWEEP_HELP: &str = "\
Run a scenario over a grid of parameter values. Each --param is a scenario field as a dotted path (as in the \
TOML file) with a range START:STOP:STEP or a list V1,V2,...; several --param make a grid. Every point runs on \
the scenario's seed (common random numbers), so differences between points are not noise from different \
draws. Writes sweep.csv (one row per point and measure) and one SVG chart per key measure against the first \
parameter, with a progress bar on a terminal.

A sweep larger than --budget simulated theatre-months (points x runs x months x theatres) is refused \
unless you pass --yes.

Examples:
  entente sweep scenarios/baseline.toml --param coordination=0:1:0.1 --out out/rho
  entente sweep scenarios/baseline.toml --param backfill.europe=0:0.3:0.05 \\
      --param coordination=0.3,0.9 --out out/bf
  entente sweep scenarios/baseline.toml --param us.deployable_share=0.3:0.9:0.1 --runs 2000 \\
      --out out/dep";

pub const COMPARE_HELP: &str = "\
Compare two scenarios, typically two policies: both run on the same seed and run indices (common random \
numbers), so each run of B is paired with the run of A that faced the same random numbers. For every \
measure both have: the mean under A and under B, the mean difference B - A and its 95% confidence \
interval; '*' marks an interval that excludes 0. With many runs almost every difference is significant, so \
each measure has a minimum important difference (--mid, defaults in docs/sensitivity.md): a significant \
difference smaller than it is marked 'small'. Saturated outputs (one value in 99% of runs or more, such as \
every East Asian ally hedging in every run) are listed under the table: a difference there says little.

Examples:
  entente compare scenarios/baseline.toml scenarios/asia-first.toml
  entente compare scenarios/baseline.toml scenarios/european-backfill.toml --runs 20000 \\
      --format csv";

/// How a comparison is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// An aligned table.
    Table,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The scenario file (TOML; see scenarios/ and docs/model.md).
    pub scenario: PathBuf,
    /// Runs (default: the scenario's).
    #[arg(long, value_parser = crate::cli::between::<u64>(1, 1_000_000))]
    pub runs: Option<u64>,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Also run a nested design for parameter uncertainty: --draws parameter sets drawn from the
    /// range table (a Latin hypercube), each run --runs times on the same seed; reports each
    /// measure's 95% interval over draws beside the Monte Carlo interval.
    #[arg(long)]
    pub parameter_uncertainty: bool,
    /// Parameter draws of --parameter-uncertainty.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(2..=10_000))]
    pub draws: u64,
    /// The range table (default: ranges.toml beside the scenario, else the built-in one).
    #[arg(long = "ranges", value_name = "FILE")]
    pub table: Option<PathBuf>,
    /// Largest --parameter-uncertainty design, in simulated run-months (draws x runs x months).
    #[arg(long, default_value_t = 200_000_000, value_name = "RUN-MONTHS")]
    pub budget: u64,
    /// The output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The scenario file.
    pub scenario: PathBuf,
    /// A swept field: KEY=START:STOP:STEP or KEY=V1,V2,... (repeatable: a grid).
    #[arg(long = "param", value_name = "KEY=RANGE", required = true)]
    pub params: Vec<String>,
    /// Runs per point (default: the scenario's).
    #[arg(long, value_parser = crate::cli::between::<u64>(1, 1_000_000))]
    pub runs: Option<u64>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Largest sweep, in simulated theatre-months, run without --yes.
    #[arg(long, default_value_t = 100_000_000, value_name = "THEATRE-MONTHS")]
    pub budget: u64,
    /// Run a sweep over the budget.
    #[arg(long)]
    pub yes: bool,
    /// Run one shard of the design, I/N (I from 0 to N-1), into OUT/shard-I-of-N.parquet and its
    /// manifest; `auto` reads SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX. `entente merge OUT`
    /// joins the shards (docs/scale-out.md).
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

pub const MERGE_HELP: &str = "\
Merge the shards of a sweep or a sensitivity study run with --shard I/N (as Slurm array tasks or \
Kubernetes Indexed Job completions) into the files the unsharded command writes: for a sweep \
sweep.csv, the charts and manifest.json; for a sensitivity study indices.csv, points.csv, ranges.csv, \
the tornado charts and manifest.json; byte-identical to an unsharded run with the same seed (the \
manifest's time aside). Every shard of one \
design must be present exactly once, complete (its manifest written after its rows, and the rows' \
sha256 matching), from one seed; otherwise merge names the file and writes nothing.

Examples:
  entente merge out/rho
  sbatch --dependency=afterok:$ARRAY deploy/slurm/merge.sbatch out/rho";

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The folder holding shard-I-of-N.parquet and shard-I-of-N.manifest.json.
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario A (the reference).
    pub a: PathBuf,
    /// Scenario B.
    pub b: PathBuf,
    /// Runs of each (default: A's).
    #[arg(long, value_parser = crate::cli::between::<u64>(2, 1_000_000))]
    pub runs: Option<u64>,
    /// Seed for both (default: A's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Only measures whose name contains this (e.g. failure, east_asia, japan).
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
    /// A measure's minimum important difference, overriding the default (docs/sensitivity.md):
    /// MEASURE=VALUE, the measure's full name or its stem (failure_rate, cohesion…); repeatable.
    #[arg(long = "mid", value_name = "MEASURE=VALUE")]
    pub mids: Vec<String>,
    /// Also compare over --draws parameter sets from the range table (the same draws in both
    /// scenarios, each run --runs times on the seed): the 95% interval over draws of the paired
    /// difference, which includes parameter uncertainty as well as Monte Carlo error.
    #[arg(long)]
    pub parameter_uncertainty: bool,
    /// Parameter draws of --parameter-uncertainty.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(2..=10_000))]
    pub draws: u64,
    /// The range table (default: ranges.toml beside scenario A, else the built-in one).
    #[arg(long = "ranges", value_name = "FILE")]
    pub table: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
}

#[derive(Debug, Args)]
pub struct BenchSimArgs {
    /// The scenario to time (default: the built-in baseline).
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Runs in the timed scenario.
    #[arg(long, default_value_t = 10_000)]
    pub runs: u64,
    /// Repetitions of each timing (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
}
