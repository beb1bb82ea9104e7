//! `entente sensitivity` as a user runs it: byte-identical indices and points whatever the thread
//! count, the files it writes, a budget refused before anything runs, and bad parameters and
//! ranges named in one line.

use std::path::PathBuf;

mod common;
use common::{baseline, entente, read, stderr_of};

#[test]
fn sobol_design_is_byte_identical_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let b = baseline();
    let mut outs = Vec::new();
    for t in ["1", "2"] {
        let out = tmp.path().join(format!("t{t}"));
        entente()
            .args([
                "sensitivity",
                &b,
                "--method",
                "sobol",
                "--params",
                "coordination,probes.rate_multiplier,calibration.milex_weight",
                "--samples",
                "16",
                "--runs",
                "20",
                "--resamples",
                "50",
                "--threads",
                t,
                "--out",
            ])
            .arg(&out)
            .assert()
            .success();
        outs.push(out);
    }
    for f in [
        "indices.csv",
        "points.csv",
        "ranges.csv",
        "tornado_east_asia.failure_rate.svg",
    ] {
        assert_eq!(read(&outs[0].join(f)), read(&outs[1].join(f)), "{f}");
    }
    let idx = String::from_utf8(read(&outs[0].join("indices.csv"))).unwrap();
    assert!(idx.starts_with("parameter,measure,index,estimate,ci_low,ci_high\n"));
    // 3 parameters × 2 indices × the default measures (per theatre: failure rate, fear, cohesion).
    assert_eq!(idx.lines().count(), 1 + 3 * 2 * 2 * 3, "{idx}");
    assert!(idx.contains("probes.rate_multiplier,east_asia.failure_rate,total,"));
    let pts = String::from_utf8(read(&outs[0].join("points.csv"))).unwrap();
    assert_eq!(pts.lines().count(), 1 + 16 * 5);
    let m: serde_json::Value =
        serde_json::from_slice(&read(&outs[0].join("manifest.json"))).unwrap();
    let inputs = m["inputs"].as_array().unwrap();
    assert!(inputs
        .iter()
        .any(|i| i["dataset"] == "range table of assumed parameters"));
}

