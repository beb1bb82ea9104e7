//! The publishers' own formats on the committed fixtures (`tests/fixtures/data`), which run on any
//! machine: SIPRI's workbook against the long CSV converted from it, and the UN's Stata release.

use entente_data::readers::sipri_milex::MilexRow;
use entente_data::readers::sipri_milex_xlsx::Workbook;
use entente_data::readers::{unga, RawFile};
use entente_data::Store;
use std::collections::BTreeSet;

/// The fixture's states (tests/fixtures/README.md) and years.
const STATES: [u16; 11] = [2, 200, 220, 255, 290, 365, 710, 731, 732, 740, 900];

#[test]
fn the_sipri_workbook_slice_equals_its_long_csv_row_for_row() {
    let dir = entente_testkit::fixtures();
    let raw = RawFile::read(&dir.join("sipri_milex/SIPRI-Milex-data-1949-2025.xlsx")).unwrap();
    let mut wb = Workbook::open(&raw).unwrap();
    let got = wb.sheet("Share of GDP", "test").unwrap();
    let store = Store::new(&dir);
    let milex = store.milex().unwrap();
    let want = milex.data.sheet("share-gdp-2025").unwrap();
    // 11 countries, 1949-2024.
    assert_eq!(want.rows.len(), 11 * 76);
    assert_eq!(got.rows.len(), want.rows.len());
    let key = |r: &MilexRow| (r.country.clone(), r.year);
    let (mut a, mut b) = (got.rows.clone(), want.rows.clone());
    a.sort_by_key(key);
    b.sort_by_key(key);
    let mut numbers = 0;
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((&x.country, x.year, x.ccode), (&y.country, y.year, y.ccode));
        match (x.value.value(), y.value.value()) {
            (Some(p), Some(q)) => {
                numbers += 1;
                assert!(
                    (p - q).abs() <= 1e-9 * q.abs().max(1.0),
                    "{} {}",
                    x.country,
                    x.year
                );
            }
            _ => assert_eq!(x.value, y.value, "{} {}", x.country, x.year),
        }
    }
    assert!(numbers > 500, "{numbers} values");
    // The store reads the other sheets from the workbook, as the long CSVs are absent.
    for role in ["constant-usd-2025", "per-capita-2025", "share-govt-2025"] {
        let s = milex.data.sheet(role).unwrap_or_else(|| panic!("{role}"));
        let countries: BTreeSet<&str> = s.rows.iter().map(|r| r.country.as_str()).collect();
        assert_eq!(countries.len(), 11, "{role}: {countries:?}");
    }
}

#[test]
fn the_un_stata_release_reads_one_row_per_state_and_year() {
    let raw = RawFile::read(
        &entente_testkit::fixtures().join("unga_idealpoints/IdealpointsJuly2025.dta"),
    )
    .unwrap();
    let (rows, _) = unga::read_any(&raw).unwrap();
    // All 11 states were UN members in every year of 2008-2016.
    let keys: BTreeSet<(u16, i32)> = rows.iter().map(|r| (r.ccode.0, r.year)).collect();
    let expected: BTreeSet<(u16, i32)> = STATES
        .iter()
        .flat_map(|&c| (2008..=2016).map(move |y| (c, y)))
        .collect();
    assert_eq!(keys, expected);
    assert_eq!(rows.len(), keys.len(), "no duplicate");
    assert!(rows.iter().all(|r| r.all.is_some_and(f64::is_finite)));
    // The US and China sit at opposite ends of the scale.
    let at = |c: u16| {
        rows.iter()
            .find(|r| r.ccode.0 == c && r.year == 2015)
            .unwrap()
    };
    assert!(at(2).all.unwrap() > 0.0 && at(710).all.unwrap() < 0.0);
}
