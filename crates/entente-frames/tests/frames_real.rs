//! Frames on the real data: row counts against independent figures, symmetry, missing values outside
//! coverage, and hand-checked values from the source files.

use arrow_array::{Array, Float64Array, Int32Array, Int8Array, RecordBatch};
use entente_core::Ccode;
use entente_data::Store;
use entente_frames::{DyadYears, Filter, FrameOptions, StateYears};
use entente_testkit::data_location as data_dir;
use std::collections::HashMap;
use std::sync::OnceLock;

fn store() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| Store::new(data_dir()))
}

fn opts(from: i32, to: i32) -> FrameOptions {
    FrameOptions {
        from: Some(from),
        to: Some(to),
        extend: true,
    }
}

fn i32col<'a>(b: &'a RecordBatch, name: &str) -> &'a Int32Array {
    b.column_by_name(name)
        .unwrap()
        .as_any()
        .downcast_ref::<Int32Array>()
        .unwrap()
}

/// (ccode1, ccode2, year) -> row, over batches.
fn index(batches: &[RecordBatch]) -> HashMap<(i32, i32, i32), (usize, usize)> {
    let mut m = HashMap::new();
    for (bi, b) in batches.iter().enumerate() {
        let (a, c, y) = (i32col(b, "ccode1"), i32col(b, "ccode2"), i32col(b, "year"));
        for r in 0..b.num_rows() {
            m.insert((a.value(r), c.value(r), y.value(r)), (bi, r));
        }
    }
    m
}

/// A cell as f64 (None for null), for any numeric column.
fn cell(b: &RecordBatch, name: &str, r: usize) -> Option<f64> {
    let c = b.column_by_name(name).unwrap();
    if c.is_null(r) {
        return None;
    }
    let any = c.as_any();
    if let Some(a) = any.downcast_ref::<Int8Array>() {
        return Some(f64::from(a.value(r)));
    }
    if let Some(a) = any.downcast_ref::<Int32Array>() {
        return Some(f64::from(a.value(r)));
    }
    any.downcast_ref::<Float64Array>().map(|a| a.value(r))
}

#[test]
fn directed_dyad_counts_match_the_state_system_less_false_dyads() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let f = DyadYears::create(store(), opts(1816, 2019), true).unwrap();
    let batches = f.collect().unwrap();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    // peacesciencer's cow_ddy (1816-2019, year-level overlap) has 2,025,840 rows; COW's day-level
    // dates make 60 of them false dyads (West and unified Germany in 1990, and others).
    assert_eq!(rows, 2_025_840 - 60);
    // Per year: n(n-1) from system2016.csv, minus the false dyads counted from states2016 dates.
    let sys = &store().cow_states().unwrap().data;
    let mut n: HashMap<i32, usize> = HashMap::new();
    for (_, y) in &sys.system {
        *n.entry(*y).or_default() += 1;
    }
    let mut false_dyads: HashMap<i32, usize> = HashMap::new();
    for y in 1816..=2016 {
        let yspan = entente_core::DateSpan::new(
            entente_core::year_start(y),
            Some(entente_core::year_end(y)),
        );
        let spells: Vec<_> = sys
            .states
            .iter()
            .filter(|s| s.span.active_in_year(y))
            .collect();
        let codes: std::collections::BTreeSet<Ccode> = spells.iter().map(|s| s.ccode).collect();
        for a in &codes {
            for b in &codes {
                if a == b {
                    continue;
                }
                let common = spells.iter().filter(|s| s.ccode == *a).any(|sa| {
                    spells
                        .iter()
                        .filter(|s| s.ccode == *b)
                        .any(|sb| !sa.span.intersect(&sb.span).intersect(&yspan).is_empty())
                });
                if !common {
                    *false_dyads.entry(y).or_default() += 1;
                }
            }
        }
    }
    assert_eq!(false_dyads.values().sum::<usize>(), 60);
    assert!(
        false_dyads.get(&1990).copied().unwrap_or(0) >= 2,
        "255–260 both ways in 1990"
    );
    for b in &batches {
        let y = i32col(b, "year").value(0);
        if y <= 2016 {
            let ny = n[&y];
            assert_eq!(
                b.num_rows(),
                ny * (ny - 1) - false_dyads.get(&y).copied().unwrap_or(0),
                "{y}"
            );
        } else {
            assert_eq!(
                b.num_rows(),
                n[&2016] * (n[&2016] - 1),
                "{y}: the 2016 system carried forward"
            );
        }
    }
    let idx = index(&batches);
    assert!(!idx.contains_key(&(255, 260, 1990)) && !idx.contains_key(&(260, 255, 1990)));
    assert!(idx.contains_key(&(255, 2, 1990)) && idx.contains_key(&(260, 2, 1990)));
}

