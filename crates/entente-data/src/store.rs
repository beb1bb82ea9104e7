//! The store: every dataset of a data directory, loaded on first use (once per process) with the
//! provenance of each file read.

use crate::error::{DataError, Result};
use crate::readers::csvio::RawFile;
use crate::readers::{
    atop, capitals, contiguity, cow_alliance, cow_states, mid, nmc, sipri_milex, sipri_milex_xlsx,
    sipri_transfers, unga,
};
use crate::registry::{self, DatasetSpec};
use entente_core::{DatasetProvenance, ManifestInput};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A dataset's content with the provenance of the files it was read from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The content.
    pub data: T,
    /// One entry per file read.
    pub provenance: Vec<DatasetProvenance>,
}

impl<T> Loaded<T> {
    /// The files as manifest inputs.
    pub fn inputs(&self) -> Vec<ManifestInput> {
        self.provenance
            .iter()
            .map(|p| ManifestInput {
                dataset: p.dataset.clone(),
                version: p.version.clone(),
                sha256: p.sha256.clone(),
                coverage: p.coverage,
            })
            .collect()
    }
}

/// The COW state system.
#[derive(Debug, Clone)]
pub struct CowStates {
    /// Membership spells.
    pub states: Vec<cow_states::StateSpell>,
    /// State-years.
    pub system: Vec<(entente_core::Ccode, i32)>,
    /// Major-power spells.
    pub majors: Vec<cow_states::MajorSpell>,
}

/// Contiguity, all three files.
#[derive(Debug, Clone)]
pub struct Contiguity {
    /// Directed dyad-years (duplicates resolved).
    pub dyad_years: contiguity::Contiguity,
    /// The master record.
    pub master: Vec<contiguity::ContiguitySpell>,
    /// State-year counts.
    pub state_years: Vec<contiguity::ContiguityStateYear>,
}

/// MIDs, both files of one release.
#[derive(Debug, Clone)]
pub struct Mids {
    /// The release read: 5.0 when both its files are in the directory, else 4.3.
    pub release: mid::Release,
    /// Disputes.
    pub disputes: Vec<mid::Dispute>,
    /// Participants.
    pub participants: Vec<mid::Participant>,
}

impl Mids {
    /// The years the release read covers.
    pub fn coverage(&self) -> (i32, i32) {
        self.release.coverage()
    }
}

/// UN ideal points, both releases.
#[derive(Debug, Clone)]
pub struct IdealPoints {
    /// June 2024 release (1946–2023), by session read as year.
    pub june2024: Vec<unga::IdealPoint>,
    /// July 2025 release (1946–2024).
    pub july2025: Vec<unga::IdealPoint>,
}

/// SIPRI military expenditure, every sheet found, keyed by the manifest's role.
#[derive(Debug, Clone)]
pub struct Milex {
    /// `(role, sheet)`.
    pub sheets: Vec<(String, sipri_milex::MilexSheet)>,
}

impl Milex {
    /// A sheet by role (`constant-usd-2025`, `share-gdp-2025`, …).
    pub fn sheet(&self, role: &str) -> Option<&sipri_milex::MilexSheet> {
        self.sheets.iter().find(|(r, _)| r == role).map(|(_, s)| s)
    }
}

/// Every dataset of one data directory.
#[derive(Debug, Default)]
pub struct Store {
    dir: PathBuf,
    cow_states: OnceLock<Loaded<CowStates>>,
    nmc: OnceLock<Loaded<Vec<nmc::NmcRow>>>,
    atop_sy: OnceLock<Loaded<Vec<atop::AtopStateYear>>>,
    atop_ddy: OnceLock<Loaded<Vec<atop::AtopDyadYear>>>,
    cow_alliance: OnceLock<Loaded<cow_alliance::CowAlliance>>,
    contiguity: OnceLock<Loaded<Contiguity>>,
    mids: OnceLock<Loaded<Mids>>,
    transfers: OnceLock<Loaded<sipri_transfers::TradeRegister>>,
    milex: OnceLock<Loaded<Milex>>,
    ideal_points: OnceLock<Loaded<IdealPoints>>,
    capitals: OnceLock<Loaded<Vec<capitals::Capital>>>,
}

