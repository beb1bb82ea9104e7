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

/// The states COW has ever coded as major powers, 1816–2016 (the codebook of State System
/// Membership v2016): the US, the UK, France, Germany, Austria-Hungary, Italy, Russia, China and Japan.
/// A file naming any other state is not the major-power list (most often it is `states2016.csv`,
/// whose columns are a superset).
pub const COW_MAJOR_POWERS: [u16; 9] = [2, 200, 220, 255, 300, 325, 365, 710, 740];

/// Reads `majors2016.csv`.
pub fn read_majors(f: &RawFile) -> Result<Vec<MajorSpell>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let c = spell_cols(&csv)?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let ccode = known_ccode(row, c[0])?;
        if !COW_MAJOR_POWERS.contains(&ccode.0) {
            return Err(row.err(
                c[0],
                format!(
                    "state {} was never a COW major power: this is not the major-power list (is it states2016.csv?)",
                    ccode.0
                ),
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const HEAD: &str = "stateabb,ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n";

    #[test]
    fn the_major_power_list_refuses_a_state_that_never_was_one() {
        let ok =
            format!("{HEAD}USA,2,1898,8,13,2016,12,31,2016\nJPN,740,1991,1,1,2016,12,31,2016\n");
        let f = RawFile::from_bytes(Path::new("majors2016.csv"), ok.into_bytes());
        assert_eq!(read_majors(&f).unwrap().len(), 2);
        let bad =
            format!("{HEAD}USA,2,1898,8,13,2016,12,31,2016\nCAN,20,1920,1,10,2016,12,31,2016\n");
        let f = RawFile::from_bytes(Path::new("majors2016.csv"), bad.into_bytes());
        let e = read_majors(&f).unwrap_err().to_string();
        assert!(e.contains("never a COW major power"), "{e}");
        assert!(e.contains(":3"), "names the line: {e}");
    }
}
