//! The data commands, as a user runs them: status over the real data directory, fetch from a local
//! mirror on 127.0.0.1 that serves the real files, add with a check, and the alliance view by source.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

use entente_testkit::data_location as data_dir;

fn entente(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("entente").unwrap();
    c.env_remove("ENTENTE_CURATED").env("ENTENTE_DATA", dir);
    c
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = entente(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn status_lists_every_dataset_file_as_a_known_release() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let v = json(&data_dir(), &["data", "status", "--format", "json"]);
    let all = v.as_array().unwrap();
    // MID 5.0's two files are an optional newer release, absent from the shared folder.
    let (optional, rows): (Vec<&Value>, Vec<&Value>) =
        all.iter().partition(|r| r["optional"] == true);
    assert_eq!(rows.len(), 25, "every file of the manifest");
    assert_eq!(optional.len(), 2, "{optional:?}");
    for r in &optional {
        assert_eq!(r["dataset"], "cow-mid", "{r}");
        assert_eq!(r["found"], false, "{r}");
    }
    for r in &rows {
        assert_eq!(r["found"], true, "{r}");
        assert_eq!(r["known_release"], true, "{r}");
        assert_eq!(r["sha256"].as_str().unwrap().len(), 64);
        // SIPRI's workbooks are read only for sheets whose long CSV is absent (here none).
        if r["file"].as_str().unwrap().starts_with("workbook-") {
            assert!(r["rows"].is_null(), "{r}");
        } else {
            assert!(r["rows"].as_u64().unwrap() > 0, "{r}");
        }
    }
    // Every data file of the shared directory is one of them.
    let listed: std::collections::BTreeSet<PathBuf> = rows
        .iter()
        .map(|r| {
            PathBuf::from(r["path"].as_str().unwrap())
                .canonicalize()
                .unwrap()
        })
        .collect();
    let mut stack = vec![data_dir()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                stack.push(p);
            } else if name != "SOURCE.md" && name != "README.md" && !name.starts_with('.') {
                assert!(
                    listed.contains(&p.canonicalize().unwrap()),
                    "{} is not listed",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn status_of_an_empty_directory_says_missing_without_failing() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(tmp.path(), &["data", "status", "--format", "json"]);
    assert!(v.as_array().unwrap().iter().all(|r| r["found"] == false));
}

/// A static file server over a directory, on 127.0.0.1, for as long as the handle lives.
fn serve(root: PathBuf) -> (String, std::thread::JoinHandle<()>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", server.server_addr().to_ip().unwrap());
    let h = std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let url = req.url().trim_start_matches('/').replace("%20", " ");
            if url == "__stop" {
                let _ = req.respond(tiny_http::Response::empty(200));
                break;
            }
            match std::fs::read(root.join(&url)) {
                Ok(b) => {
                    let _ = req.respond(tiny_http::Response::from_data(b));
                }
                Err(_) => {
                    let _ = req.respond(tiny_http::Response::empty(404));
                }
            }
        }
    });
    (addr, h)
}

#[test]
fn fetch_from_a_local_mirror_verifies_and_refuses_a_corrupt_file() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    // A mirror of two datasets, one of them with a corrupted file.
    let mirror = tempfile::tempdir().unwrap();
    let src = data_dir();
    for rel in [
        "cow_states2016/states2016.csv",
        "cow_states2016/system2016.csv",
        "cow_states2016/majors2016.csv",
        "cow_mid_4.3/MIDA 4.3.csv",
        "cow_mid_4.3/MIDB 4.3.csv",
    ] {
        let to = mirror.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), &to).unwrap();
    }
    let midb = mirror.path().join("cow_mid_4.3/MIDB 4.3.csv");
    let mut bytes = std::fs::read(&midb).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(&midb, bytes).unwrap();
    let (addr, handle) = serve(mirror.path().to_path_buf());

    let dest = tempfile::tempdir().unwrap();
    let ok = entente(dest.path())
        .args(["data", "fetch", "--only", "cow-states", "--mirror", &addr])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let report = String::from_utf8(ok.stdout).unwrap();
    assert_eq!(report.matches("downloaded").count(), 3, "{report}");
    let v = json(dest.path(), &["data", "status", "--format", "json"]);
    let states: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["dataset"] == "cow-states")
        .collect();
    assert!(states.iter().all(|r| r["known_release"] == true));

    let before: Vec<_> = walk(dest.path());
    let bad = entente(dest.path())
        .args([
            "data",
            "fetch",
            "--only",
            "cow-mid",
            "--mirror",
            &addr,
            "--retries",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(
        err.contains("MIDB 4.3.csv") && err.contains("sha256"),
        "{err}"
    );
    // MIDA was fetched and verified before MIDB failed, but the run is all or nothing (as the help
    // says): the data directory is as it was, with no MIDA, no cow_mid_4.3 folder, no temporary file.
    let after: Vec<_> = walk(dest.path());
    assert_eq!(after, before);
    let _ = ureq_stop(&addr);
    let _ = handle.join();
}

/// Plain downloads and a publisher's archive are one all-or-nothing set: when the archive fails
/// (here it is missing from the mirror), the plain files already verified are not installed either.
#[test]
fn fetch_installs_nothing_when_an_archive_fails_after_plain_files() {
    let Some(src) = entente_testkit::real_data() else {
        return;
    };
    let mirror = tempfile::tempdir().unwrap();
    for rel in [
        "cow_states2016/states2016.csv",
        "cow_states2016/system2016.csv",
        "cow_states2016/majors2016.csv",
    ] {
        let to = mirror.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), &to).unwrap();
    }
    let (addr, handle) = serve(mirror.path().to_path_buf());
    let dest = tempfile::tempdir().unwrap();
    let before = walk(dest.path());
    let out = entente(dest.path())
        .args([
            "data",
            "fetch",
            "--only",
            "cow-states,cow-contiguity",
            "--mirror",
            &addr,
            "--retries",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("DirectContiguity320.zip"), "{err}");
    assert_eq!(walk(dest.path()), before, "files were installed: {err}");
    let _ = ureq_stop(&addr);
    let _ = handle.join();
}

