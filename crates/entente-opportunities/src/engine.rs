//! The opportunity score of every European–East Asian pair in a year. See `docs/opportunities.md`
//! for the formula, its assumptions and its limits.

use crate::inputs::{curated_ties, Inputs, PairIndex, TieFacts};
use crate::params::Params;
use entente_core::{Ccode, StateInfo, CHALLENGERS};
use entente_curated::CuratedRecord;
use entente_data::Store;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;

/// A state in the output.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Party {
    /// COW code.
    pub ccode: u16,
    /// ISO3.
    pub iso3: String,
    /// Name.
    pub name: String,
}

impl Party {
    fn of(c: Ccode) -> Party {
        let s = StateInfo::get(c);
        Party {
            ccode: c.0,
            iso3: s
                .map(|s| s.code().to_string())
                .unwrap_or_else(|| c.0.to_string()),
            name: s.map(|s| s.name.to_string()).unwrap_or_default(),
        }
    }
}

/// A state's exposure to one challenger, with its inputs (missing where the data do not reach).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Exposure {
    /// The challenger (ISO3).
    pub challenger: String,
    /// Disputes with it in the window, scaled min(1, n/3).
    pub disputes: Option<f64>,
    /// UN ideal-point distance, scaled min(1, d/3).
    pub un_distance: Option<f64>,
    /// Proximity of capitals, exp(−km/2500).
    pub proximity: Option<f64>,
    /// Its spending growth over the window (clamped to [0, 1]) times proximity.
    pub buildup: Option<f64>,
    /// Hostility × reach: (the weighted mean of disputes and UN distance) × (the weighted mean of
    /// proximity and build-up), each over the inputs available.
    pub exposure: Option<f64>,
    /// Share of the input weights available.
    pub coverage: f64,
}

/// A component with its coverage.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Component {
    /// Value in [0, 1], missing when nothing is available.
    pub value: Option<f64>,
    /// Share of the component's input weights available.
    pub coverage: f64,
}

/// The capability component's detail.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Capability {
    /// The component.
    #[serde(flatten)]
    pub component: Component,
    /// Weapon families both operate (delivered within the window, as recipient or supplier), largest
    /// shared weight first.
    pub shared_families: Vec<String>,
    /// TIV-weighted overlap of the families operated: Σ_f min(share_i(f), share_j(f)).
    pub families: Option<f64>,
    /// Suppliers both buy from, largest first.
    pub shared_suppliers: Vec<String>,
    /// Cosine similarity of the supplier TIV vectors.
    pub suppliers: Option<f64>,
    /// Complementarity, the larger of the two directions.
    pub complementarity: Option<f64>,
    /// Which way it runs and in what category, a category match, not a deal: "KOR exports
    /// self-propelled guns; POL imports them".
    pub complement_note: Option<String>,
    /// The largest real deal between the two in the trade window, as SIPRI records it: supplier →
    /// recipient, SIPRI's designation and delivery years.
    pub deal: Option<String>,
}

/// The existing-ties component's detail.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ties {
    /// The component: the weighted share of tie kinds present.
    #[serde(flatten)]
    pub component: Component,
    /// The ties present, by kind.
    pub present: Vec<String>,
    /// TIV delivered between them in the trade window.
    pub arms_tiv: Option<f64>,
    /// The last joint exercise up to the year.
    pub last_exercise: Option<i32>,
}