#[test]
fn a_design_over_budget_is_refused_before_it_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let e = stderr_of(&[
        "sensitivity",
        &baseline(),
        "--method",
        "sobol",
        "--samples",
        "1024",
        "--runs",
        "1000",
        "--out",
        out.to_str().unwrap(),
    ]);
    // 1024 × (8 + 2) points × 1000 runs × 120 months.
    assert!(e.contains("1228800000") && e.contains("200000000"), "{e}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn bad_parameters_and_ranges_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let o = out.to_str().unwrap();
    let b = baseline();
    let cases: [(&[&str], &str); 6] = [
        (&["--params", "us.deployable"], "`us.deployable`"),
        (
            &["--range", "spillover=0.5:0.5"],
            "`spillover`: the range 0.5:0.5 is empty",
        ),
        (
            &["--range", "spillover=0.8:0.2"],
            "`spillover`: the low end 0.8 is above",
        ),
        (&["--range", "spillover=0:inf"], "`spillover`: the bounds"),
        (
            &["--range", "us.nothing=0:1", "--params", "us.nothing"],
            "`us.nothing`: not a numeric field",
        ),
        (
            &["--range", "coordination=0:2", "--params", "coordination"],
            "coordination",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec![
            "sensitivity",
            &b,
            "--method",
            "oat",
            "--runs",
            "2",
            "--out",
            o,
        ];
        args.extend_from_slice(extra);
        let e = stderr_of(&args);
        assert!(e.contains(want), "{extra:?}: {e}");
    }
}

#[test]
fn compare_flags_small_differences_and_saturated_outputs() {
    let asia = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/asia-first.toml");
    let o = entente()
        .args(["compare", &baseline()])
        .arg(&asia)
        .args([
            "--runs",
            "500",
            "--only",
            "east_asia",
            "--format",
            "json",
            "--mid",
            "p_success=0.5",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diffs = v["differences"].as_array().unwrap();
    let ps = diffs
        .iter()
        .find(|d| d["measure"] == "east_asia.p_success")
        .unwrap();
    // The override applies, and a difference below it is not important even if significant.
    assert_eq!(ps["mid"], 0.5);
    assert_eq!(ps["important"], false);
    let fr = diffs
        .iter()
        .find(|d| d["measure"] == "east_asia.failure_rate")
        .unwrap();
    assert_eq!(fr["mid"], 0.005);
    // asia-first takes every US force out of Europe: all its allies hedge, in every run.
    let sat = v["saturated"].as_array().unwrap();
    assert!(
        sat.iter().any(|s| s["what"]
            .as_str()
            .unwrap()
            .starts_with("B: all Europe allies hedge")),
        "{sat:?}"
    );
    let e = stderr_of(&[
        "compare",
        &baseline(),
        asia.to_str().unwrap(),
        "--mid",
        "x=-1",
    ]);
    assert!(e.contains("--mid 'x=-1'"), "{e}");
}

#[test]
fn simulate_reports_parameter_uncertainty_beside_monte_carlo() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("pu");
    let o = entente()
        .args([
            "simulate",
            &baseline(),
            "--runs",
            "40",
            "--parameter-uncertainty",
            "--draws",
            "8",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("95% CI of mean (Monte Carlo only)")
            && text.contains("95% of parameter draws")
    );
    let csv = String::from_utf8(read(&out.join("parameter_uncertainty.csv"))).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("measure,mean,mc_lo,mc_hi,draws_mean,param_lo,param_hi,draws,runs_per_draw")
    );
    let ea: Vec<f64> = csv
        .lines()
        .find(|l| l.starts_with("east_asia.failure_rate,"))
        .unwrap()
        .split(',')
        .skip(1)
        .map(|v| v.parse().unwrap())
        .collect();
    // The assumptions' ranges spread East Asian failure far wider than 40 runs' Monte Carlo error.
    assert!(ea[5] - ea[4] > ea[2] - ea[1], "{ea:?}");
    assert_eq!((ea[6], ea[7]), (8.0, 40.0));
}

#[test]
fn compare_over_parameter_draws_includes_both_sources() {
    let asia = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/asia-first.toml");
    let o = entente()
        .args(["compare", &baseline()])
        .arg(&asia)
        .args([
            "--runs",
            "40",
            "--only",
            "failure_rate",
            "--format",
            "json",
            "--parameter-uncertainty",
            "--draws",
            "8",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let pu = v["parameter_uncertainty"].as_array().unwrap();
    let ea = pu
        .iter()
        .find(|p| p["measure"] == "east_asia.failure_rate")
        .unwrap();
    let (lo, hi) = (ea["lo"].as_f64().unwrap(), ea["hi"].as_f64().unwrap());
    let d = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["measure"] == "east_asia.failure_rate")
        .unwrap();
    let (mlo, mhi) = (d["lo"].as_f64().unwrap(), d["hi"].as_f64().unwrap());
    // Over the assumptions' ranges the paired difference spreads wider than its Monte Carlo
    // interval at the scenario's own values.
    assert!(
        lo <= hi && hi - lo > mhi - mlo,
        "draws {lo}..{hi}, Monte Carlo {mlo}..{mhi}"
    );
    assert_eq!(ea["draws"], 8);
}

/// `compare` draws only what both scenarios share: a parameter on which they differ
/// (coordination, for high-coordination) is held at each one's own value, so the paired difference
/// over draws keeps the difference being compared.
#[test]
fn compare_holds_what_the_scenarios_differ_on() {
    let hc =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/high-coordination.toml");
    let o = entente()
        .args(["compare", &baseline()])
        .arg(&hc)
        .args([
            "--runs",
            "20",
            "--only",
            "simultaneous",
            "--format",
            "json",
            "--parameter-uncertainty",
            "--draws",
            "4",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["parameters_held"], serde_json::json!(["coordination"]));
}

/// A fitted entry joins a sensitivity design only when named; its range is its sampling
/// distribution's 95% interval.
#[test]
fn fitted_rates_join_sensitivity_only_when_named() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    entente()
        .args([
            "sensitivity",
            &baseline(),
            "--method",
            "oat",
            "--params",
            "challenger.china.probe_rate,challenger.china.crisis_share",
            "--runs",
            "5",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let r = String::from_utf8(read(&out.join("ranges.csv"))).unwrap();
    assert!(r.contains("challenger.china.probe_rate,") && r.contains("gamma(shape 13, rate 252)"));
    assert!(r.contains("beta(alpha 1, beta 12)"), "{r}");
    assert_eq!(r.lines().count(), 3, "{r}");
}
