//! Turns `tables/states.csv` and `tables/names.csv` into static Rust arrays, so that a
//! malformed crosswalk table fails the build instead of a user's run.
use std::{env, fmt::Write as _, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=tables/states.csv");
    println!("cargo:rerun-if-changed=tables/names.csv");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    let mut code = String::new();

    let mut rdr = csv::Reader::from_path("tables/states.csv").expect("tables/states.csv");
    code.push_str("pub(crate) static STATES: &[StateInfo] = &[\n");
    let mut last = 0u16;
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("tables/states.csv line {}: {e}", i + 2));
        let ccode: u16 = rec[0]
            .parse()
            .unwrap_or_else(|_| panic!("tables/states.csv line {}: bad ccode", i + 2));
        assert!(
            ccode > last,
            "tables/states.csv line {}: ccodes must ascend",
            i + 2
        );
        last = ccode;
        let iso3 = if rec[2].is_empty() {
            "None".to_string()
        } else {
            assert!(rec[2].len() == 3, "tables/states.csv line {}: iso3", i + 2);
            format!("Some({:?})", &rec[2])
        };
        let region = match &rec[4] {
            "north-america" => "NorthAmerica",
            "latin-america" => "LatinAmerica",
            "europe" => "Europe",
            "africa" => "Africa",
            "middle-east" => "MiddleEast",
            "south-central-asia" => "SouthCentralAsia",
            "east-asia-pacific" => "EastAsiaPacific",
            other => panic!("tables/states.csv line {}: unknown region {other}", i + 2),
        };
        writeln!(
            code,
            "    StateInfo {{ ccode: Ccode({ccode}), cow_abb: {:?}, iso3: {iso3}, name: {:?}, region: Region::{region} }},",
            &rec[1], &rec[3]
        )
        .expect("write to String");
    }
    code.push_str("];\n");
    // An O(1) index from COW code to row: INDEX[ccode] is the row + 1, or 0 for no state.
    let mut index = vec![0u16; 1000];
    let mut rdr2 = csv::Reader::from_path("tables/states.csv").expect("tables/states.csv");
    for (row, rec) in rdr2.records().enumerate() {
        let rec = rec.expect("checked above");
        let c: usize = rec[0].parse().expect("checked above");
        assert!(c < 1000, "tables/states.csv: ccode {c} >= 1000");
        index[c] = row as u16 + 1;
    }
    writeln!(code, "pub(crate) static INDEX: [u16; 1000] = {index:?};").expect("write to String");

    let mut rdr = csv::Reader::from_path("tables/names.csv").expect("tables/names.csv");
    code.push_str("pub(crate) static NAMES: &[NameRow] = &[\n");
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.unwrap_or_else(|e| panic!("tables/names.csv line {}: {e}", i + 2));
        let opt = |s: &str| -> String {
            if s.is_empty() {
                "None".into()
            } else {
                let _: i32 = s
                    .parse()
                    .unwrap_or_else(|_| panic!("tables/names.csv line {}: bad number {s}", i + 2));
                format!("Some({s})")
            }
        };
        let kind = match &rec[4] {
            "state" => "NameKind::State",
            "organisation" => "NameKind::NonState(NonStateKind::Organisation)",
            "armed-group" => "NameKind::NonState(NonStateKind::ArmedGroup)",
            "territory" => "NameKind::NonState(NonStateKind::Territory)",
            "unrecognised" => "NameKind::NonState(NonStateKind::Unrecognised)",
            "unknown" => "NameKind::NonState(NonStateKind::Unknown)",
            other => panic!("tables/names.csv line {}: unknown kind {other}", i + 2),
        };
        let ccode = if rec[1].is_empty() {
            "None".to_string()
        } else {
            format!("Some(Ccode({}))", &rec[1])
        };
        assert!(
            (kind == "NameKind::State") == (ccode != "None"),
            "tables/names.csv line {}: a state needs a ccode and a non-state none",
            i + 2
        );
        writeln!(
            code,
            "    NameRow {{ name: {:?}, ccode: {ccode}, from_year: {}, to_year: {}, kind: {kind} }},",
            &rec[0],
            opt(&rec[2]),
            opt(&rec[3])
        )
        .expect("write to String");
    }
    code.push_str("];\n");
    fs::write(out.join("tables.rs"), code).expect("write tables.rs");
}
