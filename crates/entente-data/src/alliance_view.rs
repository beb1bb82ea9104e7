//! One alliance view per dyad-year, from three sources side by side:
//! - **ATOP 5.1** (1815–2018): the five obligations of the directed dyad-year file;
//! - **COW Formal Alliances 4.1** (1816–2012): defence, neutrality, non-aggression, entente;
//! - **the curated record** (1949–2025): the obligations of its defence treaties in force.
//!
//! Each source keeps its own columns, missing (`None`) outside its coverage, never 0. The merged
//! columns (`alliance_*`) take ATOP's values within ATOP's coverage and the curated record's after
//! it; `alliance_source` says which. COW is never merged (it codes a different concept: entente
//! is not an ATOP obligation), so it stays a separate column set. The view is undirected: alliances
//! are symmetric, so (a, b) and (b, a) are the same row, stored with `a < b`.

use crate::error::Result;
use crate::readers::{atop, cow_alliance};
use crate::store::Store;
use entente_core::{Ccode, Obligations, TieKind};
use entente_curated::CuratedRecord;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a merged value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AllianceSource {
    /// ATOP 5.1 (years up to 2018).
    Atop,
    /// Entente's curated record (years after 2018).
    Curated,
}

/// Source precedence for the merged columns: ATOP for years it covers, the curated record after.
pub fn merged_source(year: i32) -> Option<AllianceSource> {
    if (atop::COVERAGE.0..=atop::COVERAGE.1).contains(&year) {
        Some(AllianceSource::Atop)
    } else if (entente_curated::COVERAGE.0..=entente_curated::COVERAGE.1).contains(&year) {
        Some(AllianceSource::Curated)
    } else {
        None
    }
}

/// The COW types of a dyad-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CowTypes {
    /// Defence pact.
    pub defense: bool,
    /// Neutrality pact.
    pub neutrality: bool,
    /// Non-aggression pact.
    pub nonaggression: bool,
    /// Entente.
    pub entente: bool,
}

/// One undirected dyad-year of the view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllianceDyad {
    /// The lower COW code.
    pub a: Ccode,
    /// The higher.
    pub b: Ccode,
    /// The year.
    pub year: i32,
    /// ATOP obligations; `None` outside 1815–2018 (within it, absent rows are no alliance).
    pub atop: Option<Obligations>,
    /// COW types; `None` outside 1816–2012.
    pub cow: Option<CowTypes>,
    /// Obligations of the curated defence treaties in force; `None` outside 1949–2025.
    pub curated: Option<Obligations>,
    /// The curated records binding the pair that year (treaties and other kinds), by id.
    pub curated_ids: Vec<String>,
    /// The merged obligations.
    pub alliance: Option<Obligations>,
    /// Where the merged obligations come from.
    pub alliance_source: Option<AllianceSource>,
}

fn in_cov(y: i32, c: (i32, i32)) -> bool {
    (c.0..=c.1).contains(&y)
}

