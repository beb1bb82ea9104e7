//! Every command writes its outputs through the one output writer (`entente-output`): a target that
//! is not a regular file is refused and left alone (issue #19 row 3), a failure midway leaves no
//! partial set and no temporary file (row 5), and files get the umask's permissions (row 20).
//! Devices are made with `mknod` in a temporary folder, never taken from `/dev`.

use assert_cmd::Command;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use entente_data::testing::locate as data_dir;

mod common;
use common::{entente, scenarios};

/// Every entry under `dir`, recursively, as relative paths, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            if p.is_dir() && !p.is_symlink() {
                walk(root, &p, out);
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .unwrap();
    assert!(ok.success());
}

/// A null character device in a temporary folder; `false` when not root.
fn mknod_null(p: &Path) -> bool {
    std::process::Command::new("mknod")
        .arg(p)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs a command that must fail with one line naming `want`.
fn fails(cmd: &mut Command, want: &str) {
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    // Notes may come first; the error is one line, and the last.
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "one error line: {err}");
    assert_eq!(err.trim_end().lines().last(), Some(errors[0]), "{err}");
    assert!(errors[0].contains(want), "wanted {want:?}: {err}");
}

fn is_fifo(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_fifo())
}

fn is_char_device(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_char_device())
}

/// The commands with a file `--out`, each aimed at `target`.
fn file_commands(target: &Path) -> Vec<Command> {
    let t = target.to_str().unwrap();
    let mut v = Vec::new();
    let mut c = entente();
    c.args(["network", "--year", "2024", "--out", t]);
    v.push(c);
    let mut c = entente();
    c.args([
        "trends",
        "--measure",
        "ei_union",
        "--from",
        "2020",
        "--to",
        "2021",
    ])
    .args(["--out", t]);
    v.push(c);
    let mut c = entente();
    c.args([
        "frame",
        "state-year",
        "--from",
        "2000",
        "--to",
        "2000",
        "--out",
        t,
    ]);
    v.push(c);
    let mut c = entente();
    c.args([
        "similarity",
        "--source",
        "curated",
        "--from",
        "2024",
        "--to",
        "2024",
    ])
    .args(["--measures", "s", "--out", t]);
    v.push(c);
    v
}

#[test]
fn a_fifo_as_out_is_refused_and_left_a_fifo() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("out.csv");
    mkfifo(&fifo);
    for mut c in file_commands(&fifo) {
        fails(&mut c, "a FIFO");
        assert!(is_fifo(&fifo), "{c:?} replaced the FIFO");
        assert_eq!(listing(tmp.path()), ["out.csv"], "{c:?} left files");
    }
    // A simulation whose runs.csv is a FIFO: nothing written at all.
    let out = tmp.path().join("sim");
    std::fs::create_dir(&out).unwrap();
    mkfifo(&out.join("runs.csv"));
    fails(
        entente()
            .arg("simulate")
            .arg(scenarios().join("baseline.toml"))
            .args(["--runs", "20", "--out"])
            .arg(&out),
        "a FIFO",
    );
    assert!(is_fifo(&out.join("runs.csv")));
    assert_eq!(listing(&out), ["runs.csv"]);
}

#[test]
fn a_device_as_out_is_refused_and_left_a_device() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dev = tmp.path().join("null.csv");
    if !mknod_null(&dev) {
        eprintln!("skipped: mknod needs root (the FIFO test covers non-root)");
        return;
    }
    for mut c in file_commands(&dev) {
        fails(&mut c, "a character device");
        assert!(is_char_device(&dev), "{c:?} replaced the device");
        assert_eq!(listing(tmp.path()), ["null.csv"], "{c:?} left files");
    }
}

