//! `entente cite`.

use crate::cli::{CiteArgs, Global};
use crate::output::{cell, emit, print, Listing};
use anyhow::{bail, Result};
use entente_core::Source;
use serde::Serialize;
use std::collections::BTreeMap;

const ENTENTE: &str = "\
How to cite Entente:
  Entente developers. Entente: measuring and simulating the US alliance networks in Europe and East Asia,
  version {VERSION}. Software.

Entente follows the argument of:
  Kim, Tongfi, and Luis Simón. 2021. \"Greater Security Cooperation: US Allies in Europe and East Asia.\"
  Parameters 51 (2): 55–68. https://press.armywarcollege.edu/parameters/vol51/iss2/7

The curated record of alliances, agreements, partnerships, exercises and arms programmes is Entente's own,
written from the public documents it cites: version {RECORD_VERSION}, cut-off date {CUTOFF} (every record's status is
as of that day; data/curated/CHANGELOG.md lists what changed), {RECORDS} records, {SOURCES} distinct sources,
sha256 {SHA}.
List them with `entente cite --year Y` or `entente cite --tie ID`.
";

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    tie: &'a str,
    #[serde(flatten)]
    source: &'a Source,
}

pub fn run(g: &Global, a: CiteArgs) -> Result<()> {
    if let Some(name) = &a.dataset {
        return dataset(name);
    }
    let rec = super::record(g)?;
    let ties: Vec<&entente_core::Tie> = match (&a.tie, a.year) {
        (Some(id), _) => match rec.get(id) {
            Some(t) => vec![t],
            None => bail!("--tie: no record with id '{id}' (see `entente alliances` or `entente ties` for ids)"),
        },
        (None, Some(y)) => rec.active_in_year(y).collect(),
        (None, None) => {
            let distinct: BTreeMap<&str, ()> = rec
                .ties()
                .iter()
                .flat_map(|t| t.sources.iter().map(|s| (s.url.as_str(), ())))
                .collect();
            return print(
                &ENTENTE
                    .replace("{VERSION}", env!("CARGO_PKG_VERSION"))
                    .replace("{RECORD_VERSION}", entente_curated::VERSION)
                    .replace("{CUTOFF}", entente_curated::CUTOFF)
                    .replace("{RECORDS}", &rec.ties().len().to_string())
                    .replace("{SOURCES}", &distinct.len().to_string())
                    .replace("{SHA}", rec.sha256()),
            );
        }
    };
    let rows: Vec<Row> = ties
        .iter()
        .flat_map(|t| {
            t.sources.iter().map(|s| Row {
                id: &t.id,
                tie: &t.name,
                source: s,
            })
        })
        .collect();
    emit(a.format, &rows, || Listing {
        headers: vec!["id", "title", "date", "url"],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.id.to_string(),
                    r.source.title.clone(),
                    cell(r.source.date),
                    r.source.url.clone(),
                ]
            })
            .collect(),
    })
}

fn dataset(name: &str) -> Result<()> {
    let all = entente_data::registry::datasets()?;
    let chosen: Vec<&entente_data::DatasetSpec> = if name == "all" {
        all.iter().collect()
    } else {
        vec![entente_data::registry::dataset(name)?]
    };
    let mut out = String::new();
    for d in chosen {
        out.push_str(&format!(
            "{} ({}, version {})\n  Cite: {}\n  Publisher: {}; {}\n  Terms: {}\n\n",
            d.name, d.id, d.version, d.citation, d.publisher, d.page, d.licence
        ));
    }
    print(&out)
}
