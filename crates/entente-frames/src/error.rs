//! Errors from building and writing frames.

use thiserror::Error;

/// An error building or writing a frame.
#[derive(Debug, Error)]
pub enum FrameError {
    /// A dataset could not be read.
    #[error(transparent)]
    Data(#[from] entente_data::DataError),
    /// An `--add` name that Entente does not know.
    #[error("unknown column set '{name}' for --add (known for {kind}: {known})")]
    UnknownUnit {
        /// The name.
        name: String,
        /// The frame kind.
        kind: &'static str,
        /// The known names.
        known: String,
    },
    /// A column set whose sources cover none of the frame's years.
    #[error("--add {name}: its sources cover {lo}–{hi}, none of the years {from}–{to} asked for")]
    UnitOutOfRange {
        /// The unit.
        name: String,
        /// First year asked.
        from: i32,
        /// Last year asked.
        to: i32,
        /// The sources' first year.
        lo: i32,
        /// The sources' last year.
        hi: i32,
    },
    /// A unit that does not apply to this kind of frame.
    #[error("--add {name} is for {applies} frames, not {kind}")]
    WrongKind {
        /// The unit.
        name: String,
        /// What it applies to.
        applies: &'static str,
        /// The frame's kind.
        kind: &'static str,
    },
    /// The year range has no year in the state system.
    #[error("years {from}–{to} are outside the state system's coverage {lo}–{hi}")]
    YearsOutOfRange {
        /// First year asked.
        from: i32,
        /// Last year asked.
        to: i32,
        /// System's first year.
        lo: i32,
        /// System's last year.
        hi: i32,
    },
    /// A bad filter.
    #[error("bad --filter '{0}': {1}")]
    Filter(String, String),
    /// An output path problem.
    #[error("{path}: {message}")]
    Output {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An output could not be written (nothing was left in place).
    #[error(transparent)]
    Write(#[from] entente_output::OutputError),
    /// An I/O error while writing.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Arrow or Parquet failed.
    #[error("writing {path}: {message}")]
    Encode {
        /// The path.
        path: String,
        /// The encoder's message.
        message: String,
    },
    /// A column-set specific problem.
    #[error("{0}")]
    Unit(String),
}

/// A result with [`FrameError`].
pub type Result<T> = std::result::Result<T, FrameError>;
