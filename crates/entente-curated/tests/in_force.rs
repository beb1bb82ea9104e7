//! The in-force rule on the embedded record: a binding instrument counts from entry into force,
//! provisional application or a sourced `counted_from`; one whose entry into force is unknown is
//! left out of in-force counts. These lists name the records in each exceptional case, so that a
//! record newly left out (or newly counted from a reasoned date) is a deliberate, documented
//! change: the lists must match the record exactly (data/curated/SWEEP.md, CHANGELOG.md).

use entente_core::{CountFrom, StartBasis, Status};
use entente_curated::CuratedRecord;
use std::collections::BTreeSet;

/// Binding instruments said to be in force whose date of entry into force was not found: not
/// counted under the default convention (each record's `in_force_unknown` says what is known).
const UNDATED: &[&str] = &[
    "japan-philippines-equipment-2016",
    "japan-italy-equipment-2017",
    "eu-australia-fpa-2015",
    "australia-france-mlsa-2018",
    "australia-uk-dsca-2024",
    "shanghai-five-border-cbm-1996",
    "rok-romania-defence-cooperation-2024",
];

/// Binding instruments with an undated entry into force, counted from a date for a sourced
/// reason (`counted_from`).
const REASONED: &[&str] = &[
    "us-japan-gsomia",
    "japan-nato-isa",
    "australia-france-sofa-2006",
];

fn ids(rec: &CuratedRecord, pick: impl Fn(&entente_core::Tie) -> bool) -> BTreeSet<String> {
    rec.ties()
        .iter()
        .filter(|t| pick(t))
        .map(|t| t.id.clone())
        .collect()
}

#[test]
fn the_undated_binding_instruments_are_exactly_the_documented_ones() {
    let rec = CuratedRecord::embedded().unwrap();
    let undated = ids(rec, |t| {
        t.basis == StartBasis::NotInForce && t.status != Status::Signed
    });
    let listed: BTreeSet<String> = UNDATED.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        undated, listed,
        "binding records in force by status but with no entry-into-force date"
    );
    for t in rec.ties().iter().filter(|t| listed.contains(&t.id)) {
        assert!(
            (1949..=2025).all(|y| !t.counts_in_year(y, CountFrom::EntryIntoForce)),
            "{} is undated but counts",
            t.id
        );
        assert!(
            (1949..=2025).any(|y| t.counts_in_year(y, CountFrom::Signature)),
            "{} should count from signature on request",
            t.id
        );
    }
}

#[test]
fn the_reasoned_start_dates_are_exactly_the_documented_ones() {
    let rec = CuratedRecord::embedded().unwrap();
    let reasoned = ids(rec, |t| matches!(t.basis, StartBasis::Reasoned { .. }));
    let listed: BTreeSet<String> = REASONED.iter().map(|s| s.to_string()).collect();
    assert_eq!(reasoned, listed, "records counted from a reasoned date");
    for t in rec.ties().iter().filter(|t| listed.contains(&t.id)) {
        if let StartBasis::Reasoned { reason, source } = &t.basis {
            assert!(!reason.trim().is_empty(), "{}: empty reason", t.id);
            assert!(source.url.starts_with("http"), "{}: no source", t.id);
        }
    }
}
