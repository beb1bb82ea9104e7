//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A whole number in `lo..=hi`, refused in words ("3 is not between 1949 and 2025"; large bounds
/// with thousands separators: "between 1 and 1,000,000"), not in Rust's `1..=1000000` as clap's
/// ranged parsers say it.
pub fn between<T>(lo: i64, hi: i64) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync
where
    T: TryFrom<i64>,
{
    move |s: &str| {
        let v: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("'{s}' is not a whole number"))?;
        if v < lo || v > hi {
            return Err(format!(
                "{} is not between {} and {}",
                words(v),
                words(lo),
                words(hi)
            ));
        }
        T::try_from(v).map_err(|_| format!("{v} is out of range"))
    }
}

/// A number as people write it: thousands separators from 10,000 up (years stay `2025`).
pub fn words(n: i64) -> String {
    if n.unsigned_abs() < 10_000 {
        return n.to_string();
    }
    let sep = entente_sim::sweep::thousands(n.unsigned_abs() as u128);
    if n < 0 {
        format!("-{sep}")
    } else {
        sep
    }
}

const ABOUT: &str = "Entente: the US alliance systems in Europe and East Asia, measured.";

const LONG_ABOUT: &str = "\
Entente: the US alliance systems in Europe and East Asia & Pacific, the ties between them, and the \
challengers' alignment — measured from the standard peace-science data and Entente's own sourced record.

Start with the brief, then ask about alliances and ties:
  entente brief                         the interregional brief for the latest year (2025)
  entente brief --year 2014             ... for another year
  entente alliances --year 1990         alliances in force, with their members that year
  entente ties --between europe --and east-asia --year 2024
  entente states --format csv           the states Entente knows, with COW and ISO3 codes
  entente cite                          how to cite Entente, and the sources behind it
  entente data status                   the datasets found in the data directory

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
    /// The data directory holding the datasets (default: $ENTENTE_DATA, else the platform's data
    /// directory, e.g. ~/.local/share/entente). See `entente data status`.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
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
The interregional brief for a year, from the curated record: NATO and its members; the US hub and its \
spokes in East Asia & Pacific; every tie that crosses between Europe and East Asia & Pacific; the \
challengers' (China, Russia, North Korea) treaties, partnerships and joint exercises; and what changed in \
the five years up to the year.

Examples:
  entente brief
  entente brief --year 2019
  entente brief --year 2024 --json > brief-2024.json
  entente brief --year 2024 --out report/        also writes report/index.html")]
    Brief(BriefArgs),
    /// Alliances (defence treaties) in force in a year, with their members as of that year.
    #[command(long_about = "\
Alliances (defence treaties with ATOP-style obligations) in force in a year, each with its members as of \
that year. A treaty counts in a year when it was in force on some day of it.

Examples:
  entente alliances --year 2024                   NATO with 32 members, the US treaties in Asia...
  entente alliances --year 1990 --format json     NATO with 16
  entente alliances --year 2024 --state JPN       Japan's alliances (ISO3 or COW code: 740)
  entente alliances --year 2010 --source atop     ATOP's alliances that year (needs the data)
  entente alliances --year 2021 --source all      every allied pair: ATOP, COW and curated")]
    Alliances(AlliancesArgs),
    /// Ties of every kind between the states of two regions or groups.
    #[command(long_about = "\
Ties of every kind (treaties, cooperation and access agreements, partnerships, exercises, arms \
programmes and deals) between the states of two groups, one row per pair of states and tie.

