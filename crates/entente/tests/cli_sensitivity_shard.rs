//! Sharded sensitivity studies as a user runs them: shards of a Sobol' and a one-at-a-time design
//! merged by `entente merge` give the unsharded study's indices, points, ranges and tornado charts
//! byte for byte; a missing or duplicated shard, or a shard of another seed, is named.

use std::path::Path;

mod common;
use common::shard::{same_files, Shards};
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

#[test]
fn sobol_shards_merge_into_the_unsharded_study() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    study(&whole, &SOBOL, &[]);
    let sharded = tmp.path().join("sharded");
    // Out of order, one by Slurm's variables and one by Kubernetes'.
    Shards {
        command: "sensitivity",
        design: &SOBOL,
        n: 3,
        by_spec: &[2],
        by_slurm: 0,
        by_index: 1,
        product: "indices.csv",
    }
    .run_and_merge(&sharded);
    same_files(&whole, &sharded, 4);
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
    same_files(&whole, &sharded, 4);

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
