//! `entente alliances`.

use crate::cli::{AllianceSourceArg, AlliancesArgs, CountFromArg, Global};
use crate::output::{cell, emit, Listing};
use anyhow::{bail, Result};
use entente_core::{Ccode, Obligations};
use entente_curated::StateCell;
use entente_data::alliance_view::{alliance_dyads, atop_alliances, AllianceDyad};
use entente_data::readers::{atop, cow_alliance};
use serde::Serialize;

pub fn run(g: &Global, a: AlliancesArgs) -> Result<()> {
    let rec = super::record(g)?;
    let state = a
        .state
        .as_deref()
        .map(|s| super::state_code("--state", s, a.year))
        .transpose()?;
    let cover = |name: &str, c: (i32, i32)| -> Result<()> {
        if a.year < c.0 || a.year > c.1 {
            bail!("--year {}: {name} covers {}–{}", a.year, c.0, c.1);
        }
        Ok(())
    };
    if a.source != AllianceSourceArg::Curated && a.count_from != CountFromArg::EntryIntoForce {
        bail!("--count-from signature applies to --source curated; ATOP and COW date alliances as they code them");
    }
    match a.source {
        AllianceSourceArg::Curated => {
            cover("the curated record", entente_curated::COVERAGE)?;
            curated(&rec, a.year, state, a.count_from.core(), a.format)
        }
        AllianceSourceArg::Atop => {
            cover("ATOP 5.1", atop::COVERAGE)?;
            let store = super::store(g)?;
            let mut rows = atop_alliances(&store, &rec, a.year)?;
            if let Some(c) = state {
                rows.retain(|r| r.members.contains(&c));
            }
            #[derive(Serialize)]
            struct Row {
                atopid: u32,
                source: &'static str,
                member_count: usize,
                members: Vec<StateCell>,
                curated_match: Option<String>,
            }
            let out: Vec<Row> = rows
                .into_iter()
                .map(|r| Row {
                    atopid: r.atopid,
                    source: "atop",
                    member_count: r.members.len(),
                    members: r.members.iter().map(|c| StateCell::of(*c)).collect(),
                    curated_match: r.curated_match,
                })
                .collect();
            emit(a.format, &out, || Listing {
                headers: vec!["atopid", "members", "curated match", "member_list"],
                rows: out
                    .iter()
                    .map(|r| {
                        vec![
                            r.atopid.to_string(),
                            r.member_count.to_string(),
                            cell(r.curated_match.as_deref()),
                            iso_list(&r.members),
                        ]
                    })
                    .collect(),
            })
        }
        AllianceSourceArg::Cow | AllianceSourceArg::All => {
            if a.source == AllianceSourceArg::Cow {
                cover("COW Formal Alliances 4.1", cow_alliance::COVERAGE)?;
            }
            let store = super::store(g)?;
            let mut rows = alliance_dyads(Some(&store), &rec, a.year)?;
            if a.source == AllianceSourceArg::Cow {
                rows.retain(|r| {
                    r.cow
                        .is_some_and(|c| c.defense || c.neutrality || c.nonaggression || c.entente)
                });
            }
            if let Some(c) = state {
                rows.retain(|r| r.a == c || r.b == c);
            }
            dyads(rows, a.format)
        }
    }
}

fn iso_list(m: &[StateCell]) -> String {
    m.iter()
        .map(|s| s.iso3.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn curated(
    rec: &entente_curated::CuratedRecord,
    year: i32,
    state: Option<Ccode>,
    from: entente_core::CountFrom,
    format: crate::cli::Format,
) -> Result<()> {
    let rows = rec.alliance_rows_from(year, state, from);
    emit(format, &rows, || Listing {
        headers: vec![
            "id",
            "name",
            "obligations",
            "status",
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
                    r.status.name().to_string(),
                    r.start_shown.clone(),
                    cell(r.end_shown.as_deref()),
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

fn obl(o: Option<Obligations>) -> String {
    match o {
        None => "NA".into(),
        Some(o) if o.is_empty() => "-".into(),
        Some(o) => o.iter().map(|x| x.name()).collect::<Vec<_>>().join(";"),
    }
}

fn dyads(rows: Vec<AllianceDyad>, format: crate::cli::Format) -> Result<()> {
    #[derive(Serialize)]
    struct Row<'a> {
        a: StateCell,
        b: StateCell,
        year: i32,
        atop: Option<Vec<&'static str>>,
        cow: Option<&'a entente_data::alliance_view::CowTypes>,
        curated: Option<Vec<&'static str>>,
        curated_ids: &'a [String],
        alliance: Option<Vec<&'static str>>,
        alliance_source: Option<entente_data::alliance_view::AllianceSource>,
    }
    let names = |o: Option<Obligations>| o.map(|o| o.iter().map(|x| x.name()).collect());
    let out: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            a: StateCell::of(r.a),
            b: StateCell::of(r.b),
            year: r.year,
            atop: names(r.atop),
            cow: r.cow.as_ref(),
            curated: names(r.curated),
            curated_ids: &r.curated_ids,
            alliance: names(r.alliance),
            alliance_source: r.alliance_source,
        })
        .collect();
    emit(format, &out, || Listing {
        headers: vec!["a", "b", "atop", "cow", "curated", "alliance", "source"],
        rows: rows
            .iter()
            .map(|r| {
                let cow = match r.cow {
                    None => "NA".to_string(),
                    Some(c) => {
                        let v: Vec<&str> = [
                            (c.defense, "defense"),
                            (c.neutrality, "neutrality"),
                            (c.nonaggression, "nonaggression"),
                            (c.entente, "entente"),
                        ]
                        .iter()
                        .filter(|(f, _)| *f)
                        .map(|(_, n)| *n)
                        .collect();
                        if v.is_empty() {
                            "-".into()
                        } else {
                            v.join(";")
                        }
                    }
                };
                vec![
                    StateCell::of(r.a).iso3,
                    StateCell::of(r.b).iso3,
                    obl(r.atop),
                    cow,
                    obl(r.curated),
                    obl(r.alliance),
                    r.alliance_source
                        .map(|s| format!("{s:?}").to_lowercase())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    })
}