Groups: europe (less Russia), east-asia (East Asia & Pacific, less China and North Korea), \
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
  entente cite --year 2024        the sources of every record in force in 2024
  entente cite --dataset atop-sy  the citation ATOP asks for (--dataset all: every dataset)")]
    Cite(CiteArgs),
    /// Build a state-year or dyad-year dataset, add columns to it, and write it as CSV, Parquet or
    /// JSONL with a manifest of its inputs.
    #[command(long_about = FRAME_HELP)]
    Frame(FrameArgs),
    /// Alliance-portfolio similarity (S, pi, kappa, tau-b) and UN distance for every dyad-year.
    #[command(long_about = crate::cli_similarity::SIMILARITY_HELP)]
    Similarity(crate::cli_similarity::SimilarityArgs),
    /// Ranked, explained European–East Asian ally pairs whose threats and capabilities converge but
    /// whose ties are thin.
    #[command(long_about = crate::cli_opportunities::OPPORTUNITIES_HELP)]
    Opportunities(crate::cli_opportunities::OpportunitiesArgs),
    /// Serve the JSON API and the dashboard on 127.0.0.1 (read-only).
    #[command(long_about = "\
Serve the read-only JSON API under /api/ (its OpenAPI document at /openapi.json) and the dashboard: \
an interactive network of the two alliance systems with a year slider, a world map of the ties, \
trend charts, the opportunities table, country profiles and a simulation form. It binds 127.0.0.1 \
unless told otherwise.

Examples:
  entente serve                          http://127.0.0.1:8080/
  entente serve --addr 127.0.0.1:9000")]
    Serve(ServeArgs),
    /// The multiplex network of a year (alliances, cooperation, arms, UN votes) with every measure,
    /// as JSON, GraphML or GEXF.
    #[command(long_about = crate::cli_net::NETWORK_HELP)]
    Network(crate::cli_net::NetworkArgs),
    /// Network measures year by year, as CSV or SVG line charts.
    #[command(long_about = crate::cli_net::TRENDS_HELP)]
    Trends(crate::cli_net::TrendsArgs),
    /// Wedge vulnerability in a year: hub dependence, E–I, cut points, bridges and the minimum cut
    /// between the two ally blocks without the US.
    #[command(long_about = crate::cli_net::WEDGE_HELP)]
    Wedge(crate::cli_net::WedgeArgs),
    /// Simulate coordinated pressure on the two theatres: US allocation, abandonment, hedging
    /// (Monte Carlo; docs/model.md).
    #[command(long_about = crate::cli_sim::SIMULATE_HELP)]
    Simulate(crate::cli_sim::SimulateArgs),
    /// Run a scenario over a grid of parameter values: CSV and SVG charts.
    #[command(long_about = crate::cli_sim::SWEEP_HELP)]
    Sweep(crate::cli_sim::SweepArgs),
    /// Compare two scenarios (policies) on the same random numbers: differences with 95% intervals.
    #[command(long_about = crate::cli_sim::COMPARE_HELP)]
    Compare(crate::cli_sim::CompareArgs),
    /// Merge the shards of a sweep (--shard I/N) into the files an unsharded sweep writes.
    #[command(long_about = crate::cli_sim::MERGE_HELP)]
    Merge(crate::cli_sim::MergeArgs),
    /// Fit the challengers' probe rates, crisis shares and emboldening slope to dispute data
    /// (maximum likelihood, exact 95% intervals; docs/model.md §4.1).
    #[command(long_about = crate::cli_estimate::ESTIMATE_HELP)]
    Estimate(crate::cli_estimate::EstimateArgs),
    /// Which assumptions drive each result: one-at-a-time, Latin hypercube (PRCC) or Sobol' designs
    /// over the parameters' ranges, with tornado charts.
    #[command(long_about = crate::cli_sensitivity::SENSITIVITY_HELP)]
    Sensitivity(crate::cli_sensitivity::SensitivityArgs),
    /// The datasets: what is found where (status), download (fetch), register a file (add).
    #[command(subcommand)]
    Data(DataCommand),
    /// Benchmarks that print their figures.
    #[command(subcommand)]
    Bench(BenchCommand),
}

const FRAME_HELP: &str = "\
Build a state-year or dyad-year dataset in peacesciencer's spirit: create the frame from the COW state \
system, then add columns, each --add one documented unit with peacesciencer's column names where it has \
them. Dyads exist only when both states were in the system on a common day of the year. Outside a \
source's coverage a value is missing (NA in CSV, null in Parquet and JSONL), never 0. The output's \
extension chooses its format (.csv, .parquet, .jsonl); a manifest of the inputs (sha256, version, \
coverage) is written beside it as OUT.manifest.json. The file appears only when complete.

