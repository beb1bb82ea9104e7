//! The laws the issue sets for the opportunity score, on the real data.

use entente_core::Ccode;
use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_opportunities::inputs::Inputs;
use entente_opportunities::{Engine, PairScore, Params};
use entente_testkit::data_location as data_dir;
use std::sync::OnceLock;

fn store() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| Store::new(data_dir()))
}

fn embedded() -> &'static CuratedRecord {
    CuratedRecord::embedded().unwrap()
}

fn with_extra(extra: &str) -> CuratedRecord {
    let mut files: Vec<(&str, &str)> = CuratedRecord::embedded_files().to_vec();
    files.push(("zz-extra.toml", extra));
    CuratedRecord::from_texts(&files, "test").unwrap()
}

fn find(v: &[PairScore], e: u16, a: u16) -> PairScore {
    v.iter()
        .find(|p| p.europe.ccode == e && p.asia.ccode == a)
        .cloned()
        .expect("pair present")
}

const POL_KOR_ACCESS: &str = r#"
[[record]]
id = "test-pol-kor-raa"
name = "Hypothetical Poland-Korea reciprocal access agreement"
kind = "access_agreement"
status = "in_force"
signed = 2024-01-01
in_force = 2024-01-01
members = [{ state = "POL" }, { state = "KOR" }]
summary = "A test record."
sources = [{ title = "test", url = "https://example.org/test" }]
"#;

#[test]
fn an_access_agreement_raises_ties_and_lowers_the_rank() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let before = Engine::new(Some(store()), embedded(), Params::default()).year(2024);
    let rec = with_extra(POL_KOR_ACCESS);
    let after = Engine::new(Some(store()), &rec, Params::default()).year(2024);
    let (b, a) = (find(&before, 290, 732), find(&after, 290, 732));
    assert!(
        a.ties.component.value > b.ties.component.value,
        "{:?} -> {:?}",
        b.ties,
        a.ties
    );
    assert!(a.score < b.score);
    assert!(a.rank > b.rank, "rank {} -> {}", b.rank, a.rank);
    assert!(
        a.rationale.contains("access agreement since 2024"),
        "{}",
        a.rationale
    );
    // Other things equal: the other pairs' components do not move.
    let (b2, a2) = (find(&before, 200, 740), find(&after, 200, 740));
    assert_eq!(b2.score, a2.score);
}

#[test]
fn zeroing_a_weight_removes_its_influence() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    // With access weighted 0, the agreement changes nothing.
    let mut p = Params::default();
    p.ties.access = 0.0;
    let rec = with_extra(POL_KOR_ACCESS);
    let x = find(
        &Engine::new(Some(store()), embedded(), p.clone()).year(2024),
        290,
        732,
    );
    let y = find(&Engine::new(Some(store()), &rec, p).year(2024), 290, 732);
    assert_eq!(x.score, y.score);
    assert_eq!(x.ties.component.value, y.ties.component.value);
    // With the threat component weighted 0, changing the threat inputs' weights changes no score,
    // and the score is the weighted mean of the other two components.
    let mut p1 = Params::default();
    p1.combine.threat = 0.0;
    let mut p2 = p1.clone();
    p2.threat.un_distance = 5.0;
    p2.threat.proximity = 0.1;
    let s1 = Engine::new(Some(store()), embedded(), p1.clone()).year(2023);
    let s2 = Engine::new(Some(store()), embedded(), p2).year(2023);
    assert_eq!(s1.len(), s2.len());
    for (a, b) in s1.iter().zip(&s2) {
        assert_eq!(
            (a.europe.ccode, a.asia.ccode, a.score),
            (b.europe.ccode, b.asia.ccode, b.score)
        );
        let c = a.capability.component.value.unwrap();
        let g = 1.0 - a.ties.component.value.unwrap();
        let want = (p1.combine.capability * c + p1.combine.gap * g)
            / (p1.combine.capability + p1.combine.gap);
        assert!((a.score - want).abs() < 1e-12);
    }
}

