//! `--add mids`: militarized interstate disputes from COW MID (5.0 when the data folder has it, else
//! 4.3), with peacesciencer's column names `cowmidonset` and `cowmidongoing`: missing outside the
//! release's years (1816–2014 for 5.0, 1816–2010 for 4.3), 0 within when no dispute.
//!
//! peacesciencer reads a dyadic MID file; the data directory holds MID's dispute and participant
//! files, so Entente derives the dyads itself: two states form a dispute dyad when they took part on
//! opposite sides of the same dispute, for the years their participation overlapped. The dyad is
//! `ongoing` in each of those years and has an `onset` in the first of them. Symmetric.
//! For state-years: `cowmidongoing` when the state took part in some dispute that year, `cowmidonset`
//! when one of its participations began that year.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{covered, dyadic_only, field, flags, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::ManifestInput;
use entente_data::Store;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// (onset, ongoing)
type Flags = (bool, bool);

/// The MID unit.
#[derive(Default)]
pub struct Mids {
    /// The years of the MID release read (missing outside them, never 0).
    coverage: (i32, i32),
    dyads: FxHashMap<(u16, u16, i32), Flags>,
    states: FxHashMap<(u16, i32), Flags>,
}

impl Mids {
    /// Derives dispute dyad-years and state-years from the participant records.
    pub fn derive(store: &Store) -> Result<Mids> {
        let mids = &store.mids()?.data;
        let p = &mids.participants;
        let mut by_dispute: BTreeMap<u32, Vec<&entente_data::readers::mid::Participant>> =
            BTreeMap::new();
        for r in p {
            by_dispute.entry(r.dispnum).or_default().push(r);
        }
        let mut m = Mids {
            coverage: mids.coverage(),
            ..Mids::default()
        };
        for r in p {
            for y in r.start_year..=r.end_year {
                let e = m.states.entry((r.ccode.0, y)).or_default();
                e.1 = true;
                e.0 |= y == r.start_year;
            }
        }
        for parts in by_dispute.values() {
            // The first year each pair faced each other in this dispute, and every year they did.
            let mut pair_years: FxHashMap<(u16, u16), Vec<i32>> = FxHashMap::default();
            for a in parts.iter().filter(|r| r.side_a) {
                for b in parts.iter().filter(|r| !r.side_a) {
                    if a.ccode == b.ccode {
                        continue;
                    }
                    let (lo, hi) = (a.start_year.max(b.start_year), a.end_year.min(b.end_year));
                    let key = if a.ccode < b.ccode {
                        (a.ccode.0, b.ccode.0)
                    } else {
                        (b.ccode.0, a.ccode.0)
                    };
                    pair_years.entry(key).or_default().extend(lo..=hi);
                }
            }
            for ((lo, hi), years) in pair_years {
                if let Some(first) = years.iter().min().copied() {
                    for y in years {
                        let e = m.dyads.entry((lo, hi, y)).or_default();
                        e.1 = true;
                        e.0 |= y == first;
                    }
                }
            }
        }
        Ok(m)
    }

    /// The flags of an (unordered) dyad in a year.
    pub fn dyad(&self, a: u16, b: u16, year: i32) -> Flags {
        let key = if a < b { (a, b, year) } else { (b, a, year) };
        self.dyads.get(&key).copied().unwrap_or_default()
    }
}

impl Unit for Mids {
    fn name(&self) -> &'static str {
        "mids"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["cow-mid"]
    }

    fn fields(&self, _: Kind) -> Vec<Field> {
        vec![
            field("cowmidonset", DataType::Int8),
            field("cowmidongoing", DataType::Int8),
        ]
    }

    fn symmetric_columns(&self, kind: Kind) -> Vec<String> {
        dyadic_only(kind, &["cowmidonset", "cowmidongoing"])
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        _: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        *self = Mids::derive(store)?;
        Ok(store.mids()?.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let n = keys.len();
        let cov = covered(keys.year, self.coverage);
        let get = |i: usize| -> Flags {
            if keys.kind.is_dyadic() {
                self.dyad(keys.a[i].0, keys.b[i].0, keys.year)
            } else {
                self.states
                    .get(&(keys.a[i].0, keys.year))
                    .copied()
                    .unwrap_or_default()
            }
        };
        let all: Vec<Flags> = if cov {
            (0..n).map(get).collect()
        } else {
            Vec::new()
        };
        out.push(flags(n, cov, |v| {
            for (x, f) in v.iter_mut().zip(&all) {
                *x = i8::from(f.0);
            }
        }));
        out.push(flags(n, cov, |v| {
            for (x, f) in v.iter_mut().zip(&all) {
                *x = i8::from(f.1);
            }
        }));
        Ok(())
    }
}
