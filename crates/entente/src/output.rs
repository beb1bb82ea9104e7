//! Writing listings as a table, CSV or JSON to standard output.

use crate::cli::Format;
use anyhow::Result;
use comfy_table::{presets::UTF8_BORDERS_ONLY, ContentArrangement, Table};
use serde::Serialize;
use std::io::{self, Write};

/// A listing: a header and rows of cells, for table and CSV output.
pub struct Listing {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Whether an error is a closed pipe on stdout (`entente … | head`), which is not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    // serde_json and csv wrap the io::Error rather than expose it as a source.
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(|x| {
                matches!(x.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
            })
    })
}

/// Writes text to stdout.
pub fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a listing in the chosen format; JSON uses `json` (the full objects), the others use the
/// flat listing.
pub fn emit<T: Serialize>(
    format: Format,
    json: &T,
    listing: impl FnOnce() -> Listing,
) -> Result<()> {
    match format {
        Format::Json => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, json)?;
            out.write_all(b"\n")?;
            out.flush()?;
        }
        Format::Csv => {
            let l = listing();
            let mut w = csv::Writer::from_writer(io::stdout().lock());
            w.write_record(&l.headers)?;
            for r in &l.rows {
                w.write_record(r)?;
            }
            w.flush()?;
        }
        Format::Table => {
            let l = listing();
            let mut t = Table::new();
            t.load_style(UTF8_BORDERS_ONLY)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(l.headers.clone());
            for r in l.rows {
                t.add_row(r);
            }
            print(&format!("{t}\n"))?;
        }
    }
    Ok(())
}

/// An optional value as a cell.
pub fn cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}
