//! `entente estimate` as a user runs it: JSON rows with the documented fields, an analyst's own
//! incident file, and one-line errors naming the file and line.

use std::io::Write;

mod common;
use common::entente;

fn one_line_error(args: &[&str]) -> String {
    let o = entente().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{args:?} should fail with 2");
    let e = String::from_utf8(o.stderr).unwrap();
    assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
    e
}

#[test]
fn json_rows_carry_the_documented_fields() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let o = entente()
        .args([
            "estimate", "--from", "1990", "--to", "2010", "--format", "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.len() >= 3);
    for r in rows {
        for k in [
            "challenger",
            "theatre",
            "events",
            "months",
            "rate",
            "ci_low",
            "ci_high",
        ] {
            assert!(r.get(k).is_some(), "{k} missing in {r}");
        }
        let (lo, rate, hi) = (
            r["ci_low"].as_f64().unwrap(),
            r["rate"].as_f64().unwrap(),
            r["ci_high"].as_f64().unwrap(),
        );
        assert!(lo <= rate && rate <= hi, "{r}");
        assert_eq!(r["months"].as_u64(), Some(252));
    }
}

#[test]
fn an_incident_file_is_fitted_and_bad_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("incidents.csv");
    let mut f = std::fs::File::create(&good).unwrap();
    writeln!(f, "date,challenger,target,type,note").unwrap();
    for m in 1..=6 {
        writeln!(f, "2020-{m:02}-15,china,JPN,gray,incursion").unwrap();
    }
    writeln!(f, "2021-03,russia,EST,crisis,").unwrap();
    drop(f);
    let o = entente()
        .args([
            "estimate", "--from", "2020", "--to", "2021", "--format", "json", "--events",
        ])
        .arg(&good)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let china = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["challenger"] == "china" && r["theatre"] == "east_asia")
        .unwrap();
    assert_eq!(china["events"].as_u64(), Some(6));
    assert_eq!(china["months"].as_u64(), Some(24));
    assert!((china["rate"].as_f64().unwrap() - 0.25).abs() < 1e-12);

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "date,challenger,target,type\n2020-01,china,JPN,gray\n2020-13,china,JPN,gray\n",
    )
    .unwrap();
    let e = one_line_error(&[
        "estimate",
        "--from",
        "2020",
        "--to",
        "2021",
        "--events",
        bad.to_str().unwrap(),
    ]);
    assert!(e.contains("bad.csv:3"), "{e}");
    assert!(e.contains("2020-13"), "{e}");

    let nobody = dir.path().join("nobody.csv");
    std::fs::write(
        &nobody,
        "date,challenger,target,type\n2020-01,china,BRA,gray\n",
    )
    .unwrap();
    let e = one_line_error(&[
        "estimate",
        "--from",
        "2020",
        "--to",
        "2021",
        "--events",
        nobody.to_str().unwrap(),
    ]);
    assert!(e.contains("nobody.csv:2") && e.contains("BRA"), "{e}");
}

#[test]
fn a_bad_check_window_is_one_line() {
    let e = one_line_error(&["estimate", "--check", "2004-2010"]);
    assert!(e.contains("FROM:TO"), "{e}");
}
