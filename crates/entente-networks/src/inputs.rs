//! Everything a network is built from, loaded once for every year: the curated record, and from the
//! data directory (when it is there) the COW state system, ATOP's dyad-years, SIPRI's arms
//! transfers and the UN ideal points. A dataset that is absent makes its layer unavailable (said in
//! every output); a dataset that is present but unreadable is an error.

use crate::error::Result;
use crate::layer::Layer;
use entente_core::{Ccode, Date, DateSpan, ManifestInput, Obligations};
use entente_curated::CuratedRecord;
use entente_data::readers::{atop, sipri_transfers, unga};
use entente_data::{DataError, Store};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// The years networks are built for: the curated record's coverage.
pub const YEARS: (i32, i32) = entente_curated::COVERAGE;

/// The last year of the COW state system (31 December 2016); its states are carried forward to
/// [`YEARS`]`.1`, as peacesciencer's `mry = TRUE` does and as Entente's frames do.
const SYSTEM_LAST: i32 = 2016;

/// A dataset that could not be used, and what that costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unavailable {
    /// Entente's dataset id.
    pub dataset: String,
    /// What it would have given.
    pub role: String,
    /// Why it is unavailable.
    pub reason: String,
}

/// Allied pairs of a year: `(low, high, obligations)`.
type AtopYears = FxHashMap<i32, Vec<(Ccode, Ccode, Obligations)>>;
/// Arms flows of a year: `(supplier, recipient, TIV)`.
type TivYears = FxHashMap<i32, Vec<(Ccode, Ccode, f64)>>;

/// The inputs of every network, loaded once.
#[derive(Debug)]
pub struct Inputs<'r> {
    /// The curated record.
    pub record: &'r CuratedRecord,
    /// COW membership spells (with the 2016 system carried forward), sorted by code.
    system: Option<Vec<(Ccode, DateSpan)>>,
    /// ATOP undirected dyad-years with an obligation: year → (low, high, obligations).
    atop: Option<AtopYears>,
    /// SIPRI TIV delivered: year → (supplier, recipient, TIV).
    tiv: Option<TivYears>,
    /// UN ideal points (July 2025 release, all votes): year → (state, ideal point).
    ideal: Option<FxHashMap<i32, Vec<(Ccode, f64)>>>,
    /// Datasets that could not be used.
    pub unavailable: Vec<Unavailable>,
    /// The inputs as a manifest lists them.
    pub provenance: Vec<ManifestInput>,
}

