//! Checksummed, atomic downloads of dataset files.
//!
//! A manifest is a list of [`FetchEntry`]: a path under the data directory, a URL and the
//! publisher's sha256 (and size, when known). [`fetch_all`] brings the data directory up to the
//! manifest: files already in place with the right sha256 are left alone; the others are streamed
//! into a temporary file beside their destination while being hashed, verified, and only then
//! renamed into place. A failed or corrupted download never changes the data directory.
//!
//! [`install_file`] does the same for a file the user downloaded by hand, and [`sha256_file`]
//! hashes a file without reading it into memory.
//!
//! [`fetch_archive`] downloads a publisher's zip archive (whose own sha256 may not be known in
//! advance) and extracts the named members, each checked against its binding size and sha256,
//! streamed into temporary files and renamed into place only when every member is verified.
//!
//! This crate knows nothing of Entente's datasets: the manifest comes from its caller.

mod archive;
mod error;
mod fetch;
mod hash;
mod install;
mod path;

pub use archive::{fetch_archive, stage_archive, ArchiveEntry, MemberEntry, MAX_ARCHIVE_BYTES};
pub use entente_output::Outputs;
pub use error::FetchError;
pub use fetch::{fetch_all, stage_all, FetchEntry, FetchOptions, FetchOutcome};
pub use hash::sha256_file;
pub use install::install_file;
