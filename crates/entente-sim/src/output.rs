//! What a simulation writes: `summary.json` (the scenario as run, its calibration, every measure's
//! statistics), `summary.csv`, `runs.csv` (one row per run), and `manifest.json` (the command, the
//! time and the inputs with their sha256). The first three depend only on the scenario and the seed,
//! never on the thread count; the manifest carries the time and command line.

use crate::calibrate::{Calibration, Used, BUILTIN};
use crate::error::{Result, SimError};
use crate::runner::{summarise, Runs, Stat};
use crate::scenario::Scenario;
use crate::{Model, Prepared};
use entente_core::{Manifest, ManifestInput};
use entente_output::Outputs;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// A theatre as compiled.
#[derive(Debug, Clone, Serialize)]
pub struct TheatreInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `C_k`, the challengers' discounted force.
    pub challenger_force: f64,
    /// `Σ F_i`, the allies' discounted force at the start.
    pub allied_force: f64,
    /// `δ_US,k`.
    pub us_discount: f64,
}

/// An ally as compiled.
#[derive(Debug, Clone, Serialize)]
pub struct AllyInfo {
    /// Id.
    pub id: String,
    /// Theatre id.
    pub theatre: String,
    /// `F_i`.
    pub force: f64,
}

/// The compiled forces.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInfo {
    /// `D`, the US deployable force.
    pub us_deployable_force: f64,
    /// Theatres.
    pub theatres: Vec<TheatreInfo>,
    /// Allies.
    pub allies: Vec<AllyInfo>,
}

impl ModelInfo {
    /// The compiled forces of a model.
    pub fn of(m: &Model) -> ModelInfo {
        ModelInfo {
            us_deployable_force: m.d,
            theatres: (0..m.theatres())
                .map(|k| TheatreInfo {
                    id: m.theatre_ids[k].clone(),
                    name: m.theatre_names[k].clone(),
                    challenger_force: m.c_force[k],
                    allied_force: m.allied_base[k],
                    us_discount: m.us_delta[k],
                })
                .collect(),
            allies: (0..m.allies())
                .map(|i| AllyInfo {
                    id: m.ally_ids[i].clone(),
                    theatre: m.theatre_ids[m.ally_theatre[i]].clone(),
                    force: m.ally_force[i],
                })
                .collect(),
        }
    }
}

/// Results grouped by theatre, system and ally.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Runs.
    pub runs: usize,
    /// Per theatre, per measure.
    pub theatres: BTreeMap<String, BTreeMap<String, Stat>>,
    /// The whole system.
    pub system: BTreeMap<String, Stat>,
    /// Per ally, per measure.
    pub allies: BTreeMap<String, BTreeMap<String, Stat>>,
}

/// The content of `summary.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The scenario as run, every parameter.
    pub scenario: Scenario,
    /// The calibration.
    pub calibration: Calibration,
    /// The compiled forces.
    pub model: ModelInfo,
    /// The statistics.
    pub results: Results,
}

/// Groups flat `name → stat` pairs by theatre, system and ally.
pub fn group(m: &Model, runs: &Runs) -> Results {
    let mut r = Results {
        runs: runs.len(),
        theatres: BTreeMap::new(),
        system: BTreeMap::new(),
        allies: BTreeMap::new(),
    };
    for (name, stat) in summarise(runs) {
        match name.split_once('.') {
            Some((owner, measure)) if m.theatre_ids.iter().any(|t| t == owner) => {
                r.theatres
                    .entry(owner.to_string())
                    .or_default()
                    .insert(measure.to_string(), stat);
            }
            Some((owner, measure)) => {
                r.allies
                    .entry(owner.to_string())
                    .or_default()
                    .insert(measure.to_string(), stat);
            }
            None => {
                r.system.insert(name, stat);
            }
        }
    }
    r
}