#[test]
fn undirected_frames_hold_each_pair_once() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let d = DyadYears::create(store(), opts(1950, 1960), true)
        .unwrap()
        .collect()
        .unwrap();
    let u = DyadYears::create(store(), opts(1950, 1960), false)
        .unwrap()
        .collect()
        .unwrap();
    for (bd, bu) in d.iter().zip(&u) {
        assert_eq!(bd.num_rows(), 2 * bu.num_rows());
        let (a, b) = (i32col(bu, "ccode1"), i32col(bu, "ccode2"));
        assert!((0..bu.num_rows()).all(|r| a.value(r) < b.value(r)));
    }
}

#[test]
fn symmetric_columns_are_identical_both_ways() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let names = [
        "contiguity",
        "capital-distance",
        "mids",
        "ideal-points",
        "arms-tiv",
    ];
    let f = DyadYears::create(store(), opts(1946, 2019), true)
        .unwrap()
        .add_all(&names)
        .unwrap();
    let sym = f.symmetric_columns();
    assert_eq!(sym.len(), 6, "{sym:?}");
    let batches = f.collect().unwrap();
    let idx = index(&batches);
    let mut checked = 0usize;
    for (&(a, b, y), &(bi, r)) in &idx {
        let &(bj, s) = idx.get(&(b, a, y)).expect("the reverse row exists");
        for col in &sym {
            assert_eq!(
                cell(&batches[bi], col, r),
                cell(&batches[bj], col, s),
                "{col} {a}-{b} {y}"
            );
            checked += 1;
        }
    }
    assert!(checked > 5_000_000, "{checked}");
}

#[test]
fn values_outside_coverage_are_missing_not_zero() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let f = DyadYears::create(store(), opts(2010, 2025), true)
        .unwrap()
        .add_all(&[
            "atop",
            "cow-alliance",
            "nmc",
            "contiguity",
            "mids",
            "milex-sipri",
            "ideal-points",
            "capital-distance",
            "arms-tiv",
        ])
        .unwrap();
    let batches = f.collect().unwrap();
    let expect_null_after = [
        ("atop_defense", 2018),
        ("cow_defense", 2012),
        ("milex1", 2016),
        ("cinc2", 2016),
        ("conttype", 2016),
        ("cowmidongoing", 2010),
        ("milex_sipri1", 2024),
        ("idealpointall1", 2024),
        ("capdist", 2024),
    ];
    for b in &batches {
        let y = i32col(b, "year").value(0);
        for (col, last) in expect_null_after {
            let nulls = b.column_by_name(col).unwrap().null_count();
            if y > last {
                assert_eq!(nulls, b.num_rows(), "{col} in {y} must be all missing");
            }
        }
        // Inside coverage, no-alliance is 0, not missing.
        if y <= 2012 {
            assert_eq!(
                b.column_by_name("cow_defense").unwrap().null_count(),
                0,
                "{y}"
            );
        }
        if y <= 2018 {
            assert_eq!(
                b.column_by_name("atop_defense").unwrap().null_count(),
                0,
                "{y}"
            );
        }
        let tiv = b.column_by_name("arms_tiv").unwrap();
        assert_eq!(
            tiv.null_count(),
            0,
            "{y}: arms_tiv is 0, not missing, within 1950–2025"
        );
    }
}

