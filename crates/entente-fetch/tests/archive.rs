//! Archives from a local HTTP server on 127.0.0.1: zips built in the test from the committed fixtures
//! (so these run on any machine), extracted member by member against binding checksums; a corrupted
//! archive, a truncated download, a member that leaves its folder and a member that inflates beyond
//! its size are all refused with the data directory left as it was.

mod support;

use entente_fetch::{
    fetch_archive, ArchiveEntry, FetchError, FetchOptions, FetchOutcome, MemberEntry,
};
use std::io::Write;
use std::time::Duration;
use support::{snapshot, Fault, TestServer};
use zip::write::SimpleFileOptions;

fn opts() -> FetchOptions {
    FetchOptions {
        retries: 2,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(20),
        timeout: Duration::from_secs(5),
        progress: false,
    }
}

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// A zip of (name, bytes), deflated.
fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(entente_testkit::fixtures().join(rel)).unwrap()
}

/// COW's contiguity release as COW zips it: the three CSVs in a `DirectContiguity320/` folder.
fn contiguity() -> (Vec<u8>, Vec<MemberEntry>) {
    let names = ["contdird.csv", "contdir.csv", "contdirs.csv"];
    let files: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| {
            (
                format!("DirectContiguity320/{n}"),
                fixture(&format!("cow_contiguity_v3.2/{n}")),
            )
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let members = files
        .iter()
        .map(|(n, b)| MemberEntry {
            member: n.clone(),
            rel_path: format!("cow_contiguity_v3.2/{}", n.rsplit('/').next().unwrap()),
            sha256: sha(b),
            size: b.len() as u64,
        })
        .collect();
    (zip_of(&refs), members)
}

fn serve(files: &[(&str, &[u8])]) -> (tempfile::TempDir, TestServer) {
    let root = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(root.path().join(name), bytes).unwrap();
    }
    let server = TestServer::start(root.path());
    (root, server)
}

fn entry(server: &TestServer, name: &str, members: Vec<MemberEntry>) -> ArchiveEntry {
    ArchiveEntry {
        url: server.url(name),
        sha256: None,
        members,
    }
}

#[test]
fn members_are_extracted_verified_and_a_second_fetch_downloads_nothing() {
    let (zip, members) = contiguity();
    let (_root, server) = serve(&[("DirectContiguity320.zip", &zip)]);
    let data = tempfile::tempdir().unwrap();
    let e = entry(&server, "DirectContiguity320.zip", members.clone());
    let out = fetch_archive(&e, data.path(), &opts()).unwrap();
    assert_eq!(out.len(), 3);
    for m in &members {
        let got = std::fs::read(data.path().join(&m.rel_path)).unwrap();
        assert_eq!(sha(&got), m.sha256, "{}", m.rel_path);
    }
    assert!(out
        .iter()
        .all(|o| matches!(o, FetchOutcome::Downloaded { .. })));
    // Nothing but the three files: the archive itself is not kept.
    let names: Vec<String> = snapshot(data.path()).into_keys().collect();
    assert_eq!(names.len(), 4, "{names:?}");
    let again = fetch_archive(&e, data.path(), &opts()).unwrap();
    assert!(again
        .iter()
        .all(|o| matches!(o, FetchOutcome::AlreadyPresent { .. })));
    assert_eq!(server.requests("DirectContiguity320.zip"), 1);
    // A confirmed archive checksum that does not match is refused.
    let mut wrong = e.clone();
    wrong.sha256 = Some("0".repeat(64));
    std::fs::remove_file(data.path().join(&members[0].rel_path)).unwrap();
    let before = snapshot(data.path());
    let err = fetch_archive(&wrong, data.path(), &opts()).unwrap_err();
    assert!(err.to_string().contains("not the confirmed"), "{err}");
    assert_eq!(snapshot(data.path()), before);
}

#[test]
fn a_member_inside_a_nested_zip_is_reached() {
    // NMC as COW ships it: NMC-60-abridged.csv inside NMC-60-abridged.zip inside the documentation zip.
    let csv = fixture("cow_nmc_v6.0/NMC-60-abridged.csv");
    let inner = zip_of(&[("NMC-60-abridged.csv", &csv)]);
    let outer = zip_of(&[
        ("NMC-60-abridged.zip", &inner),
        ("NMC Codebook.pdf", b"%PDF"),
    ]);
    let (_root, server) = serve(&[("NMC_Documentation-6.0.zip", &outer)]);
    let data = tempfile::tempdir().unwrap();
    let m = MemberEntry {
        member: "NMC-60-abridged.zip!/NMC-60-abridged.csv".into(),
        rel_path: "cow_nmc_v6.0/NMC-60-abridged.csv".into(),
        sha256: sha(&csv),
        size: csv.len() as u64,
    };
    fetch_archive(
        &entry(&server, "NMC_Documentation-6.0.zip", vec![m]),
        data.path(),
        &opts(),
    )
    .unwrap();
    assert_eq!(
        std::fs::read(data.path().join("cow_nmc_v6.0/NMC-60-abridged.csv")).unwrap(),
        csv
    );
}

