//! The state system, year by year: which states were members, and which pairs of them were members
//! on a common day of the year.
//!
//! A state is in year `Y` when one of its COW membership spells covers some day of `Y` (the year
//! rule). A dyad exists in `Y` only when both states were members on a *common* day of `Y`: West
//! Germany (260, to 2 October 1990) and Germany (255, from 3 October 1990) are both in 1990, but never
//! together, so 255–260 is no dyad in 1990. peacesciencer's `create_dyadyears()` compares years, not
//! days, and keeps such false dyads; Entente does not.
//!
//! **After 2016.** COW's list ends on 31 December 2016. Like peacesciencer's `mry = TRUE` (its
//! default), Entente assumes that the states in the system at the end of 2016 remain in it, through
//! [`EXTENDED_TO`]; so do the major powers. The extension is stated in every manifest, and
//! `extend: false` stops at 2016.

use crate::error::{FrameError, Result};
use entente_core::{Ccode, Date, DateSpan};
use entente_data::Store;
use std::sync::Arc;

/// The last year of the extended system: the last concluded year Entente's curated record covers.
pub const EXTENDED_TO: i32 = entente_curated::COVERAGE.1;

/// The state system with its membership spells, day by day.
#[derive(Debug, Clone)]
pub struct System {
    /// (ccode, spell), sorted by ccode then start.
    spells: Vec<(Ccode, DateSpan)>,
    /// Major-power spells.
    majors: Vec<(Ccode, DateSpan)>,
    /// First and last year.
    pub coverage: (i32, i32),
    /// Whether the 2016 system is carried forward.
    pub extended: bool,
}

/// The states of one year, with an O(1) position index.
#[derive(Debug, Clone)]
pub struct YearStates {
    /// The year.
    pub year: i32,
    /// The states, ascending.
    pub states: Vec<Ccode>,
    /// `pos[ccode]` is the state's index in `states`, or `u16::MAX`.
    pos: Vec<u16>,
    /// The membership spells of each state within the year (for the common-day test).
    spans: Vec<Vec<DateSpan>>,
}

impl YearStates {
    /// The index of a state in this year.
    pub fn index(&self, c: Ccode) -> Option<usize> {
        match self.pos.get(usize::from(c.0)) {
            Some(&p) if p != u16::MAX => Some(usize::from(p)),
            _ => None,
        }
    }

    /// Whether states `i` and `j` (indices) were members on a common day of the year.
    pub fn coexist(&self, i: usize, j: usize) -> bool {
        self.spans[i]
            .iter()
            .any(|a| self.spans[j].iter().any(|b| !a.intersect(b).is_empty()))
    }
}

impl System {
    /// Reads the COW state system from the store. With `extend`, the states (and major powers) of
    /// 31 December 2016 continue to [`EXTENDED_TO`].
    pub fn from_store(store: &Store, extend: bool) -> Result<System> {
        let cow = &store.cow_states()?.data;
        let last_day = cow
            .states
            .iter()
            .filter_map(|s| s.span.end)
            .max()
            .unwrap_or(Date::MIN);
        let open = |span: DateSpan| -> DateSpan {
            if extend && span.end == Some(last_day) {
                DateSpan::new(span.start, Date::from_ymd_opt(EXTENDED_TO, 12, 31))
            } else {
                span
            }
        };
        let mut spells: Vec<(Ccode, DateSpan)> =
            cow.states.iter().map(|s| (s.ccode, open(s.span))).collect();
        spells.sort_by_key(|(c, s)| (*c, s.start));
        let mut majors: Vec<(Ccode, DateSpan)> =
            cow.majors.iter().map(|m| (m.ccode, open(m.span))).collect();
        majors.sort_by_key(|(c, s)| (*c, s.start));
        use chrono::Datelike;
        let first = spells
            .iter()
            .map(|(_, s)| s.start.year())
            .min()
            .unwrap_or(1816);
        let last = spells
            .iter()
            .filter_map(|(_, s)| s.end.map(|e| e.year()))
            .max()
            .unwrap_or(first);
        Ok(System {
            spells,
            majors,
            coverage: (first, last),
            extended: extend,
        })
    }

    /// Clamps a requested range to the system's coverage, or fails if nothing is left.
    pub fn years(&self, from: Option<i32>, to: Option<i32>) -> Result<(i32, i32)> {
        let f = from.unwrap_or(self.coverage.0).max(self.coverage.0);
        let t = to.unwrap_or(self.coverage.1).min(self.coverage.1);
        if f > t {
            return Err(FrameError::YearsOutOfRange {
                from: from.unwrap_or(self.coverage.0),
                to: to.unwrap_or(self.coverage.1),
                lo: self.coverage.0,
                hi: self.coverage.1,
            });
        }
        Ok((f, t))
    }

    /// The states of a year.
    pub fn year(&self, year: i32) -> Arc<YearStates> {
        let yspan = DateSpan::new(
            entente_core::year_start(year),
            Some(entente_core::year_end(year)),
        );
        let mut states: Vec<Ccode> = Vec::new();
        let mut spans: Vec<Vec<DateSpan>> = Vec::new();
        for (c, s) in &self.spells {
            let within = s.intersect(&yspan);
            if within.is_empty() {
                continue;
            }
            if states.last() == Some(c) {
                if let Some(v) = spans.last_mut() {
                    v.push(within);
                }
            } else {
                states.push(*c);
                spans.push(vec![within]);
            }
        }
        let mut pos = vec![u16::MAX; 1000];
        for (i, c) in states.iter().enumerate() {
            if let Some(p) = pos.get_mut(usize::from(c.0)) {
                *p = i as u16;
            }
        }
        Arc::new(YearStates {
            year,
            states,
            pos,
            spans,
        })
    }

    /// Whether a state was a COW major power on some day of the year.
    pub fn is_major(&self, c: Ccode, year: i32) -> bool {
        self.majors
            .iter()
            .any(|(m, s)| *m == c && s.active_in_year(year))
    }

    /// The last day of COW's own list (31 December 2016).
    pub fn cow_last_year(&self) -> i32 {
        if self.extended {
            2016
        } else {
            self.coverage.1
        }
    }
}
