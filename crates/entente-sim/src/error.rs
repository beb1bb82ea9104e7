//! Errors of the simulation library.

use thiserror::Error;

/// Why a scenario could not be read, calibrated or run.
#[derive(Debug, Error)]
pub enum SimError {
    /// A bad scenario file: the file, the line (when known), the field and what is wrong.
    #[error("{file}{}: field `{field}`: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Scenario {
        /// The scenario file.
        file: String,
        /// The 1-based line of the field, when it could be located.
        line: Option<usize>,
        /// The field, as a dotted path (`us.deployable_share`, `ally[3].exposure`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// An output could not be written (nothing was left in place).
    #[error(transparent)]
    Output(#[from] entente_output::OutputError),
    /// The calibration could not be made.
    #[error("calibration: {0}")]
    Calibration(String),
    /// A dataset could not be read.
    #[error(transparent)]
    Data(#[from] entente_data::DataError),
    /// A bad sweep or run request.
    #[error("{0}")]
    Invalid(String),
    /// A chart could not be drawn.
    #[error("chart {path}: {message}")]
    Chart {
        /// The chart file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// The library's result type.
pub type Result<T, E = SimError> = std::result::Result<T, E>;
