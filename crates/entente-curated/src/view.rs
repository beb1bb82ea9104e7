//! Row views of the record, as the CLI and the JSON API show them.

use crate::CuratedRecord;
use entente_core::{Ccode, CountFrom, Date, Group, Source, Status, TieKind, TieScope};
use serde::Serialize;

/// A state in a view: `{ccode, iso3, name}` (the core's `StateRef`, under the name the views use).
pub use entente_core::StateRef as StateCell;

/// A member of an alliance in a year.
#[derive(Debug, Clone, Serialize)]
pub struct MemberCell {
    /// The COW code in that year.
    pub ccode: u16,
    /// The ISO3 code.
    pub iso3: String,
    /// The name.
    pub name: String,
    /// The day the member joined.
    pub joined: Option<Date>,
}

/// One alliance as of a year.
#[derive(Debug, Clone, Serialize)]
pub struct AllianceRow {
    /// The record id.
    pub id: String,
    /// The name.
    pub name: String,
    /// The kind (`defence_treaty`).
    pub kind: TieKind,
    /// Bilateral, multilateral or framework ([`entente_core::Tie::scope`]).
    pub scope: TieScope,
    /// Obligations.
    pub obligations: Vec<&'static str>,
    /// In force from.
    pub start: Date,
    /// Ended on.
    pub end: Option<Date>,
    /// The start as far as it is known (`2008`, `1981-09` or a full date).
    pub start_shown: String,
    /// The end as far as it is known.
    pub end_shown: Option<String>,
    /// The status as of the record's cut-off date.
    pub status: Status,
    /// Number of members in the year.
    pub member_count: usize,
    /// Members in the year.
    pub members: Vec<MemberCell>,
    /// Pairs of members not bound to each other that year (ISO3, as `[low, high]` by COW code),
    /// such as the US and New Zealand in ANZUS from 1987: the treaty's obligations between them
    /// were suspended. Empty for most alliances.
    pub suspended_pairs: Vec<[String; 2]>,
    /// Where this row comes from (`curated`).
    pub source: &'static str,
    /// The documents behind it.
    pub sources: Vec<Source>,
}

/// One dyadic tie between two states.
#[derive(Debug, Clone, Serialize)]
pub struct TieRow {
    /// ISO3 of the first state (in the first group asked for).
    pub a: String,
    /// ISO3 of the second state.
    pub b: String,
    /// COW code of `a`.
    pub a_ccode: u16,
    /// COW code of `b`.
    pub b_ccode: u16,
    /// The kind.
    pub kind: TieKind,
    /// Bilateral, multilateral or framework ([`entente_core::Tie::scope`]): a framework row is one
    /// member–partner pair of an organisation's partnership, not a treaty of the pair's own.
    pub scope: TieScope,
    /// The tie's name.
    pub name: String,
    /// The record id.
    pub id: String,
    /// First day the tie bound the pair.
    pub start: Option<Date>,
    /// Last day, if it ended.
    pub end: Option<Date>,
    /// The tie's start as far as it is known (`2008` for a year-precise date).
    pub start_shown: String,
    /// The tie's end as far as it is known.
    pub end_shown: Option<String>,
    /// The status as of the record's cut-off date.
    pub status: Status,
    /// The documents behind it.
    pub sources: Vec<Source>,
}

impl CuratedRecord {
    /// The alliances (defence treaties) in force in `year`, optionally those of one state, each with
    /// its members as of that year. Sorted by start date.
    pub fn alliance_rows(&self, year: i32, state: Option<Ccode>) -> Vec<AllianceRow> {
        self.alliance_rows_from(year, state, CountFrom::EntryIntoForce)
    }

    /// [`CuratedRecord::alliance_rows`] under a counting convention; from signature, a row's
    /// `start` is the signature.
    pub fn alliance_rows_from(
        &self,
        year: i32,
        state: Option<Ccode>,
        from: CountFrom,
    ) -> Vec<AllianceRow> {
        let mut rows: Vec<AllianceRow> = self
            .alliances_in_year_from(year, state, from)
            .into_iter()
            .map(|t| {
                let mut members: Vec<MemberCell> = t
                    .members_in_year(year)
                    .into_iter()
                    .map(|(m, c)| {
                        let s = StateCell::of(c);
                        MemberCell {
                            ccode: s.ccode,
                            iso3: s.iso3,
                            name: s.name,
                            joined: m.joined(),
                        }
                    })
                    .collect();
                members.sort_by_key(|m| (m.joined, m.ccode));
                let bound = t.pairs_in_year_from(year, from);
                let mut suspended_pairs = Vec::new();
                if !t.suspended.is_empty() {
                    let mut codes: Vec<u16> = members.iter().map(|m| m.ccode).collect();
                    codes.sort_unstable();
                    for (i, &a) in codes.iter().enumerate() {
                        for &b in &codes[i + 1..] {
                            if !bound.contains(&(Ccode(a), Ccode(b))) {
                                suspended_pairs.push([
                                    StateCell::of(Ccode(a)).iso3,
                                    StateCell::of(Ccode(b)).iso3,
                                ]);
                            }
                        }
                    }
                }
                let counted = t.counted_span(from).unwrap_or(t.span);
                let start_shown = if counted.start == t.signed {
                    t.precision.signed.show(t.signed)
                } else {
                    t.start_shown()
                };
                AllianceRow {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    kind: t.kind,
                    scope: t.scope(),
                    obligations: t.obligations.iter().map(|o| o.name()).collect(),
                    start: counted.start,
                    end: counted.end,
                    start_shown,
                    end_shown: t.end_shown(),
                    status: t.status,
                    member_count: members.len(),
                    members,
                    suspended_pairs,
                    source: "curated",
                    sources: t.sources.clone(),
                }
            })
            .collect();
        rows.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        rows
    }

    /// The dyadic ties between two groups, of every kind, in a year or ever.
    pub fn tie_rows(&self, ga: Group, gb: Group, year: Option<i32>) -> Vec<TieRow> {
        self.tie_rows_from(ga, gb, year, CountFrom::EntryIntoForce)
    }

    /// [`CuratedRecord::tie_rows`] under a counting convention.
    pub fn tie_rows_from(
        &self,
        ga: Group,
        gb: Group,
        year: Option<i32>,
        from: CountFrom,
    ) -> Vec<TieRow> {
        self.cross_ties_from(ga, gb, year, from)
            .into_iter()
            .map(|c| {
                let (a, b) = (StateCell::of(c.a), StateCell::of(c.b));
                TieRow {
                    a: a.iso3,
                    b: b.iso3,
                    a_ccode: a.ccode,
                    b_ccode: b.ccode,
                    kind: c.tie.kind,
                    scope: c.tie.scope(),
                    name: c.tie.name.clone(),
                    id: c.tie.id.clone(),
                    start: c.start(),
                    end: c.end(),
                    start_shown: c.tie.start_shown(),
                    end_shown: c.tie.end_shown(),
                    status: c.tie.status,
                    sources: c.tie.sources.clone(),
                }
            })
            .collect()
    }
}
