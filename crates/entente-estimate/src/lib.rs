//! `entente estimate`: the challengers' probe rates per theatre, their crisis shares and the
//! emboldening slope, fitted by maximum likelihood to the militarized interstate disputes in the
//! data directory (or to an analyst's own incident file), with exact 95% intervals. The event
//! concept and the model are in `docs/model.md` §4.1.

pub mod error;
pub mod events;
pub mod fit;

pub use error::{EstimateError, Result};
pub use events::{mid_events, read_events, Event, Roster, CHALLENGERS, CRISIS_HOSTLEV};
pub use fit::{binomial_share, emboldening_slope, poisson_rate, Interval, Series};

use entente_curated::CuratedRecord;
use entente_data::Store;
use entente_sim::{Prepared, Scenario};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The theatres the fit knows, with the roster each takes from the record.
pub const THEATRES: [&str; 2] = ["europe", "east_asia"];

/// What to fit.
#[derive(Debug, Clone)]
pub struct Options {
    /// First year of the window.
    pub from: i32,
    /// Last year of the window.
    pub to: i32,
    /// The year whose US treaty allies make up each theatre's roster.
    pub roster_year: i32,
    /// An analyst's own incident file instead of the MIDs.
    pub events: Option<PathBuf>,
}

/// One challenger's fit in one theatre.
#[derive(Debug, Clone, Serialize)]
pub struct RateRow {
    /// The challenger's scenario id.
    pub challenger: String,
    /// The theatre's id.
    pub theatre: String,
    /// Probes in the window.
    pub events: u64,
    /// Months in the window.
    pub months: u64,
    /// Probes a month (maximum likelihood, Poisson).
    pub rate: f64,
    /// Lower end of the exact 95% interval (Garwood).
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// Probes that were crises.
    pub crises: u64,
    /// The crisis share (binomial), if there was any probe.
    pub crisis_share: Option<f64>,
    /// Lower end of its exact 95% interval (Clopper–Pearson).
    pub crisis_ci_low: Option<f64>,
    /// Upper end.
    pub crisis_ci_high: Option<f64>,
    /// The rate at parity (`λ` of §4) at the fitted emboldening slope, if a slope was fitted, over
    /// the years that have force figures for the balance (which may be fewer than the window's).
    pub rate_at_parity: Option<f64>,
}

/// The whole fit.
#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// The roster year.
    pub roster_year: i32,
    /// Where the events come from.
    pub source: String,
    /// One row per challenger and theatre with at least one event, and for each challenger's own
    /// theatre even without one.
    pub rows: Vec<RateRow>,
    /// The common emboldening slope `β_p` with its profile-likelihood interval, if it could be fitted.
    pub emboldening: Option<Interval>,
    /// The local balance `B_k` of each theatre in each year used for the slope.
    pub balances: Vec<(String, i32, f64)>,
    /// What the reader should know (years left out, assumptions).
    pub notes: Vec<String>,
    /// The events themselves.
    #[serde(skip)]
    pub events: Vec<Event>,
    /// The dataset files read.
    #[serde(skip)]
    pub provenance: Vec<entente_core::DatasetProvenance>,
}

/// One challenger and theatre, fitted on one window and checked on another (out of sample).
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// The challenger.
    pub challenger: String,
    /// The theatre.
    pub theatre: String,
    /// The rate fitted on the fit window.
    pub fitted_rate: f64,
    /// Events the fitted rate predicts in the check window.
    pub expected: f64,
    /// Events observed in the check window.
    pub observed: u64,
    /// The two-sided Poisson predictive p-value of the observed count (ignoring the fit's own
    /// uncertainty, so it errs towards rejecting).
    pub p_value: f64,
}

/// Checks a fit out of sample: the rates of `fit` predict the counts of `check`.
pub fn out_of_sample(fit: &Estimate, check: &Estimate) -> Vec<Check> {
    use statrs::distribution::{DiscreteCDF, Poisson};
    let months = 12.0 * (check.to - check.from + 1) as f64;
    fit.rows
        .iter()
        .map(|r| {
            let observed = check
                .rows
                .iter()
                .find(|c| c.challenger == r.challenger && c.theatre == r.theatre)
                .map(|c| c.events)
                .unwrap_or(0);
            let expected = r.rate * months;
            let p_value = match Poisson::new(expected) {
                Ok(d) => {
                    let lower = d.cdf(observed);
                    let upper = if observed == 0 {
                        1.0
                    } else {
                        1.0 - d.cdf(observed - 1)
                    };
                    (2.0 * lower.min(upper)).min(1.0)
                }
                Err(_) => f64::NAN,
            };
            Check {
                challenger: r.challenger.clone(),
                theatre: r.theatre.clone(),
                fitted_rate: r.rate,
                expected,
                observed,
                p_value,
            }
        })
        .collect()
}

/// Events and crises per year.
type PerYear = BTreeMap<i32, (u64, u64)>;

/// The rosters of a year: NATO's European members, and the US treaty allies of East Asia & Pacific.
pub fn rosters(record: &CuratedRecord, year: i32) -> Vec<Roster> {
    vec![
        Roster {
            theatre: "europe",
            states: record.european_allies(year).into_iter().collect(),
        },
        Roster {
            theatre: "east_asia",
            states: record.east_asian_allies(year).into_iter().collect(),
        },
    ]
}

