//! # entente-testkit
//!
//! The one way tests skip. A test that needs what this machine may not have (the real datasets, or
//! an external reference tool such as R, Python or Chromium) asks here; when it is missing the test
//! prints one line naming what is missing and how to get it, and returns. Each test binary then
//! prints one summary line of everything it skipped, starting with [`SUMMARY_TAG`], which `.ci/run`
//! adds up.
//!
//! - `ENTENTE_REQUIRE_DATA=1` (CI): a missing dataset fails the test instead.
//! - `ENTENTE_REQUIRE_EXTERNAL=1` (CI): a missing external tool fails the test instead.
//!
//! The real datasets are looked for in `$ENTENTE_DATA`, else `../shared/data` beside the checkout,
//! else the platform's data directory where `entente data fetch` puts them
//! (`~/.local/share/entente` on Linux).

pub mod dta;
pub mod mid5;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// The start of each test binary's summary line.
pub const SUMMARY_TAG: &str = "entente-testkit skipped:";

/// Files whose presence says the real datasets are there (one per dataset the tests read).
const MARKERS: &[&str] = &[
    "cow_states2016/states2016.csv",
    "cow_states2016/system2016.csv",
    "cow_nmc_v6.0/NMC-60-abridged.csv",
    "atop_5.1/atop5_1sy.csv",
    "derived_peacesciencer/atop_5.1_directed_dyad_year_peacesciencer.csv",
    "derived_peacesciencer/cow_alliance_v4.1_directed_dyad_year_peacesciencer.csv",
    "cow_contiguity_v3.2/contdird.csv",
    "sipri_arms_transfers/trade-register.csv",
    "unga_idealpoints/IdealpointestimatesAll_Jun2024.csv",
];

/// How to make the real datasets available (named in every skip line).
pub const HOW_TO_GET_DATA: &str =
    "run `entente data fetch`, or set ENTENTE_DATA to a folder holding them";

static SKIPPED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
static HOOK: Once = Once::new();

/// Where the tests look for the real datasets, whether or not they are there: `$ENTENTE_DATA`,
/// else `../shared/data` beside the checkout if it exists, else the platform's data directory.
pub fn data_location() -> PathBuf {
    if let Some(p) = std::env::var_os("ENTENTE_DATA").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if beside.is_dir() {
        return beside;
    }
    directories::ProjectDirs::from("", "", "entente")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or(beside)
}

/// The committed fixtures: small slices of every dataset in its publisher's format, laid out as a
/// data directory (`tests/fixtures/data`; see `tests/fixtures/README.md`). Always there.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/data")
}

/// Whether the real datasets are at `dir` (every dataset the tests read has its file there).
pub fn has_real_data(dir: &Path) -> bool {
    MARKERS.iter().all(|m| dir.join(m).is_file())
}

/// The real data directory, or `None` after printing why this test is skipped. Panics instead when
/// `ENTENTE_REQUIRE_DATA=1`.
///
/// ```no_run
/// let Some(dir) = entente_testkit::real_data() else { return };
/// ```
pub fn real_data() -> Option<PathBuf> {
    let dir = data_location();
    if has_real_data(&dir) {
        return Some(dir);
    }
    let why = format!(
        "needs the real datasets, not found at {} ({HOW_TO_GET_DATA})",
        dir.display()
    );
    assert!(
        !flag("ENTENTE_REQUIRE_DATA"),
        "ENTENTE_REQUIRE_DATA=1 but this test {why}"
    );
    skip(&why);
    None
}

/// Whether an external reference tool is usable: `true` if `available`; otherwise the test is
/// skipped with a line naming `what` (the caller returns), or fails when
/// `ENTENTE_REQUIRE_EXTERNAL=1`.
pub fn external(available: bool, what: &str) -> bool {
    if available {
        return true;
    }
    assert!(
        !flag("ENTENTE_REQUIRE_EXTERNAL"),
        "ENTENTE_REQUIRE_EXTERNAL=1 but {what} is missing"
    );
    skip(&format!(
        "needs {what} (install it, e.g. with .ci/install-deps)"
    ));
    false
}

/// Whether `ENTENTE_REQUIRE_EXTERNAL=1`.
pub fn external_required() -> bool {
    flag("ENTENTE_REQUIRE_EXTERNAL")
}

/// Records that the current test is skipped and prints one line saying why. The line bypasses the
/// test harness's output capture, so it is seen in a plain `cargo test`.
pub fn skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
    HOOK.call_once(|| {
        shutdown_hooks::add_shutdown_hook(print_summary);
    });
    SKIPPED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((test, why.to_owned()));
}

fn flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| v == "1")
}

/// The summary line of what was skipped: `<tag> <binary>: N test(s) (…): name, name`.
fn summary(binary: &str, skipped: &[(String, String)]) -> String {
    let data = skipped
        .iter()
        .filter(|(_, w)| w.starts_with("needs the real datasets"))
        .count();
    let mut names: Vec<&str> = skipped.iter().map(|(t, _)| t.as_str()).collect();
    names.sort_unstable();
    format!(
        "{SUMMARY_TAG} {binary}: {} test(s) ({data} need the real datasets, {} an external tool): {}",
        skipped.len(),
        skipped.len() - data,
        names.join(", ")
    )
}

extern "C" fn print_summary() {
    let skipped = SKIPPED.lock().unwrap_or_else(|p| p.into_inner());
    let binary = std::env::args()
        .next()
        .map(|a| {
            let name = Path::new(&a)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or(a);
            // Cargo's test binaries end in -<hash>.
            match name.rsplit_once('-') {
                Some((stem, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => stem.into(),
                _ => name,
            }
        })
        .unwrap_or_default();
    let _ = writeln!(std::io::stderr(), "{}", summary(&binary, &skipped));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_data_and_tool_skips_and_names_the_tests() {
        let s = summary(
            "cli_data",
            &[
                ("b".into(), "needs the real datasets, not found".into()),
                ("a".into(), "needs R (install it)".into()),
            ],
        );
        assert_eq!(
            s,
            "entente-testkit skipped: cli_data: 2 test(s) (1 need the real datasets, 1 an external tool): a, b"
        );
    }

    #[test]
    fn a_folder_without_the_markers_has_no_real_data() {
        let d = std::env::temp_dir().join("entente-testkit-empty");
        assert!(!has_real_data(&d));
    }
}
