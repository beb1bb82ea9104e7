//! The blocks of a year: the United States, its NATO allies, its East Asia & Pacific treaty allies,
//! the Indo-Pacific partners, the challengers, and the others. Defined in `docs/networks.md`.

use entente_core::{Ccode, Region, StateInfo, TieKind, CHALLENGERS, US};
use entente_curated::counterfactual::{Action, HypotheticalTie};
use entente_curated::CuratedRecord;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// A block of states in a year. Every state is in exactly one, taken in this order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Block {
    /// The United States.
    Us,
    /// China, Russia (the Soviet Union before 1992) and North Korea.
    Challengers,
    /// The other NATO members that year (the curated record's `nato`), Canada included.
    Nato,
    /// States of East Asia & Pacific in a defence treaty with the US that year (the pair not
    /// suspended, so New Zealand leaves in 1987).
    EapAllies,
    /// States of East Asia & Pacific or South & Central Asia, neither allies nor challengers, tied
    /// that year to the US or to an East Asia & Pacific treaty ally by a curated defence treaty,
    /// defence cooperation or access agreement, or partnership.
    IpPartners,
    /// Every other state.
    Others,
}

impl Block {
    /// Every block, in order.
    pub const ALL: [Block; 6] = [
        Block::Us,
        Block::Challengers,
        Block::Nato,
        Block::EapAllies,
        Block::IpPartners,
        Block::Others,
    ];

    /// The block's short name in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Block::Us => "us",
            Block::Challengers => "challengers",
            Block::Nato => "nato",
            Block::EapAllies => "eap-allies",
            Block::IpPartners => "ip-partners",
            Block::Others => "others",
        }
    }

    /// A readable label.
    pub fn label(self) -> &'static str {
        match self {
            Block::Us => "United States",
            Block::Challengers => "Challengers",
            Block::Nato => "NATO allies",
            Block::EapAllies => "East Asia & Pacific treaty allies",
            Block::IpPartners => "Indo-Pacific partners",
            Block::Others => "Others",
        }
    }
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The allied and partner blocks of a year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockSets {
    /// NATO members other than the US.
    pub nato: BTreeSet<Ccode>,
    /// East Asia & Pacific treaty allies.
    pub eap: BTreeSet<Ccode>,
    /// Indo-Pacific partners.
    pub ip: BTreeSet<Ccode>,
}

impl BlockSets {
    /// The block of a state.
    pub fn of(&self, c: Ccode) -> Block {
        if c == US {
            Block::Us
        } else if CHALLENGERS.contains(&c) {
            Block::Challengers
        } else if self.nato.contains(&c) {
            Block::Nato
        } else if self.eap.contains(&c) {
            Block::EapAllies
        } else if self.ip.contains(&c) {
            Block::IpPartners
        } else {
            Block::Others
        }
    }
}

fn region(c: Ccode) -> Option<Region> {
    StateInfo::get(c).map(|s| s.region)
}

const PARTNER_KINDS: [TieKind; 4] = [
    TieKind::DefenceTreaty,
    TieKind::DefenceCooperation,
    TieKind::AccessAgreement,
    TieKind::Partnership,
];

/// The blocks of a year, from the curated record and the hypothetical ties in force that year.
pub fn blocks_in_year(
    rec: &CuratedRecord,
    year: i32,
    hypothetical: &[&HypotheticalTie],
) -> BlockSets {
    // NATO members and the US treaty allies in East Asia & Pacific: the record's own definitions,
    // shared with the other analyses (`entente_curated::CuratedRecord::nato_members`, …).
    let mut b = BlockSets {
        nato: rec
            .nato_members(year)
            .into_iter()
            .filter(|c| *c != US)
            .collect(),
        eap: rec.east_asian_allies(year).into_iter().collect(),
        ip: BTreeSet::new(),
    };
    let eap_state =
        |c: Ccode| region(c) == Some(Region::EastAsiaPacific) && !CHALLENGERS.contains(&c);
    for h in hypothetical
        .iter()
        .filter(|h| h.kind == TieKind::DefenceTreaty)
    {
        for (x, y) in h.pairs() {
            let other = match (x == US, y == US) {
                (true, false) => y,
                (false, true) => x,
                _ => continue,
            };
            if eap_state(other) {
                match h.action {
                    Action::Add => {
                        b.eap.insert(other);
                    }
                    Action::Remove => {
                        b.eap.remove(&other);
                    }
                }
            }
        }
    }
    b.eap.retain(|c| !b.nato.contains(c));
    let anchors = |c: Ccode| c == US || b.eap.contains(&c);
    let candidate = |c: Ccode| {
        matches!(
            region(c),
            Some(Region::EastAsiaPacific | Region::SouthCentralAsia)
        ) && c != US
            && !CHALLENGERS.contains(&c)
            && !b.nato.contains(&c)
            && !b.eap.contains(&c)
    };
    let mut ip = BTreeSet::new();
    for t in rec
        .active_in_year(year)
        .filter(|t| PARTNER_KINDS.contains(&t.kind))
    {
        for (x, y) in t.pairs_in_year(year) {
            if anchors(x) && candidate(y) {
                ip.insert(y);
            } else if anchors(y) && candidate(x) {
                ip.insert(x);
            }
        }
    }
    for h in hypothetical
        .iter()
        .filter(|h| PARTNER_KINDS.contains(&h.kind) && h.action == Action::Add)
    {
        for (x, y) in h.pairs() {
            if anchors(x) && candidate(y) {
                ip.insert(y);
            } else if anchors(y) && candidate(x) {
                ip.insert(x);
            }
        }
    }
    b.ip = ip;
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(c: &BTreeSet<Ccode>) -> Vec<&'static str> {
        let mut v: Vec<&str> = c
            .iter()
            .filter_map(|c| StateInfo::get(*c).map(|s| s.code()))
            .collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn blocks_follow_the_record() {
        let rec = CuratedRecord::embedded().unwrap();
        let b = blocks_in_year(rec, 2024, &[]);
        assert_eq!(b.nato.len(), 31, "32 members less the US");
        assert_eq!(iso(&b.eap), vec!["AUS", "JPN", "KOR", "PHL", "THA"]);
        assert!(
            iso(&b.ip).contains(&"IND"),
            "India via the Quad: {:?}",
            iso(&b.ip)
        );
        assert!(
            iso(&b.ip).contains(&"NZL"),
            "New Zealand via ANZUS with Australia"
        );
        assert_eq!(b.of(Ccode(710)), Block::Challengers);
        assert_eq!(b.of(US), Block::Us);
        let b1985 = blocks_in_year(rec, 1985, &[]);
        assert!(iso(&b1985.eap).contains(&"NZL"));
        let b1987 = blocks_in_year(rec, 1987, &[]);
        assert!(
            !iso(&b1987.eap).contains(&"NZL"),
            "US–NZ suspended from 1986"
        );
        let b1960 = blocks_in_year(rec, 1960, &[]);
        assert!(iso(&b1960.eap).contains(&"TWN"));
        assert_eq!(b1960.nato.len(), 14);
    }
}
