//! Alliance portfolios: for a year, the valued tie x_ik between every state i and every state k of
//! the comparison set, from ATOP, COW or the curated record.
//!
//! - **ATOP** (Chiba, Johnson & Leeds 2015 ordinal coding): 3 defense or offense; 2 neutrality or
//!   consultation; 1 non-aggression only; 0 none. ATOP's directed obligations are folded by union: i
//!   and k are tied at the strongest obligation either holds toward the other (a portfolio records
//!   *with whom* a state is allied).
//! - **COW**: 3 defence; 2 neutrality or non-aggression; 1 entente; 0 none (folded the same way).
//! - **Curated**: the defence treaties of Entente's record in force in the year, coded as ATOP.
//!
//! The self-tie x_ii is the strongest value, 3. Binary portfolios are 1 where the valued tie is ≥ 1.

use crate::error::{Result, SimilarityError};
use entente_core::ManifestInput;
use entente_core::{Ccode, TieKind};
use entente_curated::counterfactual::{Action, HypotheticalTie};
use entente_curated::CuratedRecord;
use entente_data::Store;
use rustc_hash::FxHashMap;

/// Where portfolios come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// ATOP 5.1, 1815–2018.
    Atop,
    /// COW Formal Alliances 4.1, 1816–2012.
    Cow,
    /// Entente's curated record, 1949–2025.
    Curated,
}

impl Source {
    /// Parses `atop`, `cow` or `curated`.
    pub fn parse(s: &str) -> Result<Source> {
        match s.trim().to_ascii_lowercase().as_str() {
            "atop" => Ok(Source::Atop),
            "cow" | "cow-alliance" => Ok(Source::Cow),
            "curated" => Ok(Source::Curated),
            other => Err(SimilarityError::Input(format!(
                "unknown portfolio source '{other}' (atop, cow or curated)"
            ))),
        }
    }

    /// The years the source covers.
    pub fn coverage(self) -> (i32, i32) {
        match self {
            Source::Atop => entente_data::readers::atop::COVERAGE,
            Source::Cow => entente_data::readers::cow_alliance::COVERAGE,
            Source::Curated => entente_curated::COVERAGE,
        }
    }

    /// The source's name.
    pub fn name(self) -> &'static str {
        match self {
            Source::Atop => "atop",
            Source::Cow => "cow",
            Source::Curated => "curated",
        }
    }
}

/// The valued ties of every year, undirected `(low, high, value)`.
#[derive(Debug, Clone, Default)]
pub struct Ties {
    by_year: FxHashMap<i32, Vec<(Ccode, Ccode, u8)>>,
    /// The states whose portfolio the source knows, by year; `None` when it knows every state's
    /// (ATOP and COW are censuses of the world's alliances; the curated record is not).
    scope: Option<FxHashMap<i32, Vec<Ccode>>>,
}

fn key(a: Ccode, b: Ccode) -> (Ccode, Ccode) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

