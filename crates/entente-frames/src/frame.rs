//! Frames: state-years and dyad-years, built year by year, with columns added by units.
//!
//! A frame is a plan: the kind (state-year or dyad-year, directed or not), the years, the filters
//! and the units. Rows are generated one year at a time, in parallel over years, in order, so an
//! output of millions of rows streams through the writer with bounded memory.

use crate::error::{FrameError, Result};
use crate::system::{System, YearStates};
use crate::unit::Unit;
use arrow_array::{ArrayRef, Int32Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use entente_core::{Ccode, Group, ManifestInput};
use entente_data::Store;
use rayon::prelude::*;
use std::sync::Arc;

/// The kind of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One row per state and year.
    StateYear,
    /// One row per dyad and year; directed frames hold (a, b) and (b, a), undirected ones only
    /// `ccode1 < ccode2`.
    DyadYear {
        /// Directed or not.
        directed: bool,
    },
}

impl Kind {
    /// A name for messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::StateYear => "state-year",
            Kind::DyadYear { directed: true } => "directed dyad-year",
            Kind::DyadYear { directed: false } => "undirected dyad-year",
        }
    }

    /// Whether rows are dyads.
    pub fn is_dyadic(self) -> bool {
        matches!(self, Kind::DyadYear { .. })
    }
}

/// Which rows to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Politically relevant dyads: contiguous (any `conttype` ≥ 1) or including a major power, as
    /// peacesciencer's `filter_prd()`. Outside the contiguity data's coverage only the major-power
    /// rule can apply.
    PoliticallyRelevant,
    /// Rows whose state (or both states of a dyad) are in a region or group.
    Region(Group),
    /// Rows whose state (or at least one state of a dyad) is in the list.
    States(Vec<Ccode>),
}

impl Filter {
    /// Parses `prd`, `region:NAME` or `states:ISO,ISO,…` (ISO3 or COW codes).
    pub fn parse(s: &str) -> Result<Filter> {
        let bad = |m: &str| FrameError::Filter(s.to_string(), m.to_string());
        let t = s.trim();
        if t.eq_ignore_ascii_case("prd") || t.eq_ignore_ascii_case("politically-relevant") {
            return Ok(Filter::PoliticallyRelevant);
        }
        if let Some(r) = t
            .strip_prefix("region:")
            .or_else(|| t.strip_prefix("theatre:"))
        {
            return Group::parse(r)
                .map(Filter::Region)
                .map_err(|e| bad(&e.to_string()));
        }
        if let Some(list) = t.strip_prefix("states:") {
            let mut v = Vec::new();
            for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                let spells = entente_core::Crosswalk
                    .code_spells(code)
                    .map_err(|e| bad(&e.to_string()))?;
                v.extend(spells.into_iter().map(|(c, _)| c));
            }
            if v.is_empty() {
                return Err(bad("no states listed"));
            }
            v.sort_unstable();
            v.dedup();
            return Ok(Filter::States(v));
        }
        Err(bad("expected prd, region:NAME or states:ISO,ISO,…"))
    }
}

/// The rows of one year.
#[derive(Debug, Clone)]
pub struct Keys {
    /// The frame's kind.
    pub kind: Kind,
    /// The year.
    pub year: i32,
    /// The year's states.
    pub states: Arc<YearStates>,
    /// State (state-year) or first state (dyad-year) of each row.
    pub a: Vec<Ccode>,
    /// Second state of each row (dyad-year only).
    pub b: Vec<Ccode>,
    /// The year-index of `a[row]` in `states.states` (for per-year lookup tables).
    pub ia: Vec<u16>,
    /// The year-index of `b[row]`.
    pub ib: Vec<u16>,
    /// Row of a state index (state-year: n entries) or a pair of state indices (dyad-year: n×n),
    /// `u32::MAX` where there is no row.
    index: Vec<u32>,
}

impl Keys {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.a.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// The row of a state (state-year frames).
    pub fn row_of_state(&self, c: Ccode) -> Option<usize> {
        let i = self.states.index(c)?;
        match self.index.get(i) {
            Some(&r) if r != u32::MAX => Some(r as usize),
            _ => None,
        }
    }

    /// The row of the ordered dyad (a, b) (dyad-year frames). In undirected frames only
    /// `a < b` has a row.
    pub fn row_of_dyad(&self, a: Ccode, b: Ccode) -> Option<usize> {
        let n = self.states.states.len();
        let i = self.states.index(a)?;
        let j = self.states.index(b)?;
        match self.index.get(i * n + j) {
            Some(&r) if r != u32::MAX => Some(r as usize),
            _ => None,
        }
    }
}

