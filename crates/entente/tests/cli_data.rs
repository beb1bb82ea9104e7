//! The data commands, as a user runs them: status over the real data directory, fetch from a local
//! mirror on 127.0.0.1 that serves the real files, add with a check, and the alliance view by source.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

use entente_data::testing::locate as data_dir;

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
    let v = json(&data_dir(), &["data", "status", "--format", "json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 25, "every file of the manifest");
    for r in rows {
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
