//! Ties between states: treaties, agreements, partnerships, exercises and arms programmes.

use crate::date::{DateSpan, Precision};
use crate::error::CoreError;
use crate::state::{Ccode, Region, StateInfo};
use crate::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TieKind {
    /// A defence treaty with ATOP-style obligations.
    DefenceTreaty,
    /// A defence cooperation agreement (including logistics/ACSA, information-security and
    /// equipment-transfer agreements).
    DefenceCooperation,
    /// A reciprocal access or status-of-forces agreement.
    AccessAgreement,
    /// A strategic partnership, partnership programme or joint statement of alignment.
    Partnership,
    /// A joint exercise or a joint air or naval patrol.
    Exercise,
    /// An arms-industrial programme (co-development or co-production).
    ArmsIndustrial,
    /// A major arms deal.
    ArmsDeal,
}

impl TieKind {
    /// Every kind, in display order.
    pub const ALL: [TieKind; 7] = [
        TieKind::DefenceTreaty,
        TieKind::DefenceCooperation,
        TieKind::AccessAgreement,
        TieKind::Partnership,
        TieKind::Exercise,
        TieKind::ArmsIndustrial,
        TieKind::ArmsDeal,
    ];
    /// The names used in files and on the command line.
    pub const NAMES: [&'static str; 7] = [
        "defence_treaty",
        "defence_cooperation",
        "access_agreement",
        "partnership",
        "exercise",
        "arms_industrial",
        "arms_deal",
    ];

    /// The kind's file name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Parses a kind name (`defence_treaty`, also with `-` for `_`).
    pub fn parse(s: &str) -> Result<TieKind, CoreError> {
        let k = s.trim().to_ascii_lowercase().replace('-', "_");
        Self::NAMES
            .iter()
            .position(|n| *n == k)
            .map(|i| Self::ALL[i])
            .ok_or_else(|| CoreError::UnknownTieKind(s.to_string()))
    }

    /// A readable label.
    pub fn label(self) -> &'static str {
        match self {
            TieKind::DefenceTreaty => "defence treaty",
            TieKind::DefenceCooperation => "defence cooperation",
            TieKind::AccessAgreement => "access/SOFA agreement",
            TieKind::Partnership => "partnership",
            TieKind::Exercise => "exercise/patrol",
            TieKind::ArmsIndustrial => "arms-industrial programme",
            TieKind::ArmsDeal => "major arms deal",
        }
    }
}

impl fmt::Display for TieKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An ATOP-style obligation (Leeds et al. 2002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligation {
    /// Active military support if a partner is attacked.
    Defense,
    /// Active military support in an attack by a partner.
    Offense,
    /// Neutrality if a partner is in a conflict.
    Neutrality,
    /// A promise not to attack a partner.
    Nonaggression,
    /// Consultation in a crisis.
    Consultation,
}

impl Obligation {
    /// Every obligation.
    pub const ALL: [Obligation; 5] = [
        Obligation::Defense,
        Obligation::Offense,
        Obligation::Neutrality,
        Obligation::Nonaggression,
        Obligation::Consultation,
    ];

    /// Parses an obligation name.
    pub fn parse(s: &str) -> Result<Obligation, CoreError> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "defense" | "defence" => Obligation::Defense,
            "offense" | "offence" => Obligation::Offense,
            "neutrality" | "neutral" => Obligation::Neutrality,
            "nonaggression" | "non-aggression" | "nonagg" => Obligation::Nonaggression,
            "consultation" | "consul" => Obligation::Consultation,
            _ => return Err(CoreError::UnknownObligation(s.to_string())),
        })
    }

    /// The name used in files and in ATOP's columns' spirit.
    pub fn name(self) -> &'static str {
        match self {
            Obligation::Defense => "defense",
            Obligation::Offense => "offense",
            Obligation::Neutrality => "neutrality",
            Obligation::Nonaggression => "nonaggression",
            Obligation::Consultation => "consultation",
        }
    }
}

/// A set of obligations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Obligations(u8);

impl Obligations {
    /// No obligation.
    pub const NONE: Obligations = Obligations(0);

    fn bit(o: Obligation) -> u8 {
        1 << (o as u8)
    }

    /// Adds an obligation.
    pub fn insert(&mut self, o: Obligation) {
        self.0 |= Self::bit(o);
    }

