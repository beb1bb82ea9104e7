//! The GraphML export of real years, checked side by side against Python's networkx
//! (`bench/networks.py check`): betweenness, eigenvector centrality (on the US's component),
//! clustering, components, degree, strength, density, E–I, hub dependence, articulation points,
//! bridges, minimum cuts and structural equivalence, to 1e-9.
//!
//! networkx is installed by `.ci/install-deps`. When Python or networkx is missing the test is
//! skipped with a message, unless `ENTENTE_REQUIRE_EXTERNAL=1` (CI), when it fails.

use entente_core::Manifest;
use entente_networks::{export, measure, Inputs, Network, Options};
use std::path::PathBuf;
use std::process::Command;

fn networkx_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import networkx, scipy, numpy"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    entente_testkit::external(ok, "python3 with networkx, scipy and numpy")
}

fn manifest() -> Manifest {
    Manifest {
        command: "networkx cross-check".into(),
        entente_version: env!("CARGO_PKG_VERSION").into(),
        created: "test".into(),
        inputs: Vec::new(),
        rows: 0,
        columns: Vec::new(),
    }
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench/networks.py")
}

#[test]
fn graphml_measures_match_networkx() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    if !networkx_available() {
        return;
    }
    let rec = entente_curated::CuratedRecord::embedded().unwrap();
    let store = entente_data::Store::new(entente_testkit::data_location());
    let inputs = Inputs::load(&store, rec).unwrap();
    assert!(inputs.unavailable.is_empty(), "{:?}", inputs.unavailable);
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let default = Options::default();
    let mut all_layers = Options::default();
    all_layers
        .set_layers("alliance=1,cooperation=0.5,arms=2,un=0.25")
        .unwrap();
    let cases = [
        (1955, &default),
        (1962, &default),
        (1980, &default),
        (1995, &default),
        (2024, &default),
        (1985, &all_layers),
        (2015, &all_layers),
    ];
    for (year, opts) in cases {
        let net = Network::build(&inputs, year, opts, &[]).unwrap();
        let m = measure(&net).unwrap();
        let p = dir
            .path()
            .join(format!("{year}-{}.graphml", opts.enabled_layers().len()));
        std::fs::write(&p, export::graphml(&net, &m, &manifest())).unwrap();
        files.push(p);
    }
    let out = Command::new("python3")
        .arg(script())
        .arg("check")
        .args(&files)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| {
        panic!(
            "networkx check printed no report ({e}); stderr:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    for g in v["graphs"].as_array().unwrap() {
        eprintln!(
            "networkx cross-check {} ({} nodes, {} edges, eigenvector on {} nodes): max |Δ| {}",
            g["year"], g["nodes"], g["edges"], g["eigenvector_nodes"], g["max_abs_diff"]
        );
        assert!(
            g["failures"].as_array().unwrap().is_empty(),
            "year {}: {}",
            g["year"],
            g["failures"]
        );
        assert!(g["eigenvector_nodes"].as_u64().unwrap() > 10);
    }
    assert_eq!(v["ok"], true, "{report}");
    assert!(out.status.success());
}

#[test]
fn parallel_and_serial_runs_agree() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let rec = entente_curated::CuratedRecord::embedded().unwrap();
    let store = entente_data::Store::new(entente_testkit::data_location());
    let inputs = Inputs::load(&store, rec).unwrap();
    let o = Options::default();
    let a = entente_networks::trends::measure_years(&inputs, (1990, 2025), &o, &[]).unwrap();
    let b = entente_networks::trends::measure_years_serial(&inputs, (1990, 2025), &o, &[]).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.len(), 36);
}
