//! Downloading a manifest of files.

use std::collections::HashSet;
use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};

use crate::hash::{normalize_sha256, sha256_file, CHUNK};
use crate::path::validate_rel_path;
use crate::FetchError;
use entente_output::{parent_of, Outputs};

/// One file to fetch: where it goes, where it comes from, and what it must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchEntry {
    /// Path under the data directory, `/`-separated, e.g. `"cow_states2016/states2016.csv"`.
    pub rel_path: String,
    /// `http://` or `https://` URL of the official file.
    pub url: String,
    /// Expected sha256 of the file, hexadecimal (lowercase by convention; case is ignored).
    pub sha256: String,
    /// Expected size in bytes, when known; checked before the checksum.
    pub size: Option<u64>,
}

/// How to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Extra attempts after a transient failure (connection refused or reset, body cut short,
    /// time-out, HTTP 5xx/408/429). Default 4, so at most 5 requests per file.
    pub retries: u32,
    /// Wait before the first retry; it doubles for each further retry. Default 500 ms.
    pub initial_backoff: Duration,
    /// Ceiling of the wait between retries. Default 30 s.
    pub max_backoff: Duration,
    /// Limit for connecting, for awaiting the response headers, and for each read of the body
    /// (an idle time, so a large file on a slow but live link is not cut off). Default 30 s.
    pub timeout: Duration,
    /// Draw an indicatif progress bar on stderr; only done when stderr is a terminal. Default `false`.
    pub progress: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            retries: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            timeout: Duration::from_secs(30),
            progress: false,
        }
    }
}

impl FetchOptions {
    /// The wait after failed attempt number `attempt` (1-based): `initial_backoff · 2^(attempt−1)`,
    /// capped at `max_backoff`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// What [`fetch_all`] did for one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// A file with the expected sha256 (and size) was already in place; nothing was downloaded.
    AlreadyPresent {
        /// The entry's relative path.
        rel_path: String,
        /// Its size.
        bytes: u64,
    },
    /// The file was downloaded, verified and moved into place.
    Downloaded {
        /// The entry's relative path.
        rel_path: String,
        /// Its size.
        bytes: u64,
        /// How many requests it took (1 when the first succeeded).
        attempts: u32,
        /// Whether a file with other content was there before and has been replaced.
        replaced: bool,
    },
}

impl FetchOutcome {
    /// The entry's relative path.
    pub fn rel_path(&self) -> &str {
        match self {
            FetchOutcome::AlreadyPresent { rel_path, .. }
            | FetchOutcome::Downloaded { rel_path, .. } => rel_path,
        }
    }
}

/// Fetches every entry into `data_dir`, in order, and verifies it.
///
/// For each entry: if the destination already has the expected sha256, nothing is downloaded.
/// Otherwise the file is streamed into a temporary file in the destination's directory while it
/// is hashed; its size and sha256 are checked; only then is it renamed over the destination, so
/// the destination is at every moment either what it was before or the verified file. Missing
/// parent directories are created (and removed again if the entry fails).
///
/// Transient failures (connection refused or reset, body cut short, time-out, HTTP 5xx, 408, 429)
/// are retried `opts.retries` times with exponential backoff. Other HTTP errors are not retried. A
/// checksum or size mismatch is retried once (the transfer may have been corrupted), then reported.
///
/// All entries are checked (paths, checksums, URLs, duplicates) before anything is fetched. The
/// run is all or nothing: every download waits, verified, in its temporary file until the last has
/// succeeded, and only then are they all renamed into place (through `entente-output`, which puts
/// back what it replaced if a rename fails). The first entry that fails stops the run and leaves the
/// data directory as it was: no file installed or replaced, no folder created.
pub fn fetch_all(
    entries: &[FetchEntry],
    data_dir: &Path,
    opts: &FetchOptions,
) -> Result<Vec<FetchOutcome>, FetchError> {
    let (outcomes, staged) = stage_all(entries, data_dir, opts)?;
    staged.commit()?;
    Ok(outcomes)
}