fn absent<T>(
    r: std::result::Result<T, DataError>,
    dataset: &str,
    role: &str,
    un: &mut Vec<Unavailable>,
) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e @ DataError::NotFound { .. }) => {
            un.push(Unavailable {
                dataset: dataset.into(),
                role: role.into(),
                reason: e.to_string(),
            });
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

impl<'r> Inputs<'r> {
    /// The curated record alone: no data directory. The alliance layer comes from the curated
    /// record in every year, the node set from the states the record ties, and the arms and UN
    /// layers are unavailable.
    pub fn curated_only(record: &'r CuratedRecord, why: &str) -> Inputs<'r> {
        let un = [
            ("cow-states", "node set: every state in the system"),
            (
                "atop-ddy",
                "alliance layer to 2018 (the curated record is used instead)",
            ),
            ("sipri-transfers", "arms layer; Russia→China TIV"),
            (
                "unga-ideal-points",
                "UN layer; China–Russia ideal-point distance",
            ),
        ]
        .into_iter()
        .map(|(d, r)| Unavailable {
            dataset: d.into(),
            role: r.into(),
            reason: why.into(),
        })
        .collect();
        Inputs {
            record,
            system: None,
            atop: None,
            tiv: None,
            ideal: None,
            unavailable: un,
            provenance: vec![record.manifest_input()],
        }
    }

    /// Loads what the networks need from a store; absent datasets make their layers unavailable.
    pub fn load(store: &Store, record: &'r CuratedRecord) -> Result<Inputs<'r>> {
        let mut un = Vec::new();
        let mut provenance = vec![record.manifest_input()];
        let system = match absent(store.cow_states(), "cow-states", "node set", &mut un)? {
            Some(l) => {
                provenance.extend(l.inputs());
                Some(system_spells(&l.data.states))
            }
            None => None,
        };
        let atop = match absent(
            store.atop_dyad_year(),
            "atop-ddy",
            "alliance layer to 2018 (the curated record is used instead)",
            &mut un,
        )? {
            Some(l) => {
                provenance.extend(l.inputs());
                Some(atop_by_year(&l.data))
            }
            None => None,
        };
        let tiv = match absent(
            store.transfers(),
            "sipri-transfers",
            "arms layer; Russia→China TIV",
            &mut un,
        )? {
            Some(l) => {
                provenance.extend(l.inputs());
                Some(tiv_by_year(&l.data))
            }
            None => None,
        };
        let ideal = match absent(
            store.ideal_points(),
            "unga-ideal-points",
            "UN layer; China–Russia ideal-point distance",
            &mut un,
        )? {
            Some(l) => {
                provenance.extend(l.inputs());
                Some(ideal_by_year(&l.data.july2025))
            }
            None => None,
        };
        Ok(Inputs {
            record,
            system,
            atop,
            tiv,
            ideal,
            unavailable: un,
            provenance,
        })
    }

    /// The states in the system on some day of the year, ascending; `None` without the COW state
    /// system.
    pub fn system_states(&self, year: i32) -> Option<Vec<Ccode>> {
        let spells = self.system.as_ref()?;
        let mut v: Vec<Ccode> = spells
            .iter()
            .filter(|(_, s)| s.active_in_year(year))
            .map(|(c, _)| *c)
            .collect();
        v.dedup();
        Some(v)
    }

    /// ATOP's allied pairs in a year, `None` when ATOP is unavailable or does not cover the year.
    pub fn atop_pairs(&self, year: i32) -> Option<&[(Ccode, Ccode, Obligations)]> {
        if !(atop::COVERAGE.0..=atop::COVERAGE.1).contains(&year) {
            return None;
        }
        let m = self.atop.as_ref()?;
        Some(m.get(&year).map(Vec::as_slice).unwrap_or(&[]))
    }

    /// SIPRI flows delivered in a year, `None` when unavailable or outside SIPRI's coverage.
    pub fn tiv_flows(&self, year: i32) -> Option<&[(Ccode, Ccode, f64)]> {
        if !(sipri_transfers::COVERAGE.0..=sipri_transfers::COVERAGE.1).contains(&year) {
            return None;
        }
        let m = self.tiv.as_ref()?;
        Some(m.get(&year).map(Vec::as_slice).unwrap_or(&[]))
    }

    /// UN ideal points of a year, `None` when unavailable or outside their coverage.
    pub fn ideal_points(&self, year: i32) -> Option<&[(Ccode, f64)]> {
        let m = self.ideal.as_ref()?;
        m.get(&year).map(Vec::as_slice)
    }

    /// Why a layer is unavailable in a year, or `None` when it is available.
    pub fn layer_gap(&self, layer: Layer, year: i32) -> Option<String> {
        match layer {
            Layer::Alliance | Layer::Cooperation => None,
            Layer::Arms => {
                if self.tiv.is_none() {
                    Some("SIPRI arms transfers not in the data directory".into())
                } else if self.tiv_flows(year).is_none() {
                    Some(format!(
                        "outside SIPRI's coverage {}–{}",
                        sipri_transfers::COVERAGE.0,
                        sipri_transfers::COVERAGE.1
                    ))
                } else {
                    None
                }
            }
            Layer::Un => {
                if self.ideal.is_none() {
                    Some("UN ideal points not in the data directory".into())
                } else if self.ideal_points(year).is_none() {
                    Some(format!(
                        "no ideal point on all votes for {year} in the July 2025 release (it has them \
                         for 1946–2023; its 2024 rows carry only the foreign-policy estimate)"
                    ))
                } else {
                    None
                }
            }
        }
    }

    /// ATOP's allied pairs of its last year (2018), to carry forward; `None` without ATOP.
    pub fn atop_last(&self) -> Option<&[(Ccode, Ccode, Obligations)]> {
        let m = self.atop.as_ref()?;
        Some(m.get(&atop::COVERAGE.1).map(Vec::as_slice).unwrap_or(&[]))
    }

    /// Where the alliance layer comes from in a year.
    pub fn alliance_source(&self, year: i32, carry_forward: bool) -> &'static str {
        if self.atop_pairs(year).is_some() {
            "atop-5.1"
        } else if carry_forward && year > atop::COVERAGE.1 && self.atop.is_some() {
            "curated, with atop-5.1's 2018 alliances carried forward"
        } else {
            "curated"
        }
    }

    /// Whether the COW state system gives the node set.
    pub fn has_system(&self) -> bool {
        self.system.is_some()
    }
}

fn system_spells(
    states: &[entente_data::readers::cow_states::StateSpell],
) -> Vec<(Ccode, DateSpan)> {
    let last_day = Date::from_ymd_opt(SYSTEM_LAST, 12, 31);
    let extended = Date::from_ymd_opt(YEARS.1, 12, 31);
    let mut v: Vec<(Ccode, DateSpan)> = states
        .iter()
        .map(|s| {
            let span = if s.span.end.is_some() && s.span.end == last_day {
                DateSpan::new(s.span.start, extended)
            } else {
                s.span
            };
            (s.ccode, span)
        })
        .collect();
    v.sort_by_key(|(c, s)| (*c, s.start));
    v
}

fn atop_by_year(rows: &[atop::AtopDyadYear]) -> FxHashMap<i32, Vec<(Ccode, Ccode, Obligations)>> {
    let mut m: FxHashMap<(i32, Ccode, Ccode), Obligations> = FxHashMap::default();
    for r in rows {
        if r.obligations.is_empty() {
            continue;
        }
        let (a, b) = if r.ccode1 < r.ccode2 {
            (r.ccode1, r.ccode2)
        } else {
            (r.ccode2, r.ccode1)
        };
        let e = m.entry((r.year, a, b)).or_default();
        *e = e.union(r.obligations);
    }
    let mut out: FxHashMap<i32, Vec<(Ccode, Ccode, Obligations)>> = FxHashMap::default();
    for ((y, a, b), o) in m {
        out.entry(y).or_default().push((a, b, o));
    }
    for v in out.values_mut() {
        v.sort_unstable_by_key(|(a, b, _)| (*a, *b));
    }
    out
}

fn tiv_by_year(reg: &sipri_transfers::TradeRegister) -> FxHashMap<i32, Vec<(Ccode, Ccode, f64)>> {
    let mut out: FxHashMap<i32, Vec<(Ccode, Ccode, f64)>> = FxHashMap::default();
    for f in reg.tiv_flows() {
        out.entry(f.year)
            .or_default()
            .push((f.supplier, f.recipient, f.tiv));
    }
    out
}

fn ideal_by_year(points: &[unga::IdealPoint]) -> FxHashMap<i32, Vec<(Ccode, f64)>> {
    let mut out: FxHashMap<i32, Vec<(Ccode, f64)>> = FxHashMap::default();
    for p in points {
        if let Some(x) = p.all {
            out.entry(p.year).or_default().push((p.ccode, x));
        }
    }
    for v in out.values_mut() {
        v.sort_unstable_by_key(|(c, _)| *c);
    }
    out
}
