//! `--add contiguity`: COW Direct Contiguity 3.2, as peacesciencer's `add_contiguity()`: for
//! dyad-years `conttype`, the closest type of direct contiguity in the year (1 land or river; 2–5
//! separated by at most 12, 24, 150, 400 miles of water; 0 not directly contiguous), missing outside
//! 1816–2016; symmetric. For state-years, `land` and `sea`, the number of land and sea contiguity
//! relations of the state that year (`contdirs.csv`).

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{covered, dyadic_only, field, ints, small_ints, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::readers::contiguity::COVERAGE;
use entente_data::Store;
use rustc_hash::FxHashMap;

/// Contiguity type by dyad-year, for the unit and for the politically-relevant filter.
#[derive(Debug, Clone, Default)]
pub struct ContiguityIndex {
    types: FxHashMap<(u16, u16, i32), u8>,
    by_year: FxHashMap<i32, Vec<(Ccode, Ccode, u8)>>,
}

impl ContiguityIndex {
    /// Builds the index from the store.
    pub fn load(store: &Store) -> Result<ContiguityIndex> {
        let c = &store.contiguity()?.data;
        let mut types =
            FxHashMap::with_capacity_and_hasher(c.dyad_years.rows.len(), Default::default());
        let mut by_year: FxHashMap<i32, Vec<(Ccode, Ccode, u8)>> = FxHashMap::default();
        for r in &c.dyad_years.rows {
            types.insert((r.ccode1.0, r.ccode2.0, r.year), r.conttype);
            by_year
                .entry(r.year)
                .or_default()
                .push((r.ccode1, r.ccode2, r.conttype));
        }
        Ok(ContiguityIndex { types, by_year })
    }

    /// The contiguity type of a dyad in a year: `Some(0)` when not contiguous within coverage,
    /// `None` outside coverage.
    pub fn conttype(&self, a: Ccode, b: Ccode, year: i32) -> Option<u8> {
        if !covered(year, COVERAGE) {
            return None;
        }
        Some(self.types.get(&(a.0, b.0, year)).copied().unwrap_or(0))
    }
}

/// The contiguity unit.
#[derive(Default)]
pub struct Contiguity {
    index: ContiguityIndex,
    states: FxHashMap<(u16, i32), (u16, u16)>,
}

impl Unit for Contiguity {
    fn name(&self) -> &'static str {
        "contiguity"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["cow-contiguity"]
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        if kind.is_dyadic() {
            vec![field("conttype", DataType::Int8)]
        } else {
            vec![
                field("land", DataType::Int32),
                field("sea", DataType::Int32),
            ]
        }
    }

    fn symmetric_columns(&self, kind: Kind) -> Vec<String> {
        dyadic_only(kind, &["conttype"])
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        kind: Kind,
        _: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        if kind.is_dyadic() {
            self.index = ContiguityIndex::load(store)?;
        } else {
            for r in &store.contiguity()?.data.state_years {
                self.states.insert((r.ccode.0, r.year), (r.land, r.sea));
            }
        }
        Ok(store.contiguity()?.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let n = keys.len();
        let cov = covered(keys.year, COVERAGE);
        if keys.kind.is_dyadic() {
            out.push(small_ints(n, cov, |v| {
                for (a, b, t) in self.index.by_year.get(&keys.year).into_iter().flatten() {
                    if let Some(r) = keys.row_of_dyad(*a, *b) {
                        v[r] = *t as i8;
                    }
                }
            }));
        } else {
            let get = |i: usize| {
                if !cov {
                    return None;
                }
                Some(
                    self.states
                        .get(&(keys.a[i].0, keys.year))
                        .copied()
                        .unwrap_or((0, 0)),
                )
            };
            out.push(ints(n, |i| get(i).map(|(l, _)| i32::from(l))));
            out.push(ints(n, |i| get(i).map(|(_, s)| i32::from(s))));
        }
        Ok(())
    }
}
