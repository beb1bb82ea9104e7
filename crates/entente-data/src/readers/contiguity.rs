//! COW Direct Contiguity v3.2: `contdird.csv` (directed dyad-years), `contdir.csv` (the master
//! record of contiguity spells, begin/end as YYYYMM) and `contdirs.csv` (state-year counts).
//! Coverage 1816–2016. `conttype` 1 is land or river contiguity; 2–5 are separation by at most 12,
//! 24, 150 and 400 miles of water.
//!
//! **Duplicate dyad-years.** 58 dyad-years of `contdird.csv` appear twice because the type changed
//! within the year. Entente keeps one row per dyad-year with the *closest* type of the year (the
//! lowest `conttype`), so that a join never duplicates rows and a dyad counts as contiguous at its
//! closest in the year, in line with the year rule (a relation counts if it held on some day).

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::{known_ccode, Unique};
use crate::error::Result;
use entente_core::Ccode;
use rustc_hash::FxHashMap;

/// The dataset's coverage.
pub const COVERAGE: (i32, i32) = (1816, 2016);

/// One directed dyad-year of contiguity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContiguityDyadYear {
    /// The first state.
    pub ccode1: Ccode,
    /// The second state.
    pub ccode2: Ccode,
    /// The year.
    pub year: i32,
    /// The closest type in the year (1–5).
    pub conttype: u8,
}

/// The dyad-years and how many duplicates were resolved.
#[derive(Debug, Clone)]
pub struct Contiguity {
    /// One row per directed dyad-year, sorted.
    pub rows: Vec<ContiguityDyadYear>,
    /// Rows merged into another of the same dyad-year.
    pub merged_duplicates: usize,
}

/// One spell of the master record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContiguitySpell {
    /// The lower COW code.
    pub low: Ccode,
    /// The higher.
    pub high: Ccode,
    /// The type.
    pub conttype: u8,
    /// Begin, as (year, month).
    pub begin: (i32, u32),
    /// End, as (year, month).
    pub end: (i32, u32),
}

/// Reads `contdird.csv`.
pub fn read_dyad_year(f: &RawFile) -> Result<Contiguity> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [c1, c2, yr, ty] = csv.cols(["state1no", "state2no", "year", "conttype"])?;
    let mut map: FxHashMap<(Ccode, Ccode, i32), usize> =
        FxHashMap::with_capacity_and_hasher(85_000, Default::default());
    let mut rows = Vec::with_capacity(85_000);
    let mut merged = 0;
    csv.for_each(|row| {
        let ccode1 = known_ccode(row, c1)?;
        let ccode2 = known_ccode(row, c2)?;
        let year = row.year(yr, COVERAGE)?;
        let conttype = row.int_in(ty, 1, 5)? as u8;
        match map.get(&(ccode1, ccode2, year)) {
            Some(&i) => {
                let e: &mut ContiguityDyadYear = &mut rows[i];
                e.conttype = e.conttype.min(conttype);
                merged += 1;
            }
            None => {
                map.insert((ccode1, ccode2, year), rows.len());
                rows.push(ContiguityDyadYear {
                    ccode1,
                    ccode2,
                    year,
                    conttype,
                });
            }
        }
        Ok(())
    })?;
    let mut rows = nonempty(&f.name, rows)?;
    rows.sort_by_key(|r| (r.ccode1, r.ccode2, r.year));
    Ok(Contiguity {
        rows,
        merged_duplicates: merged,
    })
}

fn yyyymm(row: &super::csvio::Row<'_>, c: usize) -> Result<(i32, u32)> {
    let v = row.int(c)?;
    let (y, m) = ((v / 100) as i32, (v % 100) as u32);
    if !(1..=12).contains(&m) || y < COVERAGE.0 || y > COVERAGE.1 {
        return Err(row.err(c, format!("{v} is not a YYYYMM within 1816–2016")));
    }
    Ok((y, m))
}

/// Reads `contdir.csv`.
pub fn read_master(f: &RawFile) -> Result<Vec<ContiguitySpell>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [lo, hi, ty, b, e] = csv.cols(["statelno", "statehno", "conttype", "begin", "end"])?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let low = known_ccode(row, lo)?;
        let high = known_ccode(row, hi)?;
        let begin = yyyymm(row, b)?;
        let end = yyyymm(row, e)?;
        if end < begin {
            return Err(row.err(e, "ends before it begins"));
        }
        uniq.check((low, high, begin), row.line)?;
        out.push(ContiguitySpell {
            low,
            high,
            conttype: row.int_in(ty, 1, 5)? as u8,
            begin,
            end,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}

/// One state-year of contiguity counts (`contdirs.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContiguityStateYear {
    /// The state.
    pub ccode: Ccode,
    /// The year.
    pub year: i32,
    /// All contiguity relations.
    pub total: u16,
    /// By land.
    pub land: u16,
    /// By sea.
    pub sea: u16,
}

/// Reads `contdirs.csv`.
pub fn read_state_year(f: &RawFile) -> Result<Vec<ContiguityStateYear>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [st, yr, tot, land, sea] = csv.cols(["stateno", "year", "total", "land", "sea"])?;
    let mut out = Vec::with_capacity(16_000);
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let ccode = known_ccode(row, st)?;
        let year = row.year(yr, COVERAGE)?;
        uniq.check((ccode, year), row.line)?;
        out.push(ContiguityStateYear {
            ccode,
            year,
            total: row.int_in(tot, 0, 999)? as u16,
            land: row.int_in(land, 0, 999)? as u16,
            sea: row.int_in(sea, 0, 999)? as u16,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}
