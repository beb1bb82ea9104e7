//! Capitals of COW states with their coordinates, as compiled by peacesciencer
//! (`cow_capitals`): one row per capital spell, with start and end dates and latitude/longitude in
//! decimal degrees. Coverage 1816–2024.

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::{known_ccode, Unique};
use crate::error::Result;
use chrono::Datelike;
use entente_core::{parse_date, Ccode, DateSpan};

/// The dataset's coverage.
pub const COVERAGE: (i32, i32) = (1816, 2024);

/// One capital spell.
#[derive(Debug, Clone, PartialEq)]
pub struct Capital {
    /// The state.
    pub ccode: Ccode,
    /// The capital's name.
    pub capital: String,
    /// When it was the capital.
    pub span: DateSpan,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lng: f64,
}

/// Reads `cow_capitals_peacesciencer.csv`.
pub fn read(f: &RawFile) -> Result<Vec<Capital>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [cc, cap, sd, ed, lat, lng] =
        csv.cols(["ccode", "capital", "stdate", "enddate", "lat", "lng"])?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let start = parse_date(&row.str(sd)?).map_err(|e| row.err(sd, e.to_string()))?;
        let end = parse_date(&row.str(ed)?).map_err(|e| row.err(ed, e.to_string()))?;
        if end < start {
            return Err(row.err(ed, format!("ends {end}, before it starts {start}")));
        }
        for (c, d) in [(sd, start), (ed, end)] {
            if d.year() < COVERAGE.0 || d.year() > COVERAGE.1 {
                return Err(row.err(
                    c,
                    format!(
                        "year {} is outside the dataset's coverage {}–{}",
                        d.year(),
                        COVERAGE.0,
                        COVERAGE.1
                    ),
                ));
            }
        }
        let la = row
            .num_or(lat, &[])?
            .filter(|v| (-90.0..=90.0).contains(v))
            .ok_or_else(|| row.err(lat, "a latitude in [-90, 90] is required"))?;
        let lo = row
            .num_or(lng, &[])?
            .filter(|v| (-180.0..=180.0).contains(v))
            .ok_or_else(|| row.err(lng, "a longitude in [-180, 180] is required"))?;
        let ccode = known_ccode(row, cc)?;
        uniq.check((ccode, start), row.line)?;
        out.push(Capital {
            ccode,
            capital: row.str(cap)?,
            span: DateSpan::new(start, Some(end)),
            lat: la,
            lng: lo,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}
