//! The crosswalk in use on the real data: every Recipient and Supplier of the SIPRI trade register,
//! every country of the SIPRI military-expenditure CSVs and every country name of both UN
//! ideal-point files is a COW state (in the years it is used) or a classed non-state entry. Run with
//! `--nocapture` to see the counts.

use entente_core::{Ccode, Crosswalk, NameMatch, NonStateKind};
use entente_data::Store;
use entente_testkit::data_location as data_dir;
use std::collections::{BTreeMap, BTreeSet};

/// Distinct names with the years each is used in.
type Uses = BTreeMap<String, BTreeSet<i32>>;

/// Looks every name up; returns (states, non-states by kind) and every failure.
fn classify(what: &str, uses: &Uses) -> (usize, BTreeMap<&'static str, usize>, Vec<String>) {
    let cw = Crosswalk;
    let (mut states, mut non, mut failures) = (0, BTreeMap::new(), Vec::new());
    for (name, years) in uses {
        match cw.lookup(name) {
            Ok(NameMatch::State(_)) => {
                states += 1;
                // A state name must name a state in every year it is used.
                for &y in years {
                    match cw.ccode_in_year(name, y) {
                        Ok(Some(_)) => {}
                        other => failures.push(format!("{what}: '{name}' in {y}: {other:?}")),
                    }
                }
            }
            Ok(NameMatch::NonState(k)) => {
                *non.entry(k.label()).or_insert(0) += 1;
                if k != NonStateKind::ArmedGroup {
                    println!("    {what}: '{name}': {}", k.label());
                }
            }
            Err(e) => failures.push(format!("{what}: {e}")),
        }
    }
    println!(
        "{what}: {} distinct names: {states} states, {} non-state ({non:?})",
        uses.len(),
        non.values().sum::<usize>()
    );
    (states, non, failures)
}

