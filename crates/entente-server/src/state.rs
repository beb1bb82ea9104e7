//! Shared state: the record, the data, the engines built once, and a cache of deterministic answers.

use axum::body::Bytes;
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_opportunities::{Engine, PairScore, Params};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::Semaphore;

/// Budgets of the expensive endpoints.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most simulation runs per request.
    pub max_runs: usize,
    /// Longest a simulation may take, seconds.
    pub sim_timeout_s: u64,
    /// Simulations running at once.
    pub sim_concurrency: usize,
    /// Simulations waiting beyond those; more are refused with 503.
    pub sim_queue: usize,
    /// Largest page of a frame.
    pub max_page: usize,
    /// Answers computed at once (other than simulations); more wait their turn.
    pub compute_concurrency: usize,
    /// Bytes of cached answers kept; past it the cache starts again empty.
    pub cache_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_runs: 5_000,
            sim_timeout_s: 10,
            sim_concurrency: 2,
            sim_queue: 4,
            max_page: 5_000,
            compute_concurrency: 4,
            cache_bytes: 64 << 20,
        }
    }
}

/// The server's state.
pub struct AppState {
    /// The curated record (for the life of the process).
    pub record: &'static CuratedRecord,
    /// The data directory, if there is one.
    pub store: Option<Arc<Store>>,
    /// Budgets.
    pub limits: Limits,
    opportunities: OnceLock<Engine<'static>>,
    /// Every year's opportunity rows computed so far (the default weights), shared by the
    /// opportunities view and every country profile.
    opportunity_years: Mutex<HashMap<i32, Arc<Vec<PairScore>>>>,
    networks: OnceLock<Result<entente_networks::Inputs<'static>, String>>,
    trends: OnceLock<Result<Vec<entente_networks::Measures>, String>>,
    cache: Mutex<Cache>,
    /// Permits to compute an answer (other than a simulation).
    pub compute: Arc<Semaphore>,
    /// Simulation slots (running + queued).
    pub sim_slots: Arc<Semaphore>,
    /// Simulation permits to run.
    pub sim_run: Arc<Semaphore>,
}

impl AppState {
    /// A state over a record and an optional data directory.
    pub fn new(record: &'static CuratedRecord, store: Option<Store>, limits: Limits) -> AppState {
        AppState {
            record,
            store: store.map(Arc::new),
            sim_slots: Arc::new(Semaphore::new(limits.sim_concurrency + limits.sim_queue)),
            sim_run: Arc::new(Semaphore::new(limits.sim_concurrency)),
            compute: Arc::new(Semaphore::new(limits.compute_concurrency.max(1))),
            limits,
            opportunities: OnceLock::new(),
            opportunity_years: Mutex::new(Default::default()),
            networks: OnceLock::new(),
            trends: OnceLock::new(),
            cache: Mutex::new(Cache::default()),
        }
    }

    /// The opportunity engine, built on first use.
    pub fn opportunities(&self) -> &Engine<'static> {
        self.opportunities
            .get_or_init(|| Engine::new(self.store.as_deref(), self.record, Params::default()))
    }

    /// The opportunity rows of the years `from..=to` (default weights), each computed once for the
    /// life of the process; the years not yet computed are computed in parallel.
    pub fn opportunity_years(&self, from: i32, to: i32) -> Vec<(i32, Arc<Vec<PairScore>>)> {
        use rayon::prelude::*;
        let known = |y: &i32| {
            self.opportunity_years
                .lock()
                .map(|m| m.contains_key(y))
                .unwrap_or(false)
        };
        let missing: Vec<i32> = (from..=to).filter(|y| !known(y)).collect();
        let engine = self.opportunities();
        let computed: Vec<(i32, Vec<PairScore>)> = missing
            .into_par_iter()
            .map(|y| (y, engine.year(y)))
            .collect();
        let mut m = match self.opportunity_years.lock() {
            Ok(m) => m,
            // A panicked holder left the map as it was; its rows are still whole.
            Err(p) => p.into_inner(),
        };
        for (y, rows) in computed {
            m.entry(y).or_insert_with(|| Arc::new(rows));
        }
        (from..=to)
            .filter_map(|y| m.get(&y).map(|r| (y, Arc::clone(r))))
            .collect()
    }

    /// The networks' inputs, read on first use (the curated record alone without a data directory).
    pub fn network_inputs(&self) -> Result<&entente_networks::Inputs<'static>, String> {
        self.networks
            .get_or_init(|| match self.store.as_deref() {
                Some(s) => {
                    entente_networks::Inputs::load(s, self.record).map_err(|e| e.to_string())
                }
                None => Ok(entente_networks::Inputs::curated_only(
                    self.record,
                    "no data directory",
                )),
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Every year's network measures with the default layers, computed on first use.
    pub fn trend_measures(&self) -> Result<&[entente_networks::Measures], String> {
        self.trends
            .get_or_init(|| {
                let inputs = self.network_inputs()?;
                entente_networks::trends::measure_years(
                    inputs,
                    entente_networks::YEARS,
                    &entente_networks::Options::default(),
                    &[],
                )
                .map_err(|e| e.to_string())
            })
            .as_ref()
            .map(Vec::as_slice)
            .map_err(Clone::clone)
    }

    /// Builds, on a thread of its own, what is slow to build and wanted early: every year's network
    /// measures (behind `/api/headline`, on the dashboard's first load), then the opportunity
    /// engine. Returns at once.
    pub fn warm(self: &Arc<Self>) {
        let st = Arc::clone(self);
        std::thread::spawn(move || {
            let _ = st.trend_measures();
            if st.store.is_some() {
                st.opportunities();
            }
        });
    }

    /// A cached answer, or `None`.
    pub fn cached(&self, key: &str) -> Option<Bytes> {
        self.cache.lock().ok()?.map.get(key).cloned()
    }

    /// Caches an answer. The cache holds at most `limits.cache_bytes` of answers: one that would
    /// take it past that empties it first, and an answer larger than an eighth of it is not kept.
    pub fn store_cache(&self, key: String, body: Bytes) {
        let budget = self.limits.cache_bytes;
        let size = key.len() + body.len();
        if size > budget / 8 {
            return;
        }
        if let Ok(mut c) = self.cache.lock() {
            if c.bytes + size > budget {
                c.map.clear();
                c.bytes = 0;
            }
            if let Some(old) = c.map.insert(key.clone(), body) {
                c.bytes -= key.len() + old.len();
            }
            c.bytes += size;
        }
    }

    /// Bytes of answers in the cache (keys and bodies).
    pub fn cache_bytes(&self) -> usize {
        self.cache.lock().map(|c| c.bytes).unwrap_or(0)
    }
}

/// Cached answers by query, and their total size.
#[derive(Default)]
struct Cache {
    /// `Bytes`: a hit shares the body (a reference count), it does not copy it.
    map: HashMap<String, Bytes>,
    bytes: usize,
}
