//! `entente simulate`, `sweep` and `compare` as a user runs them: byte-identical output whatever the
//! thread count, calibration from the data or built-in, bad scenarios named by field and line, the
//! sweep budget, and every shipped scenario.

use std::path::PathBuf;

mod common;
use common::{entente, read, scenarios, stderr_of};

#[test]
fn same_seed_byte_identical_whatever_the_thread_count() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let base = scenarios().join("baseline.toml");
    let mut outs = Vec::new();
    for t in ["1", "2"] {
        let out = tmp.path().join(format!("t{t}"));
        entente()
            .args([
                "simulate",
                base.to_str().unwrap(),
                "--runs",
                "400",
                "--seed",
                "7",
            ])
            .args(["--threads", t, "--out", out.to_str().unwrap()])
            .assert()
            .success();
        outs.push(out);
    }
    for f in ["summary.json", "summary.csv", "runs.csv"] {
        let (a, b) = (read(&outs[0].join(f)), read(&outs[1].join(f)));
        assert!(!a.is_empty());
        assert!(a == b, "{f} differs between 1 and 2 threads");
    }
    // Another seed, other numbers.
    let out = tmp.path().join("s8");
    entente()
        .args([
            "simulate",
            base.to_str().unwrap(),
            "--runs",
            "400",
            "--seed",
            "8",
        ])
        .args(["--out", out.to_str().unwrap()])
        .assert()
        .success();
    assert!(read(&out.join("runs.csv")) != read(&outs[0].join("runs.csv")));
    // The manifest names the datasets with their sha256.
    let m: serde_json::Value =
        serde_json::from_slice(&read(&outs[0].join("manifest.json"))).unwrap();
    let inputs = m["inputs"].as_array().unwrap();
    assert!(inputs
        .iter()
        .any(|i| i["dataset"] == "cow-nmc" && i["sha256"].as_str().unwrap().len() == 64));
    let s: serde_json::Value =
        serde_json::from_slice(&read(&outs[0].join("summary.json"))).unwrap();
    assert_eq!(s["calibration"]["used"], "data");
    assert_eq!(s["results"]["runs"], 400);
}

#[test]
fn without_data_the_builtin_calibration_is_used_and_said() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = tmp.path().join("o");
    let o = entente()
        .env_remove("ENTENTE_DATA")
        .args(["--data-dir", empty.to_str().unwrap(), "simulate"])
        .arg(scenarios().join("baseline.toml"))
        .args(["--runs", "200", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("built-in figures"), "{text}");
    let s: serde_json::Value = serde_json::from_slice(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(s["calibration"]["used"], "built-in");
    let m: serde_json::Value = serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap();
    assert_eq!(
        m["inputs"][0]["dataset"],
        "entente-sim built-in calibration"
    );
}

#[test]
fn bad_scenarios_name_field_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "unknown.toml",
            "name = \"x\"\n[us]\npolicy = \"fixed\"\ndeployable = 0.5\n",
            ":4:",
            "deployable",
        ),
        (
            "range.toml",
            "name = \"x\"\n\ncoordination = 1.2\n",
            ":3:",
            "coordination",
        ),
        (
            "nan.toml",
            "[hedging]\ninternal_threshold = nan\n",
            ":2:",
            "hedging.internal_threshold",
        ),
        ("type.toml", "runs = \"many\"\n", ":1:", "runs"),
        (
            "policy.toml",
            "[us]\npolicy = \"isolation\"\n",
            ":2:",
            "policy",
        ),
    ];
    for (name, text, line, field) in cases {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        let e = stderr_of(&[
            "simulate",
            p.to_str().unwrap(),
            "--out",
            tmp.path().join("o").to_str().unwrap(),
        ]);
        assert!(e.contains(&format!("{name}{line}")), "{name}: {e}");
        assert!(e.contains(field), "{name}: {e}");
    }
}

#[test]
fn sweep_writes_csv_and_charts_and_asks_for_yes_over_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let base = scenarios().join("baseline.toml");
    let out = tmp.path().join("sw");
    let o = entente()
        .args([
            "sweep",
            base.to_str().unwrap(),
            "--param",
            "coordination=0:1:0.5",
            "--runs",
            "300",
        ])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(read(&out.join("sweep.csv"))).unwrap();
    assert!(csv.starts_with("coordination,measure,mean,"));
    let rows_at = |v: &str| {
        csv.lines()
            .filter(|l| l.starts_with(&format!("{v},")))
            .count()
    };
    assert!(rows_at("0") > 10 && rows_at("0") == rows_at("0.5") && rows_at("1") == rows_at("0"));
    let svg = String::from_utf8(read(&out.join("failure_rate.svg"))).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("east_asia"));
    assert!(out.join("manifest.json").is_file());
    // Over the budget: refused, asking for --yes; with --yes it runs.
    let e = stderr_of(&[
        "sweep",
        base.to_str().unwrap(),
        "--param",
        "coordination=0,1",
        "--runs",
        "300",
        "--budget",
        "1000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(e.contains("--yes") && e.contains("144000"), "{e}");
    entente()
        .args([
            "sweep",
            base.to_str().unwrap(),
            "--param",
            "coordination=0,1",
            "--runs",
            "300",
        ])
        .args(["--budget", "1000", "--yes", "--out", out.to_str().unwrap()])
        .assert()
        .success();
    // A bad parameter: named.
    let e = stderr_of(&[
        "sweep",
        base.to_str().unwrap(),
        "--param",
        "us.deployable=0,1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(e.contains("deployable"), "{e}");
    let e = stderr_of(&[
        "sweep",
        base.to_str().unwrap(),
        "--param",
        "coordination=0:2:0.5",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        e.contains("coordination") && e.contains("out of range"),
        "{e}"
    );
}

#[test]
fn compare_prints_paired_differences() {
    let o = entente()
        .arg("compare")
        .arg(scenarios().join("baseline.toml"))
        .arg(scenarios().join("asia-first.toml"))
        .args(["--runs", "2000", "--only", "us_share", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = v["differences"].as_array().unwrap();
    let get = |m: &str| d.iter().find(|x| x["measure"] == m).unwrap().clone();
    // Asia first moves US force out of Europe and into East Asia, clearly.
    let eu = get("europe.us_share");
    assert!(
        eu["diff"].as_f64().unwrap() < 0.0 && eu["significant"] == true,
        "{eu}"
    );
    let ea = get("east_asia.us_share");
    assert!(
        ea["diff"].as_f64().unwrap() > 0.0 && ea["significant"] == true,
        "{ea}"
    );
}

#[test]
fn every_shipped_scenario_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let mut names: Vec<PathBuf> = std::fs::read_dir(scenarios())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        // The table of parameter ranges (entente sensitivity), not a scenario.
        .filter(|p| !p.ends_with("ranges.toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for p in names {
        let out = tmp.path().join(p.file_stem().unwrap());
        entente()
            .arg("simulate")
            .arg(&p)
            .args(["--runs", "100", "--out", out.to_str().unwrap()])
            .assert()
            .success();
    }
}