    /// Whether the set holds an obligation.
    pub fn has(self, o: Obligation) -> bool {
        self.0 & Self::bit(o) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The obligations held, in canonical order.
    pub fn iter(self) -> impl Iterator<Item = Obligation> {
        Obligation::ALL.into_iter().filter(move |o| self.has(*o))
    }

    /// The union of two sets.
    pub fn union(self, other: Obligations) -> Obligations {
        Obligations(self.0 | other.0)
    }

    /// The ATOP valued coding of Chiba, Johnson & Leeds (2015): 3 for a defense or offense
    /// obligation; 2 for neutrality or consultation; 1 for non-aggression only; 0 for none.
    pub fn atop_valued(self) -> u8 {
        if self.has(Obligation::Defense) || self.has(Obligation::Offense) {
            3
        } else if self.has(Obligation::Neutrality) || self.has(Obligation::Consultation) {
            2
        } else if self.has(Obligation::Nonaggression) {
            1
        } else {
            0
        }
    }
}

impl FromIterator<Obligation> for Obligations {
    fn from_iter<I: IntoIterator<Item = Obligation>>(iter: I) -> Self {
        let mut s = Obligations::NONE;
        for o in iter {
            s.insert(o);
        }
        s
    }
}

/// Where a fact comes from: a document's title and URL, and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The document's title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// The document's date, or the date it was consulted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The publisher, where useful.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
}

/// A record's status as of the curated record's cut-off date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Signed, not (yet) in force.
    Signed,
    /// In force (for a political instrument or an ongoing programme: current).
    InForce,
    /// Applied provisionally, pending entry into force.
    ProvisionallyApplied,
    /// In force but its operation suspended (the record's `end` is the last day it operated).
    Suspended,
    /// Ended by withdrawal, denunciation, expiry or the parties' agreement.
    Terminated,
    /// Replaced by a later instrument.
    Superseded,
    /// An event (exercise, deal, programme) that is over.
    Completed,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 7] = [
        Status::Signed,
        Status::InForce,
        Status::ProvisionallyApplied,
        Status::Suspended,
        Status::Terminated,
        Status::Superseded,
        Status::Completed,
    ];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            Status::Signed => "signed",
            Status::InForce => "in_force",
            Status::ProvisionallyApplied => "provisionally_applied",
            Status::Suspended => "suspended",
            Status::Terminated => "terminated",
            Status::Superseded => "superseded",
            Status::Completed => "completed",
        }
    }

    /// Parses a status name.
    pub fn parse(s: &str) -> Option<Status> {
        let k = s.trim().to_ascii_lowercase().replace('-', "_");
        Status::ALL.into_iter().find(|x| x.name() == k)
    }

    /// Whether the status says the record had ended by the cut-off date.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Status::Suspended | Status::Terminated | Status::Superseded | Status::Completed
        )
    }
}

/// What kind of instrument a record is, which decides from when it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// A treaty or agreement binding in law: counts from entry into force (or provisional
    /// application), never from signature alone.
    Binding,
    /// A joint statement, partnership, roadmap or arrangement: counts from its own date.
    Political,
    /// An exercise, patrol, delivery or deal: counts from its own date.
    Event,
}

impl Instrument {
    /// The default for a kind: treaties, cooperation and access agreements are binding;
    /// partnerships political; exercises and arms deals and programmes events.
    pub fn default_for(kind: TieKind) -> Instrument {
        match kind {
            TieKind::DefenceTreaty | TieKind::DefenceCooperation | TieKind::AccessAgreement => {
                Instrument::Binding
            }
            TieKind::Partnership => Instrument::Political,
            TieKind::Exercise | TieKind::ArmsIndustrial | TieKind::ArmsDeal => Instrument::Event,
        }
    }

    /// Parses `binding`, `political` or `event`.
    pub fn parse(s: &str) -> Option<Instrument> {
        match s.trim().to_ascii_lowercase().as_str() {
            "binding" => Some(Instrument::Binding),
            "political" => Some(Instrument::Political),
            "event" => Some(Instrument::Event),
            _ => None,
        }
    }
}

/// Why a record's counted span starts when it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "basis")]
pub enum StartBasis {
    /// A binding instrument's entry into force.
    EntryIntoForce,
    /// A binding instrument's provisional application, with the source that says so.
    ProvisionalApplication {
        /// The document providing for, or reporting, provisional application.
        source: Source,
    },
    /// An event's or a political instrument's own date.
    OwnDate,
    /// A binding instrument whose entry into force is undated, counted from a date for a sourced
    /// reason (such as an agreement that enters into force on signature).
    Reasoned {
        /// Why it counts from that date.
        reason: String,
        /// The document that supports the reason.
        source: Source,
    },
    /// A binding instrument not in force by the cut-off date, or whose entry into force is
    /// unknown with no sourced reason to count it: it counts only from signature, on request.
    NotInForce,
}