/// The model's local balance `B_k` at the start of a run, for each theatre, with the scenario's
/// forces calibrated from the data directory for `year`.
fn balances_in(year: i32, store: &Store) -> std::result::Result<Vec<f64>, String> {
    let scn = Scenario {
        year,
        calibration: entente_sim::scenario::CalibrationParams {
            source: entente_sim::scenario::CalibrationSource::Data,
            ..Default::default()
        },
        ..Default::default()
    };
    let p = Prepared::new(scn, Some(store)).map_err(|e| e.to_string())?;
    Ok(p.model.initial_balance())
}

/// Fits the rates, shares and slope.
pub fn estimate(opts: &Options, record: &CuratedRecord, store: &Store) -> Result<Estimate> {
    if opts.from > opts.to {
        return Err(EstimateError::Invalid(format!(
            "--from {} is after --to {}",
            opts.from, opts.to
        )));
    }
    let rosters = rosters(record, opts.roster_year);
    let mut notes = vec![format!(
        "targets: the US treaty allies of each theatre in {} (the states the model's probes are aimed at)",
        opts.roster_year
    )];
    let mut provenance = Vec::new();
    let (events, source) = match &opts.events {
        Some(path) => (
            read_events(path, &rosters, opts.from, opts.to)?,
            path.display().to_string(),
        ),
        None => {
            let m = store.mids()?;
            let (lo, hi) = m.data.coverage();
            if opts.from < lo || opts.to > hi {
                return Err(EstimateError::Invalid(format!(
                    "the disputes data cover {lo}-{hi}; the window {}-{} is outside it (use --events for later years)",
                    opts.from, opts.to
                )));
            }
            provenance.extend(m.provenance.iter().cloned());
            let version = m
                .provenance
                .first()
                .map(|p| p.version.clone())
                .unwrap_or_default();
            (
                mid_events(
                    &m.data.disputes,
                    &m.data.participants,
                    &rosters,
                    opts.from,
                    opts.to,
                ),
                format!("COW MID {version}"),
            )
        }
    };
    let months = 12 * (opts.to - opts.from + 1) as u64;
    // Counts per challenger, theatre and year.
    let mut counts: BTreeMap<(&str, &str), PerYear> = BTreeMap::new();
    for c in CHALLENGERS {
        let own = if c.id == "russia" {
            "europe"
        } else {
            "east_asia"
        };
        counts.entry((c.id, own)).or_default();
    }
    for e in &events {
        let y = counts
            .entry((e.challenger, e.theatre))
            .or_default()
            .entry(e.year)
            .or_default();
        y.0 += 1;
        if e.crisis {
            y.1 += 1;
        }
    }
    // Balances per theatre and year, for the slope.
    let mut balances = Vec::new();
    let mut by_year: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    let mut left_out = Vec::new();
    for y in opts.from..=opts.to {
        match balances_in(y, store) {
            Ok(b) => {
                for (k, th) in THEATRES.iter().enumerate() {
                    if let Some(v) = b.get(k) {
                        balances.push((th.to_string(), y, *v));
                    }
                }
                by_year.insert(y, b);
            }
            Err(why) => left_out.push(format!("{y} ({why})")),
        }
    }
    if !left_out.is_empty() {
        notes.push(format!(
            "left out of the slope fit, for want of force figures: {}",
            left_out.join("; ")
        ));
    }
    let series: Vec<Series> = counts
        .iter()
        .map(|((_, th), per_year)| {
            let k = THEATRES.iter().position(|t| t == th).unwrap_or(0);
            Series {
                years: by_year
                    .iter()
                    .filter_map(|(y, b)| {
                        let n = per_year.get(y).map(|v| v.0).unwrap_or(0);
                        b.get(k).map(|bal| (n, 12.0, *bal))
                    })
                    .collect(),
            }
        })
        .collect();
    let slope = emboldening_slope(&series);
    let mut rows = Vec::new();
    for (((ch, th), per_year), s) in counts.iter().zip(&series) {
        let n: u64 = per_year.values().map(|v| v.0).sum();
        let x: u64 = per_year.values().map(|v| v.1).sum();
        let r = poisson_rate(n, months as f64);
        let share = binomial_share(x, n);
        rows.push(RateRow {
            challenger: ch.to_string(),
            theatre: th.to_string(),
            events: n,
            months,
            rate: r.estimate,
            ci_low: r.low,
            ci_high: r.high,
            crises: x,
            crisis_share: share.map(|s| s.estimate),
            crisis_ci_low: share.map(|s| s.low),
            crisis_ci_high: share.map(|s| s.high),
            rate_at_parity: slope.and_then(|b| fit::rate_at_slope(s, b.estimate)),
        });
    }
    Ok(Estimate {
        from: opts.from,
        to: opts.to,
        roster_year: opts.roster_year,
        source,
        rows,
        emboldening: slope,
        balances,
        notes,
        events,
        provenance,
    })
}