/// As [`fetch_all`], but leaves the verified downloads staged in `entente-output`'s [`Outputs`],
/// so that a caller can commit them with other staged files (a publisher's archive members) as
/// one all-or-nothing set. Dropping the set removes them.
pub fn stage_all(
    entries: &[FetchEntry],
    data_dir: &Path,
    opts: &FetchOptions,
) -> Result<(Vec<FetchOutcome>, Outputs), FetchError> {
    let jobs = plan(entries, data_dir)?;
    let agent = agent(opts);
    let show_progress = opts.progress && io::stderr().is_terminal();
    let mut staged = Outputs::new();
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in &jobs {
        // On an error `staged` drops: every verified download waiting in it is removed.
        let (outcome, files) = fetch_one(&agent, job, opts, show_progress)?;
        if let Some(files) = files {
            staged.extend(files);
        }
        outcomes.push(outcome);
    }
    Ok((outcomes, staged))
}

/// A checked entry.
struct Job<'a> {
    entry: &'a FetchEntry,
    dest: PathBuf,
    sha256: String,
}

fn plan<'a>(entries: &'a [FetchEntry], data_dir: &Path) -> Result<Vec<Job<'a>>, FetchError> {
    let mut seen = HashSet::new();
    entries
        .iter()
        .map(|entry| {
            let rel = validate_rel_path(&entry.rel_path)?;
            if !seen.insert(entry.rel_path.as_str()) {
                return Err(FetchError::invalid(
                    &entry.rel_path,
                    "the path appears twice in the manifest",
                ));
            }
            let sha256 = normalize_sha256(&entry.rel_path, &entry.sha256)?;
            check_url(entry)?;
            Ok(Job {
                entry,
                dest: data_dir.join(rel),
                sha256,
            })
        })
        .collect()
}

fn check_url(entry: &FetchEntry) -> Result<(), FetchError> {
    let uri: ureq::http::Uri = entry.url.parse().map_err(|e| {
        FetchError::invalid(&entry.rel_path, format!("bad URL {:?}: {e}", entry.url))
    })?;
    match uri.scheme_str() {
        Some("http" | "https") if uri.host().is_some() => Ok(()),
        _ => Err(FetchError::invalid(
            &entry.rel_path,
            format!("URL {:?} is not an http(s) URL", entry.url),
        )),
    }
}

