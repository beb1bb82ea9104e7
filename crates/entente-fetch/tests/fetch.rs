//! End-to-end tests of `fetch_all` and `install_file` against a local HTTP server that serves the
//! real data folder (`$ENTENTE_DATA`, else `../shared/data` beside the workspace).

mod support;

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use entente_fetch::{
    fetch_all, install_file, sha256_file, FetchEntry, FetchError, FetchOptions, FetchOutcome,
};
use sha2::{Digest, Sha256};
use support::{corrupt, data_root, names, snapshot, Fault, TestServer};

/// The publishers' checksums and sizes, as listed in the data folder's `SOURCE.md` files.
const PUBLISHED: &[(&str, u64, &str)] = &[
    (
        "cow_states2016/states2016.csv",
        10845,
        "3d78d333ea75a7791bf5772b203d2ab96b27e70ed52825f5293c474195f47888",
    ),
    (
        "cow_states2016/majors2016.csv",
        539,
        "6ba42de12f2f63401ff5a61e6d0037d17b5dd03ed9aca07d0bc16660e03694eb",
    ),
    (
        "cow_states2016/system2016.csv",
        300836,
        "280e10b408c0aefb3b452e1d35d59a54d78935c08ac3a6039c47cb982cdc9f17",
    ),
    (
        "cow_nmc_v6.0/NMC-60-abridged.csv",
        920464,
        "cd8465ea476da51d3e91261e216e96cfaf1fbf309dbe6bfc25a99bfb9fa7cfde",
    ),
    (
        "cow_mid_4.3/MIDA 4.3.csv",
        169733,
        "a9be9a598b6f07e99b9edf04718d569dfc90f3c9f4d4edbf0b32c39cef227820",
    ),
];

const STATES: &str = "cow_states2016/states2016.csv";
const MAJORS: &str = "cow_states2016/majors2016.csv";
const NMC: &str = "cow_nmc_v6.0/NMC-60-abridged.csv";

fn published(rel_path: &str) -> (u64, &'static str) {
    PUBLISHED
        .iter()
        .find(|(p, _, _)| *p == rel_path)
        .map(|&(_, size, sha)| (size, sha))
        .unwrap_or_else(|| panic!("{rel_path} is not in the published list"))
}

fn entry(server: &TestServer, rel_path: &str) -> FetchEntry {
    let (size, sha) = published(rel_path);
    FetchEntry {
        rel_path: rel_path.to_owned(),
        url: server.url(rel_path),
        sha256: sha.to_owned(),
        size: Some(size),
    }
}

/// Quick retries, so that the tests stay fast.
fn opts(retries: u32) -> FetchOptions {
    FetchOptions {
        retries,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(40),
        timeout: Duration::from_secs(5),
        progress: false,
    }
}

fn sha_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn attempts_of(outcome: &FetchOutcome) -> Option<u32> {
    match outcome {
        FetchOutcome::Downloaded { attempts, .. } => Some(*attempts),
        FetchOutcome::AlreadyPresent { .. } => None,
    }
}

#[test]
fn fetches_real_files_and_they_match_the_published_checksums() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let root = data_root();
    let server = TestServer::start(&root);
    let tmp = tempfile::tempdir().unwrap();
    let data_dir = tmp.path().join("data"); // does not exist yet
    let manifest: Vec<FetchEntry> = PUBLISHED
        .iter()
        .map(|(p, _, _)| entry(&server, p))
        .collect();

    let outcomes = fetch_all(&manifest, &data_dir, &opts(4)).unwrap();

    assert_eq!(outcomes.len(), PUBLISHED.len());
    for ((rel_path, size, sha), outcome) in PUBLISHED.iter().zip(&outcomes) {
        assert_eq!(
            outcome,
            &FetchOutcome::Downloaded {
                rel_path: rel_path.to_string(),
                bytes: *size,
                attempts: 1,
                replaced: false
            }
        );
        let dest = data_dir.join(rel_path);
        assert_eq!(&sha256_file(&dest).unwrap(), sha, "{rel_path}");
        assert_eq!(
            fs::read(&dest).unwrap(),
            fs::read(root.join(rel_path)).unwrap(),
            "{rel_path}"
        );
        assert_eq!(server.requests(rel_path), 1, "{rel_path}");
    }
    // Exactly the manifest's files and their directories: no temporary files left.
    let snap = snapshot(&data_dir);
    let mut expected: Vec<String> = PUBLISHED.iter().map(|(p, _, _)| p.to_string()).collect();
    expected.extend(["cow_states2016", "cow_nmc_v6.0", "cow_mid_4.3"].map(String::from));
    expected.sort();
    assert_eq!(names(&snap), expected);
}

