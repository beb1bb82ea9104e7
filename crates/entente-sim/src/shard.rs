//! Sharded sweeps (`docs/scale-out.md`): the points of a design split into `N` contiguous blocks by
//! a rule that depends only on the design, each block run alone (a Slurm array task, a Kubernetes
//! Indexed Job completion) into `shard-I-of-N.parquet` with its manifest written last, and the shards
//! merged back into the very result an unsharded sweep gives. Every point runs on the scenario's own
//! per-run streams, so the split does not change a number.

use crate::calibrate::Calibration;
use crate::error::{Result, SimError};
use crate::runner::Stat;
use crate::sweep::{PointResult, SweepResult};
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema};
use entente_core::ManifestInput;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Most shards a design may be split into.
pub const MAX_SHARDS: usize = 100_000;

/// One shard of a design: `index` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// From 0.
    pub index: usize,
    /// How many.
    pub count: usize,
}

fn env_usize(name: &str) -> Option<std::result::Result<usize, String>> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse::<usize>()
            .map_err(|_| format!("{name}={v:?} is not a whole number"))
    })
}

impl Shard {
    /// Parses `I/N`, or `auto`: Slurm's `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`, else
    /// Kubernetes' `JOB_COMPLETION_INDEX` with the count from `shards` (`--shards`) or
    /// `ENTENTE_SHARDS`.
    pub fn parse(spec: &str, shards: Option<usize>) -> Result<Shard> {
        let bad = |why: String| SimError::Invalid(format!("--shard {spec:?}: {why}"));
        let (index, count) = if spec.trim() == "auto" {
            if let Some(i) = env_usize("SLURM_ARRAY_TASK_ID") {
                let n = env_usize("SLURM_ARRAY_TASK_COUNT").ok_or_else(|| {
                    bad("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not".into())
                })?;
                (i.map_err(bad)?, n.map_err(bad)?)
            } else if let Some(i) = env_usize("JOB_COMPLETION_INDEX") {
                let n = match shards {
                    Some(n) => n,
                    None => env_usize("ENTENTE_SHARDS")
                        .ok_or_else(|| {
                            bad("JOB_COMPLETION_INDEX is set: give the count with --shards N or ENTENTE_SHARDS".into())
                        })?
                        .map_err(bad)?,
                };
                (i.map_err(bad)?, n)
            } else {
                return Err(bad(
                    "no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment".into(),
                ));
            }
        } else {
            let (i, n) = spec
                .split_once('/')
                .ok_or_else(|| bad("expected I/N (for example 0/4) or auto".into()))?;
            let num = |s: &str| {
                s.trim()
                    .parse::<usize>()
                    .map_err(|_| bad(format!("{s:?} is not a whole number")))
            };
            (num(i)?, num(n)?)
        };
        if count == 0 || count > MAX_SHARDS {
            return Err(bad(format!(
                "the shard count must be between 1 and {MAX_SHARDS}"
            )));
        }
        if index >= count {
            return Err(bad(format!("the shard index runs from 0 to {}", count - 1)));
        }
        Ok(Shard { index, count })
    }

    /// The points of this shard: the `index`-th of `count` contiguous blocks of `points`.
    pub fn range(&self, points: usize) -> std::ops::Range<usize> {
        let at = |i: usize| (i as u128 * points as u128 / self.count as u128) as usize;
        at(self.index)..at(self.index + 1)
    }

    /// The shard's file stem.
    pub fn stem(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }
}

/// The identity of a design: the sha256 of the scenario's text, the swept fields and their values,
/// and the runs per point. Shards of one design carry the same hash.
pub fn design_hash(
    scenario_text: &str,
    params: &[crate::sweep::Param],
    runs: Option<u64>,
) -> String {
    let mut h = Sha256::new();
    h.update(b"entente sweep design v1\n");
    h.update(scenario_text.as_bytes());
    h.update(b"\n--\n");
    for p in params {
        h.update(p.key.as_bytes());
        for v in &p.values {
            h.update(v.to_le_bytes());
        }
        h.update(b"\n");
    }
    h.update(format!("runs={runs:?}\n").as_bytes());
    hex::encode(h.finalize())
}

