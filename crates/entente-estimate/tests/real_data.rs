//! The fit on the real disputes (`../shared/data`, or `$ENTENTE_DATA`).

use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_estimate::{estimate, out_of_sample, Options};

fn fit(from: i32, to: i32) -> entente_estimate::Estimate {
    let store = Store::new(entente_testkit::data_location());
    let record = CuratedRecord::embedded().unwrap();
    let opts = Options {
        from,
        to,
        roster_year: 2024,
        events: None,
    };
    estimate(&opts, record, &store).unwrap()
}

/// The MID rates that an independent count of MID 4.3 gave (issue "Simulation v2"): each fitted rate
/// lies inside the interval of that count, and each interval covers the other count's rate.
#[test]
fn rates_1990_2010_match_an_independent_count() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let e = fit(1990, 2010);
    let published = [
        ("russia", "europe", 0.048, 0.025, 0.083),
        ("china", "east_asia", 0.052, 0.027, 0.088),
        ("north_korea", "east_asia", 0.036, 0.016, 0.068),
    ];
    for (c, th, rate, lo, hi) in published {
        let r = e
            .rows
            .iter()
            .find(|r| r.challenger == c && r.theatre == th)
            .unwrap_or_else(|| panic!("no row for {c} in {th}"));
        assert_eq!(r.months, 252);
        assert!(
            r.rate >= lo && r.rate <= hi,
            "{c}: {} outside {lo}-{hi}",
            r.rate
        );
        assert!(
            r.ci_low <= rate && rate <= r.ci_high,
            "{c}: {rate} outside {r:?}"
        );
    }
    // Every event is inside the window and aimed at one of the two theatres.
    assert!(e.events.iter().all(|v| (1990..=2010).contains(&v.year)));
    assert!(
        !e.provenance.is_empty(),
        "the disputes' provenance is carried"
    );
}

#[test]
fn windows_add_up() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let whole = fit(1990, 2010);
    let a = fit(1990, 2003);
    let b = fit(2004, 2010);
    for r in &whole.rows {
        let n = |e: &entente_estimate::Estimate| {
            e.rows
                .iter()
                .find(|x| x.challenger == r.challenger && x.theatre == r.theatre)
                .map(|x| x.events)
                .unwrap_or(0)
        };
        assert_eq!(n(&a) + n(&b), r.events, "{} in {}", r.challenger, r.theatre);
    }
    let checks = out_of_sample(&a, &b);
    assert_eq!(checks.len(), a.rows.len());
    assert!(checks.iter().all(|c| (0.0..=1.0).contains(&c.p_value)));
}

#[test]
fn a_window_outside_the_disputes_is_refused() {
    let Some(dir) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(dir);
    let record = CuratedRecord::embedded().unwrap();
    let opts = Options {
        from: 2011,
        to: 2020,
        roster_year: 2024,
        events: None,
    };
    let err = estimate(&opts, record, &store).unwrap_err().to_string();
    assert!(err.contains("--events"), "{err}");
}

/// The range table's fitted entries are this fit: each challenger's probe rate is Gamma(k, T) and
/// its crisis share Beta(x, n − x) with the events, months and crises of `entente estimate` for
/// 1990–2010, so `--parameter-uncertainty` draws them from the fit's sampling distribution.
#[test]
fn the_range_tables_fitted_entries_are_this_fit() {
    use entente_sensitivity::{Dist, Group, RangeTable};
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let e = fit(1990, 2010);
    let t = RangeTable::parse(entente_sim::study::BUILTIN_RANGES, "ranges.toml").unwrap();
    let scn = entente_sim::Scenario::default();
    let mut checked = 0;
    for ch in &scn.challengers {
        let who = match ch.states.first().map(String::as_str) {
            Some("RUS") => "russia",
            Some("CHN") => "china",
            Some("PRK") => "north_korea",
            other => panic!("{}: states {other:?}", ch.id),
        };
        let row = e
            .rows
            .iter()
            .find(|r| r.challenger == who && r.theatre == ch.theatre)
            .unwrap_or_else(|| panic!("no fit for {who} in {}", ch.theatre));
        let entry = |field: &str| {
            let name = format!("challenger.{}.{field}", ch.id);
            t.ranges
                .iter()
                .find(|r| r.name == name)
                .unwrap_or_else(|| panic!("no range for {name}"))
                .clone()
        };
        let rate = entry("probe_rate");
        assert_eq!(rate.group, Group::Fitted);
        assert_eq!(
            rate.dist,
            Dist::Gamma {
                shape: row.events as f64,
                rate: row.months as f64
            },
            "{}",
            ch.id
        );
        let share = entry("crisis_share");
        assert_eq!(share.group, Group::Fitted);
        assert_eq!(
            share.dist,
            Dist::Beta {
                alpha: row.crises as f64,
                beta: (row.events - row.crises) as f64
            },
            "{}",
            ch.id
        );
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// MID 5.0 in the folder (issue 13): the estimate reads it in preference to 4.3, and its window may
/// run to 2014. The shared folder has only 4.3, so the real 4.3 files are written in 5.0's layout
/// beside the other real datasets (linked): the same events must give the same fit, to the count.
#[test]
fn with_mid_5_the_fit_is_the_same_on_the_same_events_and_the_window_reaches_2014() {
    let Some(dir) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(&dir).unwrap() {
        let e = e.unwrap();
        std::os::unix::fs::symlink(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    entente_testkit::mid5::write_as_mid5(
        &dir.join("cow_mid_4.3"),
        &tmp.path().join("cow_mid_5.0"),
        &[],
        &[],
    );
    let record = CuratedRecord::embedded().unwrap();
    let run = |dir: &std::path::Path, from, to| {
        let opts = Options {
            from,
            to,
            roster_year: 2024,
            events: None,
        };
        estimate(&opts, record, &Store::new(dir))
    };
    let (e43, e5) = (
        run(&dir, 1990, 2010).unwrap(),
        run(tmp.path(), 1990, 2010).unwrap(),
    );
    assert_eq!(e43.rows.len(), e5.rows.len());
    for (a, b) in e43.rows.iter().zip(&e5.rows) {
        assert_eq!(
            (&a.challenger, &a.theatre, a.events, a.months, a.crises),
            (&b.challenger, &b.theatre, b.events, b.months, b.crises)
        );
    }
    assert!(e5.provenance.iter().any(|p| p.version.starts_with("5.0")));
    assert!(e43.provenance.iter().any(|p| p.version == "4.3"));
    // 2011-2014 is inside 5.0 and outside 4.3; 2015 is outside both.
    assert!(run(tmp.path(), 2011, 2014).is_ok());
    assert!(run(&dir, 2011, 2014).is_err());
    assert!(run(tmp.path(), 2011, 2015).is_err());
}
