//! `entente sweep --shard I/N` and `entente merge`: a sweep split over a cluster's tasks.

use crate::cli::Global;
use crate::cli_sim::{MergeArgs, SweepArgs};
use crate::output::print;
use anyhow::{bail, Result};
use entente_sim::output::write_atomic;
use entente_sim::shard::{
    design_hash, merge as merge_shards, sha256, shard_parquet, Shard, ShardManifest,
};
use entente_sim::sweep::{run_sweep, Param, Point};

/// Runs one shard of a sweep's points and writes its rows, then its manifest.
pub fn run_shard(
    g: &Global,
    a: &SweepArgs,
    spec: &str,
    text: &str,
    params: &[Param],
    pts: Vec<Point>,
) -> Result<()> {
    let shard = Shard::parse(spec, a.shards)?;
    let total = pts.len();
    if shard.count > total {
        bail!(
            "--shard {spec}: {} shards for a design of {total} points; use at most {total}",
            shard.count
        );
    }
    let range = shard.range(total);
    let seed = pts.first().map(|p| p.scenario.seed).unwrap_or_default();
    let mine: Vec<Point> = pts
        .into_iter()
        .skip(range.start)
        .take(range.end - range.start)
        .collect();
    let st = super::store(g).ok();
    let res = run_sweep(mine, params, st.as_ref(), a.runs, a.threads, &|_| {})?;
    let (bytes, rows) = shard_parquet(&res, range.start)?;
    std::fs::create_dir_all(&a.out)?;
    let stem = shard.stem();
    let pq = a.out.join(format!("{stem}.parquet"));
    // The rows first; the manifest last, so that a shard without a manifest is known to be partial.
    let old_manifest = a.out.join(format!("{stem}.manifest.json"));
    if old_manifest.exists() {
        std::fs::remove_file(&old_manifest)?;
    }
    write_atomic(&pq, &bytes)?;
    let m = ShardManifest {
        design: design_hash(text, params, a.runs),
        seed,
        shard: shard.index,
        shards: shard.count,
        points: total,
        first_point: range.start,
        rows,
        sha256: sha256(&bytes),
        params: res.params.clone(),
        theatres: res.theatres.clone(),
        inputs: entente_sim::output::inputs(&res.calibration),
        calibration: res.calibration.clone(),
        command: super::command_line(),
        entente_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let mut mt = serde_json::to_string_pretty(&m)?;
    mt.push('\n');
    write_atomic(&old_manifest, mt.as_bytes())?;
    print(&format!(
        "shard {} of {}: points {}-{} of {total}, {rows} rows\nwrote {}, {}\n",
        shard.index,
        shard.count,
        range.start,
        range.end.saturating_sub(1),
        pq.display(),
        old_manifest.display()
    ))
}

/// Merges the shards in a folder: a sensitivity study's when its manifests say so, else a sweep's.
pub fn merge(a: MergeArgs) -> Result<()> {
    if is_study(&a.dir) {
        return super::sensitivity::merge(&a.dir);
    }
    let (mut res, manifests) = merge_shards(&a.dir)?;
    res.calibration.inputs = manifests[0].inputs.clone();
    let written = super::sim::write_sweep(&a.dir, &res, &super::command_line())?;
    print(&format!(
        "merged {} shards of design {} ({} points)\nwrote {}\n",
        manifests.len(),
        &manifests[0].design[..12],
        res.points.len(),
        written.join(", ")
    ))
}

/// Does the folder hold a sensitivity study's shards (its first shard manifest's `kind`)?
fn is_study(dir: &std::path::Path) -> bool {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return false;
    };
    let mut names: Vec<std::path::PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("shard-") && n.ends_with(".manifest.json"))
        })
        .collect();
    names.sort();
    names
        .first()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .is_some_and(|t| entente_sim::study_shard::is_study_manifest(&t))
}
