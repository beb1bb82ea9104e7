//! What the CLI's integration tests share: the binary in a clean environment, the shipped
//! scenarios, and the check that a failure is one line with exit code 2.
//!
//! Each test binary includes this module (`mod common;`) and uses its own part of it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub mod shard;

/// The binary with none of the variables that would change what it reads or which shard it is:
/// `ENTENTE_CURATED`, Slurm's and Kubernetes' array indices, `ENTENTE_SHARDS`.
pub fn bare() -> Command {
    let mut c = Command::cargo_bin("entente").unwrap();
    c.env_remove("ENTENTE_CURATED")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("SLURM_ARRAY_TASK_COUNT")
        .env_remove("JOB_COMPLETION_INDEX")
        .env_remove("ENTENTE_SHARDS");
    c
}

/// [`bare`] reading the real data folder (`entente_testkit::data_location`).
pub fn entente() -> Command {
    let mut c = bare();
    c.env("ENTENTE_DATA", entente_testkit::data_location());
    c
}

/// The shipped scenarios (`scenarios/`).
pub fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

/// The shipped baseline scenario's path, as an argument.
pub fn baseline() -> String {
    scenarios().join("baseline.toml").display().to_string()
}

/// A file's bytes, naming the file when it cannot be read.
pub fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Runs a command that must fail with exit code 2 and one line on stderr; returns that line.
pub fn err_of(cmd: &mut Command) -> String {
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(2), "should fail with 2");
    one_line(o.stderr)
}

/// [`err_of`] for `entente ARGS`, naming the arguments when it does not fail as it should.
pub fn stderr_of(args: &[&str]) -> String {
    let o = entente().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{args:?} should fail with 2");
    one_line(o.stderr)
}

fn one_line(stderr: Vec<u8>) -> String {
    let e = String::from_utf8(stderr).unwrap();
    assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
    e
}
