//! MID 5.0 beside MID 4.3 (issue 13: "read MID 5.x when the data directory has it").
//!
//! The data folders here hold only MID 4.3, so these tests write the committed 4.3 fixtures out in
//! MID 5.0's published layout (`dispnum` for `dispnum3`, no `dispnum4` or links, `ongo2014`,
//! `version` 5; headers as in `MIDA 5.0.csv` and `MIDB 5.0.csv`), plus one dispute of 2012 that
//! only 5.0 can hold. The rows are the same events, so the two releases must read the same except
//! for that dispute; the store must prefer 5.0 only when both its files are present.

use entente_core::Ccode;
use entente_data::readers::mid::{self, Release};
use entente_data::readers::RawFile;
use entente_data::Store;
use entente_testkit::fixtures;
use entente_testkit::mid5::write_as_mid5;
use std::path::Path;

/// A data folder with the fixtures' MID 4.3 and, if asked, the same rows in 5.0's layout with
/// one more dispute (Russia against Japan, March 2012).
fn folder(with_a: bool, with_b: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures().join("cow_mid_4.3");
    let d43 = dir.path().join("cow_mid_4.3");
    std::fs::create_dir_all(&d43).unwrap();
    for f in ["MIDA 4.3.csv", "MIDB 4.3.csv"] {
        std::fs::copy(src.join(f), d43.join(f)).unwrap();
    }
    let d5 = dir.path().join("cow_mid_5.0");
    write_as_mid5(
        &src,
        &d5,
        &["9001,4,3,2012,4,3,2012,5,3,0,0,1,1,7,3,0,1,1,0,5"],
        &[
            "9001,RUS,365,4,3,2012,4,3,2012,1,1,1,-9,0,0,7,3,1,5",
            "9001,JPN,740,4,3,2012,4,3,2012,0,0,0,-9,0,0,0,1,0,5",
        ],
    );
    for (keep, f) in [(with_a, "MIDA 5.0.csv"), (with_b, "MIDB 5.0.csv")] {
        if !keep {
            std::fs::remove_file(d5.join(f)).unwrap();
        }
    }
    dir
}

fn raw(path: &Path) -> RawFile {
    RawFile::read(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_store_prefers_mid_5_and_reads_the_same_events_plus_the_new_years() {
    let both = folder(true, true);
    let only43 = folder(false, false);
    let s5 = Store::new(both.path());
    let s43 = Store::new(only43.path());
    let (m5, m43) = (s5.mids().unwrap(), s43.mids().unwrap());
    assert_eq!(m5.data.release, Release::V5_0);
    assert_eq!(m43.data.release, Release::V4_3);
    assert_eq!(m5.data.coverage(), (1816, 2014));
    assert_eq!(m43.data.coverage(), (1816, 2010));
    // The same events, field by field, and the one dispute of 2012.
    assert!(!m43.data.disputes.is_empty());
    assert_eq!(
        &m5.data.disputes[..m43.data.disputes.len()],
        &m43.data.disputes[..]
    );
    assert_eq!(m5.data.disputes.len(), m43.data.disputes.len() + 1);
    let last = m5.data.disputes.last().unwrap();
    assert_eq!((last.dispnum, last.start_year), (9001, 2012));
    assert_eq!(
        &m5.data.participants[..m43.data.participants.len()],
        &m43.data.participants[..]
    );
    let new: Vec<Ccode> = m5.data.participants[m43.data.participants.len()..]
        .iter()
        .map(|p| p.ccode)
        .collect();
    assert_eq!(new, [Ccode(365), Ccode(740)]);
    // Its provenance says which release was read, and that its checksum is not on record.
    for p in &m5.provenance {
        assert!(p.path.contains("cow_mid_5.0"), "{}", p.path);
        assert_eq!(p.version, "5.0 (not a known release)");
        assert!(!p.known_release);
        assert_eq!(p.coverage, (1816, 2014));
    }
}

#[test]
fn half_a_release_is_not_read() {
    for (a, b) in [(true, false), (false, true)] {
        let dir = folder(a, b);
        let m = Store::new(dir.path());
        assert_eq!(m.mids().unwrap().data.release, Release::V4_3, "{a} {b}");
    }
}

#[test]
fn each_release_refuses_years_outside_its_coverage() {
    let dir = folder(true, true);
    let d5 = dir.path().join("cow_mid_5.0");
    let e = mid::read_disputes(&raw(&d5.join("MIDA 5.0.csv")), Release::V4_3)
        .unwrap_err()
        .to_string();
    assert!(e.contains("2012"), "{e}");
    let e = mid::read_participants(&raw(&d5.join("MIDB 5.0.csv")), Release::V4_3)
        .unwrap_err()
        .to_string();
    assert!(e.contains("2012"), "{e}");
    assert!(mid::read_disputes(&raw(&d5.join("MIDA 5.0.csv")), Release::V5_0).is_ok());
}

#[test]
fn data_add_knows_the_5_0_files_by_their_names() {
    for (name, role) in [
        ("MIDA 5.0.csv", "disputes-5.0"),
        ("MIDB 5.0.csv", "participants-5.0"),
        ("MIDA 4.3.csv", "disputes"),
    ] {
        let (d, f) = entente_data::check::identify(Path::new(name)).unwrap();
        assert_eq!((d.id.as_str(), f.role.as_str()), ("cow-mid", role));
    }
    let dir = folder(true, true);
    let (rows, _) = entente_data::check::check_file(
        "cow-mid",
        "disputes-5.0",
        &dir.path().join("cow_mid_5.0/MIDA 5.0.csv"),
    )
    .unwrap();
    assert!(rows > 1);
}
