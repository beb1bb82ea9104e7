//! The fit's errors: one line each, the cause once.

use thiserror::Error;

/// A fit that could not be made.
#[derive(Debug, Error)]
pub enum EstimateError {
    /// The data directory could not give the disputes.
    #[error(transparent)]
    Data(#[from] entente_data::DataError),
    /// An events file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A bad line in an events file.
    #[error("{file}:{line}: {msg}")]
    Events {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// What is wrong.
        msg: String,
    },
    /// A request that makes no sense.
    #[error("{0}")]
    Invalid(String),
}

/// The fit's result type.
pub type Result<T> = std::result::Result<T, EstimateError>;
