//! Installing a file that the user downloaded by hand.

use std::fs::File;
use std::path::Path;

use crate::hash::{copy_hashing, normalize_sha256, CopyError};
use crate::path::validate_rel_path;
use crate::FetchError;
use entente_output::{parent_of, Outputs};

/// Copies `src` to `data_dir/rel_path` and returns its sha256 (lowercase hex).
///
/// The copy goes to a temporary file beside the destination and is hashed on the way; if
/// `expected_sha256` is given and does not match, the temporary file is removed and the error
/// names both checksums. Only a complete (and, if asked, verified) copy is renamed into place, so
/// the destination is never partial. Missing parent directories are created (and removed again on
/// failure). `src` is not changed.
pub fn install_file(
    src: &Path,
    data_dir: &Path,
    rel_path: &str,
    expected_sha256: Option<&str>,
) -> Result<String, FetchError> {
    let rel = validate_rel_path(rel_path)?;
    let expected = expected_sha256
        .map(|sha| normalize_sha256(rel_path, sha))
        .transpose()?;
    let dest = data_dir.join(rel);
    let mut input = File::open(src).map_err(|e| FetchError::io("open", src, e))?;

    let dir = parent_of(&dest);
    let mut staged = Outputs::new();
    staged.create_dir(dir)?;
    let mut tmp = staged.create(&dest)?;
    let (actual, _) = copy_hashing(&mut input, &mut tmp).map_err(|e| match e {
        CopyError::Read(e) => FetchError::io("read", src, e),
        CopyError::Write(e) => FetchError::io("write", &dest, e),
    })?;
    if let Some(expected) = expected {
        if actual != expected {
            return Err(FetchError::InstallChecksum {
                rel_path: rel_path.to_owned(),
                src: src.to_path_buf(),
                expected,
                actual,
            });
        }
    }
    staged.commit()?;
    Ok(actual)
}
