//! The inputs, read once from the datasets and the record and indexed by state and year.

use crate::families::family;
use entente_core::{Ccode, Crosswalk, ManifestInput, NameMatch, TieKind};
use entente_curated::CuratedRecord;
use entente_data::Store;
use rustc_hash::{FxHashMap, FxHashSet};

/// One delivery of a deal in a year.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Supplier.
    pub supplier: Ccode,
    /// Recipient.
    pub recipient: Ccode,
    /// Year.
    pub year: i32,
    /// Family of the weapon.
    pub family: String,
    /// SIPRI's description (category).
    pub category: String,
    /// SIPRI's designation of the weapon (`K9 Thunder`, `FA-50`).
    pub designation: String,
    /// TIV delivered that year (the deal's delivered TIV spread over its delivery years).
    pub tiv: f64,
}

/// Everything the engine reads, with what is missing said explicitly.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Per dispute: the participants, (ccode, side A, first year, last year).
    pub disputes: Vec<Vec<(Ccode, bool, i32, i32)>>,
    /// Coverage of the dispute data.
    pub dispute_years: Option<(i32, i32)>,
    /// UN ideal points on foreign-policy votes (`idealpointfp`, July 2025 release: the only estimate
    /// it gives for 2024), by (ccode, year).
    pub ideal: FxHashMap<(u16, i32), f64>,
    /// Capitals by state: (first year, last year, lat, lng).
    pub capitals: FxHashMap<u16, Vec<(i32, i32, f64, f64)>>,
    /// Military expenditure, constant US$, by (ccode, year).
    pub milex: FxHashMap<(u16, i32), f64>,
    /// Deliveries between states.
    pub deliveries: Vec<Delivery>,
    /// Whether the SIPRI register was available.
    pub has_transfers: bool,
    /// ATOP defence/offense pairs by year (undirected, low-high).
    pub atop_defence: FxHashSet<(u16, u16, i32)>,
    /// Whether ATOP was available.
    pub has_atop: bool,
    /// Direct contiguity by (low, high, year): the closest type (1 land … 5 ≤ 400 miles of water).
    pub contiguity: FxHashMap<(u16, u16), Vec<(i32, u8)>>,
    /// The last year of the contiguity data.
    pub contiguity_last: Option<i32>,
    /// The inputs for the manifest.
    pub manifest: Vec<ManifestInput>,
    /// Datasets that could not be read, with the reason.
    pub unavailable: Vec<(String, String)>,
    /// TIV delivered between two states, by (low, high) → (year, tiv).
    pub pair_tiv: FxHashMap<(u16, u16), Vec<(i32, f64)>>,
}

fn key(a: Ccode, b: Ccode) -> (u16, u16) {
    if a < b {
        (a.0, b.0)
    } else {
        (b.0, a.0)
    }
}

