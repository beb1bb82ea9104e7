//! Sharded sensitivity studies as a user runs them: shards of a Sobol' and a one-at-a-time design
//! merged by `entente merge` give the unsharded study's indices, points, ranges and tornado charts
//! byte for byte; a missing or duplicated shard, or a shard of another seed, is named.

use std::path::Path;

mod common;
use common::{baseline, entente, err_of, read};

const SOBOL: [&str; 10] = [
    "--method",
    "sobol",
    "--params",
    "coordination,probes.rate_multiplier,challenger.china.probe_rate",
    "--samples",
    "8",
    "--runs",
    "15",
    "--resamples",
    "40",
];

fn study(out: &Path, design: &[&str], extra: &[&str]) {
    entente()
        .arg("sensitivity")
        .arg(baseline())
        .args(design)
        .args(extra)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

/// Every CSV and SVG of `a` is in `b`, byte for byte.
fn same_files(a: &Path, b: &Path) {
    let mut n = 0;
    for e in std::fs::read_dir(a).unwrap() {
        let name = e.unwrap().file_name();
        let s = name.to_string_lossy();
        if !(s.ends_with(".csv") || s.ends_with(".svg")) {
            continue;
        }
        assert_eq!(read(&a.join(&name)), read(&b.join(&name)), "{s}");
        n += 1;
    }
    assert!(n >= 4, "compared {n} files");
}

#[test]
fn sobol_shards_merge_into_the_unsharded_study() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    study(&whole, &SOBOL, &[]);
    let sharded = tmp.path().join("sharded");
    // Out of order, one by Slurm's variables.
    study(&sharded, &SOBOL, &["--shard", "2/3"]);
    entente()
        .env("SLURM_ARRAY_TASK_ID", "0")
        .env("SLURM_ARRAY_TASK_COUNT", "3")
        .arg("sensitivity")
        .arg(baseline())
        .args(SOBOL)
        .args(["--shard", "auto", "--out"])
        .arg(&sharded)
        .assert()
        .success();
    // Before the last shard, merge names the missing one and writes nothing.
    let e = err_of(entente().arg("merge").arg(&sharded));
    assert!(e.contains("shard-1-of-3 is missing"), "{e}");
    assert!(!sharded.join("indices.csv").exists());
    entente()
        .env("JOB_COMPLETION_INDEX", "1")
        .arg("sensitivity")
        .arg(baseline())
        .args(SOBOL)
        .args(["--shard", "auto", "--shards", "3", "--out"])
        .arg(&sharded)
        .assert()
        .success();
    entente().arg("merge").arg(&sharded).assert().success();
    same_files(&whole, &sharded);
    let m: serde_json::Value =
        serde_json::from_slice(&read(&sharded.join("manifest.json"))).unwrap();
    assert!(m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["dataset"] == "range table of assumed parameters"));
}

#[test]
fn oat_shards_merge_and_bad_shards_are_named() {
    let oat = [
        "--method",
        "oat",
        "--params",
        "coordination,spillover",
        "--runs",
        "12",
    ];
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    study(&whole, &oat, &[]);
    let sharded = tmp.path().join("sharded");
    for spec in ["0/2", "1/2"] {
        study(&sharded, &oat, &["--shard", spec]);
    }
    entente().arg("merge").arg(&sharded).assert().success();
    same_files(&whole, &sharded);

    // A duplicated shard: the same shard under another name is named.
    let dup = tmp.path().join("dup");
    study(&dup, &oat, &["--shard", "0/2"]);
    study(&dup, &oat, &["--shard", "1/2"]);
    std::fs::copy(
        dup.join("shard-1-of-2.manifest.json"),
        dup.join("shard-1-of-2-copy.manifest.json"),
    )
    .unwrap();
    let e = err_of(entente().arg("merge").arg(&dup));
    assert!(e.contains("shard-1-of-2 appears twice"), "{e}");

    // A shard of another seed.
    let seeds = tmp.path().join("seeds");
    study(&seeds, &oat, &["--shard", "0/2"]);
    study(&seeds, &oat, &["--shard", "1/2", "--seed", "7"]);
    let e = err_of(entente().arg("merge").arg(&seeds));
    assert!(e.contains("shard-1-of-2.manifest.json"), "{e}");
    assert!(!seeds.join("indices.csv").exists());

    // More shards than points (5 for two parameters), and an index out of range.
    for (spec, want) in [("0/6", "at most 5"), ("2/2", "0 to 1")] {
        let e = err_of(
            entente()
                .arg("sensitivity")
                .arg(baseline())
                .args(oat)
                .args(["--shard", spec, "--out"])
                .arg(tmp.path().join("x")),
        );
        assert!(e.contains(want), "{spec}: {e}");
    }
}