#[test]
fn hand_checked_values_from_the_source_files() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let f = DyadYears::create(store(), opts(1946, 2018), true)
        .unwrap()
        .add_all(&[
            "atop",
            "cow-alliance",
            "nmc",
            "contiguity",
            "capital-distance",
        ])
        .unwrap();
    let batches = f.collect().unwrap();
    let idx = index(&batches);
    let get = |a: i32, b: i32, y: i32, col: &str| {
        let &(bi, r) = idx.get(&(a, b, y)).unwrap_or_else(|| panic!("{a}-{b} {y}"));
        cell(&batches[bi], col, r)
    };
    // US–Japan: ATOP codes the US pledge to defend Japan, and no Japanese pledge to defend the US;
    // both consult, and from the 1960 treaty both promise non-aggression.
    for y in [1952, 1960, 1990, 2018] {
        assert_eq!(get(2, 740, y, "atop_defense"), Some(1.0), "US→JPN {y}");
        assert_eq!(get(740, 2, y, "atop_defense"), Some(0.0), "JPN→US {y}");
        assert_eq!(get(740, 2, y, "atop_consul"), Some(1.0), "JPN→US {y}");
    }
    assert_eq!(get(740, 2, 1959, "atop_nonagg"), Some(0.0));
    assert_eq!(get(740, 2, 1960, "atop_nonagg"), Some(1.0));
    // COW codes one-sided obligations by direction too (Turkey–Netherlands, 1972).
    assert_ne!(
        get(210, 640, 1972, "cow_nonagg"),
        get(640, 210, 1972, "cow_nonagg")
    );
    // US–ROK: the 1953 treaty, in force 17 November 1954: ATOP codes the pledge from 1954 on.
    for y in 1954..=2018 {
        assert_eq!(get(2, 732, y, "atop_defense"), Some(1.0), "US–ROK {y}");
    }
    assert_eq!(get(2, 732, 1950, "atop_defense"), Some(0.0));
    // NMC's US 2000 row: milex 301,697,000 (thousands of US$) per NMC 6.0.
    let us2000 = store()
        .nmc()
        .unwrap()
        .data
        .iter()
        .find(|r| r.ccode == Ccode(2) && r.year == 2000)
        .cloned()
        .unwrap();
    assert_eq!(get(2, 740, 2000, "milex1"), us2000.milex);
    assert_eq!(get(740, 2, 2000, "milex2"), us2000.milex);
    // Land contiguity US–Canada, none US–Japan; Washington–Tokyo about 10,900 km.
    assert_eq!(get(2, 20, 2000, "conttype"), Some(1.0));
    assert_eq!(get(2, 740, 2000, "conttype"), Some(0.0));
    let d = get(2, 740, 2000, "capdist").unwrap();
    assert!((d - 10_900.0).abs() < 100.0, "{d}");
}

#[test]
fn state_years_and_filters() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let f = StateYears::create(store(), opts(2000, 2000))
        .unwrap()
        .add_all(&["nmc", "majors", "milex-sipri"])
        .unwrap();
    let b = &f.collect().unwrap()[0];
    assert_eq!(b.num_rows(), 191, "COW system members in 2000");
    let codes = i32col(b, "ccode");
    let us = (0..b.num_rows()).find(|&r| codes.value(r) == 2).unwrap();
    assert_eq!(cell(b, "cowmaj", us), Some(1.0));
    let share = cell(b, "milex_gdp_sipri", us).unwrap();
    assert!(share > 0.02 && share < 0.05, "a fraction: {share}");
    // Politically relevant dyads: contiguous or with a major power.
    let prd = DyadYears::create(store(), opts(2000, 2000), true)
        .unwrap()
        .filter(Filter::PoliticallyRelevant)
        .unwrap()
        .add_all(&["contiguity", "majors"])
        .unwrap()
        .collect()
        .unwrap();
    let b = &prd[0];
    assert!(
        b.num_rows() > 2000 && b.num_rows() < 36_290,
        "{}",
        b.num_rows()
    );
    for r in 0..b.num_rows() {
        let relevant = cell(b, "conttype", r).unwrap() >= 1.0
            || cell(b, "cowmaj1", r) == Some(1.0)
            || cell(b, "cowmaj2", r) == Some(1.0);
        assert!(relevant);
    }
    // A region keeps dyads with both states in it.
    let eap = DyadYears::create(store(), opts(2000, 2000), false)
        .unwrap()
        .filter(Filter::parse("region:east-asia").unwrap())
        .unwrap()
        .collect()
        .unwrap();
    let (a, c) = (i32col(&eap[0], "ccode1"), i32col(&eap[0], "ccode2"));
    for r in 0..eap[0].num_rows() {
        for code in [a.value(r), c.value(r)] {
            assert!(entente_core::Group::parse("east-asia")
                .unwrap()
                .contains(Ccode(code as u16)));
        }
    }
}
