//! Every reader, frame unit and measure on the committed fixtures (`tests/fixtures/data`: slices of
//! each dataset in its publisher's own format), so these run on any machine, with or without the
//! real datasets. The expectations are counted from the fixture files themselves, independently of
//! the readers.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    entente_testkit::fixtures()
}

fn entente() -> Command {
    let mut c = Command::cargo_bin("entente").unwrap();
    c.env("ENTENTE_DATA", fixtures())
        .env_remove("ENTENTE_CURATED");
    c
}

fn run(args: &[&str]) -> Vec<u8> {
    let o = entente().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// A CSV file as a header and rows of named cells.
fn read_csv(p: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            h.iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (h, rows)
}

/// States per year in the fixture's system2016.csv.
fn system() -> BTreeMap<i32, BTreeSet<i32>> {
    let (_, rows) = read_csv(&fixtures().join("cow_states2016/system2016.csv"));
    let mut m: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for r in rows {
        m.entry(r["year"].parse().unwrap())
            .or_default()
            .insert(r["ccode"].parse().unwrap());
    }
    m
}

#[test]
fn every_dataset_reads_from_its_publishers_format() {
    let v: Value = serde_json::from_slice(&run(&["data", "status", "--format", "json"])).unwrap();
    let rows = v.as_array().unwrap();
    let by_dataset: BTreeMap<&str, Vec<&Value>> = rows.iter().fold(BTreeMap::new(), |mut m, r| {
        m.entry(r["dataset"].as_str().unwrap()).or_default().push(r);
        m
    });
    // Every dataset of the manifest has a file in the fixtures, read with rows, and none of them
    // passes for a known release (they are slices).
    for (id, files) in &by_dataset {
        let found: Vec<&&Value> = files.iter().filter(|r| r["found"] == true).collect();
        assert!(!found.is_empty(), "{id}: no fixture file found");
        for r in found {
            assert_eq!(r["known_release"], false, "{r}");
            if r["rows"].is_null() {
                // Only a SIPRI workbook whose sheets all have long CSVs is left unread.
                assert!(r["file"].as_str().unwrap().starts_with("workbook-"), "{r}");
            } else {
                assert!(r["rows"].as_u64().unwrap() > 0, "{r}");
            }
        }
    }
    // The files in the publishers' own layouts are the ones read.
    let path_of = |file: &str| {
        rows.iter()
            .find(|r| r["found"] == true && r["path"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file} was not read"))
    };
    for file in [
        "atop5_1ddyr.csv",
        "alliance_v4.1_by_directed_yearly.csv",
        "IdealpointsJuly2025.dta",
        "SIPRI-Milex-data-1949-2025.xlsx",
        "trade-register.csv",
    ] {
        let r = path_of(file);
        assert!(r["rows"].as_u64().unwrap() > 0, "{r}");
    }
}

#[test]
fn every_frame_unit_fills_its_columns_within_coverage() {
    let tmp = tempfile::tempdir().unwrap();
    let all = "atop,cow-alliance,nmc,majors,contiguity,capital-distance,mids,milex-sipri,ideal-points,arms-tiv";
    let sys = system();
    // Directed dyad-years: n(n-1) a year, from the fixture's state system (all 11 states are members
    // on every day of 2008-2016, so there is no false dyad).
    let out = tmp.path().join("ddy.csv");
    entente()
        .args([
            "frame",
            "dyad-year",
            "--from",
            "2008",
            "--to",
            "2016",
            "--add",
            all,
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out);
    let expected: usize = sys.values().map(|s| s.len() * (s.len() - 1)).sum();
    assert_eq!(rows.len(), expected);
    for col in [
        "atop_defense",
        "cow_defense",
        "cinc1",
        "cowmaj2",
        "conttype",
        "capdist",
        "cowmidonset",
        "milex_sipri1",
        "milex_gdp_sipri2",
        "idealpointdist",
        "arms_tiv",
    ] {
        assert!(h.iter().any(|c| c == col), "{col} in {h:?}");
        assert!(
            rows.iter().any(|r| r[col] != "NA" && !r[col].is_empty()),
            "{col} has a value somewhere"
        );
    }
    // Outside coverage a value is missing, never 0: COW alliances end in 2012, MIDs in 2010.
    for r in &rows {
        let y: i32 = r["year"].parse().unwrap();
        if y > 2012 {
            assert_eq!(r["cow_defense"], "NA", "{r:?}");
        }
        if y > 2010 {
            assert_eq!(r["cowmidonset"], "NA", "{r:?}");
        }
    }
    // Hand-checkable from the fixture files: the US and Japan have a defence pact in ATOP and in
    // COW, and the US sold arms to Japan in the years.
    let us_jpn = rows
        .iter()
        .find(|r| r["ccode1"] == "2" && r["ccode2"] == "740" && r["year"] == "2010")
        .unwrap();
    assert_eq!(us_jpn["atop_defense"], "1");
    assert_eq!(us_jpn["cow_defense"], "1");

    // State-years: one row per member a year.
    let out = tmp.path().join("sy.csv");
    entente()
        .args([
            "frame",
            "state-year",
            "--from",
            "2008",
            "--to",
            "2016",
            "--add",
            "atop,nmc,majors,contiguity,mids,milex-sipri,ideal-points,arms-tiv",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let (h, rows) = read_csv(&out);
    assert_eq!(rows.len(), sys.values().map(BTreeSet::len).sum::<usize>());
    for col in ["cinc", "cowmaj", "land", "milex_sipri", "idealpointall"] {
        assert!(h.iter().any(|c| c == col), "{col} in {h:?}");
        assert!(rows.iter().any(|r| r[col] != "NA"), "{col} has a value");
    }
}

#[test]
fn every_similarity_measure_is_computed() {
    let tmp = tempfile::tempdir().unwrap();
    for source in ["atop", "cow"] {
        let out = tmp.path().join(format!("{source}.csv"));
        entente()
            .args([
                "similarity",
                "--source",
                source,
                "--from",
                "2008",
                "--to",
                "2012",
                "--out",
            ])
            .arg(&out)
            .assert()
            .success();
        let (h, rows) = read_csv(&out);
        for m in [
            "srsvaa",
            "srsvas",
            "srswvaa",
            "srswvas",
            "srsba",
            "srsbas",
            "srswba",
            "srswbas",
            "piva",
            "piba",
            "kappava",
            "kappavau",
            "kappaba",
            "kappabau",
            "taub",
            "idealpointdist",
        ] {
            assert!(h.iter().any(|c| c == m), "{source}: {m} in {h:?}");
            let values: Vec<f64> = rows
                .iter()
                .filter_map(|r| r[m].parse::<f64>().ok())
                .collect();
            assert!(!values.is_empty(), "{source}: {m} has values");
            assert!(values.iter().all(|v| v.is_finite()), "{source}: {m}");
        }
        // S is 1 for a state's portfolio with itself, and symmetric in the dyad.
        let get = |a: &str, b: &str| {
            rows.iter()
                .find(|r| r["ccode1"] == a && r["ccode2"] == b && r["year"] == "2010")
                .map(|r| r["srsvaa"].clone())
        };
        assert_eq!(get("2", "740"), get("740", "2"), "{source}");
    }
}

#[test]
fn every_network_measure_and_the_opportunities_run_on_the_slices() {
    let text = String::from_utf8(run(&[
        "trends",
        "--measure",
        "all",
        "--from",
        "2008",
        "--to",
        "2016",
    ]))
    .unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 9);
    for (i, m) in header.iter().enumerate().skip(1) {
        assert!(
            rows.iter().any(|r| r[i] != "NA"),
            "{m} has a value in some year"
        );
    }
    let v: Value = serde_json::from_slice(&run(&["network", "--year", "2010"])).unwrap();
    for layer in v["layers"].as_array().unwrap() {
        assert_eq!(layer["available"], true, "{layer}");
    }
    let v: Value = serde_json::from_slice(&run(&[
        "opportunities",
        "--year",
        "2014",
        "--format",
        "json",
    ]))
    .unwrap();
    let ranked = v.as_array().unwrap();
    assert!(!ranked.is_empty());
    for (i, r) in ranked.iter().enumerate() {
        assert_eq!(r["year"], 2014);
        assert_eq!(r["rank"], i + 1);
    }
}
