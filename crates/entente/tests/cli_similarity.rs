//! `entente similarity` as a user runs it.

mod common;
use common::entente;

const UK_JAPAN: &str = "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"defence_treaty\"\nobligations = [\"defense\", \"consultation\"]\nfrom = 2024\n";

#[test]
fn a_uk_japan_pact_in_2024_raises_their_similarity() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("uk-japan.toml");
    std::fs::write(&f, UK_JAPAN).unwrap();
    let o = entente()
        .args([
            "similarity",
            "--source",
            "curated",
            "--from",
            "2024",
            "--to",
            "2024",
            "--measures",
            "kappava,srsvaa,piva",
            "--diff",
            "--with",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("GBR–JPN") && l.contains("kappava"))
        .unwrap_or_else(|| panic!("{text}"));
    let change: f64 = line
        .split_whitespace()
        .rev()
        .find_map(|w| w.parse().ok())
        .unwrap();
    assert!(change > 0.0, "{line}");
    assert!(
        text.contains("GBR–USA") && text.contains("JPN–USA"),
        "{text}"
    );
}

#[test]
fn writes_the_selected_measures_and_frames_take_similarity() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s.csv");
    let o = entente()
        .args([
            "similarity",
            "--from",
            "1960",
            "--to",
            "1961",
            "--measures",
            "s,kappava",
            "--undirected",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = std::fs::read_to_string(&out).unwrap();
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "ccode1,ccode2,year,srsvaa,srsvas,srswvaa,srswvas,srsba,srsbas,srswba,srswbas,kappava"
    );
    let usjpn = csv.lines().find(|l| l.starts_with("2,740,1960,")).unwrap();
    let kappa: f64 = usjpn.rsplit(',').next().unwrap().parse().unwrap();
    assert!(kappa > 0.0 && kappa <= 1.0, "{usjpn}");
    let frame = tmp.path().join("f.parquet");
    let o = entente()
        .args([
            "frame",
            "dyad-year",
            "--from",
            "2000",
            "--to",
            "2000",
            "--add",
            "atop,similarity",
            "--out",
        ])
        .arg(&frame)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        stdout.contains("kappava") && stdout.contains("taub") && stdout.contains("atop_defense"),
        "{stdout}"
    );
}

#[test]
fn bad_input_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("w.toml");
    std::fs::write(&f, UK_JAPAN).unwrap();
    let out = tmp.path().join("x.csv");
    for (args, needle) in [
        (
            vec![
                "similarity",
                "--measures",
                "nope",
                "--out",
                out.to_str().unwrap(),
            ],
            "nope",
        ),
        (
            vec![
                "similarity",
                "--source",
                "polity",
                "--out",
                out.to_str().unwrap(),
            ],
            "polity",
        ),
        (
            vec!["similarity", "--with", f.to_str().unwrap(), "--diff"],
            "--source curated",
        ),
        (
            vec![
                "similarity",
                "--from",
                "2020",
                "--to",
                "2021",
                "--out",
                out.to_str().unwrap(),
            ],
            "1815–2018",
        ),
    ] {
        let o = entente().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert!(!out.exists());
}

#[test]
fn curated_portfolios_are_missing_for_states_outside_the_record() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("c.csv");
    let o = entente()
        .args([
            "similarity",
            "--source",
            "curated",
            "--from",
            "2024",
            "--to",
            "2024",
        ])
        .args(["--measures", "srsvaa,kappava", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    let row = |a: &str, b: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{a},{b},2024,")))
            .unwrap_or_else(|| panic!("no row {a},{b}"))
            .to_string()
    };
    // Switzerland and India are in no curated defence treaty: unknown portfolios, not empty ones.
    assert_eq!(row("225", "750"), "225,750,2024,NA,NA");
    // The US and Japan are: scored.
    let us_jp = row("2", "740");
    assert!(!us_jp.contains("NA"), "{us_jp}");
    // One known and one unknown portfolio: still missing.
    assert_eq!(row("2", "225"), "2,225,2024,NA,NA");
}
