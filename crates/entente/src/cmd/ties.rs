//! `entente ties`.

use crate::cli::{Global, TiesArgs};
use crate::output::{cell, emit, Listing};
use anyhow::{Context, Result};
use entente_core::Group;

pub fn run(g: &Global, a: TiesArgs) -> Result<()> {
    let ga = Group::parse(&a.between).context("--between")?;
    let gb = Group::parse(&a.and_).context("--and")?;
    let rec = super::record(g)?;
    let rows = rec.tie_rows_from(ga, gb, a.year, a.count_from.core());
    emit(a.format, &rows, || Listing {
        headers: vec!["a", "b", "kind", "name", "start", "end", "id", "source"],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.a.clone(),
                    r.b.clone(),
                    r.kind.to_string(),
                    r.name.clone(),
                    cell(r.start),
                    cell(r.end),
                    r.id.clone(),
                    r.sources.first().map(|s| s.url.clone()).unwrap_or_default(),
                ]
            })
            .collect(),
    })
}
