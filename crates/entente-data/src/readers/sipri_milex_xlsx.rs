//! SIPRI Military Expenditure Database as SIPRI ships it: the Excel workbook
//! (`SIPRI-Milex-data-1949-2025.xlsx`), one sheet per measure. Each sheet has a few lines of
//! preamble, a header row whose first cell is `Country`, then `Notes` and the years (from column C
//! or D, by sheet), grouping rows that name a region or subregion (a name and nothing else), and one
//! row per country: its name in column A, SIPRI's footnote marks, and the values. Values are
//! numbers, `...` (data unavailable) or `xxx` (the country did not exist or was not independent);
//! an empty cell is unavailable too. The result is the same [`MilexSheet`] as the long CSVs give,
//! row for row (tested on both releases).
//!
//! Bounded by construction: a sheet is read cell by cell (calamine's cell reader), never as the
//! rectangle its `<dimension>` declares, so a 3 KB workbook declaring `A1:XFD1048576` costs what its
//! cells cost; at most [`MAX_CELLS`] cells are read per sheet, and a shared-strings table that
//! declares more strings than its part can hold is refused before calamine reserves room for them.

use super::csvio::RawFile;
use super::sipri_milex::{state_in_year, MilexRow, MilexSheet, MilexValue};
use super::Unique;
use crate::error::{DataError, Result};
use calamine::{Data, Reader, Xlsx};
use entente_core::Crosswalk;
use rustc_hash::FxHashMap;
use std::io::{Cursor, Read};

/// The most cells read from one sheet. SIPRI's largest sheet has about 20,000 (about 200 rows of
/// 90 columns); a sheet with more is not one of SIPRI's.
pub const MAX_CELLS: usize = 2_000_000;

/// One row of a sheet: its present cells by column, in column order.
struct Row {
    /// 0-based row index.
    index: u32,
    cells: Vec<(u32, Data)>,
}

