//! What the sharded sweep and sensitivity tests share: a study run as shards the ways a user runs
//! them, and the comparison of its files with the unsharded study's.

use super::{baseline, entente, err_of, read};
use std::path::Path;

/// How to run a study's shards: `n` shards, some by `--shard I/N`, one by Slurm's array variables
/// and the last by Kubernetes' completion index.
pub struct Shards<'a> {
    /// `sweep` or `sensitivity`.
    pub command: &'a str,
    /// The design's arguments.
    pub design: &'a [&'a str],
    pub n: usize,
    pub by_spec: &'a [usize],
    pub by_slurm: usize,
    pub by_index: usize,
    /// A file the merge writes (it must not exist before the last shard).
    pub product: &'a str,
}

impl Shards<'_> {
    /// Runs the shards into `dir`, checks that a merge before the last shard names the missing one
    /// and writes nothing, then runs the last shard and merges.
    pub fn run_and_merge(&self, dir: &Path) {
        for i in self.by_spec {
            entente()
                .arg(self.command)
                .arg(baseline())
                .args(self.design)
                .args(["--shard", &format!("{i}/{}", self.n), "--out"])
                .arg(dir)
                .assert()
                .success();
        }
        entente()
            .env("SLURM_ARRAY_TASK_ID", self.by_slurm.to_string())
            .env("SLURM_ARRAY_TASK_COUNT", self.n.to_string())
            .arg(self.command)
            .arg(baseline())
            .args(self.design)
            .args(["--shard", "auto", "--out"])
            .arg(dir)
            .assert()
            .success();
        let e = err_of(entente().arg("merge").arg(dir));
        let missing = format!("shard-{}-of-{} is missing", self.by_index, self.n);
        assert!(e.contains(&missing), "{e}");
        assert!(!dir.join(self.product).exists());
        entente()
            .env("JOB_COMPLETION_INDEX", self.by_index.to_string())
            .arg(self.command)
            .arg(baseline())
            .args(self.design)
            .args(["--shard", "auto", "--shards", &self.n.to_string(), "--out"])
            .arg(dir)
            .assert()
            .success();
        entente().arg("merge").arg(dir).assert().success();
    }
}

/// Every CSV and SVG of `a` (but its manifest) is in `b`, byte for byte; at least `min` of them.
pub fn same_files(a: &Path, b: &Path, min: usize) {
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
    assert!(n >= min, "compared {n} files");
}
