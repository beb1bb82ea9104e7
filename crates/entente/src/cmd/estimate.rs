//! `entente estimate`: the challengers' probe rates, crisis shares and emboldening slope.

use crate::cli::{Format, Global};
use crate::cli_estimate::EstimateArgs;
use crate::output::{cell, emit, Listing};
use anyhow::Result;
use entente_estimate::{estimate, Options};
use serde::Serialize;

#[derive(Serialize)]
struct JsonRow<'a> {
    #[serde(flatten)]
    row: &'a entente_estimate::RateRow,
    from: i32,
    to: i32,
    roster_year: i32,
    source: &'a str,
    emboldening: Option<f64>,
    emboldening_ci_low: Option<f64>,
    emboldening_ci_high: Option<f64>,
}

fn f4(v: f64) -> String {
    format!("{v:.4}")
}

pub fn run(g: &Global, a: EstimateArgs) -> Result<()> {
    // The arguments are checked before any data is read.
    let check = match &a.check {
        Some(spec) => Some(
            spec.split_once(':')
                .and_then(|(f, t)| {
                    Some((f.trim().parse::<i32>().ok()?, t.trim().parse::<i32>().ok()?))
                })
                .ok_or_else(|| {
                    anyhow::anyhow!("--check {spec:?} is not FROM:TO (for example 2004:2010)")
                })?,
        ),
        None => None,
    };
    let record = super::record(g)?;
    let store = super::store(g)?;
    let opts = Options {
        from: a.from,
        to: a.to,
        roster_year: a.roster_year,
        events: a.events.clone(),
    };
    let est = estimate(&opts, &record, &store)?;
    if let Some((from, to)) = check {
        let later = estimate(
            &Options {
                from,
                to,
                ..opts.clone()
            },
            &record,
            &store,
        )?;
        let checks = entente_estimate::out_of_sample(&est, &later);
        return emit(a.format, &checks, || Listing {
            headers: vec![
                "challenger",
                "theatre",
                "fitted rate",
                "expected",
                "observed",
                "p-value",
            ],
            rows: checks
                .iter()
                .map(|c| {
                    vec![
                        c.challenger.clone(),
                        c.theatre.clone(),
                        f4(c.fitted_rate),
                        format!("{:.1}", c.expected),
                        c.observed.to_string(),
                        format!("{:.2}", c.p_value),
                    ]
                })
                .collect(),
        });
    }
    let rows: Vec<JsonRow> = est
        .rows
        .iter()
        .map(|row| JsonRow {
            row,
            from: est.from,
            to: est.to,
            roster_year: est.roster_year,
            source: &est.source,
            emboldening: est.emboldening.map(|s| s.estimate),
            emboldening_ci_low: est.emboldening.map(|s| s.low),
            emboldening_ci_high: est.emboldening.map(|s| s.high),
        })
        .collect();
    emit(a.format, &rows, || Listing {
        headers: vec![
            "challenger",
            "theatre",
            "events",
            "months",
            "rate",
            "95% CI",
            "crisis share",
            "95% CI ",
        ],
        rows: est
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.challenger.clone(),
                    r.theatre.clone(),
                    r.events.to_string(),
                    r.months.to_string(),
                    f4(r.rate),
                    format!("{}-{}", f4(r.ci_low), f4(r.ci_high)),
                    cell(r.crisis_share.map(|v| format!("{v:.2}"))),
                    match (r.crisis_ci_low, r.crisis_ci_high) {
                        (Some(l), Some(h)) => format!("{l:.2}-{h:.2}"),
                        _ => String::new(),
                    },
                ]
            })
            .collect(),
    })?;
    if a.format == Format::Table {
        let slope = match est.emboldening {
            Some(s) => format!(
                "emboldening slope {:.3} (95% profile-likelihood interval {:.3} to {:.3})",
                s.estimate, s.low, s.high
            ),
            None => "emboldening slope: not identified (no events or no variation in the balance)"
                .to_string(),
        };
        let mut text = format!(
            "{} {}-{}, {} months; {slope}\n",
            est.source,
            est.from,
            est.to,
            12 * (est.to - est.from + 1)
        );
        for n in &est.notes {
            text.push_str(&format!("note: {n}\n"));
        }
        eprint!("{text}");
    }
    Ok(())
}
