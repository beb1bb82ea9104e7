//! The validator's rejections, one test each, on small in-memory files.

use super::*;
use entente_core::{CountFrom, StartBasis, Status};

const GOOD: &str = r#"
[[record]]
id = "us-japan-1960"
name = "Treaty of Mutual Cooperation and Security"
kind = "defence_treaty"
obligations = ["defense", "consultation"]
signed = 1960-01-19
in_force = 1960-06-23
members = [{ state = "USA" }, { state = "JPN" }]
summary = "The US–Japan alliance treaty."
sources = [{ title = "Treaty of Mutual Cooperation and Security", url = "https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html" }]
status = "in_force"
"#;

fn errors(text: &str) -> Vec<CurationError> {
    match CuratedRecord::from_texts(&[("t.toml", text)], "test") {
        Ok(_) => vec![],
        Err(CuratedError::Invalid(e)) => e,
        Err(e) => panic!("unexpected {e}"),
    }
}

fn one_error(text: &str) -> CurationError {
    let e = errors(text);
    assert_eq!(e.len(), 1, "{e:?}");
    e.into_iter().next().unwrap()
}

#[test]
fn a_good_record_loads() {
    let r = CuratedRecord::from_texts(&[("t.toml", GOOD)], "test").unwrap();
    assert_eq!(r.ties().len(), 1);
    let t = &r.ties()[0];
    assert_eq!(t.origin, "t.toml:2");
    assert_eq!(t.pairs_in_year(1960), vec![(Ccode(2), Ccode(740))]);
    assert!(t.pairs_in_year(1959).is_empty());
}