fn ureq_stop(addr: &str) -> std::io::Result<()> {
    use std::io::{Read, Write};
    let host = addr.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(host)?;
    s.write_all(b"GET /__stop HTTP/1.0\r\n\r\n")?;
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    Ok(())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        }
        v.push(p);
    }
    v.sort();
    v
}

#[test]
fn add_checks_a_file_and_puts_it_in_place() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let dest = tempfile::tempdir().unwrap();
    let src = data_dir().join("sipri_arms_transfers/trade-register.csv");
    let out = entente(dest.path())
        .args(["data", "add", src.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = String::from_utf8(out.stdout).unwrap();
    assert!(
        msg.contains("29916 rows") && msg.contains("known release"),
        "{msg}"
    );
    let installed = dest.path().join("sipri_arms_transfers/trade-register.csv");
    assert!(installed.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&installed).unwrap().permissions().mode();
        assert_eq!(mode & 0o644, 0o644, "readable like any dataset: {mode:o}");
    }

    // Another export of the register does not silently replace the known release.
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("trade-register.csv");
    let text = std::fs::read(&src).unwrap();
    // The same rows under a retitled preamble: a valid export that is not the known release.
    let mut retitled = text.clone();
    assert_eq!(retitled[0], b'T');
    retitled[0] = b't';
    std::fs::write(&other, &retitled).unwrap();
    let out = entente(dest.path())
        .args(["data", "add", other.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--replace-known"), "{err}");
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        text,
        "the known release stays"
    );
    let out = entente(dest.path())
        .args(["data", "add", "--replace-known", other.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("not a known release"));

    // A broken file is refused and nothing is written.
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("states2016.csv");
    std::fs::write(&broken, "stateabb,ccode,statenme\nUSA,2,United States\n").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let out = entente(empty.path())
        .args(["data", "add", broken.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("states2016.csv:1") && err.contains("styear"),
        "{err}"
    );
    assert!(walk(empty.path()).is_empty(), "nothing written");
}

#[test]
fn alliances_by_source_show_the_difference() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let d = data_dir();
    // 2021: ATOP and COW do not cover it; the curated record does.
    let out = entente(&d)
        .args(["alliances", "--year", "2021", "--source", "atop"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("1815–2018"));
    let v = json(
        &d,
        &[
            "alliances",
            "--year",
            "2021",
            "--source",
            "all",
            "--format",
            "json",
        ],
    );
    let rows = v.as_array().unwrap();
    let usjpn = rows
        .iter()
        .find(|r| r["a"]["iso3"] == "USA" && r["b"]["iso3"] == "JPN")
        .unwrap();
    assert!(
        usjpn["atop"].is_null() && usjpn["cow"].is_null(),
        "outside coverage is missing, not 0"
    );
    assert_eq!(usjpn["alliance_source"], "curated");
    // 2010: all three agree on the US–Japan defence pledge, and the merged view takes ATOP's.
    let v = json(
        &d,
        &[
            "alliances",
            "--year",
            "2010",
            "--source",
            "all",
            "--format",
            "json",
        ],
    );
    let usjpn = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["a"]["iso3"] == "USA" && r["b"]["iso3"] == "JPN")
        .unwrap()
        .clone();
    assert!(usjpn["atop"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o == "defense"));
    assert_eq!(usjpn["cow"]["defense"], true);
    assert_eq!(usjpn["alliance_source"], "atop");
    // ATOP's NATO in 2010 is recognised as the curated NATO record.
    let v = json(
        &d,
        &[
            "alliances",
            "--year",
            "2010",
            "--source",
            "atop",
            "--format",
            "json",
        ],
    );
    let nato = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["curated_match"] == "nato")
        .expect("NATO matched");
    assert_eq!(nato["member_count"], 28);
    // COW covers 2010 too.
    let v = json(
        &d,
        &[
            "alliances",
            "--year",
            "2010",
            "--source",
            "cow",
            "--format",
            "json",
        ],
    );
    assert!(v.as_array().unwrap().len() > 500);
}

#[test]
fn cite_a_dataset() {
    let out = entente(&data_dir())
        .args(["cite", "--dataset", "atop-sy"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Leeds, Brett Ashley") && s.contains("5.1"),
        "{s}"
    );
    let out = entente(&data_dir())
        .args(["cite", "--dataset", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A zip of (name, bytes).
fn zip_of(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn fetch_extracts_the_publishers_archives_from_a_mirror_and_prints_manual_steps() {
    let Some(src) = entente_testkit::real_data() else {
        return;
    };
    let read = |rel: &str| std::fs::read(src.join(rel)).unwrap();
    // The archives as the publishers zip them, built from the real files; the mirror overrides
    // only the base URL (archives are found there by their file name).
    let contiguity = zip_of(&[
        (
            "DirectContiguity320/contdird.csv",
            read("cow_contiguity_v3.2/contdird.csv"),
        ),
        (
            "DirectContiguity320/contdir.csv",
            read("cow_contiguity_v3.2/contdir.csv"),
        ),
        (
            "DirectContiguity320/contdirs.csv",
            read("cow_contiguity_v3.2/contdirs.csv"),
        ),
    ]);
    let nmc_inner = zip_of(&[(
        "NMC-60-abridged.csv",
        read("cow_nmc_v6.0/NMC-60-abridged.csv"),
    )]);
    let nmc = zip_of(&[("NMC-60-abridged.zip", nmc_inner)]);
    let atop = zip_of(&[(
        "ATOP 5.1 (.csv)/atop5_1sy.csv",
        read("atop_5.1/atop5_1sy.csv"),
    )]);
    let mirror = tempfile::tempdir().unwrap();
    std::fs::write(mirror.path().join("DirectContiguity320.zip"), &contiguity).unwrap();
    std::fs::write(mirror.path().join("NMC_Documentation-6.0.zip"), &nmc).unwrap();
    std::fs::write(mirror.path().join("atop_5.1__.csv_.zip"), &atop).unwrap();
    let (addr, handle) = serve(mirror.path().to_path_buf());

    let dest = tempfile::tempdir().unwrap();
    let fetch = |only: &str| {
        entente(dest.path())
            .args([
                "data",
                "fetch",
                "--retries",
                "0",
                "--only",
                only,
                "--mirror",
                &addr,
            ])
            .output()
            .unwrap()
    };
    let ok = fetch("cow-contiguity,cow-nmc,atop-sy");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let report = String::from_utf8(ok.stdout).unwrap();
    assert_eq!(report.matches("downloaded").count(), 5, "{report}");
    // SIPRI's register needs its form: without a mirror, the exact steps are printed, and nothing
    // is requested.
    let manual = entente(dest.path())
        .args(["data", "fetch", "--only", "sipri-transfers"])
        .output()
        .unwrap();
    assert!(manual.status.success());
    let text = String::from_utf8(manual.stdout).unwrap();
    assert!(
        text.contains("manual      sipri_arms_transfers/trade-register.csv"),
        "{text}"
    );
    assert!(
        text.contains("armstransfers.sipri.org") && text.contains("entente data add"),
        "{text}"
    );
    let v = json(dest.path(), &["data", "status", "--format", "json"]);
    for r in v.as_array().unwrap() {
        if ["cow-contiguity", "cow-nmc", "atop-sy"].contains(&r["dataset"].as_str().unwrap()) {
            assert_eq!(r["known_release"], true, "{r}");
        }
    }

    // A corrupted archive and a truncated one: refused, and the data directory is left as it was.
    let mut bad = contiguity.clone();
    let i = bad.len() / 3;
    bad[i] ^= 0x01;
    for (what, bytes) in [
        ("corrupted", bad),
        ("truncated", contiguity[..contiguity.len() / 2].to_vec()),
    ] {
        std::fs::write(mirror.path().join("DirectContiguity320.zip"), &bytes).unwrap();
        std::fs::remove_file(dest.path().join("cow_contiguity_v3.2/contdird.csv")).unwrap();
        let before = walk(dest.path());
        let o = fetch("cow-contiguity");
        assert_eq!(o.status.code(), Some(2), "{what}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("DirectContiguity320.zip"), "{what}: {err}");
        assert_eq!(walk(dest.path()), before, "{what}: nothing changed");
        std::fs::copy(
            src.join("cow_contiguity_v3.2/contdird.csv"),
            dest.path().join("cow_contiguity_v3.2/contdird.csv"),
        )
        .unwrap();
    }
    let _ = ureq_stop(&addr);
    let _ = handle.join();
}

#[test]
fn fetch_from_a_full_mirror_installs_every_dataset_as_a_known_release() {
    let Some(src) = entente_testkit::real_data() else {
        return;
    };
    let read = |rel: &str| std::fs::read(src.join(rel)).unwrap();
    // The publishers' archives by name, and every other file laid out like the data directory.
    let mirror = tempfile::tempdir().unwrap();
    let v = json(&src, &["data", "status", "--format", "json"]);
    let in_archives = ["cow_contiguity_v3.2/", "cow_nmc_v6.0/", "atop_5.1/"];
    for r in v.as_array().unwrap().iter().filter(|r| r["found"] == true) {
        let rel = r["path"].as_str().unwrap();
        let rel = rel.strip_prefix(src.to_str().unwrap()).unwrap_or(rel);
        let rel = rel.trim_start_matches('/');
        if in_archives.iter().any(|a| rel.starts_with(a)) {
            continue;
        }
        let to = mirror.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, read(rel)).unwrap();
    }
    let c = |n: &str| {
        (
            format!("DirectContiguity320/{n}"),
            read(&format!("cow_contiguity_v3.2/{n}")),
        )
    };
    let files: Vec<(String, Vec<u8>)> =
        vec![c("contdird.csv"), c("contdir.csv"), c("contdirs.csv")];
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    std::fs::write(mirror.path().join("DirectContiguity320.zip"), zip_of(&refs)).unwrap();
    let inner = zip_of(&[(
        "NMC-60-abridged.csv",
        read("cow_nmc_v6.0/NMC-60-abridged.csv"),
    )]);
    std::fs::write(
        mirror.path().join("NMC_Documentation-6.0.zip"),
        zip_of(&[("NMC-60-abridged.zip", inner)]),
    )
    .unwrap();
    std::fs::write(
        mirror.path().join("atop_5.1__.csv_.zip"),
        zip_of(&[(
            "ATOP 5.1 (.csv)/atop5_1sy.csv",
            read("atop_5.1/atop5_1sy.csv"),
        )]),
    )
    .unwrap();
    let (addr, handle) = serve(mirror.path().to_path_buf());
    let dest = tempfile::tempdir().unwrap();
    let o = entente(dest.path())
        .args(["data", "fetch", "--retries", "0", "--mirror", &addr])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = json(dest.path(), &["data", "status", "--format", "json"]);
    let rows: Vec<&Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["optional"] != true)
        .collect();
    assert_eq!(
        rows.len(),
        25,
        "every file of the manifest but the optional ones"
    );
    for r in rows {
        assert_eq!(r["found"], true, "{r}");
        assert_eq!(r["known_release"], true, "{r}");
    }
    let _ = ureq_stop(&addr);
    let _ = handle.join();
}

/// A file that is found but cannot be read marks its own row, and status still reports the rest.
/// The real data directory is mirrored by symbolic links, with SIPRI's 2025 workbook (found, but not
/// read when its CSVs are present) linked to `/proc/self/mem`: a regular file whose reads fail,
/// even as root.
#[cfg(target_os = "linux")]
#[test]
fn status_marks_an_unreadable_file_on_its_row_and_reports_the_rest() {
    let Some(real) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut stack = vec![real.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let to = tmp.path().join(p.strip_prefix(&real).unwrap());
            if p.is_dir() {
                std::fs::create_dir_all(&to).unwrap();
                stack.push(p);
            } else {
                std::os::unix::fs::symlink(&p, &to).unwrap();
            }
        }
    }
    let book = tmp
        .path()
        .join("sipri_milex/SIPRI-Milex-data-1949-2025.xlsx");
    assert!(
        book.exists(),
        "the real data directory has no 2025 SIPRI workbook"
    );
    std::fs::remove_file(&book).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", &book).unwrap();
    let v = json(tmp.path(), &["data", "status", "--format", "json"]);
    let rows = v.as_array().unwrap();
    let bad: Vec<&Value> = rows.iter().filter(|r| !r["error"].is_null()).collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0]["file"], "workbook-2025");
    assert!(rows
        .iter()
        .any(|r| r["file"] == "constant-usd-2025" && r["rows"].as_u64().is_some_and(|n| n > 0)));
}
