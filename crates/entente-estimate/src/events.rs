//! The event concept in data terms (`docs/model.md` §4.1): which disputes count as a challenger's
//! probes of a theatre, which as crises, and how they are dated; and the same events read from an
//! analyst's own CSV file.

use crate::error::{EstimateError, Result};
use entente_core::{Ccode, Crosswalk};
use entente_data::readers::mid::{Dispute, Participant};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A challenger the fit knows: its id in the scenarios, and its COW code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Challenger {
    /// The scenario id (`russia`, `china`, `north_korea`).
    pub id: &'static str,
    /// The COW code.
    pub ccode: Ccode,
}

/// The challengers of the model, in the scenarios' order.
pub const CHALLENGERS: [Challenger; 3] = [
    Challenger {
        id: "russia",
        ccode: Ccode(365),
    },
    Challenger {
        id: "china",
        ccode: Ccode(710),
    },
    Challenger {
        id: "north_korea",
        ccode: Ccode(731),
    },
];

/// The hostility level from which a probe is a crisis: 4, use of force (5 is war). Threats (2) and
/// displays of force (3) are gray-zone probes.
pub const CRISIS_HOSTLEV: u8 = 4;

/// One probe: a dated event by a challenger against a state of a theatre's roster.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    /// The year it started.
    pub year: i32,
    /// The month it started, when known.
    pub month: Option<u8>,
    /// The challenger's scenario id.
    pub challenger: &'static str,
    /// The theatre's id (`europe`, `east_asia`).
    pub theatre: &'static str,
    /// A crisis (use of force or war) rather than a gray-zone probe.
    pub crisis: bool,
    /// Where it comes from: a MID number or a file and line.
    pub origin: String,
}

/// The states that a theatre's probes target: the US treaty allies of the theatre in the roster year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// The theatre's id.
    pub theatre: &'static str,
    /// Its states.
    pub states: BTreeSet<Ccode>,
}

/// The theatre a state belongs to, if any.
pub fn theatre_of(rosters: &[Roster], s: Ccode) -> Option<&'static str> {
    rosters
        .iter()
        .find(|r| r.states.contains(&s))
        .map(|r| r.theatre)
}

/// The probes in MID data: a dispute is one probe by challenger `c` of theatre `k` when `c` is on
/// side A (the side that took the first militarized action) and a state of `k`'s roster is on
/// side B. It is dated by the dispute's start (year and month, MIDA), and it is a crisis when the
/// challenger's own highest hostility level in the dispute (MIDB) is at least [`CRISIS_HOSTLEV`].
/// A dispute that pits a challenger against allies of both theatres is one probe of each.
pub fn mid_events(
    disputes: &[Dispute],
    participants: &[Participant],
    rosters: &[Roster],
    from: i32,
    to: i32,
) -> Vec<Event> {
    let mut by_dispute: BTreeMap<u32, Vec<&Participant>> = BTreeMap::new();
    for p in participants {
        by_dispute.entry(p.dispnum).or_default().push(p);
    }
    let mut out = Vec::new();
    for d in disputes {
        if d.start_year < from || d.start_year > to {
            continue;
        }
        let Some(ps) = by_dispute.get(&d.dispnum) else {
            continue;
        };
        for c in CHALLENGERS {
            let own: Vec<&&Participant> = ps
                .iter()
                .filter(|p| p.ccode == c.ccode && p.side_a)
                .collect();
            if own.is_empty() {
                continue;
            }
            let hostlev = own.iter().map(|p| p.hostlev).max().unwrap_or(0);
            for r in rosters {
                let hit = ps.iter().any(|p| !p.side_a && r.states.contains(&p.ccode));
                if hit {
                    out.push(Event {
                        year: d.start_year,
                        month: d.start_month,
                        challenger: c.id,
                        theatre: r.theatre,
                        crisis: hostlev >= CRISIS_HOSTLEV,
                        origin: format!("MID {}", d.dispnum),
                    });
                }
            }
        }
    }
    out.sort();
    out
}

fn challenger_named(s: &str) -> Option<&'static str> {
    let t = s.trim().to_ascii_lowercase();
    CHALLENGERS
        .iter()
        .find(|c| {
            c.id == t
                || match c.ccode.0 {
                    365 => t == "rus" || t == "365",
                    710 => t == "chn" || t == "710",
                    731 => t == "prk" || t == "731",
                    _ => false,
                }
        })
        .map(|c| c.id)
}

fn parse_date(s: &str) -> Option<(i32, Option<u8>)> {
    let mut it = s.trim().split('-');
    let y: i32 = it.next()?.parse().ok()?;
    if !(1816..=2100).contains(&y) {
        return None;
    }
    let m = match it.next() {
        None => None,
        Some(m) => {
            let m: u8 = m.parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            Some(m)
        }
    };
    if let Some(d) = it.next() {
        let d: u8 = d.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
    }
    if it.next().is_some() {
        return None;
    }
    Some((y, m))
}

