//! `entente data status|fetch|add`.

use crate::cli::{AddArgs, DataCommand, FetchArgs, Global, StatusArgs};
use crate::output::{emit, print, Listing};
use anyhow::{bail, Context, Result};
use entente_data::{check, registry, Store};
use entente_fetch::{
    install_file, sha256_file, stage_all, stage_archive, ArchiveEntry, FetchEntry, FetchOptions,
    FetchOutcome, MemberEntry,
};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;

pub fn run(g: &Global, c: DataCommand) -> Result<()> {
    match c {
        DataCommand::Status(a) => status(g, a),
        DataCommand::Fetch(a) => fetch(g, a),
        DataCommand::Add(a) => add(g, a),
    }
}

#[derive(Serialize)]
struct StatusRow {
    dataset: String,
    file: String,
    found: bool,
    path: Option<String>,
    version: String,
    coverage: (i32, i32),
    rows: Option<usize>,
    sha256: Option<String>,
    known_release: Option<bool>,
    /// A file of an alternative release (MID 5.0), read in place of another when present.
    optional: bool,
    error: Option<String>,
    page: String,
}

fn status(g: &Global, a: StatusArgs) -> Result<()> {
    let dir = super::data_dir(g)?;
    let store = Store::new(&dir.path);
    let loaded: Vec<_> = store.load_all();
    let mut rows = Vec::new();
    for spec in registry::datasets()? {
        let result = loaded.iter().find(|(id, _)| *id == spec.id).map(|(_, r)| r);
        for f in &spec.files {
            let path = f.locate(&dir.path);
            let prov = match result {
                Some(Ok(ps)) => ps
                    .iter()
                    .find(|p| Some(p.path.as_str()) == path.as_ref().and_then(|p| p.to_str())),
                _ => None,
            };
            // A file found but not read (a SIPRI workbook whose sheets all came from their CSVs):
            // hash it so that its status still says whether it is the known release.
            // A file that cannot be read marks its own row; the other rows are still reported.
            let (unread_sha, hash_error) = match (prov, &path) {
                (None, Some(p)) if matches!(result, Some(Ok(_))) => match sha256_file(p) {
                    Ok(sha) => (Some(sha), None),
                    Err(e) => (None, Some(format!("{}: {e}", p.display()))),
                },
                _ => (None, None),
            };
            let error = match (result, &path) {
                (Some(Err(e)), Some(_)) => Some(e.to_string()),
                _ => hash_error,
            };
            rows.push(StatusRow {
                dataset: spec.id.clone(),
                file: f.role.clone(),
                found: path.is_some(),
                path: path.as_ref().map(|p| p.display().to_string()),
                version: prov
                    .map(|p| p.version.clone())
                    .or_else(|| f.version.clone())
                    .unwrap_or_else(|| spec.version.clone()),
                coverage: prov
                    .map(|p| p.coverage)
                    .or(f.coverage)
                    .unwrap_or(spec.coverage),
                rows: prov.map(|p| p.rows),
                sha256: prov.map(|p| p.sha256.clone()).or(unread_sha.clone()),
                known_release: prov
                    .map(|p| p.known_release)
                    .or(unread_sha.map(|s| s == f.sha256)),
                optional: f.optional,
                error,
                page: spec.page.clone(),
            });
        }
    }
    if a.format == crate::cli::Format::Table {
        eprintln!(
            "data directory: {} (from {})",
            dir.path.display(),
            dir.chosen_by
        );
    }
    emit(a.format, &rows, || Listing {
        headers: vec![
            "dataset", "file", "status", "version", "coverage", "rows", "sha256",
        ],
        rows: rows
            .iter()
            .map(|r| {
                let status = match (r.found, &r.error, r.known_release) {
                    (false, _, _) if r.optional => "absent (optional newer release)".to_string(),
                    (false, _, _) => "missing".to_string(),
                    (true, Some(e), _) => format!("ERROR: {e}"),
                    (true, None, Some(true)) if r.rows.is_none() => {
                        "found, known release (not needed)".to_string()
                    }
                    (true, None, Some(true)) => "ok, known release".to_string(),
                    (true, None, _) => "ok, not a known release".to_string(),
                };
                vec![
                    r.dataset.clone(),
                    r.file.clone(),
                    status,
                    r.version.clone(),
                    format!("{}–{}", r.coverage.0, r.coverage.1),
                    r.rows.map(|n| n.to_string()).unwrap_or_default(),
                    r.sha256
                        .as_deref()
                        .map(|s| format!("{}…", &s[..12]))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    })
}

fn fetch(g: &Global, a: FetchArgs) -> Result<()> {
    let dir = super::data_dir(g)?;
    let datasets = registry::datasets()?;
    for id in &a.only {
        registry::dataset(id).with_context(|| "--only")?;
    }
    let mut entries = Vec::new();
    let mut archives: Vec<ArchiveEntry> = Vec::new();
    let mut manual = Vec::new();
    let mirrored = |name: &str| {
        a.mirror.as_ref().map(|m| {
            format!(
                "{}/{}",
                m.trim_end_matches('/'),
                name.split('/')
                    .map(encode_segment)
                    .collect::<Vec<_>>()
                    .join("/")
            )
        })
    };
    for spec in datasets
        .iter()
        .filter(|d| a.only.is_empty() || a.only.contains(&d.id))
    {
        for f in spec.files.iter().filter(|f| !f.optional) {
            // A publisher's archive: from the mirror, the archive is found by its file name.
            if let (Some(url), Some(member)) = (&f.archive, &f.member) {
                let name = url.rsplit('/').next().unwrap_or(url);
                let url = mirrored(name).unwrap_or_else(|| url.clone());
                let m = MemberEntry {
                    member: member.clone(),
                    rel_path: f.path.clone(),
                    sha256: f.sha256.clone(),
                    size: f.size,
                };
                match archives.iter_mut().find(|e| e.url == url) {
                    Some(e) => e.members.push(m),
                    None => archives.push(ArchiveEntry {
                        url,
                        sha256: f.archive_sha256.clone().filter(|s| s != "unconfirmed"),
                        members: vec![m],
                    }),
                }
                continue;
            }
            let url = mirrored(&f.path).or_else(|| f.url.clone());
            match url {
                Some(url) => entries.push(FetchEntry {
                    rel_path: f.path.clone(),
                    url,
                    sha256: f.sha256.clone(),
                    size: Some(f.size),
                }),
                None => manual.push((spec, f)),
            }
        }
    }
    let opts = FetchOptions {
        retries: a.retries,
        progress: std::io::stderr().is_terminal(),
        ..FetchOptions::default()
    };
    eprintln!(
        "fetching {} file(s) into {}",
        entries.len(),
        dir.path.display()
    );
    // One all-or-nothing set: plain downloads and archive members stay staged beside their
    // destinations until the last is verified, so a failure leaves the folder as it was.
    let (mut outcomes, mut staged) = stage_all(&entries, &dir.path, &opts)?;
    for e in &archives {
        let (more, files) = stage_archive(e, &dir.path, &opts)?;
        outcomes.extend(more);
        staged.extend(files);
    }
    staged.commit()?;
    let mut report = String::new();
    for o in &outcomes {
        match o {
            FetchOutcome::AlreadyPresent { rel_path, .. } => {
                report.push_str(&format!("  present     {rel_path} (checksum ok)\n"))
            }
            FetchOutcome::Downloaded {
                rel_path,
                bytes,
                attempts,
                ..
            } => report.push_str(&format!(
                "  downloaded  {rel_path} ({bytes} bytes, {attempts} attempt(s), checksum ok)\n"
            )),
        }
    }
    let mut steps_shown = Vec::new();
    for (spec, f) in &manual {
        if f.locate(&dir.path).is_some() {
            report.push_str(&format!("  present     {}\n", f.path));
            continue;
        }
        report.push_str(&format!("  manual      {} ({})\n", f.path, spec.id));
        if !steps_shown.contains(&spec.id) {
            steps_shown.push(spec.id.clone());
            let steps = spec.manual.as_deref().unwrap_or("no download is known");
            report.push_str(&format!("      how: {steps}\n      page: {}\n", spec.page));
        }
    }
    print(&report)
}

fn encode_segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn add(g: &Global, a: AddArgs) -> Result<()> {
    let dir = super::data_dir(g)?;
    match std::fs::metadata(&a.file) {
        Ok(m) if m.is_file() => {}
        Ok(_) => bail!(
            "{}: not a regular file (give the downloaded file itself)",
            a.file.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{}: no such file", a.file.display())
        }
        Err(e) => bail!("{}: {e}", a.file.display()),
    }
    let (spec, fspec) = match (&a.dataset, &a.role) {
        (Some(d), Some(r)) => {
            let spec = registry::dataset(d)?;
            (spec, spec.file(r)?)
        }
        _ => check::identify(&a.file)?,
    };
    let (rows, sha) = check::check_file(&spec.id, &fspec.role, &a.file)?;
    let known = sha == fspec.sha256;
    // Never swap the known release for another file by accident: that needs --replace-known.
    // A file in another format than the manifest's (the publisher's Stata file for a CSV) keeps
    // its own name in the dataset's folder, where the store looks for the alternatives.
    let ext = |p: &Path| p.extension().map(|e| e.to_ascii_lowercase());
    let rel = match a.file.file_name() {
        Some(name) if ext(&a.file) != ext(Path::new(&fspec.path)) => Path::new(&fspec.path)
            .with_file_name(name)
            .to_string_lossy()
            .into_owned(),
        _ => fspec.path.clone(),
    };
    let dest = dir.path.join(&rel);
    if !known && !a.replace_known && dest.is_file() && sha256_file(&dest)? == fspec.sha256 {
        bail!(
            "{}: the data directory holds the known release of {} ('{}'); {} (sha256 {}) is not it. Pass --replace-known to replace it anyway",
            dest.display(),
            spec.id,
            fspec.role,
            a.file.display(),
            &sha[..12]
        );
    }
    install_file(&a.file, &dir.path, &rel, None)?;
    print(&format!(
        "added {} as {} ({}, file '{}'): {rows} rows, sha256 {sha}, {}\n",
        a.file.display(),
        dest.display(),
        spec.id,
        fspec.role,
        if known {
            format!(
                "the known release ({})",
                fspec.version.as_deref().unwrap_or(&spec.version)
            )
        } else {
            "not a known release: outputs will say so in their manifests".to_string()
        }
    ))
}
