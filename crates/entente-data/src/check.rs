//! Checking a single file against the reader of the dataset it belongs to, for `entente data add`.

use crate::error::{DataError, Result};
use crate::readers::csvio::RawFile;
use crate::readers::{
    atop, capitals, contiguity, cow_alliance, cow_states, mid, nmc, sipri_milex, sipri_milex_xlsx,
    sipri_transfers, unga,
};
use crate::registry::{self, DatasetSpec, FileSpec};
use std::path::Path;

/// Reads a file with the reader of `(dataset, role)` and returns its data rows and sha256.
pub fn check_file(dataset: &str, role: &str, path: &Path) -> Result<(usize, String)> {
    let f = RawFile::read(path)?;
    let rows = match (dataset, role) {
        ("cow-states", "states") => cow_states::read_states(&f)?.len(),
        ("cow-states", "system") => cow_states::read_system(&f)?.len(),
        ("cow-states", "majors") => cow_states::read_majors(&f)?.len(),
        ("cow-nmc", _) => nmc::read(&f)?.len(),
        ("atop-sy", _) => atop::read_state_year(&f)?.len(),
        ("atop-ddy", _) => atop::read_dyad_year(&f)?.0.len(),
        ("cow-alliance", _) => cow_alliance::read(&f)?.rows.len(),
        ("cow-contiguity", "dyad-year") => contiguity::read_dyad_year(&f)?.rows.len(),
        ("cow-contiguity", "master") => contiguity::read_master(&f)?.len(),
        ("cow-contiguity", "state-year") => contiguity::read_state_year(&f)?.len(),
        ("cow-mid", role) => match mid::Release::of_role(role) {
            Some((r, true)) => mid::read_disputes(&f, r)?.len(),
            Some((r, false)) => mid::read_participants(&f, r)?.len(),
            None => return Err(no_reader(dataset, role)),
        },
        ("sipri-transfers", _) => sipri_transfers::read(&f)?.deals.len(),
        ("sipri-milex", w) if w.starts_with("workbook-") => {
            // Every sheet Entente reads from the workbook must read.
            let mut book = sipri_milex_xlsx::Workbook::open(&f)?;
            let mut n = 0;
            for (_, sheet, _) in sipri_milex_xlsx::SHEETS.iter().filter(|(b, _, _)| *b == w) {
                n += book.sheet(sheet, w)?.rows.len();
            }
            n
        }
        ("sipri-milex", _) => sipri_milex::read(&f)?.rows.len(),
        ("unga-ideal-points", _) => unga::read_any(&f)?.0.len(),
        ("capitals", _) => capitals::read(&f)?.len(),
        _ => return Err(no_reader(dataset, role)),
    };
    Ok((rows, f.sha256))
}

fn no_reader(dataset: &str, role: &str) -> DataError {
    DataError::Registry(format!("no reader for dataset '{dataset}', file '{role}'"))
}

/// Which manifest file a path is, by its file name (the manifest path's name or an alternative).
pub fn identify(path: &Path) -> Result<(&'static DatasetSpec, &'static FileSpec)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for d in registry::datasets()? {
        for f in &d.files {
            let own = Path::new(&f.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if own == name || f.alternatives.contains(&name) {
                return Ok((d, f));
            }
        }
    }
    Err(DataError::Registry(format!(
        "{}: not a file Entente knows by name; say which with --dataset ID --role ROLE (see `entente data status`)",
        path.display()
    )))
}
