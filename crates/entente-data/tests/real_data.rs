//! Every file in the shared data directory loads, with the row counts its SOURCE.md states, and the
//! checksums of the known releases.

use entente_core::Ccode;
use entente_data::{Store, DATASETS};
use entente_testkit::data_location as data_dir;

#[test]
fn every_dataset_loads_with_its_published_row_counts() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    let all = store.load_all();
    for (id, r) in &all {
        let prov = r.as_ref().unwrap_or_else(|e| panic!("{id}: {e}"));
        for p in prov {
            assert!(p.known_release, "{id}: {} is not the known release", p.path);
            assert_eq!(p.sha256.len(), 64);
        }
    }
    assert_eq!(all.len(), DATASETS.len());

    let s = store.cow_states().unwrap();
    assert_eq!(s.data.states.len(), 243);
    assert_eq!(s.data.system.len(), 15_951);
    assert_eq!(s.data.majors.len(), 14);
    assert_eq!(store.nmc().unwrap().data.len(), 15_951);
    assert_eq!(store.atop_state_year().unwrap().data.len(), 11_923);
    assert_eq!(store.atop_dyad_year().unwrap().data.len(), 273_296);
    let cow = &store.cow_alliance().unwrap().data;
    assert_eq!(
        cow.rows.len(),
        120_784,
        "unique (ccode1, ccode2, year) keys per SOURCE.md"
    );
    assert_eq!(cow.rows.len() + cow.merged_duplicates, 148_258);
    let c = &store.contiguity().unwrap().data;
    assert_eq!(
        c.dyad_years.rows.len() + c.dyad_years.merged_duplicates,
        82_498
    );
    assert_eq!(
        c.dyad_years.merged_duplicates, 58,
        "the 58 doubled dyad-years"
    );
    assert_eq!(c.master.len(), 847);
    assert_eq!(c.state_years.len(), 15_951);
    let m = &store.mids().unwrap().data;
    assert_eq!(m.disputes.len(), 2_315);
    assert_eq!(m.participants.len(), 5_558);
    let t = &store.transfers().unwrap();
    assert_eq!(t.data.deals.len(), 29_916);
    assert_eq!(t.data.generated.as_deref(), Some("18 May 2026 2:29:20 PM"));
    let ip = &store.ideal_points().unwrap().data;
    assert_eq!(ip.june2024.len(), 11_238);
    assert_eq!(ip.july2025.len(), 11_440);
    assert_eq!(store.capitals().unwrap().data.len(), 242);
    let mx = &store.milex().unwrap().data;
    let rows = |role: &str| mx.sheet(role).map(|s| s.rows.len());
    assert_eq!(rows("constant-usd-2025"), Some(13_224));
    assert_eq!(rows("share-gdp-2025"), Some(13_224));
    assert_eq!(rows("per-capita-2025"), Some(6_438));
    assert_eq!(rows("share-govt-2025"), Some(6_438));
    assert_eq!(rows("constant-usd-2023"), Some(13_050));
    assert_eq!(rows("current-usd-2023"), Some(13_050));
    assert_eq!(rows("share-gdp-2023"), Some(13_050));
}

