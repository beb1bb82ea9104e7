//! `entente brief --out DIR`: the HTML report as a user gets it — one self-contained page that opens
//! on key judgements, draws its charts inline, cites only what it read, says what is missing, and
//! prints to A4 with no text under 9 pt (the browser test, with headless Chromium and poppler).

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;

fn entente() -> Command {
    let mut c = Command::cargo_bin("entente").unwrap();
    c.env_remove("ENTENTE_CURATED").env_remove("ENTENTE_DATA");
    c
}

fn write_report(data: &Path, year: &str, out: &Path) -> String {
    let o = entente()
        .arg("--data-dir")
        .arg(data)
        .args(["brief", "--year", year, "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        vec!["index.html".to_string()],
        "one file, no temporaries left"
    );
    std::fs::read_to_string(out.join("index.html")).unwrap()
}

fn report(data: &Path, year: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    write_report(data, year, out.path())
}

fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for needle in [
        "<script",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
        "<pre",
    ] {
        assert!(
            !lower.contains(needle),
            "the page loads nothing and has no terminal text: found {needle}"
        );
    }
    assert!(lower.starts_with("<!doctype html>"), "{}", &html[..40]);
    assert!(html.trim_end().ends_with("</html>"));
}

/// The values of an attribute everywhere in the page.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!("{name}=\"");
    html.split(&pat)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The datasets in the manifest table.
fn manifest_datasets(html: &str) -> BTreeSet<String> {
    let Some(start) = html.find("<h2>Manifest of inputs") else {
        return BTreeSet::new();
    };
    let end = html.find("<h2>Citations").unwrap_or(html.len());
    html[start..end]
        .split("<tr><td>")
        .skip(1)
        .filter_map(|r| r.split('<').next())
        .map(|d| d.split('/').next().unwrap_or(d).to_string())
        .collect()
}

/// Every figure and judgement rests only on what was read: the curated record, the simulation's
/// built-in figures, or a dataset in the manifest.
fn assert_sources_were_read(html: &str) {
    let read = manifest_datasets(html);
    for ids in attrs(html, "data-sources") {
        for id in ids.split_whitespace() {
            assert!(
                id == "curated" || id == "built-in" || read.contains(id),
                "a figure cites {id}, which the manifest does not list ({read:?})"
            );
        }
    }
}