#[test]
fn a_second_fetch_downloads_nothing_and_a_stale_file_is_replaced() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    let manifest: Vec<FetchEntry> = [STATES, MAJORS, NMC]
        .iter()
        .map(|p| entry(&server, p))
        .collect();

    fetch_all(&manifest, tmp.path(), &opts(4)).unwrap();
    assert_eq!(server.total_requests(), 3);
    let before = snapshot(tmp.path());

    let again = fetch_all(&manifest, tmp.path(), &opts(4)).unwrap();
    for (outcome, e) in again.iter().zip(&manifest) {
        assert_eq!(
            outcome,
            &FetchOutcome::AlreadyPresent {
                rel_path: e.rel_path.clone(),
                bytes: e.size.unwrap()
            }
        );
    }
    assert_eq!(server.total_requests(), 3, "a second fetch made requests");
    assert_eq!(snapshot(tmp.path()), before);

    // A file with the right size but other content is fetched again and replaced.
    let majors = tmp.path().join(MAJORS);
    let mut stale = fs::read(&majors).unwrap();
    stale[0] ^= 0x20;
    fs::write(&majors, &stale).unwrap();
    let third = fetch_all(&manifest, tmp.path(), &opts(4)).unwrap();
    assert!(matches!(third[0], FetchOutcome::AlreadyPresent { .. }));
    assert_eq!(
        third[1],
        FetchOutcome::Downloaded {
            rel_path: MAJORS.into(),
            bytes: 539,
            attempts: 1,
            replaced: true
        }
    );
    assert!(matches!(third[2], FetchOutcome::AlreadyPresent { .. }));
    assert_eq!(server.total_requests(), 4);
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn a_corrupted_file_is_refused_and_the_data_dir_is_left_as_it_was() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let root = data_root();
    let server = TestServer::start(&root);
    let tmp = tempfile::tempdir().unwrap();
    let data_dir = tmp.path();

    // A data dir with a good file, a user's file and an old version of the file to be corrupted.
    fetch_all(&[entry(&server, MAJORS)], data_dir, &opts(4)).unwrap();
    fs::write(data_dir.join("notes.txt"), b"mine\n").unwrap();
    fs::write(data_dir.join(STATES), b"an old version\n").unwrap();
    let before = snapshot(data_dir);
    let requests_before = server.total_requests();

    server.set_fault(STATES, Fault::Corrupt, u32::MAX);
    server.set_fault(NMC, Fault::Corrupt, u32::MAX);
    let mut corrupted = fs::read(root.join(STATES)).unwrap();
    corrupt(&mut corrupted);
    let corrupted_sha = sha_hex(&corrupted);
    let (_, published_sha) = published(STATES);
    assert_ne!(corrupted_sha, published_sha);

    let manifest = [entry(&server, MAJORS), entry(&server, STATES)];
    let err = fetch_all(&manifest, data_dir, &opts(4)).unwrap_err();
    match &err {
        FetchError::Checksum {
            rel_path,
            url,
            expected,
            actual,
        } => {
            assert_eq!(rel_path, STATES);
            assert_eq!(url, &server.url(STATES));
            assert_eq!(expected, published_sha);
            assert_eq!(actual, &corrupted_sha);
        }
        other => panic!("expected a checksum error, got {other:?}"),
    }
    let message = err.to_string();
    for part in [STATES, &server.url(STATES), published_sha, &corrupted_sha] {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
    // Retried once, in case the transfer was corrupted, and no more; the good file was not fetched.
    assert_eq!(server.requests(STATES), 2);
    assert_eq!(server.total_requests(), requests_before + 2);
    // Byte for byte as before: same names (so no temporary file), same contents.
    assert_eq!(snapshot(data_dir), before);

    // Into a directory that does not exist yet: it is not left behind either.
    let err = fetch_all(&[entry(&server, NMC)], data_dir, &opts(4)).unwrap_err();
    assert!(
        matches!(err, FetchError::Checksum { ref rel_path, .. } if rel_path == NMC),
        "{err}"
    );
    assert_eq!(server.requests(NMC), 2);
    assert_eq!(snapshot(data_dir), before);
}