/// A shard's manifest, written after its rows: a shard without one is partial.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardManifest {
    /// The design's hash.
    pub design: String,
    /// The scenario's seed.
    pub seed: u64,
    /// This shard.
    pub shard: usize,
    /// Of how many.
    pub shards: usize,
    /// Points in the whole design.
    pub points: usize,
    /// The first point of this shard.
    pub first_point: usize,
    /// Rows in the shard's Parquet file.
    pub rows: u64,
    /// The sha256 of the Parquet file.
    pub sha256: String,
    /// The swept fields.
    pub params: Vec<String>,
    /// Theatre ids.
    pub theatres: Vec<String>,
    /// The calibration of the design's first point (shard 0's; the others carry their own first).
    pub calibration: Calibration,
    /// The dataset files read.
    pub inputs: Vec<ManifestInput>,
    /// The command that wrote it.
    pub command: String,
    /// Entente's version.
    pub entente_version: String,
}

const STATS: [&str; 6] = ["mean", "sd", "mean_lo", "mean_hi", "p2_5", "p97_5"];

fn perr(path: &Path, e: impl std::fmt::Display) -> SimError {
    SimError::Invalid(format!("{}: {e}", path.display()))
}

/// The rows of a shard as Parquet: one row per point and measure, `point`, the swept values, the
/// measure and its statistics (exact `f64`s, so the merged CSV is byte-identical).
pub fn shard_parquet(res: &SweepResult, first_point: usize) -> Result<(Vec<u8>, u64)> {
    let mut fields = vec![Field::new("point", DataType::UInt64, false)];
    for p in &res.params {
        fields.push(Field::new(p, DataType::Float64, false));
    }
    fields.push(Field::new("measure", DataType::Utf8, false));
    for s in STATS {
        fields.push(Field::new(s, DataType::Float64, false));
    }
    let schema = Arc::new(Schema::new(fields));
    let mut point = Vec::new();
    let mut vals: Vec<Vec<f64>> = vec![Vec::new(); res.params.len()];
    let mut measure = Vec::new();
    let mut stats: Vec<Vec<f64>> = vec![Vec::new(); STATS.len()];
    for (n, (v, ss)) in res.points.iter().enumerate() {
        for (name, s) in ss {
            point.push((first_point + n) as u64);
            for (j, x) in v.iter().enumerate() {
                vals[j].push(*x);
            }
            measure.push(name.clone());
            for (j, x) in [s.mean, s.sd, s.mean_lo, s.mean_hi, s.p2_5, s.p97_5]
                .into_iter()
                .enumerate()
            {
                stats[j].push(x);
            }
        }
    }
    let rows = point.len() as u64;
    let mut cols: Vec<ArrayRef> = vec![Arc::new(UInt64Array::from(point))];
    cols.extend(
        vals.into_iter()
            .map(|v| Arc::new(Float64Array::from(v)) as ArrayRef),
    );
    cols.push(Arc::new(StringArray::from(measure)));
    cols.extend(
        stats
            .into_iter()
            .map(|v| Arc::new(Float64Array::from(v)) as ArrayRef),
    );
    let batch = RecordBatch::try_new(schema.clone(), cols)
        .map_err(|e| SimError::Invalid(format!("shard rows: {e}")))?;
    let mut buf = Vec::new();
    let mut w = ArrowWriter::try_new(&mut buf, schema, None)
        .map_err(|e| SimError::Invalid(format!("shard rows: {e}")))?;
    w.write(&batch)
        .map_err(|e| SimError::Invalid(format!("shard rows: {e}")))?;
    w.close()
        .map_err(|e| SimError::Invalid(format!("shard rows: {e}")))?;
    Ok((buf, rows))
}

/// The sha256 of bytes, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn col<'a, T: 'static>(b: &'a RecordBatch, name: &str, path: &Path) -> Result<&'a T> {
    b.column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| perr(path, format!("no column '{name}' of the expected type")))
}

/// One row of a shard: point, swept values, measure, statistics.
type Row = (u64, Vec<f64>, String, Stat);

