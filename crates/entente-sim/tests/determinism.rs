//! The same seed gives the same numbers, whatever the thread count; and a golden summary for one
//! seed (regenerate with `ENTENTE_UPDATE_GOLDEN=1`, then review the diff by hand).

// Tests change one field of a default scenario at a time, which reads best as assignments.
#![allow(clippy::field_reassign_with_default)]

use entente_sim::output::{runs_csv, summary_csv, Summary};
use entente_sim::scenario::CalibrationSource;
use entente_sim::{run, Prepared, Scenario};
use std::path::PathBuf;

fn baseline() -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/baseline.toml");
    let mut s = Scenario::read(&path).expect("baseline.toml");
    // The golden file must not depend on whether a data directory is present.
    s.calibration.source = CalibrationSource::BuiltIn;
    s
}

#[test]
fn same_seed_same_numbers_whatever_the_thread_count() {
    let p = Prepared::new(baseline(), None).unwrap();
    let one = run(&p.model, 700, 1).unwrap();
    for threads in [2, 3] {
        let many = run(&p.model, 700, threads).unwrap();
        assert_eq!(one.names, many.names);
        let same = one
            .values
            .iter()
            .zip(&many.values)
            .all(|(a, b)| a.to_bits() == b.to_bits());
        assert!(same, "{threads} threads differ from 1");
        assert_eq!(runs_csv(&one).unwrap(), runs_csv(&many).unwrap());
        assert_eq!(summary_csv(&one).unwrap(), summary_csv(&many).unwrap());
    }
    // A different seed gives different numbers: the check above is not vacuous.
    let mut s = baseline();
    s.seed += 1;
    let q = Prepared::new(s, None).unwrap();
    let other = run(&q.model, 700, 1).unwrap();
    assert_ne!(one.values, other.values);
}

#[test]
fn run_is_independent_of_the_runs_before_it() {
    // Run 57 alone equals run 57 of a batch: each run has its own stream.
    let p = Prepared::new(baseline(), None).unwrap();
    let batch = run(&p.model, 60, 2).unwrap();
    let mut w = entente_sim::Work::new(&p.model);
    let mut out = vec![0.0; p.model.n_metrics()];
    p.model.run(57, &mut w, &mut out);
    assert_eq!(batch.row(57), &out[..]);
}

#[test]
fn golden_summary_for_one_seed() {
    let mut s = baseline();
    s.runs = 1000;
    let p = Prepared::new(s, None).unwrap();
    let r = run(&p.model, 1000, 2).unwrap();
    let got = Summary::new(&p, &r).to_json();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/baseline-seed20240-1000runs.json");
    if std::env::var_os("ENTENTE_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with ENTENTE_UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(got == want, "summary differs from {}; if the model changed on purpose, regenerate with ENTENTE_UPDATE_GOLDEN=1 and review the diff", path.display());
}

#[test]
fn a_third_theatre_can_be_configured() {
    let text = r#"
runs = 50
[us]
policy = "fixed"
split = { europe = 0.3, east_asia = 0.5, arctic = 0.2 }
[[theatre]]
id = "europe"
name = "Europe"
lat = 54.0
lon = 23.0
transit_months = 2
[[theatre]]
id = "east_asia"
name = "East Asia"
lat = 30.0
lon = 125.0
transit_months = 3
[[theatre]]
id = "arctic"
name = "High North"
lat = 70.0
lon = 25.0
transit_months = 1
[[challenger]]
id = "russia"
states = ["RUS"]
theatre = "europe"
theatre_share = 0.6
probe_rate = 0.15
crisis_share = 0.15
[[challenger]]
id = "russia_north"
states = ["RUS"]
theatre = "arctic"
theatre_share = 0.2
probe_rate = 0.1
crisis_share = 0.1
[[challenger]]
id = "china"
states = ["CHN"]
theatre = "east_asia"
theatre_share = 0.8
probe_rate = 0.25
crisis_share = 0.1
[[ally]]
id = "poland"
states = ["POL"]
theatre = "europe"
exposure = 0.3
econ_dependence = 0.01
[[ally]]
id = "norway"
states = ["NOR"]
theatre = "arctic"
exposure = 0.4
econ_dependence = 0.01
[[ally]]
id = "japan"
states = ["JPN"]
theatre = "east_asia"
exposure = 0.6
econ_dependence = 0.2
"#;
    let s = Scenario::parse(text, "three.toml").unwrap();
    let p = Prepared::new(s, None).unwrap();
    assert_eq!(p.model.theatres(), 3);
    let r = run(&p.model, 50, 2).unwrap();
    let j = r.index("arctic.us_share").unwrap();
    let mean = r.column(j).iter().sum::<f64>() / 50.0;
    // The fixed split gives the High North 20% of the allocated 80% of D, less transit at the start.
    assert!((mean - 0.16).abs() < 0.01, "{mean}");
    assert!(r.index("arctic.failure_rate").is_some() && r.index("norway.belief_final").is_some());
}

#[test]
fn tracing_does_not_change_a_run() {
    let p = Prepared::new(baseline(), None).unwrap();
    let m = &p.model;
    let mut w = entente_sim::Work::new(m);
    let (mut a, mut b) = (vec![0.0; m.n_metrics()], vec![0.0; m.n_metrics()]);
    let mut tr = vec![0.0; m.trace_width() * m.horizon()];
    m.run(11, &mut w, &mut a);
    m.run_traced(11, &mut w, &mut b, Some(&mut tr));
    assert_eq!(a, b);
    // The traced failures add up to the run's failure rate.
    let j = p
        .model
        .metric_names()
        .iter()
        .position(|n| n == "east_asia.failure_rate")
        .unwrap();
    let k = 1;
    let w5 = m.trace_width();
    let total: f64 = (0..m.horizon()).map(|t| tr[t * w5 + k * 5]).sum();
    assert!((total / m.horizon() as f64 - a[j]).abs() < 1e-12);
}

#[test]
fn trajectories_do_not_depend_on_threads() {
    use entente_sim::trajectory::trajectories;
    let p = Prepared::new(baseline(), None).unwrap();
    let one = trajectories(&entente_sim::runner::pool(1).unwrap(), &p.model, 300);
    let two = trajectories(&entente_sim::runner::pool(2).unwrap(), &p.model, 300);
    assert_eq!(one.csv(), two.csv());
    let csv = one.csv();
    assert_eq!(csv.lines().count(), 1 + 2 * 5 * p.model.horizon());
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (mean, lo, hi): (f64, f64, f64) = (
            f[3].parse().unwrap(),
            f[4].parse().unwrap(),
            f[5].parse().unwrap(),
        );
        // A band is ordered; a mean of a skewed measure (failures, mostly 0) may lie above its 95th
        // percentile, so only the measures in [0, 1] are checked against their bounds.
        assert!(lo <= hi, "{line}");
        assert!(mean >= 0.0, "{line}");
        if f[2] != "failures" {
            assert!((0.0..=1.0).contains(&mean), "{line}");
        }
    }
    assert_eq!(one.charts().unwrap().len(), 5);
}
