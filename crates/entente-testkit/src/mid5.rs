//! MID 5.0's published layout, for tests of the reader's 5.0 path: the data folders here hold only
//! MID 4.3, so tests write 4.3 rows out under 5.0's headers (`dispnum` for `dispnum3`, no
//! `dispnum4` or link columns, `ongo2014` for `ongo2010`, `version` 5), as in `MIDA 5.0.csv` and
//! `MIDB 5.0.csv` of the publisher's `MID-5-Data-and-Supporting-Materials.zip`.

use std::path::Path;

/// `MIDA 5.0.csv`'s header.
pub const MIDA5: &str = "dispnum,stday,stmon,styear,endday,endmon,endyear,outcome,settle,fatality,fatalpre,maxdur,mindur,hiact,hostlev,recip,numa,numb,ongo2014,version";

/// `MIDB 5.0.csv`'s header.
pub const MIDB5: &str = "dispnum,stabb,ccode,stday,stmon,styear,endday,endmon,endyear,sidea,revstate,revtype1,revtype2,fatality,fatalpre,hiact,hostlev,orig,version";

/// A MID 4.3 CSV (no quoted fields) under another header: each column from the 4.3 column of the
/// same name, `dispnum` from `dispnum3`, `ongo2014` from `ongo2010`, `version` = 5.
///
/// # Panics
/// When the input lacks a column the header needs (a test's own mistake).
pub fn relayout(text: &str, header: &str) -> String {
    let mut lines = text.lines();
    let from: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let pick: Vec<Option<usize>> = header
        .split(',')
        .map(|c| {
            let name = match c {
                "dispnum" => "dispnum3",
                "ongo2014" => "ongo2010",
                "version" => return None,
                other => other,
            };
            let at = from.iter().position(|f| *f == name);
            assert!(at.is_some(), "no column {name} in the MID 4.3 file");
            at
        })
        .collect();
    let mut out = format!("{header}\n");
    for l in lines {
        let cells: Vec<&str> = l.split(',').collect();
        let row: Vec<&str> = pick.iter().map(|p| p.map_or("5", |i| cells[i])).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// Writes the MID 4.3 files of `src` (`MIDA 4.3.csv`, `MIDB 4.3.csv`) into `dest` as
/// `MIDA 5.0.csv` and `MIDB 5.0.csv`, each followed by the `extra_*` lines (already in 5.0's
/// layout), and returns the two texts.
///
/// # Panics
/// On an I/O error (a test's own folder).
pub fn write_as_mid5(src: &Path, dest: &Path, extra_a: &[&str], extra_b: &[&str]) {
    let read =
        |n: &str| std::fs::read_to_string(src.join(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
    std::fs::create_dir_all(dest).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    for (from, to, header, extra) in [
        ("MIDA 4.3.csv", "MIDA 5.0.csv", MIDA5, extra_a),
        ("MIDB 4.3.csv", "MIDB 5.0.csv", MIDB5, extra_b),
    ] {
        let mut text = relayout(&read(from), header);
        for l in extra {
            text.push_str(l);
            text.push('\n');
        }
        std::fs::write(dest.join(to), text).unwrap_or_else(|e| panic!("{to}: {e}"));
    }
}