#[test]
fn one_corrupted_transfer_is_retried_and_then_succeeds() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    server.set_fault(STATES, Fault::Corrupt, 1);
    let out = fetch_all(&[entry(&server, STATES)], tmp.path(), &opts(4)).unwrap();
    assert_eq!(attempts_of(&out[0]), Some(2));
    assert_eq!(server.requests(STATES), 2);
    assert_eq!(
        sha256_file(&tmp.path().join(STATES)).unwrap(),
        published(STATES).1
    );
}

#[test]
fn a_connection_dropped_mid_file_is_retried_and_then_succeeds() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    server.set_fault(NMC, Fault::Truncate, 2);
    let out = fetch_all(&[entry(&server, NMC)], tmp.path(), &opts(4)).unwrap();
    assert_eq!(
        out[0],
        FetchOutcome::Downloaded {
            rel_path: NMC.into(),
            bytes: 920464,
            attempts: 3,
            replaced: false
        }
    );
    assert_eq!(server.requests(NMC), 3);
    assert_eq!(
        sha256_file(&tmp.path().join(NMC)).unwrap(),
        published(NMC).1
    );
    let snap = snapshot(tmp.path());
    assert_eq!(names(&snap), ["cow_nmc_v6.0", NMC]);
}

#[test]
fn a_connection_that_always_drops_fails_clearly_and_leaves_nothing() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    let data_dir = tmp.path().join("data");
    server.set_fault(NMC, Fault::Truncate, u32::MAX);

    let err = fetch_all(&[entry(&server, NMC)], &data_dir, &opts(2)).unwrap_err();
    match &err {
        FetchError::Network {
            rel_path,
            url,
            attempts,
            message,
        } => {
            assert_eq!(rel_path, NMC);
            assert_eq!(url, &server.url(NMC));
            assert_eq!(*attempts, 3);
            assert!(!message.is_empty());
        }
        other => panic!("expected a network error, got {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains(NMC) && text.contains("3 attempt"), "{text}");
    assert_eq!(server.requests(NMC), 3);
    assert!(
        !data_dir.exists(),
        "left behind: {:?}",
        names(&snapshot(&data_dir))
    );
}

#[test]
fn a_body_cut_short_without_content_length_is_caught_by_the_size_and_retried_once() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    server.set_fault(STATES, Fault::TruncateNoLength, u32::MAX);

    let err = fetch_all(&[entry(&server, STATES)], tmp.path(), &opts(4)).unwrap_err();
    match &err {
        FetchError::Size {
            rel_path,
            expected,
            actual,
            ..
        } => {
            assert_eq!(rel_path, STATES);
            assert_eq!(*expected, 10845);
            assert_eq!(*actual, 10845 / 2);
        }
        other => panic!("expected a size error, got {other:?}"),
    }
    assert_eq!(server.requests(STATES), 2);

    // Without a size in the manifest, the checksum catches it.
    let mut no_size = entry(&server, STATES);
    no_size.size = None;
    let err = fetch_all(&[no_size], tmp.path(), &opts(4)).unwrap_err();
    assert!(matches!(err, FetchError::Checksum { .. }), "{err}");
    assert_eq!(server.requests(STATES), 4);
    assert!(snapshot(tmp.path()).is_empty());
}

#[test]
fn a_size_announced_differently_fails_at_once() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    let mut wrong = entry(&server, STATES);
    wrong.size = Some(10844);
    let err = fetch_all(&[wrong], tmp.path(), &opts(4)).unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Size {
                expected: 10844,
                actual: 10845,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(server.requests(STATES), 1);
    assert!(snapshot(tmp.path()).is_empty());
}

