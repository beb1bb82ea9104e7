//! `--add capital-distance`: `capdist`, the great-circle distance in kilometres between the two
//! states' capitals, as peacesciencer's `add_capital_distance()`. The capital of a year is the one
//! in place on the last day of the year that the capital list covers (states that moved their
//! capital, such as Brazil in 1960, change distance that year). The distance is the haversine
//! formula on a sphere of radius 6,371.0088 km (the IUGG mean Earth radius). Symmetric; missing
//! where a capital is unknown and outside 1816–2024.

use crate::error::Result;
use crate::frame::{Keys, Kind};
use crate::system::System;
use crate::unit::{covered, field, floats, Unit};
use arrow_array::ArrayRef;
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, ManifestInput};
use entente_data::readers::capitals::{Capital, COVERAGE};
use entente_data::Store;
use rustc_hash::FxHashMap;

/// The IUGG mean Earth radius, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two points given in degrees.
pub fn haversine_km(lat1: f64, lng1: f64, lat2: f64, lng2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lng2 - lng1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// The capital-distance unit (dyad-years only).
#[derive(Default)]
pub struct CapitalDistance {
    capitals: FxHashMap<u16, Vec<Capital>>,
}

impl CapitalDistance {
    /// The capital of a state in a year: the spell covering the latest day of the year.
    pub fn capital(&self, c: Ccode, year: i32) -> Option<(f64, f64)> {
        let v = self.capitals.get(&c.0)?;
        v.iter()
            .filter(|k| k.span.active_in_year(year))
            .max_by_key(|k| k.span.last_day())
            .map(|k| (k.lat, k.lng))
    }
}

impl Unit for CapitalDistance {
    fn name(&self) -> &'static str {
        "capital-distance"
    }

    fn applies_to(&self, kind: Kind) -> bool {
        kind.is_dyadic()
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        vec!["capitals"]
    }

    fn fields(&self, _: Kind) -> Vec<Field> {
        vec![field("capdist", DataType::Float64)]
    }

    fn symmetric_columns(&self, _: Kind) -> Vec<String> {
        vec!["capdist".into()]
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &System,
        _: Kind,
        _: (i32, i32),
    ) -> Result<Vec<ManifestInput>> {
        let l = store.capitals()?;
        for c in &l.data {
            self.capitals.entry(c.ccode.0).or_default().push(c.clone());
        }
        Ok(l.inputs())
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<()> {
        let y = keys.year;
        let cov = covered(y, COVERAGE);
        let table = crate::frame::Frame::per_state(keys, |c| self.capital(c, y));
        out.push(floats(keys.len(), |i| {
            if !cov {
                return None;
            }
            let a = table[usize::from(keys.ia[i])]?;
            let b = table[usize::from(keys.ib[i])]?;
            Some(haversine_km(a.0, a.1, b.0, b.1))
        }));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_known_distances() {
        // Washington DC to Tokyo, about 10,900 km; a point to itself, 0; antipodes, half the circumference.
        let d = haversine_km(38.8950368, -77.0365427, 35.6828387, 139.7594549);
        assert!((d - 10_900.0).abs() < 100.0, "{d}");
        assert_eq!(haversine_km(10.0, 20.0, 10.0, 20.0), 0.0);
        let half = haversine_km(0.0, 0.0, 0.0, 180.0);
        assert!((half - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
        assert_eq!(
            haversine_km(1.0, 2.0, 3.0, 4.0),
            haversine_km(3.0, 4.0, 1.0, 2.0)
        );
    }
}
