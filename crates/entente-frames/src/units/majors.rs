//! `--add majors`: COW major-power status, as peacesciencer's `add_cow_majors()`: `cowmaj` for
//! state-years, `cowmaj1` and `cowmaj2` for dyads; 1 when the state was a major power on some day of
//! the year. Beyond 2016 the major powers of 31 December 2016 are carried forward with the system.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{field, flags, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::Store;
use rustc_hash::FxHashSet;

/// The major-power unit.
#[derive(Default)]
pub struct Majors {
    majors: FxHashSet<(u16, i32)>,
}

impl Unit for Majors {
    fn name(&self) -> &'static str {
        "majors"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["cow-states"]
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        if kind.is_dyadic() {
            vec![
                field("cowmaj1", DataType::Int8),
                field("cowmaj2", DataType::Int8),
            ]
        } else {
            vec![field("cowmaj", DataType::Int8)]
        }
    }

    fn prepare(
        &mut self,
        store: &Store,
        system: &System,
        _: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        for y in years.0..=years.1 {
            for c in &system.year(y).states {
                if system.is_major(*c, y) {
                    self.majors.insert((c.0, y));
                }
            }
        }
        Ok(store.cow_states()?.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let n = keys.len();
        let is = |c: Ccode| i8::from(self.majors.contains(&(c.0, keys.year)));
        out.push(flags(n, true, |v| {
            for (i, x) in v.iter_mut().enumerate() {
                *x = is(keys.a[i]);
            }
        }));
        if keys.kind.is_dyadic() {
            out.push(flags(n, true, |v| {
                for (i, x) in v.iter_mut().enumerate() {
                    *x = is(keys.b[i]);
                }
            }));
        }
        Ok(())
    }
}
