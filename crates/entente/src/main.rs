//! `entente`: the command-line face of Entente. Each command parses its arguments, calls the
//! library crates, and formats what they return; nothing else lives here.

/// `eprintln!` that never panics: a closed or full stderr (`2>/dev/full`) loses the message, it
/// does not crash the command. Defined before the modules, so it shadows the standard macro in all
/// of them.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprint!` that never panics (see `eprintln!`).
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

mod cli;
mod cli_estimate;
mod cli_net;
mod cli_opportunities;
mod cli_sensitivity;
mod cli_sim;
mod cli_similarity;
mod cmd;
mod input;
mod output;

use clap::Parser;
use entente_core::escape_controls;
use std::process::ExitCode;

fn main() -> ExitCode {
    survive_file_size_limit();
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
            eprintln!("{} (see --help)", escape_controls(&what.join(" ")));
            return ExitCode::from(2);
        }
    };
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// A write past the file-size limit (`ulimit -f`) raises SIGXFSZ, whose default action kills the
/// process before any writer can remove its staged files. With a handler installed, the write fails
/// with EFBIG instead, and the error path cleans up and reports it on one line.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        // If it cannot be installed, the default action stays: nothing worse than before.
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, seen);
    }
}

/// An error as one line for people: each cause once (a cause whose text its parent already shows,
/// as `"cannot open x: File exists (os error 17)"` over `"File exists (os error 17)"`, is not
/// repeated), a list of problems reduced to the first and a count, control characters escaped.
fn one_line(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let c = cause.to_string();
        if c.is_empty() || text.contains(&c) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&c);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut line = lines.first().copied().unwrap_or("").trim_end().to_string();
    if lines.len() > 1 {
        line.push_str(&format!(" (and {} more)", lines.len() - 1));
    }
    escape_controls(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Inner;
    impl std::fmt::Display for Inner {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("File exists (os error 17)")
        }
    }
    impl std::error::Error for Inner {}

    #[derive(Debug)]
    struct Outer(Inner);
    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "cannot create out.csv: {}", self.0)
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    /// Issue #19 row 23: "File exists (os error 17): File exists (os error 17)".
    #[test]
    fn the_cause_is_said_once() {
        let e = anyhow::Error::new(Outer(Inner)).context("--out out.csv");
        assert_eq!(
            one_line(&e),
            "--out out.csv: cannot create out.csv: File exists (os error 17)"
        );
    }

    /// Issue #19 row 14: five problems are one line; an ANSI escape is shown, not obeyed.
    #[test]
    fn many_problems_are_one_line_and_escapes_are_escaped() {
        let e = anyhow::anyhow!("a.toml:3: bad\na.toml:9: bad\nb.toml:2: bad");
        assert_eq!(one_line(&e), "a.toml:3: bad (and 2 more)");
        let e = anyhow::anyhow!("unknown country name '\u{1b}[31mAtlantis\r'");
        assert_eq!(
            one_line(&e),
            "unknown country name '\\x1b[31mAtlantis\\x0d'"
        );
    }
}
