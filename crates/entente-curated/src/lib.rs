//! # entente-curated
//!
//! Entente's own record of alliances, agreements, partnerships, exercises and arms programmes,
//! 1949 to today, written by hand from public facts under `data/curated/` (see `docs/curated.md`).
//! The files are embedded at build time and validated by the build script, so the main job runs with
//! no download; [`CuratedRecord::from_dir`] reads a user's own copy and validates it the same way.

mod blocks;
pub mod counterfactual;
mod counts;
mod parse;
mod view;

pub use counts::CrossCounts;
pub use parse::{is_site_root, url_host, CurationError, CUTOFF};
pub use view::{AllianceRow, MemberCell, StateCell, TieRow};

use entente_core::{
    year_end, Ccode, CountFrom, Date, DateSpan, Group, ManifestInput, Tie, TieKind,
};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The years the curated record is kept for: it is complete from 1949 to the end of this range.
pub const COVERAGE: (i32, i32) = (1949, 2025);
/// The version of the curated record's schema and content (see `data/curated/CHANGELOG.md`).
pub const VERSION: &str = "2.3.0";

/// The record's cut-off date: every record's status is as of this day, and facts after it are not
/// in the record.
pub fn cutoff() -> Date {
    parse::cutoff()
}

/// Errors from reading a curated record.
#[derive(Debug, thiserror::Error)]
pub enum CuratedError {
    /// One or more records are invalid; every problem is listed with its file and line.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<CurationError>),
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The folder has no `*.toml` file.
    #[error("{0}: no curated record files (*.toml) found")]
    Empty(String),
}

/// The curated record: every tie, validated.
#[derive(Debug, Clone)]
pub struct CuratedRecord {
    ties: Vec<Tie>,
    sha256: String,
    origin: String,
}

/// One pair of states across two groups, tied by one record.
#[derive(Debug, Clone)]
pub struct CrossTie<'a> {
    /// The state in the first group.
    pub a: Ccode,
    /// The state in the second group.
    pub b: Ccode,
    /// The tie.
    pub tie: &'a Tie,
    /// The days on which it bound the pair.
    pub spans: Vec<DateSpan>,
}

impl CrossTie<'_> {
    /// The first day the tie bound the pair.
    pub fn start(&self) -> Option<entente_core::Date> {
        self.spans.iter().map(|s| s.start).min()
    }

    /// The last day it bound the pair, or `None` if it still does.
    pub fn end(&self) -> Option<entente_core::Date> {
        if self.spans.iter().any(|s| s.end.is_none()) {
            None
        } else {
            self.spans.iter().filter_map(|s| s.end).max()
        }
    }
}

fn sha_of(files: &[(String, String)]) -> String {
    let mut h = Sha256::new();
    for (n, t) in files {
        h.update(n.as_bytes());
        h.update([0]);
        h.update(t.as_bytes());
    }
    hex::encode(h.finalize())
}