#[test]
fn a_simulation_that_cannot_write_one_file_writes_none() {
    for blocked in ["runs.csv", "manifest.json"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("sim");
        std::fs::create_dir_all(out.join(blocked)).unwrap();
        fails(
            entente()
                .arg("simulate")
                .arg(scenarios().join("baseline.toml"))
                .args(["--runs", "20", "--out"])
                .arg(&out),
            blocked,
        );
        // No summary without its runs and manifest, no temporary file.
        assert_eq!(listing(&out), [blocked], "{blocked}");
    }
    // A nested --out folder: the files already there stay as they are.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("new/sim");
    std::fs::create_dir_all(tmp.path().join("new")).unwrap();
    std::fs::create_dir_all(out.join("summary.json")).unwrap();
    fails(
        entente()
            .arg("simulate")
            .arg(scenarios().join("baseline.toml"))
            .args(["--runs", "20", "--out"])
            .arg(&out),
        "summary.json",
    );
    assert_eq!(listing(&out), ["summary.json"]);
}

#[test]
fn an_output_whose_manifest_cannot_be_written_is_not_left_in_place() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    for (name, args) in [
        (
            "t.csv",
            vec![
                "trends",
                "--measure",
                "ei_union",
                "--from",
                "2020",
                "--to",
                "2021",
            ],
        ),
        (
            "f.csv",
            vec!["frame", "state-year", "--from", "2000", "--to", "2000"],
        ),
    ] {
        let out = tmp.path().join(name);
        let manifest = tmp.path().join(format!("{name}.manifest.json"));
        std::fs::create_dir(&manifest).unwrap();
        fails(
            entente().args(&args).arg("--out").arg(&out),
            "manifest.json",
        );
        assert!(
            !out.exists(),
            "{name} was renamed into place without its manifest"
        );
        std::fs::remove_dir(&manifest).unwrap();
        assert!(listing(tmp.path()).is_empty(), "{:?}", listing(tmp.path()));
    }
}

#[test]
fn a_sweep_that_cannot_write_its_manifest_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sw");
    std::fs::create_dir_all(out.join("manifest.json")).unwrap();
    fails(
        entente()
            .arg("sweep")
            .arg(scenarios().join("baseline.toml"))
            .args(["--param", "us.deployable_share=0.3,0.5", "--runs", "10"])
            .arg("--out")
            .arg(&out),
        "manifest.json",
    );
    assert_eq!(listing(&out), ["manifest.json"]);
}

/// Under umask 022 every output is 0644, like any file a program creates (not tempfile's 0600).
#[test]
fn outputs_get_the_umask_permissions() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("entente");
    let data = data_dir();
    let t = tmp.path();
    let runs: Vec<(Vec<String>, Vec<PathBuf>)> = vec![
        (
            vec![
                "frame",
                "state-year",
                "--from",
                "2000",
                "--to",
                "2000",
                "--out",
            ]
            .into_iter()
            .map(String::from)
            .chain([t.join("f.csv").display().to_string()])
            .collect(),
            vec![t.join("f.csv"), t.join("f.csv.manifest.json")],
        ),
        (
            [
                "similarity",
                "--source",
                "curated",
                "--from",
                "2024",
                "--to",
                "2024",
            ]
            .into_iter()
            .map(String::from)
            .chain(["--measures".into(), "s".into(), "--out".into()])
            .chain([t.join("s.parquet").display().to_string()])
            .collect(),
            vec![t.join("s.parquet"), t.join("s.parquet.manifest.json")],
        ),
        (
            vec![
                "brief".to_string(),
                "--out".into(),
                t.join("report").display().to_string(),
            ],
            vec![t.join("report/index.html")],
        ),
        (
            vec![
                "trends".to_string(),
                "--measure".into(),
                "ei_union".into(),
                "--out".into(),
                t.join("t.svg").display().to_string(),
            ],
            vec![t.join("t.svg"), t.join("t.svg.manifest.json")],
        ),
    ];
    for (args, files) in runs {
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg("umask 022; exec \"$@\"")
            .arg("sh")
            .arg(&bin)
            .args(&args)
            .env("ENTENTE_DATA", &data)
            .env_remove("ENTENTE_CURATED")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        for f in files {
            let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "{}: {mode:o}", f.display());
        }
    }
}
