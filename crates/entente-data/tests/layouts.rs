//! The publishers' own layouts. The shared data holds peacesciencer's builds of the ATOP and COW
//! directed dyad-year files; users who download from the publishers get `atop5_1ddyr.csv` (with
//! `ddyad`, `stateA`, `stateB`, `defense`…`consul`) and `alliance_v4.1_by_directed_yearly.csv` (one
//! row per alliance, with the alliance id, names and dates). These tests rewrite the real derived
//! files into those layouts in a temporary directory, read both, and require identical rows; and they
//! check that the store finds a file under the publisher's name (the manifest's `alternatives`).

use entente_core::{Ccode, StateInfo};
use entente_data::readers::{atop, cow_alliance, RawFile};
use entente_data::Store;
use entente_testkit::data_location as data_dir;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn derived(name: &str) -> PathBuf {
    data_dir().join("derived_peacesciencer").join(name)
}

/// The data lines of a CSV file and its header, split on commas (the derived files have no quotes).
fn rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn read(path: &Path) -> RawFile {
    RawFile::read(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn atop_official_ddyr_layout_reads_as_the_derived_one_and_the_store_finds_it() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let src = derived("atop_5.1_directed_dyad_year_peacesciencer.csv");
    let (header, data) = rows(&src);
    assert_eq!(
        header,
        [
            "ccode1",
            "ccode2",
            "year",
            "atop_defense",
            "atop_offense",
            "atop_neutral",
            "atop_nonagg",
            "atop_consul"
        ]
    );
    // ATOP's layout: a directed-dyad id first, the states as stateA/stateB, the obligations under
    // their own names, an any-alliance flag and the version. Different names and order.
    let mut out = String::from(
        "ddyad,stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul,version\n",
    );
    for r in &data {
        let (a, b): (u32, u32) = (r[0].parse().unwrap(), r[1].parse().unwrap());
        let any = r[3..8].iter().any(|v| v == "1") as u8;
        writeln!(
            out,
            "{},{a},{b},{},{any},{},{},{},{},{},5.1",
            a * 1000 + b,
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7]
        )
        .unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let official = tmp.path().join("atop5_1ddyr.csv");
    std::fs::write(&official, out).unwrap();

    let (a, la) = atop::read_dyad_year(&read(&src)).unwrap();
    let (b, lb) = atop::read_dyad_year(&read(&official)).unwrap();
    assert_eq!(la, atop::DyadLayout::Peacesciencer);
    assert_eq!(lb, atop::DyadLayout::Official);
    assert_eq!(a.len(), 273_296);
    assert!(a == b, "the two layouts give different rows");

    // The store, pointed at a directory holding only the publisher's file, finds it by its name.
    let store = Store::new(tmp.path());
    let loaded = store.atop_dyad_year().unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.data == a);
    let p = &loaded.provenance[0];
    assert!(p.path.ends_with("atop5_1ddyr.csv"), "{}", p.path);
    assert!(
        !p.known_release,
        "a rewritten file is not the known release"
    );
    assert!(p.version.contains("Official layout"), "{}", p.version);
    assert_eq!(p.rows, 273_296);

    // Nothing is left behind.
    let dir = tmp.path().to_path_buf();
    drop(store);
    tmp.close().unwrap();
    assert!(!dir.exists());
}

/// The COW name of a state, quoted for CSV.
fn name(c: &str) -> String {
    let n = StateInfo::get(Ccode(c.parse().unwrap()))
        .map(|s| s.name)
        .unwrap_or("?");
    format!("\"{}\"", n.replace('"', "\"\""))
}

const COW_HEADER: &str =
    "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,dyad_st_month,\
dyad_st_year,dyad_end_day,dyad_end_month,dyad_end_year,left_censor,right_censor,defense,neutrality,\
nonaggression,entente,year,version\r\n";

/// One row of COW's `alliance_v4.1_by_directed_yearly.csv` from a derived row, with the given flags
/// (defense, neutrality, nonaggression, entente). The alliance ids and dates are not in the derived
/// file; the reader does not use them.
fn cow_row(out: &mut String, id: usize, r: &[String], flags: [&str; 4]) {
    let y = &r[2];
    write!(
        out,
        "{id},{},{},{},{},1,1,{y},31,12,{y},{},{},{},{},{},{},{y},4.1\r\n",
        r[0],
        name(&r[0]),
        r[1],
        name(&r[1]),
        r[3],
        r[4],
        flags[0],
        flags[1],
        flags[2],
        flags[3]
    )
    .unwrap();
}

