use super::*;
use std::process::Command;

/// Every entry of a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn writes_a_set_and_leaves_no_temporary_file() {
    let d = tempfile::tempdir().unwrap();
    let mut o = Outputs::new();
    o.write(&d.path().join("a.csv"), b"a").unwrap();
    let mut f = o.create(&d.path().join("b.json")).unwrap();
    f.write_all(b"b").unwrap();
    drop(f);
    // Nothing is in place before the commit.
    assert!(!d.path().join("a.csv").exists());
    o.commit().unwrap();
    assert_eq!(listing(d.path()), ["a.csv", "b.json"]);
    assert_eq!(fs::read(d.path().join("a.csv")).unwrap(), b"a");
    assert_eq!(fs::read(d.path().join("b.json")).unwrap(), b"b");
}

#[cfg(unix)]
#[test]
fn files_get_the_umask_permissions_like_any_created_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    // A file created the ordinary way gets 0666 & !umask.
    let plain = d.path().join("plain");
    File::create(&plain).unwrap();
    let want = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    let out = d.path().join("out.csv");
    write_file(&out, b"x").unwrap();
    let got = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(got, want, "{got:o} vs {want:o}");
    assert_ne!(got, 0o600, "tempfile's private default leaked through");
}

#[cfg(unix)]
#[test]
fn a_fifo_target_is_refused_and_left_alone() {
    use std::os::unix::fs::FileTypeExt;
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("pipe.csv");
    let ok = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(ok.success());
    let err = write_file(&fifo, b"x").unwrap_err();
    assert!(
        matches!(err, OutputError::NotRegular { kind: "a FIFO", .. }),
        "{err}"
    );
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(listing(d.path()), ["pipe.csv"]);
}

/// A character device made in a temporary folder (never under /dev): only root can make one.
#[cfg(unix)]
#[test]
fn a_device_target_is_refused_and_left_alone() {
    use std::os::unix::fs::FileTypeExt;
    let d = tempfile::tempdir().unwrap();
    let dev = d.path().join("null");
    let made = Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let err = write_file(&dev, b"x").unwrap_err();
    assert!(
        matches!(
            err,
            OutputError::NotRegular {
                kind: "a character device",
                ..
            }
        ),
        "{err}"
    );
    assert!(fs::metadata(&dev).unwrap().file_type().is_char_device());
    assert_eq!(listing(d.path()), ["null"]);
}

#[test]
fn a_folder_in_the_way_is_refused() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("runs.csv")).unwrap();
    let mut o = Outputs::new();
    o.write(&d.path().join("summary.json"), b"{}").unwrap();
    let err = o.write(&d.path().join("runs.csv"), b"x").unwrap_err();
    assert!(err.to_string().contains("a folder"), "{err}");
    drop(o);
    assert_eq!(listing(d.path()), ["runs.csv"]);
}

#[test]
fn dropping_without_commit_removes_temporary_files_and_created_folders() {
    let d = tempfile::tempdir().unwrap();
    let sub = d.path().join("a/b");
    let mut o = Outputs::new();
    o.create_dir(&sub).unwrap();
    o.write(&sub.join("x.csv"), b"x").unwrap();
    assert_eq!(listing(&sub).len(), 1);
    drop(o);
    assert!(listing(d.path()).is_empty());
}

#[test]
fn a_failed_rename_rolls_every_target_back() {
    let d = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        d.path().join("a.csv"),
        d.path().join("b.csv"),
        d.path().join("c.json"),
    );
    fs::write(&a, b"old a").unwrap();
    for fail_at in 0..3 {
        let mut o = Outputs::new();
        o.fail_rename_at = Some(fail_at);
        o.write(&a, b"new a").unwrap();
        o.write(&b, b"new b").unwrap();
        o.write(&c, b"new c").unwrap();
        let err = o.commit().unwrap_err();
        assert!(err.to_string().contains("injected"), "{err}");
        assert_eq!(fs::read(&a).unwrap(), b"old a", "fail at {fail_at}");
        assert_eq!(listing(d.path()), ["a.csv"], "fail at {fail_at}");
    }
    // And with no failure all three are replaced, with no backup left.
    let mut o = Outputs::new();
    o.write(&a, b"new a").unwrap();
    o.write(&b, b"new b").unwrap();
    o.commit().unwrap();
    assert_eq!(fs::read(&a).unwrap(), b"new a");
    assert_eq!(listing(d.path()), ["a.csv", "b.csv"]);
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let d = tempfile::tempdir().unwrap();
    let err = write_file(&d.path().join("no/such/x.csv"), b"x").unwrap_err();
    assert!(err.to_string().contains("no/such"), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn the_same_target_twice_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let mut o = Outputs::new();
    o.write(&d.path().join("x"), b"1").unwrap();
    assert!(matches!(
        o.write(&d.path().join("x"), b"2"),
        Err(OutputError::Twice { .. })
    ));
}

#[test]
fn created_dirs_are_removed_unless_kept() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("a/b/c");
    {
        let created = CreatedDirs::create(&deep).unwrap();
        assert!(deep.is_dir());
        drop(created);
    }
    assert!(!root.path().join("a").exists());

    CreatedDirs::create(&deep).unwrap().keep();
    assert!(deep.is_dir());

    // Only what was created is removed, and a directory that gained content stays.
    let deeper = deep.join("d/e");
    let created = CreatedDirs::create(&deeper).unwrap();
    fs::write(deep.join("d/keep.txt"), b"x").unwrap();
    drop(created);
    assert!(!deeper.exists());
    assert!(deep.join("d/keep.txt").is_file());
}

#[test]
fn a_file_in_the_way_of_a_folder_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    fs::write(root.path().join("f"), b"x").unwrap();
    let err = CreatedDirs::create(&root.path().join("f/sub")).unwrap_err();
    assert!(matches!(err, OutputError::Io { .. }), "{err}");
    assert!(err.to_string().contains("f/sub"), "{err}");
    assert!(!root.path().join("f").is_dir());
    let mut o = Outputs::new();
    assert!(matches!(
        o.create_dir(&root.path().join("f")),
        Err(OutputError::NotAFolder { .. })
    ));
}

#[test]
fn sets_merged_commit_together_and_nested_folders_go_on_failure() {
    let root = tempfile::tempdir().unwrap();
    let mut all = Outputs::new();
    for sub in ["a", "a/b", "c"] {
        let mut one = Outputs::new();
        let dir = root.path().join(sub);
        one.create_dir(&dir).unwrap();
        one.write(&dir.join("x"), sub.as_bytes()).unwrap();
        all.extend(one);
    }
    drop(all);
    assert!(listing(root.path()).is_empty());

    let mut all = Outputs::new();
    for sub in ["a", "a/b"] {
        let mut one = Outputs::new();
        let dir = root.path().join(sub);
        one.create_dir(&dir).unwrap();
        one.write(&dir.join("x"), sub.as_bytes()).unwrap();
        all.extend(one);
    }
    all.commit().unwrap();
    assert_eq!(fs::read(root.path().join("a/b/x")).unwrap(), b"a/b");
}
