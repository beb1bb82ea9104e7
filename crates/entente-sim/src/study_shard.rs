//! Sharded sensitivity studies (`entente sensitivity --shard I/N`, `docs/scale-out.md`): the points
//! of a design split into `N` contiguous blocks by the same rule as a sharded sweep
//! ([`Shard::range`]), each block run alone into `shard-I-of-N.parquet` (one row per point and run,
//! one column per measure, exact `f64`s) with its manifest written last, and the shards merged back
//! into the runs an unsharded study gives. Every point runs on the same seed and run indices
//! (common random numbers), so the split does not change a number, and the indices, points and
//! charts of the merge are byte-identical to the unsharded study's.

use crate::error::{Result, SimError};
use crate::shard::{collect_shards, verified_rows, Shard};
use crate::study::{self, Design, Method, StudyRuns};
use crate::sweep::Base;
use crate::Calibration;
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, UInt64Array};
use arrow_schema::{DataType, Field, Schema};
use entente_core::ManifestInput;
use entente_sensitivity::Range;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The `kind` of a sensitivity shard's manifest (a sweep's has none).
pub const KIND: &str = "sensitivity";

/// What a sensitivity design is made of: enough to rebuild it, and so to hash it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudySpec {
    /// The scenario file's text.
    pub scenario_text: String,
    /// The scenario file's name (for errors).
    pub scenario_file: String,
    /// The parameters' ranges.
    pub ranges: Vec<Range>,
    /// `oat`, `lhs` or `sobol`.
    pub method: String,
    /// Samples (LHS points or Sobol' base samples).
    pub samples: usize,
    /// Runs per point.
    pub runs: u64,
    /// The seed of the design and of every point.
    pub seed: u64,
    /// Bootstrap resamples of the indices.
    pub resamples: usize,
    /// The measures asked for (empty: the default measures).
    pub measures: Vec<String>,
}

impl StudySpec {
    /// The method.
    pub fn method(&self) -> Result<Method> {
        match self.method.as_str() {
            "oat" => Ok(Method::Oat),
            "lhs" => Ok(Method::Lhs),
            "sobol" => Ok(Method::Sobol),
            m => Err(SimError::Invalid(format!("unknown method '{m}'"))),
        }
    }

    /// The design hash: the sha256 of the spec.
    pub fn hash(&self) -> Result<String> {
        let mut h = Sha256::new();
        h.update(b"entente sensitivity design v1\n");
        h.update(
            serde_json::to_vec(self)
                .map_err(|e| SimError::Invalid(format!("design: {e}")))?
                .as_slice(),
        );
        Ok(hex::encode(h.finalize()))
    }

    /// The scenario's base and the design, rebuilt.
    pub fn design(&self) -> Result<(Base, Design)> {
        let base = Base::new(&self.scenario_text, &self.scenario_file)?;
        let d = study::design(
            &base,
            self.ranges.clone(),
            self.method()?,
            self.samples,
            self.seed,
        )?;
        Ok((base, d))
    }
}

/// A sensitivity shard's manifest, written after its rows: a shard without one is partial.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StudyShardManifest {
    /// Always [`KIND`].
    pub kind: String,
    /// The design's hash.
    pub design: String,
    /// The seed.
    pub seed: u64,
    /// This shard.
    pub shard: usize,
    /// Of how many.
    pub shards: usize,
    /// Points in the whole design.
    pub points: usize,
    /// The first point of this shard.
    pub first_point: usize,
    /// Rows in the shard's Parquet file (points × runs).
    pub rows: u64,
    /// The sha256 of the Parquet file.
    pub sha256: String,
    /// The design.
    pub spec: StudySpec,
    /// The measures, as the runs hold them.
    pub measures: Vec<String>,
    /// Theatre ids and names.
    pub theatres: Vec<(String, String)>,
    /// The calibration of the shard's first point.
    pub calibration: Calibration,
    /// The dataset files read.
    pub inputs: Vec<ManifestInput>,
    /// The range table.
    pub table: ManifestInput,
    /// The command that wrote it.
    pub command: String,
    /// Entente's version.
    pub entente_version: String,
}

fn perr(path: &Path, e: impl std::fmt::Display) -> SimError {
    SimError::Invalid(format!("{}: {e}", path.display()))
}

/// The design of one shard: the points of `shard` only (the whole design's points are numbered
/// from `range.start`).
pub fn shard_design(d: &Design, shard: Shard) -> Result<(Design, std::ops::Range<usize>)> {
    let total = d.values.len();
    if shard.count > total {
        return Err(SimError::Invalid(format!(
            "--shard {}/{}: {} shards for a design of {total} points; use at most {total}",
            shard.index, shard.count, shard.count
        )));
    }
    let r = shard.range(total);
    let part = Design {
        method: d.method,
        ranges: d.ranges.clone(),
        base: d.base.clone(),
        kinds: d.kinds[r.clone()].to_vec(),
        group: d.group[r.clone()].to_vec(),
        values: d.values[r.clone()].to_vec(),
    };
    Ok((part, r))
}