/// One pair's score in a year, with its decomposition and rationale.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PairScore {
    /// The year.
    pub year: i32,
    /// Rank in the year (1 = best opportunity); 0 when the pair is not ranked (insufficient data).
    pub rank: usize,
    /// Whether the pair's inputs cover less than [`MIN_COVERAGE`]: listed, not ranked.
    pub insufficient_data: bool,
    /// How stable the rank is when the weights are perturbed (top pairs, when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability: Option<crate::stability::Stability>,
    /// The European ally.
    pub europe: Party,
    /// The East Asia & Pacific ally or partner.
    pub asia: Party,
    /// Whether `asia` is a US treaty ally (else a partner).
    pub asia_is_treaty_ally: bool,
    /// The opportunity score in [0, 1].
    pub score: f64,
    /// Share of all input weights available.
    pub coverage: f64,
    /// Threat convergence.
    pub threat: Component,
    /// The two states' exposures.
    pub exposures: [Vec<Exposure>; 2],
    /// Capability commonality and complementarity.
    pub capability: Capability,
    /// Existing ties.
    pub ties: Ties,
    /// One line, from the data.
    pub rationale: String,
}

/// The engine: inputs read once, scores computed per year.
pub struct Engine<'r> {
    pub(crate) rec: &'r CuratedRecord,
    index: PairIndex,
    pub(crate) inputs: Inputs,
    pub(crate) params: Params,
    allow_partial: bool,
}

/// The share of a pair's input weights that must be available for it to be ranked; below it the
/// pair is listed as "insufficient data" (unless partial ranking is asked for).
pub const MIN_COVERAGE: f64 = 2.0 / 3.0;

/// The datasets the threat and capability components read, by id. Without any of them the score
/// is not what it claims to be, and `entente opportunities` stops unless partial ranking is asked.
pub const NEEDED: [(&str, &str); 6] = [
    ("cow-mid", "threat: disputes"),
    ("unga-ideal-points", "threat: UN distance"),
    ("capitals", "threat: proximity"),
    ("cow-contiguity", "threat: proximity"),
    ("sipri-milex", "threat: build-up"),
    ("sipri-transfers", "capability"),
];

fn wmean(parts: &[(f64, Option<f64>)]) -> (Option<f64>, f64) {
    let total: f64 = parts.iter().map(|(w, _)| *w).sum();
    let (mut num, mut den) = (0.0, 0.0);
    for (w, v) in parts {
        if let Some(v) = v {
            num += w * v;
            den += w;
        }
    }
    let cov = if total > 0.0 { den / total } else { 0.0 };
    (if den > 0.0 { Some(num / den) } else { None }, cov)
}

fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

fn cosine(a: &BTreeMap<u16, f64>, b: &BTreeMap<u16, f64>) -> Option<f64> {
    let na: f64 = a.values().map(|v| v * v).sum::<f64>().sqrt();
    let nb: f64 = b.values().map(|v| v * v).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        return Some(0.0);
    }
    let dot: f64 = a.iter().filter_map(|(k, v)| b.get(k).map(|w| v * w)).sum();
    Some(dot / (na * nb))
}

/// A state's arms profile in a year.
#[derive(Default)]
struct Profile {
    /// Families operated, with the TIV delivered in the window (to or from the state).
    operated: FxHashMap<String, f64>,
    suppliers: BTreeMap<u16, f64>,
    imports_by_category: BTreeMap<String, f64>,
    exports_categories: FxHashSet<String>,
}

