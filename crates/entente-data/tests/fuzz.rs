//! Fuzzing the readers on stable Rust (issue #19): proptest feeds every reader arbitrary bytes and
//! structured mutations of small seed files (the bad-input corpus's `_ok` files, a hand-built Stata
//! file, a hand-built workbook): truncation, flipped bytes, huge declared sizes, swapped columns,
//! inserted text. A reader must return `Ok` or an error — never panic, never allocate without bound.
//!
//! `ENTENTE_FUZZ_CASES` sets the cases per target (default 2,000, the CI figure); a long run is the
//! same tests with a large count (docs/fuzzing.md).

use entente_data::readers::RawFile;
use entente_data::readers::{
    atop, capitals, contiguity, cow_alliance, cow_states, mid, nmc, sipri_milex, sipri_milex_xlsx,
    sipri_transfers, stata, unga,
};
use proptest::prelude::*;
use std::path::PathBuf;

fn cases() -> u32 {
    std::env::var("ENTENTE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    /// A huge declared size: a long number in text, 0xFF bytes in binary.
    Huge(usize, bool),
    /// Swap two comma-separated columns on every line.
    SwapColumns(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(Vec<u8>),
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, t)| Mutation::Huge(i, t)),
        (0usize..12, 0usize..12).prop_map(|(a, b)| Mutation::SwapColumns(a, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 0..16))
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        prop::collection::vec(any::<u8>(), 0..256).prop_map(Mutation::Replace),
    ];
    prop::collection::vec(one, 1..4)
}

fn apply(seed: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for m in ms {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::Truncate(i) => {
                let n = at(*i, b.len());
                b.truncate(n);
            }
            Mutation::Flip(i, x) => {
                if !b.is_empty() {
                    let n = i % b.len();
                    b[n] ^= x | 1;
                }
            }
            Mutation::Huge(i, text) => {
                let n = at(*i, b.len());
                let huge: &[u8] = if *text {
                    b"99999999999999999999999"
                } else {
                    &[0xFF; 8]
                };
                let end = (n + huge.len()).min(b.len());
                b.splice(n..end, huge.iter().copied());
            }
            Mutation::SwapColumns(x, y) => {
                let text = String::from_utf8_lossy(&b).into_owned();
                let lines: Vec<String> = text
                    .split('\n')
                    .map(|l| {
                        let mut f: Vec<&str> = l.split(',').collect();
                        if *x < f.len() && *y < f.len() {
                            f.swap(*x, *y);
                        }
                        f.join(",")
                    })
                    .collect();
                b = lines.join("\n").into_bytes();
            }
            Mutation::Insert(i, v) => {
                let n = at(*i, b.len());
                b.splice(n..n, v.iter().copied());
            }
            Mutation::Replace(v) => b = v.clone(),
        }
    }
    b
}

fn raw(name: &str, bytes: Vec<u8>) -> RawFile {
    RawFile {
        name: name.into(),
        path: name.into(),
        bytes,
        sha256: String::new(),
    }
}

fn seed(dataset: &str, file: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dataset)
        .join(file);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// One reader over its seeds: every mutation reads to `Ok` or `Err`.
type Reader = fn(&RawFile);

