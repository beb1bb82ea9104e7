//! # entente-data
//!
//! Reading the standard peace-science datasets in place, as their publishers ship them: one reader
//! per dataset under [`readers`], the manifest of known releases ([`registry`]), the data directory,
//! provenance for every file read, and the load of everything a command needs.

pub mod alliance_view;
pub mod check;
pub mod error;
pub mod readers;
pub mod registry;
pub mod store;

pub use error::{DataError, Result};
pub use registry::{DataDir, DatasetSpec, FileSpec};
pub use store::{Loaded, Store, DATASETS};

/// Locating the real datasets in tests: `$ENTENTE_DATA`, else `../shared/data` beside the checkout.
#[doc(hidden)]
pub mod testing {
    use std::path::PathBuf;

    /// Where the tests look for the data: `$ENTENTE_DATA`, else `../shared/data` beside the
    /// checkout, whether or not it is there (for tests that skip without it).
    pub fn locate() -> PathBuf {
        match std::env::var_os("ENTENTE_DATA").filter(|v| !v.is_empty()) {
            Some(p) => PathBuf::from(p),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        }
    }

    /// Runs a test that could allocate without bound again in a child process under an address-space
    /// limit (`ulimit -v`, i.e. `RLIMIT_AS`, of `limit_mib` MiB), so that a regression fails the test
    /// instead of exhausting the machine. Returns `None` in the child, where the caller runs the
    /// test's body; in the parent, the child's output, whose status the caller checks. `test` is the
    /// test's full path as libtest names it (`readers::stata::tests::name`).
    pub fn bounded_child(test: &str, limit_mib: u64) -> Option<std::process::Output> {
        const VAR: &str = "ENTENTE_BOUNDED_CHILD";
        if std::env::var(VAR).is_ok_and(|v| v == test) {
            return None;
        }
        let exe = std::env::current_exe().expect("the test binary");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v \"$1\" && shift && exec \"$@\"")
            .arg("sh")
            .arg((limit_mib * 1024).to_string())
            .arg(exe)
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env(VAR, test)
            .output()
            .expect("sh runs");
        Some(out)
    }

    /// Asserts that a [`bounded_child`] passed and really ran the test.
    pub fn assert_child_passed(out: &std::process::Output) {
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "the bounded child failed: {text}");
        assert!(
            text.contains("1 passed"),
            "the child did not run the test: {text}"
        );
    }

    /// The data directory for tests. Panics with a clear message when it cannot be found: the
    /// integration tests run on the real data.
    pub fn data_dir() -> PathBuf {
        let p = locate();
        assert!(
            p.join("README.md").is_file(),
            "the real datasets are not at {} — set ENTENTE_DATA to the data directory",
            p.display()
        );
        p
    }
}
