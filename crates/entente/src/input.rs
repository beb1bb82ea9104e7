//! Reading a small text file a user names (`--with`, `--weights`, a scenario, a range table).
//!
//! One rule for all of them: the path must be a regular file (after symlinks), so a FIFO or a
//! device such as `/dev/zero` is refused at once instead of blocking or filling memory, and it
//! must be at most [`MAX_TEXT_BYTES`].

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::Path;

/// The largest text input read: 16 MiB, far above any real scenario or counterfactual file
/// (the whole curated record is under 1 MiB).
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads `path` as UTF-8 text. `what` names the option in errors (`--with`).
pub fn read_text(path: &Path, what: &str) -> Result<String> {
    let shown = format!("{what} {}", path.display());
    let meta = std::fs::metadata(path).with_context(|| shown.clone())?;
    if !meta.is_file() {
        bail!("{shown}: not a regular file");
    }
    if meta.len() > MAX_TEXT_BYTES {
        bail!(
            "{shown}: {} bytes, more than the {} MiB limit for a text input",
            meta.len(),
            MAX_TEXT_BYTES / (1024 * 1024)
        );
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .with_context(|| shown.clone())?
        // The file may grow between the check and the read: read one byte past the cap at most.
        .take(MAX_TEXT_BYTES + 1)
        .read_to_string(&mut text)
        .with_context(|| shown.clone())?;
    if text.len() as u64 > MAX_TEXT_BYTES {
        bail!(
            "{shown}: grew past the {} MiB limit while being read",
            MAX_TEXT_BYTES / (1024 * 1024)
        );
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_and_refuses_what_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.toml");
        std::fs::write(&f, "x = 1\n").unwrap();
        assert_eq!(read_text(&f, "--with").unwrap(), "x = 1\n");
        let e = read_text(dir.path(), "--with").unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
        let e = read_text(&dir.path().join("none"), "--with").unwrap_err();
        assert!(format!("{e:#}").contains("--with"), "{e:#}");
        #[cfg(unix)]
        {
            let e = read_text(Path::new("/dev/zero"), "--weights")
                .unwrap_err()
                .to_string();
            assert!(e.contains("not a regular file"), "{e}");
        }
    }

    #[test]
    fn refuses_a_file_over_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("big.toml");
        let file = std::fs::File::create(&f).unwrap();
        file.set_len(MAX_TEXT_BYTES + 1).unwrap(); // sparse: no disk used
        let e = read_text(&f, "--with").unwrap_err().to_string();
        assert!(e.contains("MiB limit"), "{e}");
    }
}
