//! The command line of `entente estimate`.

use crate::cli::Format;
use clap::Args;
use std::path::PathBuf;

pub const ESTIMATE_HELP: &str = "\
Fit the simulation's challenger parameters to dispute data by maximum likelihood (docs/model.md §4.1): \
each challenger's probe rate per theatre (Poisson, with Garwood's exact 95% interval), its crisis share \
(binomial, Clopper-Pearson interval) and the common emboldening slope (the local balance's effect on the \
probe rate, with a profile-likelihood interval).

A probe is a militarized interstate dispute (COW MID, in the data directory) in which the challenger \
is on side A and a US treaty ally of the theatre (in --roster-year) is on side B, dated by the \
dispute's start; it is a crisis when the challenger's own highest hostility level is 4 (use of \
force) or 5 (war). MID 5.0 is read when the data folder has it (to 2014), else MID 4.3 (to 2010): \
for later years, or for the gray-zone activity that MIDs miss, fit your own incident series with \
--events FILE, a CSV file with the columns date (YYYY-MM-DD, YYYY-MM or YYYY), challenger (russia, \
china, north_korea), target (ISO3 or COW code) and type (gray or crisis).

Examples:
  entente estimate --from 1990 --to 2010
  entente estimate --from 1990 --to 2003 --check 2004:2010
  entente estimate --from 1990 --to 2003 --format json
  entente estimate --from 2011 --to 2024 --events incidents.csv";

#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// First year of the fit window.
    #[arg(long, default_value_t = 1990, value_parser = clap::value_parser!(i32).range(1816..=2100))]
    pub from: i32,
    /// Last year of the fit window.
    #[arg(long, default_value_t = 2010, value_parser = clap::value_parser!(i32).range(1816..=2100))]
    pub to: i32,
    /// The year whose US treaty allies are each theatre's targets (default: 2024, the baseline's year).
    #[arg(long, default_value_t = 2024, value_parser = clap::value_parser!(i32).range(1949..=2025))]
    pub roster_year: i32,
    /// An incident series of your own instead of the MIDs (CSV: date, challenger, target, type).
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// Check the fit out of sample on a later window FROM:TO: the fitted rates' predicted counts
    /// against the observed ones, with Poisson predictive p-values.
    #[arg(long, value_name = "FROM:TO")]
    pub check: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}
