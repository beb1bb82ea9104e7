//! SIPRI Military Expenditure Database as SIPRI ships it: the Excel workbook
//! (`SIPRI-Milex-data-1949-2025.xlsx`), one sheet per measure. Each sheet has a few lines of
//! preamble, a header row whose first cell is `Country`, then `Notes` and the years (from column C
//! or D, by sheet), grouping rows that name a region or subregion (a name and nothing else), and one
//! row per country: its name in column A, SIPRI's footnote marks, and the values. Values are
//! numbers, `...` (data unavailable) or `xxx` (the country did not exist or was not independent);
//! an empty cell is unavailable too. The result is the same [`MilexSheet`] as the long CSVs give,
//! row for row (tested on both releases).

use super::csvio::RawFile;
use super::sipri_milex::{state_in_year, MilexRow, MilexSheet, MilexValue};
use super::Unique;
use crate::error::{DataError, Result};
use calamine::{Data, Reader, Xlsx};
use entente_core::Crosswalk;
use rustc_hash::FxHashMap;
use std::io::Cursor;

/// The sheets Entente reads from each release's workbook, with the role of the long CSV that holds
/// the same data: `(workbook role, sheet name, sheet role)`.
pub const SHEETS: [(&str, &str, &str); 7] = [
    ("workbook-2025", "Constant (2024) US$", "constant-usd-2025"),
    ("workbook-2025", "Share of GDP", "share-gdp-2025"),
    ("workbook-2025", "Per capita", "per-capita-2025"),
    (
        "workbook-2025",
        "Share of Govt. spending",
        "share-govt-2025",
    ),
    ("workbook-2023", "Constant (2022) US$", "constant-usd-2023"),
    ("workbook-2023", "Current US$", "current-usd-2023"),
    ("workbook-2023", "Share of GDP", "share-gdp-2023"),
];

/// An open workbook.
pub struct Workbook<'f> {
    file: &'f RawFile,
    xlsx: Xlsx<Cursor<&'f [u8]>>,
}

/// The column letters of a 0-based column index (0 → A, 26 → AA).
fn column_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl<'f> Workbook<'f> {
    /// Opens a workbook from its bytes; a file that is not an .xlsx workbook is an error naming it.
    pub fn open(file: &'f RawFile) -> Result<Workbook<'f>> {
        let xlsx = Xlsx::new(Cursor::new(file.bytes.as_slice())).map_err(|e| DataError::Row {
            file: file.name.clone(),
            line: 0,
            message: format!("not a readable .xlsx workbook: {e}"),
        })?;
        Ok(Workbook { file, xlsx })
    }

    /// The names of its sheets.
    pub fn sheet_names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    /// Reads one sheet; `release` labels the rows (e.g. `SIPRI Milex 2025 (1949-2024)`).
    pub fn sheet(&mut self, name: &str, release: &str) -> Result<MilexSheet> {
        let file = format!("{} [{name}]", self.file.name);
        let range = self
            .xlsx
            .worksheet_range(name)
            .map_err(|e| DataError::Row {
                file: file.clone(),
                line: 0,
                message: format!("cannot read the sheet: {e}"),
            })?;
        // Positions are reported as spreadsheet rows (1-based) and column letters.
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let at = |r: usize, c: usize, message: String| DataError::Field {
            file: file.clone(),
            line: u64::from(row0) + r as u64 + 1,
            column: column_name(col0 as usize + c),
            message,
        };
        let text = |d: &Data| match d {
            Data::String(s) => s.trim().to_string(),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
        let rows: Vec<&[Data]> = range.rows().collect();
        let header = rows
            .iter()
            .position(|r| r.first().is_some_and(|c| text(c) == "Country"))
            .ok_or_else(|| DataError::Row {
                file: file.clone(),
                line: 0,
                message: "no header row starting with 'Country'".into(),
            })?;
        // The years: the header's cells after `Country` that are years (the sheets differ in where
        // `Notes` stands, B or C); after the first year the header ends at its first empty cell.
        let mut years = Vec::new();
        for (c, cell) in rows[header].iter().enumerate().skip(1) {
            let y = match cell {
                Data::Float(f) if f.fract() == 0.0 => Some(*f as i32),
                Data::Int(i) => Some(*i as i32),
                Data::String(s) => s.trim().parse::<i32>().ok(),
                _ => None,
            };
            match y {
                Some(y) if (1900..=2100).contains(&y) => years.push((c, y)),
                Some(y) => return Err(at(header, c, format!("{y} is not a plausible year"))),
                None if years.is_empty() => continue,
                None if matches!(cell, Data::Empty) => break,
                None => return Err(at(header, c, format!("'{cell}' is not a year"))),
            }
        }
        if years.is_empty() {
            return Err(at(header, 1, "the header has no years".into()));
        }
        let cw = Crosswalk;
        let mut names: FxHashMap<String, Option<entente_core::NameMatch>> = FxHashMap::default();
        let mut uniq = Unique::new(&file);
        let mut out = Vec::with_capacity(rows.len() * years.len());
        for (r, row) in rows.iter().enumerate().skip(header + 1) {
            let country = row.first().map(text).unwrap_or_default();
            let has_values = years
                .iter()
                .any(|(c, _)| row.get(*c).is_some_and(|d| !matches!(d, Data::Empty)));
            // A region or subregion heading, a blank line or a footnote: no values.
            if country.is_empty() || !has_values {
                continue;
            }
            let found = names
                .entry(country.clone())
                .or_insert_with(|| cw.lookup(&country).ok())
                .clone();
            for (c, year) in &years {
                let unknown = || DataError::UnknownName {
                    file: file.clone(),
                    line: u64::from(row0) + r as u64 + 1,
                    column: "A (Country)".into(),
                    name: country.clone(),
                };
                let m = found.as_ref().ok_or_else(unknown)?;
                let ccode = state_in_year(m, *year).ok_or_else(unknown)?;
                uniq.check((country.clone(), *year), u64::from(row0) + r as u64 + 1)?;
                let value = match row.get(*c).unwrap_or(&Data::Empty) {
                    Data::Float(f) => MilexValue::Value(*f),
                    Data::Int(i) => MilexValue::Value(*i as f64),
                    Data::Empty => MilexValue::Unavailable,
                    Data::String(s) => match s.trim() {
                        "..." | ". ." | "" => MilexValue::Unavailable,
                        "xxx" => MilexValue::NotIndependent,
                        t => match t.parse::<f64>() {
                            Ok(v) => MilexValue::Value(v),
                            Err(_) => {
                                return Err(at(
                                    r,
                                    *c,
                                    format!("'{t}' is not a number, '...' or 'xxx'"),
                                ))
                            }
                        },
                    },
                    other => return Err(at(r, *c, format!("unexpected cell '{other}'"))),
                };
                out.push(MilexRow {
                    country: country.clone(),
                    ccode,
                    year: *year,
                    value,
                });
            }
        }
        if out.is_empty() {
            return Err(DataError::Empty {
                file,
                expected: "country rows under the header".into(),
            });
        }
        Ok(MilexSheet {
            sheet: name.to_string(),
            release: release.to_string(),
            rows: out,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(78), "CA");
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_named() {
        let f = RawFile {
            name: "milex.xlsx".into(),
            path: "milex.xlsx".into(),
            bytes: b"country,year\n".to_vec(),
            sha256: String::new(),
        };
        let e = Workbook::open(&f)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("milex.xlsx") && e.contains("xlsx workbook"),
            "{e}"
        );
    }
}