impl CuratedRecord {
    /// The record built into this binary.
    pub fn embedded() -> Result<&'static CuratedRecord, CuratedError> {
        static REC: OnceLock<Result<CuratedRecord, Vec<CurationError>>> = OnceLock::new();
        let r = REC.get_or_init(|| {
            parse::parse_files(FILES).map(|ties| CuratedRecord {
                ties,
                sha256: SHA256.to_string(),
                origin: "built-in".to_string(),
            })
        });
        r.as_ref().map_err(|e| CuratedError::Invalid(e.clone()))
    }

    /// The embedded files, `(name, text)`.
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        FILES
    }

    /// Parses and validates files given in memory, `(name, text)`.
    pub fn from_texts(files: &[(&str, &str)], origin: &str) -> Result<CuratedRecord, CuratedError> {
        let owned: Vec<(String, String)> = files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let ties = parse::parse_files(files).map_err(CuratedError::Invalid)?;
        Ok(CuratedRecord {
            ties,
            sha256: sha_of(&owned),
            origin: origin.to_string(),
        })
    }

    /// Reads every `*.toml` in a folder as a record, in name order, and validates it.
    pub fn from_dir(dir: &Path) -> Result<CuratedRecord, CuratedError> {
        let io = |e| CuratedError::Io {
            path: dir.display().to_string(),
            source: e,
        };
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            // Only regular files (after symlinks): a FIFO or a device named `*.toml` would
            // block or stream for ever.
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(CuratedError::Empty(dir.display().to_string()));
        }
        let mut files = Vec::new();
        for p in &names {
            let text = std::fs::read_to_string(p).map_err(|e| CuratedError::Io {
                path: p.display().to_string(),
                source: e,
            })?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((name, text));
        }
        let refs: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let ties = parse::parse_files(&refs).map_err(CuratedError::Invalid)?;
        Ok(CuratedRecord {
            ties,
            sha256: sha_of(&files),
            origin: dir.display().to_string(),
        })
    }

    /// Every tie, in file order.
    pub fn ties(&self) -> &[Tie] {
        &self.ties
    }

    /// A tie by its id.
    pub fn get(&self, id: &str) -> Option<&Tie> {
        self.ties.iter().find(|t| t.id == id)
    }

    /// The sha256 of the record's files.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Where the record came from (`built-in` or a folder).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The record as an input in a manifest.
    pub fn manifest_input(&self) -> ManifestInput {
        ManifestInput {
            dataset: "entente-curated".into(),
            version: format!("{VERSION}, cut-off {CUTOFF} ({})", self.origin),
            sha256: self.sha256.clone(),
            coverage: COVERAGE,
        }
    }

    /// The ties in force on some day of year `y`.
    pub fn active_in_year(&self, y: i32) -> impl Iterator<Item = &Tie> {
        self.counted_in_year(y, CountFrom::EntryIntoForce)
    }

    /// The ties that count in year `y` under a convention ([`Tie::counts_in_year`]).
    pub fn counted_in_year(&self, y: i32, from: CountFrom) -> impl Iterator<Item = &Tie> {
        self.ties.iter().filter(move |t| t.counts_in_year(y, from))
    }

    /// The defence treaties in force in year `y`, optionally only those with `state` as a member
    /// that year.
    pub fn alliances_in_year(&self, y: i32, state: Option<Ccode>) -> Vec<&Tie> {
        self.alliances_in_year_from(y, state, CountFrom::EntryIntoForce)
    }

    /// [`CuratedRecord::alliances_in_year`] under a counting convention.
    pub fn alliances_in_year_from(
        &self,
        y: i32,
        state: Option<Ccode>,
        from: CountFrom,
    ) -> Vec<&Tie> {
        self.counted_in_year(y, from)
            .filter(|t| t.kind == TieKind::DefenceTreaty)
            .filter(|t| state.is_none_or(|c| t.has_member_in_year(c, y)))
            .collect()
    }

    /// Every pair tied across two groups: one state of `ga`, one of `gb`. With a year, only the
    /// pairs tied on some day of it; without, every pair ever tied. Sorted by start date, then tie
    /// id, then codes.
    pub fn cross_ties(&self, ga: Group, gb: Group, year: Option<i32>) -> Vec<CrossTie<'_>> {
        self.cross_ties_from(ga, gb, year, CountFrom::EntryIntoForce)
    }

    /// [`CuratedRecord::cross_ties`] under a counting convention.
    pub fn cross_ties_from(
        &self,
        ga: Group,
        gb: Group,
        year: Option<i32>,
        from: CountFrom,
    ) -> Vec<CrossTie<'_>> {
        let mut out = Vec::new();
        for t in &self.ties {
            if let Some(y) = year {
                if !t.counts_in_year(y, from) {
                    continue;
                }
            }
            for p in t.pair_ties_from(from) {
                if let Some(y) = year {
                    if !p.active_in_year(y) {
                        continue;
                    }
                }
                let (a, b) = if ga.contains(p.a) && gb.contains(p.b) {
                    (p.a, p.b)
                } else if ga.contains(p.b) && gb.contains(p.a) {
                    (p.b, p.a)
                } else {
                    continue;
                };
                out.push(CrossTie {
                    a,
                    b,
                    tie: t,
                    spans: p.spans,
                });
            }
        }
        out.sort_by(|x, y| (x.start(), &x.tie.id, x.a, x.b).cmp(&(y.start(), &y.tie.id, y.a, y.b)));
        out
    }

    /// The ties that started in the years `from..=to` (by entry into force, provisional
    /// application or their own date; a binding instrument not in force never started).
    pub fn started_between(&self, from: i32, to: i32) -> Vec<&Tie> {
        use chrono::Datelike;
        self.ties
            .iter()
            .filter(|t| {
                t.counted_span(CountFrom::EntryIntoForce)
                    .is_some_and(|s| (from..=to).contains(&s.start.year()))
            })
            .collect()
    }

    /// The ties that ended in the years `from..=to` (having been in force).
    pub fn ended_between(&self, from: i32, to: i32) -> Vec<&Tie> {
        use chrono::Datelike;
        self.ties
            .iter()
            .filter(|t| {
                t.counted_span(CountFrom::EntryIntoForce)
                    .and_then(|s| s.end)
                    .is_some_and(|e| (from..=to).contains(&e.year()))
            })
            .collect()
    }

    /// The members of a tie who joined in the years `from..=to`, after the tie's first year.
    pub fn joined_between<'a>(
        &self,
        tie: &'a Tie,
        from: i32,
        to: i32,
    ) -> Vec<&'a entente_core::Member> {
        use chrono::Datelike;
        tie.members
            .iter()
            .filter(|m| {
                m.joined().is_some_and(|j| {
                    j > tie.span.start && (from..=to).contains(&j.year()) && j <= year_end(to)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
