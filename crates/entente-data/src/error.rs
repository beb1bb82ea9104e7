//! Errors from reading datasets. Each names the file, and where it can, the line and the column.

use std::path::PathBuf;
use thiserror::Error;

/// An error reading a dataset.
#[derive(Debug, Error)]
pub enum DataError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A dataset was not found in the data directory.
    #[error("dataset '{dataset}' not found in {dir} (looked for: {tried}); run `entente data fetch` or set --data-dir / ENTENTE_DATA")]
    NotFound {
        /// The dataset.
        dataset: String,
        /// The data directory.
        dir: PathBuf,
        /// The relative paths tried.
        tried: String,
    },
    /// The file has no header or no content.
    #[error("{file}: empty file (expected a header with {expected})")]
    Empty {
        /// The file.
        file: String,
        /// What the header should hold.
        expected: String,
    },
    /// Required columns are missing.
    #[error("{file}:{line}: missing column(s) {missing}; found {found}")]
    Columns {
        /// The file.
        file: String,
        /// The header's line.
        line: u64,
        /// The missing columns.
        missing: String,
        /// The columns found.
        found: String,
    },
    /// A field could not be read.
    #[error("{file}:{line}: column '{column}': {message}")]
    Field {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// The column.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// A row could not be read (wrong number of fields, bad quoting, bad encoding).
    #[error("{file}:{line}: {message}")]
    Row {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Two rows share a key that must be unique.
    #[error("{file}:{line}: duplicate key {key} (first on line {first})")]
    Duplicate {
        /// The file.
        file: String,
        /// The line of the second row.
        line: u64,
        /// The key.
        key: String,
        /// The line of the first.
        first: u64,
    },
    /// A country name the crosswalk does not know.
    #[error("{file}:{line}: column '{column}': unknown country name '{name}' (add it to crates/entente-core/tables/names.csv)")]
    UnknownName {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// The column.
        column: String,
        /// The name.
        name: String,
    },
    /// A registry or manifest problem.
    #[error("{0}")]
    Registry(String),
}

/// A result with [`DataError`].
pub type Result<T> = std::result::Result<T, DataError>;
