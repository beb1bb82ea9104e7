//! A tie's scope: bilateral, multilateral, or a framework between an organisation and a partner.
//! Derived in one place, [`Tie::scope`], so that every view and every count agrees.

use crate::tie::Tie;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a tie binds: two states, several states, or an organisation's members to a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TieScope {
    /// Two states (the US–Japan treaty, the Japan–UK Reciprocal Access Agreement).
    Bilateral,
    /// A treaty, programme or exercise among three or more states, each a party in its own right
    /// (FPDA, AUKUS, RIMPAC, the F-35 programme).
    Multilateral,
    /// An organisation and a partner: NATO's partnership programmes (IPCP, ITPP) with Japan,
    /// Korea, Australia or New Zealand, the EU's partnership agreements. Its member–partner pairs
    /// are bound through the organisation, not by a treaty of their own.
    Framework,
}

impl TieScope {
    /// Every scope, in display order.
    pub const ALL: [TieScope; 3] = [
        TieScope::Bilateral,
        TieScope::Multilateral,
        TieScope::Framework,
    ];

    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            TieScope::Bilateral => "bilateral",
            TieScope::Multilateral => "multilateral",
            TieScope::Framework => "framework",
        }
    }
}

impl fmt::Display for TieScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Tie {
    /// The tie's scope: a framework when the record ties an organisation's members to a partner
    /// ([`Tie::is_organisation_record`]); otherwise bilateral when it has two parties (counted by the
    /// code written in the record, so Germany's two COW codes are one party) and multilateral when
    /// it has more.
    pub fn scope(&self) -> TieScope {
        if self.is_organisation_record() {
            return TieScope::Framework;
        }
        let mut codes: Vec<&str> = self.members.iter().map(|m| m.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.len() <= 2 {
            TieScope::Bilateral
        } else {
            TieScope::Multilateral
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tie::{Member, MemberSpell, Obligations, TieKind};
    use crate::{Ccode, Date, DateSpan};

    fn tie(codes: &[(&str, u16)], tags: &[&str]) -> Tie {
        let start = Date::from_ymd_opt(2014, 5, 6).unwrap();
        Tie {
            id: "t".into(),
            name: "t".into(),
            kind: TieKind::Partnership,
            obligations: Obligations::NONE,
            signed: start,
            span: DateSpan::new(start, None),
            status: crate::tie::Status::InForce,
            instrument: crate::tie::Instrument::Political,
            basis: crate::tie::StartBasis::OwnDate,
            precision: crate::tie::DatePrecisions::default(),
            note: None,
            members: codes
                .iter()
                .map(|(c, n)| Member {
                    code: (*c).into(),
                    spells: vec![MemberSpell {
                        ccode: Ccode(*n),
                        span: DateSpan::new(start, None),
                    }],
                    note: None,
                })
                .collect(),
            suspended: vec![],
            supplier: None,
            summary: String::new(),
            tags: tags.iter().map(|t| (*t).into()).collect(),
            sources: vec![],
            origin: "test".into(),
        }
    }

    #[test]
    fn scope_follows_parties_and_organisation_tags() {
        assert_eq!(
            tie(&[("JPN", 740), ("GBR", 200)], &[]).scope(),
            TieScope::Bilateral
        );
        let three = [("GBR", 200), ("AUS", 900), ("NZL", 920)];
        assert_eq!(tie(&three, &[]).scope(), TieScope::Multilateral);
        assert_eq!(
            tie(&three, &["interregional"]).scope(),
            TieScope::Multilateral
        );
        assert_eq!(tie(&three, &["nato-partner"]).scope(), TieScope::Framework);
        assert_eq!(tie(&three, &["eu"]).scope(), TieScope::Framework);
        // A party written twice (Germany before and after 1990) is one party.
        assert_eq!(
            tie(&[("DEU", 260), ("DEU", 255), ("JPN", 740)], &[]).scope(),
            TieScope::Bilateral
        );
        assert_eq!(TieScope::Framework.to_string(), "framework");
    }
}