pub(crate) fn agent(opts: &FetchOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        // Statuses are classified here (retry or not), not turned into errors by ureq.
        .http_status_as_error(false)
        .timeout_connect(Some(opts.timeout))
        .timeout_send_request(Some(opts.timeout))
        .timeout_recv_response(Some(opts.timeout))
        .timeout_per_read(Some(opts.timeout))
        .user_agent(concat!("entente-fetch/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Whether `dest` already holds the expected file; its size if so.
fn present(job: &Job<'_>) -> Result<Option<u64>, FetchError> {
    let meta = match fs::metadata(&job.dest) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(FetchError::io("look at", &job.dest, e)),
    };
    if !meta.is_file() {
        return Err(FetchError::io(
            "replace",
            &job.dest,
            io::Error::other("it exists and is not a regular file"),
        ));
    }
    if job.entry.size.is_some_and(|size| size != meta.len()) {
        return Ok(None);
    }
    Ok((sha256_file(&job.dest)? == job.sha256).then_some(meta.len()))
}

fn fetch_one(
    agent: &ureq::Agent,
    job: &Job<'_>,
    opts: &FetchOptions,
    show_progress: bool,
) -> Result<(FetchOutcome, Option<Outputs>), FetchError> {
    let entry = job.entry;
    if let Some(bytes) = present(job)? {
        return Ok((
            FetchOutcome::AlreadyPresent {
                rel_path: entry.rel_path.clone(),
                bytes,
            },
            None,
        ));
    }
    let replaced = job.dest.exists();
    let dir = parent_of(&job.dest);
    let bar = progress_bar(show_progress, &entry.rel_path, entry.size);

    let max_attempts = opts.retries.saturating_add(1);
    let mut attempts = 0u32;
    let mut mismatches = 0u32;
    let result = loop {
        attempts += 1;
        if attempts > 1 {
            bar.set_message(format!("{} (attempt {attempts})", entry.rel_path));
        }
        let failure = match attempt(agent, job, dir, &bar) {
            Ok((bytes, files)) => {
                break Ok((
                    FetchOutcome::Downloaded {
                        rel_path: entry.rel_path.clone(),
                        bytes,
                        attempts,
                        replaced,
                    },
                    Some(files),
                ))
            }
            Err(failure) => failure,
        };
        let out_of_attempts = attempts >= max_attempts;
        match failure {
            Failure::Fatal(e) => break Err(e),
            Failure::Mismatch(e) => {
                mismatches += 1;
                if mismatches >= 2 || out_of_attempts {
                    break Err(e);
                }
            }
            Failure::Status(status) if retryable_status(status) && !out_of_attempts => {}
            Failure::Status(status) => {
                break Err(FetchError::Http {
                    rel_path: entry.rel_path.clone(),
                    url: entry.url.clone(),
                    status,
                    attempts,
                })
            }
            Failure::Transient(_) if !out_of_attempts => {}
            Failure::Transient(message) | Failure::Permanent(message) => {
                break Err(FetchError::Network {
                    rel_path: entry.rel_path.clone(),
                    url: entry.url.clone(),
                    attempts,
                    message,
                })
            }
        }
        thread::sleep(opts.backoff(attempts));
    };
    match &result {
        Ok(_) => bar.finish_and_clear(),
        Err(_) => bar.abandon(),
    }
    result
}

/// Why one attempt failed.
#[derive(Debug)]
enum Failure {
    /// Worth another try: connection refused or reset, body cut short, time-out.
    Transient(String),
    /// Will not get better by trying again (TLS failure, redirect loop, ...).
    Permanent(String),
    /// A non-success HTTP status.
    Status(u16),
    /// The bytes received are not the expected ones: retried once, in case the transfer was corrupted.
    Mismatch(FetchError),
    /// Local trouble (disk full, permissions, ...) or a deterministic mismatch: not retried.
    Fatal(FetchError),
}

/// HTTP statuses worth another try: server errors, request time-out, too many requests.
pub(crate) fn retryable_status(status: u16) -> bool {
    status >= 500 || status == 408 || status == 429
}

fn classify(error: ureq::Error) -> Failure {
    use ureq::Error as E;
    let message = error.to_string();
    match error {
        E::StatusCode(status) => Failure::Status(status),
        E::Io(_)
        | E::Timeout(_)
        | E::HostNotFound
        | E::ConnectionFailed
        | E::Protocol(_)
        | E::BodyStalled => Failure::Transient(message),
        _ => Failure::Permanent(message),
    }
}

/// One request: stream the body into a temporary file beside `dest` and verify it. Returns the size
/// and the verified file, staged but not yet in place. On any failure the temporary file (and any
/// folder made for it) is removed by drop and `dest` is untouched.
fn attempt(
    agent: &ureq::Agent,
    job: &Job<'_>,
    dir: &Path,
    bar: &ProgressBar,
) -> Result<(u64, Outputs), Failure> {
    let entry = job.entry;
    let response = agent.get(&entry.url).call().map_err(classify)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(Failure::Status(status));
    }
    let announced = response.body().content_length();
    if let (Some(expected), Some(actual)) = (entry.size, announced) {
        if expected != actual {
            // The server means to send another file: trying again will not help.
            return Err(Failure::Fatal(size_error(entry, expected, actual)));
        }
    }
    bar.reset();
    match announced.or(entry.size) {
        Some(len) => bar.set_length(len),
        None => bar.unset_length(),
    }

    let mut staged = Outputs::new();
    let fatal = |e: entente_output::OutputError| Failure::Fatal(e.into());
    staged.create_dir(dir).map_err(fatal)?;
    let mut tmp = staged.create(&job.dest).map_err(fatal)?;
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
                return Err(Failure::Transient(format!(
                    "transfer broke off after {received}{} bytes: {e}",
                    of_total(announced)
                )))
            }
        };
        received += n as u64;
        if let Some(expected) = entry.size {
            if received > expected {
                return Err(Failure::Mismatch(size_error(entry, expected, received)));
            }
        }
        let chunk = &buf[..n];
        hasher.update(chunk);
        tmp.write_all(chunk)
            .map_err(|e| Failure::Fatal(FetchError::io("write", &job.dest, e)))?;
        bar.inc(n as u64);
    }
    if let Some(announced) = announced {
        if received != announced {
            return Err(Failure::Transient(format!(
                "the connection closed after {received} of {announced} bytes"
            )));
        }
    }
    if let Some(expected) = entry.size {
        if received != expected {
            return Err(Failure::Mismatch(size_error(entry, expected, received)));
        }
    }
    let actual = hex::encode(hasher.finalize());
    if actual != job.sha256 {
        return Err(Failure::Mismatch(FetchError::Checksum {
            rel_path: entry.rel_path.clone(),
            url: entry.url.clone(),
            expected: job.sha256.clone(),
            actual,
        }));
    }
    Ok((received, staged))
}

