//! The crate's error.

use std::io;
use std::path::PathBuf;

/// Why an output could not be written. Whatever the variant, no target was changed and no
/// temporary file is left behind.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// The target exists and is not a regular file.
    #[error(
        "will not write {}: it is {kind}, not a regular file (Entente only writes regular files)",
        path.display()
    )]
    NotRegular {
        /// The target.
        path: PathBuf,
        /// What it is: "a character device", "a FIFO", "a folder", ...
        kind: &'static str,
    },
    /// A folder that should hold outputs is something else.
    #[error("{} is not a folder", path.display())]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// The folder that should hold an output does not exist.
    #[error("the folder {} does not exist", path.display())]
    NoFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The same target was staged twice in one set.
    #[error("{} would be written twice", path.display())]
    Twice {
        /// The target.
        path: PathBuf,
    },
    /// A file-system operation failed.
    #[error("cannot {op} {}: {source}", path.display())]
    Io {
        /// What was being done ("write", "move into place", ...).
        op: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

impl OutputError {
    pub(crate) fn io(op: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        OutputError::Io {
            op,
            path: path.into(),
            source,
        }
    }

    /// The underlying I/O error, if any.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            OutputError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
