//! Destination paths: validation of manifest paths, creation (and undoing) of parent directories,
//! temporary files beside the destination.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::FetchError;

/// Checks a manifest path (`"dir/file.csv"`: relative, `/`-separated, no `.`/`..`/empty segments,
/// no backslash) and returns it as a path.
pub(crate) fn validate_rel_path(rel_path: &str) -> Result<PathBuf, FetchError> {
    if rel_path.is_empty() {
        return Err(FetchError::invalid(rel_path, "the path is empty"));
    }
    if rel_path.contains('\\') {
        return Err(FetchError::invalid(
            rel_path,
            "use '/' as the separator, not '\\'",
        ));
    }
    if rel_path.contains('\0') {
        return Err(FetchError::invalid(
            rel_path,
            "the path contains a NUL byte",
        ));
    }
    if rel_path.starts_with('/') {
        return Err(FetchError::invalid(
            rel_path,
            "the path must be relative to the data directory",
        ));
    }
    let mut path = PathBuf::new();
    for segment in rel_path.split('/') {
        match segment {
            "" | "." | ".." => {
                return Err(FetchError::invalid(
                    rel_path,
                    "empty, '.' and '..' segments are not allowed",
                ))
            }
            s => path.push(s),
        }
    }
    Ok(path)
}

/// The directory that will hold `dest` (`dest` always has a file name, so it has a parent).
pub(crate) fn parent_of(dest: &Path) -> &Path {
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temporary file in `dir`, named so that a leftover from a killed process is recognisable.
/// It is removed when dropped unless persisted.
pub(crate) fn temp_file_in(dir: &Path) -> Result<NamedTempFile, FetchError> {
    tempfile::Builder::new()
        .prefix(".entente-fetch.")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| FetchError::io("create a temporary file in", dir, e))
}

/// Makes sure `tmp`'s content reaches the disk, then renames `tmp` over `dest` (atomic on one file system).
pub(crate) fn persist(tmp: NamedTempFile, dest: &Path) -> Result<(), FetchError> {
    tmp.as_file()
        .sync_all()
        .map_err(|e| FetchError::io("flush", tmp.path(), e))?;
    // A temporary file is created private (0600); a dataset is readable like any other file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| FetchError::io("set the permissions of", tmp.path(), e))?;
    }
    // On failure the temporary file comes back inside the error and is removed when it drops.
    tmp.persist(dest)
        .map_err(|e| FetchError::io("move into place", dest, e.error))?;
    Ok(())
}

/// The directories created to hold a destination. Unless [`CreatedDirs::keep`] is called, they are
/// removed again (deepest first, and only if still empty) when this is dropped, so that a failed
/// fetch leaves the file tree as it found it.
#[derive(Debug)]
pub(crate) struct CreatedDirs {
    dirs: Vec<PathBuf>,
    keep: bool,
}

impl CreatedDirs {
    /// Creates `dir` and its missing ancestors.
    pub(crate) fn create(dir: &Path) -> Result<Self, FetchError> {
        let mut missing = Vec::new();
        for ancestor in dir.ancestors() {
            if ancestor.as_os_str().is_empty() {
                break;
            }
            match ancestor.try_exists() {
                Ok(true) => break,
                Ok(false) => missing.push(ancestor.to_path_buf()),
                Err(e) => return Err(FetchError::io("look at", ancestor, e)),
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
                Err(e) => return Err(FetchError::io("create directory", d, e)),
            }
        }
        Ok(created)
    }

    /// Keeps the directories.
    pub(crate) fn keep(mut self) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_paths() {
        assert_eq!(
            validate_rel_path("cow_states2016/states2016.csv").unwrap(),
            Path::new("cow_states2016").join("states2016.csv")
        );
        assert_eq!(
            validate_rel_path("MID 4.3/MIDA 4.3.csv").unwrap(),
            Path::new("MID 4.3").join("MIDA 4.3.csv")
        );
        assert_eq!(validate_rel_path("a").unwrap(), Path::new("a"));
    }

    #[test]
    fn bad_paths() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/./b",
            "a//b",
            "a/",
            "./a",
            "a\\b",
            "..",
            "a\0b",
        ] {
            let err = validate_rel_path(bad).unwrap_err();
            assert!(
                matches!(err, FetchError::InvalidEntry { .. }),
                "{bad:?}: {err}"
            );
        }
    }

    #[test]
    fn created_dirs_are_removed_unless_kept() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b/c");
        {
            let created = CreatedDirs::create(&deep).unwrap();
            assert!(deep.is_dir());
            drop(created);
        }
        assert!(!root.path().join("a").exists());

        CreatedDirs::create(&deep).unwrap().keep();
        assert!(deep.is_dir());

        // Only what was created is removed, and a directory that gained content stays.
        let deeper = deep.join("d/e");
        let created = CreatedDirs::create(&deeper).unwrap();
        fs::write(deep.join("d/keep.txt"), b"x").unwrap();
        drop(created);
        assert!(!deeper.exists());
        assert!(deep.join("d/keep.txt").is_file());
    }

    #[test]
    fn a_file_in_the_way_is_an_error() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("f"), b"x").unwrap();
        let err = CreatedDirs::create(&root.path().join("f/sub")).unwrap_err();
        // Seen either when looking (ENOTDIR) or when creating: an I/O error naming the path.
        assert!(matches!(err, FetchError::Io { .. }), "{err}");
        assert!(err.to_string().contains("f/sub"), "{err}");
        assert!(!root.path().join("f").is_dir());
    }
}
