//! `--add milex-sipri`: SIPRI military expenditure, 2025 release (data 1949–2024): `milex_sipri` in
//! millions of constant 2024 US dollars and `milex_gdp_sipri` as a share of GDP (a fraction: 0.034 is
//! 3.4%), suffixed `1`/`2` in dyads. SIPRI's `...` and `xxx` are missing, as is every year outside
//! 1949–2024.

use crate::error::{FrameError, Result};
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{field, floats, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::Store;
use rustc_hash::FxHashMap;

/// The SIPRI military-expenditure unit.
#[derive(Default)]
pub struct MilexSipri {
    usd: FxHashMap<(u16, i32), f64>,
    gdp: FxHashMap<(u16, i32), f64>,
}

impl MilexSipri {
    /// Constant-2024-US$ spending (millions) of a state in a year.
    pub fn usd(&self, c: Ccode, y: i32) -> Option<f64> {
        self.usd.get(&(c.0, y)).copied()
    }

    /// Spending as a share of GDP.
    pub fn gdp_share(&self, c: Ccode, y: i32) -> Option<f64> {
        self.gdp.get(&(c.0, y)).copied()
    }

    /// Loads the unit's values without a frame.
    pub fn load(store: &Store) -> Result<(MilexSipri, Vec<ManifestInput>)> {
        let l = store.milex()?;
        let mut m = MilexSipri::default();
        let sheet = |role: &str| {
            l.data.sheet(role).ok_or_else(|| {
                FrameError::Unit(format!(
                    "--add milex-sipri needs the SIPRI milex sheet '{role}' in the data directory"
                ))
            })
        };
        for (role, map) in [
            ("constant-usd-2025", &mut m.usd),
            ("share-gdp-2025", &mut m.gdp),
        ] {
            for r in &sheet(role)?.rows {
                if let (Some(c), Some(v)) = (r.ccode, r.value.value()) {
                    map.insert((c.0, r.year), v);
                }
            }
        }
        let inputs = l
            .inputs()
            .into_iter()
            .filter(|i| {
                i.dataset.ends_with("constant-usd-2025") || i.dataset.ends_with("share-gdp-2025")
            })
            .collect();
        Ok((m, inputs))
    }
}

impl Unit for MilexSipri {
    fn name(&self) -> &'static str {
        "milex-sipri"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["sipri-milex"]
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        let names: Vec<String> = if kind.is_dyadic() {
            [
                "milex_sipri1",
                "milex_sipri2",
                "milex_gdp_sipri1",
                "milex_gdp_sipri2",
            ]
            .map(String::from)
            .to_vec()
        } else {
            ["milex_sipri", "milex_gdp_sipri"]
                .map(String::from)
                .to_vec()
        };
        names.iter().map(|n| field(n, DataType::Float64)).collect()
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        _: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        let (m, inputs) = MilexSipri::load(store)?;
        *self = m;
        Ok(inputs)
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let (n, y) = (keys.len(), keys.year);
        if keys.kind.is_dyadic() {
            out.push(floats(n, |i| self.usd(keys.a[i], y)));
            out.push(floats(n, |i| self.usd(keys.b[i], y)));
            out.push(floats(n, |i| self.gdp_share(keys.a[i], y)));
            out.push(floats(n, |i| self.gdp_share(keys.b[i], y)));
        } else {
            out.push(floats(n, |i| self.usd(keys.a[i], y)));
            out.push(floats(n, |i| self.gdp_share(keys.a[i], y)));
        }
        Ok(())
    }
}
