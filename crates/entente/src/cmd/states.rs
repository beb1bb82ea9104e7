//! `entente states`.

use crate::cli::StatesArgs;
use crate::output::{emit, Listing};
use anyhow::{Context, Result};
use entente_core::{Group, StateInfo};
use serde::Serialize;

#[derive(Serialize)]
struct Row {
    ccode: u16,
    iso3: Option<&'static str>,
    cow_abb: &'static str,
    name: &'static str,
    region: &'static str,
    group: &'static str,
}

pub fn run(a: StatesArgs) -> Result<()> {
    let filter = a
        .region
        .as_deref()
        .map(Group::parse)
        .transpose()
        .context("--region")?;
    let rows: Vec<Row> = StateInfo::all()
        .iter()
        .filter(|s| filter.is_none_or(|g| g.contains(s.ccode)))
        .map(|s| Row {
            ccode: s.ccode.0,
            iso3: s.iso3,
            cow_abb: s.cow_abb,
            name: s.name,
            region: s.region.label(),
            group: Group::of(s.ccode).map(|g| g.label()).unwrap_or(""),
        })
        .collect();
    emit(a.format, &rows, || Listing {
        headers: vec!["ccode", "iso3", "cow_abb", "name", "region", "group"],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.ccode.to_string(),
                    r.iso3.unwrap_or("").to_string(),
                    r.cow_abb.to_string(),
                    r.name.to_string(),
                    r.region.to_string(),
                    r.group.to_string(),
                ]
            })
            .collect(),
    })
}
