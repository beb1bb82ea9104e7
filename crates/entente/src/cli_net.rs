//! The command line of the network commands: `entente network`, `entente trends`, `entente wedge`
//! and `entente bench networks`.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

pub const NETWORK_HELP: &str = "\
The multiplex network of the US alliance systems in a year, with every measure as node, edge and graph \
attributes (docs/networks.md defines each, with its citation).

Layers (--layers, comma-separated, each optionally =WEIGHT; default alliance,cooperation):
  alliance     ATOP 5.1 obligations to 2018 (valued 1–3), the curated record's treaties after it
               (with ATOP's 2018 alliances carried forward unless --no-carry-forward)
  cooperation  curated defence cooperation, access agreements, partnerships, exercises, arms
               programmes
  arms         SIPRI TIV delivered between the pair in the year, at or above --arms-threshold
  un           UN ideal points closer than --un-threshold
A framework record (an organisation and a partner: NATO IPCP/ITPP, EU partnerships) counts for \
--framework-weight (default 0.5) of a bilateral or multilateral agreement in the cooperation layer. \
Blocks: us, nato (NATO members less the US), eap-allies (US treaty allies in East Asia & Pacific), \
ip-partners (Indo-Pacific partners), challengers (China, Russia, North Korea), others.

Without a data directory the network is built from the curated record alone: the alliance layer is the \
record's, the arms and UN layers are unavailable (said on stderr), and the nodes are the states tied.

--with FILE adds or removes hypothetical ties (the TOML format of docs/similarity.md, read as in \
docs/networks.md) and reports how hub dependence, E–I and the minimum cut change.

Formats: json (everything), graphml (Cytoscape, Gephi, networkx), gexf (Gephi).

Examples:
  entente network --year 2024 > net-2024.json
  entente network --year 1985 --format graphml --out net-1985.graphml
  entente network --year 2015 --layers alliance,cooperation,arms=0.5 --format gexf --out net.gexf
  entente network --year 2024 --with uk-japan-pact.toml";

pub const TRENDS_HELP: &str = "\
Network measures year by year, one column each, as CSV or as SVG line charts with the events that frame \
them marked (1999, 2004, 2014, 2022, 2024). `--measure list` shows every measure; `all` writes them all. \
A manifest of the inputs is written beside the output (FILE.manifest.json).

Examples:
  entente trends --measure all --out trends.csv
  entente trends --measure hub_dependence,ei_union --from 1990 --out hub.svg
  entente trends --measure sr_alignment,sr_ties,sr_exercises,sr_arms,sr_un --out sino-russian.svg
  entente trends --measure list";

pub const WEDGE_HELP: &str = "\
Wedge vulnerability in a year: hub dependence (the share of connected NATO × East Asia & Pacific ally pairs \
connected only through the US), the E–I index between the two ally blocks, the minimum number of ties that \
separate them once the US is removed (with one such cut), and the articulation points and bridges whose \
removal splits allies. Computed in the allied network (the US, NATO allies, East Asia & Pacific treaty \
allies and Indo-Pacific partners) and, for hub dependence and the cut, in the whole network too.

Examples:
  entente wedge --year 2024
  entente wedge --year 1975 --layers alliance
  entente wedge --year 2024 --with uk-japan-pact.toml";

/// The options that choose and weight the layers.
#[derive(Debug, Args, Clone)]
pub struct LayerArgs {
    /// Layers to switch on, each optionally weighted (alliance,cooperation=2,arms=0.5,un).
    #[arg(long, value_name = "LIST", default_value = "alliance,cooperation")]
    pub layers: String,
    /// TIV (millions, both directions summed) at or above which a pair has an arms tie.
    #[arg(long, value_name = "TIV", default_value_t = 10.0)]
    pub arms_threshold: f64,
    /// Ideal-point distance below which a pair has a UN tie.
    #[arg(long, value_name = "D", default_value_t = 0.25)]
    pub un_threshold: f64,
    /// The lowest ATOP valued coding that makes an alliance tie: 1 any obligation (non-aggression
    /// pacts included), 2 consultation or neutrality and up, 3 defense or offense only.
    #[arg(long, value_name = "1|2|3", default_value_t = 1, value_parser = crate::cli::between::<u8>(1, 3))]
    pub alliance_min: u8,
    /// What a framework record (NATO's IPCP/ITPP, EU partnerships: an organisation and a partner)
    /// counts for in the cooperation layer, against 1 for a bilateral or multilateral agreement:
    /// 0 to 1 (0 leaves frameworks out).
    #[arg(long, value_name = "W", default_value_t = entente_networks::DEFAULT_FRAMEWORK_WEIGHT)]
    pub framework_weight: f64,
    /// After 2018, use the curated record's treaties alone (do not carry ATOP's 2018 alliances
    /// forward).
    #[arg(long)]
    pub no_carry_forward: bool,
    /// Hypothetical ties to add or remove (TOML; docs/similarity.md).
    #[arg(long, value_name = "FILE")]
    pub with: Option<PathBuf>,
}

/// The export format of a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetFormat {
    /// Every measure, nodes and edges, as JSON.
    Json,
    /// GraphML (Cytoscape, Gephi, networkx, igraph).
    Graphml,
    /// GEXF 1.2 (Gephi).
    Gexf,
}

#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// The year (1949–2025).
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025))]
    pub year: i32,
    #[command(flatten)]
    pub layers: LayerArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NetFormat::Json)]
    pub format: NetFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TrendsArgs {
    /// Measures (comma-separated), `all`, or `list` to show them.
    #[arg(
        long,
        value_name = "NAME|all|list",
        value_delimiter = ',',
        required = true
    )]
    pub measure: Vec<String>,
    /// First year (default 1949).
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025))]
    pub from: Option<i32>,
    /// Last year (default 2025).
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025))]
    pub to: Option<i32>,
    #[command(flatten)]
    pub layers: LayerArgs,
    /// The output: .csv (one column per measure) or .svg (line charts); without it, CSV to stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The output format of `entente wedge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WedgeFormat {
    /// Text for reading.
    Table,
    /// JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct WedgeArgs {
    /// The year (1949–2025).
    #[arg(long, value_parser = crate::cli::between::<i32>(1949, 2025), default_value_t = 2025)]
    pub year: i32,
    #[command(flatten)]
    pub layers: LayerArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WedgeFormat::Table)]
    pub format: WedgeFormat,
}

#[derive(Debug, Args)]
pub struct BenchNetworksArgs {
    /// Runs of the Rust measures (the minimum is reported).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// The networkx reference script (default: bench/networks.py of this checkout).
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Only the Rust figures.
    #[arg(long)]
    pub no_networkx: bool,
}