/// From which date a query counts binding instruments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountFrom {
    /// Entry into force (or provisional application): Entente's default, the ATOP and COW convention.
    #[default]
    EntryIntoForce,
    /// Signature, for users who date ties from signature.
    Signature,
}

/// How precisely a record's dates are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DatePrecisions {
    /// Of the signature (or the event's first day).
    pub signed: Precision,
    /// Of the counted start (entry into force, provisional application, or the own date).
    pub start: Precision,
    /// Of the end.
    pub end: Precision,
}

/// One COW state a member stood for over a span of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MemberSpell {
    /// The COW code.
    pub ccode: Ccode,
    /// The days of membership under that code.
    pub span: DateSpan,
}

/// A party to a tie, as written (an ISO3 code), resolved to COW codes over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The code as written in the record (`DEU`, `JPN`…).
    pub code: String,
    /// The membership spells, one per COW code the member stood for, within the tie's own span.
    pub spells: Vec<MemberSpell>,
    /// A note on this membership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Member {
    /// The COW code this member stood for on the latest day of year `y` on which it was a member,
    /// or `None` when it was not a member in `y`.
    pub fn ccode_in_year(&self, y: i32) -> Option<Ccode> {
        self.spells
            .iter()
            .filter(|s| s.span.active_in_year(y))
            .max_by_key(|s| s.span.start)
            .map(|s| s.ccode)
    }

    /// The member's first day.
    pub fn joined(&self) -> Option<Date> {
        self.spells.iter().map(|s| s.span.start).min()
    }

    /// The member's last day, if it left.
    pub fn left(&self) -> Option<Date> {
        if self.spells.iter().any(|s| s.span.end.is_none()) {
            None
        } else {
            self.spells.iter().filter_map(|s| s.span.end).max()
        }
    }
}

/// A suspension of the obligations between two members (ANZUS: the US and New Zealand from 1986).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suspension {
    /// One member, by its index in [`Tie::members`].
    pub a: usize,
    /// The other member.
    pub b: usize,
    /// The days of suspension.
    pub span: DateSpan,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A tie between two or more states, with its dates and sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tie {
    /// A unique slug.
    pub id: String,
    /// The usual name.
    pub name: String,
    /// The kind.
    pub kind: TieKind,
    /// The obligations (defence treaties only).
    pub obligations: Obligations,
    /// The date of signature (for an exercise, its first day).
    pub signed: Date,
    /// From the counted start (entry into force, provisional application, or an event's or a
    /// political instrument's own date; signature when [`StartBasis::NotInForce`]) to the end, if
    /// any. Queries go through [`Tie::counted_span`], which applies the basis.
    pub span: DateSpan,
    /// The status as of the record's cut-off date.
    pub status: Status,
    /// Binding, political or event.
    pub instrument: Instrument,
    /// Why `span` starts when it does, and whether it counts.
    pub basis: StartBasis,
    /// How precisely the dates are known.
    pub precision: DatePrecisions,
    /// What could not be confirmed, or where sources disagree.
    pub note: Option<String>,
    /// The parties.
    pub members: Vec<Member>,
    /// Suspended pairs.
    pub suspended: Vec<Suspension>,
    /// For arms deals and programmes: the supplying member's index.
    pub supplier: Option<usize>,
    /// One sentence on the tie.
    pub summary: String,
    /// Free labels.
    pub tags: Vec<String>,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// Where the record was read from, `file:line`.
    pub origin: String,
}

/// A dyadic tie: one pair of members of a tie, with the days on which the tie bound them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairTie {
    /// The lower COW code.
    pub a: Ccode,
    /// The higher COW code.
    pub b: Ccode,
    /// The days on which the pair was tied (disjoint, in order).
    pub spans: Vec<DateSpan>,
}

impl PairTie {
    /// Whether the pair was tied on some day of year `y`.
    pub fn active_in_year(&self, y: i32) -> bool {
        self.spans.iter().any(|s| s.active_in_year(y))
    }

