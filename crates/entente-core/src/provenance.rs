//! Provenance: what every output says about its inputs.

use serde::{Deserialize, Serialize};

/// A dataset as read: which file, which version, its checksum and coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetProvenance {
    /// Entente's name for the dataset (`cow-states`, `atop-sy`, …).
    pub dataset: String,
    /// The version as published (`5.1`, `v2016`, …).
    pub version: String,
    /// The file's path as read.
    pub path: String,
    /// The file's sha256, hex.
    pub sha256: String,
    /// The first and last year covered.
    pub coverage: (i32, i32),
    /// Data rows read.
    pub rows: usize,
    /// Whether the checksum matches a known release.
    pub known_release: bool,
}

/// One input of an output, as listed in its manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManifestInput {
    /// The dataset's name.
    pub dataset: String,
    /// Its version.
    pub version: String,
    /// Its sha256 (of the file, or for the embedded curated record, of its files in order).
    pub sha256: String,
    /// Its coverage years.
    pub coverage: (i32, i32),
}

/// The manifest written beside every output: what made it and from what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The command line.
    pub command: String,
    /// Entente's version.
    pub entente_version: String,
    /// When it was made (RFC 3339, UTC).
    pub created: String,
    /// The inputs.
    pub inputs: Vec<ManifestInput>,
    /// Rows written.
    pub rows: u64,
    /// Columns written, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
}
