//! The bad-input corpus, `tests/corpus/<dataset>/`: for every reader, a good file and the same file
//! truncated mid-row, with a required column renamed, with a non-numeric field, with Latin-1 bytes in
//! a UTF-8 file, with a duplicate key, empty (0 bytes), with a header only, and with a year outside
//! the dataset's coverage. The files are the first lines of the real files (see `corpus/README.md`),
//! altered by hand. Every error must name the file, the line (counted in the file, header = line 1,
//! SIPRI's preamble included, CRLF or LF) and, where there is one, the column; readers only read, so
//! each dataset's corpus folder must be byte-for-byte the same after its cases ran.

use entente_core::{Ccode, Obligation};
use entente_data::readers::{
    atop, capitals, contiguity, cow_alliance, cow_states, mid, nmc, sipri_milex, sipri_transfers,
    unga, RawFile,
};
use entente_data::Result;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn corpus(dataset: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dataset)
}

fn raw(dataset: &str, file: &str) -> RawFile {
    let p = corpus(dataset).join(file);
    RawFile::read(&p).unwrap_or_else(|e| panic!("{e}"))
}

/// Every file under a folder with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

/// Runs `f` and checks that the dataset's corpus folder is unchanged: same files, same bytes.
fn leaves_corpus_unchanged(dataset: &str, f: impl FnOnce()) {
    let dir = corpus(dataset);
    let before = snapshot(&dir);
    assert!(!before.is_empty(), "no corpus at {}", dir.display());
    f();
    let after = snapshot(&dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "{dataset}: files appeared or disappeared"
    );
    assert!(before == after, "{dataset}: a corpus file changed");
}

/// A reader reduced to a row count, so that the cases can be tabulated.
type Reader = fn(&RawFile) -> Result<usize>;

/// One bad file: the line its error must name (`None`: no line, e.g. an empty file), the column
/// (`None`: not a field error), and a part of the message.
struct Bad {
    file: String,
    line: Option<u64>,
    column: Option<&'static str>,
    says: String,
}

fn bad(
    file: impl Into<String>,
    line: Option<u64>,
    column: Option<&'static str>,
    says: impl Into<String>,
) -> Bad {
    Bad {
        file: file.into(),
        line,
        column,
        says: says.into(),
    }
}

