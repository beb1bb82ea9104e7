//! `--add cow-alliance`: COW Formal Alliances 4.1, as peacesciencer's `add_cow_alliance()`:
//! `cow_defense`, `cow_neutral`, `cow_nonagg`, `cow_entente` for dyad-years, 1 when the dyad had
//! such an alliance that year, 0 when not, missing outside 1816–2012 (and where COW left the field
//! blank). Like ATOP's, COW's directed file codes obligations by direction: a one-sided guarantee
//! (the Anglo-French guarantee of Sweden in 1855, for instance) is 1 from the guarantor to the
//! guaranteed and 0 back; 16,748 directed dyad-years differ from their reverse. The columns are
//! therefore directed; an undirected frame takes the `ccode1 → ccode2` row, as peacesciencer does.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{covered, field, flags, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::readers::cow_alliance::{CowAllianceDyadYear, COVERAGE};
use entente_data::Store;
use rustc_hash::FxHashMap;

const NAMES: [&str; 4] = ["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"];

/// The COW alliance unit (dyad-years only).
#[derive(Default)]
pub struct CowAlliance {
    by_year: FxHashMap<i32, Vec<CowAllianceDyadYear>>,
}

impl Unit for CowAlliance {
    fn name(&self) -> &'static str {
        "cow-alliance"
    }

    fn applies_to(&self, kind: Kind) -> bool {
        kind.is_dyadic()
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["cow-alliance"]
    }

    fn fields(&self, _: Kind) -> Vec<Field> {
        NAMES.iter().map(|n| field(n, DataType::Int8)).collect()
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        let l = store.cow_alliance()?;
        for r in l
            .data
            .rows
            .iter()
            .filter(|r| (years.0..=years.1).contains(&r.year))
        {
            self.by_year.entry(r.year).or_default().push(*r);
        }
        Ok(l.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let n = keys.len();
        let cov = covered(keys.year, COVERAGE);
        let rows: Vec<(usize, &CowAllianceDyadYear)> = self
            .by_year
            .get(&keys.year)
            .map(|v| {
                v.iter()
                    .filter_map(|r| {
                        keys.row_of_dyad(Ccode(r.ccode1.0), Ccode(r.ccode2.0))
                            .map(|i| (i, r))
                    })
                    .collect()
            })
            .unwrap_or_default();
        type Get = fn(&CowAllianceDyadYear) -> Option<bool>;
        let getters: [Get; 4] = [
            |r| r.defense,
            |r| r.neutrality,
            |r| r.nonaggression,
            |r| r.entente,
        ];
        for g in getters {
            out.push(flags(n, cov, |v| {
                for (i, r) in &rows {
                    v[*i] = match g(r) {
                        Some(b) => i8::from(b),
                        None => -1,
                    };
                }
            }));
        }
        Ok(())
    }
}