#[test]
fn not_found_fails_without_retry() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    let missing = FetchEntry {
        rel_path: "cow_states2016/nope.csv".into(),
        url: server.url("cow_states2016/nope.csv"),
        sha256: published(STATES).1.into(),
        size: None,
    };
    let err = fetch_all(&[missing], tmp.path(), &opts(4)).unwrap_err();
    match &err {
        FetchError::Http {
            rel_path,
            url,
            status,
            attempts,
        } => {
            assert_eq!(rel_path, "cow_states2016/nope.csv");
            assert_eq!(url, &server.url("cow_states2016/nope.csv"));
            assert_eq!((*status, *attempts), (404, 1));
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
    assert!(err.to_string().contains("404"), "{err}");
    assert_eq!(server.requests("cow_states2016/nope.csv"), 1);
    assert!(snapshot(tmp.path()).is_empty());

    // Other 4xx are not retried either.
    server.set_fault(STATES, Fault::Status(403), u32::MAX);
    let err = fetch_all(&[entry(&server, STATES)], tmp.path(), &opts(4)).unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Http {
                status: 403,
                attempts: 1,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(server.requests(STATES), 1);
}

#[test]
fn server_errors_are_retried_then_succeed_or_are_reported() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    server.set_fault(STATES, Fault::Status(500), 2);
    let out = fetch_all(&[entry(&server, STATES)], tmp.path(), &opts(4)).unwrap();
    assert_eq!(attempts_of(&out[0]), Some(3));
    assert_eq!(server.requests(STATES), 3);
    assert_eq!(
        sha256_file(&tmp.path().join(STATES)).unwrap(),
        published(STATES).1
    );

    server.set_fault(MAJORS, Fault::Status(503), u32::MAX);
    let err = fetch_all(&[entry(&server, MAJORS)], tmp.path(), &opts(3)).unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Http {
                status: 503,
                attempts: 4,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(server.requests(MAJORS), 4);
    assert!(!tmp.path().join(MAJORS).exists());
}

#[test]
fn a_stalled_server_times_out_and_is_retried() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    server.set_fault(MAJORS, Fault::Stall(Duration::from_secs(2)), 1);
    let mut o = opts(4);
    o.timeout = Duration::from_millis(200);
    let out = fetch_all(&[entry(&server, MAJORS)], tmp.path(), &o).unwrap();
    assert_eq!(attempts_of(&out[0]), Some(2));
    assert_eq!(server.requests(MAJORS), 2);
}

#[test]
fn a_refused_connection_is_retried_then_reported() {
    // A port that was free a moment ago and has no listener now.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let tmp = tempfile::tempdir().unwrap();
    let e = FetchEntry {
        rel_path: STATES.into(),
        url: format!("http://127.0.0.1:{port}/{STATES}"),
        sha256: published(STATES).1.into(),
        size: None,
    };
    let err = fetch_all(&[e], tmp.path(), &opts(2)).unwrap_err();
    assert!(
        matches!(err, FetchError::Network { attempts: 3, ref rel_path, .. } if rel_path == STATES),
        "{err}"
    );
    assert!(snapshot(tmp.path()).is_empty());
}

#[test]
fn the_run_stops_at_the_first_failing_entry_and_leaves_the_folder_as_it_was() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    // A stale copy of a file that the run would replace.
    let stale = tmp.path().join(MAJORS);
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    std::fs::write(&stale, b"stale").unwrap();
    let before = snapshot(tmp.path());
    let missing = FetchEntry {
        rel_path: "cow_states2016/nope.csv".into(),
        url: server.url("cow_states2016/nope.csv"),
        sha256: published(STATES).1.into(),
        size: None,
    };
    let manifest = [
        entry(&server, MAJORS),
        entry(&server, NMC),
        missing,
        entry(&server, STATES),
    ];
    let err = fetch_all(&manifest, tmp.path(), &opts(4)).unwrap_err();
    assert!(err.to_string().contains("cow_states2016/nope.csv"), "{err}");
    assert_eq!(server.requests(NMC), 1);
    // MAJORS and NMC were downloaded and verified, but the run failed: nothing is installed, the stale file
    // is as it was, and no folder or temporary file is left.
    assert_eq!(server.requests(MAJORS), 1);
    assert_eq!(server.requests(STATES), 0);
    assert_eq!(std::fs::read(&stale).unwrap(), b"stale");
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn a_bad_manifest_is_rejected_before_any_request() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let server = TestServer::start(&data_root());
    let tmp = tempfile::tempdir().unwrap();
    let mut evil = entry(&server, STATES);
    evil.rel_path = "../outside.csv".into();
    let err = fetch_all(&[entry(&server, MAJORS), evil], tmp.path(), &opts(4)).unwrap_err();
    assert!(matches!(err, FetchError::InvalidEntry { .. }), "{err}");
    assert!(err.to_string().contains("../outside.csv"), "{err}");
    assert_eq!(server.total_requests(), 0);
    assert!(snapshot(tmp.path()).is_empty());
    assert!(!tmp.path().join("../outside.csv").exists());
}