#[test]
fn spot_values_from_the_source_files() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    // NMC: the first row of the file.
    let us1816 = store
        .nmc()
        .unwrap()
        .data
        .iter()
        .find(|r| r.ccode == Ccode(2) && r.year == 1816)
        .cloned()
        .unwrap();
    assert_eq!(us1816.milex, Some(3823.0));
    assert_eq!(us1816.cinc, Some(0.039697491));
    // ATOP: US–Japan defence pledge.
    let ddy = &store.atop_dyad_year().unwrap().data;
    let usjpn = ddy
        .iter()
        .find(|r| r.ccode1 == Ccode(2) && r.ccode2 == Ccode(740) && r.year == 2000)
        .unwrap();
    assert!(usjpn.obligations.has(entente_core::Obligation::Defense));
    // SIPRI milex: a share of GDP is a fraction, and the markers are not numbers.
    let mx = &store.milex().unwrap().data;
    let gdp = mx.sheet("share-gdp-2025").unwrap();
    let us2024 = gdp
        .rows
        .iter()
        .find(|r| r.ccode == Some(Ccode(2)) && r.year == 2024)
        .unwrap();
    let v = us2024.value.value().unwrap();
    assert!(
        v > 0.02 && v < 0.05,
        "US 2024 milex share of GDP {v} is a fraction"
    );
    let constant = mx.sheet("constant-usd-2025").unwrap();
    let us_const = constant
        .rows
        .iter()
        .find(|r| r.ccode == Some(Ccode(2)) && r.year == 2024)
        .unwrap();
    assert_eq!(
        us_const.value.value().map(|v| v.round()),
        Some(968_382.0),
        "SOURCE.md's check value"
    );
    assert!(gdp
        .rows
        .iter()
        .any(|r| r.value == entente_data::readers::sipri_milex::MilexValue::NotIndependent));
    // Germany before 1990 is West Germany (260) in SIPRI's naming.
    assert!(constant
        .rows
        .iter()
        .any(|r| r.country == "Germany" && r.year == 1980 && r.ccode == Some(Ccode(260))));
    // UN: June 2024 session 1 is 1946; July 2025 reaches 2024.
    let ip = &store.ideal_points().unwrap().data;
    assert_eq!(ip.june2024.iter().map(|r| r.year).min(), Some(1946));
    assert_eq!(ip.july2025.iter().map(|r| r.year).max(), Some(2024));
    // SIPRI transfers: the first deal, an uncertain order year and a delivery list.
    let t = &store.transfers().unwrap().data;
    let d = &t.deals[0];
    assert_eq!(
        (d.recipient.as_str(), d.supplier.as_str(), d.order_year),
        ("Afghanistan", "Russia", 2010)
    );
    assert!(d.order_year_uncertain && d.number_ordered_uncertain && !d.number_delivered_uncertain);
    assert_eq!(d.delivery_years, vec![2011]);
    assert_eq!(d.line, 13);
    let t55 = &t.deals[3];
    assert_eq!(t55.delivery_years.len(), 12);
    // TIV flows: Russia to China in 2016-2018 include the Su-35 and S-400 deliveries.
    let flows = t.tiv_flows();
    let rus_chn: f64 = flows
        .iter()
        .filter(|f| {
            f.supplier == Ccode(365) && f.recipient == Ccode(710) && (2016..=2018).contains(&f.year)
        })
        .map(|f| f.tiv)
        .sum();
    assert!(rus_chn > 1000.0, "Russia→China TIV 2016–2018: {rus_chn}");
    assert!(flows
        .iter()
        .all(|f| f.tiv >= 0.0 && f.supplier != f.recipient));
}

#[test]
fn each_file_states_the_years_its_data_span() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    // The UN releases: June 2024 ends with session 78 (2023), July 2025 with 2024.
    let un = store.ideal_points().unwrap();
    let span = |v: &[entente_data::readers::unga::IdealPoint]| {
        (
            v.iter().map(|r| r.year).min().unwrap(),
            v.iter().map(|r| r.year).max().unwrap(),
        )
    };
    for (p, data) in un
        .provenance
        .iter()
        .zip([&un.data.june2024, &un.data.july2025])
    {
        assert_eq!(p.coverage, span(data), "{}", p.path);
    }
    // SIPRI milex: the 2023 release ends in 2023, the 2025 release in 2024.
    let milex = store.milex().unwrap();
    for (p, (_, sheet)) in milex.provenance.iter().zip(&milex.data.sheets) {
        let last = sheet
            .rows
            .iter()
            .filter(|r| r.value.value().is_some())
            .map(|r| r.year)
            .max()
            .unwrap();
        assert_eq!(p.coverage.1, last, "{}", p.path);
    }
}

/// SIPRI's own workbooks, read sheet by sheet, give exactly the rows of the long CSVs converted
/// from them: same countries, years, COW codes and values (the published layout and ours agree).
#[test]
fn the_sipri_workbooks_equal_their_long_csvs() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    use entente_data::readers::sipri_milex_xlsx::{Workbook, SHEETS};
    use entente_data::readers::RawFile;
    let dir = data_dir();
    let csvs = Store::new(&dir);
    let milex = csvs.milex().unwrap();
    let expected_rows = [
        ("constant-usd-2025", 13_224),
        ("share-gdp-2025", 13_224),
        ("per-capita-2025", 6_438),
        ("share-govt-2025", 6_438),
        ("constant-usd-2023", 13_050),
        ("current-usd-2023", 13_050),
        ("share-gdp-2023", 13_050),
    ];
    for (book, file) in [
        ("workbook-2025", "SIPRI-Milex-data-1949-2025.xlsx"),
        ("workbook-2023", "SIPRI-Milex-data-1949-2023.xlsx"),
    ] {
        let raw = RawFile::read(&dir.join("sipri_milex").join(file)).unwrap();
        let mut wb = Workbook::open(&raw).unwrap();
        for (_, sheet, role) in SHEETS.iter().filter(|(b, _, _)| *b == book) {
            let got = wb.sheet(sheet, "test").unwrap();
            let want = milex.data.sheet(role).unwrap();
            let n = expected_rows.iter().find(|(r, _)| r == role).unwrap().1;
            assert_eq!(got.rows.len(), n, "{file} [{sheet}]");
            assert_eq!(want.rows.len(), n, "{role}");
            let key =
                |r: &entente_data::readers::sipri_milex::MilexRow| (r.country.clone(), r.year);
            let mut a = got.rows.clone();
            let mut b = want.rows.clone();
            a.sort_by_key(key);
            b.sort_by_key(key);
            for (x, y) in a.iter().zip(&b) {
                assert_eq!((&x.country, x.year, x.ccode), (&y.country, y.year, y.ccode));
                match (x.value.value(), y.value.value()) {
                    (Some(p), Some(q)) => assert!(
                        (p - q).abs() <= 1e-9 * q.abs().max(1.0),
                        "{file} [{sheet}] {} {}: {p} vs {q}",
                        x.country,
                        x.year
                    ),
                    _ => assert_eq!(x.value, y.value, "{} {}", x.country, x.year),
                }
            }
        }
    }
}

