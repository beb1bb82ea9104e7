//! The foundation's promises, checked through the binary as a user runs it.

use assert_cmd::Command;
use serde_json::Value;

fn entente() -> Command {
    let mut c = Command::cargo_bin("entente").unwrap();
    c.env_remove("ENTENTE_CURATED");
    c
}

fn json(args: &[&str]) -> Value {
    let out = entente().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn nato_members(year: &str) -> Vec<String> {
    let v = json(&["alliances", "--year", year, "--format", "json"]);
    let nato = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "nato")
        .expect("NATO is listed");
    assert_eq!(nato["kind"], "defence_treaty");
    assert!(nato["name"].as_str().unwrap().contains("North Atlantic"));
    let members = nato["members"].as_array().unwrap();
    for m in members {
        assert!(
            m["ccode"].is_u64() && m["iso3"].is_string() && m["name"].is_string(),
            "{m}"
        );
    }
    members
        .iter()
        .map(|m| m["iso3"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn nato_has_32_members_in_2024_29_in_2019_16_in_1990() {
    let m2024 = nato_members("2024");
    assert_eq!(m2024.len(), 32, "{m2024:?}");
    for s in ["SWE", "FIN", "MKD", "MNE", "DEU", "USA", "TUR"] {
        assert!(m2024.contains(&s.to_string()), "{s} in 2024");
    }
    assert_eq!(nato_members("2019").len(), 29);
    let m1990 = nato_members("1990");
    assert_eq!(m1990.len(), 16, "{m1990:?}");
    assert!(!m1990.contains(&"POL".to_string()));
}

#[test]
fn the_us_treaty_allies_in_east_asia_and_the_pacific_are_listed_in_2024() {
    let v = json(&["alliances", "--year", "2024", "--format", "json"]);
    let mut partners = std::collections::BTreeSet::new();
    for a in v.as_array().unwrap() {
        let isos: Vec<&str> = a["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["iso3"].as_str().unwrap())
            .collect();
        if isos.contains(&"USA") {
            partners.extend(isos.into_iter().map(str::to_string));
        }
    }
    for s in ["JPN", "KOR", "AUS", "PHL", "THA", "NZL"] {
        assert!(partners.contains(s), "{s} is in a US alliance in 2024");
    }
    assert!(!partners.contains("TWN"), "the US–ROC treaty ended in 1979");
}

#[test]
fn state_filter_takes_iso3_or_cow_codes() {
    let by_iso = json(&[
        "alliances",
        "--year",
        "2024",
        "--state",
        "JPN",
        "--format",
        "json",
    ]);
    let by_cow = json(&[
        "alliances",
        "--year",
        "2024",
        "--state",
        "740",
        "--format",
        "json",
    ]);
    assert_eq!(by_iso, by_cow);
    let ids: Vec<&str> = by_iso
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.iter().any(|i| i.contains("japan")), "{ids:?}");
    assert!(!ids.contains(&"nato"));
}

#[test]
fn ties_between_europe_and_east_asia_have_the_promised_fields() {
    let v = json(&[
        "ties",
        "--between",
        "europe",
        "--and",
        "east-asia",
        "--year",
        "2024",
        "--format",
        "json",
    ]);
    let rows = v.as_array().unwrap();
    assert!(rows.len() > 20, "{} rows", rows.len());
    for r in rows {
        for f in ["a", "b", "kind", "name", "start", "end", "sources"] {
            assert!(r.get(f).is_some(), "{f} missing in {r}");
        }
        assert!(!r["sources"].as_array().unwrap().is_empty());
    }
    let has = |a: &str, b: &str| rows.iter().any(|r| r["a"] == a && r["b"] == b);
    assert!(has("GBR", "JPN"), "UK–Japan ties in 2024");
    assert!(has("GBR", "AUS"), "AUKUS");
    assert!(
        !rows.iter().any(|r| r["a"] == "RUS" || r["b"] == "CHN"),
        "challengers are not in europe/east-asia"
    );
}

#[test]
fn brief_runs_on_the_built_in_record() {
    let out = entente().args(["brief"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ENTENTE BRIEF 2025"), "{text}");
    assert!(text.contains("32 members"), "{text}");
    assert!(text.contains("Ties between Europe and East Asia & Pacific"));
    assert!(text.contains("challengers"));
    let j = json(&["brief", "--year", "2019", "--json"]);
    assert_eq!(j["year"], 2019);
    assert_eq!(j["nato"]["members"].as_array().unwrap().len(), 29);
}

fn fails_with(args: &[&str], needle: &str) {
    let out = entente().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "no partial output for {args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line for {args:?}: {err}");
}

#[test]
fn bad_input_gets_a_one_line_error_and_exit_2() {
    fails_with(&["alliances", "--year", "2024", "--state", "XYZ"], "XYZ");
    fails_with(&["alliances", "--year", "2100"], "2100");
    fails_with(&["alliances", "--year", "1900"], "1900");
    fails_with(&["brief", "--year", "abc"], "abc");
    fails_with(
        &["ties", "--between", "atlantis", "--and", "east-asia"],
        "atlantis",
    );
    fails_with(&["cite", "--tie", "no-such-tie"], "no-such-tie");
    fails_with(&["alliances", "--yaer", "2000"], "--year");
    fails_with(&["frame", "dyad-year"], "--out");
    let out = entente()
        .args(["alliances", "--state", "XYZ"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().lines().count(),
        1,
        "one line: what and where"
    );
}

#[test]
fn a_malformed_user_record_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[record]]\nid = \"x\"\nname = \"X\"\nkind = \"partnership\"\nsigned = 2020-01-01\nmembers = [{ state = \"GBR\" }, { state = \"NARNIA\" }]\nsummary = \"s\"\nstatus = \"in_force\"\nsources = [{ title = \"t\", url = \"https://example.org/x\" }]\n",
    )
    .unwrap();
    let out = entente()
        .args(["--curated", dir.path().to_str().unwrap(), "brief"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("mine.toml:6") && err.contains("NARNIA"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn states_and_cite_answer() {
    let v = json(&["states", "--format", "json"]);
    assert!(v.as_array().unwrap().len() > 200);
    let out = entente()
        .args(["states", "--region", "challengers", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 4, "header + CHN, RUS, PRK: {csv}");
    let out = entente().args(["cite"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Kim, Tongfi"));
    assert!(
        text.contains(&format!(
            "version {}, cut-off date {}",
            entente_curated::VERSION,
            entente_curated::CUTOFF
        )),
        "the record's version and cut-off: {text}"
    );
    let v = json(&["cite", "--tie", "nato", "--format", "json"]);
    assert!(v.as_array().unwrap()[0]["url"]
        .as_str()
        .unwrap()
        .starts_with("http"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    for format in ["json", "csv", "table"] {
        // Every European–East Asian tie ever: more than a pipe's 64 KB buffer in each format,
        // so the writer meets the closed pipe.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_entente"))
            .args(["ties", "--between", "europe", "--and", "east-asia"])
            .args(["--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a few bytes, then close the pipe, as `| head -c 10` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{format}: {err}");
        assert!(!err.contains("Broken pipe"), "{format}: {err}");
    }
}
