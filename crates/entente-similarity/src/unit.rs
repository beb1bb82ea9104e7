//! Similarity as a frame unit: `--add similarity` in frames, and the engine of `entente similarity`.
//! For each year the portfolio matrix is built over the comparison set, every pair's tables are
//! computed once, and each selected measure is read off them.

use crate::error::{Result as SimResult, SimilarityError};
use crate::measures::{
    cohen_kappa, kendall_tau_b, s_score, scott_pi, weighted_kappa_psych, Distance, PairTable,
};
use crate::portfolio::{Matrix, Source, Ties};
use arrow_array::{ArrayRef, Float64Array};
use arrow_schema::{DataType, Field};
use entente_core::{Ccode, Group, ManifestInput};
use entente_curated::counterfactual::HypotheticalTie;
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_frames::{FrameError, Keys, Kind, Unit};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A similarity measure, with Häge's (2011) `fpsim` variable name where he has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// S, valued, absolute distance, unweighted (`srsvaa`).
    SrsVaa,
    /// S, valued, squared distance, unweighted (`srsvas`).
    SrsVas,
    /// S, valued, absolute distance, CINC-weighted (`srswvaa`).
    SrswVaa,
    /// S, valued, squared distance, CINC-weighted (`srswvas`).
    SrswVas,
    /// S, binary, absolute distance, unweighted (`srsba`).
    SrsBaa,
    /// S, binary, squared distance, unweighted (`srsbas`; equal to `srsba` for 0/1 data).
    SrsBas,
    /// S, binary, absolute, CINC-weighted (`srswba`).
    SrswBaa,
    /// S, binary, squared, CINC-weighted (`srswbas`).
    SrswBas,
    /// Scott's π, valued (`piva`).
    PiVa,
    /// Scott's π, binary (`piba`).
    PiBa,
    /// Cohen's κ, valued, quadratic weights as `psych::cohen.kappa` (`kappava`, as published).
    KappaVa,
    /// Cohen's κ, valued, unweighted (`kappavau`).
    KappaVaU,
    /// Cohen's κ, binary, quadratic weights (`kappaba`; equal to the plain κ for two categories).
    KappaBa,
    /// Cohen's κ, binary, unweighted (`kappabau`).
    KappaBaU,
    /// Kendall's τ_b, valued (`taub`).
    TaubVa,
    /// |ideal point i − ideal point j|, UN General Assembly, July 2025 release (`idealpointdist`).
    IdealPointDist,
}

impl Measure {
    /// Every measure, in output order.
    pub const ALL: [Measure; 16] = [
        Measure::SrsVaa,
        Measure::SrsVas,
        Measure::SrswVaa,
        Measure::SrswVas,
        Measure::SrsBaa,
        Measure::SrsBas,
        Measure::SrswBaa,
        Measure::SrswBas,
        Measure::PiVa,
        Measure::PiBa,
        Measure::KappaVa,
        Measure::KappaVaU,
        Measure::KappaBa,
        Measure::KappaBaU,
        Measure::TaubVa,
        Measure::IdealPointDist,
    ];