/// The page's visible prose (tags, styles and code spans removed), up to the manifest.
fn prose(html: &str) -> String {
    let end = html.find("<h2>Manifest of inputs").unwrap_or(html.len());
    let mut s = html[..end].to_string();
    for (open, close) in [("<style>", "</style>"), ("<code>", "</code>")] {
        while let Some(i) = s.find(open) {
            let j = s[i..].find(close).map_or(s.len(), |j| i + j + close.len());
            s.replace_range(i..j, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_report_on_the_real_data_leads_with_judgements_and_cites_what_it_read() {
    let Some(dir) = entente_testkit::real_data() else {
        return;
    };
    let html = report(&dir, "2024");
    assert_self_contained(&html);
    assert!(html.contains("Entente brief"));
    // It opens with three to five key judgements, each with its changes and its source.
    let first_h2 = html.find("<h2>").unwrap();
    assert!(html[first_h2..].starts_with("<h2>Key judgements</h2>"));
    let ol = &html[first_h2..html.find("</ol>").unwrap()];
    let n = ol.matches("<li").count();
    assert!((3..=5).contains(&n), "{n} judgements");
    for li in ol.split("<li").skip(1) {
        let time = li.contains("One year:") && li.contains("Five years:");
        let model = li.contains("A model result, not a time series");
        assert!(time || model, "a judgement without its changes: {li}");
        assert!(
            li.contains("Source:"),
            "a judgement without its source: {li}"
        );
    }
    assert!(
        ol.contains("ATOP 5.1 (observed to 2018"),
        "ATOP's last year is said"
    );
    // One count of interregional ties: the distinct pairs.
    let rec = entente_curated::CuratedRecord::embedded().unwrap();
    let eu = entente_core::Group::Region(entente_core::Region::Europe);
    let eap = entente_core::Group::Region(entente_core::Region::EastAsiaPacific);
    let c = rec.cross_counts(eu, eap, 2024);
    assert!(ol.contains(&format!(
        "<span class=\"j-number\">{}</span>",
        c.distinct_pairs
    )));
    assert!(
        !html.contains(&format!(">{}<", c.record_pairs))
            && !html.contains(&format!(" {} ", c.record_pairs)),
        "record–pair links ({}) are not quoted as a count of ties",
        c.record_pairs
    );
    // Charts: the network, the trends, the challengers, the simulation.
    for id in [
        "fig-network",
        "fig-pairs",
        "fig-brokerage",
        "fig-hub-treaty",
        "fig-challenger-exercises",
        "fig-alignment",
        "fig-sim-failures",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(
        html.contains("data-label=\"Rank\">10<"),
        "ten ranked opportunities"
    );
    assert_sources_were_read(&html);
    // Every dataset read is in the manifest with its sha256, and cited.
    let manifest =
        &html[html.find("<h2>Manifest of inputs").unwrap()..html.find("<h2>Citations").unwrap()];
    let citations = &html[html.find("<h2>Citations").unwrap()..];
    for work in [
        "Kim, Tongfi, and Luis Simón",
        "Krackhardt",
        "Snyder, Glenn H.",
        "Huth, Paul",
        "Walt, Stephen M.",
    ] {
        assert!(citations.contains(work), "{work} is cited");
    }
    let rows = manifest.matches("<tr><td>").count();
    assert!(rows >= 5, "manifest has {rows} rows");
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
        assert!(citations.contains(cited), "{ds} is cited as {cited}");
    }
    let hexes = manifest
        .split("<code>")
        .skip(1)
        .filter(|s| s.len() > 64 && s[..64].chars().all(|c| c.is_ascii_hexdigit()))
        .count();
    assert_eq!(hexes, rows, "every manifest row has a sha256");
}

#[test]
fn the_prose_has_no_internal_names() {
    let tmp = tempfile::tempdir().unwrap();
    let data = entente_testkit::real_data().unwrap_or_else(|| tmp.path().join("absent"));
    let html = report(&data, "2024");
    let text = prose(&html);
    // No snake_case identifiers (field and measure names) and no enum names.
    for w in text.split(|c: char| c.is_whitespace() || "(),;:.“”\"'".contains(c)) {
        let snake = w.contains('_') && w.chars().any(|c| c.is_ascii_lowercase());
        assert!(!snake, "an identifier in the prose: {w}");
    }
    for name in [
        "BuiltIn",
        "Data\"",
        "DefenceTreaty",
        "EastAsiaPacific",
        "failure_rate",
        "TieScope",
        "Some(",
    ] {
        assert!(!text.contains(name), "{name} in the prose");
    }
    // `None` as Rust prints a missing value; the English "None of the …" is prose.
    let debug_none = text
        .match_indices("None")
        .filter(|(i, _)| !text[i + 4..].starts_with(" of "))
        .count();
    assert_eq!(debug_none, 0, "None in the prose");
    // The glossary defines every measure a chart shows.
    let glossary = &html[html.find("id=\"glossary\"").unwrap()..];
    for term in [
        "State pairs tied across the regions",
        "Hub dependence on defence treaties",
        "US brokerage",
        "Direct tie strength",
        "Sino-Russian alignment index",
        "Opportunity score",
        "Deterrence failures a month",
    ] {
        assert!(glossary.contains(term), "{term} in the glossary");
    }
}

#[test]
fn without_data_the_report_shows_nothing_from_a_dataset_it_did_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let html = report(&tmp.path().join("absent"), "2019");
    assert_self_contained(&html);
    assert!(html.contains("Entente brief"));
    assert!(html.contains("No dataset file was read"));
    assert!(manifest_datasets(&html).is_empty());
    // Figures rest only on the curated record (and the simulation's built-in figures).
    assert_sources_were_read(&html);
    for fig in [
        "fig-brokerage",
        "fig-hub-treaty",
        "fig-strength",
        "fig-alignment",
    ] {
        assert!(
            !html.contains(&format!("id=\"{fig}\"")),
            "{fig} needs a dataset that was not read"
        );
    }
    assert!(
        !html.contains("data-label=\"Rank\""),
        "no ranking without its inputs"
    );
    // It names what is missing and how to get it.
    let missing: BTreeSet<&str> = attrs(&html, "data-missing")
        .into_iter()
        .flat_map(|s| s.split_whitespace())
        .collect();
    for ds in [
        "atop-ddy",
        "sipri-transfers",
        "unga-ideal-points",
        "cow-mid",
        "sipri-milex",
    ] {
        assert!(
            missing.contains(ds),
            "{ds} is named as missing: {missing:?}"
        );
    }
    assert!(html.contains("entente data fetch"));
    assert!(html.contains("ENTENTE_DATA"));
    // Captions and citations cite none of the datasets.
    let citations = &html[html.find("<h2>Citations").unwrap()..];
    for name in [
        "Alliance Treaty Obligations",
        "SIPRI",
        "Militarized",
        "Bailey",
    ] {
        assert!(!citations.contains(name), "{name} cited but not read");
    }
    for src in html.split("Source: ").skip(1) {
        let line = src.split('<').next().unwrap_or("");
        for name in ["ATOP", "SIPRI", "COW", "UN General Assembly"] {
            assert!(!line.contains(name), "a caption cites {name}: {line}");
        }
    }
}

#[test]
fn with_part_of_the_data_each_section_uses_what_it_has_and_names_the_rest() {
    let Some(dir) = entente_testkit::real_data() else {
        return;
    };
    // A data directory with ATOP and the state system only.
    let tmp = tempfile::tempdir().unwrap();
    let part = tmp.path().join("data");
    for f in [
        "derived_peacesciencer/atop_5.1_directed_dyad_year_peacesciencer.csv",
        "cow_states2016/states2016.csv",
        "cow_states2016/system2016.csv",
    ] {
        let to = part.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(dir.join(f), &to).unwrap();
    }
    let html = report(&part, "2024");
    assert_sources_were_read(&html);
    assert!(
        html.contains("id=\"fig-brokerage\""),
        "ATOP was read: Washington's place is shown"
    );
    assert!(!html.contains("id=\"fig-alignment\""));
    let missing: BTreeSet<&str> = attrs(&html, "data-missing")
        .into_iter()
        .flat_map(|s| s.split_whitespace())
        .collect();
    assert!(
        missing.contains("sipri-transfers") && !missing.contains("atop-ddy"),
        "{missing:?}"
    );
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

/// The smallest word box poppler finds in a PDF (its height spans the font's ascent and descent).
fn min_word_height(pdf: &Path) -> (f64, usize) {
    let o = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let s = String::from_utf8_lossy(&o.stdout);
    let num = |w: &str, k: &str| -> f64 {
        w.split(&format!("{k}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    };
    let hs: Vec<f64> = s
        .split("<word ")
        .skip(1)
        .map(|w| num(w, "yMax") - num(w, "yMin"))
        .collect();
    (hs.iter().copied().fold(f64::INFINITY, f64::min), hs.len())
}

#[test]
fn the_report_prints_to_a4_with_no_text_under_9pt_and_a_readable_network() {
    let Some(dir) = entente_testkit::real_data() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let web = root.join("web");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let ok = |c: &str, a: &str| {
        std::process::Command::new(c)
            .arg(a)
            .output()
            .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
    };
    let node = ok("node", "--version");
    let poppler = ok("pdftotext", "-v") && ok("pdftoppm", "-v");
    let pw = web.join("node_modules/playwright-core").is_dir();
    let chrome = Path::new(&chromium).exists();
    if !entente_testkit::external(
        node && pw && chrome && poppler,
        &format!("node ({node}), web/node_modules/playwright-core ({pw}), {chromium} ({chrome}) and poppler-utils ({poppler})"),
    ) {
        return;
    }
    let artifacts = root.join("tests-artifacts/report");
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).unwrap();
    let out = tempfile::tempdir().unwrap();
    write_report(&dir, "2024", out.path());
    let o = std::process::Command::new("node")
        .current_dir(&web)
        .arg("tests/report.mjs")
        .arg(out.path().join("index.html"))
        .arg(&artifacts)
        .arg(&chromium)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        o.status.success(),
        "the browser test failed:\n{stdout}\n{stderr}"
    );
    for shot in [
        "screen-1400.png",
        "screen-800.png",
        "screen-390.png",
        "network.png",
        "report.pdf",
    ] {
        assert!(artifacts.join(shot).is_file(), "{shot}");
    }
    // poppler's word boxes: none smaller than 9 pt text in the same faces (the calibration page).
    let (cal, _) = min_word_height(&artifacts.join("calibration-9pt.pdf"));
    let (min, words) = min_word_height(&artifacts.join("report.pdf"));
    eprintln!(
        "pdftotext: {words} words, smallest box {min:.2} pt high; 9 pt text makes {cal:.2} pt"
    );
    assert!(words > 1000, "{words} words");
    assert!(
        min >= cal - 0.01,
        "text under 9 pt in print: a word box {min:.2} pt high, 9 pt is {cal:.2}"
    );
    // The printed pages, for a person to look at.
    let st = std::process::Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(artifacts.join("report.pdf"))
        .arg(artifacts.join("page"))
        .status()
        .unwrap();
    assert!(st.success());
}