    /// Whether the pair was tied on a day.
    pub fn active_on(&self, day: Date) -> bool {
        self.spans.iter().any(|s| s.contains(day))
    }
}

impl Tie {
    /// **The counting rule.** The days on which the tie counts under a convention, or `None` when
    /// it never counts. From entry into force: the span from entry into force (or provisional
    /// application, a sourced reasoned date, or an event's or political instrument's own date) to
    /// the end; a binding instrument not in force counts never. From signature: signature to the
    /// end, for every record. Every query of the form "does this tie count in year Y" goes through
    /// here and [`DateSpan::active_in_year`].
    pub fn counted_span(&self, from: CountFrom) -> Option<DateSpan> {
        match from {
            CountFrom::Signature => Some(DateSpan::new(self.signed, self.span.end)),
            CountFrom::EntryIntoForce => match self.basis {
                StartBasis::NotInForce => None,
                _ => Some(self.span),
            },
        }
    }

    /// Whether the tie counts in year `y` under a convention: its counted span covers some day
    /// of `y`.
    pub fn counts_in_year(&self, y: i32, from: CountFrom) -> bool {
        self.counted_span(from).is_some_and(|s| s.active_in_year(y))
    }

    /// Whether the tie was in force on some day of year `y` (counting from entry into force).
    pub fn active_in_year(&self, y: i32) -> bool {
        self.counts_in_year(y, CountFrom::EntryIntoForce)
    }

    /// The members in year `y`, each with the COW code it stood for (its latest in `y`).
    pub fn members_in_year(&self, y: i32) -> Vec<(&Member, Ccode)> {
        self.members
            .iter()
            .filter_map(|m| m.ccode_in_year(y).map(|c| (m, c)))
            .collect()
    }

    /// Whether a COW code was a member in year `y`.
    pub fn has_member_in_year(&self, ccode: Ccode, y: i32) -> bool {
        self.members.iter().any(|m| {
            m.spells
                .iter()
                .any(|s| s.ccode == ccode && s.span.active_in_year(y))
        })
    }

    /// The start date as far as it is known (`2008` for a year-precise date).
    pub fn start_shown(&self) -> String {
        self.precision.start.show(self.span.start)
    }

    /// The end date as far as it is known, if any.
    pub fn end_shown(&self) -> Option<String> {
        self.span.end.map(|e| self.precision.end.show(e))
    }

    /// Whether the record ties an organisation's members to a partner (tagged `nato-partner`, as
    /// NATO's partnership programmes with Japan or Australia, or `eu`, as the EU–Japan Strategic
    /// Partnership Agreement). Its pairs are then only those between the partner side and the
    /// members: the members are tied among themselves by the organisation, not by this record.
    pub fn is_organisation_record(&self) -> bool {
        self.tags.iter().any(|g| g == "nato-partner" || g == "eu")
    }

    /// Every pair of members with the days on which the tie bound them: the overlap of their
    /// membership spells, less any suspension between them. Pairs that never overlap are left out.
    /// For an organisation-to-partner record ([`Tie::is_organisation_record`]) only the pairs with
    /// one state of Europe or North America (the organisation's side) and one from elsewhere (the
    /// partner side).
    pub fn pair_ties(&self) -> Vec<PairTie> {
        self.pair_ties_from(CountFrom::EntryIntoForce)
    }

    /// [`Tie::pair_ties`] under a counting convention: the pairs' days lie within
    /// [`Tie::counted_span`]; none when the tie does not count.
    pub fn pair_ties_from(&self, from: CountFrom) -> Vec<PairTie> {
        let Some(counted) = self.counted_span(from) else {
            return Vec::new();
        };
        let organisation = self.is_organisation_record();
        let partner_side = |c: Ccode| {
            !matches!(
                StateInfo::get(c).map(|s| s.region),
                Some(Region::Europe | Region::NorthAmerica)
            )
        };
        let mut out = Vec::new();
        for i in 0..self.members.len() {
            for j in (i + 1)..self.members.len() {
                let cuts: Vec<&Suspension> = self
                    .suspended
                    .iter()
                    .filter(|s| (s.a == i && s.b == j) || (s.a == j && s.b == i))
                    .collect();
                for si in &self.members[i].spells {
                    for sj in &self.members[j].spells {
                        if si.ccode == sj.ccode
                            || (organisation && partner_side(si.ccode) == partner_side(sj.ccode))
                        {
                            continue;
                        }
                        let mut spans = vec![si.span.intersect(&sj.span).intersect(&counted)];
                        for cut in &cuts {
                            spans = spans.iter().flat_map(|s| s.subtract(&cut.span)).collect();
                        }
                        spans.retain(|s| !s.is_empty());
                        if spans.is_empty() {
                            continue;
                        }
                        let (a, b) = if si.ccode < sj.ccode {
                            (si.ccode, sj.ccode)
                        } else {
                            (sj.ccode, si.ccode)
                        };
                        out.push(PairTie { a, b, spans });
                    }
                }
            }
        }
        out
    }