    /// The column name.
    pub fn name(self) -> &'static str {
        match self {
            Measure::SrsVaa => "srsvaa",
            Measure::SrsVas => "srsvas",
            Measure::SrswVaa => "srswvaa",
            Measure::SrswVas => "srswvas",
            Measure::SrsBaa => "srsba",
            Measure::SrsBas => "srsbas",
            Measure::SrswBaa => "srswba",
            Measure::SrswBas => "srswbas",
            Measure::PiVa => "piva",
            Measure::PiBa => "piba",
            Measure::KappaVa => "kappava",
            Measure::KappaVaU => "kappavau",
            Measure::KappaBa => "kappaba",
            Measure::KappaBaU => "kappabau",
            Measure::TaubVa => "taub",
            Measure::IdealPointDist => "idealpointdist",
        }
    }

    /// Parses a name, or a list such as `all`, `s`, `kappa`.
    pub fn parse_list(s: &str) -> SimResult<Vec<Measure>> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let p = part.to_ascii_lowercase();
            let group: Vec<Measure> = match p.as_str() {
                "all" => Measure::ALL.to_vec(),
                "alliance" => Measure::ALL[..15].to_vec(),
                "s" => Measure::ALL[..8].to_vec(),
                "pi" => vec![Measure::PiVa, Measure::PiBa],
                "kappa" => vec![Measure::KappaVa, Measure::KappaVaU, Measure::KappaBa, Measure::KappaBaU],
                "tau" | "taub" => vec![Measure::TaubVa],
                "un" => vec![Measure::IdealPointDist],
                _ => match Measure::ALL.iter().find(|m| m.name() == p) {
                    Some(m) => vec![*m],
                    None => {
                        return Err(SimilarityError::Input(format!(
                            "unknown measure '{part}' (all, alliance, s, pi, kappa, tau, un, or one of {})",
                            Measure::ALL.map(|m| m.name()).join(", ")
                        )))
                    }
                },
            };
            for m in group {
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        if out.is_empty() {
            return Err(SimilarityError::Input("no measure selected".into()));
        }
        Ok(out)
    }

    fn weighted(self) -> bool {
        matches!(
            self,
            Measure::SrswVaa | Measure::SrswVas | Measure::SrswBaa | Measure::SrswBas
        )
    }

    fn compute(self, t: &PairTable, b: &PairTable, has_w: bool) -> Option<f64> {
        if self.weighted() && !has_w {
            return None;
        }
        match self {
            Measure::SrsVaa => s_score(t, Distance::Absolute, 3.0, false),
            Measure::SrsVas => s_score(t, Distance::Squared, 9.0, false),
            Measure::SrswVaa => s_score(t, Distance::Absolute, 3.0, true),
            Measure::SrswVas => s_score(t, Distance::Squared, 9.0, true),
            Measure::SrsBaa => s_score(b, Distance::Absolute, 1.0, false),
            Measure::SrsBas => s_score(b, Distance::Squared, 1.0, false),
            Measure::SrswBaa => s_score(b, Distance::Absolute, 1.0, true),
            Measure::SrswBas => s_score(b, Distance::Squared, 1.0, true),
            Measure::PiVa => scott_pi(t),
            Measure::PiBa => scott_pi(b),
            Measure::KappaVa => weighted_kappa_psych(t),
            Measure::KappaVaU => cohen_kappa(t),
            Measure::KappaBa => weighted_kappa_psych(b),
            Measure::KappaBaU => cohen_kappa(b),
            Measure::TaubVa => kendall_tau_b(t),
            Measure::IdealPointDist => None,
        }
    }
}

/// Options of a similarity computation.
#[derive(Debug, Clone)]
pub struct SimilarityOptions {
    /// Portfolio source.
    pub source: Source,
    /// The measures.
    pub measures: Vec<Measure>,
    /// Restrict the comparison set to a region or group (EUGene's "relevant region").
    pub region: Option<Group>,
    /// Hypothetical ties applied before computing.
    pub hypothetical: Vec<HypotheticalTie>,
}

impl Default for SimilarityOptions {
    fn default() -> Self {
        SimilarityOptions {
            source: Source::Atop,
            measures: Measure::ALL.to_vec(),
            region: None,
            hypothetical: Vec::new(),
        }
    }
}

/// The similarity unit.
pub struct Similarity {
    opts: SimilarityOptions,
    record: Option<CuratedRecord>,
    ties: Ties,
    cinc: FxHashMap<(u16, i32), f64>,
    ideal: FxHashMap<(u16, i32), f64>,
}

/// What every pair of one year shares (see [`Similarity::year_scores`]).
struct YearContext {
    covered: bool,
    m: Matrix,
    weights: Vec<f64>,
    has_w: bool,
    ip: Vec<Option<f64>>,
    alliance: bool,
    known: Vec<bool>,
}

impl Similarity {
    /// A unit with options; `record` is the curated record (needed for `Source::Curated`).
    pub fn new(opts: SimilarityOptions, record: CuratedRecord) -> Similarity {
        Similarity {
            opts,
            record: Some(record),
            ties: Ties::default(),
            cinc: FxHashMap::default(),
            ideal: FxHashMap::default(),
        }
    }

    /// Every pair's measures for one year over a comparison set: `out[m][i * n + j]` for i < j (and
    /// mirrored), NaN-free (`None` where undefined or outside coverage).
    pub fn year_scores(&self, year: i32, states: &[Ccode]) -> Vec<Vec<Option<f64>>> {
        let n = states.len();
        let nm = self.opts.measures.len();
        let mut out = vec![vec![None; n * n]; nm];
        let ctx = self.year_context(year, states);
        let mut v = vec![None; nm];
        for i in 0..n {
            for j in (i + 1)..n {
                self.pair(&ctx, i, j, &mut v);
                for (mi, x) in v.iter().enumerate() {
                    out[mi][i * n + j] = *x;
                    out[mi][j * n + i] = *x;
                }
            }
        }
        out
    }

