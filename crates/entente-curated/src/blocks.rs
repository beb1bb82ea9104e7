//! The blocks of a year, from the record: NATO's members, the US treaty allies, and the Indo-Pacific
//! partners of the US and its European allies. The definitions are in `docs/networks.md`.

use crate::CuratedRecord;
use entente_core::{Ccode, Group, Region, TieKind, CHALLENGERS, US};
use std::collections::BTreeSet;

const EUROPE: Group = Group::Region(Region::Europe);
const EAP: Group = Group::Region(Region::EastAsiaPacific);

impl CuratedRecord {
    /// NATO's members in a year (the record with id `nato`), COW codes ascending.
    pub fn nato_members(&self, y: i32) -> Vec<Ccode> {
        let mut v: Vec<Ccode> = self
            .get("nato")
            .map(|t| t.members_in_year(y).into_iter().map(|(_, c)| c).collect())
            .unwrap_or_default();
        v.sort_unstable();
        v
    }

    /// NATO's European members in a year (NATO less the US and Canada).
    pub fn european_allies(&self, y: i32) -> Vec<Ccode> {
        self.nato_members(y)
            .into_iter()
            .filter(|c| EUROPE.contains(*c))
            .collect()
    }

    /// The states bound to the US by a defence treaty in force in a year, in a group (or anywhere).
    pub fn us_treaty_allies(&self, y: i32, group: Option<Group>) -> Vec<Ccode> {
        let mut s = BTreeSet::new();
        for t in self.alliances_in_year(y, Some(US)) {
            for (a, b) in t.pairs_in_year(y) {
                let other = if a == US {
                    b
                } else if b == US {
                    a
                } else {
                    continue;
                };
                if group.is_none_or(|g| g.contains(other)) {
                    s.insert(other);
                }
            }
        }
        s.into_iter().collect()
    }

    /// The US treaty allies in East Asia & Pacific in a year.
    pub fn east_asian_allies(&self, y: i32) -> Vec<Ccode> {
        self.us_treaty_allies(y, Some(EAP))
    }

    /// The Indo-Pacific partners in a year: East Asia & Pacific states, other than the US treaty allies
    /// and the challengers, tied that year to the US or a European ally by a defence treaty, a defence
    /// cooperation or access agreement, or a partnership.
    pub fn indo_pacific_partners(&self, y: i32) -> Vec<Ccode> {
        let allies: BTreeSet<Ccode> = self.east_asian_allies(y).into_iter().collect();
        let west: BTreeSet<Ccode> = self
            .european_allies(y)
            .into_iter()
            .chain(std::iter::once(US))
            .collect();
        let mut s = BTreeSet::new();
        for t in self.active_in_year(y).filter(|t| {
            matches!(
                t.kind,
                TieKind::DefenceTreaty
                    | TieKind::DefenceCooperation
                    | TieKind::AccessAgreement
                    | TieKind::Partnership
            )
        }) {
            for (a, b) in t.pairs_in_year(y) {
                for (p, q) in [(a, b), (b, a)] {
                    if west.contains(&q)
                        && EAP.contains(p)
                        && !allies.contains(&p)
                        && !CHALLENGERS.contains(&p)
                    {
                        s.insert(p);
                    }
                }
            }
        }
        s.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::CuratedRecord;
    use entente_core::Ccode;

    #[test]
    fn blocks_of_2024() {
        let r = CuratedRecord::embedded().unwrap();
        assert_eq!(r.nato_members(2024).len(), 32);
        assert_eq!(
            r.european_allies(2024).len(),
            30,
            "NATO less the US and Canada"
        );
        let eap = r.east_asian_allies(2024);
        for c in [740, 732, 900, 840, 800] {
            assert!(eap.contains(&Ccode(c)), "{c} in {eap:?}");
        }
        assert!(
            !eap.contains(&Ccode(920)),
            "New Zealand: US obligations suspended since 1986"
        );
        let partners = r.indo_pacific_partners(2024);
        assert!(
            partners.contains(&Ccode(920)),
            "New Zealand is a partner: {partners:?}"
        );
        assert!(!partners.contains(&Ccode(710)) && !partners.contains(&Ccode(740)));
        assert!(
            r.east_asian_allies(1975).contains(&Ccode(713)),
            "Taiwan until 1979"
        );
        assert!(!r.east_asian_allies(1985).contains(&Ccode(713)));
    }
}
