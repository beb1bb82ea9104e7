//! Errors of the sensitivity library.

use thiserror::Error;

/// Why a range table, a range or a design could not be made.
#[derive(Debug, Error)]
pub enum SensitivityError {
    /// A bad entry of a range table: the file, the 1-based line when known, and what is wrong.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Table {
        /// The range table's file.
        file: String,
        /// The 1-based line, when it could be located.
        line: Option<usize>,
        /// What is wrong, naming the parameter.
        message: String,
    },
    /// A bad range or parameter, named.
    #[error("parameter `{name}`: {message}")]
    Param {
        /// The parameter.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A design that cannot be built (too many points, dimensions, samples…).
    #[error("{0}")]
    Design(String),
    /// A chart could not be drawn.
    #[error("chart '{title}': {message}")]
    Chart {
        /// The chart's title.
        title: String,
        /// What went wrong.
        message: String,
    },
}

/// The library's result type.
pub type Result<T, E = SensitivityError> = std::result::Result<T, E>;
