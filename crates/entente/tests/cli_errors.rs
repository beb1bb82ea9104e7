//! Errors for people (issue #19 rows 4, 14, 19, 23): one line, the cause once, control characters
//! escaped; a closed stderr or a non-UTF-8 path is not a panic.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::scenarios;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("entente")
}

/// The binary with an empty data directory.
fn entente(dir: &Path) -> Command {
    let empty = dir.join("no-data");
    std::fs::create_dir_all(&empty).unwrap();
    let mut c = Command::new(bin());
    c.arg("--data-dir")
        .arg(empty)
        .env_remove("ENTENTE_DATA")
        .env_remove("ENTENTE_CURATED");
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Row 19: stderr closed (or a full device) is not a panic: the exit code is still 2.
#[test]
fn a_closed_or_full_stderr_is_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("no-data");
    std::fs::create_dir_all(&empty).unwrap();
    let missing = tmp.path().join("missing.toml");
    let out = tmp.path().join("o");
    // With fd 2 closed, every write to stderr fails.
    let o = Command::new("sh")
        .arg("-c")
        .arg("exec \"$@\" 2>&-")
        .arg("sh")
        .arg(bin())
        .arg("--data-dir")
        .arg(&empty)
        .arg("simulate")
        .arg(&missing)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    // A full device (like /dev/full), made in the temporary folder when we are root.
    let full = tmp.path().join("full");
    let made = Command::new("mknod")
        .arg(&full)
        .args(["c", "1", "7"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let f = std::fs::OpenOptions::new().write(true).open(&full).unwrap();
        let o = entente(tmp.path())
            .arg("simulate")
            .arg(&missing)
            .arg("--out")
            .arg(&out)
            .stderr(f)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{o:?}");
    }
}

/// Row 4: a --out path that is not UTF-8 is written, with its manifest; no panic.
#[test]
fn a_non_utf8_out_path_works() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join(OsStr::from_bytes(b"\xff-trends.csv"));
    let o = entente(tmp.path())
        .args([
            "trends",
            "--measure",
            "ei_union",
            "--from",
            "2020",
            "--to",
            "2021",
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(out.is_file());
    let mut m = out.as_os_str().to_owned();
    m.push(".manifest.json");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(PathBuf::from(m)).unwrap()).unwrap();
    assert!(manifest["command"].as_str().unwrap().contains("trends"));
    // A sweep into a non-UTF-8 folder: all its files, manifest included.
    let dir = tmp.path().join(OsStr::from_bytes(b"sw\xfe"));
    let o = entente(tmp.path())
        .arg("sweep")
        .arg(scenarios().join("baseline.toml"))
        .args(["--param", "coordination=0.2,0.8", "--runs", "10", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(dir.join("sweep.csv").is_file() && dir.join("manifest.json").is_file());
}

/// Row 23: an I/O error's cause is printed once.
#[test]
fn an_io_error_says_its_cause_once() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let o = entente(tmp.path())
        .arg("simulate")
        .arg(scenarios().join("baseline.toml"))
        .args(["--runs", "10", "--out"])
        .arg(file.join("sub"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

/// Row 23: `data add` of something that is not a regular file says so (not "no such file").
#[test]
fn data_add_of_a_fifo_says_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("states2016.csv");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let o = entente(tmp.path())
        .args(["data", "add"])
        .arg(&fifo)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

/// Row 14: several bad curated records are one line; an escape sequence in a record is shown
/// escaped, not sent to the terminal.
#[test]
fn bad_records_are_one_line_with_escapes_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let cur = tmp.path().join("curated");
    std::fs::create_dir(&cur).unwrap();
    // Five files with a bad record each, whose names carry an ANSI escape.
    for i in 0..5 {
        std::fs::write(
            cur.join(format!("\u{1b}[31mbad{i}.toml")),
            format!("[[record]]\nid = \"bad-{i}\"\n"),
        )
        .unwrap();
    }
    let o = entente(tmp.path())
        .arg("--curated")
        .arg(&cur)
        .arg("brief")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\x1b[31m"), "{err:?}");
}

/// Messages carry no Rust syntax: a range is "between 1 and 1,000,000", not `1..=1000000`.
#[test]
fn ranges_are_said_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    for (args, want) in [
        (
            vec!["simulate", "x.toml", "--runs", "0", "--out", "o"],
            "0 is not between 1 and 1,000,000",
        ),
        (
            vec!["network", "--year", "1900"],
            "1900 is not between 1949 and 2025",
        ),
    ] {
        let o = entente(tmp.path()).args(&args).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(want), "{err}");
        assert!(!err.contains("..="), "{err}");
    }
}
