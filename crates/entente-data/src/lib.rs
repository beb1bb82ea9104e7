//! # entente-data
//!
//! Reading the standard peace-science datasets in place, as their publishers ship them: one reader
//! per dataset under [`readers`], the manifest of known releases ([`registry`]), the data directory,
//! provenance for every file read, and the load of everything a command needs.

pub mod alliance_view;
pub mod check;
pub mod error;
pub mod readers;
pub mod registry;
pub mod store;

pub use error::{DataError, Result};
pub use registry::{DataDir, DatasetSpec, FileSpec};
pub use store::{Loaded, Store, DATASETS};

/// Locating the real datasets in tests: `$ENTENTE_DATA`, else `../shared/data` beside the checkout.
#[doc(hidden)]
pub mod testing {
    use std::path::PathBuf;

    /// Where the tests look for the data: `$ENTENTE_DATA`, else `../shared/data` beside the
    /// checkout, whether or not it is there (for tests that skip without it).
    pub fn locate() -> PathBuf {
        match std::env::var_os("ENTENTE_DATA").filter(|v| !v.is_empty()) {
            Some(p) => PathBuf::from(p),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        }
    }

    /// The data directory for tests. Panics with a clear message when it cannot be found: the
    /// integration tests run on the real data.
    pub fn data_dir() -> PathBuf {
        let p = locate();
        assert!(
            p.join("README.md").is_file(),
            "the real datasets are not at {} — set ENTENTE_DATA to the data directory",
            p.display()
        );
        p
    }
}
