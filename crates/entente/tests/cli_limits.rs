//! Caps on user-supplied sizes and checks on odd-but-valid values (issue #19 rows 7, 11, 12, 21, 22):
//! each is refused with one line naming the field (and the line, for a file) before anything is
//! allocated for it. Commands that could allocate without bound on a regression run under an
//! address-space limit (`ulimit -v`), so a regression fails the test instead of exhausting the machine.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::scenarios;

fn baseline() -> String {
    std::fs::read_to_string(scenarios().join("baseline.toml")).unwrap()
}

/// Runs the binary with an empty data directory (the built-in calibration) under `ulimit -v` of
/// 4 GiB: an allocation without bound fails fast instead of exhausting the machine.
fn bounded(dir: &Path, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("entente");
    let empty = dir.join("no-data");
    std::fs::create_dir_all(&empty).unwrap();
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4194304 && exec \"$@\"")
        .arg("sh")
        .arg(bin)
        .arg("--data-dir")
        .arg(&empty)
        .args(args)
        .env_remove("ENTENTE_DATA")
        .env_remove("ENTENTE_CURATED")
        .output()
        .unwrap()
}

/// The command failed with exit code 2 and one error line containing every `want`.
fn refused(o: &Output, want: &[&str]) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "exit {:?}: {err}", o.status);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for w in want {
        assert!(err.contains(w), "wanted {w:?}: {err}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// Row 7: 20,000 allies and a million runs (2 MB) asked for 640 GB and aborted.
#[test]
fn a_scenario_with_too_many_allies_is_refused_on_its_count() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = baseline().replace("runs = 10000", "runs = 1000000");
    for i in 0..20_000 {
        s.push_str(&format!(
            "\n[[ally]]\nid = \"x{i}\"\nstates = [\"FRA\"]\ntheatre = \"europe\"\nexposure = 0.1\necon_dependence = 0.01\n"
        ));
    }
    assert!(s.len() > 1_500_000);
    let f = write(tmp.path(), "many.toml", &s);
    let out = tmp.path().join("o").display().to_string();
    let o = bounded(tmp.path(), &["simulate", &f, "--out", &out]);
    refused(&o, &["many.toml:", "ally[256]", "allies; at most 256"]);
    assert!(!Path::new(&out).exists());
}

/// Row 7: runs × measures is capped before the runs' table is allocated.
#[test]
fn runs_times_measures_is_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = baseline();
    let states = ["GBR", "FRA", "DEU", "POL", "ITA", "JPN", "KOR", "AUS"];
    for i in 0..200 {
        s.push_str(&format!(
            "\n[[ally]]\nid = \"x{i}\"\nstates = [\"{}\"]\ntheatre = \"europe\"\nexposure = 0.1\necon_dependence = 0.01\n",
            states[i % states.len()]
        ));
    }
    let f = write(tmp.path(), "wide.toml", &s);
    let out = tmp.path().join("o").display().to_string();
    let o = bounded(
        tmp.path(),
        &["simulate", &f, "--runs", "1000000", "--out", &out],
    );
    refused(&o, &["1000000 runs of", "use fewer runs"]);
}

/// Row 11: `--threads 100000` spent minutes creating threads.
#[test]
fn too_many_threads_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let base = scenarios().join("baseline.toml").display().to_string();
    let out = tmp.path().join("o").display().to_string();
    let o = bounded(
        tmp.path(),
        &[
            "simulate",
            &base,
            "--runs",
            "10",
            "--threads",
            "100000",
            "--out",
            &out,
        ],
    );
    refused(&o, &["--threads 100000", "at most 256"]);
}

/// Row 12: a sweep of a million points was refused only after every point was built.
#[test]
fn a_huge_sweep_is_refused_on_its_size() {
    let tmp = tempfile::tempdir().unwrap();
    let base = scenarios().join("baseline.toml").display().to_string();
    let out = tmp.path().join("o").display().to_string();
    let o = bounded(
        tmp.path(),
        &[
            "sweep",
            &base,
            "--param",
            "coordination=0:0.999:0.001",
            "--param",
            "spillover=0:0.999:0.001",
            "--out",
            &out,
        ],
    );
    refused(&o, &["1,000,000 points; at most 10,000"]);
}

