//! `entente frame` as a user runs it: formats, manifest, golden CSV format, and bad input.

use std::path::Path;

mod common;
use common::entente;

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_three_formats_hold_the_same_rows_with_a_manifest() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for ext in ["csv", "parquet", "jsonl"] {
        let out = tmp.path().join(format!("f.{ext}"));
        let o = entente()
            .args([
                "frame",
                "dyad-year",
                "--from",
                "2000",
                "--to",
                "2001",
                "--add",
                "atop,nmc,contiguity",
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let m: serde_json::Value = serde_json::from_slice(
            &std::fs::read(tmp.path().join(format!("f.{ext}.manifest.json"))).unwrap(),
        )
        .unwrap();
        assert!(m["command"]
            .as_str()
            .unwrap()
            .contains("--add atop,nmc,contiguity"));
        assert_eq!(m["entente_version"], env!("CARGO_PKG_VERSION"));
        let inputs = m["inputs"].as_array().unwrap();
        let datasets: Vec<&str> = inputs
            .iter()
            .map(|i| i["dataset"].as_str().unwrap())
            .collect();
        for d in [
            "cow-states/states",
            "atop-ddy",
            "cow-nmc",
            "cow-contiguity/dyad-year",
        ] {
            assert!(datasets.contains(&d), "{d} in {datasets:?}");
        }
        assert!(inputs
            .iter()
            .all(|i| i["sha256"].as_str().unwrap().len() == 64));
        counts.push(m["rows"].as_u64().unwrap());
    }
    assert!(
        counts.iter().all(|c| *c == counts[0]) && counts[0] > 70_000,
        "{counts:?}"
    );
    let csv = std::fs::read_to_string(tmp.path().join("f.csv")).unwrap();
    assert_eq!(csv.lines().count() as u64, counts[0] + 1);
    let jsonl = std::fs::read_to_string(tmp.path().join("f.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["year"], 2000);
    assert!(first.get("atop_defense").is_some());
}

#[test]
fn csv_format_matches_the_golden_file() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    // A format check: a tiny state-year frame, written as CSV, byte for byte.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("g.csv");
    let o = entente()
        .args([
            "frame",
            "state-year",
            "--from",
            "1816",
            "--to",
            "1817",
            "--add",
            "majors,nmc,atop",
            "--filter",
            "states:USA,GBR,FRA",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got = std::fs::read_to_string(&out).unwrap();
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/state-year-1816-1817.csv");
    if std::env::var_os("ENTENTE_BLESS").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    assert_eq!(got, std::fs::read_to_string(&golden).unwrap());
}

fn fails(args: &[&str], needle: &str, dir: &Path) {
    let before = listing(dir);
    let o = entente().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(!err.contains("panicked"));
    assert_eq!(listing(dir), before, "no partial file for {args:?}");
}

#[test]
fn bad_input_is_refused_with_nothing_written() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("x.csv");
    let o = out.to_str().unwrap();
    fails(
        &["frame", "dyad-year", "--add", "atop,polity", "--out", o],
        "polity",
        tmp.path(),
    );
    fails(
        &[
            "frame",
            "dyad-year",
            "--from",
            "1700",
            "--to",
            "1750",
            "--out",
            o,
        ],
        "1700",
        tmp.path(),
    );
    fails(
        &[
            "frame",
            "state-year",
            "--add",
            "capital-distance",
            "--out",
            o,
        ],
        "capital-distance",
        tmp.path(),
    );
    fails(
        &[
            "frame",
            "dyad-year",
            "--from",
            "2017",
            "--to",
            "2018",
            "--add",
            "cow-alliance",
            "--out",
            o,
        ],
        "cow-alliance: its sources cover 1816–2012",
        tmp.path(),
    );
    fails(
        &["frame", "dyad-year", "--add", "simlarity", "--out", o],
        "arms-tiv, similarity)",
        tmp.path(),
    );
    fails(
        &["frame", "state-year", "--filter", "prd", "--out", o],
        "prd",
        tmp.path(),
    );
    fails(
        &[
            "frame",
            "dyad-year",
            "--filter",
            "region:atlantis",
            "--out",
            o,
        ],
        "atlantis",
        tmp.path(),
    );
    fails(
        &[
            "frame",
            "dyad-year",
            "--out",
            tmp.path().join("x.xlsx").to_str().unwrap(),
        ],
        ".parquet",
        tmp.path(),
    );
    let missing = tmp.path().join("no/such/dir/x.csv");
    fails(
        &["frame", "dyad-year", "--out", missing.to_str().unwrap()],
        "does not exist",
        tmp.path(),
    );
    // A folder we cannot write in (skip the check when running as root, who can write anywhere).
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mut perm = std::fs::metadata(&ro).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o555);
    std::fs::set_permissions(&ro, perm).unwrap();
    if std::fs::write(ro.join("probe"), b"x").is_err() {
        fails(
            &[
                "frame",
                "dyad-year",
                "--out",
                ro.join("x.csv").to_str().unwrap(),
            ],
            "cannot write",
            &ro,
        );
    } else {
        let _ = std::fs::remove_file(ro.join("probe"));
    }
}
