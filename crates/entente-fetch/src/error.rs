//! The crate's error type.

use std::io;
use std::path::PathBuf;

/// Why a fetch or an install failed.
///
/// Every variant names what it was about: the manifest entry's relative path and, for downloads, the URL.
/// Whatever the variant, the destination file was not changed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// A manifest entry (or an `install_file` argument) cannot be used as given; nothing was fetched.
    #[error("invalid entry {rel_path:?}: {reason}")]
    InvalidEntry {
        /// The entry's relative path, as given.
        rel_path: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The server answered with a status that is not success (4xx at once; 5xx, 408 and 429 after retries).
    #[error("{rel_path}: GET {url} answered HTTP {status} (after {attempts} attempt(s))")]
    Http {
        /// The entry's relative path.
        rel_path: String,
        /// The URL requested.
        url: String,
        /// The HTTP status code of the last answer.
        status: u16,
        /// How many requests were made.
        attempts: u32,
    },

    /// The transfer failed (connection refused or reset, body cut short, time-out, TLS, ...).
    #[error("{rel_path}: GET {url} failed after {attempts} attempt(s): {message}")]
    Network {
        /// The entry's relative path.
        rel_path: String,
        /// The URL requested.
        url: String,
        /// How many requests were made.
        attempts: u32,
        /// What went wrong on the last attempt.
        message: String,
    },

    /// The downloaded bytes do not have the expected sha256 (checked twice, in case one transfer was corrupted).
    #[error(
        "{rel_path}: checksum mismatch for {url}: expected sha256 {expected}, got {actual}; \
         the file was not installed"
    )]
    Checksum {
        /// The entry's relative path.
        rel_path: String,
        /// The URL downloaded.
        url: String,
        /// The sha256 the manifest expects (lowercase hex).
        expected: String,
        /// The sha256 of the bytes received (lowercase hex).
        actual: String,
    },

    /// The download does not have the expected size.
    #[error(
        "{rel_path}: size mismatch for {url}: expected {expected} bytes, the server sent {actual}; \
         the file was not installed"
    )]
    Size {
        /// The entry's relative path.
        rel_path: String,
        /// The URL downloaded.
        url: String,
        /// The size the manifest expects.
        expected: u64,
        /// The size announced by the server (`Content-Length`) or, when it announced none,
        /// the bytes received before the transfer was stopped.
        actual: u64,
    },

    /// A file given to `install_file` does not have the expected sha256.
    #[error(
        "{rel_path}: checksum mismatch for {}: expected sha256 {expected}, got {actual}; \
         the file was not installed",
        src.display()
    )]
    InstallChecksum {
        /// The destination's relative path.
        rel_path: String,
        /// The file the user supplied.
        src: PathBuf,
        /// The expected sha256 (lowercase hex).
        expected: String,
        /// The sha256 of `src` (lowercase hex).
        actual: String,
    },

    /// A file could not be put in place (nothing was changed).
    #[error(transparent)]
    Output(#[from] entente_output::OutputError),

    /// A local file-system operation failed.
    /// An archive that cannot be used: not a zip, a member missing, outside the folder, too large,
    /// or not the expected bytes.
    #[error("{archive}: {message}")]
    Archive {
        /// The archive's URL.
        archive: String,
        /// What is wrong with it.
        message: String,
    },
    #[error("cannot {op} {}: {source}", path.display())]
    Io {
        /// What was being done ("read", "create directory", ...).
        op: &'static str,
        /// The path it was done to.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
}

impl FetchError {
    pub(crate) fn io(op: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        FetchError::Io {
            op,
            path: path.into(),
            source,
        }
    }

    pub(crate) fn invalid(rel_path: &str, reason: impl Into<String>) -> Self {
        FetchError::InvalidEntry {
            rel_path: rel_path.to_owned(),
            reason: reason.into(),
        }
    }
}
