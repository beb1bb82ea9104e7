//! The command line of `entente similarity`.

use clap::Args;
use std::path::PathBuf;

pub const SIMILARITY_HELP: &str = "\
Alliance-portfolio similarity for every dyad-year, over all states in the system that year (or a region's): \
Signorino & Ritter's S in 8 variants (valued/binary, absolute/squared distance, unweighted/CINC-weighted), \
Scott's pi, Cohen's kappa plain and quadratic-weighted (the weighted one equals R's psych::cohen.kappa \
`weighted` estimate), Kendall's tau-b, and the UN ideal-point distance. Column names follow Hage's fpsim \
(srsvaa, srswvas, kappava, piba, ...). Scores are missing (not 0) outside the source's coverage and where a \
measure is undefined.

Measures (--measures, comma-separated): all, alliance, s, pi, kappa, tau, un, or single names:
  srsvaa srsvas srswvaa srswvas srsba srsbas srswba srswbas
  piva piba kappava kappavau kappaba kappabau
  taub idealpointdist

Counterfactuals: --with FILE adds or removes hypothetical ties before computing (format: docs/similarity.md), \
and --diff prints, for the dyads involved, what changed and by how much.

Examples:
  entente similarity --from 1816 --to 2018 --out fpsim.parquet
  entente similarity --measures kappa,s --source cow --from 1946 --to 2012 --out cow.csv
  entente similarity --region europe --from 1990 --to 2018 --out europe.parquet
  entente similarity --source curated --from 2024 --to 2024 --with uk-japan-pact.toml --diff";

#[derive(Debug, Args)]
pub struct SimilarityArgs {
    /// Which measures (see above).
    #[arg(long, default_value = "all", value_name = "LIST")]
    pub measures: String,
    /// Portfolios from ATOP (1815–2018), COW (1816–2012) or the curated record (1949–2025).
    #[arg(long, default_value = "atop", value_name = "atop|cow|curated")]
    pub source: String,
    /// First year (default: the source's first).
    #[arg(long, value_parser = crate::cli::between::<i32>(1800, 2100))]
    pub from: Option<i32>,
    /// Last year (default: the source's last).
    #[arg(long, value_parser = crate::cli::between::<i32>(1800, 2100))]
    pub to: Option<i32>,
    /// Compare over the states of one region or group only (EUGene's "relevant region").
    #[arg(long, value_name = "GROUP")]
    pub region: Option<String>,
    /// Hypothetical ties to add or remove before computing (TOML).
    #[arg(long, value_name = "FILE")]
    pub with: Option<PathBuf>,
    /// With --with: print the changes for the dyads involved.
    #[arg(long, requires = "with")]
    pub diff: bool,
    /// Undirected dyads (ccode1 < ccode2) instead of directed.
    #[arg(long)]
    pub undirected: bool,
    /// The output file (.csv, .parquet, .jsonl); optional with --diff.
    #[arg(long, value_name = "FILE", required_unless_present = "diff")]
    pub out: Option<PathBuf>,
}
