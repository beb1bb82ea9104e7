//! The one way Entente writes an output file.
//!
//! Every command that writes files (frames, trends and network exports, simulations and sweeps,
//! the report, downloaded and installed datasets) goes through [`Outputs`]:
//!
//! - each file is written to a temporary file **beside its target** (`.entente-XXXXXX.part`, so a
//!   leftover from a killed process is recognisable), created with the **umask's permissions**
//!   (`0666 & !umask`, like any file a program creates), not tempfile's private `0600`;
//! - a target that exists and is **not a regular file** (a device, a FIFO, a socket, a folder) is
//!   refused with an error, before anything is written and again before anything is renamed: an
//!   `--out /dev/null` run as root must never replace the machine's `/dev/null` with a regular
//!   file. A symbolic link is followed for this check (a link to a regular file is replaced by the
//!   new file, as `mv` would). To see an output on the terminal, use the command without `--out`
//!   where it offers that;
//! - on **every error**, and when an [`Outputs`] is dropped without [`Outputs::commit`], the
//!   temporary files are removed, and so are the folders it created;
//! - a **set of files** (the outputs and their manifest) is committed **all or nothing**: every file
//!   is written and flushed to disk first, then each is renamed over its target; if a rename fails,
//!   the targets already replaced get their previous content back (kept as a hard link, or a copy
//!   where the file system has no hard links) and new ones are removed.
//!
//! [`write_file`] is the one-file shorthand. [`Writeback`] starts flushing a large file to disk while it
//! is still being written, so that the commit's flush finds little left.

mod dirs;
mod error;
mod writeback;

pub use dirs::CreatedDirs;
pub use error::OutputError;
pub use writeback::Writeback;

#[cfg(unix)]
use std::fs::Permissions;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::TempPath;

/// A result with an [`OutputError`].
pub type Result<T> = std::result::Result<T, OutputError>;

/// One file staged for commit.
#[derive(Debug)]
struct Staged {
    target: PathBuf,
    temp: TempPath,
    file: File,
}

/// A set of output files written together and committed all or nothing.
#[derive(Debug, Default)]
pub struct Outputs {
    staged: Vec<Staged>,
    dirs: Vec<CreatedDirs>,
    /// Tests only: make the rename of this staged file fail.
    #[cfg(test)]
    fail_rename_at: Option<usize>,
}

/// The folder that holds `target` (`.` for a bare file name).
pub fn parent_of(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Refuses a target that exists and is not a regular file. A missing target is fine.
pub fn check_target(target: &Path) -> Result<()> {
    match fs::metadata(target) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) => Err(OutputError::NotRegular {
            path: target.to_path_buf(),
            kind: kind_of(&m.file_type()),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::io("look at", target, e)),
    }
}

fn kind_of(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// A temporary-file builder whose files get the umask's permissions.
fn builder<'a>(suffix: &'a str) -> tempfile::Builder<'static, 'a> {
    let mut b = tempfile::Builder::new();
    b.prefix(".entente-").suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Passed to open(2), which applies the umask.
        b.permissions(Permissions::from_mode(0o666));
    }
    b
}

impl Outputs {
    /// An empty set.
    pub fn new() -> Outputs {
        Outputs::default()
    }

    /// Creates `dir` and its missing parents; they are removed again (if still empty) unless the
    /// set is committed.
    pub fn create_dir(&mut self, dir: &Path) -> Result<()> {
        if let Ok(m) = fs::metadata(dir) {
            if !m.is_dir() {
                return Err(OutputError::NotAFolder {
                    path: dir.to_path_buf(),
                });
            }
            return Ok(());
        }
        self.dirs.push(CreatedDirs::create(dir)?);
        Ok(())
    }

