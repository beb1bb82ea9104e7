//! `entente`: the command-line face of Entente. Each command parses its arguments, calls the
//! library crates, and formats what they return; nothing else lives here.

mod cli;
mod cli_estimate;
mod cli_net;
mod cli_opportunities;
mod cli_sensitivity;
mod cli_sim;
mod cli_similarity;
mod cmd;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print in full; a usage error is one line, exit code 2.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // clap's message, up to its usage block, on one line.
            let text = e.to_string();
            let what: Vec<String> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .filter(|l| !l.is_empty())
                .map(|l| match l.strip_prefix("tip: ") {
                    Some(tip) => format!("({tip})"),
                    None => l.to_string(),
                })
                .collect();
            eprintln!("{} (see --help)", what.join(" "));
            return ExitCode::from(2);
        }
    };
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
