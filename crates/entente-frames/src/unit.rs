//! A unit adds one documented set of columns to a frame: `--add NAME`. Each unit lives in its own
//! file under `units/`, says which dataset and version it reads, which years that dataset covers,
//! and which columns it writes (peacesciencer's names where peacesciencer has the column). Outside
//! its coverage a unit writes missing values (null, `NA` in CSV), never 0.

use crate::error::{FrameError, Result};
use crate::frame::{Keys, Kind};
use crate::system::System;
use arrow_array::{new_null_array, ArrayRef, Float64Array, Int32Array, Int8Array};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field};
use entente_core::ManifestInput;
use entente_data::Store;
use std::sync::Arc;

/// A set of columns that can be added to a frame.
pub trait Unit: Send + Sync {
    /// The `--add` name.
    fn name(&self) -> &'static str;
    /// Whether the unit applies to a kind of frame.
    fn applies_to(&self, _kind: Kind) -> bool {
        true
    }
    /// The columns it writes for a kind of frame.
    fn fields(&self, kind: Kind) -> Vec<Field>;
    /// The datasets it reads (ids of `entente data status`), so a frame can load them in parallel
    /// before preparing its units.
    fn datasets(&self, _kind: Kind) -> Vec<&'static str> {
        Vec::new()
    }
    /// The columns that are identical for (a, b) and (b, a).
    fn symmetric_columns(&self, _kind: Kind) -> Vec<String> {
        Vec::new()
    }
    /// Loads and indexes what the unit needs; returns the inputs for the manifest.
    fn prepare(
        &mut self,
        store: &Store,
        system: &System,
        kind: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>>;
    /// Appends the unit's columns for a year's rows, in the order of [`Unit::fields`].
    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()>;
}

impl Unit for Box<dyn Unit + '_> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn applies_to(&self, kind: Kind) -> bool {
        (**self).applies_to(kind)
    }
    fn fields(&self, kind: Kind) -> Vec<Field> {
        (**self).fields(kind)
    }
    fn datasets(&self, kind: Kind) -> Vec<&'static str> {
        (**self).datasets(kind)
    }
    fn symmetric_columns(&self, kind: Kind) -> Vec<String> {
        (**self).symmetric_columns(kind)
    }
    fn prepare(
        &mut self,
        store: &Store,
        system: &System,
        kind: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        (**self).prepare(store, system, kind, years)
    }
    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        (**self).fill(keys, out)
    }
}

/// The `--add` names, with what each adds.
pub const UNITS: &[(&str, &str)] = &[
    ("atop", "ATOP 5.1 obligations (atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul), 1815–2018"),
    ("cow-alliance", "COW alliances 4.1 (cow_defense, cow_neutral, cow_nonagg, cow_entente), dyads, 1816–2012"),
    ("nmc", "COW NMC 6.0 (milex, milper, irst, pec, tpop, upop, cinc; suffixed 1/2 in dyads), 1816–2016"),
    ("majors", "COW major powers (cowmaj; cowmaj1/2 in dyads)"),
    ("contiguity", "COW direct contiguity 3.2 (conttype 0–5 in dyads; land, sea counts in state-years), 1816–2016"),
    ("capital-distance", "great-circle distance between capitals in km (capdist), dyads, 1816–2024"),
    ("mids", "COW MIDs 5.0, 1816–2014, or 4.3, 1816–2010, whichever the data folder has (cowmidonset, cowmidongoing)"),
    ("milex-sipri", "SIPRI military expenditure (milex_sipri in constant 2024 US$ m, milex_gdp_sipri as a fraction), 1949–2024"),
    ("ideal-points", "UN ideal points, July 2025 release (idealpointall, idealpointfp, idealpointlegacy; idealpointdist in dyads), 1946–2024"),
    ("arms-tiv", "SIPRI TIV delivered (arms_tiv from ccode1 to ccode2 and arms_tiv_dyad both ways; imports/exports in state-years), 1950–2025"),
];

/// A unit by its `--add` name.
pub fn by_name(name: &str, kind: Kind) -> Result<Box<dyn Unit>> {
    use crate::units::*;
    let u: Box<dyn Unit> = match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "atop" => Box::new(atop::Atop::default()),
        "cow-alliance" | "cow-alliances" => Box::new(cow_alliance::CowAlliance::default()),
        "nmc" | "cinc" => Box::new(nmc::Nmc::default()),
        "majors" | "cow-majors" => Box::new(majors::Majors::default()),
        "contiguity" => Box::new(contiguity::Contiguity::default()),
        "capital-distance" | "capdist" => Box::new(capital_distance::CapitalDistance::default()),
        "mids" | "cow-mids" => Box::new(mids::Mids::default()),
        "milex-sipri" => Box::new(milex_sipri::MilexSipri::default()),
        "ideal-points" => Box::new(ideal_points::IdealPoints::default()),
        "arms-tiv" => Box::new(arms_tiv::ArmsTiv::default()),
        _ => {
            return Err(FrameError::UnknownUnit {
                name: name.to_string(),
                kind: kind.label(),
                known: UNITS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
            })
        }
    };
    if !u.applies_to(kind) {
        return Err(FrameError::WrongKind {
            name: name.to_string(),
            applies: if kind.is_dyadic() {
                "state-year"
            } else {
                "dyad-year"
            },
            kind: kind.label(),
        });
    }
    Ok(u)
}

/// Whether a year is in a coverage range.
pub fn covered(year: i32, coverage: (i32, i32)) -> bool {
    (coverage.0..=coverage.1).contains(&year)
}