#[test]
fn every_sipri_and_un_name_is_a_state_or_a_classed_non_state_entry() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let store = Store::new(data_dir());
    let mut failures = Vec::new();

    // SIPRI trade register: recipients and suppliers, in the years of order and of delivery.
    let t = &store.transfers().unwrap_or_else(|e| panic!("{e}")).data;
    let mut reg = Uses::new();
    for d in &t.deals {
        for name in [&d.recipient, &d.supplier] {
            let e = reg.entry(name.clone()).or_default();
            e.insert(d.order_year);
            e.extend(d.delivery_years.iter().copied());
        }
    }
    let recipients: BTreeSet<&str> = t.deals.iter().map(|d| d.recipient.as_str()).collect();
    let suppliers: BTreeSet<&str> = t.deals.iter().map(|d| d.supplier.as_str()).collect();
    println!(
        "SIPRI trade register: {} deals, {} recipients, {} suppliers",
        t.deals.len(),
        recipients.len(),
        suppliers.len()
    );
    let (s, non, f) = classify("SIPRI trade register", &reg);
    failures.extend(f);
    assert!(s > 150 && non.values().sum::<usize>() > 20, "{s} {non:?}");
    // SOURCE.md: 138 suppliers, 255 recipients (incl. non-state actors and "unknown" entries).
    assert_eq!((suppliers.len(), recipients.len()), (138, 255));

    // SIPRI milex: every sheet; the reader resolves each country-year, and a non-state row has no
    // COW code.
    let mx = &store.milex().unwrap_or_else(|e| panic!("{e}")).data;
    let mut milex = Uses::new();
    for (_, sheet) in &mx.sheets {
        for r in &sheet.rows {
            milex.entry(r.country.clone()).or_default().insert(r.year);
        }
    }
    let (s, non, f) = classify("SIPRI milex", &milex);
    failures.extend(f);
    assert!(s > 150, "{s}");
    assert_eq!(
        non.values().sum::<usize>(),
        1,
        "only the European Union: {non:?}"
    );

    // UN ideal points: the names, in the years they are used, and the file's own COW code.
    for (what, file) in [
        (
            "UN June 2024",
            "unga_idealpoints/IdealpointestimatesAll_Jun2024.csv",
        ),
        ("UN July 2025", "unga_idealpoints/IdealpointsJuly2025.csv"),
    ] {
        // The reader keeps the COW code, not the name: read the names here.
        let mut rdr = csv::Reader::from_path(data_dir().join(file)).unwrap();
        let h = rdr.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|c| c.eq_ignore_ascii_case(n)).unwrap();
        let (cc, nm) = (col("ccode"), col("countryname"));
        let yr = h.iter().position(|c| c == "year");
        let se = h.iter().position(|c| c == "session");
        let mut uses = Uses::new();
        let mut disagree = BTreeSet::new();
        let mut unnamed = 0usize;
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let year: i32 = match (yr, se) {
                (Some(i), _) => rec[i].parse().unwrap(),
                (None, Some(i)) => 1945 + rec[i].parse::<i32>().unwrap(),
                _ => unreachable!(),
            };
            let name = rec[nm].to_string();
            if name.is_empty() {
                // A row with only its COW code (and the legacy estimate): joined by code.
                unnamed += 1;
                continue;
            }
            let code = Ccode(rec[cc].parse().unwrap());
            if let Ok(Some(c)) = Crosswalk.ccode_in_year(&name, year) {
                if c != code {
                    disagree.insert(format!(
                        "'{name}' {year}: file {}, crosswalk {}",
                        code.0, c.0
                    ));
                }
            }
            uses.entry(name).or_default().insert(year);
        }
        println!("{what}: {unnamed} rows without a country name");
        assert_eq!(unnamed, if what == "UN July 2025" { 17 } else { 0 });
        let (s, non, f) = classify(what, &uses);
        failures.extend(f);
        assert!(s > 180, "{s}");
        assert!(
            non.is_empty(),
            "{what}: every UN member is a state: {non:?}"
        );
        println!(
            "{what}: {} name-years where the crosswalk and the file's ccode disagree",
            disagree.len()
        );
        for d in disagree.iter().take(10) {
            println!("    {d}");
        }
        assert!(disagree.is_empty(), "{what}: {disagree:?}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Specific names, and that they are in the files.
    let cw = Crosswalk;
    assert_eq!(
        cw.lookup("NATO**").unwrap(),
        NameMatch::NonState(NonStateKind::Organisation)
    );
    assert!(reg.contains_key("NATO**"));
    // SIPRI's register and its milex files spell some states differently.
    for (name, code, seen_in) in [
        ("Korea, South", 732, &milex),
        ("South Korea", 732, &reg),
        ("Türkiye", 640, &milex),
        ("Turkiye", 640, &reg),
        ("Viet Nam", 816, &milex),
        ("Viet Nam", 816, &reg),
        ("Soviet Union", 365, &reg),
        ("USSR", 365, &milex),
    ] {
        assert!(seen_in.contains_key(name), "'{name}' is not in the file");
        let years = &seen_in[name];
        for &y in years {
            assert_eq!(
                cw.ccode_in_year(name, y).unwrap(),
                Some(Ccode(code)),
                "{name} {y}"
            );
        }
    }
    assert_eq!(cw.ccode_in_year("Germany", 1980).unwrap(), Some(Ccode(260)));
    assert_eq!(cw.ccode_in_year("Germany", 2000).unwrap(), Some(Ccode(255)));
    assert!(reg["Germany"].contains(&1980) && reg["Germany"].contains(&2000));
    // And the milex reader applies it row by row.
    let constant = mx.sheet("constant-usd-2025").unwrap();
    let germany = |y: i32| {
        constant
            .rows
            .iter()
            .find(|r| r.country == "Germany" && r.year == y)
            .and_then(|r| r.ccode)
    };
    assert_eq!(
        (germany(1980), germany(2000)),
        (Some(Ccode(260)), Some(Ccode(255)))
    );
}
