//! Cross-check against reference implementations, side by side, over every dyad of three years:
//! R's `psych::cohen.kappa` (κ and its `weighted` estimate, valued and binary) and a textbook Scott's π
//! on portfolios that R builds itself from the ATOP CSV, and `scipy.stats.kendalltau` for τ_b.
//! Agreement must be within 1e-9. Without Rscript/psych or Python/scipy the test is skipped with a
//! message, unless `ENTENTE_REQUIRE_EXTERNAL=1` (as in CI), where a missing tool fails it.

use entente_core::Ccode;
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_similarity::{Measure, Similarity, SimilarityOptions};
use entente_testkit::data_location as data_dir;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

const YEARS: [i32; 3] = [1900, 1950, 2000];

fn have(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn read_csv(p: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(p).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(|s| s.to_string()).collect();
    r.records()
        .map(|rec| {
            h.iter()
                .cloned()
                .zip(rec.unwrap().iter().map(|s| s.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn agrees_with_psych_and_scipy_on_every_dyad_of_three_years() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let r_ok = have(
        "Rscript",
        &[
            "-e",
            "quit(status = !requireNamespace('psych', quietly = TRUE))",
        ],
    );
    let py_ok = have("python3", &["-c", "import scipy.stats"]);
    if !entente_testkit::external(
        r_ok && py_ok,
        &format!("Rscript with psych ({r_ok}) and python3 with scipy ({py_ok})"),
    ) {
        return;
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let tmp = tempfile::tempdir().unwrap();
    let (scores, ports, taub) = (
        tmp.path().join("s.csv"),
        tmp.path().join("p.csv"),
        tmp.path().join("t.csv"),
    );
    let mut r = Command::new("Rscript");
    r.arg(here.join("kappa.R"))
        .arg(data_dir())
        .arg(&scores)
        .arg(&ports);
    for y in YEARS {
        r.arg(y.to_string());
    }
    let o = r.output().unwrap();
    assert!(
        o.status.success(),
        "Rscript: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = Command::new("python3")
        .arg(here.join("taub.py"))
        .arg(&ports)
        .arg(&taub)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "python3: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    let store = Store::new(data_dir());
    let rec = CuratedRecord::embedded().unwrap().clone();
    let measures = Measure::parse_list("kappa,pi,taub").unwrap();
    let mut sim = Similarity::new(
        SimilarityOptions {
            measures: measures.clone(),
            ..Default::default()
        },
        rec,
    );
    sim.prepare_with(Some(&store), (YEARS[0], YEARS[2]))
        .unwrap();
    let cow = &store.cow_states().unwrap().data;
    let mut ours: HashMap<(i32, u16, u16, &str), Option<f64>> = HashMap::new();
    let mut pairs_per_year = HashMap::new();
    for y in YEARS {
        let mut states: Vec<Ccode> = cow
            .system
            .iter()
            .filter(|(_, yy)| *yy == y)
            .map(|(c, _)| *c)
            .collect();
        states.sort_unstable();
        let n = states.len();
        pairs_per_year.insert(y, n * (n - 1) / 2);
        let s = sim.year_scores(y, &states);
        for (mi, m) in measures.iter().enumerate() {
            for i in 0..n {
                for j in (i + 1)..n {
                    ours.insert((y, states[i].0, states[j].0, m.name()), s[mi][i * n + j]);
                }
            }
        }
    }
    let mut compared = 0usize;
    let mut worst = 0f64;
    let mut check = |rows: &[HashMap<String, String>], cols: &[&'static str]| {
        for row in rows {
            let y: i32 = row["year"].parse::<f64>().unwrap() as i32;
            let a = row["ccode1"].parse::<f64>().unwrap() as u16;
            let b = row["ccode2"].parse::<f64>().unwrap() as u16;
            for col in cols {
                let reference: Option<f64> =
                    row[*col].parse::<f64>().ok().filter(|v| v.is_finite());
                let mine = *ours
                    .get(&(y, a, b, col))
                    .unwrap_or_else(|| panic!("no pair {y} {a}-{b}"));
                match (mine, reference) {
                    (Some(x), Some(r)) => {
                        worst = worst.max((x - r).abs());
                        assert!(
                            (x - r).abs() < 1e-9,
                            "{col} {y} {a}-{b}: ours {x}, reference {r}"
                        );
                    }
                    (None, None) => {}
                    other => panic!("{col} {y} {a}-{b}: defined differently: {other:?}"),
                }
                compared += 1;
            }
        }
    };
    let s = read_csv(&scores);
    assert_eq!(
        s.len(),
        YEARS.iter().map(|y| pairs_per_year[y]).sum::<usize>(),
        "R covered every dyad"
    );
    check(
        &s,
        &["kappavau", "kappava", "kappabau", "kappaba", "piva", "piba"],
    );
    let t = read_csv(&taub);
    assert_eq!(t.len(), s.len());
    check(&t, &["taub"]);
    eprintln!(
        "compared {compared} values over {} dyads; largest difference {worst:e}",
        s.len()
    );
}