    /// The measures of one state `i` with a few others `js` of the comparison set `states` in a year
    /// (`out[k][m]` for `js[k]`): the same values as [`Similarity::year_scores`] gives those pairs,
    /// at the cost of those pairs alone (a profile over many years needs three pairs a year, not
    /// every pair of the system).
    pub fn pair_scores(
        &self,
        year: i32,
        states: &[Ccode],
        i: usize,
        js: &[usize],
    ) -> Vec<Vec<Option<f64>>> {
        let ctx = self.year_context(year, states);
        js.iter()
            .map(|&j| {
                let mut v = vec![None; self.opts.measures.len()];
                if i != j && i < states.len() && j < states.len() {
                    self.pair(&ctx, i.min(j), i.max(j), &mut v);
                }
                v
            })
            .collect()
    }

    /// What every pair of a year shares: the portfolio matrix, the weights, the ideal points and
    /// which portfolios are known.
    fn year_context(&self, year: i32, states: &[Ccode]) -> YearContext {
        let covered =
            (self.opts.source.coverage().0..=self.opts.source.coverage().1).contains(&year);
        let m = Matrix::build(states, self.ties.year(year), &self.opts.hypothetical, year);
        let weights: Vec<f64> = states
            .iter()
            .map(|c| self.cinc.get(&(c.0, year)).copied().unwrap_or(0.0))
            .collect();
        let has_w = weights.iter().any(|w| *w > 0.0);
        let ip: Vec<Option<f64>> = states
            .iter()
            .map(|c| self.ideal.get(&(c.0, year)).copied())
            .collect();
        let alliance = self
            .opts
            .measures
            .iter()
            .any(|m| *m != Measure::IdealPointDist);
        // A party to a hypothetical tie of the year has a portfolio, whatever the source knew.
        let known: Vec<bool> = states
            .iter()
            .map(|c| {
                self.ties.has_portfolio(*c, year)
                    || self
                        .opts
                        .hypothetical
                        .iter()
                        .any(|h| h.in_year(year) && h.parties.contains(c))
            })
            .collect();
        YearContext {
            covered,
            m,
            weights,
            has_w,
            ip,
            alliance,
            known,
        }
    }

    /// The selected measures of the pair (i, j), i < j, into `out`.
    fn pair(&self, ctx: &YearContext, i: usize, j: usize, out: &mut [Option<f64>]) {
        let covered = ctx.covered && ctx.known[i] && ctx.known[j];
        let (t, b) = if covered && ctx.alliance {
            let t = PairTable::of(
                ctx.m.row(i),
                ctx.m.row(j),
                ctx.has_w.then_some(ctx.weights.as_slice()),
            );
            let b = t.binary();
            (t, b)
        } else {
            (PairTable::default(), PairTable::default())
        };
        for (mi, meas) in self.opts.measures.iter().enumerate() {
            out[mi] = if *meas == Measure::IdealPointDist {
                match (ctx.ip[i], ctx.ip[j]) {
                    (Some(a), Some(b)) => Some((a - b).abs()),
                    _ => None,
                }
            } else if covered {
                meas.compute(&t, &b, ctx.has_w)
            } else {
                None
            };
        }
    }

    /// The comparison set of a year: the system's states, less those outside the region.
    pub fn comparison_set(&self, states: &[Ccode]) -> Vec<Ccode> {
        match self.opts.region {
            Some(g) => states.iter().copied().filter(|c| g.contains(*c)).collect(),
            None => states.to_vec(),
        }
    }

    /// Loads what the unit needs, outside a frame.
    pub fn prepare_with(
        &mut self,
        store: Option<&Store>,
        years: (i32, i32),
    ) -> SimResult<Vec<ManifestInput>> {
        let rec = self
            .record
            .as_ref()
            .ok_or_else(|| SimilarityError::Input("no curated record".into()))?;
        let (ties, mut inputs) = Ties::load(self.opts.source, store, rec, years)?;
        self.ties = ties;
        if let Some(store) = store {
            if self.opts.measures.iter().any(|m| m.weighted()) {
                let l = store.nmc()?;
                for r in l
                    .data
                    .iter()
                    .filter(|r| (years.0..=years.1).contains(&r.year))
                {
                    if let Some(c) = r.cinc {
                        self.cinc.insert((r.ccode.0, r.year), c);
                    }
                }
                inputs.extend(l.inputs());
            }
            if self.opts.measures.contains(&Measure::IdealPointDist) {
                let l = store.ideal_points()?;
                for r in &l.data.july2025 {
                    if let Some(v) = r.all {
                        self.ideal.insert((r.ccode.0, r.year), v);
                    }
                }
                inputs.extend(
                    l.inputs()
                        .into_iter()
                        .filter(|i| i.dataset.ends_with("jul2025")),
                );
            }
        }
        Ok(inputs)
    }
}

