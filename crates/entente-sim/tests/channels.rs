//! Laws of v2's mechanisms (`docs/model.md` §3.1, §4.2, §6.1): each coordination channel, the
//! readiness of forces and the reference of fear does what it says, on each of ten seeds, and a test
//! fails if its mechanism does nothing.

// Tests change one field of a default scenario at a time, which reads best as assignments.
#![allow(clippy::field_reassign_with_default)]

use entente_sim::{run, Policy, Prepared, Runs, Scenario};

const SEEDS: [u64; 10] = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];

fn prep(s: Scenario) -> Prepared {
    Prepared::new(s, None).expect("scenario compiles")
}

fn paired(a: &Runs, b: &Runs, name: &str) -> (f64, f64) {
    let (ca, cb) = (
        a.column(a.index(name).expect("measure")),
        b.column(b.index(name).expect("measure")),
    );
    let d: Vec<f64> = ca.iter().zip(&cb).map(|(x, y)| y - x).collect();
    let n = d.len() as f64;
    let m = d.iter().sum::<f64>() / n;
    let v = d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    (m, (v / n).sqrt())
}

/// On every seed, B − A on `measure` is above 3 standard errors (`up`) or below −3 (`!up`).
fn holds(a: &Scenario, b: &Scenario, runs: u64, measure: &str, up: bool) {
    for seed in SEEDS {
        let (mut sa, mut sb) = (a.clone(), b.clone());
        sa.seed = seed;
        sb.seed = seed;
        let (ra, rb) = (
            run(&prep(sa).model, runs, 2).unwrap(),
            run(&prep(sb).model, runs, 2).unwrap(),
        );
        let (d, se) = paired(&ra, &rb, measure);
        if up {
            assert!(
                d > 3.0 * se,
                "seed {seed}: {measure} changed by {d} (se {se})"
            );
        } else {
            assert!(
                d < -3.0 * se,
                "seed {seed}: {measure} changed by {d} (se {se})"
            );
        }
    }
}

fn asia_first() -> Scenario {
    let mut s = Scenario::default();
    s.us.policy = Policy::DefeatOneDeterElsewhere;
    s.us.priority = Some("east_asia".into());
    s
}

#[test]
fn coordinated_crisis_type_makes_crises_coincide() {
    let mut a = Scenario::default();
    a.coordination = 0.7;
    a.channels.crisis_type = false;
    let mut b = a.clone();
    b.channels.crisis_type = true;
    holds(&a, &b, 3000, "p_simultaneous_crises", true);
}

#[test]
fn joint_probes_raise_failure_where_they_happen() {
    let mut a = Scenario::default();
    a.coordination = 1.0;
    a.channels.joint_share = 0.0;
    a.channels.joint_force = 0.3;
    let mut b = a.clone();
    b.channels.joint_share = 1.0;
    holds(&a, &b, 3000, "east_asia.failure_rate", true);
}

#[test]
fn russian_activity_in_east_asia_raises_east_asian_probes() {
    let mut a = Scenario::default();
    for c in &mut a.challengers {
        if c.id == "russia_pacific" {
            c.probe_rate = 0.0;
        }
    }
    let b = Scenario::default();
    holds(&a, &b, 2000, "east_asia.probes", true);
}

#[test]
fn reallocation_under_simultaneous_crises_moves_us_force() {
    let mut a = Scenario::default();
    a.coordination = 1.0;
    a.us.priority = Some("east_asia".into());
    a.channels.reallocate_share = 0.0;
    let mut b = a.clone();
    b.channels.reallocate_share = 0.5;
    holds(&a, &b, 2000, "europe.us_share", false);
}

#[test]
fn commitment_elsewhere_emboldens() {
    let mut a = asia_first();
    a.channels.emboldening_elsewhere = 0.0;
    let mut b = a.clone();
    b.channels.emboldening_elsewhere = 2.0;
    holds(&a, &b, 2000, "europe.probes", true);
}

#[test]
fn deprioritising_a_theatre_raises_its_allies_fear() {
    let a = Scenario::default();
    holds(&a, &asia_first(), 1000, "europe.fear", true);
}

#[test]
fn fear_against_presence_rises_where_us_force_leaves() {
    let mut a = asia_first();
    a.fear.reference = entente_sim::params::FearReference::Need;
    let b = asia_first();
    holds(&a, &b, 1000, "europe.fear", true);
}

fn short_warning() -> Scenario {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/baltic-short-warning.toml"),
    )
    .unwrap();
    Scenario::parse(&text, "baltic-short-warning.toml").unwrap()
}

/// The shipped short-warning scenario is tight: in months 1–3 the allies' ready force and the US's
/// planned presence are below the deterrence ratio against Russia's force (with the built-in
/// calibration).
#[test]
fn short_warning_balance_is_tight_early() {
    let mut s = short_warning();
    s.calibration.source = entente_sim::scenario::CalibrationSource::BuiltIn;
    let m = prep(s).model;
    let k = 0;
    for t in 0..3 {
        let r = m.ready_ratio(k, t);
        assert!(r < m.deterrence_ratio(), "month {}: ratio {r}", t + 1);
    }
    assert!(
        m.ready_ratio(k, 16) > m.ready_ratio(k, 0),
        "forces build up"
    );
}

/// In the short-warning scenario, more US force in Europe lowers European failure.
#[test]
fn short_warning_more_us_force_lowers_european_failure() {
    let mut a = short_warning();
    a.calibration.source = entente_sim::scenario::CalibrationSource::BuiltIn;
    a.us.policy = Policy::Fixed;
    a.us.split.insert("europe".into(), 0.2);
    a.us.split.insert("east_asia".into(), 0.5);
    let mut b = a.clone();
    b.us.split.insert("europe".into(), 0.5);
    holds(&a, &b, 4000, "europe.failure_rate", false);
}

/// Capability transfer (§4.2) at the top of its range (25): Russia's deliveries to China raise
/// China's force, so East Asian failures rise. (North Korea's deliveries to Russia, a tenth of that
/// TIV against half of China's spending, raise Russia's force too — `calibrate.rs` checks it — but
/// their effect on European failures, about +0.00001 a month even at the validated maximum of 100,
/// is below what thousands of runs resolve on every seed, so no law is stated on it.)
#[test]
fn capability_transfer_raises_the_recipients_failures() {
    let mut a = Scenario::default();
    a.channels.transfer_weight = 0.0;
    let mut b = a.clone();
    b.channels.transfer_weight = 25.0;
    holds(&a, &b, 8000, "east_asia.failure_rate", true);
}
