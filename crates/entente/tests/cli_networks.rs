//! `entente network`, `trends` and `wedge` as a user runs them: formats, manifests, the curated-only
//! fallback, counterfactuals, and bad input.

mod common;
use common::entente;

#[test]
fn network_2024_works_without_a_data_directory_and_says_what_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let o = entente()
        .args(["--data-dir"])
        .arg(tmp.path().join("absent"))
        .args(["network", "--year", "2024"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("sipri-transfers unavailable"), "{err}");
    assert!(err.contains("nodes are states tied"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["year"], 2024);
    let arms = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["layer"] == "arms")
        .unwrap();
    assert_eq!(arms["available"], false);
    assert!(v["hub_dependence"]["pairs"].as_u64().unwrap() > 100);
    assert!(v["manifest"]["inputs"][0]["dataset"] == "entente-curated");
}

#[test]
fn graphml_and_gexf_are_written_whole() {
    let tmp = tempfile::tempdir().unwrap();
    for (fmt, head) in [("graphml", "<graphml"), ("gexf", "<gexf")] {
        let out = tmp.path().join(format!("n.{fmt}"));
        entente()
            .args(["network", "--year", "1990", "--format", fmt, "--out"])
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(head) && text.trim_end().ends_with(&format!("</{}>", &head[1..])));
        assert!(text.contains("United Kingdom"));
        // Both carry the structural equivalence of each node and the year's hub dependence.
        for attr in ["se_us", "se_chn", "se_rus", "hub_dependence"] {
            assert!(text.contains(attr), "{fmt} has {attr}");
        }
    }
}

#[test]
fn trends_write_csv_and_svg_with_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("t.csv");
    entente()
        .args([
            "trends",
            "--measure",
            "hub_dependence,sr_alignment,density_un",
            "--from",
            "2020",
            "--to",
            "2025",
            "--out",
        ])
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "year,hub_dependence,sr_alignment,density_un");
    assert_eq!(lines.len(), 7);
    assert!(
        lines[6].starts_with("2025,") && lines[6].ends_with(",NA"),
        "UN layer missing in 2025: {}",
        lines[6]
    );
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("t.csv.manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(m["rows"], 6);
    // Without --out the same CSV goes to stdout, like every other listing.
    let o = entente()
        .args([
            "trends",
            "--measure",
            "hub_dependence,sr_alignment,density_un",
            "--from",
            "2020",
            "--to",
            "2025",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), text);
    let svg = tmp.path().join("t.svg");
    entente()
        .args(["trends", "--measure", "ei_union", "--out"])
        .arg(&svg)
        .assert()
        .success();
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") && s.contains("2014 Crimea"));
}

#[test]
fn wedge_reports_a_hypothetical_pact() {
    let tmp = tempfile::tempdir().unwrap();
    let w = tmp.path().join("w.toml");
    std::fs::write(
        &w,
        "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"defence_treaty\"\nfrom = 2024\n",
    )
    .unwrap();
    let o = entente()
        .args([
            "wedge",
            "--year",
            "2024",
            "--layers",
            "alliance",
            "--alliance-min",
            "3",
            "--format",
            "json",
            "--with",
        ])
        .arg(&w)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hd = v["counterfactual"]["measures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["measure"] == "hub_dependence")
        .unwrap()
        .clone();
    assert!(
        hd["with"].as_f64().unwrap() < hd["baseline"].as_f64().unwrap(),
        "{hd}"
    );
    assert!(v["counterfactual"]["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["layer"] == "alliance" && p["with"] == 3.0));
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    for args in [
        vec!["trends", "--measure", "nope", "--out", "x.csv"],
        vec!["network", "--year", "2000", "--layers", "treaties"],
        vec!["trends", "--measure", "all", "--out", "x.txt"],
        vec!["wedge", "--with", "/nonexistent/w.toml"],
    ] {
        let o = entente().args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{err}"
        );
    }
}
