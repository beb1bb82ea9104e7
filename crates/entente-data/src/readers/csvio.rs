//! The CSV machinery every reader shares: reading a file once (and hashing it), finding columns by
//! name, and turning a bad field into an error that names the file, line and column.

use crate::error::{DataError, Result};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// A file read into memory, with its checksum.
pub struct RawFile {
    /// The name used in messages (the file name).
    pub name: String,
    /// The full path.
    pub path: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The sha256, hex.
    pub sha256: String,
}

impl RawFile {
    /// Reads a file and hashes it.
    pub fn read(path: &Path) -> Result<RawFile> {
        let bytes = std::fs::read(path).map_err(|e| DataError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        Ok(RawFile::from_bytes(path, bytes))
    }

    /// Wraps bytes already read.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> RawFile {
        let sha256 = hex::encode(Sha256::digest(&bytes));
        RawFile {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            path: path.display().to_string(),
            bytes,
            sha256,
        }
    }
}

/// A CSV table being read: the header and a cursor over records.
pub struct Csv<'a> {
    file: &'a str,
    body: &'a [u8],
    /// Byte offsets of every newline in the text after the preamble: line numbers come from byte
    /// offsets, because the csv crate under-counts lines in CRLF files.
    newlines: Vec<usize>,
    /// How many newlines lie before the last record's start (records come in order).
    cursor: std::cell::Cell<usize>,
    rdr: csv::Reader<&'a [u8]>,
    headers: Vec<String>,
    index: HashMap<String, usize>,
    line_offset: u64,
    header_line: u64,
    utf8: bool,
    /// Whether the text after the preamble is valid UTF-8 (always true for Latin-1 files). When it
    /// is not, every record's fields are checked, so that the bad byte is reported on its line and
    /// column even in a column the reader never reads.
    valid_text: bool,
}

/// One record with its line number.
pub struct Row<'c> {
    /// The 1-based line in the file.
    pub line: u64,
    rec: &'c csv::ByteRecord,
    file: &'c str,
    headers: &'c [String],
    utf8: bool,
}

fn norm_header(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()
}