// ---- install_file -------------------------------------------------------------------------

#[test]
fn install_file_with_the_right_checksum_puts_the_file_in_place() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let root = data_root();
    let tmp = tempfile::tempdir().unwrap();
    let data_dir = tmp.path().join("data");
    let src = root.join(STATES);
    let (_, sha) = published(STATES);

    let got = install_file(&src, &data_dir, STATES, Some(sha)).unwrap();
    assert_eq!(got, sha);
    assert_eq!(
        fs::read(data_dir.join(STATES)).unwrap(),
        fs::read(&src).unwrap()
    );
    assert_eq!(names(&snapshot(&data_dir)), ["cow_states2016", STATES]);

    // Upper-case hex is accepted; no checksum returns the file's own.
    let got = install_file(&src, &data_dir, STATES, Some(&sha.to_uppercase())).unwrap();
    assert_eq!(got, sha);
    let (_, majors_sha) = published(MAJORS);
    let got = install_file(&root.join(MAJORS), &data_dir, MAJORS, None).unwrap();
    assert_eq!(got, majors_sha);
    assert_eq!(
        names(&snapshot(&data_dir)),
        ["cow_states2016", MAJORS, STATES]
    );
}

#[test]
fn install_file_with_a_wrong_checksum_changes_nothing() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let root = data_root();
    let tmp = tempfile::tempdir().unwrap();
    let data_dir = tmp.path();
    fs::create_dir_all(data_dir.join("cow_states2016")).unwrap();
    fs::write(data_dir.join(STATES), b"the old file\n").unwrap();
    let before = snapshot(data_dir);

    // The user picked the wrong file: majors instead of states.
    let src = root.join(MAJORS);
    let (_, states_sha) = published(STATES);
    let (_, majors_sha) = published(MAJORS);
    let err = install_file(&src, data_dir, STATES, Some(states_sha)).unwrap_err();
    match &err {
        FetchError::InstallChecksum {
            rel_path,
            src: s,
            expected,
            actual,
        } => {
            assert_eq!(rel_path, STATES);
            assert_eq!(s, &src);
            assert_eq!(expected, states_sha);
            assert_eq!(actual, majors_sha);
        }
        other => panic!("expected a checksum error, got {other:?}"),
    }
    let text = err.to_string();
    assert!(text.contains(states_sha) && text.contains(majors_sha) && text.contains(STATES));
    assert_eq!(snapshot(data_dir), before);

    // Into a new directory: the directory is not left behind.
    let err = install_file(&src, data_dir, "new_dir/majors.csv", Some(states_sha)).unwrap_err();
    assert!(matches!(err, FetchError::InstallChecksum { .. }), "{err}");
    assert_eq!(snapshot(data_dir), before);

    // A missing source or a bad destination path is an error that changes nothing.
    let err = install_file(&tmp.path().join("nope.csv"), data_dir, "x/y.csv", None).unwrap_err();
    assert!(matches!(err, FetchError::Io { op: "open", .. }), "{err}");
    let err = install_file(&src, data_dir, "../escape.csv", None).unwrap_err();
    assert!(matches!(err, FetchError::InvalidEntry { .. }), "{err}");
    let err = install_file(&src, data_dir, STATES, Some("not-a-sha")).unwrap_err();
    assert!(matches!(err, FetchError::InvalidEntry { .. }), "{err}");
    assert_eq!(snapshot(data_dir), before);
}

#[test]
fn the_test_data_folder_matches_its_source_notes() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    // Guards the hard-coded list above against a changed data folder: every listed file is there
    // with the published size, and its SOURCE.md lists the same sha256.
    let root = data_root();
    for (rel_path, size, sha) in PUBLISHED {
        let path = root.join(rel_path);
        assert_eq!(fs::metadata(&path).unwrap().len(), *size, "{rel_path}");
        let dir = Path::new(rel_path).parent().unwrap();
        let notes = fs::read_to_string(root.join(dir).join("SOURCE.md")).unwrap();
        assert!(notes.contains(sha), "{rel_path}: {sha} not in SOURCE.md");
    }
}
