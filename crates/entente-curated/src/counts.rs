//! Counts of the ties between two groups, each saying what it counts. One function computes them,
//! so that the brief, the report, the dashboard's API and `entente trends` agree.

use crate::CuratedRecord;
use entente_core::{Ccode, Group, TieScope};
use serde::Serialize;
use std::collections::BTreeSet;

/// What ties two groups in a year, counted four ways.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrossCounts {
    /// Records (treaties, agreements, frameworks, exercises, programmes, deals) binding at least one
    /// pair across the groups.
    pub records: usize,
    /// Of those, bilateral records.
    pub bilateral: usize,
    /// Of those, multilateral records (FPDA, AUKUS, RIMPAC…).
    pub multilateral: usize,
    /// Of those, frameworks: an organisation and a partner (NATO's IPCP/ITPP, EU partnerships).
    pub frameworks: usize,
    /// Record–pair links: each record counted once for every cross pair it binds (a NATO
    /// partnership with Japan counts once per NATO member). Not a count of pairs.
    pub record_pairs: usize,
    /// Distinct pairs (one state of each group) bound by at least one record.
    pub distinct_pairs: usize,
    /// Distinct pairs bound by at least one bilateral or multilateral record (frameworks left out).
    pub distinct_pairs_excluding_frameworks: usize,
}

impl CuratedRecord {
    /// The ties between `ga` and `gb` in year `y`, counted as records (by scope), record–pair links
    /// and distinct pairs. Every count of interregional ties in Entente comes from here.
    pub fn cross_counts(&self, ga: Group, gb: Group, y: i32) -> CrossCounts {
        let mut c = CrossCounts::default();
        let mut ids: BTreeSet<&str> = BTreeSet::new();
        let mut pairs: BTreeSet<(Ccode, Ccode)> = BTreeSet::new();
        let mut pairs_nf: BTreeSet<(Ccode, Ccode)> = BTreeSet::new();
        for ct in self.cross_ties(ga, gb, Some(y)) {
            c.record_pairs += 1;
            let scope = ct.tie.scope();
            if ids.insert(ct.tie.id.as_str()) {
                c.records += 1;
                match scope {
                    TieScope::Bilateral => c.bilateral += 1,
                    TieScope::Multilateral => c.multilateral += 1,
                    TieScope::Framework => c.frameworks += 1,
                }
            }
            pairs.insert((ct.a, ct.b));
            if scope != TieScope::Framework {
                pairs_nf.insert((ct.a, ct.b));
            }
        }
        c.distinct_pairs = pairs.len();
        c.distinct_pairs_excluding_frameworks = pairs_nf.len();
        c
    }
}

#[cfg(test)]
mod tests {
    use crate::CuratedRecord;
    use entente_core::{Group, Region, TieScope};
    use std::collections::BTreeSet;

    #[test]
    fn counts_agree_with_the_rows_they_count() {
        let rec = CuratedRecord::embedded().unwrap();
        let (eu, eap) = (
            Group::Region(Region::Europe),
            Group::Region(Region::EastAsiaPacific),
        );
        for y in [1960, 1995, 2012, 2024] {
            let rows = rec.tie_rows(eu, eap, Some(y));
            let c = rec.cross_counts(eu, eap, y);
            assert_eq!(c.record_pairs, rows.len());
            let pairs: BTreeSet<(u16, u16)> = rows.iter().map(|r| (r.a_ccode, r.b_ccode)).collect();
            assert_eq!(c.distinct_pairs, pairs.len());
            let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(c.records, ids.len());
            assert_eq!(c.records, c.bilateral + c.multilateral + c.frameworks);
            assert!(c.distinct_pairs_excluding_frameworks <= c.distinct_pairs);
        }
        // NATO's programme with Japan is a framework: one record, a row per member–partner pair.
        let rows = rec.tie_rows(eu, eap, Some(2024));
        let itpp: Vec<_> = rows.iter().filter(|r| r.id == "nato-japan-itpp").collect();
        assert!(itpp.len() > 20);
        assert!(itpp.iter().all(|r| r.scope == TieScope::Framework));
        let c = rec.cross_counts(eu, eap, 2024);
        assert!(c.frameworks >= 1 && c.record_pairs > c.distinct_pairs);
    }
}
