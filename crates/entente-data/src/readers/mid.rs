//! COW Militarized Interstate Disputes: `MIDA` (one row per dispute) and `MIDB` (one row per
//! participant spell), in release 4.3 (1816–2010; `MIDA 4.3.csv`, `MIDB 4.3.csv`) or 5.0
//! (1816–2014; `MIDA 5.0.csv`, `MIDB 5.0.csv`). `-9` is missing.
//!
//! The two releases share one layout but for names: 4.3 numbers disputes `dispnum3` (beside a
//! `dispnum4` of -9s) and says `ongo2010`; 5.0 says `dispnum` and `ongo2014` (Palmer et al. 2022).
//! A reader is told which release it reads, and refuses years outside that release's coverage.

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::{known_ccode, Unique};
use crate::error::Result;
use entente_core::Ccode;

/// A release of the MID data that Entente reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Release {
    /// MID 4.3 (Palmer et al. 2015), 1816–2010.
    V4_3,
    /// MID 5.0 (Palmer et al. 2022), 1816–2014.
    V5_0,
}

impl Release {
    /// The years the release covers.
    pub const fn coverage(self) -> (i32, i32) {
        match self {
            Release::V4_3 => (1816, 2010),
            Release::V5_0 => (1816, 2014),
        }
    }

    /// Its number, as the publisher writes it.
    pub const fn label(self) -> &'static str {
        match self {
            Release::V4_3 => "4.3",
            Release::V5_0 => "5.0",
        }
    }

    /// The manifest roles of its dispute and participant files (`data/manifest.toml`).
    pub const fn roles(self) -> (&'static str, &'static str) {
        match self {
            Release::V4_3 => ("disputes", "participants"),
            Release::V5_0 => ("disputes-5.0", "participants-5.0"),
        }
    }

    /// The release a manifest role belongs to.
    pub fn of_role(role: &str) -> Option<(Release, bool)> {
        [Release::V5_0, Release::V4_3].into_iter().find_map(|r| {
            let (d, p) = r.roles();
            (role == d)
                .then_some((r, true))
                .or((role == p).then_some((r, false)))
        })
    }
}

/// One dispute.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    /// The dispute number (`dispnum3`).
    pub dispnum: u32,
    /// First year.
    pub start_year: i32,
    /// First month, 1–12 (`None` if -9: the month is unknown).
    pub start_month: Option<u8>,
    /// Last year.
    pub end_year: i32,
    /// Highest hostility level, 1–5.
    pub hostlev: u8,
    /// Highest action, 0–23.
    pub hiact: Option<u8>,
    /// Fatality level, 0–6 (`None` if -9).
    pub fatality: Option<u8>,
    /// Outcome code (`None` if -9).
    pub outcome: Option<u8>,
}

/// One participant spell in a dispute.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// The dispute number.
    pub dispnum: u32,
    /// The state.
    pub ccode: Ccode,
    /// First year of participation.
    pub start_year: i32,
    /// Last year.
    pub end_year: i32,
    /// On side A (the side that took the first militarized action).
    pub side_a: bool,
    /// An originator of the dispute.
    pub originator: bool,
    /// Its highest hostility level, 1–5 (one participant record of MIDB 4.3, dispute 365, codes 0:
    /// no militarized action by that state).
    pub hostlev: u8,
    /// A revisionist state.
    pub revisionist: bool,
}

fn opt_small(row: &super::csvio::Row<'_>, c: usize, hi: i64) -> Result<Option<u8>> {
    let v = row.int(c)?;
    if v == -9 {
        return Ok(None);
    }
    if !(0..=hi).contains(&v) {
        return Err(row.err(c, format!("{v} is not between 0 and {hi}")));
    }
    Ok(Some(v as u8))
}

fn month(row: &super::csvio::Row<'_>, c: usize) -> Result<Option<u8>> {
    let v = row.int(c)?;
    if v == -9 {
        return Ok(None);
    }
    if !(1..=12).contains(&v) {
        return Err(row.err(c, format!("month {v} is outside 1 to 12")));
    }
    Ok(Some(v as u8))
}

fn years(
    row: &super::csvio::Row<'_>,
    st: usize,
    en: usize,
    coverage: (i32, i32),
) -> Result<(i32, i32)> {
    let s = row.year(st, coverage)?;
    let e = row.year(en, coverage)?;
    if e < s {
        return Err(row.err(en, format!("ends {e}, before it starts {s}")));
    }
    Ok((s, e))
}

/// Reads a `MIDA` file of a release.
pub fn read_disputes(f: &RawFile, release: Release) -> Result<Vec<Dispute>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let dn = csv.col(&["dispnum3", "dispnum"])?;
    let [st, sm, en, hl, ha, fa, oc] = csv.cols([
        "styear", "stmon", "endyear", "hostlev", "hiact", "fatality", "outcome",
    ])?;
    let mut out = Vec::new();
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let dispnum = row.int_in(dn, 1, 99_999)? as u32;
        uniq.check(dispnum, row.line)?;
        let (start_year, end_year) = years(row, st, en, release.coverage())?;
        out.push(Dispute {
            dispnum,
            start_year,
            start_month: month(row, sm)?,
            end_year,
            hostlev: row.int_in(hl, 1, 5)? as u8,
            hiact: opt_small(row, ha, 23)?,
            fatality: opt_small(row, fa, 6)?,
            outcome: opt_small(row, oc, 9)?,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}

/// Reads a `MIDB` file of a release.
pub fn read_participants(f: &RawFile, release: Release) -> Result<Vec<Participant>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let dn = csv.col(&["dispnum3", "dispnum"])?;
    let [cc, st, en, sa, orig, hl, rev, sm, sd] = csv.cols([
        "ccode", "styear", "endyear", "sidea", "orig", "hostlev", "revstate", "stmon", "stday",
    ])?;
    let mut out = Vec::new();
    // A participant spell is a state in a dispute from a start date: the same twice is an error.
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let (start_year, end_year) = years(row, st, en, release.coverage())?;
        let dispnum = row.int_in(dn, 1, 99_999)? as u32;
        let ccode = known_ccode(row, cc)?;
        uniq.check(
            (dispnum, ccode, start_year, row.int(sm)?, row.int(sd)?),
            row.line,
        )?;
        out.push(Participant {
            dispnum,
            ccode,
            start_year,
            end_year,
            side_a: row.flag(sa)?,
            originator: row.flag(orig)?,
            hostlev: row.int_in(hl, 0, 5)? as u8,
            revisionist: row.flag_or_missing(rev)?.unwrap_or(false),
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}
