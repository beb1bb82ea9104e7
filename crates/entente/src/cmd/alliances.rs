//! `entente alliances`.

use crate::cli::{AlliancesArgs, Global};
use crate::output::{cell, emit, Listing};
use anyhow::Result;

pub fn run(g: &Global, a: AlliancesArgs) -> Result<()> {
    let rec = super::record(g)?;
    let state = a
        .state
        .as_deref()
        .map(|s| super::state_code(s, a.year))
        .transpose()?;
    let rows = rec.alliance_rows(a.year, state);
    emit(a.format, &rows, || Listing {
        headers: vec![
            "id",
            "name",
            "obligations",
            "start",
            "end",
            "members",
            "member_list",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.id.clone(),
                    r.name.clone(),
                    r.obligations.join(";"),
                    r.start.to_string(),
                    cell(r.end),
                    r.member_count.to_string(),
                    r.members
                        .iter()
                        .map(|m| m.iso3.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            })
            .collect(),
    })
}
