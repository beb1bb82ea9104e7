//! Stata `.dta` files (formats 117, 118 and 119, Stata 13 and later), as some publishers ship their
//! data: the UN ideal points' July 2025 release is `IdealpointsJuly2025.dta`. The file is turned into
//! the CSV text its reader already validates (header of variable names; one line per observation;
//! Stata's missing values, `.` and `.a`–`.z`, as empty fields), so one reader and one set of checks
//! serve both layouts. Only what data files use is read: numeric variables (byte, int, long, float,
//! double) and fixed-width strings; a long string (strL) is refused with an error naming it.
//!
//! Layout (Stata's `dta` documentation, "File formats .dta"): `<stata_dta><header>` with the release,
//! byte order, K variables and N observations; `<map>` with the offsets of the sections; the
//! variable types and names; then `<data>`, N fixed-width rows.

use super::csvio::RawFile;
use crate::error::{DataError, Result};
use std::fmt::Write as _;

/// A variable's storage type.
#[derive(Debug, Clone, Copy, PartialEq)]
enum VarType {
    /// A fixed-width string of so many bytes.
    Str(usize),
    StrL,
    Double,
    Float,
    Long,
    Int,
    Byte,
}

impl VarType {
    fn of(code: u16) -> Option<VarType> {
        Some(match code {
            1..=2045 => VarType::Str(code as usize),
            32768 => VarType::StrL,
            65526 => VarType::Double,
            65527 => VarType::Float,
            65528 => VarType::Long,
            65529 => VarType::Int,
            65530 => VarType::Byte,
            _ => return None,
        })
    }

    fn width(self) -> usize {
        match self {
            VarType::Str(n) => n,
            VarType::StrL | VarType::Double => 8,
            VarType::Float | VarType::Long => 4,
            VarType::Int => 2,
            VarType::Byte => 1,
        }
    }
}

/// A cursor over the file's bytes with its byte order; errors name the file and the byte offset.
struct Bytes<'a> {
    name: &'a str,
    b: &'a [u8],
    at: usize,
    little: bool,
}

impl<'a> Bytes<'a> {
    fn err(&self, message: impl Into<String>) -> DataError {
        DataError::Row {
            file: self.name.to_string(),
            line: 0,
            message: format!("byte {}: {}", self.at, message.into()),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.b.len());
        match end {
            Some(e) => {
                let s = &self.b[self.at..e];
                self.at = e;
                Ok(s)
            }
            None => Err(self.err(format!("the file ends early (wanted {n} more bytes)"))),
        }
    }

    fn tag(&mut self, t: &str) -> Result<()> {
        let got = self.take(t.len())?;
        if got != t.as_bytes() {
            self.at -= t.len();
            return Err(self.err(format!("expected {t}")));
        }
        Ok(())
    }

    fn uint(&mut self, n: usize) -> Result<u64> {
        let s = self.take(n)?;
        let mut v = 0u64;
        for i in 0..n {
            let byte = if self.little { s[n - 1 - i] } else { s[i] };
            v = (v << 8) | u64::from(byte);
        }
        Ok(v)
    }

    /// Text between an opening and a closing tag.
    fn until(&mut self, close: &str) -> Result<&'a [u8]> {
        let rest = &self.b[self.at..];
        let pos = rest
            .windows(close.len())
            .position(|w| w == close.as_bytes())
            .ok_or_else(|| self.err(format!("no {close}")))?;
        let s = &rest[..pos];
        self.at += pos + close.len();
        Ok(s)
    }
}

