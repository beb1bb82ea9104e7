//! `entente brief`.

use crate::cli::{BriefArgs, Global};
use crate::output::print;
use anyhow::{Context, Result};
use entente_report::{render_text, Brief, NetworkLead};

pub fn run(g: &Global, a: BriefArgs) -> Result<()> {
    let rec = super::record(g)?;
    let dd = super::data_dir(g)?;
    let store = dd.path.is_dir().then(|| entente_data::Store::new(&dd.path));
    let brief = Brief::build(&rec, a.year)?;
    // The network measures the brief leads with; without them the brief still stands on the record.
    let brief = match NetworkLead::build(&rec, store.as_ref(), a.year) {
        Ok(lead) => brief.with_network(lead),
        Err(e) => {
            eprintln!("note: network measures unavailable for {}: {e}", a.year);
            brief
        }
    };
    if a.json {
        return print(&format!("{}\n", serde_json::to_string_pretty(&brief)?));
    }
    if let Some(dir) = &a.out {
        let mut outputs = entente_output::Outputs::new();
        outputs
            .create_dir(dir)
            .with_context(|| format!("--out {}", dir.display()))?;
        if store.is_none() {
            eprintln!("note: no data directory at {}: the report uses the curated record and built-in figures", dd.path.display());
        }
        let html = entente_report::build_report(&rec, store.as_ref(), a.year)?;
        let path = dir.join("index.html");
        outputs.write(&path, html.as_bytes())?;
        outputs.commit()?;
        eprintln!("wrote {}", path.display());
    }
    print(&render_text(&brief))
}