/// Reads an analyst's own incident series: a CSV file with a header and the columns `date`
/// (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), `challenger` (`russia`, `china`, `north_korea`, or ISO3/COW
/// code), `target` (the target state's ISO3 or COW code) and `type` (`gray` or `crisis`). Other
/// columns are ignored. A target outside every roster, or a row outside `[from, to]`, is an error
/// and a skip respectively; every error names the file and line.
pub fn read_events(path: &Path, rosters: &[Roster], from: i32, to: i32) -> Result<Vec<Event>> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| EstimateError::Io {
        path: name.clone(),
        source: e,
    })?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes.as_slice());
    let at = |line: u64, msg: String| EstimateError::Events {
        file: name.clone(),
        line,
        msg,
    };
    let headers = rdr
        .headers()
        .map_err(|e| at(1, format!("cannot read the header: {e}")))?
        .clone();
    let col = |want: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(want))
            .ok_or_else(|| {
                at(
                    1,
                    format!("no column '{want}' (need date, challenger, target, type)"),
                )
            })
    };
    let (cd, cc, ct, cy) = (
        col("date")?,
        col("challenger")?,
        col("target")?,
        col("type")?,
    );
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = rec
            .as_ref()
            .ok()
            .and_then(|r| r.position().map(|p| p.line()))
            .unwrap_or(i as u64 + 2);
        let rec = rec.map_err(|e| at(line, format!("{e}")))?;
        let field = |c: usize| rec.get(c).unwrap_or("").trim();
        let (year, month) = parse_date(field(cd)).ok_or_else(|| {
            at(
                line,
                format!("date {:?} is not YYYY-MM-DD, YYYY-MM or YYYY", field(cd)),
            )
        })?;
        let challenger = challenger_named(field(cc)).ok_or_else(|| {
            at(
                line,
                format!(
                    "challenger {:?} is not russia, china or north_korea",
                    field(cc)
                ),
            )
        })?;
        let day = entente_core::year_end(year);
        let target = Crosswalk
            .resolve_code(field(ct), day)
            .map_err(|e| at(line, format!("target: {e}")))?;
        let theatre = theatre_of(rosters, target).ok_or_else(|| {
            at(
                line,
                format!(
                    "target {:?} is not a US treaty ally of either theatre in the roster year",
                    field(ct)
                ),
            )
        })?;
        let crisis = match field(cy).to_ascii_lowercase().as_str() {
            "crisis" => true,
            "gray" | "grey" | "gray-zone" | "probe" => false,
            other => return Err(at(line, format!("type {other:?} is not gray or crisis"))),
        };
        if year < from || year > to {
            continue;
        }
        out.push(Event {
            year,
            month,
            challenger,
            theatre,
            crisis,
            origin: format!("{name}:{line}"),
        });
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dispute(n: u32, y: i32) -> Dispute {
        Dispute {
            dispnum: n,
            start_year: y,
            start_month: Some(3),
            end_year: y,
            hostlev: 3,
            hiact: None,
            fatality: None,
            outcome: None,
        }
    }

    fn part(n: u32, c: u16, side_a: bool, hostlev: u8) -> Participant {
        Participant {
            dispnum: n,
            ccode: Ccode(c),
            start_year: 2000,
            end_year: 2000,
            side_a,
            originator: true,
            hostlev,
            revisionist: false,
        }
    }

    fn rosters() -> Vec<Roster> {
        vec![
            Roster {
                theatre: "europe",
                states: [Ccode(200), Ccode(385)].into_iter().collect(),
            },
            Roster {
                theatre: "east_asia",
                states: [Ccode(740)].into_iter().collect(),
            },
        ]
    }

    #[test]
    fn side_a_against_a_roster_state_is_a_probe() {
        let d = vec![
            dispute(1, 2000),
            dispute(2, 2000),
            dispute(3, 2000),
            dispute(4, 1980),
        ];
        let p = vec![
            // 1: Russia (A, use of force) against Norway and Japan: one probe of each theatre.
            part(1, 365, true, 4),
            part(1, 385, false, 3),
            part(1, 740, false, 1),
            // 2: Norway on side A against Russia: not a Russian probe.
            part(2, 385, true, 3),
            part(2, 365, false, 3),
            // 3: China (A) against a state in no roster.
            part(3, 710, true, 3),
            part(3, 2, false, 3),
            // 4: outside the window.
            part(4, 365, true, 3),
            part(4, 200, false, 3),
        ];
        let ev = mid_events(&d, &p, &rosters(), 1990, 2010);
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert!(ev.iter().all(|e| e.challenger == "russia" && e.crisis));
        let th: BTreeSet<_> = ev.iter().map(|e| e.theatre).collect();
        assert_eq!(th, ["east_asia", "europe"].into_iter().collect());
    }

    #[test]
    fn a_display_of_force_is_gray() {
        let d = vec![dispute(1, 2000)];
        let p = vec![part(1, 731, true, 3), part(1, 740, false, 4)];
        let ev = mid_events(&d, &p, &rosters(), 1990, 2010);
        assert_eq!(ev.len(), 1);
        assert!(
            !ev[0].crisis,
            "the challenger's own level counts, not the target's"
        );
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date("2019-07-23"), Some((2019, Some(7))));
        assert_eq!(parse_date("2019-07"), Some((2019, Some(7))));
        assert_eq!(parse_date("2019"), Some((2019, None)));
        assert_eq!(parse_date("2019-13"), None);
        assert_eq!(parse_date("19"), None);
        assert_eq!(parse_date("2019-07-23-1"), None);
    }
}
