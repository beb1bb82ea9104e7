//! `entente`: the command-line face of Entente. Each command parses its arguments, calls the
//! library crates, and formats what they return; nothing else lives here.

mod cli;
mod cli_net;
mod cli_opportunities;
mod cli_sim;
mod cli_similarity;
mod cmd;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            for line in format!("{e:#}").lines() {
                eprintln!("error: {line}");
            }
            ExitCode::from(2)
        }
    }
}