impl<'r> Engine<'r> {
    /// Reads the inputs. Without a data directory the engine still runs on the record, with the
    /// coverage that implies.
    pub fn new(store: Option<&Store>, rec: &'r CuratedRecord, params: Params) -> Engine<'r> {
        Engine {
            rec,
            index: PairIndex::new(rec),
            inputs: Inputs::load(store, rec),
            params,
            allow_partial: false,
        }
    }

    /// An engine over inputs already read (tests, and callers that reuse inputs).
    pub fn from_parts(rec: &'r CuratedRecord, mut inputs: Inputs, params: Params) -> Engine<'r> {
        inputs.canonicalise();
        Engine {
            rec,
            index: PairIndex::new(rec),
            inputs,
            params,
            allow_partial: false,
        }
    }

    /// Ranks every pair whatever its coverage (the coverage is shown beside each score), instead of
    /// listing pairs below [`MIN_COVERAGE`] as insufficient data.
    pub fn allow_partial(mut self, yes: bool) -> Engine<'r> {
        self.allow_partial = yes;
        self
    }

    /// The threat and capability datasets that could not be read, with what each feeds.
    pub fn missing_datasets(&self) -> Vec<(&'static str, &'static str)> {
        let gone = |id: &str| {
            self.inputs
                .unavailable
                .iter()
                .any(|(d, _)| d == id || d == "all datasets")
        };
        NEEDED.into_iter().filter(|(id, _)| gone(id)).collect()
    }

    /// The inputs read, for the manifest and for saying what was unavailable.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// The pairs of a year: (European ally, East Asian ally or partner, whether a treaty ally).
    pub fn pairs(&self, y: i32) -> Vec<(Ccode, Ccode, bool)> {
        let allies = self.rec.east_asian_allies(y);
        let partners = self.rec.indo_pacific_partners(y);
        let mut v = Vec::new();
        for e in self.rec.european_allies(y) {
            for a in &allies {
                v.push((e, *a, true));
            }
            for a in &partners {
                v.push((e, *a, false));
            }
        }
        v
    }

    fn exposure(&self, s: Ccode, c: Ccode, y: i32) -> Exposure {
        let w = &self.params.threat;
        let win = &self.params.windows;
        let disputes = self
            .inputs
            .disputes_between(s, c, y - win.disputes + 1, y)
            .map(|n| (n as f64 / 3.0).min(1.0));
        let un = match (
            self.inputs.ideal.get(&(s.0, y)),
            self.inputs.ideal.get(&(c.0, y)),
        ) {
            (Some(a), Some(b)) => Some(((a - b).abs() / 3.0).min(1.0)),
            _ => None,
        };
        // Proximity: the nearer of direct contiguity (land 1.0; water ≤12, ≤24, ≤150, ≤400 miles:
        // 0.9, 0.8, 0.7, 0.6) and capital-to-capital distance (exp(−km / 2500)). Capitals alone
        // understate exposure to a state as large as Russia.
        let by_capital = match (self.inputs.capital(s, y), self.inputs.capital(c, y)) {
            (Some(a), Some(b)) => Some((-haversine(a, b) / 2500.0).exp()),
            _ => None,
        };
        let by_border = self.inputs.conttype(s, c, y).map(|t| match t {
            1 => 1.0,
            2 => 0.9,
            3 => 0.8,
            4 => 0.7,
            5 => 0.6,
            _ => 0.0,
        });
        let prox = match (by_capital, by_border) {
            (Some(x), Some(z)) => Some(x.max(z)),
            (x, z) => x.or(z),
        };
        let growth = match (
            self.inputs.milex.get(&(c.0, y)),
            self.inputs.milex.get(&(c.0, y - win.buildup)),
        ) {
            (Some(now), Some(then)) if *then > 0.0 => Some((now / then - 1.0).clamp(0.0, 1.0)),
            _ => None,
        };
        let buildup = match (growth, prox) {
            (Some(g), Some(p)) => Some(g * p),
            _ => None,
        };
        // Threat as intent × reach (Walt 1987): the hostility inputs and the reach inputs are averaged
        // apart and multiplied, so that political distance alone, from a challenger with no reach, is
        // no exposure. Missing inputs drop out of their mean and lower the coverage.
        let (hostility, cov_h) = wmean(&[(w.disputes, disputes), (w.un_distance, un)]);
        let (reach, cov_r) = wmean(&[(w.proximity, prox), (w.buildup, buildup)]);
        let exposure = match (hostility, reach) {
            (Some(h), Some(r)) => Some(h * r),
            _ => None,
        };
        let (wh, wr) = (w.disputes + w.un_distance, w.proximity + w.buildup);
        let coverage = if wh + wr > 0.0 {
            (cov_h * wh + cov_r * wr) / (wh + wr)
        } else {
            0.0
        };
        Exposure {
            challenger: StateInfo::get(c)
                .map(|s| s.code().to_string())
                .unwrap_or_default(),
            disputes,
            un_distance: un,
            proximity: prox,
            buildup,
            exposure,
            coverage,
        }
    }

    fn profiles(&self, y: i32) -> FxHashMap<u16, Profile> {
        let win = &self.params.windows;
        let mut m: FxHashMap<u16, Profile> = FxHashMap::default();
        for d in &self.inputs.deliveries {
            if d.year > y {
                continue;
            }
            if d.year > y - win.operated {
                *m.entry(d.recipient.0)
                    .or_default()
                    .operated
                    .entry(d.family.clone())
                    .or_default() += d.tiv;
                let s = m.entry(d.supplier.0).or_default();
                *s.operated.entry(d.family.clone()).or_default() += d.tiv;
                s.exports_categories.insert(d.category.clone());
            }
            if d.year > y - win.trade {
                let r = m.entry(d.recipient.0).or_default();
                *r.suppliers.entry(d.supplier.0).or_default() += d.tiv;
                *r.imports_by_category.entry(d.category.clone()).or_default() += d.tiv;
            }
        }
        m
    }

    /// Every pair of a year, ranked.
    pub fn year(&self, y: i32) -> Vec<PairScore> {
        let pairs = self.pairs(y);
        let profiles = self.profiles(y);
        let mut exposures: FxHashMap<u16, Vec<Exposure>> = FxHashMap::default();
        for (e, a, _) in &pairs {
            for s in [e, a] {
                exposures.entry(s.0).or_insert_with(|| {
                    CHALLENGERS
                        .iter()
                        .map(|c| self.exposure(*s, *c, y))
                        .collect()
                });
            }
        }
        let empty = Profile::default();
        let mut out: Vec<PairScore> = pairs
            .iter()
            .map(|(e, a, ally)| {
                let (ex_e, ex_a) = (exposures[&e.0].clone(), exposures[&a.0].clone());
                let pe = profiles.get(&e.0).unwrap_or(&empty);
                let pa = profiles.get(&a.0).unwrap_or(&empty);
                self.score(y, *e, *a, *ally, ex_e, ex_a, pe, pa)
            })
            .collect();
        for p in &mut out {
            p.insufficient_data = !self.allow_partial && p.coverage < MIN_COVERAGE;
        }
        out.sort_by(|x, y| {
            x.insufficient_data
                .cmp(&y.insufficient_data)
                .then(y.score.total_cmp(&x.score))
                .then(x.europe.ccode.cmp(&y.europe.ccode))
                .then(x.asia.ccode.cmp(&y.asia.ccode))
        });
        for (i, p) in out.iter_mut().enumerate() {
            p.rank = if p.insufficient_data { 0 } else { i + 1 };
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        y: i32,
        e: Ccode,
        a: Ccode,
        ally: bool,
        ex_e: Vec<Exposure>,
        ex_a: Vec<Exposure>,
        pe: &Profile,
        pa: &Profile,
    ) -> PairScore {
        let p = &self.params;
        // Threat convergence: the exposure both share to the challenger they share most (China and
        // Russia coordinate: a pair equally exposed to one of them has converging threats).
        let mut shared = Vec::new();
        let mut covs = Vec::new();
        for (x, z) in ex_e.iter().zip(&ex_a) {
            shared.push(match (x.exposure, z.exposure) {
                (Some(u), Some(v)) => Some(u.min(v)),
                _ => None,
            });
            covs.push(x.coverage.min(z.coverage));
        }
        let defined: Vec<f64> = shared.iter().flatten().copied().collect();
        let threat = Component {
            value: defined.iter().copied().reduce(f64::max),
            coverage: covs.iter().sum::<f64>() / covs.len().max(1) as f64,
        };

        // Capability commonality and complementarity.
        let has =
            self.inputs.has_transfers && y <= entente_data::readers::sipri_transfers::COVERAGE.1;
        // Shared families, weighted by TIV: Σ_f min(share_i(f), share_j(f)) over the families both
        // operate, where share is a family's part of the state's TIV in the window. Big platforms
        // weigh more than pods and small missiles.
        let total_e: f64 = pe.operated.values().fold(0.0, |a, b| a + b);
        let total_a: f64 = pa.operated.values().fold(0.0, |a, b| a + b);
        let mut both: Vec<(f64, String)> = pe
            .operated
            .iter()
            .filter_map(|(f, v)| {
                pa.operated.get(f).map(|w| {
                    let share = if total_e > 0.0 && total_a > 0.0 {
                        (v / total_e).min(w / total_a)
                    } else {
                        0.0
                    };
                    (share, f.clone())
                })
            })
            .collect();
        both.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let families = has.then(|| both.iter().map(|(v, _)| v).fold(0.0, |a, b| a + b));
        let fams: Vec<String> = both.into_iter().map(|(_, f)| f).collect();
        let mut sup: Vec<(f64, u16)> = pe
            .suppliers
            .iter()
            .filter_map(|(k, v)| pa.suppliers.get(k).map(|w| (v.min(*w), *k)))
            .collect();
        sup.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let suppliers = if has {
            cosine(&pe.suppliers, &pa.suppliers)
        } else {
            None
        };
        let comp = |from: &Profile, to: &Profile| -> (f64, Vec<String>) {
            let total: f64 = to.imports_by_category.values().fold(0.0, |a, b| a + b);
            if total == 0.0 {
                return (0.0, vec![]);
            }
            let mut cats: Vec<(f64, String)> = to
                .imports_by_category
                .iter()
                .filter(|(c, _)| from.exports_categories.contains(*c))
                .map(|(c, v)| (*v, c.clone()))
                .collect();
            cats.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            (
                cats.iter().map(|(v, _)| v).fold(0.0, |a, b| a + b) / total,
                cats.into_iter().map(|(_, c)| c).collect(),
            )
        };
        let (c_ea, cats_ea) = comp(pe, pa);
        let (c_ae, cats_ae) = comp(pa, pe);
        let (complementarity, complement_note) = if !has {
            (None, None)
        } else if c_ea >= c_ae {
            let note = cats_ea
                .first()
                .map(|c| crate::rationale::category_match(e, a, c));
            (Some(c_ea), note.filter(|_| c_ea > 0.0))
        } else {
            let note = cats_ae
                .first()
                .map(|c| crate::rationale::category_match(a, e, c));
            (Some(c_ae), note.filter(|_| c_ae > 0.0))
        };
        let (cap_value, cap_cov) = wmean(&[
            (p.capability.families, families),
            (p.capability.suppliers, suppliers),
            (p.capability.complementarity, complementarity),
        ]);
        let capability = Capability {
            component: Component {
                value: cap_value,
                coverage: cap_cov,
            },
            shared_families: fams,
            families,
            shared_suppliers: sup.iter().take(3).map(|(_, k)| iso(Ccode(*k))).collect(),
            suppliers,
            complementarity,
            complement_note,
            deal: has
                .then(|| {
                    crate::rationale::largest_deal(
                        &self.inputs.deliveries,
                        e,
                        a,
                        y,
                        p.windows.trade,
                    )
                })
                .flatten(),
        };

        // Existing ties.
        let facts: TieFacts = curated_ties(self.rec, &self.index, e, a, y);
        let k = if e < a { (e.0, a.0) } else { (a.0, e.0) };
        let atop_treaty = self.inputs.has_atop
            && (entente_data::readers::atop::COVERAGE.0..=entente_data::readers::atop::COVERAGE.1)
                .contains(&y)
            && self.inputs.atop_defence.contains(&(k.0, k.1, y));
        let arms_tiv: Option<f64> = has.then(|| {
            self.inputs
                .pair_tiv
                .get(&k)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .filter(|(yy, _)| *yy <= y && *yy > y - p.windows.trade)
                .map(|(_, t)| t)
                .fold(0.0, |a, b| a + b)
        });
        let recent_exercise = facts
            .last_exercise
            .is_some_and(|l| l > y - p.windows.exercise);
        let t = &p.ties;
        let indicators = [
            (
                t.treaty,
                !facts.treaty.is_empty() || atop_treaty,
                "defence treaty",
            ),
            (t.access, !facts.access.is_empty(), "access agreement"),
            (
                t.cooperation,
                !facts.cooperation.is_empty(),
                "defence cooperation",
            ),
            (t.partnership, !facts.partnership.is_empty(), "partnership"),
            (t.exercise, recent_exercise, "recent exercise"),
            (
                t.industrial,
                !facts.industrial.is_empty(),
                "arms-industrial programme",
            ),
            (
                t.arms,
                arms_tiv.is_some_and(|v| v > 0.0) || !facts.arms_deals.is_empty(),
                "arms transfers",
            ),
        ];
        let total: f64 = indicators.iter().map(|(w, _, _)| w).fold(0.0, |a, b| a + b);
        let present_w: f64 = indicators
            .iter()
            .filter(|(_, on, _)| *on)
            .map(|(w, _, _)| w)
            .fold(0.0, |a, b| a + b);
        let ties = Ties {
            component: Component {
                value: (total > 0.0).then(|| present_w / total),
                coverage: 1.0,
            },
            present: indicators
                .iter()
                .filter(|(_, on, _)| *on)
                .map(|(_, _, n)| n.to_string())
                .collect(),
            arms_tiv,
            last_exercise: facts.last_exercise,
        };

        // The score: a weighted mean of the available components.
        let c = &p.combine;
        let parts = [
            (c.threat, threat.value, threat.coverage),
            (
                c.capability,
                capability.component.value,
                capability.component.coverage,
            ),
            (
                c.gap,
                ties.component.value.map(|x| 1.0 - x),
                ties.component.coverage,
            ),
        ];
        let wsum: f64 = parts.iter().map(|(w, _, _)| w).sum();
        let (mut num, mut den, mut cov) = (0.0, 0.0, 0.0);
        for (w, v, cv) in parts {
            if let Some(v) = v {
                num += w * v;
                den += w;
                cov += w * cv;
            }
        }
        let score = if den > 0.0 { num / den } else { 0.0 };
        let coverage = if wsum > 0.0 { cov / wsum } else { 0.0 };
        let rationale = crate::rationale::rationale(y, &ex_e, &ex_a, &capability, &facts, &ties);
        PairScore {
            year: y,
            rank: 0,
            insufficient_data: false,
            stability: None,
            europe: Party::of(e),
            asia: Party::of(a),
            asia_is_treaty_ally: ally,
            score,
            coverage,
            threat,
            exposures: [ex_e, ex_a],
            capability,
            ties,
            rationale,
        }
    }

    /// The scores of every year from `from` to `to`, each as [`Engine::year`] gives it, in year
    /// order. Years are scored in parallel; each year's result does not depend on the others.
    pub fn years(&self, from: i32, to: i32) -> Vec<Vec<PairScore>> {
        use rayon::prelude::*;
        (from..=to)
            .collect::<Vec<_>>()
            .par_iter()
            .map(|y| self.year(*y))
            .collect()
    }

    /// One pair's trajectory over years (ranked within each year).
    pub fn pair(&self, e: Ccode, a: Ccode, from: i32, to: i32) -> Vec<PairScore> {
        self.years(from, to)
            .into_iter()
            .filter_map(|year| {
                year.into_iter().find(|p| {
                    (p.europe.ccode, p.asia.ccode) == (e.0, a.0)
                        || (p.europe.ccode, p.asia.ccode) == (a.0, e.0)
                })
            })
            .collect()
    }
}

fn iso(c: Ccode) -> String {
    StateInfo::get(c)
        .map(|s| s.code().to_string())
        .unwrap_or_else(|| c.0.to_string())
}