/// Runs a fetch that must fail and checks that the data directory is as it was, with no leftover.
fn refused(e: &ArchiveEntry, needle: &str) -> FetchError {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("keep.txt"), b"x").unwrap();
    let before = snapshot(data.path());
    let err = fetch_archive(e, data.path(), &opts()).unwrap_err();
    assert!(err.to_string().contains(needle), "{err}");
    assert_eq!(snapshot(data.path()), before, "{err}");
    err
}

#[test]
fn a_corrupted_archive_is_refused_and_changes_nothing() {
    let (zip, members) = contiguity();
    let (_root, server) = serve(&[("DirectContiguity320.zip", &zip)]);
    server.set_fault("DirectContiguity320.zip", Fault::Corrupt, u32::MAX);
    let e = entry(&server, "DirectContiguity320.zip", members);
    let data = tempfile::tempdir().unwrap();
    let before = snapshot(data.path());
    let err = fetch_archive(&e, data.path(), &opts()).unwrap_err();
    // One flipped byte: the zip, a member's CRC or its sha256 no longer checks out.
    assert!(matches!(err, FetchError::Archive { .. }), "{err}");
    assert_eq!(snapshot(data.path()), before);
}

#[test]
fn a_truncated_download_is_retried_then_refused() {
    let (zip, members) = contiguity();
    let (_root, server) = serve(&[("DirectContiguity320.zip", &zip)]);
    server.set_fault("DirectContiguity320.zip", Fault::Truncate, u32::MAX);
    let e = entry(&server, "DirectContiguity320.zip", members);
    refused(&e, "failed after 3 attempt(s)");
    assert_eq!(
        server.requests("DirectContiguity320.zip"),
        3,
        "retried twice"
    );
    // Cut short once, then whole: it succeeds.
    server.set_fault("DirectContiguity320.zip", Fault::Truncate, 1);
    let data = tempfile::tempdir().unwrap();
    fetch_archive(&e, data.path(), &opts()).unwrap();
}

#[test]
fn a_member_that_leaves_its_folder_is_refused() {
    let evil = b"owned\n";
    let zip = zip_of(&[("../../evil.csv", evil), ("ok.csv", evil)]);
    let (_root, server) = serve(&[("evil.zip", &zip)]);
    let m = |member: &str| MemberEntry {
        member: member.into(),
        rel_path: "x/evil.csv".into(),
        sha256: sha(evil),
        size: evil.len() as u64,
    };
    // Named by the manifest: refused before any request.
    refused(
        &entry(&server, "evil.zip", vec![m("../../evil.csv")]),
        "leaves",
    );
    refused(
        &entry(&server, "evil.zip", vec![m("a/../../evil.csv")]),
        "leaves",
    );
    assert_eq!(server.total_requests(), 0);
    // A destination outside the data directory is refused as well.
    let mut out = m("ok.csv");
    out.rel_path = "../evil.csv".into();
    let data = tempfile::tempdir().unwrap();
    assert!(fetch_archive(&entry(&server, "evil.zip", vec![out]), data.path(), &opts()).is_err());
    assert!(!data.path().join("../evil.csv").exists());
}

#[test]
fn a_member_larger_than_its_size_is_refused_a_zip_bomb() {
    // 20 MB of zeros deflate to about 20 KB.
    let zeros = vec![0u8; 20 << 20];
    let zip = zip_of(&[("contdird.csv", &zeros)]);
    assert!(zip.len() < 100_000);
    let (_root, server) = serve(&[("bomb.zip", &zip)]);
    let m = MemberEntry {
        member: "contdird.csv".into(),
        rel_path: "cow_contiguity_v3.2/contdird.csv".into(),
        sha256: sha(b"small"),
        size: 1000,
    };
    refused(&entry(&server, "bomb.zip", vec![m]), "more than the 1000");
}

#[test]
fn a_missing_member_and_a_file_that_is_not_a_zip_are_named() {
    let (zip, mut members) = contiguity();
    members[0].member = "DirectContiguity320/nope.csv".into();
    let (_root, server) = serve(&[("c.zip", &zip), ("page.html", b"<html>not a zip</html>")]);
    refused(&entry(&server, "c.zip", members.clone()), "no member");
    refused(&entry(&server, "page.html", members), "not a readable zip");
}
