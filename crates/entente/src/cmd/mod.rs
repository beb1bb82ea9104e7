//! One module per command.

mod alliances;
mod bench;
mod brief;
mod cite;
mod data;
mod estimate;
mod frame;
mod net;
mod opportunities;
mod sensitivity;
mod serve;
mod shard;
mod sim;
mod similarity;
mod states;
mod ties;

use crate::cli::{Cli, Command, Global};
use anyhow::{Context, Result};
use entente_core::{Ccode, Crosswalk, Date};
use entente_curated::CuratedRecord;
use entente_data::{DataDir, Store};
use std::borrow::Cow;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Brief(a) => brief::run(&cli.global, a),
        Command::Alliances(a) => alliances::run(&cli.global, a),
        Command::Ties(a) => ties::run(&cli.global, a),
        Command::States(a) => states::run(a),
        Command::Cite(a) => cite::run(&cli.global, a),
        Command::Frame(a) => frame::run(&cli.global, a),
        Command::Similarity(a) => similarity::run(&cli.global, a),
        Command::Opportunities(a) => opportunities::run(&cli.global, a),
        Command::Serve(a) => serve::run(&cli.global, a),
        Command::Network(a) => net::network(&cli.global, a),
        Command::Trends(a) => net::trends(&cli.global, a),
        Command::Wedge(a) => net::wedge(&cli.global, a),
        Command::Simulate(a) => sim::simulate(&cli.global, a),
        Command::Sweep(a) => sim::sweep(&cli.global, a),
        Command::Compare(a) => sim::compare(&cli.global, a),
        Command::Merge(a) => shard::merge(a),
        Command::Estimate(a) => estimate::run(&cli.global, a),
        Command::Sensitivity(a) => sensitivity::run(&cli.global, a),
        Command::Data(c) => data::run(&cli.global, c),
        Command::Bench(c) => bench::run(&cli.global, c),
    }
}

/// The data directory as the user set it.
pub fn data_dir(g: &Global) -> Result<DataDir> {
    Ok(DataDir::resolve(g.data_dir.as_deref())?)
}

/// A store over the data directory.
pub fn store(g: &Global) -> Result<Store> {
    Ok(Store::new(data_dir(g)?.path))
}

/// The curated record: the built-in one, or the user's folder.
pub fn record(g: &Global) -> Result<Cow<'static, CuratedRecord>> {
    match &g.curated {
        None => Ok(Cow::Borrowed(CuratedRecord::embedded()?)),
        Some(dir) => Ok(Cow::Owned(
            CuratedRecord::from_dir(dir)
                .with_context(|| format!("curated record {}", dir.display()))?,
        )),
    }
}

/// Resolves a state given as ISO3 or COW code, as of the end of a year; an error names the flag.
pub fn state_code(flag: &'static str, code: &str, year: i32) -> Result<Ccode> {
    let day = Date::from_ymd_opt(year, 12, 31).unwrap_or_default();
    Crosswalk.resolve_code(code, day).context(flag)
}

/// The command line as typed, for manifests (an argument that is not UTF-8, such as a file name in
/// another encoding, is shown with U+FFFD in place of its bad bytes).
pub fn command_line() -> String {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .map(|a| if a.contains(' ') { format!("'{a}'") } else { a })
        .collect::<Vec<_>>()
        .join(" ")
}
