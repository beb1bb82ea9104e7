//! Calibration on the real datasets (`../shared/data`, or `$ENTENTE_DATA`).

// Tests change one field of a default scenario at a time, which reads best as assignments.
#![allow(clippy::field_reassign_with_default)]

use entente_data::Store;
use entente_sim::calibrate::{
    builtin, builtin_calibration, data_calibration, BUILTIN, BUILTIN_YEAR,
};
use entente_sim::scenario::CalibrationSource;
use entente_sim::{calibrate, Model, Prepared, Scenario, Used};
use entente_testkit::data_location as data_dir;

fn all_states() -> Scenario {
    // A scenario naming every state of the built-in table.
    let mut s = Scenario::default();
    s.allies[0].states = BUILTIN
        .iter()
        .filter(|b| !["USA", "RUS", "CHN", "PRK"].contains(&b.iso3))
        .map(|b| b.iso3.to_string())
        .collect();
    s
}

#[test]
fn builtin_figures_equal_the_data() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    let s = all_states();
    let data = data_calibration(&s, &store).unwrap();
    assert_eq!(data.year, BUILTIN_YEAR);
    for f in &data.states {
        let b = builtin(&f.iso3).unwrap();
        match b.milex_bn {
            Some(m) => {
                assert_eq!(Some(m), Some(f.milex_bn), "{} milex", f.iso3);
                assert_eq!(f.milex_year, Some(BUILTIN_YEAR), "{}", f.iso3);
            }
            None => assert_eq!(f.milex_year, None, "{}: SIPRI now has a figure", f.iso3),
        }
        assert_eq!(b.gdp_share, f.gdp_share, "{} share of GDP", f.iso3);
        assert_eq!(b.milper_k, f.milper_k, "{} milper", f.iso3);
        assert_eq!(f.milper_year, 2016, "{}", f.iso3);
    }
    assert_eq!(data.states.len(), BUILTIN.len());
    // Hence the same forces.
    let bi = builtin_calibration(&s).unwrap();
    let (m1, m2) = (Model::new(&s, &data).unwrap(), Model::new(&s, &bi).unwrap());
    assert_eq!(m1.c_force, m2.c_force);
    assert_eq!(m1.ally_force, m2.ally_force);
}

#[test]
fn data_calibration_records_provenance() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    let c = calibrate(&Scenario::default(), Some(&store)).unwrap();
    assert_eq!(c.used, Used::Data);
    let names: Vec<&str> = c.inputs.iter().map(|i| i.dataset.as_str()).collect();
    assert!(
        names.iter().any(|n| n.starts_with("sipri-milex")),
        "{names:?}"
    );
    assert!(names.contains(&"cow-nmc"), "{names:?}");
    assert!(c.inputs.iter().all(|i| i.sha256.len() == 64));
    assert!(
        c.notes.iter().any(|n| n.contains("carried forward")),
        "{:?}",
        c.notes
    );
    assert!(
        c.notes.iter().any(|n| n.contains("North Korea")),
        "{:?}",
        c.notes
    );
}

#[test]
fn another_year_from_the_data() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    let mut s = Scenario::default();
    s.year = 2014;
    s.calibration.source = CalibrationSource::Data;
    let p = Prepared::new(s, Some(&store)).unwrap();
    assert_eq!(p.calibration.year, 2014);
    let rus = p.calibration.state("RUS").unwrap();
    assert_eq!(rus.milex_year, Some(2014));
    assert_eq!(rus.milper_year, 2014);
    // Russia spent less in 2014 than in 2024 in constant dollars; China too.
    let now = Prepared::new(Scenario::default(), Some(&store)).unwrap();
    assert!(rus.milex_bn < now.calibration.state("RUS").unwrap().milex_bn);
    assert!(p.model.c_force[1] < now.model.c_force[1]);
    // Without data, 2014 is refused with a reason.
    let mut s = Scenario::default();
    s.year = 2014;
    let e = calibrate(&s, None).unwrap_err().to_string();
    assert!(e.contains("needs the data directory"), "{e}");
}

#[test]
fn auto_falls_back_to_builtin_when_the_data_are_absent() {
    let empty = std::env::temp_dir().join(format!("entente-sim-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let store = Store::new(&empty);
    let c = calibrate(&Scenario::default(), Some(&store)).unwrap();
    assert_eq!(c.used, Used::BuiltIn);
    assert!(
        c.notes.iter().any(|n| n.contains("not found")),
        "{:?}",
        c.notes
    );
    let mut s = Scenario::default();
    s.calibration.source = CalibrationSource::Data;
    assert!(calibrate(&s, Some(&store)).is_err());
    let _ = std::fs::remove_dir_all(&empty);
}

/// The built-in transfers between the challengers are the SIPRI register's, and the
/// capability-transfer channel calibrates from the data directory the same as from them, with the
/// register in the inputs.
#[test]
fn builtin_transfers_equal_the_register() {
    use entente_sim::calibrate::BUILTIN_TRANSFERS;
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    let mut s = Scenario::default();
    s.channels.transfer_weight = 1.0;
    s.channels.transfer_window_years = 10;
    let data = data_calibration(&s, &store).unwrap();
    let built = builtin_calibration(&s).unwrap();
    let key = |t: &entente_sim::calibrate::TransferFigure| {
        (t.supplier.clone(), t.recipient.clone(), t.year)
    };
    let mut d = data.transfers.clone();
    d.sort_by_key(key);
    let mut b = built.transfers.clone();
    b.sort_by_key(key);
    assert_eq!(d.len(), BUILTIN_TRANSFERS.len(), "{d:?}");
    for (x, y) in d.iter().zip(&b) {
        assert_eq!(key(x), key(y));
        assert!((x.tiv_m - y.tiv_m).abs() < 1e-9, "{x:?} vs {y:?}");
    }
    assert!(data
        .inputs
        .iter()
        .any(|i| i.dataset.to_lowercase().contains("transfers")));
    // Off: no transfers read.
    s.channels.transfer_weight = 0.0;
    assert!(data_calibration(&s, &store).unwrap().transfers.is_empty());
}