impl Summary {
    /// The summary of a prepared scenario's runs.
    pub fn new(p: &Prepared, runs: &Runs) -> Summary {
        Summary {
            scenario: p.scenario.clone(),
            calibration: p.calibration.clone(),
            model: ModelInfo::of(&p.model),
            results: group(&p.model, runs),
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

fn csv_err(e: impl std::fmt::Display) -> SimError {
    SimError::Invalid(format!("CSV: {e}"))
}

/// `summary.csv`: one row per measure.
pub fn summary_csv(runs: &Runs) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "measure", "mean", "sd", "mean_lo", "mean_hi", "p2_5", "p97_5",
    ])
    .map_err(csv_err)?;
    for (name, s) in summarise(runs) {
        w.write_record([
            name,
            s.mean.to_string(),
            s.sd.to_string(),
            s.mean_lo.to_string(),
            s.mean_hi.to_string(),
            s.p2_5.to_string(),
            s.p97_5.to_string(),
        ])
        .map_err(csv_err)?;
    }
    String::from_utf8(w.into_inner().map_err(csv_err)?).map_err(csv_err)
}

/// `runs.csv`: one row per run.
pub fn runs_csv(runs: &Runs) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["run".to_string()];
    header.extend(runs.names.iter().cloned());
    w.write_record(&header).map_err(csv_err)?;
    for r in 0..runs.len() {
        let mut rec = vec![r.to_string()];
        rec.extend(runs.row(r).iter().map(|v| v.to_string()));
        w.write_record(&rec).map_err(csv_err)?;
    }
    String::from_utf8(w.into_inner().map_err(csv_err)?).map_err(csv_err)
}

/// The sha256 of some bytes, as hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The sha256 of the built-in calibration table, for provenance.
pub fn builtin_sha256() -> String {
    let mut h = Sha256::new();
    for s in BUILTIN {
        h.update(format!("{s:?}\n").as_bytes());
    }
    hex::encode(h.finalize())
}

/// The manifest's inputs: the dataset files read, or the built-in table.
pub fn inputs(cal: &Calibration) -> Vec<ManifestInput> {
    match cal.used {
        Used::Data => cal.inputs.clone(),
        Used::BuiltIn => vec![ManifestInput {
            dataset: "entente-sim built-in calibration".into(),
            version: "SIPRI Milex 2025 release (2024, constant 2024 US$) and COW NMC 6.0 (2016), transcribed".into(),
            sha256: builtin_sha256(),
            coverage: (2024, 2024),
        }],
    }
}

/// A manifest for files written now.
pub fn manifest(command: &str, cal: &Calibration, rows: u64, columns: Vec<String>) -> Manifest {
    Manifest {
        command: command.to_string(),
        entente_version: env!("CARGO_PKG_VERSION").to_string(),
        created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        inputs: inputs(cal),
        rows,
        columns,
    }
}

/// Writes one file through Entente's output writer (`entente-output`): a temporary file beside
/// it, then a rename; a non-regular target (a device, a FIFO, a folder) is refused.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    Ok(entente_output::write_file(path, content)?)
}

/// Writes a simulation's four files into `dir` (created if needed); returns their paths.
pub fn write_simulation(
    dir: &Path,
    p: &Prepared,
    runs: &Runs,
    traj: Option<&crate::trajectory::Trajectories>,
    command: &str,
) -> Result<Vec<std::path::PathBuf>> {
    // The four files are one set: all of them are in place, or none is changed.
    let mut outputs = Outputs::new();
    outputs.create_dir(dir)?;
    let summary = Summary::new(p, runs);
    let mut files = vec![
        ("summary.json".to_string(), summary.to_json()),
        ("summary.csv".to_string(), summary_csv(runs)?),
        ("runs.csv".to_string(), runs_csv(runs)?),
    ];
    if let Some(tr) = traj {
        files.push(("trajectories.csv".to_string(), tr.csv()));
        files.extend(tr.charts()?);
    }
    let mut out = Vec::new();
    for (name, content) in files {
        let path = dir.join(&name);
        outputs.write(&path, content.as_bytes())?;
        out.push(path);
    }
    let m = manifest(
        command,
        &p.calibration,
        runs.len() as u64,
        runs.names.clone(),
    );
    let path = dir.join("manifest.json");
    let mut text = serde_json::to_string_pretty(&m).unwrap_or_default();
    text.push('\n');
    outputs.write(&path, text.as_bytes())?;
    out.push(path);
    outputs.commit()?;
    Ok(out)
}