/// Reads a `.dta` file into the CSV text of its variables and observations; the result keeps the
/// file's name, path and sha256, so that errors and provenance name the `.dta` file.
pub fn dta_to_csv(f: &RawFile) -> Result<RawFile> {
    let mut r = Bytes {
        name: &f.name,
        b: &f.bytes,
        at: 0,
        little: true,
    };
    r.tag("<stata_dta><header><release>")
        .map_err(|_| r.err("not a Stata 13+ .dta file (no <stata_dta> header)"))?;
    let release = r.until("</release>")?;
    let release: u32 = std::str::from_utf8(release)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| r.err("unreadable release"))?;
    if !(117..=119).contains(&release) {
        return Err(r.err(format!(
            "format {release} is not read (formats 117–119: Stata 13 and later)"
        )));
    }
    r.tag("<byteorder>")?;
    r.little = match r.until("</byteorder>")? {
        b"LSF" => true,
        b"MSF" => false,
        _ => return Err(r.err("unknown byte order")),
    };
    r.tag("<K>")?;
    let k = r.uint(if release == 119 { 4 } else { 2 })? as usize;
    r.tag("</K><N>")?;
    let n = r.uint(if release == 117 { 4 } else { 8 })? as usize;
    r.tag("</N>")?;
    r.tag("<map>").or_else(|_| {
        // Skip the label and timestamp up to the map.
        r.until("</header>")?;
        r.tag("<map>")
    })?;
    let mut map = [0u64; 14];
    for m in &mut map {
        *m = r.uint(8)?;
    }
    r.tag("</map><variable_types>")?;
    // K and N are bounded by what the file can hold before anything is allocated for them: each
    // variable takes a 2-byte type and a name, each observation at least one byte.
    let name_len = if release == 117 { 33 } else { 129 };
    if k.checked_mul(2 + name_len)
        .is_none_or(|b| b > f.bytes.len() - r.at)
    {
        return Err(r.err(format!(
            "the file ends early: {k} variables do not fit in it (truncated, or not a .dta)"
        )));
    }
    if k == 0 {
        return Err(r.err("the file has no variables"));
    }
    let mut types = Vec::with_capacity(k);
    for _ in 0..k {
        let code = r.uint(2)? as u16;
        types.push(VarType::of(code).ok_or_else(|| r.err(format!("unknown type code {code}")))?);
    }
    r.tag("</variable_types><varnames>")?;
    let mut names = Vec::with_capacity(k);
    for _ in 0..k {
        let raw = r.take(name_len)?;
        let end = raw.iter().position(|b| *b == 0).unwrap_or(raw.len());
        names.push(String::from_utf8_lossy(&raw[..end]).into_owned());
    }
    if let Some(i) = types.iter().position(|t| *t == VarType::StrL) {
        return Err(r.err(format!(
            "variable '{}' is a long string (strL), which is not read",
            names[i]
        )));
    }
    // The data section, by the map.
    r.at = usize::try_from(map[9])
        .unwrap_or(usize::MAX)
        .min(f.bytes.len());
    r.tag("<data>")?;
    let width: usize = types.iter().map(|t| t.width()).sum();
    // The header's N must fit in the file before anything is allocated for it (every variable is at
    // least one byte wide, so the width is not 0).
    if n.checked_mul(width.max(1))
        .is_none_or(|b| b > f.bytes.len() - r.at)
    {
        return Err(r.err(format!(
            "the file ends early: {n} observations of {width} bytes do not fit in it (truncated, or not a .dta)"
        )));
    }
    let mut out = String::with_capacity(f.bytes.len().saturating_mul(2));
    out.push_str(
        &names
            .iter()
            .map(|s| csv_field(s))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push('\n');
    for _ in 0..n {
        let row = r.take(width)?;
        let mut off = 0;
        for (j, t) in types.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let cell = &row[off..off + t.width()];
            off += t.width();
            let int = |bytes: &[u8]| {
                let mut v = 0u64;
                for i in 0..bytes.len() {
                    let byte = if r.little {
                        bytes[bytes.len() - 1 - i]
                    } else {
                        bytes[i]
                    };
                    v = (v << 8) | u64::from(byte);
                }
                v
            };
            // Stata's missing values sit above each type's largest valid value.
            match t {
                VarType::Str(_) => {
                    let end = cell.iter().position(|b| *b == 0).unwrap_or(cell.len());
                    out.push_str(&csv_field(&String::from_utf8_lossy(&cell[..end])));
                }
                VarType::Double => {
                    let v = f64::from_bits(int(cell));
                    if v.is_finite() && v <= 8.988_465_674_311_579e307 {
                        let _ = write!(out, "{v}");
                    }
                }
                VarType::Float => {
                    let v = f32::from_bits(int(cell) as u32);
                    if v.is_finite() && v <= 1.701_411_7e38 {
                        // The shortest text that reads back as the same float.
                        let _ = write!(out, "{v}");
                    }
                }
                VarType::Long => {
                    let v = int(cell) as u32 as i32;
                    if v <= 2_147_483_620 {
                        let _ = write!(out, "{v}");
                    }
                }
                VarType::Int => {
                    let v = int(cell) as u16 as i16;
                    if v <= 32_740 {
                        let _ = write!(out, "{v}");
                    }
                }
                VarType::Byte => {
                    let v = int(cell) as u8 as i8;
                    if v <= 100 {
                        let _ = write!(out, "{v}");
                    }
                }
                VarType::StrL => {}
            }
        }
        out.push('\n');
    }
    r.tag("</data>")?;
    Ok(RawFile {
        name: f.name.clone(),
        path: f.path.clone(),
        bytes: out.into_bytes(),
        sha256: f.sha256.clone(),
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(bytes: Vec<u8>) -> RawFile {
        RawFile {
            name: "x.dta".into(),
            path: "x.dta".into(),
            bytes,
            sha256: String::new(),
        }
    }

    /// A format-118 file written by hand (`entente-testkit`'s `dta`), the second observation with
    /// Stata's missing value in the double.
    fn tiny() -> Vec<u8> {
        entente_testkit::dta::two_years(f64::from_bits(0x7fe0_0000_0000_0000))
    }

    #[test]
    fn reads_numbers_and_missing_values() {
        let csv = dta_to_csv(&raw(tiny())).unwrap();
        assert_eq!(
            String::from_utf8(csv.bytes).unwrap(),
            "year,idealpointall\n1946,1.5\n1947,\n"
        );
    }

    #[test]
    fn an_impossible_observation_count_is_an_error_not_an_allocation() {
        let mut t = tiny();
        let at = t.windows(7).position(|w| w == b"</K><N>").unwrap() + 7;
        t[at..at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        let e = dta_to_csv(&raw(t))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("do not fit"), "{e}");
    }

    /// Issue #19 row 2a: format 119 with K = 0xFFFFFFFF in a 464-byte file asked for 64 GB.
    #[test]
    fn a_huge_variable_count_is_an_error_not_an_allocation() {
        let test = "readers::stata::tests::a_huge_variable_count_is_an_error_not_an_allocation";
        if let Some(out) = crate::testing::bounded_child(test, 1024) {
            return crate::testing::assert_child_passed(&out);
        }
        let mut t = tiny();
        let at = t.windows(9).position(|w| w == b"<release>").unwrap() + 9;
        t[at..at + 3].copy_from_slice(b"119");
        // Format 119's K is 4 bytes: make room for it.
        let k = t.windows(3).position(|w| w == b"<K>").unwrap() + 3;
        t.splice(k..k + 2, 0xFFFF_FFFFu32.to_le_bytes());
        let e = dta_to_csv(&raw(t))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("4294967295 variables do not fit"), "{e}");
    }

    /// Issue #19 row 2b: K = 0 with N = 2^62 passed the n × width check and grew without bound.
    #[test]
    fn no_variables_and_a_huge_observation_count_is_an_error() {
        let test = "readers::stata::tests::no_variables_and_a_huge_observation_count_is_an_error";
        if let Some(out) = crate::testing::bounded_child(test, 1024) {
            return crate::testing::assert_child_passed(&out);
        }
        let mut t = tiny();
        let k = t.windows(3).position(|w| w == b"<K>").unwrap() + 3;
        t[k..k + 2].copy_from_slice(&0u16.to_le_bytes());
        let n = t.windows(7).position(|w| w == b"</K><N>").unwrap() + 7;
        t[n..n + 8].copy_from_slice(&(1u64 << 62).to_le_bytes());
        // No variables: empty type and name lists, and an empty data section (331 bytes).
        let find = |t: &[u8], tag: &[u8]| t.windows(tag.len()).position(|w| w == tag).unwrap();
        let a = find(&t, b"<variable_types>") + 16;
        let b = find(&t, b"</variable_types>");
        t.drain(a..b);
        let a = find(&t, b"<varnames>") + 10;
        let b = find(&t, b"</varnames>");
        t.drain(a..b);
        let a = find(&t, b"<data>") + 6;
        let b = find(&t, b"</data>");
        t.drain(a..b);
        let data_at = find(&t, b"<data>") as u64;
        let map_at = find(&t, b"<map>") + 5;
        t[map_at + 9 * 8..map_at + 10 * 8].copy_from_slice(&data_at.to_le_bytes());
        let e = dta_to_csv(&raw(t))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("x.dta") && e.contains("no variables"), "{e}");
    }

    #[test]
    fn a_truncated_or_foreign_file_is_named() {
        let mut t = tiny();
        t.truncate(t.len() - 12);
        let e = dta_to_csv(&raw(t))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("x.dta") && e.contains("ends early"), "{e}");
        let e = dta_to_csv(&raw(b"ccode,year\n".to_vec()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("x.dta") && e.contains("not a Stata"), "{e}");
    }
}