The COW state system ends in 2016; like peacesciencer (mry = TRUE), the states of 2016 are carried \
forward through 2025 unless you pass --no-extend.

--add takes a comma-separated list of:
  atop              ATOP 5.1 obligations (atop_defense … atop_consul), 1815–2018
  cow-alliance      COW alliances 4.1 (cow_defense, cow_neutral, cow_nonagg, cow_entente),
                    1816–2012
  nmc               COW NMC 6.0 (milex … cinc; milex1, milex2 … in dyads), 1816–2016
  majors            COW major powers (cowmaj; cowmaj1, cowmaj2)
  contiguity        COW direct contiguity 3.2 (conttype; land, sea in state-years), 1816–2016
  capital-distance  great-circle km between capitals (capdist), dyads
  mids              COW MID 5.0 to 2014 if present, else 4.3 to 2010 (cowmidonset, cowmidongoing)
  milex-sipri       SIPRI milex (milex_sipri, constant 2024 US$ m; milex_gdp_sipri, fraction),
                    1949–2024
  ideal-points      UN ideal points, July 2025 (idealpointall …; idealpointdist in dyads),
                    1946–2024
  arms-tiv          SIPRI TIV delivered (arms_tiv, arms_tiv_dyad; imports/exports), 1950–2025
  similarity        alliance-portfolio similarity from ATOP (peacesciencer's add_fpsim() names:
                    srsvaa, srswvaa, kappava, piva, taub …; see `entente similarity`), dyads,
                    1815–2018
A column set whose sources cover none of the years asked for is an error, not a column of NA.

--filter (repeatable) takes:
  prd               politically relevant dyads: contiguous (conttype >= 1) or with a major power
  region:NAME       both states (or the state) in a region or group: europe, east-asia,
                    challengers…
  states:A,B,…      rows with at least one of these states (ISO3 or COW codes)

Examples:
  entente frame dyad-year --from 1946 --to 2018 --add atop,nmc,contiguity --out ddy.parquet
  entente frame state-year --add nmc,milex-sipri,ideal-points --out states.csv
  entente frame dyad-year --undirected --filter prd --add mids,capital-distance --out prd.csv
  entente frame dyad-year --filter region:east-asia --add arms-tiv --from 1990 --out eap.jsonl";

/// The unit of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FrameKindArg {
    /// One row per state and year.
    StateYear,
    /// One row per dyad and year.
    DyadYear,
}