/// Options for a frame.
#[derive(Debug, Clone)]
pub struct FrameOptions {
    /// First year (default: the system's first).
    pub from: Option<i32>,
    /// Last year (default: the system's last, extended through 2025 unless `extend` is false).
    pub to: Option<i32>,
    /// Carry the 2016 state system forward (peacesciencer's `mry = TRUE`).
    pub extend: bool,
}

impl Default for FrameOptions {
    fn default() -> Self {
        FrameOptions {
            from: None,
            to: None,
            extend: true,
        }
    }
}

/// A frame being built: kind, years, filters and units.
pub struct Frame<'s> {
    store: &'s Store,
    system: System,
    kind: Kind,
    years: (i32, i32),
    filters: Vec<Filter>,
    prd: Option<crate::units::contiguity::ContiguityIndex>,
    units: Vec<Box<dyn Unit + 's>>,
    inputs: Vec<ManifestInput>,
}

/// State-year frames: `StateYears::create(&store, opts)?.add(Nmc::default())?`.
pub struct StateYears;
/// Dyad-year frames: `DyadYears::create(&store, opts, true)?.add(Atop::default())?`.
pub struct DyadYears;

impl StateYears {
    /// A state-year frame over the state system.
    pub fn create<'s>(store: &'s Store, opts: FrameOptions) -> Result<Frame<'s>> {
        Frame::new(store, Kind::StateYear, opts)
    }
}

impl DyadYears {
    /// A dyad-year frame, directed or not.
    pub fn create<'s>(store: &'s Store, opts: FrameOptions, directed: bool) -> Result<Frame<'s>> {
        Frame::new(store, Kind::DyadYear { directed }, opts)
    }
}

impl<'s> Frame<'s> {
    /// A frame of a kind.
    pub fn new(store: &'s Store, kind: Kind, opts: FrameOptions) -> Result<Frame<'s>> {
        let system = System::from_store(store, opts.extend)?;
        let years = system.years(opts.from, opts.to)?;
        let mut inputs = store.cow_states()?.inputs();
        if opts.extend && years.1 > 2016 {
            for i in &mut inputs {
                i.version = format!(
                    "{} (states of 2016-12-31 carried forward to {})",
                    i.version,
                    crate::system::EXTENDED_TO
                );
            }
        }
        Ok(Frame {
            store,
            system,
            kind,
            years,
            filters: Vec::new(),
            prd: None,
            units: Vec::new(),
            inputs,
        })
    }

    /// The kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The years.
    pub fn years(&self) -> (i32, i32) {
        self.years
    }

    /// The state system.
    pub fn system(&self) -> &System {
        &self.system
    }

    /// The store.
    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// Adds a unit's columns. (Named `add` after peacesciencer's `add_*()` verbs; it is not `+`.)
    #[allow(clippy::should_implement_trait)]
    pub fn add(mut self, mut unit: impl Unit + 's) -> Result<Frame<'s>> {
        if !unit.applies_to(self.kind) {
            return Err(FrameError::WrongKind {
                name: unit.name().to_string(),
                applies: if self.kind.is_dyadic() {
                    "state-year"
                } else {
                    "dyad-year"
                },
                kind: self.kind.label(),
            });
        }
        let taken: Vec<String> = self
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let inputs = unit.prepare(self.store, &self.system, self.kind, self.years)?;
        // A column set whose sources cover none of the frame's years would be all missing: say so.
        // The state system is not such a source: the frame already checks its years against it,
        // and carries it forward (`extend`), so a unit reading only the system (majors) covers
        // every year of the frame.
        let own = || {
            inputs
                .iter()
                .filter(|i| !i.dataset.starts_with("cow-states"))
        };
        if let (Some(lo), Some(hi)) = (
            own().map(|i| i.coverage.0).min(),
            own().map(|i| i.coverage.1).max(),
        ) {
            if self.years.1 < lo || self.years.0 > hi {
                return Err(FrameError::UnitOutOfRange {
                    name: unit.name().to_string(),
                    from: self.years.0,
                    to: self.years.1,
                    lo,
                    hi,
                });
            }
        }
        if let Some(dup) = unit
            .fields(self.kind)
            .iter()
            .find(|f| taken.contains(f.name()))
        {
            return Err(FrameError::Unit(format!(
                "column '{}' of --add {} is already in the frame",
                dup.name(),
                unit.name()
            )));
        }
        for i in inputs {
            if !self.inputs.contains(&i) {
                self.inputs.push(i);
            }
        }
        self.units.push(Box::new(unit));
        Ok(self)
    }

    /// Adds several units by name, loading the datasets they need in parallel first.
    pub fn add_all(mut self, names: &[&str]) -> Result<Frame<'s>> {
        let units = names
            .iter()
            .map(|n| crate::unit::by_name(n, self.kind))
            .collect::<Result<Vec<_>>>()?;
        let mut ids: Vec<&str> = units.iter().flat_map(|u| u.datasets(self.kind)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.par_iter()
            .map(|id| self.store.load(id).map(|_| ()))
            .collect::<std::result::Result<Vec<()>, _>>()?;
        for u in units {
            self = self.add(u)?;
        }
        Ok(self)
    }

    /// Adds a unit by its `--add` name.
    pub fn add_named(self, name: &str) -> Result<Frame<'s>> {
        let unit = crate::unit::by_name(name, self.kind)?;
        self.add(unit)
    }

    /// Keeps only the rows a filter admits.
    pub fn filter(mut self, f: Filter) -> Result<Frame<'s>> {
        match (&f, self.kind) {
            (Filter::PoliticallyRelevant, Kind::StateYear) => {
                return Err(FrameError::Filter(
                    "prd".into(),
                    "political relevance is a property of dyads".into(),
                ))
            }
            (Filter::PoliticallyRelevant, _) => {
                let idx = crate::units::contiguity::ContiguityIndex::load(self.store)?;
                for i in self.store.contiguity()?.inputs() {
                    if !self.inputs.contains(&i) {
                        self.inputs.push(i);
                    }
                }
                self.prd = Some(idx);
            }
            _ => {}
        }
        self.filters.push(f);
        Ok(self)
    }