/// A column of 0/1 flags: all missing outside coverage, else 0 except where `set` marks 1 (or
/// leaves a row missing by setting -1).
pub fn flags(len: usize, is_covered: bool, set: impl FnOnce(&mut [i8])) -> ArrayRef {
    if !is_covered {
        return new_null_array(&DataType::Int8, len);
    }
    let mut v = vec![0i8; len];
    set(&mut v);
    let nulls = v
        .iter()
        .any(|x| *x < 0)
        .then(|| NullBuffer::from_iter(v.iter().map(|x| *x >= 0)));
    if nulls.is_some() {
        // A missing row holds 0, as Arrow's builder leaves it.
        v.iter_mut().filter(|x| **x < 0).for_each(|x| *x = 0);
    }
    Arc::new(Int8Array::new(v.into(), nulls))
}

/// A column of small integers, missing outside coverage; `set` fills a default-0 vector, -1 for a
/// missing row.
pub fn small_ints(len: usize, is_covered: bool, set: impl FnOnce(&mut [i8])) -> ArrayRef {
    flags(len, is_covered, set)
}

/// Values and their validity from a function of the row, the validity only when some row is
/// missing (a missing row's value is the default, which no reader sees). Faster than Arrow's
/// builder, which sets a validity bit per row.
fn values<T: Default>(len: usize, f: impl Fn(usize) -> Option<T>) -> (Vec<T>, Option<NullBuffer>) {
    let mut valid = Vec::with_capacity(len);
    let values = (0..len)
        .map(|i| {
            let v = f(i);
            valid.push(v.is_some());
            v.unwrap_or_default()
        })
        .collect();
    let nulls = valid.contains(&false).then(|| NullBuffer::from(valid));
    (values, nulls)
}

/// A column of floats from a function of the row.
pub fn floats(len: usize, f: impl Fn(usize) -> Option<f64>) -> ArrayRef {
    let (v, nulls) = values(len, f);
    Arc::new(Float64Array::new(v.into(), nulls))
}

/// A column of floats that depend on one state of the row: `table[s]` for each row's state index
/// `s` (`Keys::ia` or `Keys::ib`), a gather without a call per row.
pub fn floats_by_state(index: &[u16], table: &[Option<f64>]) -> ArrayRef {
    let dense: Vec<f64> = table.iter().map(|v| v.unwrap_or_default()).collect();
    let values: Vec<f64> = index.iter().map(|s| dense[usize::from(*s)]).collect();
    let nulls = table.contains(&None).then(|| {
        let ok: Vec<bool> = table.iter().map(Option::is_some).collect();
        NullBuffer::from_iter(index.iter().map(|s| ok[usize::from(*s)]))
    });
    // A table with a missing state that no row uses leaves every row valid.
    let nulls = nulls.filter(|n| n.null_count() > 0);
    Arc::new(Float64Array::new(values.into(), nulls))
}

/// A column of 32-bit integers from a function of the row.
pub fn ints(len: usize, f: impl Fn(usize) -> Option<i32>) -> ArrayRef {
    let (v, nulls) = values(len, f);
    Arc::new(Int32Array::new(v.into(), nulls))
}

/// A nullable field.
pub fn field(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, true)
}

/// The columns of a unit that are symmetric in a directed dyad (the same for A→B as for B→A), which
/// only dyadic frames have: `names` for a dyad-year frame, none for a state-year frame.
pub fn dyadic_only(kind: Kind, names: &[&str]) -> Vec<String> {
    if kind.is_dyadic() {
        names.iter().map(|n| n.to_string()).collect()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The columns built without Arrow's builder are the columns the builder makes: the same
        /// values where present, the same rows missing.
        #[test]
        fn columns_are_what_arrows_builder_makes(
            v in proptest::collection::vec(proptest::option::of(any::<i32>()), 0..300),
        ) {
            let f = floats(v.len(), |i| v[i].map(f64::from));
            let want = Float64Array::from_iter(v.iter().map(|x| x.map(f64::from)));
            prop_assert_eq!(f.as_any().downcast_ref::<Float64Array>(), Some(&want));
            let n = ints(v.len(), |i| v[i]);
            prop_assert_eq!(n.as_any().downcast_ref::<Int32Array>(), Some(&Int32Array::from(v.clone())));
            let small: Vec<i8> = v.iter().map(|x| x.map_or(-1, |x| (x & 1) as i8)).collect();
            let table: Vec<Option<f64>> = v.iter().map(|x| x.map(f64::from)).collect();
            let index: Vec<u16> = (0..v.len()).rev().map(|i| i as u16).collect();
            let g = floats_by_state(&index, &table);
            let want = Float64Array::from_iter(index.iter().map(|s| table[usize::from(*s)]));
            prop_assert_eq!(g.as_any().downcast_ref::<Float64Array>(), Some(&want));
            let c = flags(small.len(), true, |s| s.copy_from_slice(&small));
            let want = Int8Array::from_iter(small.iter().map(|x| (*x >= 0).then_some(*x)));
            prop_assert_eq!(c.as_any().downcast_ref::<Int8Array>(), Some(&want));
            // A missing row holds 0 underneath, as the builder leaves it.
            let got = c.as_any().downcast_ref::<Int8Array>().map(|a| a.values().to_vec());
            prop_assert_eq!(got, Some(small.iter().map(|x| (*x).max(0)).collect::<Vec<i8>>()));
        }
    }
}