#[derive(Debug, Args)]
pub struct FrameArgs {
    /// State-years or dyad-years.
    #[arg(value_enum)]
    pub kind: FrameKindArg,
    /// Directed dyads: (a, b) and (b, a) both (the default).
    #[arg(long, conflicts_with = "undirected")]
    pub directed: bool,
    /// Undirected dyads: only ccode1 < ccode2.
    #[arg(long)]
    pub undirected: bool,
    /// First year.
    #[arg(long, value_parser = crate::cli::between::<i32>(1800, 2100))]
    pub from: Option<i32>,
    /// Last year.
    #[arg(long, value_parser = crate::cli::between::<i32>(1800, 2100))]
    pub to: Option<i32>,
    /// Column sets to add (comma-separated; see above).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub add: Vec<String>,
    /// Keep only some rows (repeatable; see above).
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Stop at 2016, the end of COW's own state list.
    #[arg(long)]
    pub no_extend: bool,
    /// The output file; its extension chooses the format (.csv, .parquet, .jsonl).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Most simulation runs one request may ask for.
    #[arg(long, default_value_t = 5000)]
    pub max_runs: usize,
    /// Megabytes of computed answers the server keeps in memory (past it, the cache starts again).
    #[arg(long, default_value_t = 64, value_parser = crate::cli::between::<u16>(1, 4096))]
    pub cache_mb: u16,
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Every dataset Entente knows: whether it is in the data directory, its version, coverage, rows,
    /// sha256, and whether the file is a known release.
    Status(StatusArgs),
    /// Download the releases listed in Entente's manifest into the data directory, verifying each
    /// file's sha256; if any file fails, none is installed and the directory is left as it was.
    #[command(long_about = "\
Download the dataset releases listed in Entente's manifest (data/manifest.toml) into the data directory. \
Each file is streamed to a temporary file, checked against its published size and sha256, and only when \
every file has passed are they all renamed into place: if any file fails (a mismatch, a network error), \
none is installed and the directory is left as it was. Transient \
network failures are retried with exponential backoff. Files already present with the right checksum \
are not downloaded again.

Some sources have no stable download URL (SIPRI's exports, files inside publishers' zip archives); \
download those by hand from the page `entente data status` shows and register them with \
`entente data add FILE`. With --mirror, every file is fetched from a mirror laid out like the data \
directory (for example an institutional copy).

Examples:
  entente data fetch
  entente data fetch --only cow-states,cow-nmc
  entente data fetch --mirror http://127.0.0.1:8000")]
    Fetch(FetchArgs),
    /// Check a file you downloaded by hand with its dataset's reader, and copy it into the data
    /// directory.
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Only these datasets (comma-separated ids, see `entente data status`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub only: Vec<String>,
    /// Fetch every file from this base URL instead: files laid out like the data directory, the
    /// publishers' zip archives by their file name.
    #[arg(long, value_name = "URL")]
    pub mirror: Option<String>,
    /// Retries per file on transient failures.
    #[arg(long, default_value_t = 4)]
    pub retries: u32,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The file.
    pub file: PathBuf,
    /// The dataset it belongs to (default: recognised by its file name).
    #[arg(long, value_name = "ID", requires = "role")]
    pub dataset: Option<String>,
    /// Which of the dataset's files it is (e.g. `register`, `states`).
    #[arg(long, value_name = "ROLE", requires = "dataset")]
    pub role: Option<String>,
    /// Replace the data directory's copy even though it is the known release and this file is not.
    #[arg(long)]
    pub replace_known: bool,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Time loading every dataset of the data directory (cold, in one process per run).
    Load(BenchLoadArgs),
    /// Time the directed dyad-year frame 1816–2018 with atop, cow-alliance, nmc, contiguity and
    /// capital-distance written to Parquet (the benchmark); `bench/frames.sh` runs the R
    /// dplyr reference beside it.
    Frames(BenchLoadArgs),
    /// Time every similarity measure for every year 1816–2018 from ATOP to Parquet, with the
    /// per-year scaling; `bench/similarity.sh` runs the R reference beside it.
    Similarity(BenchLoadArgs),
    /// Time the opportunity scores of every pair for every year 1990–2025.
    Opportunities(BenchLoadArgs),
    /// Time every network measure for every year 1949–2025, beside networkx computing the same
    /// measures on the same graphs (bench/networks.py), in one run.
    Networks(crate::cli_net::BenchNetworksArgs),
    /// Time the simulation: theatre-months per second per core, and a 10,000-run scenario on
    /// every core.
    Sim(crate::cli_sim::BenchSimArgs),
    /// Time a Sobol' sensitivity design: 8 parameters x 256 base samples x 200 runs.
    Sensitivity(crate::cli_sensitivity::BenchSensitivityArgs),
}

#[derive(Debug, Args)]
pub struct BenchLoadArgs {
    /// Runs.
    #[arg(long, default_value_t = 7)]
    pub runs: usize,
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The year (1949–2025).
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025), default_value_t = 2025)]
    pub year: i32,
    /// Print the brief's content as JSON instead of text.
    #[arg(long, conflicts_with = "out")]
    pub json: bool,
    /// Also write the brief as a self-contained HTML report (charts as SVG, no network access needed
    /// to read it) to DIR/index.html, with the network trends, the top opportunities and a baseline
    /// simulation.
    #[arg(long, value_name = "DIR")]
    pub out: Option<std::path::PathBuf>,
}

