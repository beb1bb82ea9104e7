//! Sharded sweeps as a user runs them: four shards merged give the unsharded sweep's files byte for
//! byte; `--shard auto` reads Slurm's and Kubernetes' variables; bad shards and bad folders are
//! refused by name; and, where Slurm is installed, a real job array on the one-node cluster.

use entente_testkit::data_location as data_dir;
use std::path::{Path, PathBuf};

mod common;
use common::shard::{same_files, Shards};
use common::{baseline, entente, err_of, read};

const SWEEP: [&str; 6] = [
    "--param",
    "coordination=0:1:0.25",
    "--param",
    "spillover=0.2,0.8",
    "--runs",
    "60",
];

fn sweep(out: &Path, extra: &[&str]) {
    entente()
        .arg("sweep")
        .arg(baseline())
        .args(SWEEP)
        .args(extra)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

#[test]
fn four_shards_merge_into_the_unsharded_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    sweep(&whole, &[]);
    let sharded = tmp.path().join("sharded");
    // Out of order, one by Slurm's variables and one by Kubernetes'.
    Shards {
        command: "sweep",
        design: &SWEEP,
        n: 4,
        by_spec: &[3, 0],
        by_slurm: 1,
        by_index: 2,
        product: "sweep.csv",
    }
    .run_and_merge(&sharded);
    same_files(&whole, &sharded, 2);
}

#[test]
fn bad_shards_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    for (spec, want) in [
        ("4/4", "0 to 3"),
        ("0/0", "between 1"),
        ("x/4", "whole number"),
        ("1", "I/N"),
        ("0/11", "at most 10"),
    ] {
        let e = err_of(
            entente()
                .arg("sweep")
                .arg(baseline())
                .args(SWEEP)
                .args(["--shard", spec, "--out"])
                .arg(&out),
        );
        assert!(e.contains(want), "{spec}: {e}");
    }
    let e = err_of(
        entente()
            .arg("sweep")
            .arg(baseline())
            .args(SWEEP)
            .args(["--shard", "auto", "--out"])
            .arg(&out),
    );
    assert!(e.contains("SLURM_ARRAY_TASK_ID"), "{e}");
}

#[test]
fn merge_refuses_mixed_truncated_and_foreign_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    sweep(&a, &["--shard", "0/2"]);
    sweep(&a, &["--shard", "1/2"]);
    // Another design's shard in the same folder.
    let b = tmp.path().join("b");
    entente()
        .arg("sweep")
        .arg(baseline())
        .args([
            "--param",
            "coordination=0,1",
            "--runs",
            "60",
            "--shard",
            "1/2",
            "--out",
        ])
        .arg(&b)
        .assert()
        .success();
    let mixed = tmp.path().join("mixed");
    std::fs::create_dir_all(&mixed).unwrap();
    for f in ["shard-0-of-2.parquet", "shard-0-of-2.manifest.json"] {
        std::fs::copy(a.join(f), mixed.join(f)).unwrap();
    }
    for f in ["shard-1-of-2.parquet", "shard-1-of-2.manifest.json"] {
        std::fs::copy(b.join(f), mixed.join(f)).unwrap();
    }
    let e = err_of(entente().arg("merge").arg(&mixed));
    assert!(
        e.contains("another design") && e.contains("shard-1-of-2"),
        "{e}"
    );
    // Another seed: a scenario that differs only in its seed is another design too.
    let scn = tmp.path().join("seed.toml");
    let text = std::fs::read_to_string(baseline()).unwrap();
    std::fs::write(&scn, text.replace("seed = 20240", "seed = 7")).unwrap();
    let other = tmp.path().join("other");
    entente()
        .arg("sweep")
        .arg(&scn)
        .args(SWEEP)
        .args(["--shard", "1/2", "--out"])
        .arg(&other)
        .assert()
        .success();
    let seeded = tmp.path().join("seeded");
    std::fs::create_dir_all(&seeded).unwrap();
    for f in ["shard-0-of-2.parquet", "shard-0-of-2.manifest.json"] {
        std::fs::copy(a.join(f), seeded.join(f)).unwrap();
    }
    for f in ["shard-1-of-2.parquet", "shard-1-of-2.manifest.json"] {
        std::fs::copy(other.join(f), seeded.join(f)).unwrap();
    }
    let e = err_of(entente().arg("merge").arg(&seeded));
    assert!(e.contains("shard-1-of-2"), "{e}");
    // A truncated shard.
    let pq = a.join("shard-1-of-2.parquet");
    let bytes = read(&pq);
    std::fs::write(&pq, &bytes[..bytes.len() / 2]).unwrap();
    let e = err_of(entente().arg("merge").arg(&a));
    assert!(
        e.contains("shard-1-of-2.parquet") && e.contains("sha256"),
        "{e}"
    );
    assert!(!a.join("sweep.csv").exists());
    // A shard without its manifest is partial.
    std::fs::write(&pq, &bytes).unwrap();
    std::fs::remove_file(a.join("shard-1-of-2.manifest.json")).unwrap();
    let e = err_of(entente().arg("merge").arg(&a));
    assert!(e.contains("partial"), "{e}");
}

/// A real Slurm job array on the one-node cluster (`.ci/slurm start`): four array tasks and a merge
/// give the unsharded sweep byte for byte. Skips without `sbatch`, unless ENTENTE_REQUIRE_EXTERNAL=1.
#[test]
fn slurm_job_array_matches_the_unsharded_sweep() {
    let have = std::process::Command::new("sinfo")
        .arg("-h")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !have {
        assert!(
            std::env::var("ENTENTE_REQUIRE_EXTERNAL").as_deref() != Ok("1"),
            "Slurm is required (ENTENTE_REQUIRE_EXTERNAL=1): run .ci/slurm start"
        );
        eprintln!("skipped: no Slurm cluster (run .ci/slurm start to enable this test)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let whole = tmp.path().join("whole");
    sweep(&whole, &[]);
    let out = tmp.path().join("slurm");
    let bin = assert_cmd::cargo::cargo_bin("entente");
    let deploy = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../deploy/slurm");
    let status = std::process::Command::new("sbatch")
        .current_dir(tmp.path())
        .env("ENTENTE", &bin)
        .env("ENTENTE_DATA", data_dir())
        .env("RUNS", "60")
        .args(["--wait", "--array=0-3"])
        .arg(deploy.join("sweep.sbatch"))
        .arg(baseline())
        .arg(&out)
        .args(&SWEEP[..4])
        .status()
        .unwrap();
    assert!(
        status.success(),
        "the array failed: see {}",
        tmp.path().display()
    );
    let status = std::process::Command::new("sbatch")
        .current_dir(tmp.path())
        .env("ENTENTE", &bin)
        .arg("--wait")
        .arg(deploy.join("merge.sbatch"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "the merge job failed");
    same_files(&whole, &out, 2);
}
