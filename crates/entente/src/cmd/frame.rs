//! `entente frame`.

use crate::cli::{FrameArgs, FrameKindArg, Global};
use crate::output::print;
use anyhow::Result;
use entente_frames::{write_frame, Filter, Frame, FrameOptions, Kind, WriteOptions};
use std::io::IsTerminal;

/// Builds the frame a command line describes.
pub fn build<'s>(g: &Global, store: &'s entente_data::Store, a: &FrameArgs) -> Result<Frame<'s>> {
    let kind = match a.kind {
        FrameKindArg::StateYear => Kind::StateYear,
        FrameKindArg::DyadYear => Kind::DyadYear {
            directed: !a.undirected,
        },
    };
    let opts = FrameOptions {
        from: a.from,
        to: a.to,
        extend: !a.no_extend,
    };
    // Check names before reading any data, so a typo fails fast.
    for name in a.add.iter().filter(|n| *n != "similarity") {
        match entente_frames::by_name(name, kind) {
            Ok(_) => {}
            // `similarity` is added here, not in frames' registry: name it among the known sets.
            Err(entente_frames::FrameError::UnknownUnit {
                name,
                kind: k,
                known,
            }) if kind.is_dyadic() => {
                return Err(entente_frames::FrameError::UnknownUnit {
                    name,
                    kind: k,
                    known: format!("{known}, similarity"),
                }
                .into())
            }
            Err(e) => return Err(e.into()),
        }
    }
    let filters = a
        .filter
        .iter()
        .map(|f| Filter::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let mut frame = Frame::new(store, kind, opts)?;
    for f in filters {
        frame = frame.filter(f)?;
    }
    // `similarity` lives in its own crate (it builds on frames); the rest are frames' own units.
    let names: Vec<&str> = a
        .add
        .iter()
        .map(String::as_str)
        .filter(|n| *n != "similarity")
        .collect();
    frame = frame.add_all(&names)?;
    if a.add.iter().any(|n| n == "similarity") {
        let opts = entente_similarity::SimilarityOptions {
            measures: entente_similarity::Measure::parse_list("alliance")?,
            ..Default::default()
        };
        let rec = super::record(g)?.into_owned();
        frame = frame.add(entente_similarity::Similarity::new(opts, rec))?;
    }
    Ok(frame)
}

pub fn run(g: &Global, a: FrameArgs) -> Result<()> {
    entente_frames::write::OutputFormat::from_path(&a.out)?;
    let store = super::store(g)?;
    let frame = build(g, &store, &a)?;
    let m = write_frame(
        &frame,
        &a.out,
        &WriteOptions {
            command: super::command_line(),
            progress: std::io::stderr().is_terminal(),
        },
    )?;
    print(&format!(
        "wrote {} ({} rows, {} columns: {}) and {}\n",
        a.out.display(),
        m.rows,
        m.columns.len(),
        m.columns.join(","),
        entente_frames::write::manifest_path(&a.out).display()
    ))
}