/// Which alliance data to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AllianceSourceArg {
    /// Entente's curated record (1949–2025), one row per alliance.
    Curated,
    /// ATOP 5.1 (1815–2018), one row per ATOP alliance, from the state-year file.
    Atop,
    /// COW Formal Alliances 4.1 (1816–2012), one row per allied pair (the released dyadic data carry
    /// no alliance identifiers).
    Cow,
    /// Every source side by side, one row per allied pair, with the merged view and its source.
    All,
}

/// From which date binding instruments count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountFromArg {
    /// Entry into force (or provisional application); events and political instruments from their
    /// own date. The ATOP and COW convention, and the default.
    EntryIntoForce,
    /// Signature, for users who date ties from signature.
    Signature,
}

impl CountFromArg {
    /// The core's convention.
    pub fn core(self) -> entente_core::CountFrom {
        match self {
            CountFromArg::EntryIntoForce => entente_core::CountFrom::EntryIntoForce,
            CountFromArg::Signature => entente_core::CountFrom::Signature,
        }
    }
}

#[derive(Debug, Args)]
pub struct AlliancesArgs {
    /// The year (1816–2025; each source has its own coverage).
    #[arg(long, value_parser = crate::cli::between::<i32>(1816, 2025), default_value_t = 2025)]
    pub year: i32,
    /// Which data: the curated record, ATOP, COW, or all side by side.
    #[arg(long, value_enum, default_value_t = AllianceSourceArg::Curated)]
    pub source: AllianceSourceArg,
    /// Only the alliances of this state (ISO3 code such as JPN, or COW code such as 740).
    #[arg(long, value_name = "ISO3|COW")]
    pub state: Option<String>,
    /// Count treaties from entry into force (the default) or from signature (curated record only).
    #[arg(long, value_enum, default_value_t = CountFromArg::EntryIntoForce)]
    pub count_from: CountFromArg,
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
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025))]
    pub year: Option<i32>,
    /// Count binding instruments from entry into force (the default) or from signature.
    #[arg(long, value_enum, default_value_t = CountFromArg::EntryIntoForce)]
    pub count_from: CountFromArg,
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
    /// The citation a dataset's publisher asks for (`all` for every dataset).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["tie", "year"])]
    pub dataset: Option<String>,
    /// The sources of one record, by id.
    #[arg(long, value_name = "ID", conflicts_with = "year")]
    pub tie: Option<String>,
    /// The sources of every record in force in a year.
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025))]
    pub year: Option<i32>,
    /// Output format for the sources.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command's own help text: prose paragraphs are single lines, so clap wraps them to
    /// any terminal; indented lines (tables, examples) fit 99 columns, so clap never breaks them.
    #[test]
    fn help_texts_wrap_cleanly() {
        fn visit(cmd: &clap::Command, path: &str, bad: &mut Vec<String>) {
            for text in [cmd.get_long_about(), cmd.get_after_long_help()]
                .into_iter()
                .flatten()
            {
                let text = text.to_string();
                let lines: Vec<&str> = text.lines().collect();
                for (i, l) in lines.iter().enumerate() {
                    let prose = |s: &str| {
                        !s.trim().is_empty() && !s.starts_with([' ', '-', '|']) && !s.ends_with(':')
                    };
                    if l.starts_with(' ') && l.chars().count() > 99 {
                        bad.push(format!("{path}: over 99 columns: {l}"));
                    }
                    if prose(l) && lines.get(i + 1).is_some_and(|n| prose(n)) {
                        bad.push(format!("{path}: a paragraph broken by hand after: {l}"));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                visit(sub, &format!("{path} {}", sub.get_name()), bad);
            }
        }
        let mut bad = Vec::new();
        visit(&Cli::command(), "entente", &mut bad);
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
