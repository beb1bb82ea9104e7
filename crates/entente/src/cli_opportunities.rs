//! The command line of `entente opportunities`.

use crate::cli::Format;
use clap::Args;
use std::path::PathBuf;

pub const OPPORTUNITIES_HELP: &str = "\
Which European and East Asian allies should cooperate more, on what, and why. For each pair of a European \
ally (NATO's European members) and an East Asia & Pacific ally or partner, three components combine:
  threat convergence   exposure to the same challengers (disputes with China, Russia, North Korea;
                       UN ideal-point distance from them; capital proximity; their military
                       build-up nearby)
  capability           shared weapon families (F-35, Patriot, Leopard-2, K9...), shared suppliers,
                       and complementarity (what one supplies that the other buys)
  gap                  the absence of existing ties (treaties, access agreements, cooperation,
                       partnerships, exercises, arms programmes and transfers)
Every weight is a parameter (--weights FILE, docs/opportunities.md). Every row shows its decomposition, its \
coverage (the share of inputs the data reach for that year) and a one-line rationale built from the data.

Examples:
  entente opportunities --year 2024 --top 10
  entente opportunities --year 2024 --format json > opps.json
  entente opportunities --pair GBR,JPN --from 2015 --to 2025
  entente opportunities --year 2024 --weights my-weights.toml
  entente opportunities --backtest --from 2000 --to 2019 --horizon 5 --format json

Without the threat or capability datasets (COW MID, UN ideal points, capitals, contiguity, SIPRI milex, \
SIPRI transfers) it stops with exit code 2 and names them (`entente data fetch` brings them); --allow-partial \
ranks anyway. A pair whose inputs cover less than two thirds is listed as insufficient data, not ranked. \
The top ten show how stable their rank is when the three component weights are perturbed (Dirichlet draws).";

#[derive(Debug, Args)]
pub struct OpportunitiesArgs {
    /// The year (1990–2025; 2024 is the latest with every input).
    #[arg(long, value_parser = crate::cli::between::<i32>(1990, 2025), default_value_t = 2024, conflicts_with = "pair")]
    pub year: i32,
    /// How many pairs to show (all with 0).
    #[arg(long, default_value_t = 15)]
    pub top: usize,
    /// One pair's trajectory: a European ally and an East Asian ally or partner (ISO3 or COW codes).
    #[arg(long, value_name = "A,B")]
    pub pair: Option<String>,
    /// First year of --pair (default 2015) or --backtest (default 2000).
    #[arg(long, value_parser = crate::cli::between::<i32>(1990, 2025))]
    pub from: Option<i32>,
    /// Last year of --pair (default 2025) or --backtest (default 2019).
    #[arg(long, value_parser = crate::cli::between::<i32>(1990, 2025))]
    pub to: Option<i32>,
    /// Validate the score: rank the pairs of each year from --from to --to with that year's data,
    /// and check the ranking against the new ties formed in the next --horizon years, beside
    /// three baselines (docs/opportunities.md, "Validation").
    #[arg(long, conflicts_with = "pair")]
    pub backtest: bool,
    /// Years after each ranked year in which a new tie counts (--backtest).
    #[arg(long, value_parser = crate::cli::between::<i32>(1, 10), default_value_t = 5)]
    pub horizon: i32,
    /// Rank even without the threat or capability datasets, or for pairs whose inputs cover less
    /// than two thirds; the coverage is shown beside every score.
    #[arg(long)]
    pub allow_partial: bool,
    /// Weights and windows (TOML; see docs/opportunities.md).
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}
