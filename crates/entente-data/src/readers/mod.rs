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
///
/// Most files are sorted by their key, so while keys arrive in strictly increasing order each is
/// only compared with the last (a hash lookup per row was a fifth of reading ATOP's 273,000
/// dyad-years). From the first key out of order on, keys go to a hash map, and each is looked
/// up both there and, by binary search, among the sorted keys before it.
pub(crate) struct Unique<K> {
    sorted: Vec<(K, u64)>,
    seen: FxHashMap<K, u64>,
    file: String,
}

impl<K: Hash + Ord + std::fmt::Debug> Unique<K> {
    pub fn new(file: &str) -> Self {
        Self::with_capacity(file, 0)
    }

    pub fn with_capacity(file: &str, n: usize) -> Self {
        Unique {
            sorted: Vec::with_capacity(n),
            seen: FxHashMap::default(),
            file: file.to_string(),
        }
    }

    pub fn check(&mut self, key: K, line: u64) -> Result<()> {
        if self.seen.is_empty() && self.sorted.last().is_none_or(|(last, _)| *last < key) {
            self.sorted.push((key, line));
            return Ok(());
        }
        let first = match self.sorted.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => Some(self.sorted[i].1),
            Err(_) => self.seen.get(&key).copied(),
        };
        if let Some(first) = first {
            return Err(DataError::Duplicate {
                file: self.file.clone(),
                line,
                key: format!("{key:?}"),
                first,
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first duplicate of a sequence of keys, as a hash map of every key finds it.
    fn naive(keys: &[(u8, u8)]) -> Option<(u64, u64)> {
        let mut seen = std::collections::HashMap::new();
        for (line, k) in keys.iter().enumerate() {
            if let Some(first) = seen.insert(*k, line as u64) {
                return Some((line as u64, first));
            }
        }
        None
    }

    fn checked(keys: &[(u8, u8)]) -> Option<(u64, u64)> {
        let mut u = Unique::new("f.csv");
        for (line, k) in keys.iter().enumerate() {
            match u.check(*k, line as u64) {
                Ok(()) => {}
                Err(DataError::Duplicate { line, first, .. }) => return Some((line, first)),
                Err(e) => panic!("{e}"),
            }
        }
        None
    }

    proptest! {
        /// Sorted, unsorted or sorted then not: the same duplicate, on the same lines, as a hash
        /// map of every key finds.
        #[test]
        fn unique_finds_the_first_duplicate(
            mut keys in proptest::collection::vec((0u8..12, 0u8..12), 0..60),
            sorted_prefix in 0usize..60,
        ) {
            let p = sorted_prefix.min(keys.len());
            keys[..p].sort_unstable();
            prop_assert_eq!(checked(&keys), naive(&keys));
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(checked(&keys), None);
        }
    }
}