impl Ties {
    /// Loads the ties of a source for the years `from..=to`.
    pub fn load(
        source: Source,
        store: Option<&Store>,
        rec: &CuratedRecord,
        years: (i32, i32),
    ) -> Result<(Ties, Vec<ManifestInput>)> {
        let mut map: FxHashMap<(Ccode, Ccode, i32), u8> = FxHashMap::default();
        let mut put = |a: Ccode, b: Ccode, y: i32, v: u8| {
            if v > 0 && a != b {
                let (l, h) = key(a, b);
                let e = map.entry((l, h, y)).or_insert(0);
                *e = (*e).max(v);
            }
        };
        let mut scope = None;
        let inputs = match source {
            Source::Atop | Source::Cow => {
                let store = store.ok_or_else(|| {
                    SimilarityError::Input(format!(
                        "portfolios from {} need the data directory (--data-dir or ENTENTE_DATA)",
                        source.name()
                    ))
                })?;
                if source == Source::Atop {
                    let l = store.atop_dyad_year()?;
                    for r in l
                        .data
                        .iter()
                        .filter(|r| (years.0..=years.1).contains(&r.year))
                    {
                        put(r.ccode1, r.ccode2, r.year, r.obligations.atop_valued());
                    }
                    l.inputs()
                } else {
                    let l = store.cow_alliance()?;
                    for r in l
                        .data
                        .rows
                        .iter()
                        .filter(|r| (years.0..=years.1).contains(&r.year))
                    {
                        put(r.ccode1, r.ccode2, r.year, r.valued());
                    }
                    l.inputs()
                }
            }
            Source::Curated => {
                // The record holds the US alliances and the challengers' treaties, not every
                // alliance in the world: a state outside all of its defence treaties in a year has
                // no known portfolio then (its scores are missing, not those of an empty one).
                let mut known: FxHashMap<i32, Vec<Ccode>> = FxHashMap::default();
                for t in rec
                    .ties()
                    .iter()
                    .filter(|t| t.kind == TieKind::DefenceTreaty)
                {
                    for y in years.0..=years.1 {
                        if t.active_in_year(y) {
                            let v = known.entry(y).or_default();
                            v.extend(t.members_in_year(y).into_iter().map(|(_, c)| c));
                        }
                    }
                }
                for v in known.values_mut() {
                    v.sort_unstable();
                    v.dedup();
                }
                scope = Some(known);
                for t in rec
                    .ties()
                    .iter()
                    .filter(|t| t.kind == TieKind::DefenceTreaty)
                {
                    let v = t.obligations.atop_valued();
                    for p in t.pair_ties() {
                        for y in years.0..=years.1 {
                            if p.active_in_year(y) {
                                put(p.a, p.b, y, v);
                            }
                        }
                    }
                }
                vec![rec.manifest_input()]
            }
        };
        let mut by_year: FxHashMap<i32, Vec<(Ccode, Ccode, u8)>> = FxHashMap::default();
        for ((a, b, y), v) in map {
            by_year.entry(y).or_default().push((a, b, v));
        }
        for v in by_year.values_mut() {
            v.sort_unstable();
        }
        Ok((Ties { by_year, scope }, inputs))
    }

    /// The ties of a year.
    pub fn year(&self, y: i32) -> &[(Ccode, Ccode, u8)] {
        self.by_year.get(&y).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether the source knows state `c`'s portfolio in year `y` (always, for ATOP and COW within
    /// their coverage; for the curated record, when `c` is party to one of its defence treaties).
    pub fn has_portfolio(&self, c: Ccode, y: i32) -> bool {
        match &self.scope {
            None => true,
            Some(known) => known.get(&y).is_some_and(|v| v.binary_search(&c).is_ok()),
        }
    }
}

/// The portfolio matrix of one year: `x[i * n + k]` over the comparison set `states`.
#[derive(Debug, Clone)]
pub struct Matrix {
    /// The comparison set, ascending.
    pub states: Vec<Ccode>,
    /// Row-major n × n values 0..=3.
    pub x: Vec<u8>,
}

impl Matrix {
    /// Builds the matrix of a year over `states`, then applies hypothetical ties of that year.
    pub fn build(
        states: &[Ccode],
        ties: &[(Ccode, Ccode, u8)],
        hypothetical: &[HypotheticalTie],
        year: i32,
    ) -> Matrix {
        let n = states.len();
        let mut pos = vec![u16::MAX; 1000];
        for (i, c) in states.iter().enumerate() {
            pos[usize::from(c.0)] = i as u16;
        }
        let at = |c: Ccode| match pos.get(usize::from(c.0)) {
            Some(&p) if p != u16::MAX => Some(usize::from(p)),
            _ => None,
        };
        let mut x = vec![0u8; n * n];
        for i in 0..n {
            x[i * n + i] = 3;
        }
        for (a, b, v) in ties {
            if let (Some(i), Some(k)) = (at(*a), at(*b)) {
                x[i * n + k] = x[i * n + k].max(*v);
                x[k * n + i] = x[k * n + i].max(*v);
            }
        }
        for h in hypothetical
            .iter()
            .filter(|h| h.in_year(year) && h.kind == TieKind::DefenceTreaty)
        {
            for (a, b) in h.pairs() {
                if let (Some(i), Some(k)) = (at(a), at(b)) {
                    let v = match h.action {
                        Action::Add => x[i * n + k].max(h.obligations.atop_valued()),
                        Action::Remove => 0,
                    };
                    x[i * n + k] = v;
                    x[k * n + i] = v;
                }
            }
        }
        Matrix {
            states: states.to_vec(),
            x,
        }
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[u8] {
        let n = self.states.len();
        &self.x[i * n..(i + 1) * n]
    }
}
