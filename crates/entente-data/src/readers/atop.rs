//! ATOP 5.1: the state-year file (`atop5_1sy.csv`) and the directed dyad-year file, either as ATOP
//! publishes it (`atop5_1ddyr.csv`: `stateA`, `stateB`, `year`, `defense`…`consul`, with a `ddyad`
//! id column) or as peacesciencer derives it (`ccode1`, `ccode2`, `year`, `atop_defense`…).
//! Coverage 1815–2018. ATOP codes no missing values in these columns: 0 is "no such obligation".

use super::cow_states::nonempty;
use super::csvio::{Csv, RawFile};
use super::{known_ccode, Unique};
use crate::error::Result;
use entente_core::{Ccode, Obligation, Obligations};

/// The dataset's coverage.
pub const COVERAGE: (i32, i32) = (1815, 2018);

/// One state-year of the ATOP state-year file.
#[derive(Debug, Clone, PartialEq)]
pub struct AtopStateYear {
    /// The COW code.
    pub ccode: Ccode,
    /// The year.
    pub year: i32,
    /// Member of any alliance.
    pub atopally: bool,
    /// The obligations the state holds in any alliance that year.
    pub obligations: Obligations,
    /// Number of alliances.
    pub number: u16,
    /// The ATOP ids of its alliances that year.
    pub atopids: Vec<u32>,
}

/// One directed dyad-year of obligations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtopDyadYear {
    /// The first state.
    pub ccode1: Ccode,
    /// The second state.
    pub ccode2: Ccode,
    /// The year.
    pub year: i32,
    /// The obligations between them.
    pub obligations: Obligations,
}

/// Which layout a dyad-year file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DyadLayout {
    /// ATOP's own `atop5_1ddyr` (`stateA`, `stateB`, `ddyad`, `defense`…).
    Official,
    /// peacesciencer's `atop_alliance` (`ccode1`, `ccode2`, `atop_defense`…).
    Peacesciencer,
}

fn obligations(flags: [bool; 5]) -> Obligations {
    Obligation::ALL
        .into_iter()
        .zip(flags)
        .filter(|(_, f)| *f)
        .map(|(o, _)| o)
        .collect()
}

/// Reads `atop5_1sy.csv`.
pub fn read_state_year(f: &RawFile) -> Result<Vec<AtopStateYear>> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let [st, yr, ally, def, off, neu, non, con, num] = csv.cols([
        "state", "year", "atopally", "defense", "offense", "neutral", "nonagg", "consul", "number",
    ])?;
    let ids: Vec<usize> = (1..=99)
        .filter_map(|i| csv.try_col(&format!("atopid{i}")))
        .collect();
    let mut out = Vec::with_capacity(12_000);
    let mut uniq = Unique::new(&f.name);
    csv.for_each(|row| {
        let ccode = known_ccode(row, st)?;
        let year = row.year(yr, COVERAGE)?;
        uniq.check((ccode, year), row.line)?;
        let mut atopids = Vec::new();
        for &c in &ids {
            if !row.is_empty(c) {
                atopids.push(row.int_in(c, 1000, 99_999)? as u32);
            }
        }
        let number = row.int_in(num, 0, 999)? as u16;
        out.push(AtopStateYear {
            ccode,
            year,
            atopally: row.flag(ally)?,
            obligations: obligations([
                row.flag(def)?,
                row.flag(off)?,
                row.flag(neu)?,
                row.flag(non)?,
                row.flag(con)?,
            ]),
            number,
            atopids,
        });
        Ok(())
    })?;
    nonempty(&f.name, out)
}

/// Reads a directed dyad-year file in either layout.
pub fn read_dyad_year(f: &RawFile) -> Result<(Vec<AtopDyadYear>, DyadLayout)> {
    let mut csv = Csv::open(&f.name, &f.bytes, 0, true)?;
    let layout = if csv.try_col("statea").is_some() || csv.try_col("ddyad").is_some() {
        DyadLayout::Official
    } else {
        DyadLayout::Peacesciencer
    };
    let c1 = csv.col(&["ccode1", "statea"])?;
    let c2 = csv.col(&["ccode2", "stateb"])?;
    let yr = csv.col(&["year"])?;
    let def = csv.col(&["atop_defense", "defense"])?;
    let off = csv.col(&["atop_offense", "offense"])?;
    let neu = csv.col(&["atop_neutral", "neutral"])?;
    let non = csv.col(&["atop_nonagg", "nonagg"])?;
    let con = csv.col(&["atop_consul", "consul"])?;
    let mut out = Vec::with_capacity(280_000);
    let mut uniq = Unique::with_capacity(&f.name, 280_000);
    csv.for_each(|row| {
        let ccode1 = known_ccode(row, c1)?;
        let ccode2 = known_ccode(row, c2)?;
        if ccode1 == ccode2 {
            return Err(row.err(c2, "a state in a dyad with itself"));
        }
        let year = row.year(yr, COVERAGE)?;
        uniq.check((ccode1, ccode2, year), row.line)?;
        out.push(AtopDyadYear {
            ccode1,
            ccode2,
            year,
            obligations: obligations([
                row.flag(def)?,
                row.flag(off)?,
                row.flag(neu)?,
                row.flag(non)?,
                row.flag(con)?,
            ]),
        });
        Ok(())
    })?;
    Ok((nonempty(&f.name, out)?, layout))
}
