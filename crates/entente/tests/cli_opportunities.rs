//! `entente opportunities` as a user runs it.

mod common;
use common::entente;

#[test]
fn ranked_rows_carry_their_decomposition_and_rationale() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let o = entente()
        .args([
            "opportunities",
            "--year",
            "2024",
            "--top",
            "5",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["rank"], i + 1);
        for k in [
            "score",
            "coverage",
            "threat",
            "capability",
            "ties",
            "rationale",
            "exposures",
        ] {
            assert!(r.get(k).is_some(), "{k}");
        }
        assert!(r["rationale"]
            .as_str()
            .unwrap()
            .contains("access agreement"));
    }
    assert!(rows[0]["score"].as_f64() >= rows[4]["score"].as_f64());
}

#[test]
fn a_pair_has_a_trajectory() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let o = entente()
        .args([
            "opportunities",
            "--pair",
            "GBR,JPN",
            "--from",
            "2018",
            "--to",
            "2024",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1 + 7, "{csv}");
    assert!(
        csv.lines()
            .nth(7)
            .unwrap()
            .contains("access agreement since 2023"),
        "{csv}"
    );
}

#[test]
fn bad_weights_and_pairs_are_named() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let w = tmp.path().join("w.toml");
    std::fs::write(&w, "[combine]\nthreat = 1.0\n\n[ties]\naccess = -2\n").unwrap();
    let o = entente()
        .args(["opportunities", "--weights", w.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("ties.access"));
    std::fs::write(&w, "[combine]\nthreat = 1.0\ncolour = 2\n").unwrap();
    let o = entente()
        .args(["opportunities", "--weights", w.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("w.toml:3") && err.contains("colour"), "{err}");
    let o = entente()
        .args(["opportunities", "--pair", "USA,CHN"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = entente()
        .args(["opportunities", "--pair", "GBR,XXX"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: --pair: ") && err.contains("'XXX'"),
        "{err}"
    );
}

#[test]
fn without_the_threat_and_capability_data_it_stops_and_names_them() {
    let empty = tempfile::tempdir().unwrap();
    let o = entente()
        .env("ENTENTE_DATA", empty.path())
        .args(["opportunities", "--year", "2024"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    for d in [
        "cow-mid",
        "unga-ideal-points",
        "sipri-transfers",
        "entente data fetch",
    ] {
        assert!(err.contains(d), "{d}: {err}");
    }
    let o = entente()
        .env("ENTENTE_DATA", empty.path())
        .args([
            "opportunities",
            "--year",
            "2024",
            "--allow-partial",
            "--top",
            "3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for r in v.as_array().unwrap() {
        assert!(r["coverage"].as_f64().unwrap() < 0.5);
        assert_eq!(r["insufficient_data"], false);
    }
}

#[test]
fn the_backtest_reports_auc_and_precision_in_and_out_of_sample() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let o = entente()
        .args([
            "opportunities",
            "--backtest",
            "--from",
            "2002",
            "--to",
            "2011",
            "--horizon",
            "3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2);
    for p in periods {
        let names: Vec<&str> = p["quality"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["ranking"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "score",
                "score_tuned",
                "random",
                "tie_count",
                "milex_product"
            ]
        );
        for q in p["quality"].as_array().unwrap() {
            assert!(q["auc"].is_number() && q.get("precision_at_10").is_some());
        }
    }
    assert!(v["verdict"].as_str().unwrap().contains("out of sample"));
}
