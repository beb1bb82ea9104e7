//! `entente brief --out DIR`: the HTML report as a user gets it — one self-contained page with its
//! charts inline, its sources cited and a manifest of the files it read.

use assert_cmd::Command;

fn entente() -> Command {
    let mut c = Command::cargo_bin("entente").unwrap();
    c.env_remove("ENTENTE_CURATED").env_remove("ENTENTE_DATA");
    c
}

fn report(data: &std::path::Path, year: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let o = entente()
        .arg("--data-dir")
        .arg(data)
        .args(["brief", "--year", year, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        vec!["index.html".to_string()],
        "one file, no temporaries left"
    );
    std::fs::read_to_string(out.path().join("index.html")).unwrap()
}

fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for needle in [
        "<script",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
    ] {
        assert!(
            !lower.contains(needle),
            "the page loads nothing: found {needle}"
        );
    }
    assert!(lower.starts_with("<!doctype html>"), "{}", &html[..40]);
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn the_report_on_the_real_data_is_one_page_with_charts_sources_and_manifest() {
    let Some(dir) = entente_testkit::real_data() else {
        return;
    };
    let html = report(&dir, "2024");
    assert_self_contained(&html);
    assert!(html.contains("Entente brief 2024"));
    assert!(
        html.matches("<svg").count() >= 4,
        "network, trends, simulation charts"
    );
    assert!(html.contains("Kim, Tongfi, and Luis Simón"));
    // The opportunities table has ten ranked rows.
    assert!(html.contains("<td>10</td>"), "ten ranked opportunities");
    // Every dataset file the report read is in the manifest with its sha256, and is cited.
    assert!(html.contains("Manifest of inputs"));
    let manifest =
        &html[html.find("Manifest of inputs").unwrap()..html.find("<h2>Citations").unwrap()];
    // The report ends with its citations, the methods' among them.
    let citations = &html[html.find("<h2>Citations").unwrap()..];
    for work in [
        "Krackhardt",
        "Snyder, Glenn H.",
        "Huth, Paul",
        "Walt, Stephen M.",
    ] {
        assert!(citations.contains(work), "{work} is cited");
    }
    let rows = manifest.matches("<tr><td>").count();
    assert!(
        rows >= 5,
        "the report reads several dataset files, manifest has {rows}"
    );
    for (ds, cited) in [
        ("cow-nmc", "National Material Capabilities"),
        ("sipri-milex", "SIPRI Military Expenditure"),
        ("unga-ideal-points", "Bailey"),
        ("atop-ddy", "Alliance Treaty Obligations"),
    ] {
        assert!(
            manifest.contains(&format!("<td>{ds}")),
            "{ds} in the manifest"
        );
        let citations = &html[html.find("<h2>Citations").unwrap()..];
        assert!(
            citations.contains(cited),
            "{ds} is cited as {cited}: {citations}"
        );
    }
    let hexes = manifest
        .split("<code>")
        .skip(1)
        .filter(|s| s.len() > 64 && s[..64].chars().all(|c| c.is_ascii_hexdigit()))
        .count();
    assert_eq!(hexes, rows, "every manifest row has a sha256");
}

#[test]
fn without_data_the_report_still_renders_from_the_curated_record() {
    let tmp = tempfile::tempdir().unwrap();
    let html = report(&tmp.path().join("absent"), "2019");
    assert_self_contained(&html);
    assert!(html.contains("Entente brief 2019"));
    assert!(html.contains("No dataset file was read"));
    let citations = &html[html.find("<h2>Citations").unwrap()..];
    assert!(
        !citations.contains("Alliance Treaty Obligations"),
        "only the datasets read are cited"
    );
    assert!(html.matches("<svg").count() >= 2);
}

#[test]
fn an_unwritable_out_path_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = entente()
        .args(["brief", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--out"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