fn of_total(announced: Option<u64>) -> String {
    announced.map_or_else(String::new, |n| format!(" of {n}"))
}

fn size_error(entry: &FetchEntry, expected: u64, actual: u64) -> FetchError {
    FetchError::Size {
        rel_path: entry.rel_path.clone(),
        url: entry.url.clone(),
        expected,
        actual,
    }
}

fn progress_bar(show: bool, rel_path: &str, size: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(size, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
    )
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(rel_path.to_owned());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(rel_path: &str, url: &str, sha: &str) -> FetchEntry {
        FetchEntry {
            rel_path: rel_path.into(),
            url: url.into(),
            sha256: sha.into(),
            size: None,
        }
    }

    const SHA: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn backoff_doubles_and_is_capped() {
        let opts = FetchOptions::default();
        assert_eq!(opts.backoff(1), Duration::from_millis(500));
        assert_eq!(opts.backoff(2), Duration::from_millis(1000));
        assert_eq!(opts.backoff(3), Duration::from_millis(2000));
        assert_eq!(opts.backoff(4), Duration::from_millis(4000));
        assert_eq!(opts.backoff(7), Duration::from_secs(30));
        assert_eq!(opts.backoff(40), Duration::from_secs(30));
        assert_eq!(opts.backoff(u32::MAX), Duration::from_secs(30));
    }

    #[test]
    fn defaults() {
        let opts = FetchOptions::default();
        assert_eq!(opts.retries, 4);
        assert_eq!(opts.initial_backoff, Duration::from_millis(500));
    }

    #[test]
    fn statuses_worth_retrying() {
        for s in [500, 502, 503, 504, 408, 429] {
            assert!(retryable_status(s), "{s}");
        }
        for s in [400, 401, 403, 404, 410, 451] {
            assert!(!retryable_status(s), "{s}");
        }
    }

    #[test]
    fn plan_rejects_bad_entries_before_fetching() {
        let dir = Path::new("/nonexistent");
        let ok = entry("a/b.csv", "https://example.org/b.csv", SHA);
        assert!(plan(std::slice::from_ref(&ok), dir).is_ok());

        let bad = [
            entry("../b.csv", "https://example.org/b.csv", SHA),
            entry("a/b.csv", "ftp://example.org/b.csv", SHA),
            entry("a/b.csv", "not a url", SHA),
            entry("a/b.csv", "/b.csv", SHA),
            entry("a/b.csv", "https://example.org/b.csv", "abc"),
        ];
        for b in &bad {
            let err = plan(std::slice::from_ref(b), dir).err().unwrap();
            assert!(
                matches!(err, FetchError::InvalidEntry { .. }),
                "{b:?}: {err}"
            );
        }
        let err = plan(&[ok.clone(), ok], dir).err().unwrap();
        assert!(err.to_string().contains("twice"), "{err}");
    }
}
