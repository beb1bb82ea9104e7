//! `--add ideal-points`: UN General Assembly ideal points (Bailey, Strezhnev & Voeten), July 2025
//! release (1946–2024): `idealpointall`, `idealpointfp` (foreign-policy votes) and
//! `idealpointlegacy` for state-years; `idealpointall1`, `idealpointall2` and their absolute
//! difference `idealpointdist` (symmetric) for dyads. Missing where a state did not vote or is
//! outside 1946–2024.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{dyadic_only, field, floats, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::Store;
use rustc_hash::FxHashMap;

/// (all, fp, legacy)
type Points = (Option<f64>, Option<f64>, Option<f64>);

/// The ideal-point unit.
#[derive(Default)]
pub struct IdealPoints {
    points: FxHashMap<(u16, i32), Points>,
}

impl IdealPoints {
    /// The all-votes ideal point of a state in a year.
    pub fn all(&self, c: Ccode, y: i32) -> Option<f64> {
        self.points.get(&(c.0, y)).and_then(|p| p.0)
    }
}

impl Unit for IdealPoints {
    fn name(&self) -> &'static str {
        "ideal-points"
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["unga-ideal-points"]
    }

    fn fields(&self, kind: Kind) -> Vec<Field> {
        let names: &[&str] = if kind.is_dyadic() {
            &["idealpointall1", "idealpointall2", "idealpointdist"]
        } else {
            &["idealpointall", "idealpointfp", "idealpointlegacy"]
        };
        names.iter().map(|n| field(n, DataType::Float64)).collect()
    }

    fn symmetric_columns(&self, kind: Kind) -> Vec<String> {
        dyadic_only(kind, &["idealpointdist"])
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        _: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        let l = store.ideal_points()?;
        for r in &l.data.july2025 {
            self.points
                .insert((r.ccode.0, r.year), (r.all, r.fp, r.legacy));
        }
        Ok(l.inputs()
            .into_iter()
            .filter(|i| i.dataset.ends_with("jul2025"))
            .collect())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let (n, y) = (keys.len(), keys.year);
        let get = |c: Ccode| {
            self.points
                .get(&(c.0, y))
                .copied()
                .unwrap_or((None, None, None))
        };
        if keys.kind.is_dyadic() {
            out.push(floats(n, |i| get(keys.a[i]).0));
            out.push(floats(n, |i| get(keys.b[i]).0));
            out.push(floats(n, |i| {
                Some((get(keys.a[i]).0? - get(keys.b[i]).0?).abs())
            }));
        } else {
            out.push(floats(n, |i| get(keys.a[i]).0));
            out.push(floats(n, |i| get(keys.a[i]).1));
            out.push(floats(n, |i| get(keys.a[i]).2));
        }
        Ok(())
    }
}