impl Inputs {
    /// Reads every input it can; what it cannot read is recorded, not fatal (the score's coverage
    /// says what it rests on).
    pub fn load(store: Option<&Store>, rec: &CuratedRecord) -> Inputs {
        let mut inp = Inputs {
            manifest: vec![rec.manifest_input()],
            ..Inputs::default()
        };
        let Some(store) = store else {
            inp.unavailable
                .push(("all datasets".into(), "no data directory".into()));
            return inp;
        };
        // Read the files in parallel first; the accessors below then find them loaded (or report
        // the same error again).
        store.preload(&[
            "cow-mid",
            "unga-ideal-points",
            "capitals",
            "sipri-milex",
            "sipri-transfers",
            "cow-contiguity",
            "atop-ddy",
        ]);
        let note = |inp: &mut Inputs, id: &str, e: &dyn std::fmt::Display| {
            inp.unavailable.push((id.to_string(), e.to_string()));
        };
        match store.mids() {
            Ok(l) => {
                let mut by: FxHashMap<u32, Vec<(Ccode, bool, i32, i32)>> = FxHashMap::default();
                for p in &l.data.participants {
                    by.entry(p.dispnum).or_default().push((
                        p.ccode,
                        p.side_a,
                        p.start_year,
                        p.end_year,
                    ));
                }
                let mut v: Vec<_> = by.into_iter().collect();
                v.sort_by_key(|(k, _)| *k);
                inp.disputes = v.into_iter().map(|(_, p)| p).collect();
                inp.dispute_years = Some(l.data.coverage());
                inp.manifest.extend(l.inputs());
            }
            Err(e) => note(&mut inp, "cow-mid", &e),
        }
        match store.ideal_points() {
            Ok(l) => {
                for r in &l.data.july2025 {
                    if let Some(v) = r.fp {
                        inp.ideal.insert((r.ccode.0, r.year), v);
                    }
                }
                inp.manifest.extend(
                    l.inputs()
                        .into_iter()
                        .filter(|i| i.dataset.ends_with("jul2025")),
                );
            }
            Err(e) => note(&mut inp, "unga-ideal-points", &e),
        }
        match store.capitals() {
            Ok(l) => {
                use chrono::Datelike;
                for c in &l.data {
                    let last = c.span.end.map(|d| d.year()).unwrap_or(9999);
                    inp.capitals.entry(c.ccode.0).or_default().push((
                        c.span.start.year(),
                        last,
                        c.lat,
                        c.lng,
                    ));
                }
                inp.manifest.extend(l.inputs());
            }
            Err(e) => note(&mut inp, "capitals", &e),
        }
        match store.milex() {
            Ok(l) => {
                if let Some(sheet) = l.data.sheet("constant-usd-2025") {
                    for r in &sheet.rows {
                        if let (Some(c), Some(v)) = (r.ccode, r.value.value()) {
                            inp.milex.insert((c.0, r.year), v);
                        }
                    }
                }
                inp.manifest.extend(
                    l.inputs()
                        .into_iter()
                        .filter(|i| i.dataset.ends_with("constant-usd-2025")),
                );
            }
            Err(e) => note(&mut inp, "sipri-milex", &e),
        }
        match store.transfers() {
            Ok(l) => {
                let cw = Crosswalk;
                let mut names: FxHashMap<String, bool> = FxHashMap::default();
                let mut is_state = |n: &str| -> bool {
                    if let Some(v) = names.get(n) {
                        return *v;
                    }
                    let v = matches!(cw.lookup(n), Ok(NameMatch::State(_)));
                    names.insert(n.to_string(), v);
                    v
                };
                for d in &l.data.deals {
                    let (Some(tiv), false) = (d.tiv_delivered, d.delivery_years.is_empty()) else {
                        continue;
                    };
                    if !is_state(&d.supplier)
                        || !is_state(&d.recipient)
                        || crate::families::is_generic(&d.designation)
                    {
                        continue;
                    }
                    let share = tiv / d.delivery_years.len() as f64;
                    let fam = family(&d.designation);
                    for &y in &d.delivery_years {
                        if let (Ok(Some(s)), Ok(Some(r))) = (
                            cw.ccode_in_year(&d.supplier, y),
                            cw.ccode_in_year(&d.recipient, y),
                        ) {
                            inp.deliveries.push(Delivery {
                                supplier: s,
                                recipient: r,
                                year: y,
                                family: fam.clone(),
                                category: d.description.clone(),
                                designation: d.designation.clone(),
                                tiv: share,
                            });
                        }
                    }
                }
                for d in &inp.deliveries {
                    inp.pair_tiv
                        .entry(key(d.supplier, d.recipient))
                        .or_default()
                        .push((d.year, d.tiv));
                }
                inp.has_transfers = true;
                inp.manifest.extend(l.inputs());
            }
            Err(e) => note(&mut inp, "sipri-transfers", &e),
        }
        match store.contiguity() {
            Ok(l) => {
                for r in &l.data.dyad_years.rows {
                    if r.ccode1 < r.ccode2 {
                        inp.contiguity
                            .entry((r.ccode1.0, r.ccode2.0))
                            .or_default()
                            .push((r.year, r.conttype));
                    }
                }
                inp.contiguity_last = Some(entente_data::readers::contiguity::COVERAGE.1);
                inp.manifest.extend(l.inputs());
            }
            Err(e) => note(&mut inp, "cow-contiguity", &e),
        }
        match store.atop_dyad_year() {
            Ok(l) => {
                for r in &l.data {
                    use entente_core::Obligation;
                    if r.obligations.has(Obligation::Defense)
                        || r.obligations.has(Obligation::Offense)
                    {
                        let (a, b) = key(r.ccode1, r.ccode2);
                        inp.atop_defence.insert((a, b, r.year));
                    }
                }
                inp.has_atop = true;
                inp.manifest.extend(l.inputs());
            }
            Err(e) => note(&mut inp, "atop-ddy", &e),
        }
        inp.canonicalise();
        inp
    }

    /// Puts every input in a canonical order, so that results do not depend on the order of the rows
    /// read (floating-point sums depend on the order of their terms).
    pub fn canonicalise(&mut self) {
        self.deliveries.sort_by(|x, y| {
            (x.year, x.supplier, x.recipient, &x.family, &x.category)
                .cmp(&(y.year, y.supplier, y.recipient, &y.family, &y.category))
                .then(x.tiv.total_cmp(&y.tiv))
        });
        for d in &mut self.disputes {
            d.sort();
        }
        self.disputes.sort();
        for v in self.pair_tiv.values_mut() {
            v.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        }
        for v in self.capitals.values_mut() {
            v.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
        }
        for v in self.contiguity.values_mut() {
            v.sort();
        }
    }

