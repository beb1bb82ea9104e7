//! `--add atop`: ATOP 5.1 obligations, as peacesciencer's `add_atop_alliance()`.
//!
//! Dyad-years: `atop_defense`, `atop_offense`, `atop_neutral`, `atop_nonagg`, `atop_consul` from the
//! directed dyad-year file: 1 when ccode1 holds that obligation toward ccode2 in some ATOP alliance
//! that year, 0 when not, missing outside 1815–2018. ATOP codes obligations by direction (a pledge
//! can be one-sided), so these columns are directed, as in ATOP.
//! State-years: `atop_ally` and the same five columns from the state-year file (whether the state
//! holds such an obligation in any alliance), and `atop_number`, the number of its alliances.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{covered, field, flags, ints, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput, Obligation, Obligations};
use entente_data::readers::atop::COVERAGE;
use entente_data::Store;
use rustc_hash::FxHashMap;

const NAMES: [&str; 5] = [
    "atop_defense",
    "atop_offense",
    "atop_neutral",
    "atop_nonagg",
    "atop_consul",
];

/// The ATOP unit.
#[derive(Default)]
pub struct Atop {
    dyads: FxHashMap<i32, Vec<(Ccode, Ccode, Obligations)>>,
    states: FxHashMap<i32, Vec<(Ccode, bool, Obligations, u16)>>,
}

impl Unit for Atop {
    fn name(&self) -> &'static str {
        "atop"
    }

    fn datasets(&self, kind: Kind) -> Vec<&'static str> {
        if kind.is_dyadic() {
            vec!["atop-ddy"]
        } else {
            vec!["atop-sy"]
        }
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        let mut f = Vec::new();
        if kind == Kind::StateYear {
            f.push(field("atop_ally", DataType::Int8));
        }
        f.extend(NAMES.iter().map(|n| field(n, DataType::Int8)));
        if kind == Kind::StateYear {
            f.push(field("atop_number", DataType::Int32));
        }
        f
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        kind: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        if kind.is_dyadic() {
            let l = store.atop_dyad_year()?;
            for r in l
                .data
                .iter()
                .filter(|r| (years.0..=years.1).contains(&r.year))
            {
                self.dyads
                    .entry(r.year)
                    .or_default()
                    .push((r.ccode1, r.ccode2, r.obligations));
            }
            Ok(l.inputs())
        } else {
            let l = store.atop_state_year()?;
            for r in l
                .data
                .iter()
                .filter(|r| (years.0..=years.1).contains(&r.year))
            {
                self.states.entry(r.year).or_default().push((
                    r.ccode,
                    r.atopally,
                    r.obligations,
                    r.number,
                ));
            }
            Ok(l.inputs())
        }
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let n = keys.len();
        let cov = covered(keys.year, COVERAGE);
        if keys.kind == Kind::StateYear {
            let rows: Vec<(usize, bool, Obligations, u16)> = self
                .states
                .get(&keys.year)
                .map(|v| {
                    v.iter()
                        .filter_map(|(c, a, o, num)| {
                            keys.row_of_state(*c).map(|r| (r, *a, *o, *num))
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(flags(n, cov, |v| {
                for (r, a, _, _) in &rows {
                    v[*r] = i8::from(*a);
                }
            }));
            for o in Obligation::ALL {
                out.push(flags(n, cov, |v| {
                    for (r, _, obl, _) in &rows {
                        v[*r] = i8::from(obl.has(o));
                    }
                }));
            }
            let mut num = vec![None; n];
            if cov {
                num.iter_mut().for_each(|x| *x = Some(0));
                for (r, _, _, k) in &rows {
                    num[*r] = Some(i32::from(*k));
                }
            }
            out.push(ints(n, |i| num[i]));
            return Ok(());
        }
        let rows: Vec<(usize, Obligations)> = self
            .dyads
            .get(&keys.year)
            .map(|v| {
                v.iter()
                    .filter_map(|(a, b, o)| keys.row_of_dyad(*a, *b).map(|r| (r, *o)))
                    .collect()
            })
            .unwrap_or_default();
        for o in Obligation::ALL {
            out.push(flags(n, cov, |v| {
                for (r, obl) in &rows {
                    v[*r] = i8::from(obl.has(o));
                }
            }));
        }
        Ok(())
    }
}