    /// The pairs tied on some day of year `y`, each once as `(low, high)`.
    pub fn pairs_in_year(&self, y: i32) -> Vec<(Ccode, Ccode)> {
        self.pairs_in_year_from(y, CountFrom::EntryIntoForce)
    }

    /// [`Tie::pairs_in_year`] under a counting convention.
    pub fn pairs_in_year_from(&self, y: i32, from: CountFrom) -> Vec<(Ccode, Ccode)> {
        if !self.counts_in_year(y, from) {
            return Vec::new();
        }
        let mut v: Vec<(Ccode, Ccode)> = self
            .pair_ties_from(from)
            .into_iter()
            .filter(|p| p.active_in_year(y))
            .map(|p| (p.a, p.b))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd_opt(y, m, dd).unwrap()
    }

    fn member(code: &str, ccode: u16, start: Date) -> Member {
        Member {
            code: code.into(),
            spells: vec![MemberSpell {
                ccode: Ccode(ccode),
                span: DateSpan::new(start, None),
            }],
            note: None,
        }
    }

    fn anzus() -> Tie {
        let start = d(1952, 4, 29);
        Tie {
            id: "anzus".into(),
            name: "ANZUS".into(),
            kind: TieKind::DefenceTreaty,
            obligations: [Obligation::Defense, Obligation::Consultation]
                .into_iter()
                .collect(),
            signed: d(1951, 9, 1),
            span: DateSpan::new(start, None),
            status: Status::InForce,
            instrument: Instrument::Binding,
            basis: StartBasis::EntryIntoForce,
            precision: DatePrecisions::default(),
            note: None,
            members: vec![
                member("AUS", 900, start),
                member("NZL", 920, start),
                member("USA", 2, start),
            ],
            suspended: vec![Suspension {
                a: 2,
                b: 1,
                span: DateSpan::new(d(1986, 9, 17), None),
                note: None,
            }],
            supplier: None,
            summary: String::new(),
            tags: vec![],
            sources: vec![],
            origin: "test".into(),
        }
    }

    #[test]
    fn an_organisation_record_ties_the_partner_to_the_members_only() {
        let start = d(2014, 5, 6);
        let mut t = anzus();
        t.id = "nato-japan".into();
        t.kind = TieKind::Partnership;
        t.suspended.clear();
        t.members = vec![
            member("USA", 2, start),
            member("GBR", 200, start),
            member("FRA", 220, start),
            member("JPN", 740, start),
        ];
        assert_eq!(t.pairs_in_year(2015).len(), 6, "untagged: every pair");
        t.tags = vec!["nato-partner".into()];
        assert!(t.is_organisation_record());
        assert_eq!(
            t.pairs_in_year(2015),
            vec![
                (Ccode(2), Ccode(740)),
                (Ccode(200), Ccode(740)),
                (Ccode(220), Ccode(740))
            ]
        );
        t.tags = vec!["eu".into()];
        assert_eq!(t.pair_ties().len(), 3);
    }

    #[test]
    fn suspension_removes_the_pair_after_its_last_year() {
        let t = anzus();
        assert_eq!(
            t.pairs_in_year(1986).len(),
            3,
            "US–NZ still tied on some day of 1986"
        );
        let p1987 = t.pairs_in_year(1987);
        assert_eq!(
            p1987,
            vec![(Ccode(2), Ccode(900)), (Ccode(900), Ccode(920))]
        );
        assert!(t.pairs_in_year(1951).is_empty(), "not yet in force");
    }

    #[test]
    fn valued_coding_follows_chiba_et_al() {
        let f = |v: &[Obligation]| v.iter().copied().collect::<Obligations>().atop_valued();
        assert_eq!(f(&[Obligation::Defense, Obligation::Consultation]), 3);
        assert_eq!(f(&[Obligation::Offense]), 3);
        assert_eq!(f(&[Obligation::Consultation, Obligation::Nonaggression]), 2);
        assert_eq!(f(&[Obligation::Neutrality]), 2);
        assert_eq!(f(&[Obligation::Nonaggression]), 1);
        assert_eq!(f(&[]), 0);
    }

