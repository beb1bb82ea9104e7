//! Records counted per year, in all and by kind, through the crate's one counting rule
//! (`CuratedRecord::counted_in_year`, entry into force by default): the per-year figures quoted in
//! data/curated/CHANGELOG.md are produced with this, not with a script of their own.
//!
//! ```text
//! cargo run -p entente-curated --example year_counts -- [--dir DIR] [--signature] [FIRST LAST]
//! ```
//! `--dir` reads a folder of `*.toml` files (an earlier version of the record, for comparison)
//! instead of the built-in record; `--signature` counts binding instruments from signature.
//! Prints a Markdown table, one row per year.

use entente_core::{CountFrom, TieKind};
use entente_curated::CuratedRecord;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("year_counts: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut dir: Option<PathBuf> = None;
    let mut from = CountFrom::EntryIntoForce;
    let mut years: Vec<i32> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dir" => dir = Some(args.next().ok_or("--dir needs a folder")?.into()),
            "--signature" => from = CountFrom::Signature,
            y => years.push(y.parse().map_err(|_| format!("not a year: {y}"))?),
        }
    }
    let (first, last) = match years.as_slice() {
        [] => (1949, 2025),
        [a, b] if a <= b => (*a, *b),
        _ => return Err("give two years, FIRST LAST, with FIRST <= LAST".into()),
    };
    let owned;
    let rec: &CuratedRecord = match &dir {
        Some(d) => {
            owned = CuratedRecord::from_dir(d).map_err(|e| e.to_string())?;
            &owned
        }
        None => CuratedRecord::embedded().map_err(|e| e.to_string())?,
    };
    println!("{} records", rec.ties().len());
    print!("| year | all |");
    for k in TieKind::ALL {
        print!(" {} |", k.name());
    }
    println!();
    println!("|{}", "---|".repeat(2 + TieKind::ALL.len()));
    for y in first..=last {
        let counted: Vec<_> = rec.counted_in_year(y, from).collect();
        print!("| {y} | {} |", counted.len());
        for k in TieKind::ALL {
            print!(" {} |", counted.iter().filter(|t| t.kind == k).count());
        }
        println!();
    }
    Ok(())
}
