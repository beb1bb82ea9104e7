//! Destination paths: validation of manifest paths, and temporary files beside the destination
//! (the folders created for it are `entente-output`'s `CreatedDirs`).

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

/// A scratch file in `dir` (a downloaded archive, a nested archive being unpacked); removed when dropped.
pub(crate) fn temp_file_in(dir: &Path) -> Result<NamedTempFile, FetchError> {
    tempfile::Builder::new()
        .prefix(".entente-fetch.")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| FetchError::io("create a temporary file in", dir, e))
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
}
