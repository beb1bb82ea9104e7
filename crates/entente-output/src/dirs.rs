//! Folders created to hold outputs, removed again unless kept.

use crate::{OutputError, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The directories created to hold a destination. Unless [`CreatedDirs::keep`] is called, they are
/// removed again (deepest first, and only if still empty) when this is dropped, so that a failed
/// write leaves the file tree as it found it.
#[derive(Debug)]
pub struct CreatedDirs {
    dirs: Vec<PathBuf>,
    keep: bool,
}

impl CreatedDirs {
    /// Creates `dir` and its missing ancestors.
    pub fn create(dir: &Path) -> Result<Self> {
        let mut missing = Vec::new();
        for ancestor in dir.ancestors() {
            if ancestor.as_os_str().is_empty() {
                break;
            }
            match ancestor.try_exists() {
                Ok(true) => break,
                Ok(false) => missing.push(ancestor.to_path_buf()),
                Err(e) => return Err(OutputError::io("look at", ancestor, e)),
            }
        }
        let mut created = CreatedDirs {
            dirs: Vec::new(),
            keep: false,
        };
        for d in missing.into_iter().rev() {
            match fs::create_dir(&d) {
                Ok(()) => created.dirs.push(d),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
                // Dropping `created` removes what was made so far.
                Err(e) => return Err(OutputError::io("create the folder", d, e)),
            }
        }
        Ok(created)
    }

    /// Keeps the directories.
    pub fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for CreatedDirs {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        for d in self.dirs.iter().rev() {
            // Best effort: a directory that something else has written into in the meantime stays.
            let _ = fs::remove_dir(d);
        }
    }
}
