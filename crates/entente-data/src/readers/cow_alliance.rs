//! COW Formal Alliances v4.1, directed dyad-year: the official `alliance_v4.1_by_directed_yearly.csv`
//! (one row per alliance, dyad and year) or peacesciencer's derived file (rows partly collapsed to
//! dyad-years). Coverage 1816–2012.
//!
//! **Several rows per key.** Both layouts can hold more than one row for a (ccode1, ccode2, year):
//! the official one has a row per alliance, the derived one 27,474 leftover duplicates (24,680 keys
//! with 2 to 5 rows: in 23,428 the rows differ in their obligation types, i.e. separate alliances;
//! 1,116 are identical rows; the rest differ only in the censoring flags). They are resolved by
//! taking, for each obligation type, the maximum over the rows: a dyad is bound by a defence pact in
//! a year if any of its alliances that year is one. This is what peacesciencer's own build does
//! (`summarize(across(..., max))`).
//!
//! **Blank fields.** 45 rows of the derived file leave `nonaggression` or `entente` blank (missing in
//! the original Stata file). They are read as missing, not 0; every one of them has a stronger type
//! coded (a defence or neutrality pact), so the valued coding is the same either way.

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::known_ccode;
use crate::error::Result;
use entente_core::Ccode;
use rustc_hash::FxHashMap;

/// The dataset's coverage.
pub const COVERAGE: (i32, i32) = (1816, 2012);

/// One directed dyad-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CowAllianceDyadYear {
    /// The first state.
    pub ccode1: Ccode,
    /// The second state.
    pub ccode2: Ccode,
    /// The year.
    pub year: i32,
    /// A defence pact (`None`: left blank in the file).
    pub defense: Option<bool>,
    /// A neutrality pact.
    pub neutrality: Option<bool>,
    /// A non-aggression pact.
    pub nonaggression: Option<bool>,
    /// An entente.
    pub entente: Option<bool>,
}

impl CowAllianceDyadYear {
    /// The COW valued coding: 3 defence, 2 neutrality or non-aggression, 1 entente, 0 none. A blank
    /// type counts as absent.
    pub fn valued(&self) -> u8 {
        let f = |v: Option<bool>| v.unwrap_or(false);
        if f(self.defense) {
            3
        } else if f(self.neutrality) || f(self.nonaggression) {
            2
        } else if f(self.entente) {
            1
        } else {
            0
        }
    }
}

/// The rows, one per key after resolving duplicates, and how many input rows were merged.
#[derive(Debug, Clone)]
pub struct CowAlliance {
    /// One row per (ccode1, ccode2, year), sorted.
    pub rows: Vec<CowAllianceDyadYear>,
    /// Input rows merged into an earlier row of the same key.
    pub merged_duplicates: usize,
}

/// The maximum of two flags, where a blank yields to a coded value.
fn max_flag(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x || y),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Reads either layout.
pub fn read(f: &RawFile) -> Result<CowAlliance> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [c1, c2, yr, def, neu, non, ent] = csv.cols([
        "ccode1",
        "ccode2",
        "year",
        "defense",
        "neutrality",
        "nonaggression",
        "entente",
    ])?;
    let mut map: FxHashMap<(Ccode, Ccode, i32), usize> =
        FxHashMap::with_capacity_and_hasher(130_000, Default::default());
    let mut rows: Vec<CowAllianceDyadYear> = Vec::with_capacity(130_000);
    let mut merged = 0usize;
    csv.for_each(|row| {
        let ccode1 = known_ccode(row, c1)?;
        let ccode2 = known_ccode(row, c2)?;
        if ccode1 == ccode2 {
            return Err(row.err(c2, "a state in a dyad with itself"));
        }
        let year = row.year(yr, COVERAGE)?;
        let r = CowAllianceDyadYear {
            ccode1,
            ccode2,
            year,
            defense: row.flag_or_missing(def)?,
            neutrality: row.flag_or_missing(neu)?,
            nonaggression: row.flag_or_missing(non)?,
            entente: row.flag_or_missing(ent)?,
        };
        match map.get(&(ccode1, ccode2, year)) {
            Some(&i) => {
                let e = &mut rows[i];
                e.defense = max_flag(e.defense, r.defense);
                e.neutrality = max_flag(e.neutrality, r.neutrality);
                e.nonaggression = max_flag(e.nonaggression, r.nonaggression);
                e.entente = max_flag(e.entente, r.entente);
                merged += 1;
            }
            None => {
                map.insert((ccode1, ccode2, year), rows.len());
                rows.push(r);
            }
        }
        Ok(())
    })?;
    let mut rows = nonempty(&f.name, rows)?;
    rows.sort_by_key(|r| (r.ccode1, r.ccode2, r.year));
    Ok(CowAlliance {
        rows,
        merged_duplicates: merged,
    })
}