#[test]
fn cow_official_directed_yearly_layout_reads_as_the_derived_one_and_merges_by_max() {
    let Some(_) = entente_testkit::real_data() else {
        return;
    };
    let src = derived("cow_alliance_v4.1_directed_dyad_year_peacesciencer.csv");
    let (header, data) = rows(&src);
    assert_eq!(
        header,
        [
            "ccode1",
            "ccode2",
            "year",
            "left_censor",
            "right_censor",
            "defense",
            "neutrality",
            "nonaggression",
            "entente"
        ]
    );
    let flags = |r: &[String]| -> [String; 4] { [5, 6, 7, 8].map(|i| r[i].clone()) };

    // 1. Row for row: one official row per derived row (the derived file's duplicates become rows
    //    of separate alliances, as in the official file).
    let mut same = String::from(COW_HEADER);
    for (i, r) in data.iter().enumerate() {
        let f = flags(r);
        cow_row(&mut same, i + 1, r, [&f[0], &f[1], &f[2], &f[3]]);
    }
    // 2. Split: every dyad-year with two or more types coded 1 becomes two alliance rows, the first
    //    with only the first of those types, the second with the others. Blank fields stay blank
    //    in both.
    let mut split = String::from(COW_HEADER);
    let mut splits = 0usize;
    for (i, r) in data.iter().enumerate() {
        let f = flags(r);
        let ones: Vec<usize> = (0..4).filter(|&k| f[k] == "1").collect();
        if ones.len() < 2 {
            cow_row(&mut split, i + 1, r, [&f[0], &f[1], &f[2], &f[3]]);
            continue;
        }
        let first = ones[0];
        let part = |keep: &dyn Fn(usize) -> bool| -> [String; 4] {
            [0, 1, 2, 3].map(|k| {
                if f[k] == "1" && !keep(k) {
                    "0".to_string()
                } else {
                    f[k].clone()
                }
            })
        };
        let a = part(&|k| k == first);
        let b = part(&|k| k != first);
        cow_row(&mut split, i + 1, r, [&a[0], &a[1], &a[2], &a[3]]);
        cow_row(&mut split, 1_000_000 + i, r, [&b[0], &b[1], &b[2], &b[3]]);
        splits += 1;
    }
    assert!(splits > 10_000, "only {splits} dyad-years with two types");

    let tmp = tempfile::tempdir().unwrap();
    let same_path = tmp.path().join("alliance_v4.1_by_directed_yearly.csv");
    let split_path = tmp
        .path()
        .join("split")
        .join("alliance_v4.1_by_directed_yearly.csv");
    std::fs::write(&same_path, same).unwrap();
    std::fs::create_dir(split_path.parent().unwrap()).unwrap();
    std::fs::write(&split_path, split).unwrap();

    let d = cow_alliance::read(&read(&src)).unwrap();
    let o = cow_alliance::read(&read(&same_path)).unwrap();
    let s = cow_alliance::read(&read(&split_path)).unwrap();
    assert_eq!(d.rows.len(), 120_784);
    assert_eq!(d.merged_duplicates, 27_474);
    assert!(
        o.rows == d.rows,
        "official layout, row for row: different rows"
    );
    assert_eq!(o.merged_duplicates, d.merged_duplicates);
    assert!(
        s.rows == d.rows,
        "official layout, split alliances: different rows"
    );
    assert_eq!(s.merged_duplicates, d.merged_duplicates + splits);

    // The store finds the official file by the publisher's name.
    let store = Store::new(tmp.path());
    let loaded = store.cow_alliance().unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.data.rows == d.rows);
    assert!(loaded.provenance[0]
        .path
        .ends_with("alliance_v4.1_by_directed_yearly.csv"));
    assert!(!loaded.provenance[0].known_release);

    let dir = tmp.path().to_path_buf();
    drop(store);
    tmp.close().unwrap();
    assert!(!dir.exists());
}