impl<'a> Csv<'a> {
    /// Opens CSV bytes. `skip_lines` lines (a preamble) are skipped before the header. `utf8` says
    /// whether the text must be UTF-8 (else it is read as Latin-1).
    pub fn open(file: &'a str, bytes: &'a [u8], skip_lines: usize, utf8: bool) -> Result<Csv<'a>> {
        let mut start = 0usize;
        for _ in 0..skip_lines {
            match bytes[start..].iter().position(|b| *b == b'\n') {
                Some(p) => start += p + 1,
                None => {
                    return Err(DataError::Empty {
                        file: file.to_string(),
                        expected: format!("a {skip_lines}-line preamble and a header"),
                    })
                }
            }
        }
        let body = &bytes[start..];
        let valid_text = !utf8 || std::str::from_utf8(body).is_ok();
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', body).collect();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(body);
        let raw_headers = rdr.byte_headers().map_err(|e| DataError::Row {
            file: file.to_string(),
            line: skip_lines as u64 + 1,
            message: e.to_string(),
        })?;
        if raw_headers.is_empty() || (raw_headers.len() == 1 && raw_headers[0].is_empty()) {
            return Err(DataError::Empty {
                file: file.to_string(),
                expected: "its columns".to_string(),
            });
        }
        let headers: Vec<String> = raw_headers
            .iter()
            .map(|h| decode(h, utf8).map(|s| norm_header(&s)))
            .collect::<std::result::Result<_, _>>()
            .map_err(|m| DataError::Row {
                file: file.to_string(),
                line: skip_lines as u64 + 1,
                message: m,
            })?;
        let mut index = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            index.entry(h.clone()).or_insert(i);
        }
        Ok(Csv {
            file,
            body,
            newlines,
            cursor: std::cell::Cell::new(0),
            rdr,
            headers,
            index,
            line_offset: skip_lines as u64,
            header_line: skip_lines as u64 + 1,
            utf8,
            valid_text,
        })
    }

    /// The column index of the first of `names` present (case-insensitive), or an error naming the
    /// missing columns.
    pub fn col(&self, names: &[&str]) -> Result<usize> {
        names
            .iter()
            .find_map(|n| self.index.get(&n.to_ascii_lowercase()).copied())
            .ok_or_else(|| DataError::Columns {
                file: self.file.to_string(),
                line: self.header_line,
                missing: names.join(" or "),
                found: self.headers.join(","),
            })
    }

    /// The column index of a name, if present.
    pub fn try_col(&self, name: &str) -> Option<usize> {
        self.index.get(&name.to_ascii_lowercase()).copied()
    }

    /// Requires every name; reports all missing at once.
    pub fn cols<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N]> {
        let missing: Vec<&str> = names
            .iter()
            .filter(|n| !self.index.contains_key(&n.to_ascii_lowercase()))
            .copied()
            .collect();
        if !missing.is_empty() {
            return Err(DataError::Columns {
                file: self.file.to_string(),
                line: self.header_line,
                missing: missing.join(", "),
                found: self.headers.join(","),
            });
        }
        Ok(names.map(|n| self.index[&n.to_ascii_lowercase()]))
    }

    /// The 1-based line (in the whole file) of a byte offset in the text after the preamble.
    fn line_of(&self, byte: u64) -> u64 {
        // With CRLF the reported offset can fall on the previous line's end: step over it.
        let mut b = byte as usize;
        while b < self.body.len() && matches!(self.body[b], b'\r' | b'\n') {
            b += 1;
        }
        let mut before = self.cursor.get();
        if before > 0 && self.newlines[before - 1] >= b {
            before = self.newlines.partition_point(|&nl| nl < b);
        }
        while before < self.newlines.len() && self.newlines[before] < b {
            before += 1;
        }
        self.cursor.set(before);
        before as u64 + 1 + self.line_offset
    }

    /// Calls `f` on every record, in order. Stops at the first error.
    pub fn for_each(&mut self, mut f: impl FnMut(&Row<'_>) -> Result<()>) -> Result<usize> {
        let mut rec = csv::ByteRecord::new();
        let mut n = 0usize;
        loop {
            let more = self.rdr.read_byte_record(&mut rec).map_err(|e| {
                let line = e.position().map(|p| self.line_of(p.byte())).unwrap_or(0);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "{len} fields where the header has {expected_len} (a truncated or malformed row)"
                    ),
                    _ => e.to_string(),
                };
                DataError::Row {
                    file: self.file.to_string(),
                    line,
                    message,
                }
            })?;
            if !more {
                break;
            }
            let line = rec.position().map(|p| self.line_of(p.byte())).unwrap_or(0);
            let row = Row {
                line,
                rec: &rec,
                file: self.file,
                headers: &self.headers,
                utf8: self.utf8,
            };
            if !self.valid_text {
                for i in 0..rec.len() {
                    if let Err(m) = decode(row.bytes(i), true) {
                        return Err(row.err(i, m));
                    }
                }
            }
            f(&row)?;
            n += 1;
        }
        Ok(n)
    }
}

/// A field of at most 18 ASCII digits after an optional `-`, read without the text checks and the
/// general parser (most fields of the datasets are such integers); `None` for anything else, which
/// then takes the general path.
fn plain_int(b: &[u8]) -> Option<i64> {
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut v: i64 = 0;
    for d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    Some(if neg { -v } else { v })
}

fn decode(b: &[u8], utf8: bool) -> std::result::Result<String, String> {
    if utf8 {
        std::str::from_utf8(b).map(str::to_string).map_err(|e| {
            format!(
                "not UTF-8 text (byte {} of the field; is the file in another encoding?)",
                e.valid_up_to() + 1
            )
        })
    } else {
        // ISO-8859-1: every byte is the code point of the same value.
        Ok(b.iter().map(|&c| c as char).collect())
    }
}

