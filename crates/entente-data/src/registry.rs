//! The manifest of dataset releases (`data/manifest.toml`, embedded) and the data directory.

use crate::error::{DataError, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const MANIFEST: &str = include_str!("../../../data/manifest.toml");

/// One dataset in the manifest.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSpec {
    /// Entente's id (`cow-states`, `atop-sy`, …).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The version.
    pub version: String,
    /// Who publishes it.
    pub publisher: String,
    /// The publisher's page.
    pub page: String,
    /// Terms of use.
    pub licence: String,
    /// The citation the publisher asks for.
    pub citation: String,
    /// First and last year covered.
    pub coverage: (i32, i32),
    /// Whether the files are the publisher's own (else derived, e.g. by peacesciencer).
    pub official: bool,
    /// Exact steps to get the files by hand, where the publisher has no stable download (a form,
    /// a Dataverse page) or the file is a derivative; `entente data fetch` prints them.
    #[serde(default)]
    pub manual: Option<String>,
    /// The files.
    #[serde(rename = "file")]
    pub files: Vec<FileSpec>,
}

/// One file of a dataset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Its role within the dataset (`states`, `system`, …).
    pub role: String,
    /// Its path relative to the data directory.
    pub path: String,
    /// Other names the publisher uses, looked for in the data directory's root and the dataset's
    /// folder.
    #[serde(default)]
    pub alternatives: Vec<String>,
    /// A stable download URL, if there is one.
    #[serde(default)]
    pub url: Option<String>,
    /// The publisher's zip archive that holds this file, when the file is not served alone.
    #[serde(default)]
    pub archive: Option<String>,
    /// The file's name inside `archive` (`outer.zip!/inner.csv` inside a zip in the zip).
    #[serde(default)]
    pub member: Option<String>,
    /// The archive's own sha256, or `unconfirmed` until a first download confirms it (publishers
    /// re-zip, so only the member's `sha256` binds).
    #[serde(default)]
    pub archive_sha256: Option<String>,
    /// The sha256 of the known release, or `unconfirmed` for a release Entente reads but whose
    /// file was never obtained to record it (read, but never "a known release").
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// This file's own release, where a dataset combines several (e.g. SIPRI's 2023 and 2025).
    #[serde(default)]
    pub version: Option<String>,
    /// This file's own years, where they differ from the dataset's.
    #[serde(default)]
    pub coverage: Option<(i32, i32)>,
    /// A file of an alternative release, read in place of another when present (MID 5.0 for 4.3):
    /// its absence is no gap, and `data fetch` does not get it.
    #[serde(default)]
    pub optional: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    dataset: Vec<DatasetSpec>,
}

/// Every dataset in the manifest.
pub fn datasets() -> Result<&'static [DatasetSpec]> {
    static M: OnceLock<std::result::Result<Vec<DatasetSpec>, String>> = OnceLock::new();
    M.get_or_init(|| {
        toml::from_str::<Manifest>(MANIFEST)
            .map(|m| m.dataset)
            .map_err(|e| format!("data/manifest.toml: {e}"))
    })
    .as_deref()
    .map_err(|e| DataError::Registry(e.clone()))
}

