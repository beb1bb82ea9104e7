//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str = "Entente: the US alliance systems in Europe and East Asia, measured.";

const LONG_ABOUT: &str = "\
Entente: the US alliance systems in Europe and East Asia & Pacific, the ties between them, and the
challengers' alignment — measured from the standard peace-science data and Entente's own sourced record.

Start with the brief, then ask about alliances and ties:
  entente brief                         the interregional brief for the latest year (2025)
  entente brief --year 2014             ... for another year
  entente alliances --year 1990         alliances in force, with their members that year
  entente ties --between europe --and east-asia --year 2024
  entente states --format csv           the states Entente knows, with COW and ISO3 codes
  entente cite                          how to cite Entente, and the sources behind it

Exit codes: 0 success; 2 bad input or a failure, with a one-line error on stderr.";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "entente", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct Global {
    /// Read the curated record from this folder of *.toml files instead of the built-in one
    /// (see docs/curated.md for the format).
    #[arg(long, global = true, env = "ENTENTE_CURATED", value_name = "DIR")]
    pub curated: Option<PathBuf>,
}

/// An output format for listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for reading.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The interregional brief for a year: both alliance systems, the ties between them, the
    /// challengers' alignment and what changed in the five years before.
    #[command(long_about = "\
The interregional brief for a year, from the curated record: NATO and its members; the US hub and its
spokes in East Asia & Pacific; every tie that crosses between Europe and East Asia & Pacific; the
challengers' (China, Russia, North Korea) treaties, partnerships and joint exercises; and what changed in
the five years up to the year.

Examples:
  entente brief
  entente brief --year 2019
  entente brief --year 2024 --json > brief-2024.json")]
    Brief(BriefArgs),
    /// Alliances (defence treaties) in force in a year, with their members as of that year.
    #[command(long_about = "\
Alliances (defence treaties with ATOP-style obligations) in force in a year, each with its members as of
that year. A treaty counts in a year when it was in force on some day of it.

Examples:
  entente alliances --year 2024                   NATO with 32 members, the US treaties in Asia...
  entente alliances --year 1990 --format json     NATO with 16
  entente alliances --year 2024 --state JPN       Japan's alliances (ISO3 or COW code: 740)")]
    Alliances(AlliancesArgs),
    /// Ties of every kind between the states of two regions or groups.
    #[command(long_about = "\
Ties of every kind (treaties, cooperation and access agreements, partnerships, exercises, arms
programmes and deals) between the states of two groups, one row per pair of states and tie.

Groups: europe (less Russia), east-asia (East Asia & Pacific, less China and North Korea),
north-america, latin-america, africa, middle-east, south-central-asia, challengers, us.

Examples:
  entente ties --between europe --and east-asia --year 2024
  entente ties --between europe --and east-asia --format json
  entente ties --between challengers --and challengers --year 2019")]
    Ties(TiesArgs),
    /// The states Entente knows: COW code, ISO3 code, name, region and group.
    States(StatesArgs),
    /// How to cite Entente, and the sources behind its record.
    #[command(long_about = "\
How to cite Entente and the work it builds on, and the documents behind the curated record.

Examples:
  entente cite                    Entente, the seed article and the curated record
  entente cite --tie nato         the sources of one record
  entente cite --year 2024        the sources of every record in force in 2024")]
    Cite(CiteArgs),
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The year (1949–2025).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1949..=2025), default_value_t = 2025)]
    pub year: i32,
    /// Print the brief's content as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AlliancesArgs {
    /// The year (1949–2025).
    #[arg(long, value_parser = clap::value_parser!(i32).range(1949..=2025), default_value_t = 2025)]
    pub year: i32,
    /// Only the alliances of this state (ISO3 code such as JPN, or COW code such as 740).
    #[arg(long, value_name = "ISO3|COW")]
    pub state: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct TiesArgs {
    /// The first group.
    #[arg(long, value_name = "GROUP")]
    pub between: String,
    /// The second group.
    #[arg(long = "and", value_name = "GROUP")]
    pub and_: String,
    /// Only the ties in force in this year (1949–2025); without it, every tie ever recorded.
    #[arg(long, value_parser = clap::value_parser!(i32).range(1949..=2025))]
    pub year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct StatesArgs {
    /// Only the states of this region or group.
    #[arg(long, value_name = "GROUP")]
    pub region: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CiteArgs {
    /// The sources of one record, by id.
    #[arg(long, value_name = "ID", conflicts_with = "year")]
    pub tie: Option<String>,
    /// The sources of every record in force in a year.
    #[arg(long, value_parser = clap::value_parser!(i32).range(1949..=2025))]
    pub year: Option<i32>,
    /// Output format for the sources.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}