fn csv_targets() -> Vec<(&'static str, &'static str, Reader)> {
    vec![
        ("atop", "sy_ok.csv", |f| drop(atop::read_state_year(f))),
        ("atop", "ddy_peacesciencer_ok.csv", |f| {
            drop(atop::read_dyad_year(f))
        }),
        ("atop", "ddyr_official_ok.csv", |f| {
            drop(atop::read_dyad_year(f))
        }),
        ("capitals", "capitals_ok.csv", |f| drop(capitals::read(f))),
        ("contiguity", "contdird_ok.csv", |f| {
            drop(contiguity::read_dyad_year(f))
        }),
        ("contiguity", "contdir_ok.csv", |f| {
            drop(contiguity::read_master(f))
        }),
        ("contiguity", "contdirs_ok.csv", |f| {
            drop(contiguity::read_state_year(f))
        }),
        ("cow_alliance", "official_ok.csv", |f| {
            drop(cow_alliance::read(f))
        }),
        ("cow_alliance", "peacesciencer_ok.csv", |f| {
            drop(cow_alliance::read(f))
        }),
        ("cow_states", "states_ok.csv", |f| {
            drop(cow_states::read_states(f))
        }),
        ("cow_states", "system_ok.csv", |f| {
            drop(cow_states::read_system(f))
        }),
        ("cow_states", "majors_ok.csv", |f| {
            drop(cow_states::read_majors(f))
        }),
        ("mid", "mida_ok.csv", |f| {
            drop(mid::read_disputes(f, mid::Release::V4_3))
        }),
        ("mid", "midb_ok.csv", |f| {
            drop(mid::read_participants(f, mid::Release::V4_3))
        }),
        ("mid", "mida5_ok.csv", |f| {
            drop(mid::read_disputes(f, mid::Release::V5_0))
        }),
        ("mid", "midb5_ok.csv", |f| {
            drop(mid::read_participants(f, mid::Release::V5_0))
        }),
        ("nmc", "nmc_ok.csv", |f| drop(nmc::read(f))),
        ("sipri_milex", "constant_usd_ok.csv", |f| {
            drop(sipri_milex::read(f))
        }),
        ("sipri_milex", "share_gdp_ok.csv", |f| {
            drop(sipri_milex::read(f))
        }),
        ("sipri_transfers", "register_ok.csv", |f| {
            drop(sipri_transfers::read(f))
        }),
        ("unga", "jul2025_ok.csv", |f| drop(unga::read_any(f))),
        ("unga", "jun2024_ok.csv", |f| drop(unga::read_any(f))),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Every CSV reader, each case on one of its seeds.
    #[test]
    fn csv_readers_never_panic(which in any::<usize>(), ms in mutations()) {
        let targets = csv_targets();
        let (ds, file, read) = targets[which % targets.len()];
        let bytes = apply(&seed(ds, file), &ms);
        read(&raw(file, bytes));
    }

    /// The Stata reader on a hand-built format-118 file.
    #[test]
    fn stata_never_panics(ms in mutations()) {
        let bytes = apply(&tiny_dta(), &ms);
        let _ = stata::dta_to_csv(&raw("x.dta", bytes));
    }

    /// The SIPRI workbook reader: mutations of the sheet's XML inside a valid zip, and of the
    /// zip's bytes themselves.
    #[test]
    fn sipri_workbook_never_panics(inside in any::<bool>(), ms in mutations()) {
        let sheet = sheet_xml();
        let f = if inside {
            let xml = String::from_utf8_lossy(&apply(sheet.as_bytes(), &ms)).into_owned();
            workbook(&xml)
        } else {
            raw("milex.xlsx", apply(&workbook(&sheet).bytes, &ms))
        };
        if let Ok(mut wb) = sipri_milex_xlsx::Workbook::open(&f) {
            let _ = wb.sheet("Share of GDP", "fuzz");
        }
    }
}

/// A format-118 file: two variables (a long and a double), two observations.
fn tiny_dta() -> Vec<u8> {
    entente_testkit::dta::two_years(2.5)
}

fn sheet_xml() -> String {
    let c = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
    let n = |r: &str, v: &str| format!(r#"<c r="{r}"><v>{v}</v></c>"#);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D8"/><sheetData><row r="5">{}{}{}{}</row><row r="8">{}{}{}</row></sheetData></worksheet>"#,
        c("A5", "Country"),
        c("B5", "Notes"),
        n("C5", "2019"),
        n("D5", "2020"),
        c("A8", "France"),
        n("C8", "1.5"),
        c("D8", "..."),
    )
}

fn workbook(sheet_xml: &str) -> RawFile {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        ("[Content_Types].xml".to_string(), r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)),
        ("xl/workbook.xml".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="Share of GDP" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#)),
        ("xl/worksheets/sheet1.xml".to_string(), sheet_xml.to_string()),
    ];
    for (name, text) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    raw("milex.xlsx", z.finish().unwrap().into_inner())
}