fn key(a: Ccode, b: Ccode) -> (Ccode, Ccode) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Builds the view for a year: every dyad with an alliance in any source. Only the sources whose
/// coverage includes the year are read (so a year after 2018 needs no dataset at all).
pub fn alliance_dyads(
    store: Option<&Store>,
    rec: &CuratedRecord,
    year: i32,
) -> Result<Vec<AllianceDyad>> {
    let use_atop = in_cov(year, atop::COVERAGE);
    let use_cow = in_cov(year, cow_alliance::COVERAGE);
    let use_cur = in_cov(year, entente_curated::COVERAGE);
    let mut atop_map: FxHashMap<(Ccode, Ccode), Obligations> = FxHashMap::default();
    let mut cow_map: FxHashMap<(Ccode, Ccode), CowTypes> = FxHashMap::default();
    if let Some(store) = store {
        if use_atop {
            for r in store
                .atop_dyad_year()?
                .data
                .iter()
                .filter(|r| r.year == year)
            {
                if !r.obligations.is_empty() {
                    let e = atop_map.entry(key(r.ccode1, r.ccode2)).or_default();
                    *e = e.union(r.obligations);
                }
            }
        }
        if use_cow {
            for r in store
                .cow_alliance()?
                .data
                .rows
                .iter()
                .filter(|r| r.year == year)
            {
                if r.valued() == 0 {
                    continue;
                }
                let t = cow_map.entry(key(r.ccode1, r.ccode2)).or_insert(CowTypes {
                    defense: false,
                    neutrality: false,
                    nonaggression: false,
                    entente: false,
                });
                t.defense |= r.defense.unwrap_or(false);
                t.neutrality |= r.neutrality.unwrap_or(false);
                t.nonaggression |= r.nonaggression.unwrap_or(false);
                t.entente |= r.entente.unwrap_or(false);
            }
        }
    }
    let mut cur_map: FxHashMap<(Ccode, Ccode), (Obligations, Vec<String>)> = FxHashMap::default();
    if use_cur {
        for t in rec.active_in_year(year) {
            for (a, b) in t.pairs_in_year(year) {
                let e = cur_map.entry((a, b)).or_default();
                if t.kind == TieKind::DefenceTreaty {
                    e.0 = e.0.union(t.obligations);
                }
                e.1.push(t.id.clone());
            }
        }
    }
    let mut keys: Vec<(Ccode, Ccode)> = atop_map
        .keys()
        .chain(cow_map.keys())
        .chain(
            cur_map
                .iter()
                .filter(|(_, v)| !v.0.is_empty())
                .map(|(k, _)| k),
        )
        .copied()
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let source = merged_source(year);
    let have_atop = store.is_some() && use_atop;
    let have_cow = store.is_some() && use_cow;
    Ok(keys
        .into_iter()
        .map(|(a, b)| {
            let atop = have_atop.then(|| atop_map.get(&(a, b)).copied().unwrap_or_default());
            let cow = have_cow.then(|| {
                cow_map.get(&(a, b)).copied().unwrap_or(CowTypes {
                    defense: false,
                    neutrality: false,
                    nonaggression: false,
                    entente: false,
                })
            });
            let (cur_obl, ids) = cur_map.get(&(a, b)).cloned().unwrap_or_default();
            let curated = use_cur.then_some(cur_obl);
            let alliance = match source {
                Some(AllianceSource::Atop) => atop,
                Some(AllianceSource::Curated) => curated,
                None => None,
            };
            AllianceDyad {
                a,
                b,
                year,
                atop,
                cow,
                curated,
                curated_ids: ids,
                alliance,
                alliance_source: source.filter(|_| alliance.is_some()),
            }
        })
        .collect())
}

/// An ATOP alliance in a year, reconstructed from the state-year file's `atopid` lists.
#[derive(Debug, Clone, Serialize)]
pub struct AtopAlliance {
    /// The ATOP id.
    pub atopid: u32,
    /// Members that year.
    pub members: Vec<Ccode>,
    /// The curated defence treaty with the same members that year, if one matches (at least 80%
    /// of the union of the two member sets in common).
    pub curated_match: Option<String>,
}

/// The ATOP alliances in force in a year (1815–2018), with their members.
pub fn atop_alliances(store: &Store, rec: &CuratedRecord, year: i32) -> Result<Vec<AtopAlliance>> {
    let mut by_id: BTreeMap<u32, Vec<Ccode>> = BTreeMap::new();
    for r in store
        .atop_state_year()?
        .data
        .iter()
        .filter(|r| r.year == year)
    {
        for id in &r.atopids {
            by_id.entry(*id).or_default().push(r.ccode);
        }
    }
    let treaties: Vec<(String, Vec<Ccode>)> = rec
        .alliances_in_year(year, None)
        .into_iter()
        .map(|t| {
            let mut m: Vec<Ccode> = t
                .members_in_year(year)
                .into_iter()
                .map(|(_, c)| c)
                .collect();
            m.sort_unstable();
            (t.id.clone(), m)
        })
        .collect();
    Ok(by_id
        .into_iter()
        .map(|(atopid, mut members)| {
            members.sort_unstable();
            members.dedup();
            let curated_match = treaties
                .iter()
                .map(|(id, m)| {
                    let common = members
                        .iter()
                        .filter(|c| m.binary_search(c).is_ok())
                        .count();
                    let union = members.len() + m.len() - common;
                    (id, common as f64 / union.max(1) as f64)
                })
                .filter(|(_, j)| *j >= 0.8)
                .max_by(|x, y| x.1.total_cmp(&y.1))
                .map(|(id, _)| id.clone());
            AtopAlliance {
                atopid,
                members,
                curated_match,
            }
        })
        .collect())
}
