//! UN General Assembly ideal points (Bailey, Strezhnev & Voeten). Two releases, two layouts:
//! - June 2024 (`IdealpointestimatesAll_Jun2024.csv`): by *session*; session `s` is read as the
//!   calendar year `1945 + s` (session 1 opened in 1946). The estimate is `IdealPointAll`.
//! - July 2025 (`IdealpointsJuly2025.csv`): by calendar `year`, with three estimates
//!   (`idealpointfp` on foreign-policy votes, `idealpointall`, `idealpointlegacy`).
//!
//! `NA` and empty fields are missing. The files carry COW codes, which Entente joins on; their country
//! names are also checked against the crosswalk (the July 2025 names carry mojibake, which the
//! crosswalk repairs), so a new unmatched name is reported, never dropped.

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::{known_ccode, Unique};
use crate::error::{DataError, Result};
use entente_core::{Ccode, Crosswalk};

/// The union of the two releases' coverage.
pub const COVERAGE: (i32, i32) = (1946, 2024);

/// Which release a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// June 2024, by session, 1946–2023.
    June2024,
    /// July 2025, by year, 1946–2024.
    July2025,
}

/// One country-year.
#[derive(Debug, Clone, PartialEq)]
pub struct IdealPoint {
    /// The state.
    pub ccode: Ccode,
    /// The calendar year.
    pub year: i32,
    /// The estimate on all votes (`IdealPointAll` / `idealpointall`).
    pub all: Option<f64>,
    /// The estimate on foreign-policy votes (July 2025 only).
    pub fp: Option<f64>,
    /// The legacy estimate (July 2025 only; equals the June 2024 `IdealPointAll` series).
    pub legacy: Option<f64>,
    /// Votes cast.
    pub nvotes: Option<u32>,
}

/// Reads either release, from its CSV or from the publisher's Stata `.dta` file (July 2025).
pub fn read_any(f: &RawFile) -> Result<(Vec<IdealPoint>, Release)> {
    if f.name.to_ascii_lowercase().ends_with(".dta") {
        read(&super::stata::dta_to_csv(f)?)
    } else {
        read(f)
    }
}

/// Reads one release from its CSV text (the June 2024 or the July 2025 layout, told apart by its
/// columns).
pub fn read(f: &RawFile) -> Result<(Vec<IdealPoint>, Release)> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let release = if csv.try_col("session").is_some() {
        Release::June2024
    } else {
        Release::July2025
    };
    let cc = csv.col(&["ccode"])?;
    let name = csv.col(&["countryname"])?;
    let (yr, all, fp, legacy, nv) = match release {
        Release::June2024 => (
            csv.col(&["session"])?,
            csv.col(&["idealpointall"])?,
            None,
            None,
            csv.col(&["nvotesall"])?,
        ),
        Release::July2025 => (
            csv.col(&["year"])?,
            csv.col(&["idealpointall"])?,
            Some(csv.col(&["idealpointfp"])?),
            Some(csv.col(&["idealpointlegacy"])?),
            csv.col(&["nvotesall"])?,
        ),
    };
    let cw = Crosswalk;
    let mut out = Vec::with_capacity(12_000);
    let mut uniq = Unique::new(&f.name);
    const NA: &[&str] = &["NA"];
    csv.for_each(|row| {
        let ccode = known_ccode(row, cc)?;
        let year = match release {
            Release::June2024 => 1945 + row.int_in(yr, 1, COVERAGE.1 as i64 - 1945)? as i32,
            Release::July2025 => row.year(yr, COVERAGE)?,
        };
        uniq.check((ccode, year), row.line)?;
        let n = row.str(name)?;
        if !n.is_empty() {
            cw.lookup(&n).map_err(|_| DataError::UnknownName {
                file: f.name.clone(),
                line: row.line,
                column: "countryname".into(),
                name: n.clone(),
            })?;
        }
        let opt = |c: Option<usize>| -> Result<Option<f64>> {
            match c {
                Some(c) => row.num_or(c, NA),
                None => Ok(None),
            }
        };
        out.push(IdealPoint {
            ccode,
            year,
            all: row.num_or(all, NA)?,
            fp: opt(fp)?,
            legacy: opt(legacy)?,
            nvotes: row.num_or(nv, NA)?.map(|v| v as u32),
        });
        Ok(())
    })?;
    Ok((nonempty(&f.name, out)?, release))
}
