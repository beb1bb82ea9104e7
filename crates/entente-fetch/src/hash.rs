//! Streaming sha256.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::FetchError;

/// Read size for hashing and copying.
pub(crate) const CHUNK: usize = 64 * 1024;

/// The sha256 of a file, as lowercase hex, read in chunks (the file is never held in memory).
pub fn sha256_file(path: &Path) -> Result<String, FetchError> {
    let mut file = File::open(path).map_err(|e| FetchError::io("open", path, e))?;
    let (digest, _) = copy_hashing(&mut file, &mut io::sink())
        .map_err(|e| FetchError::io(e.op(), path, e.into_inner()))?;
    Ok(digest)
}

/// Which side of a copy failed.
#[derive(Debug)]
pub(crate) enum CopyError {
    Read(io::Error),
    Write(io::Error),
}

impl CopyError {
    pub(crate) fn op(&self) -> &'static str {
        match self {
            CopyError::Read(_) => "read",
            CopyError::Write(_) => "write",
        }
    }

    pub(crate) fn into_inner(self) -> io::Error {
        match self {
            CopyError::Read(e) | CopyError::Write(e) => e,
        }
    }
}

/// Copies `reader` to `writer` while hashing; returns the sha256 (lowercase hex) and the byte count.
pub(crate) fn copy_hashing<R: Read, W: Write>(
    reader: &mut R,
    writer: &mut W,
) -> Result<(String, u64), CopyError> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Read(e)),
        };
        let chunk = &buf[..n];
        hasher.update(chunk);
        writer.write_all(chunk).map_err(CopyError::Write)?;
        total += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), total))
}

/// Checks that `sha` is 64 hex digits and returns it in lowercase.
pub(crate) fn normalize_sha256(rel_path: &str, sha: &str) -> Result<String, FetchError> {
    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(sha.to_ascii_lowercase())
    } else {
        Err(FetchError::invalid(
            rel_path,
            format!("{sha:?} is not a sha256 (64 hexadecimal digits)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        // FIPS 180-2 test vectors.
        let (abc, n) = copy_hashing(&mut &b"abc"[..], &mut io::sink()).unwrap();
        assert_eq!(
            abc,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(n, 3);
        let (empty, n) = copy_hashing(&mut &b""[..], &mut io::sink()).unwrap();
        assert_eq!(
            empty,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(n, 0);
    }

    #[test]
    fn copy_spans_many_chunks_and_copies_every_byte() {
        let data: Vec<u8> = (0..(CHUNK * 3 + 17)).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        let (digest, n) = copy_hashing(&mut data.as_slice(), &mut out).unwrap();
        assert_eq!(out, data);
        assert_eq!(n, data.len() as u64);
        assert_eq!(digest, hex::encode(Sha256::digest(&data)));
    }

    #[test]
    fn sha256_file_streams_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, b"abc").unwrap();
        assert_eq!(
            sha256_file(&path).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let missing = dir.path().join("missing");
        let err = sha256_file(&missing).unwrap_err();
        assert!(matches!(err, FetchError::Io { op: "open", .. }), "{err}");
        assert!(err.to_string().contains("missing"), "{err}");
    }

    #[test]
    fn sha_syntax() {
        let upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        assert_eq!(
            normalize_sha256("f", upper).unwrap(),
            upper.to_ascii_lowercase()
        );
        assert!(normalize_sha256("f", &upper[1..]).is_err());
        assert!(normalize_sha256("f", &format!("{}g", &upper[1..])).is_err());
        assert!(normalize_sha256("f", "").is_err());
    }
}