    #[test]
    fn kinds_round_trip() {
        for k in TieKind::ALL {
            assert_eq!(TieKind::parse(k.name()), Ok(k));
        }
        assert!(TieKind::parse("friendship").is_err());
    }

    #[test]
    fn a_member_counts_under_its_latest_code_in_a_year() {
        let m = Member {
            code: "DEU".into(),
            spells: vec![
                MemberSpell {
                    ccode: Ccode(260),
                    span: DateSpan::new(d(1955, 5, 6), Some(d(1990, 10, 2))),
                },
                MemberSpell {
                    ccode: Ccode(255),
                    span: DateSpan::new(d(1990, 10, 3), None),
                },
            ],
            note: None,
        };
        assert_eq!(m.ccode_in_year(1989), Some(Ccode(260)));
        assert_eq!(m.ccode_in_year(1990), Some(Ccode(255)));
        assert_eq!(m.ccode_in_year(1954), None);
    }

    fn bilateral(signed: Date, lag: u64, end: Option<u64>, basis: StartBasis) -> Tie {
        let start = signed + chrono::Days::new(lag);
        let mut t = anzus();
        t.suspended.clear();
        t.signed = signed;
        t.span = DateSpan::new(start, end.map(|e| start + chrono::Days::new(e)));
        t.basis = basis;
        t.members = vec![member("AUS", 900, signed), member("PNG", 910, signed)];
        for m in &mut t.members {
            for sp in &mut m.spells {
                sp.span = sp.span.intersect(&DateSpan::new(signed, t.span.end));
            }
        }
        t
    }

    #[test]
    fn a_treaty_signed_but_not_in_force_counts_only_from_signature() {
        // Papua New Guinea–Australia Mutual Defence Treaty: signed 6 October 2025, not in force.
        let t = bilateral(d(2025, 10, 6), 0, None, StartBasis::NotInForce);
        assert!(!t.active_in_year(2025));
        assert!(t.pairs_in_year(2025).is_empty());
        assert!(t.counts_in_year(2025, CountFrom::Signature));
        assert_eq!(t.pairs_in_year_from(2025, CountFrom::Signature).len(), 1);
        // AUKUS naval nuclear propulsion agreement: signed 5 August 2024, in force 17 January 2025.
        let a = bilateral(d(2024, 8, 5), 165, None, StartBasis::EntryIntoForce);
        assert_eq!(a.span.start, d(2025, 1, 17));
        assert!(!a.active_in_year(2024) && a.active_in_year(2025));
        assert!(a.counts_in_year(2024, CountFrom::Signature));
    }

    fn arb_basis() -> impl Strategy<Value = StartBasis> {
        prop_oneof![
            Just(StartBasis::EntryIntoForce),
            Just(StartBasis::OwnDate),
            Just(StartBasis::NotInForce),
        ]
    }

    proptest! {
        #[test]
        fn the_counting_rule_is_one_rule(
            y0 in 1949i32..2026, off in 0u64..365, lag in 0u64..2_000,
            end in proptest::option::of(0u64..5_000), basis in arb_basis(), y in 1945i32..2035,
        ) {
            let signed = d(y0, 1, 1) + chrono::Days::new(off);
            let t = bilateral(signed, lag, end, basis.clone());
            let eif = t.counts_in_year(y, CountFrom::EntryIntoForce);
            let sig = t.counts_in_year(y, CountFrom::Signature);
            // Counting from entry into force is the span's year rule, unless the tie is not in force.
            prop_assert_eq!(eif, basis != StartBasis::NotInForce && t.span.active_in_year(y));
            prop_assert_eq!(eif, t.active_in_year(y));
            // Signature comes first, so counting from it never drops a year.
            prop_assert!(!eif || sig);
            prop_assert_eq!(sig, DateSpan::new(signed, t.span.end).active_in_year(y));
            // A bilateral tie's pair counts exactly when the tie does, under either convention.
            for from in [CountFrom::EntryIntoForce, CountFrom::Signature] {
                prop_assert_eq!(!t.pairs_in_year_from(y, from).is_empty(), t.counts_in_year(y, from));
            }
        }
    }
}