#[test]
fn results_do_not_depend_on_the_order_of_input_rows() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let base = serde_json::to_string(
        &Engine::new(Some(store()), embedded(), Params::default()).year(2015),
    )
    .unwrap();
    // The record's files and records in reverse order.
    let mut files: Vec<(String, String)> = CuratedRecord::embedded_files()
        .iter()
        .rev()
        .map(|(n, t)| {
            let mut recs: Vec<&str> = t.split("[[record]]").collect();
            let head = recs.remove(0);
            recs.reverse();
            (
                format!("r-{n}"),
                format!(
                    "{head}{}",
                    recs.iter()
                        .map(|r| format!("[[record]]{r}"))
                        .collect::<String>()
                ),
            )
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let rec = CuratedRecord::from_texts(&refs, "permuted").unwrap();
    assert_eq!(rec.ties().len(), embedded().ties().len());
    let mut inputs = Inputs::load(Some(store()), &rec);
    inputs.deliveries.reverse();
    inputs.disputes.reverse();
    for v in inputs.pair_tiv.values_mut() {
        v.reverse();
    }
    let permuted =
        serde_json::to_string(&Engine::from_parts(&rec, inputs, Params::default()).year(2015))
            .unwrap();
    if base != permuted {
        let at = base
            .bytes()
            .zip(permuted.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        let from = at.saturating_sub(200);
        panic!(
            "results differ at byte {at}:\n  base:     {}\n  permuted: {}",
            &base[from..(at + 100).min(base.len())],
            &permuted[from..(at + 100).min(permuted.len())]
        );
    }
}

#[test]
fn missing_inputs_reduce_coverage_and_are_never_zero() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    // No data directory: only the record; threat and capability are missing, not 0.
    let bare = Engine::new(None, embedded(), Params::default()).year(2024);
    assert!(!bare.is_empty());
    for p in &bare {
        assert_eq!(p.threat.value, None);
        assert_eq!(p.capability.component.value, None);
        assert!(p.coverage < 0.34, "{}", p.coverage);
        assert_eq!(
            p.score,
            1.0 - p.ties.component.value.unwrap(),
            "the gap alone"
        );
    }
    // With the data, the disputes input ends in 2010: a year whose 10-year window runs past it has
    // lower coverage, not zeros.
    let e = Engine::new(Some(store()), embedded(), Params::default());
    let y2005 = find(&e.year(2005), 200, 740);
    let y2015 = find(&e.year(2015), 200, 740);
    assert!(y2005.exposures[0][1].disputes.is_some());
    assert!(y2015.exposures[0][1].disputes.is_none());
    assert!(y2015.coverage < y2005.coverage);
    assert!(y2005.coverage <= 1.0 && y2015.threat.value.is_some());
}

#[test]
fn known_pairs_read_as_an_analyst_expects() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let e = Engine::new(Some(store()), embedded(), Params::default());
    let v = e.year(2024);
    let pk = find(&v, 290, 732);
    assert!(
        pk.capability.shared_families.iter().any(|f| f == "K9"),
        "{:?}",
        pk.capability.shared_families
    );
    assert!(pk.rationale.contains("Russian"), "{}", pk.rationale);
    let uj = find(&v, 200, 740);
    assert!(
        uj.ties.present.iter().any(|t| t == "access agreement"),
        "Japan–UK RAA: {:?}",
        uj.ties.present
    );
    assert!(uj.capability.shared_families.iter().any(|f| f == "F-35"));
    for p in &v {
        assert!((0.0..=1.0).contains(&p.score) && (0.0..=1.0).contains(&p.coverage));
        assert!(Ccode(p.europe.ccode) != Ccode(p.asia.ccode));
    }
}

#[test]
fn years_in_parallel_equal_each_year_alone() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let engine = Engine::new(Some(store()), embedded(), Params::default());
    let together = engine.years(2016, 2025);
    assert_eq!(together.len(), 10);
    for (y, got) in (2016..=2025).zip(&together) {
        let alone = engine.year(y);
        assert!(!alone.is_empty(), "{y}: no pairs");
        assert_eq!(got, &alone, "{y}");
    }
}

#[test]
fn thin_coverage_is_listed_not_ranked_unless_asked() {
    let bare = Engine::new(None, embedded(), Params::default());
    assert_eq!(
        bare.missing_datasets().len(),
        6,
        "every threat and capability dataset"
    );
    let v = bare.year(2024);
    assert!(v.iter().all(|p| p.insufficient_data && p.rank == 0));
    let partial = Engine::new(None, embedded(), Params::default()).allow_partial(true);
    let v = partial.year(2024);
    assert!(v.iter().all(|p| !p.insufficient_data));
    assert_eq!(v[0].rank, 1);
    // With the data every pair of 2024 is covered well enough to rank.
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let full = Engine::new(Some(store()), embedded(), Params::default());
    assert!(full.missing_datasets().is_empty());
    assert!(full.year(2024).iter().all(|p| !p.insufficient_data));
}

#[test]
fn rank_stability_is_reported_for_the_top_ten() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let e = Engine::new(Some(store()), embedded(), Params::default());
    let mut v = e.year(2024);
    entente_opportunities::stability::add_stability(&mut v, &Params::default().combine, 10);
    for p in &v[..10] {
        let s = p.stability.as_ref().unwrap();
        assert!((0.0..=1.0).contains(&s.top10_share));
        assert!(s.rank_90.0 <= s.rank_90.1 && s.rank_90.0 >= 1);
    }
    assert!(v[10].stability.is_none());
    // Unperturbed weights give back the engine's ranks.
    for p in &v {
        let again = entente_opportunities::stability::combine(p, [1.0, 1.0, 1.0]);
        assert!((again - p.score).abs() < 1e-12);
    }
}

#[test]
fn the_backtest_tunes_on_early_years_only() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    use entente_opportunities::backtest::backtest;
    let mut short = Engine::new(Some(store()), embedded(), Params::default());
    let a = backtest(&mut short, 2000, 2004, 5);
    let mut long = Engine::new(Some(store()), embedded(), Params::default());
    let b = backtest(&mut long, 2000, 2012, 5);
    // The out-of-sample years do not move the tuned weights.
    assert_eq!(a.tuned_weights, b.tuned_weights);
    assert_eq!(a.periods.len(), 1);
    assert_eq!(b.periods.len(), 2);
    let out = &b.periods[1];
    assert_eq!(out.years, (2010, 2012));
    assert!(out.positives > 0 && out.positives < out.pair_years);
    for q in &out.quality {
        assert!(q.auc.is_some_and(|x| (0.0..=1.0).contains(&x)), "{q:?}");
    }
    assert_eq!(out.comparisons.len(), 6);
    for c in &out.comparisons {
        let (lo, hi) = c.interval_95.unwrap();
        assert!(lo <= hi);
        assert_eq!(c.beats, lo > 0.0);
    }
    assert!(b.verdict.contains("2010–2012"));
}