    /// The manifest inputs so far.
    pub fn inputs(&self) -> &[ManifestInput] {
        &self.inputs
    }

    /// The output schema.
    pub fn schema(&self) -> SchemaRef {
        let mut fields = Vec::new();
        match self.kind {
            Kind::StateYear => {
                fields.push(Field::new("ccode", DataType::Int32, false));
                fields.push(Field::new("year", DataType::Int32, false));
            }
            Kind::DyadYear { .. } => {
                fields.push(Field::new("ccode1", DataType::Int32, false));
                fields.push(Field::new("ccode2", DataType::Int32, false));
                fields.push(Field::new("year", DataType::Int32, false));
            }
        }
        for u in &self.units {
            fields.extend(u.fields(self.kind));
        }
        Arc::new(Schema::new(fields))
    }

    /// The columns that must be identical for (a, b) and (b, a) in a directed frame.
    pub fn symmetric_columns(&self) -> Vec<String> {
        self.units
            .iter()
            .flat_map(|u| u.symmetric_columns(self.kind))
            .collect()
    }

    fn keep_state(&self, c: Ccode) -> bool {
        self.filters.iter().all(|f| match f {
            Filter::Region(g) => g.contains(c),
            Filter::States(list) => list.binary_search(&c).is_ok(),
            Filter::PoliticallyRelevant => true,
        })
    }

    fn keep_dyad(&self, a: Ccode, b: Ccode, year: i32) -> bool {
        self.filters.iter().all(|f| match f {
            Filter::Region(g) => g.contains(a) && g.contains(b),
            Filter::States(list) => {
                list.binary_search(&a).is_ok() || list.binary_search(&b).is_ok()
            }
            Filter::PoliticallyRelevant => {
                let contiguous = self
                    .prd
                    .as_ref()
                    .and_then(|p| p.conttype(a, b, year))
                    .is_some_and(|t| t >= 1);
                contiguous || self.system.is_major(a, year) || self.system.is_major(b, year)
            }
        })
    }

    /// The rows of a year.
    pub fn keys(&self, year: i32) -> Keys {
        let states = self.system.year(year);
        let n = states.states.len();
        let mut a = Vec::new();
        let mut b = Vec::new();
        let mut ia = Vec::new();
        let mut ib = Vec::new();
        let mut index;
        match self.kind {
            Kind::StateYear => {
                index = vec![u32::MAX; n];
                for (i, c) in states.states.iter().enumerate() {
                    if self.keep_state(*c) {
                        index[i] = a.len() as u32;
                        a.push(*c);
                        ia.push(i as u16);
                    }
                }
            }
            Kind::DyadYear { directed } => {
                index = vec![u32::MAX; n * n];
                a.reserve(n * n);
                b.reserve(n * n);
                ia.reserve(n * n);
                ib.reserve(n * n);
                for i in 0..n {
                    for j in 0..n {
                        if i == j || (!directed && j < i) || !states.coexist(i, j) {
                            continue;
                        }
                        let (ci, cj) = (states.states[i], states.states[j]);
                        if !self.filters.is_empty() && !self.keep_dyad(ci, cj, year) {
                            continue;
                        }
                        index[i * n + j] = a.len() as u32;
                        a.push(ci);
                        b.push(cj);
                        ia.push(i as u16);
                        ib.push(j as u16);
                    }
                }
            }
        }
        Keys {
            kind: self.kind,
            year,
            states,
            a,
            b,
            ia,
            ib,
            index,
        }
    }

