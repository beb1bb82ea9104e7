//! A publisher's zip archive: downloaded once into a temporary file in the data directory, then the
//! members a manifest names are extracted, streamed, each checked against its binding size and
//! sha256, and renamed into place only when every member of the archive is verified.
//!
//! The archive's own sha256 is usually unknown until a first download (publishers re-zip), so it is
//! checked only when given. What protects the data directory is the members' checksums and the caps:
//! an archive larger than [`MAX_ARCHIVE_BYTES`], a member whose name leaves its folder (`..`, an
//! absolute path), or a member that declares or inflates to more bytes than the manifest's size is
//! refused before anything is written where it would stay.

use std::fs;
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::thread;

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

use crate::fetch::{agent, retryable_status};
use crate::hash::{normalize_sha256, sha256_file, CHUNK};
use crate::path::{temp_file_in, validate_rel_path};
use crate::{FetchError, FetchOptions, FetchOutcome};
use entente_output::{parent_of, Outputs};

/// The largest archive downloaded (and the largest nested archive extracted): 1 GiB.
pub const MAX_ARCHIVE_BYTES: u64 = 1 << 30;

/// One archive and the members to take from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    /// The archive's `http(s)://` URL.
    pub url: String,
    /// The archive's sha256, when it has been confirmed; `None` while unconfirmed.
    pub sha256: Option<String>,
    /// The members to extract.
    pub members: Vec<MemberEntry>,
}

/// One member of an archive and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberEntry {
    /// The member's name in the archive (`DirectContiguity320/contdird.csv`). A member of a zip
    /// inside the zip is named `outer.zip!/inner.csv`.
    pub member: String,
    /// Its path under the data directory.
    pub rel_path: String,
    /// Its binding sha256.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Brings the archive's members into `data_dir`. Members already in place with the right sha256
/// are left alone; if all are, nothing is downloaded. Otherwise the archive is downloaded (transient
/// failures retried as in [`crate::fetch_all`]), every missing member is extracted and verified,
/// and only then are they all renamed into place. On any failure nothing changes in `data_dir`.
pub fn fetch_archive(
    entry: &ArchiveEntry,
    data_dir: &Path,
    opts: &FetchOptions,
) -> Result<Vec<FetchOutcome>, FetchError> {
    let (outcomes, staged) = stage_archive(entry, data_dir, opts)?;
    staged.commit()?;
    Ok(outcomes)
}

/// As [`fetch_archive`], but leaves the verified members staged in `entente-output`'s [`Outputs`]
/// (beside their destinations), so that a caller can commit several archives and plain downloads
/// as one all-or-nothing set. Dropping the set removes them and any folder it created.
pub fn stage_archive(
    entry: &ArchiveEntry,
    data_dir: &Path,
    opts: &FetchOptions,
) -> Result<(Vec<FetchOutcome>, Outputs), FetchError> {
    let fail = |message: String| FetchError::Archive {
        archive: entry.url.clone(),
        message,
    };
    let archive_sha = match &entry.sha256 {
        Some(s) => Some(normalize_sha256(&entry.url, s)?),
        None => None,
    };
    let mut todo = Vec::new();
    let mut outcomes = Vec::new();
    let mut staged = Outputs::new();
    for m in &entry.members {
        let dest = data_dir.join(validate_rel_path(&m.rel_path)?);
        let sha = normalize_sha256(&m.rel_path, &m.sha256)?;
        if m.member.split("!/").any(|part| !safe_member_name(part)) {
            return Err(fail(format!(
                "member {:?} leaves the archive's folder",
                m.member
            )));
        }
        let here = fs::metadata(&dest).is_ok_and(|md| md.is_file() && md.len() == m.size)
            && sha256_file(&dest)? == sha;
        if here {
            outcomes.push(FetchOutcome::AlreadyPresent {
                rel_path: m.rel_path.clone(),
                bytes: m.size,
            });
        } else {
            todo.push((m, dest, sha));
        }
    }
    if todo.is_empty() {
        return Ok((outcomes, staged));
    }
    // The archive goes beside the first member's destination, so that renames stay on one file system.
    let first_dir = parent_of(&todo[0].1).to_path_buf();
    staged.create_dir(&first_dir)?;
    let (archive, attempts) = download(entry, &first_dir, opts, archive_sha.as_deref())?;
    let mut zip = open_zip(
        archive
            .reopen()
            .map_err(|e| FetchError::io("read", archive.path(), e))?,
    )
    .map_err(|e| fail(format!("not a readable zip archive: {e}")))?;
    for (m, dest, sha) in &todo {
        staged.create_dir(parent_of(dest))?;
        let replaced = dest.exists();
        let mut out = staged.create(dest)?;
        let got = extract(&mut zip, m, parent_of(dest), &mut out).map_err(&fail)?;
        if &got != sha {
            return Err(fail(format!(
                "member {} has sha256 {got}, not the release's {sha}",
                m.member
            )));
        }
        outcomes.push(FetchOutcome::Downloaded {
            rel_path: m.rel_path.clone(),
            bytes: m.size,
            attempts,
            replaced,
        });
    }
    Ok((outcomes, staged))
}

/// A member name that stays inside the archive's folder: relative, no `..`, no backslash or NUL.
fn safe_member_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains('\0')
        && !name.split('/').any(|s| s == ".." || s.is_empty())
}

fn open_zip<R: Read + Seek>(r: R) -> zip::result::ZipResult<zip::ZipArchive<R>> {
    zip::ZipArchive::new(r)
}

