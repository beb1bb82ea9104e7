//! `--add nmc`: COW National Material Capabilities 6.0, as peacesciencer's `add_nmc()`: `milex`,
//! `milper`, `irst`, `pec`, `tpop`, `upop`, `cinc` for state-years; the same with suffixes `1` and
//! `2` for the two states of a dyad. Missing (COW's -9) and outside 1816–2016 are null.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{field, floats_by_state, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::Store;
use rustc_hash::FxHashMap;

const VARS: [&str; 7] = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"];

/// The NMC unit.
#[derive(Default)]
pub struct Nmc {
    values: FxHashMap<(u16, i32), [Option<f64>; 7]>,
}

impl Nmc {
    fn get(&self, c: Ccode, y: i32) -> Option<&[Option<f64>; 7]> {
        self.values.get(&(c.0, y))
    }
}

impl Unit for Nmc {
    fn name(&self) -> &'static str {
        "nmc"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["cow-nmc"]
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        if kind.is_dyadic() {
            VARS.iter()
                .flat_map(|v| [format!("{v}1"), format!("{v}2")])
                .map(|n| field(&n, DataType::Float64))
                .collect()
        } else {
            VARS.iter().map(|n| field(n, DataType::Float64)).collect()
        }
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        let l = store.nmc()?;
        for r in l
            .data
            .iter()
            .filter(|r| (years.0..=years.1).contains(&r.year))
        {
            self.values.insert(
                (r.ccode.0, r.year),
                [r.milex, r.milper, r.irst, r.pec, r.tpop, r.upop, r.cinc],
            );
        }
        Ok(l.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let y = keys.year;
        let table = crate::frame::Frame::per_state(keys, |c| self.get(c, y).copied());
        for v in 0..VARS.len() {
            let by_state: Vec<Option<f64>> = table.iter().map(|r| r.and_then(|r| r[v])).collect();
            out.push(floats_by_state(&keys.ia, &by_state));
            if keys.kind.is_dyadic() {
                out.push(floats_by_state(&keys.ib, &by_state));
            }
        }
        Ok(())
    }
}