    /// A per-year lookup table: `f` of each state of the year, indexed like `Keys::ia`/`ib`.
    pub fn per_state<T>(keys: &Keys, f: impl Fn(Ccode) -> T) -> Vec<T> {
        keys.states.states.iter().map(|c| f(*c)).collect()
    }

    /// The batch of one year.
    pub fn batch(&self, year: i32) -> Result<RecordBatch> {
        let keys = self.keys(year);
        let len = keys.len();
        let int = |v: Vec<i32>| -> ArrayRef { Arc::new(Int32Array::from(v)) };
        let mut cols: Vec<ArrayRef> = Vec::new();
        match self.kind {
            Kind::StateYear => {
                cols.push(int(keys.a.iter().map(|c| i32::from(c.0)).collect()));
                cols.push(int(vec![year; len]));
            }
            Kind::DyadYear { .. } => {
                cols.push(int(keys.a.iter().map(|c| i32::from(c.0)).collect()));
                cols.push(int(keys.b.iter().map(|c| i32::from(c.0)).collect()));
                cols.push(int(vec![year; len]));
            }
        }
        for u in &self.units {
            let before = cols.len();
            u.fill(&keys, &mut cols)?;
            let want = u.fields(self.kind).len();
            if cols.len() - before != want {
                return Err(FrameError::Unit(format!(
                    "--add {} produced {} columns for {want} fields",
                    u.name(),
                    cols.len() - before
                )));
            }
        }
        RecordBatch::try_new(self.schema(), cols).map_err(|e| FrameError::Encode {
            path: "(memory)".into(),
            message: e.to_string(),
        })
    }

    /// Every year's batch, in year order, handed to `sink` one at a time on the calling thread. The
    /// batches are computed in parallel (rayon) ahead of the sink, through a bounded channel, so that
    /// computing and writing overlap. `progress` is called with the number of years done.
    pub fn for_each_batch(
        &self,
        sink: impl FnMut(RecordBatch) -> Result<()>,
        progress: impl FnMut(usize),
    ) -> Result<u64> {
        self.for_each_mapped(Ok, sink, progress)
    }

    /// Like [`Frame::for_each_batch`], but each year's batch is first turned into something else
    /// by `map` (formatted as text, say) on the worker that built it, in parallel; `sink` receives
    /// the results in year order on the calling thread.
    pub fn for_each_mapped<T: Send>(
        &self,
        map: impl Fn(RecordBatch) -> Result<T> + Sync,
        mut sink: impl FnMut(T) -> Result<()>,
        mut progress: impl FnMut(usize),
    ) -> Result<u64> {
        let years: Vec<i32> = (self.years.0..=self.years.1).collect();
        // Years in flight: a chunk being built and a channel's worth waiting for the sink, at most
        // 32 years (a year of a directed dyad-year frame is about 1 MB of text) on any machine.
        let chunk = (rayon::current_num_threads() * 4).clamp(4, 16);
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<(usize, T)>>(chunk);
        let map = &map;
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for ys in years.chunks(chunk) {
                    let done: Vec<Result<(usize, T)>> = ys
                        .par_iter()
                        .map(|y| {
                            let b = self.batch(*y)?;
                            let n = b.num_rows();
                            map(b).map(|t| (n, t))
                        })
                        .collect();
                    for d in done {
                        let stop = d.is_err();
                        if tx.send(d).is_err() || stop {
                            return;
                        }
                    }
                }
            });
            let mut rows = 0u64;
            let mut done = 0usize;
            for d in rx {
                let (n, t) = d?;
                rows += n as u64;
                sink(t)?;
                done += 1;
                progress(done);
            }
            Ok(rows)
        })
    }

    /// Every batch, in memory.
    pub fn collect(&self) -> Result<Vec<RecordBatch>> {
        let mut v = Vec::new();
        self.for_each_batch(
            |b| {
                v.push(b);
                Ok(())
            },
            |_| {},
        )?;
        Ok(v)
    }
}