/// The ids of every dataset the store can load.
pub const DATASETS: [&str; 11] = [
    "cow-states",
    "cow-nmc",
    "atop-sy",
    "atop-ddy",
    "cow-alliance",
    "cow-contiguity",
    "cow-mid",
    "sipri-transfers",
    "sipri-milex",
    "unga-ideal-points",
    "capitals",
];

/// Reads a file of a dataset and describes it.
pub(crate) fn read_file(
    spec: &DatasetSpec,
    role: &str,
    dir: &Path,
) -> Result<(
    RawFile,
    impl FnOnce(usize, Option<String>) -> DatasetProvenance,
)> {
    let fs = spec.file(role)?;
    let path = fs.require(&spec.id, dir)?;
    let raw = RawFile::read(&path)?;
    let known = raw.sha256 == fs.sha256;
    let dataset = if spec.files.len() > 1 {
        format!("{}/{}", spec.id, fs.role)
    } else {
        spec.id.clone()
    };
    let (version, coverage, sha, p) = (
        fs.version.clone().unwrap_or_else(|| spec.version.clone()),
        fs.coverage.unwrap_or(spec.coverage),
        raw.sha256.clone(),
        raw.path.clone(),
    );
    Ok((raw, move |rows: usize, own_version: Option<String>| {
        DatasetProvenance {
            dataset,
            version: if known {
                version
            } else {
                format!(
                    "{} (not a known release)",
                    own_version.unwrap_or_else(|| "unknown version".into())
                )
            },
            path: p,
            sha256: sha,
            coverage,
            rows,
            known_release: known,
        }
    }))
}

macro_rules! cached {
    ($self:ident . $field:ident, $load:expr) => {{
        if let Some(v) = $self.$field.get() {
            return Ok(v);
        }
        let v = $load;
        let _ = $self.$field.set(v);
        $self
            .$field
            .get()
            .ok_or_else(|| DataError::Registry("store cell empty after set".into()))
    }};
}

