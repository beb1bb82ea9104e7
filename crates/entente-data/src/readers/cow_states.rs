//! COW State System Membership v2016: `states2016.csv` (membership spells), `system2016.csv`
//! (state-years) and `majors2016.csv` (major-power spells). Coverage 1816–2016.

use super::csvio::{Csv, RawFile};
use super::{known_ccode, ymd, Unique};
use crate::error::{DataError, Result};
use entente_core::{Ccode, Date, DateSpan};

/// The dataset's coverage.
pub const COVERAGE: (i32, i32) = (1816, 2016);

/// One spell of system membership.
#[derive(Debug, Clone, PartialEq)]
pub struct StateSpell {
    /// The COW code.
    pub ccode: Ccode,
    /// The COW abbreviation.
    pub abb: String,
    /// The COW name.
    pub name: String,
    /// The first day and the last.
    pub span: DateSpan,
}

/// One major-power spell.
#[derive(Debug, Clone, PartialEq)]
pub struct MajorSpell {
    /// The COW code.
    pub ccode: Ccode,
    /// The days of major-power status.
    pub span: DateSpan,
}

fn spell_cols(csv: &Csv<'_>) -> Result<[usize; 7]> {
    csv.cols([
        "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday",
    ])
}

fn span(row: &super::csvio::Row<'_>, c: &[usize; 7]) -> Result<DateSpan> {
    let start = ymd(row, c[1], c[2], c[3])?;
    let end: Date = ymd(row, c[4], c[5], c[6])?;
    if end < start {
        return Err(row.err(c[4], format!("ends {end}, before it starts {start}")));
    }
    for (i, y) in [(c[1], start), (c[4], end)] {
        use chrono::Datelike;
        if y.year() < COVERAGE.0 || y.year() > COVERAGE.1 {
            return Err(row.err(i, format!("year {} is outside 1816–2016", y.year())));
        }
    }
    Ok(DateSpan::new(start, Some(end)))
}

/// Reads `states2016.csv`.
pub fn read_states(f: &RawFile) -> Result<Vec<StateSpell>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let c = spell_cols(&csv)?;
    let [abb, name] = csv.cols(["stateabb", "statenme"])?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let ccode = known_ccode(row, c[0])?;
        let span = span(row, &c)?;
        uniq.check((ccode, span.start), row.line)?;
        out.push(StateSpell {
            ccode,
            abb: row.str(abb)?,
            name: row.str(name)?,
            span,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}

/// Reads `system2016.csv`: the state-years.
pub fn read_system(f: &RawFile) -> Result<Vec<(Ccode, i32)>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [cc, yr] = csv.cols(["ccode", "year"])?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let ccode = known_ccode(row, cc)?;
        let year = row.year(yr, COVERAGE)?;
        uniq.check((ccode, year), row.line)?;
        out.push((ccode, year));
        Ok(())
    })?;
    nonempty(&f.name, out)
}

/// Reads `majors2016.csv`.
pub fn read_majors(f: &RawFile) -> Result<Vec<MajorSpell>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let c = spell_cols(&csv)?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let ccode = known_ccode(row, c[0])?;
        let span = span(row, &c)?;
        uniq.check((ccode, span.start), row.line)?;
        out.push(MajorSpell { ccode, span });
        Ok(())
    })?;
    nonempty(&f.name, out)
}

pub(crate) fn nonempty<T>(file: &str, v: Vec<T>) -> Result<Vec<T>> {
    if v.is_empty() {
        return Err(DataError::Empty {
            file: file.to_string(),
            expected: "data rows".into(),
        });
    }
    Ok(v)
}