    /// Starts the file `target`: checks it, creates its temporary file beside it and returns it,
    /// open for writing. The caller writes (and flushes any buffer); [`Outputs::commit`] moves it
    /// into place. The target's folder must exist (see [`Outputs::create_dir`]).
    pub fn create(&mut self, target: &Path) -> Result<File> {
        check_target(target)?;
        if self.staged.iter().any(|s| s.target == target) {
            return Err(OutputError::Twice {
                path: target.to_path_buf(),
            });
        }
        let dir = parent_of(target);
        match fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(OutputError::NotAFolder {
                    path: dir.to_path_buf(),
                })
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(OutputError::NoFolder {
                    path: dir.to_path_buf(),
                })
            }
            Err(e) => return Err(OutputError::io("write in", dir, e)),
        }
        let tmp = builder(".part")
            .tempfile_in(dir)
            .map_err(|e| OutputError::io("create a temporary file in", dir, e))?;
        let (file, temp) = tmp.into_parts();
        let mine = file
            .try_clone()
            .map_err(|e| OutputError::io("write", target, e))?;
        self.staged.push(Staged {
            target: target.to_path_buf(),
            temp,
            file,
        });
        Ok(mine)
    }

    /// Stages `bytes` as the content of `target`.
    pub fn write(&mut self, target: &Path, bytes: &[u8]) -> Result<()> {
        let mut f = self.create(target)?;
        f.write_all(bytes)
            .map_err(|e| OutputError::io("write", target, e))
    }

    /// Adds another set's files and folders to this one, to be committed (or dropped) with it.
    pub fn extend(&mut self, mut other: Outputs) {
        self.staged.append(&mut other.staged);
        self.dirs.append(&mut other.dirs);
    }

    /// The targets staged so far, in order.
    pub fn targets(&self) -> impl Iterator<Item = &Path> {
        self.staged.iter().map(|s| s.target.as_path())
    }

    /// Moves every staged file into place, all or nothing.
    ///
    /// Every target is checked again and every temporary file flushed to disk before the first
    /// rename. If a rename fails, the targets replaced so far get their previous content back
    /// (new ones are removed) and the error names the file that failed; the temporary files and
    /// created folders are removed.
    #[cfg_attr(not(test), allow(clippy::unused_enumerate_index))]
    pub fn commit(mut self) -> Result<()> {
        for s in &self.staged {
            check_target(&s.target)?;
            s.file
                .sync_all()
                .map_err(|e| OutputError::io("write", &s.target, e))?;
        }
        let staged = std::mem::take(&mut self.staged);
        let mut done: Vec<(PathBuf, Option<TempPath>)> = Vec::with_capacity(staged.len());
        let mut failure = None;
        for (_i, s) in staged.into_iter().enumerate() {
            #[cfg(test)]
            if self.fail_rename_at == Some(_i) {
                failure = Some(OutputError::io(
                    "move into place",
                    &s.target,
                    io::Error::other("injected failure"),
                ));
                break;
            }
            // Keep the previous content, to put it back if a later rename fails.
            let backup = match backup_of(&s.target) {
                Ok(b) => b,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            drop(s.file);
            match s.temp.persist(&s.target) {
                Ok(()) => done.push((s.target, backup)),
                Err(e) => {
                    failure = Some(OutputError::io("move into place", &s.target, e.error));
                    // `e.path` (the temporary file) and `backup` drop here, removing both.
                    break;
                }
            }
        }
        match failure {
            None => {
                // The backups drop here, removing them.
                for d in &mut self.dirs {
                    d.keep();
                }
                Ok(())
            }
            Some(e) => {
                for (target, backup) in done.into_iter().rev() {
                    match backup {
                        Some(b) => {
                            let _ = b.persist(&target);
                        }
                        None => {
                            let _ = fs::remove_file(&target);
                        }
                    }
                }
                // `self` drops: remaining temporary files and created folders go.
                Err(e)
            }
        }
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        // Temporary files first, then the folders made for them, deepest (latest) first.
        self.staged.clear();
        while let Some(d) = self.dirs.pop() {
            drop(d);
        }
    }
}

/// A hard link (or, failing that, a copy) of an existing target beside it, removed when dropped.
fn backup_of(target: &Path) -> Result<Option<TempPath>> {
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OutputError::io("look at", target, e)),
        Ok(_) => {}
    }
    let dir = parent_of(target);
    // Reserve a unique name, then put the link in its place.
    let reserved = builder(".old")
        .tempfile_in(dir)
        .map_err(|e| OutputError::io("create a temporary file in", dir, e))?
        .into_temp_path();
    let path = reserved.to_path_buf();
    fs::remove_file(&path).map_err(|e| OutputError::io("write in", dir, e))?;
    let kept = fs::hard_link(target, &path).or_else(|_| fs::copy(target, &path).map(|_| ()));
    // `reserved` owns `path` and removes it when dropped, whatever happened.
    kept.map_err(|e| OutputError::io("keep a copy of", target, e))?;
    Ok(Some(reserved))
}

/// Writes one file through [`Outputs`]: beside the target, then renamed into place.
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut o = Outputs::new();
    o.write(target, bytes)?;
    o.commit()
}

#[cfg(test)]
mod tests;
