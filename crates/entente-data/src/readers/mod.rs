//! One reader per dataset. Each reads a file as the publisher ships it, validates it, and returns
//! typed rows; every problem is an error naming the file, line and column. `docs/data.md` describes
//! each dataset's coverage, missing-value codes and quirks.

pub mod atop;
pub mod capitals;
pub mod contiguity;
pub mod cow_alliance;
pub mod cow_states;
pub(crate) mod csvio;
pub mod mid;
pub mod nmc;
pub mod sipri_milex;
pub mod sipri_milex_xlsx;
pub mod sipri_transfers;
pub mod stata;
pub mod unga;

pub use csvio::RawFile;

use crate::error::{DataError, Result};
use csvio::Row;
use entente_core::{Ccode, Date, StateInfo};
use rustc_hash::FxHashMap;
use std::hash::Hash;

/// Tracks a key that must be unique, reporting the first line it was seen on.
pub(crate) struct Unique<K> {
    seen: FxHashMap<K, u64>,
    file: String,
}

impl<K: Hash + Eq + std::fmt::Debug> Unique<K> {
    pub fn new(file: &str) -> Self {
        Self::with_capacity(file, 0)
    }

    pub fn with_capacity(file: &str, n: usize) -> Self {
        Unique {
            seen: FxHashMap::with_capacity_and_hasher(n, Default::default()),
            file: file.to_string(),
        }
    }

    pub fn check(&mut self, key: K, line: u64) -> Result<()> {
        if let Some(first) = self.seen.get(&key) {
            return Err(DataError::Duplicate {
                file: self.file.clone(),
                line,
                key: format!("{key:?}"),
                first: *first,
            });
        }
        self.seen.insert(key, line);
        Ok(())
    }
}

/// A COW code that must be in Entente's state table.
pub(crate) fn known_ccode(row: &Row<'_>, col: usize) -> Result<Ccode> {
    let c = Ccode(row.ccode(col)?);
    if StateInfo::get(c).is_none() {
        return Err(row.err(col, format!("unknown COW code {}", c.0)));
    }
    Ok(c)
}

/// A date from three columns (year, month, day); COW's -9 for a day or month is read as 1.
pub(crate) fn ymd(row: &Row<'_>, y: usize, m: usize, d: usize) -> Result<Date> {
    let year = row.int(y)?;
    let month = row.int(m)?;
    let day = row.int(d)?;
    let month = if month == -9 { 1 } else { month };
    let day = if day == -9 { 1 } else { day };
    Date::from_ymd_opt(year as i32, month as u32, day as u32)
        .ok_or_else(|| row.err(d, format!("{year}-{month}-{day} is not a calendar date")))
}