impl Row<'_> {
    fn column(&self, i: usize) -> String {
        self.headers
            .get(i)
            .cloned()
            .unwrap_or_else(|| i.to_string())
    }

    /// A field error at this row.
    pub fn err(&self, i: usize, message: impl Into<String>) -> DataError {
        DataError::Field {
            file: self.file.to_string(),
            line: self.line,
            column: self.column(i),
            message: message.into(),
        }
    }

    /// The raw bytes of a field, trimmed.
    pub fn bytes(&self, i: usize) -> &[u8] {
        self.rec.get(i).map(|b| b.trim_ascii()).unwrap_or(&[])
    }

    /// A field as text.
    pub fn str(&self, i: usize) -> Result<String> {
        decode(self.bytes(i), self.utf8).map_err(|m| self.err(i, m))
    }

    /// Whether a field is empty.
    pub fn is_empty(&self, i: usize) -> bool {
        self.bytes(i).is_empty()
    }

    fn text(&self, i: usize) -> Result<&str> {
        std::str::from_utf8(self.bytes(i)).map_err(|_| self.err(i, "not UTF-8 text"))
    }

    /// A required integer.
    pub fn int(&self, i: usize) -> Result<i64> {
        if let Some(v) = plain_int(self.bytes(i)) {
            return Ok(v);
        }
        let t = self.text(i)?;
        t.parse::<i64>()
            .or_else(|_| {
                // Stata exports sometimes write integers as "2.0".
                t.parse::<f64>()
                    .ok()
                    .filter(|f| f.fract() == 0.0 && f.is_finite())
                    .map(|f| f as i64)
                    .ok_or(())
            })
            .map_err(|_| self.err(i, format!("'{t}' is not a whole number")))
    }

    /// A required integer within a range.
    pub fn int_in(&self, i: usize, lo: i64, hi: i64) -> Result<i64> {
        let v = self.int(i)?;
        if v < lo || v > hi {
            return Err(self.err(i, format!("{v} is not between {lo} and {hi}")));
        }
        Ok(v)
    }

    /// A year within the dataset's coverage.
    pub fn year(&self, i: usize, coverage: (i32, i32)) -> Result<i32> {
        let v = self.int(i)?;
        if v < i64::from(coverage.0) || v > i64::from(coverage.1) {
            return Err(self.err(
                i,
                format!(
                    "year {v} is outside the dataset's coverage {}–{}",
                    coverage.0, coverage.1
                ),
            ));
        }
        Ok(v as i32)
    }

    /// A COW code.
    pub fn ccode(&self, i: usize) -> Result<u16> {
        self.int_in(i, 1, 999).map(|v| v as u16)
    }

    /// A number where `missing` codes (and an empty field) mean missing.
    pub fn num_or(&self, i: usize, missing: &[&str]) -> Result<Option<f64>> {
        let t = self.text(i)?;
        if t.is_empty() || missing.contains(&t) {
            return Ok(None);
        }
        let v: f64 = t
            .parse()
            .map_err(|_| self.err(i, format!("'{t}' is not a number")))?;
        if !v.is_finite() {
            return Err(self.err(i, format!("'{t}' is not a finite number")));
        }
        Ok(Some(v))
    }

    /// A 0/1 flag.
    pub fn flag(&self, i: usize) -> Result<bool> {
        match self.bytes(i) {
            b"0" | b"0.0" => Ok(false),
            b"1" | b"1.0" => Ok(true),
            other => Err(self.err(
                i,
                format!("'{}' is not 0 or 1", String::from_utf8_lossy(other)),
            )),
        }
    }

    /// A 0/1 flag where COW's -9 or an empty field is missing.
    pub fn flag_or_missing(&self, i: usize) -> Result<Option<bool>> {
        match self.bytes(i) {
            b"" | b"-9" | b"NA" => Ok(None),
            _ => self.flag(i).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The fast path reads every plain integer as the general parser does, and declines
        /// anything else.
        #[test]
        fn plain_int_agrees_with_the_parser(v in any::<i64>(), junk in "[-+0-9. a]{0,20}") {
            let s = v.to_string();
            if s.trim_start_matches('-').len() <= 18 {
                prop_assert_eq!(plain_int(s.as_bytes()), Some(v));
            }
            if let Some(x) = plain_int(junk.as_bytes()) {
                prop_assert_eq!(junk.parse::<i64>().ok(), Some(x));
            }
        }
    }

    fn lines(text: &str, skip: usize) -> Vec<u64> {
        let mut c = Csv::open("t.csv", text.as_bytes(), skip, true).unwrap();
        let mut v = Vec::new();
        c.for_each(|r| {
            v.push(r.line);
            Ok(())
        })
        .unwrap();
        v
    }

    #[test]
    fn line_numbers_are_right_with_lf_crlf_preambles_and_quoted_newlines() {
        assert_eq!(lines("h1,h2\na,b\nc,d\n", 0), vec![2, 3]);
        assert_eq!(lines("h1,h2\r\na,b\r\nc,d\r\n", 0), vec![2, 3], "CRLF");
        assert_eq!(lines("note\r\nnote\r\nh1,h2\r\na,b\r\n", 2), vec![4]);
        assert_eq!(lines("h1,h2\n\"a\nstill a\",b\nc,d\n", 0), vec![2, 4]);
    }

    #[test]
    fn a_short_row_is_reported_on_its_line() {
        let mut c = Csv::open("t.csv", b"h1,h2\r\na,b\r\nc\r\n", 0, true).unwrap();
        let e = c.for_each(|_| Ok(())).unwrap_err().to_string();
        assert!(e.starts_with("t.csv:3:"), "{e}");
    }
}