impl Store {
    /// A store over a data directory. Nothing is read until asked for.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            ..Store::default()
        }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn spec(id: &str) -> Result<&'static DatasetSpec> {
        registry::dataset(id)
    }

    /// COW state system (states, system, majors).
    pub fn cow_states(&self) -> Result<&Loaded<CowStates>> {
        cached!(self.cow_states, {
            let s = Self::spec("cow-states")?;
            let (f1, p1) = read_file(s, "states", &self.dir)?;
            let (f2, p2) = read_file(s, "system", &self.dir)?;
            let (f3, p3) = read_file(s, "majors", &self.dir)?;
            let states = cow_states::read_states(&f1)?;
            let system = cow_states::read_system(&f2)?;
            let majors = cow_states::read_majors(&f3)?;
            Loaded {
                provenance: vec![
                    p1(states.len(), None),
                    p2(system.len(), None),
                    p3(majors.len(), None),
                ],
                data: CowStates {
                    states,
                    system,
                    majors,
                },
            }
        })
    }

    /// COW NMC.
    pub fn nmc(&self) -> Result<&Loaded<Vec<nmc::NmcRow>>> {
        cached!(self.nmc, {
            let (f, p) = read_file(Self::spec("cow-nmc")?, "nmc", &self.dir)?;
            let rows = nmc::read(&f)?;
            Loaded {
                provenance: vec![p(rows.len(), None)],
                data: rows,
            }
        })
    }

    /// ATOP state-year.
    pub fn atop_state_year(&self) -> Result<&Loaded<Vec<atop::AtopStateYear>>> {
        cached!(self.atop_sy, {
            let (f, p) = read_file(Self::spec("atop-sy")?, "sy", &self.dir)?;
            let rows = atop::read_state_year(&f)?;
            Loaded {
                provenance: vec![p(rows.len(), None)],
                data: rows,
            }
        })
    }

    /// ATOP directed dyad-year.
    pub fn atop_dyad_year(&self) -> Result<&Loaded<Vec<atop::AtopDyadYear>>> {
        cached!(self.atop_ddy, {
            let (f, p) = read_file(Self::spec("atop-ddy")?, "ddy", &self.dir)?;
            let (rows, layout) = atop::read_dyad_year(&f)?;
            Loaded {
                provenance: vec![p(rows.len(), Some(format!("5.x, {layout:?} layout")))],
                data: rows,
            }
        })
    }

    /// COW alliances, directed dyad-year.
    pub fn cow_alliance(&self) -> Result<&Loaded<cow_alliance::CowAlliance>> {
        cached!(self.cow_alliance, {
            let (f, p) = read_file(Self::spec("cow-alliance")?, "ddy", &self.dir)?;
            let d = cow_alliance::read(&f)?;
            Loaded {
                provenance: vec![p(d.rows.len(), None)],
                data: d,
            }
        })
    }

    /// COW direct contiguity.
    pub fn contiguity(&self) -> Result<&Loaded<Contiguity>> {
        cached!(self.contiguity, {
            let s = Self::spec("cow-contiguity")?;
            let (f1, p1) = read_file(s, "dyad-year", &self.dir)?;
            let (f2, p2) = read_file(s, "master", &self.dir)?;
            let (f3, p3) = read_file(s, "state-year", &self.dir)?;
            let dyad_years = contiguity::read_dyad_year(&f1)?;
            let master = contiguity::read_master(&f2)?;
            let state_years = contiguity::read_state_year(&f3)?;
            Loaded {
                provenance: vec![
                    p1(dyad_years.rows.len(), None),
                    p2(master.len(), None),
                    p3(state_years.len(), None),
                ],
                data: Contiguity {
                    dyad_years,
                    master,
                    state_years,
                },
            }
        })
    }

    /// COW MIDs.
    pub fn mids(&self) -> Result<&Loaded<Mids>> {
        cached!(self.mids, {
            let s = Self::spec("cow-mid")?;
            // The newest release whose two files are both present.
            let present = |r: mid::Release| {
                let (d, p) = r.roles();
                [d, p]
                    .iter()
                    .all(|role| s.file(role).is_ok_and(|f| f.locate(&self.dir).is_some()))
            };
            let release = if present(mid::Release::V5_0) {
                mid::Release::V5_0
            } else {
                mid::Release::V4_3
            };
            let (dr, pr) = release.roles();
            let (f1, p1) = read_file(s, dr, &self.dir)?;
            let (f2, p2) = read_file(s, pr, &self.dir)?;
            let disputes = mid::read_disputes(&f1, release)?;
            let participants = mid::read_participants(&f2, release)?;
            let own = || Some(release.label().to_string());
            Loaded {
                provenance: vec![p1(disputes.len(), own()), p2(participants.len(), own())],
                data: Mids {
                    release,
                    disputes,
                    participants,
                },
            }
        })
    }

    /// The SIPRI trade register.
    pub fn transfers(&self) -> Result<&Loaded<sipri_transfers::TradeRegister>> {
        cached!(self.transfers, {
            let (f, p) = read_file(Self::spec("sipri-transfers")?, "register", &self.dir)?;
            let r = sipri_transfers::read(&f)?;
            let v = r.generated.clone().map(|g| format!("export generated {g}"));
            Loaded {
                provenance: vec![p(r.deals.len(), v)],
                data: r,
            }
        })
    }

    /// SIPRI military expenditure: every sheet of the manifest found in the directory (at least one).
    pub fn milex(&self) -> Result<&Loaded<Milex>> {
        cached!(self.milex, {
            let s = Self::spec("sipri-milex")?;
            let mut sheets = Vec::new();
            let mut provenance = Vec::new();
            let workbook = |role: &str| role.starts_with("workbook-");
            for fs in s.files.iter().filter(|f| !workbook(&f.role)) {
                if fs.locate(&self.dir).is_none() {
                    continue;
                }
                let (f, p) = read_file(s, &fs.role, &self.dir)?;
                let sheet = sipri_milex::read(&f)?;
                provenance.push(p(sheet.rows.len(), Some(sheet.release.clone())));
                sheets.push((fs.role.clone(), sheet));
            }
            // SIPRI's own workbooks supply the sheets whose long CSV is not in the directory (the
            // CSVs are read first: they are faster to parse).
            for fs in s.files.iter().filter(|f| workbook(&f.role)) {
                let wanted: Vec<(&str, &str)> = sipri_milex_xlsx::SHEETS
                    .iter()
                    .filter(|(w, _, role)| *w == fs.role && !sheets.iter().any(|(r, _)| r == role))
                    .map(|(_, sheet, role)| (*sheet, *role))
                    .collect();
                if wanted.is_empty() || fs.locate(&self.dir).is_none() {
                    continue;
                }
                let (f, p) = read_file(s, &fs.role, &self.dir)?;
                let release = fs.version.clone().unwrap_or_else(|| s.version.clone());
                let mut book = sipri_milex_xlsx::Workbook::open(&f)?;
                let mut rows = 0;
                for (sheet, role) in wanted {
                    let sh = book.sheet(sheet, &release)?;
                    rows += sh.rows.len();
                    sheets.push((role.to_string(), sh));
                }
                provenance.push(p(rows, Some(release)));
            }
            if sheets.is_empty() {
                return Err(s.files[0]
                    .require(&s.id, &self.dir)
                    .err()
                    .unwrap_or_else(|| DataError::Registry("sipri-milex: no sheet found".into())));
            }
            Loaded {
                provenance,
                data: Milex { sheets },
            }
        })
    }

    /// UN ideal points, both releases.
    pub fn ideal_points(&self) -> Result<&Loaded<IdealPoints>> {
        cached!(self.ideal_points, {
            let s = Self::spec("unga-ideal-points")?;
            let (f1, p1) = read_file(s, "jun2024", &self.dir)?;
            let (f2, p2) = read_file(s, "jul2025", &self.dir)?;
            let (june2024, _) = unga::read_any(&f1)?;
            let (july2025, _) = unga::read_any(&f2)?;
            Loaded {
                provenance: vec![p1(june2024.len(), None), p2(july2025.len(), None)],
                data: IdealPoints { june2024, july2025 },
            }
        })
    }

    /// Capitals.
    pub fn capitals(&self) -> Result<&Loaded<Vec<capitals::Capital>>> {
        cached!(self.capitals, {
            let (f, p) = read_file(Self::spec("capitals")?, "capitals", &self.dir)?;
            let rows = capitals::read(&f)?;
            Loaded {
                provenance: vec![p(rows.len(), None)],
                data: rows,
            }
        })
    }

    /// Loads one dataset by id and returns its provenance.
    pub fn load(&self, id: &str) -> Result<Vec<DatasetProvenance>> {
        Ok(match id {
            "cow-states" => self.cow_states()?.provenance.clone(),
            "cow-nmc" => self.nmc()?.provenance.clone(),
            "atop-sy" => self.atop_state_year()?.provenance.clone(),
            "atop-ddy" => self.atop_dyad_year()?.provenance.clone(),
            "cow-alliance" => self.cow_alliance()?.provenance.clone(),
            "cow-contiguity" => self.contiguity()?.provenance.clone(),
            "cow-mid" => self.mids()?.provenance.clone(),
            "sipri-transfers" => self.transfers()?.provenance.clone(),
            "sipri-milex" => self.milex()?.provenance.clone(),
            "unga-ideal-points" => self.ideal_points()?.provenance.clone(),
            "capitals" => self.capitals()?.provenance.clone(),
            other => {
                return Err(registry::dataset(other).err().unwrap_or_else(|| {
                    DataError::Registry(format!("no reader for dataset '{other}'"))
                }))
            }
        })
    }

    /// The provenance of every file this store has read so far, in [`DATASETS`] order: the
    /// manifest of inputs for an output built from it.
    pub fn read_so_far(&self) -> Vec<DatasetProvenance> {
        fn p<T>(c: &OnceLock<Loaded<T>>) -> Vec<DatasetProvenance> {
            c.get().map(|l| l.provenance.clone()).unwrap_or_default()
        }
        [
            p(&self.cow_states),
            p(&self.nmc),
            p(&self.atop_sy),
            p(&self.atop_ddy),
            p(&self.cow_alliance),
            p(&self.contiguity),
            p(&self.mids),
            p(&self.transfers),
            p(&self.milex),
            p(&self.ideal_points),
            p(&self.capitals),
        ]
        .concat()
    }

    /// Loads every dataset, in parallel; returns each dataset's result in [`DATASETS`] order.
    pub fn load_all(&self) -> Vec<(&'static str, Result<Vec<DatasetProvenance>>)> {
        self.preload(&DATASETS)
    }

    /// Loads these datasets in parallel, so that a caller about to read several of them one after
    /// another pays for the slowest rather than the sum. Returns each one's result in the order
    /// given; a failure is not cached, so the caller's own accessor reports it again where it is
    /// used.
    pub fn preload(
        &self,
        ids: &[&'static str],
    ) -> Vec<(&'static str, Result<Vec<DatasetProvenance>>)> {
        use rayon::prelude::*;
        ids.par_iter().map(|id| (*id, self.load(id))).collect()
    }
}