impl Row {
    fn get(&self, col: usize) -> Option<&Data> {
        let col = u32::try_from(col).ok()?;
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    fn first(&self) -> Option<&Data> {
        self.get(0)
    }
}

/// Refuses a workbook whose shared-strings table declares more strings (`uniqueCount`) than its
/// part could hold (each string takes at least `<si/>`, 5 bytes): calamine reserves room for the
/// declared count before reading any string.
fn check_shared_strings(name: &str, bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip: calamine says so, with its own message.
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        if !entry
            .name()
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml")
        {
            continue;
        }
        // Deflate expands at most about 1,032 times; the declared size may lie either way.
        let room = entry
            .size()
            .min(entry.compressed_size().max(1).saturating_mul(1100));
        let mut head = Vec::new();
        if entry.take(4096).read_to_end(&mut head).is_err() {
            return Ok(());
        }
        let head = String::from_utf8_lossy(&head);
        let Some(sst) = head.find("<sst").map(|at| &head[at..]) else {
            continue;
        };
        let sst = &sst[..sst.find('>').unwrap_or(sst.len())];
        // `uniqueCount` is what calamine reserves for (`count` counts the references to strings,
        // which may exceed the strings themselves).
        for attr in ["uniqueCount=\""] {
            let Some(at) = sst.find(attr) else { continue };
            let digits: String = sst[at + attr.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let declared: u64 = digits.parse().unwrap_or(u64::MAX);
            if declared > room / 5 {
                return Err(DataError::Row {
                    file: name.to_string(),
                    line: 0,
                    message: format!(
                        "not a readable .xlsx workbook: its shared strings declare {declared} strings, more than the {room} bytes of the table can hold"
                    ),
                });
            }
        }
    }
    Ok(())
}

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
        check_shared_strings(&file.name, &file.bytes)?;
        let bad = |message: String| DataError::Row {
            file: file.name.clone(),
            line: 0,
            message: format!("not a readable .xlsx workbook: {message}"),
        };
        // A panic in calamine on a corrupt file is a corrupt workbook (see `sheet`).
        let opened = std::panic::catch_unwind(|| Xlsx::new(Cursor::new(file.bytes.as_slice())));
        let xlsx = match opened {
            Ok(r) => r.map_err(|e| bad(e.to_string()))?,
            Err(_) => return Err(bad("its structure is corrupt".into())),
        };
        Ok(Workbook { file, xlsx })
    }

    /// The names of its sheets.
    pub fn sheet_names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    /// Reads one sheet; `release` labels the rows (e.g. `SIPRI Milex 2025 (1949-2024)`).
    pub fn sheet(&mut self, name: &str, release: &str) -> Result<MilexSheet> {
        let file = format!("{} [{name}]", self.file.name);
        let cannot = |e: calamine::XlsxError| DataError::Row {
            file: file.clone(),
            line: 0,
            message: format!("cannot read the sheet: {e}"),
        };
        // Cell by cell: memory follows the cells present, not the declared dimension. A panic in
        // calamine (overflowing arithmetic on a corrupt cell reference in a debug build; found by
        // tests/fuzz.rs) is a corrupt sheet, not a crash.
        let xlsx = &mut self.xlsx;
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut reader = xlsx.worksheet_cells_reader(name).map_err(cannot)?;
            let mut cells: Vec<(u32, u32, Data)> = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(cannot)? {
                if cells.len() == MAX_CELLS {
                    return Err(DataError::Row {
                        file: file.clone(),
                        line: 0,
                        message: format!("more than {MAX_CELLS} cells: not one of SIPRI's sheets"),
                    });
                }
                let (r, c) = cell.get_position();
                let value = Data::from(cell.get_value().clone());
                if !matches!(value, Data::Empty) {
                    cells.push((r, c, value));
                }
            }
            Ok(cells)
        }));
        let mut cells = match read {
            Ok(r) => r?,
            Err(_) => {
                return Err(DataError::Row {
                    file: file.clone(),
                    line: 0,
                    message: "cannot read the sheet: its cells are corrupt".into(),
                })
            }
        };
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut rows: Vec<Row> = Vec::new();
        for (r, c, d) in cells {
            match rows.last_mut() {
                Some(row) if row.index == r => {
                    // A cell given twice: the later one wins, as in a spreadsheet.
                    match row.cells.last_mut() {
                        Some(last) if last.0 == c => last.1 = d,
                        _ => row.cells.push((c, d)),
                    }
                }
                _ => rows.push(Row {
                    index: r,
                    cells: vec![(c, d)],
                }),
            }
        }
        // Positions are reported as spreadsheet rows (1-based) and column letters.
        let line_of = |r: usize| u64::from(rows[r].index) + 1;
        let at = |line: u64, c: usize, message: String| DataError::Field {
            file: file.clone(),
            line,
            column: column_name(c),
            message,
        };
        let text = |d: &Data| match d {
            Data::String(s) => s.trim().to_string(),
            Data::Empty => String::new(),
            other => other.to_string(),
        };
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
        let mut next = 1u32;
        for (c, cell) in rows[header].cells.iter().filter(|(c, _)| *c >= 1) {
            // A gap in the columns is an empty cell.
            let gap = *c != next;
            next = c.saturating_add(1);
            let c = *c as usize;
            if gap && !years.is_empty() {
                break;
            }
            let y = match cell {
                Data::Float(f) if f.fract() == 0.0 => Some(*f as i32),
                Data::Int(i) => Some(*i as i32),
                Data::String(s) => s.trim().parse::<i32>().ok(),
                _ => None,
            };
            match y {
                Some(y) if (1900..=2100).contains(&y) => years.push((c, y)),
                Some(y) => {
                    return Err(at(
                        line_of(header),
                        c,
                        format!("{y} is not a plausible year"),
                    ))
                }
                None if years.is_empty() => continue,
                None if matches!(cell, Data::Empty) => break,
                None => return Err(at(line_of(header), c, format!("'{cell}' is not a year"))),
            }
        }
        if years.is_empty() {
            return Err(at(line_of(header), 1, "the header has no years".into()));
        }
        let cw = Crosswalk;
        let mut names: FxHashMap<String, Option<entente_core::NameMatch>> = FxHashMap::default();
        let mut uniq = Unique::new(&file);
        let mut out = Vec::new();
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
                    line: line_of(r),
                    column: "A (Country)".into(),
                    name: country.clone(),
                };
                let m = found.as_ref().ok_or_else(unknown)?;
                let ccode = state_in_year(m, *year).ok_or_else(unknown)?;
                uniq.check((country.clone(), *year), line_of(r))?;
                let value = match row.get(*c).unwrap_or(&Data::Empty) {
                    Data::Float(f) if f.is_finite() => MilexValue::Value(*f),
                    Data::Int(i) => MilexValue::Value(*i as f64),
                    Data::Empty => MilexValue::Unavailable,
                    Data::String(s) => match s.trim() {
                        "..." | ". ." | "" => MilexValue::Unavailable,
                        "xxx" => MilexValue::NotIndependent,
                        t => match t.parse::<f64>() {
                            // "NaN" and "inf" parse as numbers, but are not SIPRI's.
                            Ok(v) if v.is_finite() => MilexValue::Value(v),
                            _ => {
                                return Err(at(
                                    line_of(r),
                                    *c,
                                    format!("'{t}' is not a number, '...' or 'xxx'"),
                                ))
                            }
                        },
                    },
                    other => return Err(at(line_of(r), *c, format!("unexpected cell '{other}'"))),
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

    /// A minimal workbook with one sheet, `sheet_xml`, and an optional shared-strings part.
    pub(crate) fn workbook(sheet: &str, sheet_xml: &str, shared: Option<&str>) -> RawFile {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let mut parts = vec![
            (
                "[Content_Types].xml".to_string(),
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
            ),
            (
                "_rels/.rels".to_string(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ),
            (
                "xl/workbook.xml".to_string(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ),
            (
                "xl/_rels/workbook.xml.rels".to_string(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
            ),
            ("xl/worksheets/sheet1.xml".to_string(), sheet_xml.to_string()),
        ];
        if let Some(sst) = shared {
            parts.push(("xl/sharedStrings.xml".to_string(), sst.to_string()));
        }
        for (name, text) in parts {
            z.start_file(name, o).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        RawFile {
            name: "milex.xlsx".into(),
            path: "milex.xlsx".into(),
            bytes: z.finish().unwrap().into_inner(),
            sha256: String::new(),
        }
    }

    fn sheet_xml(dimension: &str, rows: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
        )
    }

    fn s(r: &str, t: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#)
    }

    fn n(r: &str, v: &str) -> String {
        format!(r#"<c r="{r}"><v>{v}</v></c>"#)
    }

    #[test]
    fn a_small_sheet_reads_cell_by_cell() {
        let rows = format!(
            r#"<row r="1">{}</row><row r="5">{}{}{}{}</row><row r="7">{}</row><row r="8">{}{}{}</row>"#,
            s("A1", "Military expenditure by country"),
            s("A5", "Country"),
            s("B5", "Notes"),
            n("C5", "2019"),
            n("D5", "2020"),
            s("A7", "Europe"),
            s("A8", "France"),
            n("C8", "1.5"),
            s("D8", "..."),
        );
        let f = workbook("Share of GDP", &sheet_xml("A1:D8", &rows), None);
        let mut wb = Workbook::open(&f).unwrap();
        let sheet = wb.sheet("Share of GDP", "test").unwrap();
        let got: Vec<(i32, MilexValue)> = sheet.rows.iter().map(|r| (r.year, r.value)).collect();
        assert_eq!(
            got,
            [
                (2019, MilexValue::Value(1.5)),
                (2020, MilexValue::Unavailable)
            ]
        );
        assert_eq!(sheet.rows[0].ccode.map(|c| c.0), Some(220));
        // A bad value is named by its spreadsheet row and column; "NaN" and "inf" are not numbers
        // SIPRI writes (issue #19 row 22).
        for bad in ["n.a.", "NaN", "inf"] {
            let rows = rows.replace(&n("C8", "1.5"), &s("C8", bad));
            let f = workbook("Share of GDP", &sheet_xml("A1:D8", &rows), None);
            let e = Workbook::open(&f)
                .unwrap()
                .sheet("Share of GDP", "test")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                e.contains(":8") && e.contains("C") && e.contains(&format!("'{bad}'")),
                "{bad}: {e}"
            );
        }
    }

    /// Issue #19 row 1: a 3 KB workbook whose one cell is at XFD1048576 (and whose dimension says
    /// A1:XFD1048576) made calamine allocate 512 GiB and abort.
    #[test]
    fn a_far_cell_costs_what_its_cells_cost() {
        let test = "readers::sipri_milex_xlsx::tests::a_far_cell_costs_what_its_cells_cost";
        if let Some(out) = crate::testing::bounded_child(test, 1024) {
            return crate::testing::assert_child_passed(&out);
        }
        let rows = format!(r#"<row r="1048576">{}</row>"#, n("XFD1048576", "1"));
        let f = workbook("Share of GDP", &sheet_xml("A1:XFD1048576", &rows), None);
        assert!(f.bytes.len() < 4096, "{}", f.bytes.len());
        let e = Workbook::open(&f)
            .unwrap()
            .sheet("Share of GDP", "test")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("no header row"), "{e}");
    }

    #[test]
    fn a_shared_strings_count_the_part_cannot_hold_is_refused() {
        let test = "readers::sipri_milex_xlsx::tests::a_shared_strings_count_the_part_cannot_hold_is_refused";
        if let Some(out) = crate::testing::bounded_child(test, 1024) {
            return crate::testing::assert_child_passed(&out);
        }
        let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>Country</t></si></sst>"#;
        let f = workbook("Share of GDP", &sheet_xml("A1", ""), Some(sst));
        let e = Workbook::open(&f)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("milex.xlsx") && e.contains("1000000000000 strings"),
            "{e}"
        );
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
