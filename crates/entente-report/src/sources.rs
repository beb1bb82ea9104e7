//! What the report read and what it could not: the plain names and last covered years of the
//! datasets behind each figure, and the notice a section shows in place of numbers when a dataset it
//! needs is missing.

use entente_core::DatasetProvenance;
use serde::Serialize;
use std::collections::BTreeMap;

/// The curated record's id in a figure's sources.
pub const CURATED: &str = "curated";
/// The simulation's built-in force figures' id in a figure's sources.
pub const BUILT_IN: &str = "built-in";

/// A dataset as a caption cites it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Read {
    /// The registry id (`atop-ddy`).
    pub id: String,
    /// Its plain name ("ATOP").
    pub name: String,
    /// Its version.
    pub version: String,
    /// The last year it really covers, as read from its files.
    pub last_year: i32,
}

/// A dataset a section needed and did not have.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Missing {
    /// The registry id.
    pub id: String,
    /// Its plain name.
    pub name: String,
    /// What it feeds in the section.
    pub feeds: String,
}

/// The datasets read and where the data directory was looked for.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Every dataset read, by id.
    pub read: BTreeMap<String, Read>,
    /// Where the data directory was looked for (None: no data directory at all).
    pub data_dir: Option<String>,
}

/// A short name for a dataset, as an analyst cites it.
pub fn short_name(id: &str) -> String {
    match id {
        "atop-ddy" | "atop-sy" => "ATOP".into(),
        "cow-states" => "COW state system".into(),
        "cow-nmc" => "COW National Material Capabilities".into(),
        "cow-mid" => "COW Militarized Interstate Disputes".into(),
        "cow-contiguity" => "COW Direct Contiguity".into(),
        "cow-alliance" => "COW Formal Alliances".into(),
        "sipri-transfers" => "SIPRI Arms Transfers".into(),
        "sipri-milex" => "SIPRI Military Expenditure".into(),
        "unga-ideal-points" => "UN General Assembly ideal points".into(),
        "capitals" => "capitals' coordinates".into(),
        CURATED => "Entente's curated record".into(),
        BUILT_IN => "Entente's built-in 2024 force figures".into(),
        other => other.to_string(),
    }
}

impl Sources {
    /// The sources from the files a store read (`Store::read_so_far`), grouped by dataset.
    pub fn from_read(inputs: &[DatasetProvenance], data_dir: Option<String>) -> Sources {
        let specs = entente_data::registry::datasets().unwrap_or(&[]);
        let mut read: BTreeMap<String, Read> = BTreeMap::new();
        for p in inputs {
            let id = p
                .dataset
                .split('/')
                .next()
                .unwrap_or(&p.dataset)
                .to_string();
            let version = specs
                .iter()
                .find(|d| d.id == id)
                .map_or_else(|| p.version.clone(), |d| d.version.clone());
            let e = read.entry(id.clone()).or_insert(Read {
                name: short_name(&id),
                id,
                version,
                last_year: p.coverage.1,
            });
            e.last_year = e.last_year.max(p.coverage.1);
        }
        Sources { read, data_dir }
    }

    /// Whether a dataset was read.
    pub fn has(&self, id: &str) -> bool {
        self.read.contains_key(id)
    }

    /// The datasets among `ids` that were not read, with what each feeds.
    pub fn missing(&self, needs: &[(&str, &str)]) -> Vec<Missing> {
        needs
            .iter()
            .filter(|(id, _)| !self.has(id))
            .map(|(id, feeds)| Missing {
                id: id.to_string(),
                name: short_name(id),
                feeds: feeds.to_string(),
            })
            .collect()
    }

    /// A caption's source line for the datasets among `ids` that were read (the others are left
    /// out: a caption cites only what was read), each with the last year it covers.
    pub fn cite(&self, ids: &[&str]) -> String {
        let mut parts = Vec::new();
        for id in ids {
            match *id {
                CURATED => parts.push(format!(
                    "Entente's curated record v{} (to {})",
                    entente_curated::VERSION,
                    entente_curated::CUTOFF
                )),
                BUILT_IN => parts.push(
                    "Entente's built-in 2024 force figures, used because the data directory's were not read".into(),
                ),
                id => {
                    if let Some(r) = self.read.get(id) {
                        let carried = if id.starts_with("atop") {
                            format!(
                                "; later years carry {} forward with the curated record",
                                r.last_year
                            )
                        } else {
                            String::new()
                        };
                        parts.push(format!(
                            "{} {} (observed to {}{carried})",
                            r.name, r.version, r.last_year
                        ));
                    }
                }
            }
        }
        parts.dedup();
        parts.join("; ")
    }

    /// The ids among `ids` that were read (the figure's `data-sources`).
    pub fn used(&self, ids: &[&str]) -> Vec<String> {
        ids.iter()
            .filter(|id| **id == CURATED || **id == BUILT_IN || self.has(id))
            .map(|s| s.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prov(ds: &str, to: i32) -> DatasetProvenance {
        DatasetProvenance {
            dataset: ds.into(),
            version: "v".into(),
            path: "/x".into(),
            sha256: "0".repeat(64),
            coverage: (1900, to),
            rows: 1,
            known_release: true,
        }
    }

    #[test]
    fn captions_cite_only_what_was_read_with_its_last_year() {
        let s = Sources::from_read(&[prov("atop-ddy", 2018)], Some("/d".into()));
        let c = s.cite(&[CURATED, "atop-ddy", "sipri-transfers"]);
        assert!(
            c.contains("ATOP 5.1 (observed to 2018; later years carry 2018 forward"),
            "{c}"
        );
        assert!(!c.contains("SIPRI"), "{c}");
        let m = s.missing(&[("atop-ddy", "a"), ("sipri-transfers", "arms")]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].id, "sipri-transfers");
        assert_eq!(
            s.used(&[CURATED, "sipri-transfers"]),
            vec![CURATED.to_string()]
        );
    }
}