    /// The capital of a state in a year, carried forward past the last year the list covers.
    pub fn capital(&self, c: Ccode, y: i32) -> Option<(f64, f64)> {
        let v = self.capitals.get(&c.0)?;
        v.iter()
            .filter(|(s, e, _, _)| *s <= y && y <= *e)
            .max_by_key(|(s, _, _, _)| *s)
            .or_else(|| {
                v.iter()
                    .filter(|(s, _, _, _)| *s <= y)
                    .max_by_key(|(_, e, _, _)| *e)
            })
            .map(|(_, _, la, lo)| (*la, *lo))
    }

    /// The closest direct-contiguity type of two states in a year (0 when not contiguous), carried
    /// forward from the data's last year (2016): borders change rarely. `None` without the data.
    pub fn conttype(&self, a: Ccode, b: Ccode, y: i32) -> Option<u8> {
        let last = self.contiguity_last?;
        let y = y.min(last);
        let k = key(a, b);
        Some(
            self.contiguity
                .get(&k)
                .and_then(|v| v.iter().find(|(yy, _)| *yy == y).map(|(_, t)| *t))
                .unwrap_or(0),
        )
    }

    /// Disputes in which `a` and `b` were on opposite sides with overlapping participation in
    /// `from..=to`; `None` unless the whole window lies within the dispute data's coverage (a window
    /// that runs past 2010 would count only part of its years).
    pub fn disputes_between(&self, a: Ccode, b: Ccode, from: i32, to: i32) -> Option<usize> {
        let (lo, hi) = self.dispute_years?;
        if from < lo || to > hi {
            return None;
        }
        Some(
            self.disputes
                .iter()
                .filter(|parts| {
                    parts.iter().any(|(ca, sa, s1, e1)| {
                        *ca == a
                            && parts.iter().any(|(cb, sb, s2, e2)| {
                                *cb == b
                                    && sa != sb
                                    && (*s1).max(*s2) <= (*e1).min(*e2)
                                    && (*s1).max(*s2) <= to
                                    && (*e1).min(*e2) >= from
                            })
                    })
                })
                .count(),
        )
    }
}

/// Existing ties between two states in a year, from the record (and ATOP), with the details the
/// rationale names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TieFacts {
    /// Defence treaty names (curated) or "ATOP alliance".
    pub treaty: Vec<String>,
    /// Access agreements, with their start year.
    pub access: Vec<(String, i32)>,
    /// Defence cooperation agreements.
    pub cooperation: Vec<String>,
    /// Partnerships.
    pub partnership: Vec<String>,
    /// Arms-industrial programmes.
    pub industrial: Vec<String>,
    /// Major arms deals in force (curated).
    pub arms_deals: Vec<String>,
    /// The last year of a joint exercise, if any up to the year.
    pub last_exercise: Option<i32>,
}

/// The ties binding one pair: (tie index, the pair's spans).
type PairTies = Vec<(usize, Vec<entente_core::DateSpan>)>;

/// The record's dyadic ties, indexed by pair once: `(low, high)` → its ties.
pub struct PairIndex {
    by_pair: FxHashMap<(u16, u16), PairTies>,
}

impl PairIndex {
    /// Indexes every tie of the record by the pairs it binds.
    pub fn new(rec: &CuratedRecord) -> PairIndex {
        let mut by_pair: FxHashMap<(u16, u16), PairTies> = FxHashMap::default();
        for (i, t) in rec.ties().iter().enumerate() {
            for p in t.pair_ties() {
                by_pair
                    .entry((p.a.0, p.b.0))
                    .or_default()
                    .push((i, p.spans));
            }
        }
        PairIndex { by_pair }
    }
}

/// Collects the record's ties between two states in a year.
pub fn curated_ties(
    rec: &CuratedRecord,
    index: &PairIndex,
    a: Ccode,
    b: Ccode,
    y: i32,
) -> TieFacts {
    use chrono::Datelike;
    let mut f = TieFacts::default();
    let ties = rec.ties();
    for (i, spans) in index
        .by_pair
        .get(&key(a, b))
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let t = &ties[*i];
        let hit = |yy: i32| spans.iter().any(|s| s.active_in_year(yy));
        match t.kind {
            TieKind::Exercise => {
                let start = t.span.start.year();
                if start <= y {
                    f.last_exercise = Some(f.last_exercise.map_or(start, |l| l.max(start)));
                }
            }
            _ if !hit(y) => {}
            TieKind::DefenceTreaty => f.treaty.push(t.name.clone()),
            TieKind::AccessAgreement => f.access.push((t.name.clone(), t.span.start.year())),
            TieKind::DefenceCooperation => f.cooperation.push(t.name.clone()),
            TieKind::Partnership => f.partnership.push(t.name.clone()),
            TieKind::ArmsIndustrial => f.industrial.push(t.name.clone()),
            TieKind::ArmsDeal => f.arms_deals.push(t.name.clone()),
        }
    }
    // Independent of the record's order.
    f.treaty.sort();
    f.access.sort_by(|x, y| (x.1, &x.0).cmp(&(y.1, &y.0)));
    f.cooperation.sort();
    f.partnership.sort();
    f.industrial.sort();
    f.arms_deals.sort();
    f
}