/// Extracts one member (following `outer.zip!/inner` into nested archives) into `out`, refusing a
/// member whose stored name leaves its folder or that is larger than `m.size`; returns the sha256
/// of what was written. A nested archive is unpacked through a scratch file in `scratch`.
fn extract<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    m: &MemberEntry,
    scratch: &Path,
    out: &mut fs::File,
) -> Result<String, String> {
    let mut parts: Vec<&str> = m.member.split("!/").collect();
    let last = parts.pop().unwrap_or_default();
    if parts.is_empty() {
        return copy_member(zip, last, m.size, out);
    }
    // Nested: the outer member to a scratch file (capped), then into it.
    let mut outer = temp_file_in(scratch).map_err(|e| e.to_string())?;
    copy_member(zip, parts[0], MAX_ARCHIVE_BYTES, outer.as_file_mut())?;
    let file = outer.reopen().map_err(|e| e.to_string())?;
    let mut inner =
        open_zip(file).map_err(|e| format!("{} is not a readable zip archive: {e}", parts[0]))?;
    let rest = MemberEntry {
        member: parts[1..]
            .iter()
            .copied()
            .chain(std::iter::once(last))
            .collect::<Vec<_>>()
            .join("!/"),
        ..m.clone()
    };
    extract(&mut inner, &rest, scratch, out)
}

/// Streams a member into `out`, reading at most `cap` bytes; returns the sha256 of what it wrote.
fn copy_member<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    cap: u64,
    out: &mut fs::File,
) -> Result<String, String> {
    let mut file = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => format!("no member {name:?} in the archive"),
        e => format!("member {name}: {e}"),
    })?;
    if file.enclosed_name().is_none() {
        return Err(format!("member {name:?} leaves the archive's folder"));
    }
    if file.size() > cap {
        return Err(format!(
            "member {name} declares {} bytes, more than the {cap} expected",
            file.size()
        ));
    }
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("member {name} cannot be read: {e}")),
        };
        total += n as u64;
        // A member that inflates beyond what it declared (a zip bomb) stops here.
        if total > cap {
            return Err(format!(
                "member {name} inflates to more than the {cap} bytes expected"
            ));
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])
            .map_err(|e| format!("cannot write member {name}: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write member {name}: {e}"))?;
    Ok(hex::encode(hasher.finalize()))
}

/// Downloads the archive into a temporary file in `dir`; returns it and the requests it took.
fn download(
    entry: &ArchiveEntry,
    dir: &Path,
    opts: &FetchOptions,
    sha: Option<&str>,
) -> Result<(NamedTempFile, u32), FetchError> {
    let agent = agent(opts);
    let max = opts.retries.saturating_add(1);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let (err, retry) = match attempt(&agent, entry, dir, sha) {
            Ok(tmp) => return Ok((tmp, attempts)),
            Err(e) => e,
        };
        if !retry || attempts >= max {
            return Err(FetchError::Network {
                rel_path: entry
                    .members
                    .first()
                    .map(|m| m.rel_path.clone())
                    .unwrap_or_default(),
                url: entry.url.clone(),
                attempts,
                message: err,
            });
        }
        thread::sleep(opts.backoff(attempts));
    }
}

/// One request; the error says whether it is worth another try.
fn attempt(
    agent: &ureq::Agent,
    entry: &ArchiveEntry,
    dir: &Path,
    sha: Option<&str>,
) -> Result<NamedTempFile, (String, bool)> {
    let response = agent
        .get(&entry.url)
        .call()
        .map_err(|e| (e.to_string(), true))?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err((format!("HTTP {status}"), retryable_status(status)));
    }
    let announced = response.body().content_length();
    if announced.is_some_and(|n| n > MAX_ARCHIVE_BYTES) {
        return Err((
            format!("the archive is larger than {MAX_ARCHIVE_BYTES} bytes"),
            false,
        ));
    }
    let mut tmp = temp_file_in(dir).map_err(|e| (e.to_string(), false))?;
    let mut body = response.into_body().into_reader();
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut received = 0u64;
    loop {
        let n = match body.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err((
                    format!("transfer broke off after {received} bytes: {e}"),
                    true,
                ))
            }
        };
        received += n as u64;
        if received > MAX_ARCHIVE_BYTES {
            return Err((
                format!("the archive is larger than {MAX_ARCHIVE_BYTES} bytes"),
                false,
            ));
        }
        hasher.update(&buf[..n]);
        tmp.write_all(&buf[..n])
            .map_err(|e| (format!("cannot write {}: {e}", tmp.path().display()), false))?;
    }
    if announced.is_some_and(|n| n != received) {
        return Err((
            format!(
                "the connection closed after {received} of {} bytes",
                announced.unwrap_or_default()
            ),
            true,
        ));
    }
    let got = hex::encode(hasher.finalize());
    if let Some(want) = sha {
        if got != want {
            return Err((
                format!("the archive has sha256 {got}, not the confirmed {want}"),
                true,
            ));
        }
    }
    tmp.as_file_mut()
        .flush()
        .map_err(|e| (e.to_string(), false))?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_that_leave_the_folder_are_refused() {
        for bad in [
            "../x.csv",
            "/etc/passwd",
            "a/../../x",
            "a\\..\\x",
            "",
            "a//b",
        ] {
            assert!(!safe_member_name(bad), "{bad:?}");
        }
        for good in [
            "x.csv",
            "DirectContiguity320/contdird.csv",
            "ATOP 5.1 (.csv)/a.csv",
        ] {
            assert!(safe_member_name(good), "{good:?}");
        }
    }
}