#[test]
fn rejects_unknown_state_naming_file_and_line() {
    let e = one_error(&GOOD.replace(r#"{ state = "JPN" }"#, r#"{ state = "XYZ" }"#));
    assert_eq!(e.file, "t.toml");
    assert_eq!(e.line, 9, "the members line");
    assert!(e.message.contains("XYZ"), "{e}");
}

#[test]
fn rejects_a_record_with_no_source() {
    let text = GOOD.replace(
        r#"sources = [{ title = "Treaty of Mutual Cooperation and Security", url = "https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html" }]"#,
        "sources = []",
    );
    let e = one_error(&text);
    assert!(e.message.contains("no source"), "{e}");
    assert_eq!(e.line, 11);
}

#[test]
fn rejects_a_missing_sources_field() {
    let text: String = GOOD
        .lines()
        .filter(|l| !l.starts_with("sources"))
        .collect::<Vec<_>>()
        .join("\n");
    let e = one_error(&text);
    assert!(e.message.contains("sources"), "{e}");
}

#[test]
fn rejects_a_source_without_url() {
    let e = one_error(&GOOD.replace("https://www.mofa.go.jp", "www.mofa.go.jp"));
    assert!(e.message.contains("not an http(s) URL"), "{e}");
}

#[test]
fn rejects_an_end_before_its_start() {
    let e = one_error(
        &GOOD
            .replace(
                "in_force = 1960-06-23",
                "in_force = 1960-06-23\nend = 1959-01-01",
            )
            .replace(r#"status = "in_force""#, r#"status = "terminated""#),
    );
    assert!(e.message.contains("before its start"), "{e}");
    assert_eq!(e.line, 9);
}

#[test]
fn rejects_a_member_who_leaves_before_joining() {
    let e = one_error(&GOOD.replace(
        r#"{ state = "JPN" }"#,
        r#"{ state = "JPN", from = 1970-01-01, until = 1965-01-01 }"#,
    ));
    assert!(e.message.contains("before from"), "{e}");
}

#[test]
fn rejects_in_force_before_signature() {
    let e = one_error(&GOOD.replace("in_force = 1960-06-23", "in_force = 1959-06-23"));
    assert!(e.message.contains("before signature"), "{e}");
}

#[test]
fn rejects_a_treaty_without_obligations_and_unknown_obligations() {
    let e = one_error(&GOOD.replace(r#"obligations = ["defense", "consultation"]"#, ""));
    assert!(e.message.contains("no obligations"), "{e}");
    let e = one_error(&GOOD.replace(r#""consultation""#, r#""friendship""#));
    assert!(e.message.contains("friendship"), "{e}");
}

#[test]
fn rejects_unknown_kind_and_unknown_field() {
    let e = one_error(&GOOD.replace(r#"kind = "defence_treaty""#, r#"kind = "pact""#));
    assert!(e.message.contains("pact"), "{e}");
    let e = one_error(&GOOD.replace("summary =", "colour = \"blue\"\nsummary ="));
    assert!(e.message.contains("colour"), "{e}");
}

#[test]
fn rejects_duplicate_ids_across_files() {
    let err = CuratedRecord::from_texts(&[("a.toml", GOOD), ("b.toml", GOOD)], "test").unwrap_err();
    let CuratedError::Invalid(e) = err else {
        panic!()
    };
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].file, "b.toml");
    assert!(
        e[0].message
            .contains("duplicate id 'us-japan-1960' (first at a.toml:2)"),
        "{}",
        e[0]
    );
}

#[test]
fn rejects_fewer_than_two_members_and_a_foreign_supplier() {
    let e = one_error(&GOOD.replace(
        r#"{ state = "USA" }, { state = "JPN" }"#,
        r#"{ state = "USA" }"#,
    ));
    assert!(e.message.contains("two distinct members"), "{e}");
    let e = one_error(&GOOD.replace("summary =", "supplier = \"KOR\"\nsummary ="));
    assert!(e.message.contains("supplier KOR is not a member"), "{e}");
}

#[test]
fn rejects_malformed_toml_with_its_line() {
    let e = one_error(&GOOD.replace("signed = 1960-01-19", "signed = 1960-01-"));
    assert_eq!(e.line, 7, "{e}");
}

#[test]
fn suspensions_must_name_members() {
    let e = one_error(&GOOD.replace(
        "summary =",
        "suspended = [{ a = \"USA\", b = \"NZL\", from = 1986-09-17 }]\nsummary =",
    ));
    assert!(e.message.contains("USA–NZL"), "{e}");
}

#[test]
fn a_state_code_follows_its_cow_code_through_time() {
    let text = GOOD
        .replace(r#"{ state = "JPN" }"#, r#"{ state = "DEU" }"#)
        .replace(
            "in_force = 1960-06-23",
            "in_force = 1960-06-23\nend = 1995-01-01",
        )
        .replace(r#"status = "in_force""#, r#"status = "terminated""#);
    let r = CuratedRecord::from_texts(&[("t.toml", &text)], "test").unwrap();
    let t = &r.ties()[0];
    assert_eq!(t.pairs_in_year(1980), vec![(Ccode(2), Ccode(260))]);
    assert_eq!(
        t.pairs_in_year(1990),
        vec![(Ccode(2), Ccode(255)), (Ccode(2), Ccode(260))]
    );
    assert_eq!(t.pairs_in_year(1994), vec![(Ccode(2), Ccode(255))]);
    assert_eq!(
        t.members_in_year(1990).len(),
        2,
        "one entry per member, not per code"
    );
}

#[test]
fn a_binding_record_needs_an_entry_into_force_or_a_stated_unknown() {
    let no_date = GOOD.replace("in_force = 1960-06-23\n", "");
    let e = one_error(&no_date);
    assert!(e.message.contains("in_force_unknown"), "{e}");
    // Stated unknown: valid, but not counted from entry into force.
    let unknown = no_date.replace(
        "status = \"in_force\"",
        "status = \"in_force\"\nin_force_unknown = \"not found\"",
    );
    let r = CuratedRecord::from_texts(&[("t.toml", &unknown)], "test").unwrap();
    let t = &r.ties()[0];
    assert!(!t.active_in_year(1961));
    assert!(t.counts_in_year(1961, CountFrom::Signature));
    // With a sourced reason it counts from the reasoned date.
    let reasoned = unknown.replace(
        "in_force_unknown = \"not found\"",
        "in_force_unknown = \"not found\"\ncounted_from = { date = 1960-01-19, reason = \"in force on signature\", source = { title = \"Article 8\", url = \"https://example.org/text\" } }",
    );
    let r = CuratedRecord::from_texts(&[("t.toml", &reasoned)], "test").unwrap();
    assert!(r.ties()[0].active_in_year(1960));
    // Signed only: never counted from entry into force, and in_force by the cut-off contradicts it.
    let e = one_error(&GOOD.replace("status = \"in_force\"", "status = \"signed\""));
    assert!(e.message.contains("status signed, but in force"), "{e}");
    let r = CuratedRecord::from_texts(
        &[(
            "t.toml",
            &no_date.replace("status = \"in_force\"", "status = \"signed\""),
        )],
        "test",
    )
    .unwrap();
    assert!((1949..=2025).all(|y| !r.ties()[0].active_in_year(y)));
}

#[test]
fn status_and_end_must_agree_and_unknown_status_is_rejected() {
    let e = one_error(&GOOD.replace("status = \"in_force\"", "status = \"terminated\""));
    assert!(e.message.contains("needs an `end`"), "{e}");
    let e = one_error(&GOOD.replace("status = \"in_force\"", "status = \"dormant\""));
    assert!(e.message.contains("unknown status"), "{e}");
    let e = errors(&GOOD.replace("status = \"in_force\"", "status = \"completed\""));
    assert!(
        e.iter()
            .any(|e| e.message.contains("completed is for events")),
        "{e:?}"
    );
}

#[test]
fn rejects_a_site_root_source_but_not_a_document() {
    for root in [
        "https://www.mofa.go.jp",
        "https://www.mofa.go.jp/",
        "http://en.kremlin.ru/#x",
    ] {
        let e = one_error(&GOOD.replace(
            "https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html",
            root,
        ));
        assert!(e.message.contains("home page"), "{root}: {e}");
    }
    assert!(errors(&GOOD.replace(
        "https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html",
        "https://thedailycpec.com/?p=14653"
    ))
    .is_empty());
    // SIPRI's database is a source for an arms deal only.
    let e = one_error(&GOOD.replace(
        "https://www.mofa.go.jp/region/n-america/us/q&a/ref/1.html",
        "https://armstransfers.sipri.org/",
    ));
    assert!(e.message.contains("only for an arms deal"), "{e}");
}

#[test]
fn a_date_of_year_precision_is_written_as_the_first_or_last_day() {
    let e = one_error(&GOOD.replace(
        "status = \"in_force\"",
        "status = \"in_force\"\nprecision = { in_force = \"year\" }",
    ));
    assert!(e.message.contains("known to the year only"), "{e}");
    let ok = GOOD
        .replace("in_force = 1960-06-23", "in_force = 1961-01-01")
        .replace(
            "status = \"in_force\"",
            "status = \"in_force\"\nprecision = { in_force = \"year\" }",
        );
    let r = CuratedRecord::from_texts(&[("t.toml", &ok)], "test").unwrap();
    assert_eq!(r.ties()[0].start_shown(), "1961");
}

#[test]
fn the_embedded_record_counts_no_treaty_before_it_is_in_force() {
    let r = CuratedRecord::embedded().unwrap();
    for y in 1949..=2025 {
        for t in r.alliances_in_year(y, None) {
            assert_ne!(t.basis, StartBasis::NotInForce, "{} in {y}", t.id);
            assert_ne!(t.status, Status::Signed, "{} in {y}", t.id);
        }
    }
    let ids = |y: i32, from: CountFrom| -> Vec<String> {
        r.counted_in_year(y, from).map(|t| t.id.clone()).collect()
    };
    let png = "australia-png-pukpuk-treaty".to_string();
    assert!(!ids(2025, CountFrom::EntryIntoForce).contains(&png));
    assert!(ids(2025, CountFrom::Signature).contains(&png));
    let annpa = "aukus-annpa".to_string();
    assert!(!ids(2024, CountFrom::EntryIntoForce).contains(&annpa));
    assert!(ids(2025, CountFrom::EntryIntoForce).contains(&annpa));
    assert!(ids(2024, CountFrom::Signature).contains(&annpa));
    let sofa = "australia-france-sofa-2006".to_string();
    assert!(!ids(2007, CountFrom::EntryIntoForce).contains(&sofa));
}

#[test]
fn every_manifest_states_the_cut_off() {
    let r = CuratedRecord::embedded().unwrap();
    let m = r.manifest_input();
    assert!(m.version.contains(VERSION), "{}", m.version);
    assert!(
        m.version.contains(&format!("cut-off {CUTOFF}")),
        "{}",
        m.version
    );
    assert_eq!(cutoff().to_string(), CUTOFF);
    let log = include_str!("../../../data/curated/CHANGELOG.md");
    assert!(
        log.contains(&format!("## {VERSION} — cut-off {CUTOFF}")),
        "CHANGELOG.md must have an entry for the record's version and cut-off"
    );
}
