//! `entente serve`.

use crate::cli::{Global, ServeArgs};
use anyhow::{Context, Result};
use entente_curated::CuratedRecord;
use entente_server::{AppState, Limits};
use std::sync::Arc;

pub fn run(g: &Global, a: ServeArgs) -> Result<()> {
    let record: &'static CuratedRecord = match &g.curated {
        None => CuratedRecord::embedded()?,
        Some(dir) => Box::leak(Box::new(
            CuratedRecord::from_dir(dir)
                .with_context(|| format!("curated record {}", dir.display()))?,
        )),
    };
    let dir = super::data_dir(g)?;
    let store = if dir.path.is_dir() {
        Some(entente_data::Store::new(&dir.path))
    } else {
        eprintln!(
            "note: no data directory at {} ({}); serving the curated record only",
            dir.path.display(),
            dir.chosen_by
        );
        None
    };
    let limits = Limits {
        max_runs: a.max_runs,
        cache_bytes: usize::from(a.cache_mb) << 20,
        ..Limits::default()
    };
    let state = Arc::new(AppState::new(record, store, limits));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    rt.block_on(async {
        // Build the expensive engines before the first visitor needs them.
        state.warm();
        // Bind first: "address in use" is the error, with no banner before it.
        let listener = entente_server::bind(a.addr)
            .await
            .with_context(|| format!("serving on {}", a.addr))?;
        eprintln!(
            "Entente serving http://{}/  (API under /api/, OpenAPI at /openapi.json; Ctrl-C stops)",
            a.addr
        );
        entente_server::serve_on(listener, state, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .with_context(|| format!("serving on {}", a.addr))
    })
}