impl Unit for Similarity {
    fn name(&self) -> &'static str {
        "similarity"
    }

    fn applies_to(&self, kind: Kind) -> bool {
        kind.is_dyadic()
    }

    fn datasets(&self, _: Kind) -> Vec<&'static str> {
        let mut v = match self.opts.source {
            Source::Atop => vec!["atop-ddy"],
            Source::Cow => vec!["cow-alliance"],
            Source::Curated => vec![],
        };
        v.push("cow-nmc");
        if self.opts.measures.contains(&Measure::IdealPointDist) {
            v.push("unga-ideal-points");
        }
        v
    }

    fn fields(&self, _: Kind) -> Vec<Field> {
        self.opts
            .measures
            .iter()
            .map(|m| Field::new(m.name(), DataType::Float64, true))
            .collect()
    }

    fn symmetric_columns(&self, _: Kind) -> Vec<String> {
        self.opts
            .measures
            .iter()
            .map(|m| m.name().to_string())
            .collect()
    }

    fn prepare(
        &mut self,
        store: &Store,
        _: &entente_frames::system::System,
        _: Kind,
        years: (i32, i32),
    ) -> Result<Vec<ManifestInput>, FrameError> {
        self.prepare_with(Some(store), years).map_err(|e| match e {
            SimilarityError::Frame(f) => f,
            SimilarityError::Data(d) => FrameError::Data(d),
            SimilarityError::Input(m) => FrameError::Unit(m),
        })
    }

    fn fill(&self, keys: &Keys, out: &mut Vec<ArrayRef>) -> Result<(), FrameError> {
        let set = self.comparison_set(&keys.states.states);
        let scores = self.year_scores(keys.year, &set);
        let n = set.len();
        // Map the year's state index to the comparison set's.
        let to_set: Vec<Option<usize>> = keys
            .states
            .states
            .iter()
            .map(|c| set.binary_search(c).ok())
            .collect();
        for col in &scores {
            let arr = Float64Array::from_iter((0..keys.len()).map(|r| {
                let i = to_set[usize::from(keys.ia[r])]?;
                let j = to_set[usize::from(keys.ib[r])]?;
                col[i * n + j]
            }));
            out.push(Arc::new(arr));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pair_scores` gives exactly what `year_scores` gives the same pairs, in every order asked.
    #[test]
    fn pair_scores_are_year_scores_for_those_pairs() {
        let rec = CuratedRecord::embedded()
            .expect("the embedded record")
            .clone();
        let mut states: Vec<Ccode> = rec
            .ties()
            .iter()
            .flat_map(|t| t.members_in_year(2000))
            .map(|(_, c)| c)
            .collect();
        // A state in no curated treaty: its portfolio is unknown, so its scores are missing.
        states.extend([Ccode(225), Ccode(750)]);
        states.sort_unstable();
        states.dedup();
        let mut sim = Similarity::new(
            SimilarityOptions {
                source: Source::Curated,
                ..Default::default()
            },
            rec,
        );
        sim.prepare_with(None, (1960, 2024))
            .expect("curated portfolios");
        let n = states.len();
        assert!(n > 30, "{n} states");
        for y in [1960, 2000, 2024] {
            let all = sim.year_scores(y, &states);
            let mut some = 0;
            for i in 0..n {
                let js: Vec<usize> = (0..n).rev().collect();
                let got = sim.pair_scores(y, &states, i, &js);
                for (k, &j) in js.iter().enumerate() {
                    for m in 0..all.len() {
                        let want = if i == j { None } else { all[m][i * n + j] };
                        assert_eq!(got[k][m], want, "{y} {i} {j} measure {m}");
                        some += usize::from(want.is_some());
                    }
                }
            }
            assert!(some > 0, "{y}: some scores are defined");
        }
    }
}
