//! `--add arms-tiv`: major conventional arms delivered, in millions of SIPRI trend-indicator values
//! (a volume measure, not a price), from the SIPRI trade register. Each deal's delivered TIV is
//! spread evenly over its years of delivery (the register gives no per-year breakdown).
//! Dyad-years: `arms_tiv`, delivered from ccode1 to ccode2 that year (directed), and
//! `arms_tiv_dyad`, delivered either way (symmetric). State-years: `arms_tiv_imports` and
//! `arms_tiv_exports`, to and from states. 0 within 1950–2025 when nothing was delivered; missing
//! outside.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{covered, dyadic_only, field, floats, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::readers::sipri_transfers::COVERAGE;
use entente_data::Store;
use rustc_hash::FxHashMap;

/// The arms-transfer unit.
#[derive(Default)]
pub struct ArmsTiv {
    flows: FxHashMap<(u16, u16, i32), f64>,
    imports: FxHashMap<(u16, i32), f64>,
    exports: FxHashMap<(u16, i32), f64>,
}

impl ArmsTiv {
    /// TIV delivered from `s` to `r` in `y`.
    pub fn flow(&self, s: Ccode, r: Ccode, y: i32) -> f64 {
        self.flows.get(&(s.0, r.0, y)).copied().unwrap_or(0.0)
    }
}

impl Unit for ArmsTiv {
    fn name(&self) -> &'static str {
        "arms-tiv"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["sipri-transfers"]
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        let names: &[&str] = if kind.is_dyadic() {
            &["arms_tiv", "arms_tiv_dyad"]
        } else {
            &["arms_tiv_imports", "arms_tiv_exports"]
        };
        names.iter().map(|n| field(n, DataType::Float64)).collect()
    }

    fn symmetric_columns(&self, kind: Kind) -> Vec<String> {
        dyadic_only(kind, &["arms_tiv_dyad"])
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        _: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        let l = store.transfers()?;
        for f in l.data.tiv_flows() {
            self.flows
                .insert((f.supplier.0, f.recipient.0, f.year), f.tiv);
            *self.imports.entry((f.recipient.0, f.year)).or_default() += f.tiv;
            *self.exports.entry((f.supplier.0, f.year)).or_default() += f.tiv;
        }
        Ok(l.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let (n, y) = (keys.len(), keys.year);
        let cov = covered(y, COVERAGE);
        let when = |v: f64| if cov { Some(v) } else { None };
        if keys.kind.is_dyadic() {
            out.push(floats(n, |i| when(self.flow(keys.a[i], keys.b[i], y))));
            out.push(floats(n, |i| {
                when(self.flow(keys.a[i], keys.b[i], y) + self.flow(keys.b[i], keys.a[i], y))
            }));
        } else {
            out.push(floats(n, |i| {
                when(self.imports.get(&(keys.a[i].0, y)).copied().unwrap_or(0.0))
            }));
            out.push(floats(n, |i| {
                when(self.exports.get(&(keys.a[i].0, y)).copied().unwrap_or(0.0))
            }));
        }
        Ok(())
    }
}
