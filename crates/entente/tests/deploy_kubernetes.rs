//! The Kubernetes Jobs of `deploy/kubernetes/` validate against the Kubernetes API's own schema
//! (batch/v1 Job), strictly (no unknown fields), with PyPI's `kubernetes-validate` (skipped when it
//! is missing, a failure under `ENTENTE_REQUIRE_EXTERNAL=1`); and a Job with a misspelt field or a
//! wrong type is rejected, so the check can fail. Each shard Job is Indexed and tells `--shard auto`
//! its count.

use std::path::PathBuf;
use std::process::Command;

fn deploy() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../deploy/kubernetes")
}

fn validator() -> bool {
    let ok = Command::new("kubernetes-validate")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    entente_testkit::external(ok, "kubernetes-validate (PyPI)")
}

fn validate(files: &[PathBuf]) -> (bool, String) {
    let o = Command::new("kubernetes-validate")
        .args(["--strict", "--no-warn"])
        .args(files)
        .output()
        .expect("kubernetes-validate runs");
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

fn yamls() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(deploy())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn jobs_are_indexed_and_name_their_shard_count() {
    let files = yamls();
    assert!(files.len() >= 2, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.contains("completionMode: Indexed"), "{}", f.display());
        let completions = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("completions: "))
            .unwrap();
        let shards = text
            .split("name: ENTENTE_SHARDS")
            .nth(1)
            .and_then(|r| r.lines().nth(1))
            .and_then(|l| l.trim().strip_prefix("value: "))
            .map(|v| v.trim_matches('"'))
            .unwrap();
        assert_eq!(completions, shards, "{}", f.display());
        assert!(text.contains("\"--shard\", \"auto\""), "{}", f.display());
        assert!(text.contains("\"entente\", \"merge\""), "{}", f.display());
    }
}

#[test]
fn jobs_validate_against_the_kubernetes_schema() {
    if !validator() {
        return;
    }
    let files = yamls();
    let (ok, out) = validate(&files);
    assert!(ok, "{out}");
    assert_eq!(out.matches("passed").count(), 2 * files.len(), "{out}");
    // The check can fail: a misspelt field, and a count that is not a number.
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&files[0]).unwrap();
    for (from, to) in [
        ("completionMode: Indexed", "completionMod: Indexed"),
        ("completions: ", "completions: many-"),
    ] {
        assert!(text.contains(from));
        let bad = tmp.path().join("bad.yaml");
        std::fs::write(&bad, text.replacen(from, to, 1)).unwrap();
        let (ok, out) = validate(&[bad]);
        assert!(!ok, "{to}: {out}");
    }
}
