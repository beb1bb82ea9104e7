//! SIPRI Arms Transfers Database, the trade register export: ISO-8859-1 (Latin-1) text; a preamble of
//! notes (11 lines in the export of 18 May 2026, ending with `Data generated: …`) before the header
//! `Recipient,Supplier,…`; three header cells that are a single space, each right after *Year of
//! order*, *Number ordered* and *Number delivered*, holding `?` where SIPRI marks that figure
//! uncertain; *Year(s) of delivery* as a `; `-separated list; TIVs in millions of SIPRI
//! trend-indicator values (a volume measure, not a price). One row per deal.
//!
//! The reader finds the header rather than counting preamble lines, so an export with a longer or
//! shorter preamble reads too. Every recipient and supplier name is checked against the crosswalk:
//! states map to COW codes by year, non-state entries (`*` armed groups, `**` organisations,
//! "unknown recipient(s)") are classed, and an unknown name is an error naming it.

use super::csvio::{Csv, RawFile};
use crate::error::{DataError, Result};
use entente_core::{Ccode, Crosswalk, NameMatch};
use std::collections::HashMap;

/// Years in which deliveries are recorded.
pub const COVERAGE: (i32, i32) = (1950, 2025);

/// One deal of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    /// The 1-based line in the file.
    pub line: u64,
    /// SIPRI's recipient name.
    pub recipient: String,
    /// SIPRI's supplier name.
    pub supplier: String,
    /// The year of order (SIPRI always gives one, sometimes uncertain).
    pub order_year: i32,
    /// `?`: the year of order is uncertain.
    pub order_year_uncertain: bool,
    /// Units ordered, if known.
    pub number_ordered: Option<u32>,
    /// `?`: the number ordered is uncertain.
    pub number_ordered_uncertain: bool,
    /// The weapon's designation (`F-35A`, `K9 Thunder`…).
    pub designation: String,
    /// SIPRI's description (`FGA aircraft`…).
    pub description: String,
    /// Units delivered, if any.
    pub number_delivered: Option<u32>,
    /// `?`: the number delivered is uncertain.
    pub number_delivered_uncertain: bool,
    /// Years of delivery.
    pub delivery_years: Vec<i32>,
    /// `New`, `Second hand`, …
    pub status: String,
    /// SIPRI's comments.
    pub comments: String,
    /// TIV per unit (millions).
    pub tiv_per_unit: Option<f64>,
    /// TIV of the whole order.
    pub tiv_total: Option<f64>,
    /// TIV of the weapons delivered.
    pub tiv_delivered: Option<f64>,
}

/// The register.
#[derive(Debug, Clone)]
pub struct TradeRegister {
    /// The deals.
    pub deals: Vec<Deal>,
    /// The export's `Data generated:` line, if present.
    pub generated: Option<String>,
}

/// A supplier→recipient flow of TIV delivered in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TivFlow {
    /// The supplier.
    pub supplier: Ccode,
    /// The recipient.
    pub recipient: Ccode,
    /// The year of delivery.
    pub year: i32,
    /// TIV delivered (millions).
    pub tiv: f64,
}

fn latin1_lines(bytes: &[u8], n: usize) -> Vec<String> {
    bytes
        .split(|b| *b == b'\n')
        .take(n)
        .map(|l| l.iter().map(|&c| c as char).collect::<String>())
        .collect()
}