/// Row 21: a float field the file writes as an integer takes a fraction in a sweep.
#[test]
fn a_sweep_of_a_float_field_written_as_an_integer_takes_fractions() {
    let tmp = tempfile::tempdir().unwrap();
    let s = baseline();
    assert!(s.contains("half_strength_km = "), "the baseline sets it");
    let f = write(
        tmp.path(),
        "int.toml",
        &regex_replace_half_strength(&s, "10000"),
    );
    let out = tmp.path().join("o").display().to_string();
    let o = bounded(
        tmp.path(),
        &[
            "sweep",
            &f,
            "--param",
            "calibration.half_strength_km=5000.5",
            "--runs",
            "20",
            "--out",
            &out,
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = bounded(
        tmp.path(),
        &[
            "sweep",
            &f,
            "--param",
            "seed=1e30",
            "--runs",
            "20",
            "--out",
            &out,
        ],
    );
    refused(&o, &["seed", "too large for a whole number"]);
}

fn regex_replace_half_strength(s: &str, v: &str) -> String {
    s.lines()
        .map(|l| {
            if l.trim_start().starts_with("half_strength_km") {
                format!("half_strength_km = {v}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Row 22: odd-but-valid values are refused, naming the field and the line.
#[test]
fn odd_values_are_refused_naming_field_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let s = baseline();
    let cases: Vec<(&str, String, String, &str)> = vec![
        (
            "empty-id",
            s.replace("id = \"uk\"", "id = \"\""),
            "ally[0].id".into(),
            "the id is empty",
        ),
        (
            "control-id",
            s.replace("id = \"uk\"", "id = \"u\\u001b[31mk\""),
            "ally[0].id".into(),
            "control character",
        ),
        (
            "repeated-state",
            s.replacen(
                "states = [\"GBR\"]",
                &format!("states = [{}]", vec!["\"GBR\""; 200_000].join(", ")),
                1,
            ),
            "ally[0].states".into(),
            "200000 states; at most 256",
        ),
        (
            "twice",
            s.replacen("states = [\"GBR\"]", "states = [\"GBR\", \"GBR\"]", 1),
            "ally[0].states[1]".into(),
            "'GBR' appears twice",
        ),
        (
            "challenger-ally",
            s.replacen("states = [\"GBR\"]", "states = [\"RUS\"]", 1),
            "ally[0].states[0]".into(),
            "'RUS' is a state of challenger 'russia'",
        ),
    ];
    for (name, text, field, msg) in cases {
        let f = write(tmp.path(), &format!("{name}.toml"), &text);
        let out = tmp.path().join("o").display().to_string();
        let o = bounded(tmp.path(), &["simulate", &f, "--runs", "10", "--out", &out]);
        refused(&o, &[&format!("{name}.toml:"), &field, msg]);
        // The file and its line: `name.toml:LINE: field ...`.
        let err = String::from_utf8_lossy(&o.stderr);
        let after = &err[err.find(&format!("{name}.toml:")).unwrap() + name.len() + 6..];
        assert!(
            after.starts_with(|c: char| c.is_ascii_digit()),
            "{name}: no line: {err}"
        );
        // Control characters reach the terminal escaped.
        assert!(!err.contains('\u{1b}'), "{name}: raw escape: {err:?}");
    }
}

/// Row 5: a write past the file-size limit (`ulimit -f`) killed the process with SIGXFSZ and left
/// staged files behind. Now the write fails with EFBIG: one line, exit code 2, nothing left in the
/// output folder.
#[cfg(unix)]
#[test]
fn a_write_past_the_file_size_limit_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let bin = assert_cmd::cargo::cargo_bin("entente");
    let empty = tmp.path().join("no-data");
    std::fs::create_dir_all(&empty).unwrap();
    let scenario = scenarios().join("baseline.toml");
    // 64 KiB: the summary fits, runs.csv of 5,000 runs does not.
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 64 && exec \"$@\"")
        .arg("sh")
        .arg(bin)
        .arg("--data-dir")
        .arg(&empty)
        .args([
            "simulate",
            &scenario.display().to_string(),
            "--runs",
            "5000",
        ])
        .arg("--out")
        .arg(&out)
        .env_remove("ENTENTE_DATA")
        .env_remove("ENTENTE_CURATED")
        .output()
        .unwrap();
    refused(&o, &["too large"]);
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left behind: {left:?}");
}
