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