/// The runs of a shard as Parquet: one row per point and run, `point`, `run` and one column per
/// measure.
pub fn shard_parquet(r: &StudyRuns, first_point: usize) -> Result<(Vec<u8>, u64)> {
    let mut fields = vec![
        Field::new("point", DataType::UInt64, false),
        Field::new("run", DataType::UInt64, false),
    ];
    for m in &r.measures {
        fields.push(Field::new(m, DataType::Float64, false));
    }
    let schema = Arc::new(Schema::new(fields));
    let (mut point, mut run) = (Vec::new(), Vec::new());
    let mut cols: Vec<Vec<f64>> = vec![Vec::new(); r.measures.len()];
    for (p, per) in r.values.iter().enumerate() {
        let runs = per.first().map_or(0, Vec::len);
        point.extend(std::iter::repeat_n((first_point + p) as u64, runs));
        run.extend(0..runs as u64);
        for (c, v) in cols.iter_mut().zip(per) {
            c.extend_from_slice(v);
        }
    }
    let rows = point.len() as u64;
    let mut arrays: Vec<ArrayRef> = vec![
        Arc::new(UInt64Array::from(point)),
        Arc::new(UInt64Array::from(run)),
    ];
    arrays.extend(
        cols.into_iter()
            .map(|c| Arc::new(Float64Array::from(c)) as ArrayRef),
    );
    let e = |e: parquet::errors::ParquetError| SimError::Invalid(format!("shard rows: {e}"));
    let batch = RecordBatch::try_new(schema.clone(), arrays)
        .map_err(|e| SimError::Invalid(format!("shard rows: {e}")))?;
    let mut buf = Vec::new();
    let mut w = ArrowWriter::try_new(&mut buf, schema, None).map_err(e)?;
    w.write(&batch).map_err(e)?;
    w.close().map_err(e)?;
    Ok((buf, rows))
}

/// Reads a shard's runs into `values[point - first][measure][run]`.
fn read_runs(path: &Path, m: &StudyShardManifest) -> Result<Vec<Vec<Vec<f64>>>> {
    let range = Shard {
        index: m.shard,
        count: m.shards,
    }
    .range(m.points);
    let runs = m.spec.runs as usize;
    let mut out = vec![vec![Vec::with_capacity(runs); m.measures.len()]; range.len()];
    let f = std::fs::File::open(path).map_err(|e| perr(path, e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(f)
        .and_then(|b| b.build())
        .map_err(|e| perr(path, e))?;
    let col = |b: &RecordBatch, name: &str| -> Result<ArrayRef> {
        b.column_by_name(name)
            .cloned()
            .ok_or_else(|| perr(path, format!("no column '{name}'")))
    };
    for batch in reader {
        let b = batch.map_err(|e| perr(path, e))?;
        let pc = col(&b, "point")?;
        let rc = col(&b, "run")?;
        let (Some(pt), Some(rn)) = (
            pc.as_any().downcast_ref::<UInt64Array>(),
            rc.as_any().downcast_ref::<UInt64Array>(),
        ) else {
            return Err(perr(path, "point and run must be whole numbers"));
        };
        let ms: Vec<ArrayRef> = m
            .measures
            .iter()
            .map(|n| col(&b, n))
            .collect::<Result<_>>()?;
        let mf: Vec<&Float64Array> = ms
            .iter()
            .map(|a| {
                a.as_any()
                    .downcast_ref::<Float64Array>()
                    .ok_or_else(|| perr(path, "a measure column is not a number"))
            })
            .collect::<Result<_>>()?;
        for i in 0..b.num_rows() {
            let p = pt.value(i) as usize;
            if !range.contains(&p) {
                return Err(perr(
                    path,
                    format!("point {p} is outside the shard's points {range:?}"),
                ));
            }
            let slot = &mut out[p - range.start];
            if rn.value(i) as usize != slot[0].len() {
                return Err(perr(
                    path,
                    format!("run {} of point {p} is out of order", rn.value(i)),
                ));
            }
            for (j, c) in mf.iter().enumerate() {
                slot[j].push(c.value(i));
            }
        }
    }
    if out.iter().any(|p| p.iter().any(|v| v.len() != runs)) {
        return Err(perr(path, format!("a point has not {runs} runs")));
    }
    Ok(out)
}

/// Is the shard manifest at `path` a sensitivity shard's?
pub fn is_study_manifest(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(|k| k == KIND))
        .unwrap_or(false)
}

/// A merged study: the design, its runs, and the shards' manifests in shard order.
pub struct Merged {
    /// The scenario's base.
    pub base: Base,
    /// The design.
    pub design: Design,
    /// The runs of every point.
    pub runs: StudyRuns,
    /// The manifests, in shard order.
    pub manifests: Vec<StudyShardManifest>,
}

/// Merges the sensitivity shards in `dir`: every shard of one design present exactly once,
/// complete (its manifest written and its rows' sha256 matching), from one seed. A missing or
/// duplicated shard is named.
pub fn merge(dir: &Path) -> Result<Merged> {
    let manifests = collect_shards(dir, |p, text| {
        let m: StudyShardManifest = serde_json::from_str(text)
            .map_err(|e| perr(p, format!("not a sensitivity shard's manifest ({e})")))?;
        if m.kind != KIND {
            return Err(perr(p, "not a sensitivity shard's manifest"));
        }
        Ok(m)
    })?;
    let (first_path, first) = &manifests[0];
    let (base, design) = first.spec.design()?;
    if design.values.len() != first.points || first.spec.hash()? != first.design {
        return Err(perr(
            first_path,
            "its design does not rebuild to the one it names (changed by hand?)",
        ));
    }
    let mut values = Vec::with_capacity(first.points);
    for (mp, m) in &manifests {
        let (pq, _) = verified_rows(dir, mp, m)?;
        values.extend(read_runs(&pq, m)?);
    }
    let manifests: Vec<StudyShardManifest> = manifests.into_iter().map(|(_, m)| m).collect();
    let mut calibration = manifests[0].calibration.clone();
    calibration.inputs = manifests[0].inputs.clone();
    let runs = StudyRuns {
        measures: manifests[0].measures.clone(),
        values,
        calibration,
        theatres: manifests[0].theatres.clone(),
    };
    Ok(Merged {
        base,
        design,
        runs,
        manifests,
    })
}

crate::shard::shard_header!(StudyShardManifest);
