//! COW National Material Capabilities v6.0 (abridged): one row per state-year, 1816–2016. `-9` is
//! missing. `milex` is in thousands of current US dollars, `milper`, `tpop`, `upop` in thousands,
//! `irst` in thousands of tons, `pec` in thousands of coal-ton equivalents.

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::{known_ccode, Unique};
use crate::error::Result;
use entente_core::Ccode;

/// The dataset's coverage.
pub const COVERAGE: (i32, i32) = (1816, 2016);

/// One state-year.
#[derive(Debug, Clone, PartialEq)]
pub struct NmcRow {
    /// The COW code.
    pub ccode: Ccode,
    /// The year.
    pub year: i32,
    /// Military expenditure (thousands of current US$).
    pub milex: Option<f64>,
    /// Military personnel (thousands).
    pub milper: Option<f64>,
    /// Iron and steel production (thousands of tons).
    pub irst: Option<f64>,
    /// Primary energy consumption (thousands of coal-ton equivalents).
    pub pec: Option<f64>,
    /// Total population (thousands).
    pub tpop: Option<f64>,
    /// Urban population (thousands).
    pub upop: Option<f64>,
    /// The composite index of national capability.
    pub cinc: Option<f64>,
}

/// Reads `NMC-60-abridged.csv`.
pub fn read(f: &RawFile) -> Result<Vec<NmcRow>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [cc, yr, milex, milper, irst, pec, tpop, upop, cinc] = csv.cols([
        "ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc",
    ])?;
    let mut out = Vec::with_capacity(16_000);
    let mut uniq = Unique::new(&f.name);
    const NA: &[&str] = &["-9"];
    csv.for_each(|row| {
        let ccode = known_ccode(row, cc)?;
        let year = row.year(yr, COVERAGE)?;
        uniq.check((ccode, year), row.line)?;
        let cinc_v = row.num_or(cinc, NA)?;
        if let Some(v) = cinc_v {
            if !(0.0..=1.0).contains(&v) {
                return Err(row.err(cinc, format!("{v} is not a share in [0, 1]")));
            }
        }
        out.push(NmcRow {
            ccode,
            year,
            milex: row.num_or(milex, NA)?,
            milper: row.num_or(milper, NA)?,
            irst: row.num_or(irst, NA)?,
            pec: row.num_or(pec, NA)?,
            tpop: row.num_or(tpop, NA)?,
            upop: row.num_or(upop, NA)?,
            cinc: cinc_v,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}