/// With only the workbooks in the data directory, the store reads the sheets from them.
#[test]
fn without_the_csvs_the_store_reads_the_workbooks() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let sub = tmp.path().join("sipri_milex");
    std::fs::create_dir_all(&sub).unwrap();
    for f in [
        "SIPRI-Milex-data-1949-2025.xlsx",
        "SIPRI-Milex-data-1949-2023.xlsx",
    ] {
        std::fs::copy(data_dir().join("sipri_milex").join(f), sub.join(f)).unwrap();
    }
    let store = Store::new(tmp.path());
    let m = store.milex().unwrap();
    assert_eq!(m.data.sheets.len(), 7);
    assert_eq!(
        m.data.sheet("constant-usd-2025").unwrap().rows.len(),
        13_224
    );
    let usa2024 = m
        .data
        .sheet("constant-usd-2025")
        .unwrap()
        .rows
        .iter()
        .find(|r| r.ccode == Some(Ccode(2)) && r.year == 2024)
        .unwrap()
        .value
        .value()
        .unwrap();
    assert!(
        (usa2024 - 968_382.0).abs() < 1.0,
        "SOURCE.md: USA 2024 = 968,382: {usa2024}"
    );
    assert_eq!(m.provenance.len(), 2, "one provenance per workbook");
    assert!(m.provenance.iter().all(|p| p.known_release));
}

/// The UN's July 2025 release as the publisher ships it, a Stata `.dta` file: written here from the
/// CSV by R's `haven` (Stata 14, format 118), it reads back to exactly the CSV's rows. Without R and
/// haven the test is skipped, unless ENTENTE_REQUIRE_EXTERNAL=1 (as in CI), where it fails.
#[test]
fn the_un_release_reads_the_same_from_stata() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    use entente_data::readers::{unga, RawFile};
    let csv = data_dir().join("unga_idealpoints/IdealpointsJuly2025.csv");
    let tmp = tempfile::tempdir().unwrap();
    let dta = tmp.path().join("IdealpointsJuly2025.dta");
    let script = format!(
        "suppressMessages(library(haven)); d <- read.csv('{}', stringsAsFactors = FALSE); write_dta(d, '{}', version = 14)",
        csv.display(),
        dta.display()
    );
    let ran = std::process::Command::new("Rscript")
        .args(["-e", &script])
        .output();
    match ran {
        Ok(o) if o.status.success() => {}
        other => {
            let why = match other {
                Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                Err(e) => e.to_string(),
            };
            entente_testkit::external(false, &format!("R with haven ({})", why.trim()));
            return;
        }
    }
    let (from_csv, r1) = unga::read_any(&RawFile::read(&csv).unwrap()).unwrap();
    let (from_dta, r2) = unga::read_any(&RawFile::read(&dta).unwrap()).unwrap();
    assert_eq!(r1, r2);
    assert_eq!(from_dta.len(), 11_440);
    // R's own text-to-double conversion is sometimes one unit in the last place off the correctly
    // rounded value (-0.4397924 reads as -0.43979239999999997), so estimates agree to 1e-12;
    // codes, years and counts exactly.
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-12,
        (None, None) => true,
        _ => false,
    };
    for (i, (a, b)) in from_dta.iter().zip(&from_csv).enumerate() {
        assert_eq!(
            (a.ccode, a.year, a.nvotes),
            (b.ccode, b.year, b.nvotes),
            "row {i}"
        );
        assert!(
            close(a.all, b.all) && close(a.fp, b.fp) && close(a.legacy, b.legacy),
            "row {i}: {a:?} vs {b:?}"
        );
    }
}