fn read_rows(path: &Path, params: &[String]) -> Result<Vec<Row>> {
    let f = std::fs::File::open(path).map_err(|e| perr(path, e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(f)
        .and_then(|b| b.build())
        .map_err(|e| perr(path, e))?;
    let mut out = Vec::new();
    for batch in reader {
        let b = batch.map_err(|e| perr(path, e))?;
        let point = col::<UInt64Array>(&b, "point", path)?;
        let measure = col::<StringArray>(&b, "measure", path)?;
        let pv: Vec<&Float64Array> = params
            .iter()
            .map(|p| col::<Float64Array>(&b, p, path))
            .collect::<Result<_>>()?;
        let sv: Vec<&Float64Array> = STATS
            .iter()
            .map(|s| col::<Float64Array>(&b, s, path))
            .collect::<Result<_>>()?;
        for r in 0..b.num_rows() {
            out.push((
                point.value(r),
                pv.iter().map(|c| c.value(r)).collect(),
                measure.value(r).to_string(),
                Stat {
                    mean: sv[0].value(r),
                    sd: sv[1].value(r),
                    mean_lo: sv[2].value(r),
                    mean_hi: sv[3].value(r),
                    p2_5: sv[4].value(r),
                    p97_5: sv[5].value(r),
                },
            ));
        }
    }
    Ok(out)
}

/// What the merge checks of every shard's manifest, for sweeps and sensitivity designs alike.
pub(crate) trait ShardHeader {
    fn design(&self) -> &str;
    fn seed(&self) -> u64;
    fn shard(&self) -> usize;
    fn shards(&self) -> usize;
    fn sha256(&self) -> &str;
}

/// [`ShardHeader`] for a manifest type with the five fields of that name.
macro_rules! shard_header {
    ($t:ty) => {
        impl $crate::shard::ShardHeader for $t {
            fn design(&self) -> &str {
                &self.design
            }
            fn seed(&self) -> u64 {
                self.seed
            }
            fn shard(&self) -> usize {
                self.shard
            }
            fn shards(&self) -> usize {
                self.shards
            }
            fn sha256(&self) -> &str {
                &self.sha256
            }
        }
    };
}
pub(crate) use shard_header;

shard_header!(ShardManifest);

/// The shards in `dir`, checked as one set: every `shard-*.parquet` has its manifest (else it is a
/// partial shard), every manifest parses (`parse` reads one and names what it expected), all share
/// one design, seed and shard count, and each shard is present exactly once. Returns the manifests
/// with their paths, in shard order.
pub(crate) fn collect_shards<M: ShardHeader>(
    dir: &Path,
    parse: impl Fn(&Path, &str) -> Result<M>,
) -> Result<Vec<(PathBuf, M)>> {
    let rd = std::fs::read_dir(dir).map_err(|e| perr(dir, e))?;
    let mut manifests: Vec<(PathBuf, M)> = Vec::new();
    let mut parquets: Vec<PathBuf> = Vec::new();
    for e in rd {
        let p = e.map_err(|e| perr(dir, e))?.path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.starts_with("shard-") {
            continue;
        }
        if name.ends_with(".manifest.json") {
            let text = std::fs::read_to_string(&p).map_err(|e| perr(&p, e))?;
            let m = parse(&p, &text)?;
            manifests.push((p, m));
        } else if name.ends_with(".parquet") {
            parquets.push(p);
        }
    }
    // A Parquet file without its manifest is a partial shard.
    for p in &parquets {
        let m = p.with_extension("manifest.json");
        if !manifests.iter().any(|(mp, _)| *mp == m) {
            return Err(perr(
                p,
                "a partial shard: its manifest is missing (rerun that shard)",
            ));
        }
    }
    if manifests.is_empty() {
        return Err(SimError::Invalid(format!(
            "{}: no shards (shard-I-of-N.parquet with its manifest)",
            dir.display()
        )));
    }
    manifests.sort_by_key(|(_, m)| (m.shards(), m.shard()));
    let (first_path, first) = &manifests[0];
    for (p, m) in &manifests {
        let against = |what: String| perr(p, format!("{what} in {}", first_path.display()));
        if m.design() != first.design() {
            let short = |d: &str| d[..12.min(d.len())].to_string();
            return Err(against(format!(
                "a shard of another design ({} against {})",
                short(m.design()),
                short(first.design())
            )));
        }
        if m.seed() != first.seed() {
            return Err(against(format!(
                "seed {} against {}",
                m.seed(),
                first.seed()
            )));
        }
        if m.shards() != first.shards() {
            return Err(against(format!(
                "one of {} shards against {}",
                m.shards(),
                first.shards()
            )));
        }
    }
    let n = first.shards();
    let mut seen = vec![false; n];
    for (p, m) in &manifests {
        if m.shard() >= n {
            return Err(perr(p, format!("shard {} of {n}", m.shard())));
        }
        if seen[m.shard()] {
            return Err(perr(p, format!("shard-{}-of-{n} appears twice", m.shard())));
        }
        seen[m.shard()] = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(SimError::Invalid(format!(
            "{}: shard-{missing}-of-{n} is missing",
            dir.display()
        )));
    }
    Ok(manifests)
}

/// A shard's Parquet bytes, checked against the sha256 its manifest (at `manifest_path`) records.
pub(crate) fn verified_rows<M: ShardHeader>(
    dir: &Path,
    manifest_path: &Path,
    m: &M,
) -> Result<(PathBuf, Vec<u8>)> {
    let pq = dir.join(format!("shard-{}-of-{}.parquet", m.shard(), m.shards()));
    let bytes = std::fs::read(&pq).map_err(|e| perr(&pq, e))?;
    if sha256(&bytes) != m.sha256() {
        return Err(perr(
            &pq,
            format!(
                "its sha256 does not match {} (truncated or changed)",
                manifest_path.display()
            ),
        ));
    }
    Ok((pq, bytes))
}

/// Merges the shards in `dir`: every shard of one design present exactly once, complete (its
/// manifest written and its rows' sha256 matching), from one seed. Returns the sweep's result as an
/// unsharded run gives it, and the manifests in shard order.
pub fn merge(dir: &Path) -> Result<(SweepResult, Vec<ShardManifest>)> {
    let manifests = collect_shards(dir, |p, text| {
        serde_json::from_str::<ShardManifest>(text)
            .map_err(|e| perr(p, format!("not a shard manifest ({e})")))
    })?;
    let (_, first) = &manifests[0];
    let mut points: Vec<PointResult> = Vec::with_capacity(first.points);
    for (mp, m) in &manifests {
        let (pq, _) = verified_rows(dir, mp, m)?;
        let rows = read_rows(&pq, &m.params)?;
        if rows.len() as u64 != m.rows {
            return Err(perr(
                &pq,
                format!("{} rows, its manifest says {}", rows.len(), m.rows),
            ));
        }
        let range = Shard {
            index: m.shard,
            count: m.shards,
        }
        .range(m.points);
        for (pt, vals, name, stat) in rows {
            let pt = pt as usize;
            if !range.contains(&pt) {
                return Err(perr(
                    &pq,
                    format!("point {pt} is outside the shard's points {range:?}"),
                ));
            }
            let n = points.len();
            if n == pt + 1 && points[n - 1].0 == vals {
                points[n - 1].1.push((name, stat));
            } else if n == pt {
                points.push((vals, vec![(name, stat)]));
            } else {
                return Err(perr(&pq, format!("point {pt} is out of order")));
            }
        }
    }
    if points.len() != first.points {
        return Err(SimError::Invalid(format!(
            "{}: the shards hold {} points, the design has {}",
            dir.display(),
            points.len(),
            first.points
        )));
    }
    let manifests: Vec<ShardManifest> = manifests.into_iter().map(|(_, m)| m).collect();
    let res = SweepResult {
        params: manifests[0].params.clone(),
        theatres: manifests[0].theatres.clone(),
        points,
        calibration: manifests[0].calibration.clone(),
    };
    Ok((res, manifests))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_cover_the_points_once() {
        for points in [1usize, 7, 10, 11, 1000] {
            for count in 1..=12usize.min(points) {
                let mut next = 0;
                for index in 0..count {
                    let r = Shard { index, count }.range(points);
                    assert_eq!(r.start, next);
                    assert!(!r.is_empty(), "{points} points, {index}/{count}");
                    next = r.end;
                }
                assert_eq!(next, points);
            }
        }
    }

    #[test]
    fn specs_parse_strictly() {
        assert_eq!(
            Shard::parse("1/4", None).unwrap(),
            Shard { index: 1, count: 4 }
        );
        for bad in ["4/4", "0/0", "x/4", "1", "-1/4", "1/4/5"] {
            assert!(Shard::parse(bad, None).is_err(), "{bad}");
        }
    }
}
