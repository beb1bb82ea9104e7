//! The per-year counts that data/curated/CHANGELOG.md gives for the current version are the
//! crate's own: the table under the current version's heading (written by `cargo run -p
//! entente-curated --example year_counts`) must match `CuratedRecord::counted_in_year` row by
//! row, so a record changed without recomputing the changelog fails here.

use entente_core::{CountFrom, TieKind};
use entente_curated::{CuratedRecord, CUTOFF, VERSION};

const CHANGELOG: &str = include_str!("../../../data/curated/CHANGELOG.md");

/// The current version's section of the changelog.
fn current_section() -> &'static str {
    let heading = format!("## {VERSION} — cut-off {CUTOFF}");
    let start = CHANGELOG
        .find(&heading)
        .unwrap_or_else(|| panic!("CHANGELOG.md has no section '{heading}'"));
    let rest = &CHANGELOG[start + heading.len()..];
    match rest.find("\n## ") {
        Some(end) => &rest[..end],
        None => rest,
    }
}

/// The rows of the section's `| year | all | <kinds> |` table: year, then the counts.
fn count_rows(section: &str) -> Vec<(i32, Vec<usize>)> {
    let header = {
        let kinds: Vec<&str> = TieKind::ALL.iter().map(|k| k.name()).collect();
        format!("| year | all | {} |", kinds.join(" | "))
    };
    let mut lines = section.lines().skip_while(|l| l.trim() != header);
    assert!(
        lines.next().is_some(),
        "the {VERSION} section has no table headed '{header}'"
    );
    lines
        .skip(1) // the |---| line
        .take_while(|l| l.trim_start().starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let year: i32 = cells[0]
                .parse()
                .unwrap_or_else(|_| panic!("not a year: {l}"));
            let counts = cells[1..]
                .iter()
                .map(|c| c.parse().unwrap_or_else(|_| panic!("not a count: {l}")))
                .collect();
            (year, counts)
        })
        .collect()
}

/// Compares the table's rows with the record's counts; names the first year that differs.
fn check(rec: &CuratedRecord, rows: &[(i32, Vec<usize>)]) -> Result<(), String> {
    for (year, counts) in rows {
        let counted: Vec<_> = rec
            .counted_in_year(*year, CountFrom::EntryIntoForce)
            .collect();
        let mut expected = vec![counted.len()];
        expected.extend(
            TieKind::ALL
                .iter()
                .map(|k| counted.iter().filter(|t| t.kind == *k).count()),
        );
        if *counts != expected {
            return Err(format!(
                "records counted in {year} (all, then by kind): the changelog says {counts:?}, the record gives {expected:?}"
            ));
        }
    }
    Ok(())
}

#[test]
fn the_changelog_counts_are_the_crates_counts() {
    let rec = CuratedRecord::embedded().unwrap();
    let rows = count_rows(current_section());
    assert!(
        rows.len() >= 10,
        "the count table should cover at least ten years"
    );
    if let Err(e) = check(rec, &rows) {
        panic!("{e}");
    }
}

#[test]
fn a_count_off_by_one_fails_the_check() {
    let rec = CuratedRecord::embedded().unwrap();
    let rows = count_rows(current_section());
    for i in 0..rows.len() {
        for col in 0..rows[i].1.len() {
            let mut altered = rows.clone();
            altered[i].1[col] += 1;
            assert!(check(rec, &altered).is_err(), "row {i}, column {col}");
        }
    }
}