/// Reads the trade register.
pub fn read(f: &RawFile) -> Result<TradeRegister> {
    let head = latin1_lines(&f.bytes, 40);
    let header_at = head
        .iter()
        .position(|l| {
            l.trim_start()
                .to_ascii_lowercase()
                .starts_with("recipient,supplier")
        })
        .ok_or_else(|| {
            if f.bytes.iter().all(|b| b.is_ascii_whitespace()) {
                DataError::Empty {
                    file: f.name.clone(),
                    expected: "the columns Recipient,Supplier,… after SIPRI's preamble".into(),
                }
            } else {
                DataError::Columns {
                    file: f.name.clone(),
                    line: 1,
                    missing: "a header line starting 'Recipient,Supplier' in the first 40 lines"
                        .into(),
                    found: head.first().cloned().unwrap_or_default(),
                }
            }
        })?;
    let generated = head.iter().find_map(|l| {
        l.trim()
            .strip_prefix("Data generated:")
            .map(|s| s.trim().to_string())
    });
    let mut csv = Csv::open(&f.name, &f.bytes, header_at, false)?;
    let [rec, sup, oy, no, des, desc, nd, dy, st, com, tu, tt, td] = csv.cols([
        "recipient",
        "supplier",
        "year of order",
        "number ordered",
        "weapon designation",
        "weapon description",
        "number delivered",
        "year(s) of delivery",
        "status",
        "comments",
        "sipri tiv per unit",
        "sipri tiv for total order",
        "sipri tiv of delivered weapons",
    ])?;
    let (oy_q, no_q, nd_q) = (oy + 1, no + 1, nd + 1);
    let cw = Crosswalk;
    let mut known: HashMap<String, ()> = HashMap::new();
    let mut deals = Vec::with_capacity(30_000);
    csv.for_each(|row| {
        let recipient = row.str(rec)?;
        let supplier = row.str(sup)?;
        for (name, c, col) in [(&recipient, rec, "Recipient"), (&supplier, sup, "Supplier")] {
            if known.contains_key(name.as_str()) {
                continue;
            }
            if name.is_empty() {
                return Err(row.err(c, "empty name"));
            }
            cw.lookup(name).map_err(|_| DataError::UnknownName {
                file: f.name.clone(),
                line: row.line,
                column: col.into(),
                name: name.clone(),
            })?;
            known.insert(name.clone(), ());
        }
        // The `?` columns' header is a single space: name them after the column they qualify.
        let q = |c: usize, of: &str| -> Result<bool> {
            match row.bytes(c) {
                b"" => Ok(false),
                b"?" => Ok(true),
                other => Err(DataError::Field {
                    file: f.name.clone(),
                    line: row.line,
                    column: format!("? after {of}"),
                    message: format!(
                        "'{}' is not an uncertainty flag ('?' or empty)",
                        String::from_utf8_lossy(other)
                    ),
                }),
            }
        };
        let count = |c: usize| -> Result<Option<u32>> { Ok(row.num_or(c, &[])?.map(|v| v as u32)) };
        let mut delivery_years = Vec::new();
        let dys = row.str(dy)?;
        for part in dys.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let y: i32 = part
                .parse()
                .map_err(|_| row.err(dy, format!("'{part}' in '{dys}' is not a year")))?;
            if y < COVERAGE.0 - 10 || y > COVERAGE.1 {
                return Err(row.err(
                    dy,
                    format!("year {y} is outside {}–{}", COVERAGE.0 - 10, COVERAGE.1),
                ));
            }
            delivery_years.push(y);
        }
        let order_year = row.int_in(oy, 1900, i64::from(COVERAGE.1))? as i32;
        deals.push(Deal {
            line: row.line,
            recipient,
            supplier,
            order_year,
            order_year_uncertain: q(oy_q, "Year of order")?,
            number_ordered: count(no)?,
            number_ordered_uncertain: q(no_q, "Number ordered")?,
            designation: row.str(des)?,
            description: row.str(desc)?,
            number_delivered: count(nd)?,
            number_delivered_uncertain: q(nd_q, "Number delivered")?,
            delivery_years,
            status: row.str(st)?,
            comments: row.str(com)?,
            tiv_per_unit: row.num_or(tu, &[])?,
            tiv_total: row.num_or(tt, &[])?,
            tiv_delivered: row.num_or(td, &[])?,
        });
        Ok(())
    })?;
    if deals.is_empty() {
        return Err(DataError::Empty {
            file: f.name.clone(),
            expected: "deals after it".into(),
        });
    }
    Ok(TradeRegister { deals, generated })
}

impl TradeRegister {
    /// TIV delivered between states, by supplier, recipient and year. The register gives a deal's
    /// delivered TIV as one total and its delivery years as a list; the total is spread evenly over
    /// the listed years (SIPRI's own yearly tables use the actual units per year, which the register
    /// does not break down). Deals with a non-state party, or with no delivery, are left out; each
    /// party is resolved to its COW code in the year of delivery.
    pub fn tiv_flows(&self) -> Vec<TivFlow> {
        fn resolve<'a>(
            cache: &mut HashMap<(&'a str, i32), Option<Ccode>>,
            name: &'a str,
            year: i32,
        ) -> Option<Ccode> {
            *cache.entry((name, year)).or_insert_with(|| {
                let cw = Crosswalk;
                match cw.lookup(name) {
                    Ok(NameMatch::State(_)) => cw.ccode_in_year(name, year).ok().flatten(),
                    _ => None,
                }
            })
        }
        let mut cache: HashMap<(&str, i32), Option<Ccode>> = HashMap::new();
        let mut sum: HashMap<(Ccode, Ccode, i32), f64> = HashMap::new();
        for d in &self.deals {
            let (Some(tiv), false) = (d.tiv_delivered, d.delivery_years.is_empty()) else {
                continue;
            };
            let share = tiv / d.delivery_years.len() as f64;
            for &y in &d.delivery_years {
                if let (Some(s), Some(r)) = (
                    resolve(&mut cache, &d.supplier, y),
                    resolve(&mut cache, &d.recipient, y),
                ) {
                    if s != r {
                        *sum.entry((s, r, y)).or_insert(0.0) += share;
                    }
                }
            }
        }
        let mut v: Vec<TivFlow> = sum
            .into_iter()
            .map(|((supplier, recipient, year), tiv)| TivFlow {
                supplier,
                recipient,
                year,
                tiv,
            })
            .collect();
        v.sort_by_key(|f| (f.supplier, f.recipient, f.year));
        v
    }
}
