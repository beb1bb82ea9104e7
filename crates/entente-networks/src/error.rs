//! Errors from building and measuring networks.

use thiserror::Error;

/// An error from the networks crate.
#[derive(Debug, Error)]
pub enum NetworkError {
    /// A dataset could not be read (other than being absent, which only makes a layer unavailable).
    #[error(transparent)]
    Data(#[from] entente_data::DataError),
    /// A layer list or weight on the command line could not be read.
    #[error("--layers: {0}")]
    Layers(String),
    /// An option is out of range.
    #[error("{0}")]
    Option(String),
    /// The year is outside the years networks are built for.
    #[error("year {year} is outside {}–{}", .range.0, .range.1)]
    Year {
        /// The year asked for.
        year: i32,
        /// The years networks cover.
        range: (i32, i32),
    },
    /// A measure name is not known.
    #[error("unknown measure '{0}'; `entente trends --measure list` shows every measure")]
    UnknownMeasure(String),
    /// A measure list that names nothing (`--measure ,,,`).
    #[error("no measure named; give one or more names, or all (`entente trends --measure list` shows every measure)")]
    NoMeasure,
    /// Writing a chart failed.
    #[error("chart: {0}")]
    Chart(String),
    /// Writing an export failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, NetworkError>;