/// A dataset by id.
pub fn dataset(id: &str) -> Result<&'static DatasetSpec> {
    datasets()?.iter().find(|d| d.id == id).ok_or_else(|| {
        DataError::Registry(format!(
            "unknown dataset '{id}' (known: {})",
            datasets()
                .map(|d| d
                    .iter()
                    .map(|d| d.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        ))
    })
}

impl DatasetSpec {
    /// The file with a role.
    pub fn file(&self, role: &str) -> Result<&FileSpec> {
        self.files.iter().find(|f| f.role == role).ok_or_else(|| {
            DataError::Registry(format!("dataset '{}' has no file '{role}'", self.id))
        })
    }
}

impl FileSpec {
    /// The paths this file may be found at in a data directory, in order of preference.
    pub fn candidates(&self, dir: &Path) -> Vec<PathBuf> {
        let mut v = vec![dir.join(&self.path)];
        let folder = Path::new(&self.path).parent().map(|p| dir.join(p));
        for a in &self.alternatives {
            if let Some(f) = &folder {
                v.push(f.join(a));
            }
            v.push(dir.join(a));
        }
        v.dedup();
        v
    }

    /// Finds the file in a data directory.
    pub fn locate(&self, dir: &Path) -> Option<PathBuf> {
        self.candidates(dir).into_iter().find(|p| p.is_file())
    }

    /// Finds the file or says where it was looked for.
    pub fn require(&self, dataset: &str, dir: &Path) -> Result<PathBuf> {
        self.locate(dir).ok_or_else(|| DataError::NotFound {
            dataset: dataset.to_string(),
            dir: dir.to_path_buf(),
            tried: std::iter::once(self.path.as_str())
                .chain(self.alternatives.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", "),
        })
    }
}

/// Where the data directory is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    /// The path.
    pub path: PathBuf,
    /// How it was chosen: `--data-dir`, `ENTENTE_DATA`, or `platform default`.
    pub chosen_by: &'static str,
}

impl DataDir {
    /// Resolves the data directory: the flag, else `ENTENTE_DATA`, else the platform's data
    /// directory (`~/.local/share/entente` on Linux).
    pub fn resolve(flag: Option<&Path>) -> Result<DataDir> {
        if let Some(p) = flag {
            return Ok(DataDir {
                path: p.to_path_buf(),
                chosen_by: "--data-dir",
            });
        }
        if let Some(p) = std::env::var_os("ENTENTE_DATA").filter(|v| !v.is_empty()) {
            return Ok(DataDir {
                path: PathBuf::from(p),
                chosen_by: "ENTENTE_DATA",
            });
        }
        directories::ProjectDirs::from("", "", "entente")
            .map(|d| DataDir {
                path: d.data_dir().to_path_buf(),
                chosen_by: "platform default",
            })
            .ok_or_else(|| {
                DataError::Registry(
                    "no home directory to put the data directory in; set --data-dir or ENTENTE_DATA"
                        .into(),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_parses_and_every_file_has_a_checksum() {
        let ds = datasets().unwrap();
        assert!(ds.len() >= 11);
        for d in ds {
            assert!(!d.files.is_empty(), "{}", d.id);
            assert!(d.coverage.0 <= d.coverage.1);
            for f in &d.files {
                // A checksum, or "unconfirmed" for a release read but never obtained here: then
                // only by hand, and with its own version.
                if f.sha256 == "unconfirmed" {
                    assert!(f.url.is_none() && f.archive.is_none(), "{}", f.path);
                    assert!(f.version.is_some() && f.optional, "{}", f.path);
                } else {
                    assert_eq!(f.sha256.len(), 64, "{} {}", d.id, f.path);
                }
                assert!(f.url.as_deref().is_none_or(|u| u.starts_with("https://")));
                // A file comes from a URL, from a member of an archive, or by hand: never two ways.
                assert!(
                    f.url.is_none() || f.archive.is_none(),
                    "{} {}",
                    d.id,
                    f.path
                );
                assert_eq!(
                    f.archive.is_some(),
                    f.member.is_some(),
                    "{} {}",
                    d.id,
                    f.path
                );
                assert!(f
                    .archive_sha256
                    .as_deref()
                    .is_none_or(|s| s == "unconfirmed" || s.len() == 64));
                assert!(
                    f.url.is_some() || f.archive.is_some() || d.manual.is_some(),
                    "{} {}: no way to get it",
                    d.id,
                    f.path
                );
                // Publishers' own servers, not personal copies.
                for u in f.url.iter().chain(&f.archive) {
                    assert!(!u.contains("githubusercontent.com"), "{u}");
                }
            }
        }
        assert!(dataset("nope").is_err());
    }

    #[test]
    fn the_flag_beats_the_environment() {
        let d = DataDir::resolve(Some(Path::new("/x"))).unwrap();
        assert_eq!(d.path, PathBuf::from("/x"));
        assert_eq!(d.chosen_by, "--data-dir");
    }
}
