//! SIPRI Military Expenditure Database, as long CSVs converted from SIPRI's workbook (one per
//! sheet): `country, region, subregion, year, value, notes, release, sheet`. SIPRI's markers are
//! kept apart from numbers: `...` is "data unavailable" and `xxx` "the country did not exist or was
//! not independent"; both are missing values, never 0. Constant and current US$ sheets are in US$
//! millions; *Share of GDP* and *Share of Govt. spending* are stored as **fractions** (0.034 is
//! 3.4%); *Per capita* is in current US$.

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::Unique;
use crate::error::{DataError, Result};
use entente_core::{Ccode, Crosswalk, NameMatch};
use rustc_hash::FxHashMap;

/// Coverage of the 2025 release.
pub const COVERAGE: (i32, i32) = (1949, 2024);

/// A value as SIPRI gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MilexValue {
    /// A number.
    Value(f64),
    /// `...`: data unavailable.
    Unavailable,
    /// `xxx`: the country did not exist or was not independent.
    NotIndependent,
}

impl MilexValue {
    /// The number, if any.
    pub fn value(self) -> Option<f64> {
        match self {
            MilexValue::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// One country-year of one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct MilexRow {
    /// SIPRI's country name.
    pub country: String,
    /// The COW code, or `None` for a non-state entry (the European Union).
    pub ccode: Option<Ccode>,
    /// The year.
    pub year: i32,
    /// The value.
    pub value: MilexValue,
}

/// One measure file.
#[derive(Debug, Clone)]
pub struct MilexSheet {
    /// SIPRI's sheet name (`Constant (2024) US$`, `Share of GDP`, …).
    pub sheet: String,
    /// The release (`SIPRI Milex 2025 (1949-2024)`).
    pub release: String,
    /// The rows.
    pub rows: Vec<MilexRow>,
}

/// The COW code a SIPRI name stands for in a year: `Some(None)` for a non-state entry (the
/// European Union), `None` when no spell of the name covers the year.
pub(crate) fn state_in_year(m: &NameMatch, year: i32) -> Option<Option<Ccode>> {
    match m {
        NameMatch::NonState(_) => Some(None),
        NameMatch::State(spells) => spells
            .iter()
            .find(|(a, b, _)| a.is_none_or(|a| a <= year) && b.is_none_or(|b| year <= b))
            .map(|(_, _, c)| Some(*c)),
    }
}

/// Reads one long CSV.
pub fn read(f: &RawFile) -> Result<MilexSheet> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [co, yr, va, rel, sh] = csv.cols(["country", "year", "value", "release", "sheet"])?;
    let cw = Crosswalk;
    let mut rows = Vec::with_capacity(14_000);
    let mut uniq = Unique::new(&f.name);
    // Country names repeat on every row: look each up once.
    let mut names: FxHashMap<Vec<u8>, (u32, Option<NameMatch>)> = FxHashMap::default();
    let mut sheet = None::<String>;
    let mut release = None::<String>;
    csv.for_each(|row| {
        let country = row.str(co)?;
        let year = row.year(yr, (COVERAGE.0, COVERAGE.1))?;
        let next_id = names.len() as u32;
        let (id, found) = names
            .entry(row.bytes(co).to_vec())
            .or_insert_with(|| (next_id, cw.lookup(&country).ok()))
            .clone();
        uniq.check((id, year), row.line)?;
        let unknown = || DataError::UnknownName {
            file: f.name.clone(),
            line: row.line,
            column: "country".into(),
            name: country.clone(),
        };
        let ccode = state_in_year(&found.ok_or_else(unknown)?, year).ok_or_else(unknown)?;
        let value = match row.bytes(va) {
            b"..." => MilexValue::Unavailable,
            b"xxx" => MilexValue::NotIndependent,
            _ => match row.num_or(va, &[])? {
                Some(v) => MilexValue::Value(v),
                None => MilexValue::Unavailable,
            },
        };
        let s = row.str(sh)?;
        let r = row.str(rel)?;
        if sheet.get_or_insert_with(|| s.clone()) != &s {
            return Err(row.err(sh, format!("a second sheet '{s}' in one file")));
        }
        release.get_or_insert(r);
        rows.push(MilexRow {
            country,
            ccode,
            year,
            value,
        });
        Ok(())
    })?;
    let rows = nonempty(&f.name, rows)?;
    Ok(MilexSheet {
        sheet: sheet.unwrap_or_default(),
        release: release.unwrap_or_default(),
        rows,
    })
}