/// Checks every case; reports all failures at once.
fn check(dataset: &str, read: Reader, cases: &[Bad]) {
    let mut failures = Vec::new();
    for c in cases {
        let f = raw(dataset, &c.file);
        let msg = match read(&f) {
            Ok(n) => {
                failures.push(format!("{}: read {n} rows, expected an error", c.file));
                continue;
            }
            Err(e) => e.to_string(),
        };
        let prefix = match c.line {
            Some(l) => format!("{}:{l}: ", c.file),
            None => format!("{}: ", c.file),
        };
        let mut ok = msg.starts_with(&prefix) && msg.contains(&c.says);
        if let Some(col) = c.column {
            ok &= msg.contains(&format!("column '{col}'"));
        }
        if !ok {
            failures.push(format!(
                "{}: got\n    {msg}\n  expected prefix '{prefix}', column {:?}, and '{}'",
                c.file, c.column, c.says
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{dataset}:\n  {}",
        failures.join("\n  ")
    );
}

/// Adds the cases every CSV reader shares: the file truncated (its last row, line 6, has `fields`
/// of the header's `columns`), empty (0 bytes), and with a header only.
fn with_common(prefix: &str, fields: usize, columns: usize, mut v: Vec<Bad>) -> Vec<Bad> {
    v.push(bad(
        format!("{prefix}_truncated.csv"),
        Some(6),
        None,
        format!("{fields} fields where the header has {columns} (a truncated or malformed row)"),
    ));
    v.push(bad(
        format!("{prefix}_empty.csv"),
        None,
        None,
        "empty file (expected a header with its columns)",
    ));
    v.push(bad(
        format!("{prefix}_header_only.csv"),
        None,
        None,
        "empty file (expected a header with data rows)",
    ));
    v
}

// ---------------------------------------------------------------------------------------------
// COW state system

#[test]
fn cow_states_bad_input() {
    leaves_corpus_unchanged("cow_states", || {
        let ds = "cow_states";
        let states: Reader = |f| cow_states::read_states(f).map(|v| v.len());
        let system: Reader = |f| cow_states::read_system(f).map(|v| v.len());
        let majors: Reader = |f| cow_states::read_majors(f).map(|v| v.len());
        assert_eq!(states(&raw(ds, "states_ok.csv")).unwrap(), 5);
        assert_eq!(system(&raw(ds, "system_ok.csv")).unwrap(), 5);
        assert_eq!(majors(&raw(ds, "majors_ok.csv")).unwrap(), 5);
        check(
            ds,
            states,
            &with_common(
                "states",
                6,
                10,
                vec![
                    bad(
                        "states_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) ccode;",
                    ),
                    bad(
                        "states_non_numeric.csv",
                        Some(4),
                        Some("stmonth"),
                        "'May' is not a whole number",
                    ),
                    bad(
                        "states_latin1.csv",
                        Some(6),
                        Some("statenme"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "states_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(20), 1920-01-10) (first on line 3)",
                    ),
                    bad(
                        "states_year_out_of_range.csv",
                        Some(5),
                        Some("endyear"),
                        "year 2017 is outside 1816–2016",
                    ),
                ],
            ),
        );
        check(
            ds,
            system,
            &with_common(
                "system",
                3,
                4,
                vec![
                    bad(
                        "system_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) year;",
                    ),
                    bad(
                        "system_non_numeric.csv",
                        Some(4),
                        Some("year"),
                        "'18l6' is not a whole number",
                    ),
                    bad(
                        "system_latin1.csv",
                        Some(5),
                        Some("version"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "system_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(200), 1816) (first on line 3)",
                    ),
                    bad(
                        "system_year_out_of_range.csv",
                        Some(3),
                        Some("year"),
                        "year 1815 is outside the dataset's coverage 1816–2016",
                    ),
                ],
            ),
        );
        check(
            ds,
            majors,
            &with_common(
                "majors",
                6,
                9,
                vec![
                    bad(
                        "majors_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) stday;",
                    ),
                    bad(
                        "majors_non_numeric.csv",
                        Some(3),
                        Some("stday"),
                        "'?' is not a whole number",
                    ),
                    bad(
                        "majors_latin1.csv",
                        Some(4),
                        Some("version"),
                        "not UTF-8 text",
                    ),
                    bad("majors_duplicate.csv", Some(6), None, "(first on line 3)"),
                    bad(
                        "majors_year_out_of_range.csv",
                        Some(2),
                        Some("styear"),
                        "year 1815 is outside 1816–2016",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// NMC

#[test]
fn nmc_bad_input() {
    leaves_corpus_unchanged("nmc", || {
        let ds = "nmc";
        let rows = nmc::read(&raw(ds, "nmc_ok.csv")).unwrap();
        assert_eq!(rows.len(), 5);
        // Bahamas 1993: milex is -9, which is missing, never 0.
        let bhm = rows.iter().find(|r| r.ccode == Ccode(31)).unwrap();
        assert_eq!((bhm.year, bhm.milex, bhm.milper), (1993, None, Some(1.0)));
        let read: Reader = |f| nmc::read(f).map(|v| v.len());
        check(
            ds,
            read,
            &with_common(
                "nmc",
                7,
                11,
                vec![
                    bad(
                        "nmc_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) cinc;",
                    ),
                    bad(
                        "nmc_non_numeric.csv",
                        Some(3),
                        Some("milper"),
                        "'n/a' is not a number",
                    ),
                    bad("nmc_latin1.csv", Some(4), Some("version"), "not UTF-8 text"),
                    bad(
                        "nmc_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), 1817) (first on line 3)",
                    ),
                    bad(
                        "nmc_year_out_of_range.csv",
                        Some(6),
                        Some("year"),
                        "year 2017 is outside the dataset's coverage 1816–2016",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// ATOP

#[test]
fn atop_bad_input() {
    leaves_corpus_unchanged("atop", || {
        let ds = "atop";
        let sy = atop::read_state_year(&raw(ds, "sy_ok.csv")).unwrap();
        assert_eq!(sy.len(), 5);
        assert_eq!(sy[0].atopids, vec![1455]);
        let read_sy: Reader = |f| atop::read_state_year(f).map(|v| v.len());
        check(
            ds,
            read_sy,
            &with_common(
                "sy",
                37,
                70,
                vec![
                    bad(
                        "sy_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) defense;",
                    ),
                    bad(
                        "sy_non_numeric.csv",
                        Some(4),
                        Some("defense"),
                        "'yes' is not 0 or 1",
                    ),
                    bad("sy_latin1.csv", Some(5), Some("version"), "not UTF-8 text"),
                    bad(
                        "sy_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), 1909) (first on line 3)",
                    ),
                    bad(
                        "sy_year_out_of_range.csv",
                        Some(6),
                        Some("year"),
                        "year 2019 is outside the dataset's coverage 1815–2018",
                    ),
                ],
            ),
        );

        // The dyad-year file in both layouts: the same five dyad-years.
        let (ps, l1) = atop::read_dyad_year(&raw(ds, "ddy_peacesciencer_ok.csv")).unwrap();
        let (off, l2) = atop::read_dyad_year(&raw(ds, "ddyr_official_ok.csv")).unwrap();
        assert_eq!(
            (l1, l2),
            (atop::DyadLayout::Peacesciencer, atop::DyadLayout::Official)
        );
        assert_eq!(ps.len(), 5);
        assert_eq!(ps, off);
        assert!(
            ps[0].obligations.has(Obligation::Defense)
                && ps[0].obligations.has(Obligation::Offense)
        );
        let read_ddy: Reader = |f| atop::read_dyad_year(f).map(|v| v.0.len());
        check(
            ds,
            read_ddy,
            &with_common(
                "ddy_peacesciencer",
                5,
                8,
                vec![
                    bad(
                        "ddy_peacesciencer_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) ccode2 or stateb;",
                    ),
                    bad(
                        "ddy_peacesciencer_non_numeric.csv",
                        Some(3),
                        Some("atop_offense"),
                        "'TRUE' is not 0 or 1",
                    ),
                    bad(
                        "ddy_peacesciencer_latin1.csv",
                        Some(4),
                        Some("atop_consul"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "ddy_peacesciencer_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), Ccode(20), 1943) (first on line 3)",
                    ),
                    bad(
                        "ddy_peacesciencer_year_out_of_range.csv",
                        Some(5),
                        Some("year"),
                        "year 1814 is outside the dataset's coverage 1815–2018",
                    ),
                ],
            ),
        );
        check(
            ds,
            read_ddy,
            &with_common(
                "ddyr_official",
                7,
                11,
                vec![
                    bad(
                        "ddyr_official_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) ccode2 or stateb;",
                    ),
                    bad(
                        "ddyr_official_non_numeric.csv",
                        Some(3),
                        Some("offense"),
                        "'TRUE' is not 0 or 1",
                    ),
                    bad(
                        "ddyr_official_latin1.csv",
                        Some(4),
                        Some("version"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "ddyr_official_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), Ccode(20), 1943) (first on line 3)",
                    ),
                    bad(
                        "ddyr_official_year_out_of_range.csv",
                        Some(5),
                        Some("year"),
                        "year 2019 is outside the dataset's coverage 1815–2018",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// COW alliances

#[test]
fn cow_alliance_bad_input_and_the_duplicate_rule() {
    leaves_corpus_unchanged("cow_alliance", || {
        let ds = "cow_alliance";
        let a = cow_alliance::read(&raw(ds, "peacesciencer_ok.csv")).unwrap();
        let b = cow_alliance::read(&raw(ds, "official_ok.csv")).unwrap();
        assert_eq!((a.rows.len(), a.merged_duplicates), (5, 0));
        assert_eq!(a.rows, b.rows);

        // Duplicates are resolved, not refused: per type, the maximum over the rows of a dyad-year.
        // 200–235 in 1834 has two rows (defence + non-aggression; defence + entente).
        for file in ["peacesciencer_duplicate.csv", "official_duplicate.csv"] {
            let d = cow_alliance::read(&raw(ds, file)).unwrap();
            assert_eq!((d.rows.len(), d.merged_duplicates), (4, 1), "{file}");
            let r = d
                .rows
                .iter()
                .find(|r| (r.ccode1, r.ccode2, r.year) == (Ccode(200), Ccode(235), 1834))
                .unwrap();
            assert_eq!(
                (r.defense, r.neutrality, r.nonaggression, r.entente),
                (Some(true), Some(false), Some(true), Some(true)),
                "{file}"
            );
            // A blank field is missing, not 0.
            let r = d
                .rows
                .iter()
                .find(|r| (r.ccode1, r.ccode2, r.year) == (Ccode(200), Ccode(255), 1816))
                .unwrap();
            assert_eq!(r.nonaggression, None, "{file}");
            assert_eq!(r.valued(), 3);
        }
        // Three alliances of one dyad-year (lines 2–4), one of which has two types blank: a blank
        // yields to a coded value, and stays missing only when every row leaves it blank (1962).
        let m = cow_alliance::read(&raw(ds, "official_merge.csv")).unwrap();
        assert_eq!((m.rows.len(), m.merged_duplicates), (2, 2));
        let y1961 = m.rows[0];
        assert_eq!(
            (
                y1961.year,
                y1961.defense,
                y1961.neutrality,
                y1961.nonaggression,
                y1961.entente
            ),
            (1961, Some(true), Some(false), Some(false), Some(true))
        );
        assert_eq!(y1961.valued(), 3);
        let y1962 = m.rows[1];
        assert_eq!(
            (
                y1962.year,
                y1962.defense,
                y1962.nonaggression,
                y1962.entente
            ),
            (1962, Some(false), None, None)
        );
        assert_eq!(y1962.valued(), 0);

        let read: Reader = |f| cow_alliance::read(f).map(|v| v.rows.len());
        check(
            ds,
            read,
            &with_common(
                "peacesciencer",
                6,
                9,
                vec![
                    bad(
                        "peacesciencer_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) nonaggression;",
                    ),
                    bad(
                        "peacesciencer_non_numeric.csv",
                        Some(4),
                        Some("defense"),
                        "'yes' is not 0 or 1",
                    ),
                    bad(
                        "peacesciencer_latin1.csv",
                        Some(3),
                        Some("entente"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "peacesciencer_year_out_of_range.csv",
                        Some(6),
                        Some("year"),
                        "year 2013 is outside the dataset's coverage 1816–2012",
                    ),
                ],
            ),
        );
        check(
            ds,
            read,
            &with_common(
                "official",
                11,
                19,
                vec![
                    bad(
                        "official_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) entente;",
                    ),
                    bad(
                        "official_non_numeric.csv",
                        Some(5),
                        Some("defense"),
                        "'Y' is not 0 or 1",
                    ),
                    bad(
                        "official_latin1.csv",
                        Some(4),
                        Some("state_name2"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "official_year_out_of_range.csv",
                        Some(3),
                        Some("year"),
                        "year 2013 is outside the dataset's coverage 1816–2012",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Contiguity

#[test]
fn contiguity_bad_input_and_the_closest_type_rule() {
    leaves_corpus_unchanged("contiguity", || {
        let ds = "contiguity";
        let ok = contiguity::read_dyad_year(&raw(ds, "contdird_ok.csv")).unwrap();
        assert_eq!((ok.rows.len(), ok.merged_duplicates), (5, 0));
        // Two of the real file's doubled dyad-years: NTH–FRN 1830 (types 1 then 5) and GMY–DEN
        // 1865 (4 then 1). Each keeps its closest type, 1, whichever comes first.
        let d = contiguity::read_dyad_year(&raw(ds, "contdird_closest_type.csv")).unwrap();
        assert_eq!((d.rows.len(), d.merged_duplicates), (3, 2));
        let key = |r: &contiguity::ContiguityDyadYear| (r.ccode1.0, r.ccode2.0, r.year, r.conttype);
        assert_eq!(
            d.rows.iter().map(key).collect::<Vec<_>>(),
            vec![(2, 20, 1920, 1), (210, 220, 1830, 1), (255, 390, 1865, 1)]
        );
        let read: Reader = |f| contiguity::read_dyad_year(f).map(|v| v.rows.len());
        check(
            ds,
            read,
            &with_common(
                "contdird",
                5,
                8,
                vec![
                    bad(
                        "contdird_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) conttype;",
                    ),
                    bad(
                        "contdird_non_numeric.csv",
                        Some(4),
                        Some("conttype"),
                        "'land' is not a whole number",
                    ),
                    bad(
                        "contdird_latin1.csv",
                        Some(5),
                        Some("version"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "contdird_year_out_of_range.csv",
                        Some(6),
                        Some("year"),
                        "year 2017 is outside the dataset's coverage 1816–2016",
                    ),
                ],
            ),
        );

        assert_eq!(
            contiguity::read_master(&raw(ds, "contdir_ok.csv"))
                .unwrap()
                .len(),
            5
        );
        let read: Reader = |f| contiguity::read_master(f).map(|v| v.len());
        check(
            ds,
            read,
            &with_common(
                "contdir",
                6,
                10,
                vec![
                    bad(
                        "contdir_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) begin;",
                    ),
                    bad(
                        "contdir_non_numeric.csv",
                        Some(3),
                        Some("begin"),
                        "'1920-01' is not a whole number",
                    ),
                    bad(
                        "contdir_latin1.csv",
                        Some(4),
                        Some("notes"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "contdir_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), Ccode(31), (1973, 7)) (first on line 3)",
                    ),
                    bad(
                        "contdir_year_out_of_range.csv",
                        Some(5),
                        Some("begin"),
                        "181512 is not a YYYYMM within 1816–2016",
                    ),
                ],
            ),
        );

        assert_eq!(
            contiguity::read_state_year(&raw(ds, "contdirs_ok.csv"))
                .unwrap()
                .len(),
            5
        );
        let read: Reader = |f| contiguity::read_state_year(f).map(|v| v.len());
        check(
            ds,
            read,
            &with_common(
                "contdirs",
                5,
                7,
                vec![
                    bad(
                        "contdirs_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) sea;",
                    ),
                    bad(
                        "contdirs_non_numeric.csv",
                        Some(5),
                        Some("total"),
                        "'many' is not a whole number",
                    ),
                    bad(
                        "contdirs_latin1.csv",
                        Some(3),
                        Some("version"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "contdirs_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), 1817) (first on line 3)",
                    ),
                    bad(
                        "contdirs_year_out_of_range.csv",
                        Some(4),
                        Some("year"),
                        "year 1815 is outside the dataset's coverage 1816–2016",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// MID

#[test]
fn mid_bad_input() {
    leaves_corpus_unchanged("mid", || {
        let ds = "mid";
        assert_eq!(
            mid::read_disputes(&raw(ds, "mida_ok.csv"), mid::Release::V4_3)
                .unwrap()
                .len(),
            5
        );
        let p = mid::read_participants(&raw(ds, "midb_ok.csv"), mid::Release::V4_3).unwrap();
        assert_eq!(p.len(), 5);
        // The same rows in MID 5.0's layout read the same.
        assert_eq!(
            mid::read_disputes(&raw(ds, "mida5_ok.csv"), mid::Release::V5_0).unwrap(),
            mid::read_disputes(&raw(ds, "mida_ok.csv"), mid::Release::V4_3).unwrap()
        );
        assert_eq!(
            mid::read_participants(&raw(ds, "midb5_ok.csv"), mid::Release::V5_0).unwrap(),
            p
        );
        // Dispute 365: the Soviet Union's record codes hostility level 0 (no militarized action).
        assert_eq!(
            (p[3].dispnum, p[3].ccode, p[3].hostlev),
            (365, Ccode(365), 0)
        );
        let read: Reader = |f| mid::read_disputes(f, mid::Release::V4_3).map(|v| v.len());
        check(
            ds,
            read,
            &with_common(
                "mida",
                13,
                24,
                vec![
                    bad(
                        "mida_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) hostlev;",
                    ),
                    bad(
                        "mida_non_numeric.csv",
                        Some(4),
                        Some("hostlev"),
                        "'high' is not a whole number",
                    ),
                    bad(
                        "mida_latin1.csv",
                        Some(3),
                        Some("version"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "mida_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key 3 (first on line 3)",
                    ),
                    bad(
                        "mida_year_out_of_range.csv",
                        Some(5),
                        Some("endyear"),
                        "year 2011 is outside the dataset's coverage 1816–2010",
                    ),
                ],
            ),
        );
        let read: Reader = |f| mid::read_participants(f, mid::Release::V4_3).map(|v| v.len());
        check(
            ds,
            read,
            &with_common(
                "midb",
                11,
                20,
                vec![
                    bad(
                        "midb_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) sidea;",
                    ),
                    bad(
                        "midb_non_numeric.csv",
                        Some(3),
                        Some("sidea"),
                        "'A' is not 0 or 1",
                    ),
                    bad("midb_latin1.csv", Some(6), Some("stabb"), "not UTF-8 text"),
                    bad(
                        "midb_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (2, Ccode(2), 1902, 7, -9) (first on line 3)",
                    ),
                    bad(
                        "midb_year_out_of_range.csv",
                        Some(4),
                        Some("styear"),
                        "year 1815 is outside the dataset's coverage 1816–2010",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// SIPRI arms transfers (Latin-1: every byte is a character, so "wrong encoding" cannot be detected
// byte by byte; a file that is not a SIPRI export at all — UTF-16, an .xlsx renamed, a register
// without its header — is refused on line 1 because the header is not found)

#[test]
fn sipri_transfers_bad_input() {
    leaves_corpus_unchanged("sipri_transfers", || {
        let ds = "sipri_transfers";
        let r = sipri_transfers::read(&raw(ds, "register_ok.csv")).unwrap();
        assert_eq!(r.generated.as_deref(), Some("18 May 2026 2:29:20 PM"));
        assert_eq!(
            r.deals.iter().map(|d| d.line).collect::<Vec<_>>(),
            vec![13, 14, 15, 16, 17, 18]
        );
        // Latin-1 bytes are characters: 0xFC is ü, 0xE7 is ç.
        let t = &r.deals[4];
        assert_eq!(t.recipient, "Türkiye");
        assert!(t.comments.contains("Curaçao"), "{}", t.comments);
        assert_eq!(r.deals[5].recipient, "NATO**");
        assert_eq!(
            r.deals[5].delivery_years,
            vec![2020, 2021, 2022, 2024, 2025]
        );
        // Re-saved as UTF-8, the register still reads as Latin-1: 'ü' arrives as the two characters
        // 'Ã¼' (mojibake), which the crosswalk repairs, so the deal still has its COW code.
        let u = sipri_transfers::read(&raw(ds, "register_resaved_utf8.csv")).unwrap();
        assert_eq!(u.deals.len(), 6);
        assert_eq!(u.deals[4].recipient, "TÃ¼rkiye");
        assert_eq!(
            entente_core::Crosswalk
                .ccode_in_year(&u.deals[4].recipient, 2023)
                .unwrap(),
            Some(Ccode(640))
        );
        // The duplicated deal of the real register is kept twice: a deal has no key, and two
        // identical rows can be two deals.
        let dup = sipri_transfers::read(&raw(ds, "register_duplicate.csv")).unwrap();
        assert_eq!(dup.deals.len(), 4);
        assert_eq!(
            dup.deals[2],
            sipri_transfers::Deal {
                line: 15,
                ..dup.deals[3].clone()
            }
        );

        let read: Reader = |f| sipri_transfers::read(f).map(|v| v.deals.len());
        let no_header =
            "missing column(s) a header line starting 'Recipient,Supplier' in the first 40 lines";
        check(
            ds,
            read,
            &[
                bad(
                    "register_truncated.csv",
                    Some(16),
                    None,
                    "9 fields where the header has 16 (a truncated or malformed row)",
                ),
                bad(
                    "register_missing_column.csv",
                    Some(12),
                    None,
                    "missing column(s) year of order;",
                ),
                bad("register_no_header.csv", Some(1), None, no_header),
                bad("register_utf16.csv", Some(1), None, no_header),
                bad("register_xlsx_bytes.csv", Some(1), None, no_header),
                bad(
                    "register_non_numeric.csv",
                    Some(15),
                    Some("sipri tiv of delivered weapons"),
                    "'n.a.' is not a number",
                ),
                bad(
                    "register_bad_delivery_list.csv",
                    Some(16),
                    Some("year(s) of delivery"),
                    "'198l' in '1979; 1980; 198l' is not a year",
                ),
                bad(
                    "register_bad_flag.csv",
                    Some(14),
                    Some("? after Number ordered"),
                    "'yes' is not an uncertainty flag",
                ),
                bad(
                    "register_unknown_name.csv",
                    Some(14),
                    Some("Recipient"),
                    "unknown country name 'Atlantis'",
                ),
                bad(
                    "register_year_out_of_range.csv",
                    Some(14),
                    Some("year(s) of delivery"),
                    "year 2026 is outside 1940–2025",
                ),
                bad(
                    "register_order_year_out_of_range.csv",
                    Some(15),
                    Some("year of order"),
                    "1899 is not between 1900 and 2025",
                ),
                bad(
                    "register_empty.csv",
                    None,
                    None,
                    "empty file (expected a header with the columns Recipient,Supplier,… after SIPRI's preamble)",
                ),
                bad(
                    "register_header_only.csv",
                    None,
                    None,
                    "empty file (expected a header with deals after it)",
                ),
            ],
        );
    });
}

// ---------------------------------------------------------------------------------------------
// SIPRI military expenditure

#[test]
fn sipri_milex_bad_input() {
    leaves_corpus_unchanged("sipri_milex", || {
        use sipri_milex::MilexValue::*;
        let ds = "sipri_milex";
        let s = sipri_milex::read(&raw(ds, "constant_usd_ok.csv")).unwrap();
        assert_eq!(s.sheet, "Constant (2024) US$");
        assert_eq!(s.release, "SIPRI Milex 2025 (1949-2024)");
        let got: Vec<_> = s
            .rows
            .iter()
            .map(|r| {
                (
                    r.country.as_str(),
                    r.year,
                    r.ccode.map(|c| c.0),
                    r.value.value().is_some(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Algeria", 1949, Some(615), false),
                ("Algeria", 1990, Some(615), true),
                ("European Union", 1949, None, false),
                ("Germany", 1989, Some(260), true),
                ("Germany", 1990, Some(255), true),
            ]
        );
        assert_eq!(
            (s.rows[0].value, s.rows[2].value),
            (Unavailable, NotIndependent)
        );
        let gdp = sipri_milex::read(&raw(ds, "share_gdp_ok.csv")).unwrap();
        let v = gdp.rows[1].value.value().unwrap();
        assert!((0.03..0.04).contains(&v), "share of GDP is a fraction: {v}");

        let read: Reader = |f| sipri_milex::read(f).map(|v| v.rows.len());
        check(
            ds,
            read,
            &with_common(
                "constant_usd",
                5,
                8,
                vec![
                    bad(
                        "constant_usd_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) value;",
                    ),
                    bad(
                        "constant_usd_non_numeric.csv",
                        Some(3),
                        Some("value"),
                        "'1 234.5' is not a number",
                    ),
                    bad(
                        "constant_usd_latin1.csv",
                        Some(2),
                        Some("notes"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "constant_usd_duplicate.csv",
                        Some(6),
                        None,
                        "(first on line 3)",
                    ),
                    bad(
                        "constant_usd_year_out_of_range.csv",
                        Some(6),
                        Some("year"),
                        "year 2025 is outside the dataset's coverage 1949–2024",
                    ),
                    bad(
                        "constant_usd_unknown_country.csv",
                        Some(5),
                        Some("country"),
                        "unknown country name 'Atlantis'",
                    ),
                    bad(
                        "constant_usd_two_sheets.csv",
                        Some(6),
                        Some("sheet"),
                        "a second sheet 'Share of GDP' in one file",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// UN ideal points

#[test]
fn unga_bad_input() {
    leaves_corpus_unchanged("unga", || {
        let ds = "unga";
        let (j24, rel) = unga::read(&raw(ds, "jun2024_ok.csv")).unwrap();
        assert_eq!(rel, unga::Release::June2024);
        // Session s is the year 1945 + s; São Tomé's UTF-8 name reads.
        assert_eq!(
            j24.iter().map(|r| (r.ccode.0, r.year)).collect::<Vec<_>>(),
            vec![(2, 1946), (2, 1947), (2, 1948), (2, 1949), (403, 1975)]
        );
        assert_eq!((j24[0].all, j24[0].nvotes), (Some(1.67635), Some(42)));
        let (j25, rel) = unga::read(&raw(ds, "jul2025_ok.csv")).unwrap();
        assert_eq!(rel, unga::Release::July2025);
        // The US in 2024: only the foreign-policy estimate; the blank fields are missing.
        let us24 = &j25[3];
        assert_eq!(us24.year, 2024);
        assert_eq!((us24.all, us24.legacy, us24.nvotes), (None, None, None));
        assert_eq!(us24.fp, Some(2.206202));
        // The July 2025 names are mojibake (UTF-8 read as Latin-1 and written again): still read.
        assert_eq!((j25[4].ccode.0, j25[4].year), (403, 1975));

        let read: Reader = |f| unga::read(f).map(|v| v.0.len());
        check(
            ds,
            read,
            &with_common(
                "jun2024",
                11,
                20,
                vec![
                    bad(
                        "jun2024_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) idealpointall;",
                    ),
                    bad(
                        "jun2024_non_numeric.csv",
                        Some(4),
                        Some("idealpointall"),
                        "'high' is not a number",
                    ),
                    bad(
                        "jun2024_latin1.csv",
                        Some(6),
                        Some("countryname"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "jun2024_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), 1947) (first on line 3)",
                    ),
                    bad(
                        "jun2024_year_out_of_range.csv",
                        Some(5),
                        Some("session"),
                        "80 is not between 1 and 79",
                    ),
                ],
            ),
        );
        check(
            ds,
            read,
            &with_common(
                "jul2025",
                13,
                24,
                vec![
                    bad(
                        "jul2025_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) idealpointfp;",
                    ),
                    bad(
                        "jul2025_non_numeric.csv",
                        Some(3),
                        Some("nvotesall"),
                        "'many' is not a number",
                    ),
                    bad(
                        "jul2025_latin1.csv",
                        Some(6),
                        Some("countryname"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "jul2025_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(2), 1947) (first on line 3)",
                    ),
                    bad(
                        "jul2025_year_out_of_range.csv",
                        Some(4),
                        Some("year"),
                        "year 2025 is outside the dataset's coverage 1946–2024",
                    ),
                ],
            ),
        );
    });
}

// ---------------------------------------------------------------------------------------------
// Capitals

#[test]
fn capitals_bad_input() {
    leaves_corpus_unchanged("capitals", || {
        let ds = "capitals";
        let c = capitals::read(&raw(ds, "capitals_ok.csv")).unwrap();
        assert_eq!(c.len(), 5);
        // Brazil's two capitals are two spells of one state, not a duplicate.
        assert_eq!(
            c.iter()
                .filter(|r| r.ccode == Ccode(140))
                .map(|r| r.capital.as_str())
                .collect::<Vec<_>>(),
            vec!["Rio de Janeiro", "Brasilia"]
        );
        let read: Reader = |f| capitals::read(f).map(|v| v.len());
        check(
            ds,
            read,
            &with_common(
                "capitals",
                5,
                7,
                vec![
                    bad(
                        "capitals_missing_column.csv",
                        Some(1),
                        None,
                        "missing column(s) lat;",
                    ),
                    bad(
                        "capitals_non_numeric.csv",
                        Some(3),
                        Some("lat"),
                        "'north' is not a number",
                    ),
                    bad(
                        "capitals_latin1.csv",
                        Some(6),
                        Some("capital"),
                        "not UTF-8 text",
                    ),
                    bad(
                        "capitals_duplicate.csv",
                        Some(6),
                        None,
                        "duplicate key (Ccode(20), 1867-01-01) (first on line 3)",
                    ),
                    bad(
                        "capitals_year_out_of_range.csv",
                        Some(6),
                        Some("enddate"),
                        "year 2025 is outside the dataset's coverage 1816–2024",
                    ),
                ],
            ),
        );
    });
}

/// Every file of the corpus is exercised by a case above, and is small.
#[test]
fn the_corpus_is_small_and_every_file_is_used() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let this = include_str!("bad_input.rs");
    for (p, bytes) in snapshot(&root) {
        assert!(
            bytes.len() < 20_000,
            "{} is {} bytes",
            p.display(),
            bytes.len()
        );
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" {
            continue;
        }
        let stem = name.trim_end_matches(".csv");
        let used = this.contains(&format!("\"{name}\""))
            || ["_truncated", "_empty", "_header_only"].iter().any(|s| {
                stem.ends_with(s) && this.contains(&format!("\"{}\"", stem.trim_end_matches(s)))
            });
        assert!(used, "{} is not used by any case", p.display());
    }
}
