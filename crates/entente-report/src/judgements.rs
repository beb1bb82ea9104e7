//! The key judgements the report opens with, computed from the data for the year: each with its
//! number, its change over one and five years, and its sources with the last year each covers.

use crate::assemble::{ReportData, YearSeries};
use crate::sources::CURATED;

/// One key judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// A short label ("Ties across the regions").
    pub topic: String,
    /// The number, as written.
    pub number: String,
    /// What the number is, one sentence, then what it means.
    pub text: String,
    /// The change over one year and over five years, as written ("+12 since 2023"); `None` for a
    /// model result, which is not a time series.
    pub changes: Option<(String, String)>,
    /// A note under the number (the runs behind a model result).
    pub note: Option<String>,
    /// The sources (only what was read, with the last year each covers).
    pub source: String,
    /// The dataset ids behind it.
    pub sources: Vec<String>,
    /// The section it leads to.
    pub anchor: &'static str,
}

fn at(s: Option<&YearSeries>, y: i32) -> Option<f64> {
    s?.iter().find(|(x, _)| *x == y).and_then(|(_, v)| *v)
}

fn change(now: Option<f64>, then: Option<f64>, year: i32, fmt: impl Fn(f64) -> String) -> String {
    match (now, then) {
        (Some(a), Some(b)) => {
            let d = a - b;
            if d.abs() < 1e-9 {
                format!("unchanged since {year}")
            } else {
                format!("{} since {year}", fmt(d))
            }
        }
        _ => format!("no value for {year}"),
    }
}

fn signed_int(d: f64) -> String {
    if d > 0.0 {
        format!("+{}", d.round() as i64)
    } else {
        format!("−{}", (-d).round() as i64)
    }
}

fn signed_pts(d: f64) -> String {
    let p = d * 100.0;
    if p > 0.0 {
        format!("+{p:.0} points")
    } else {
        format!("−{:.0} points", -p)
    }
}

/// The key judgements for the report's year (three to five, as the data allow).
pub fn judgements(d: &ReportData) -> Vec<Judgement> {
    let b = &d.brief;
    let y = b.year;
    let mut out = Vec::new();

    // 1. Ties across the regions.
    let pairs = d.trends.get("europe_eap_pairs");
    let c = &b.cross_counts;
    let new_since = b.changes.new_interregional.len();
    out.push(Judgement {
        topic: "Ties across the regions".into(),
        number: format!("{}", c.distinct_pairs),
        text: format!(
            "pairs of European and East Asian & Pacific states are tied to each other in {y} by at least one treaty, agreement, partnership, exercise or arms programme ({} without NATO's and the EU's partnership frameworks). {} records do the tying: {} bilateral, {} multilateral and {} frameworks; {} of them began in {}–{y}.",
            c.distinct_pairs_excluding_frameworks, c.records, c.bilateral, c.multilateral, c.frameworks, new_since, b.changes.from
        ),
        changes: Some((
            change(at(pairs, y), at(pairs, y - 1), y - 1, signed_int),
            change(at(pairs, y), at(pairs, y - 5), y - 5, signed_int),
        )),
        note: None,
        source: d.sources.cite(&[CURATED]),
        sources: vec![CURATED.into()],
        anchor: "ties",
    });

    // 2. Washington's place.
    let w = d.trends.get("us_brokerage_weighted");
    let h = at(d.trends.get("hub_dependence_treaty"), y);
    if let Some(now) = at(w, y).filter(|_| d.sources.has("atop-ddy")) {
        let treaty = match h {
            Some(h) if h >= 0.999 => "Yet every NATO–East Asian ally pair bound by a defence commitment is bound only through Washington: no defence treaty joins the two regions' allies directly.".to_string(),
            Some(h) => format!("{:.0}% of the NATO–East Asian ally pairs bound by a defence commitment are bound only through Washington.", h * 100.0),
            None => String::new(),
        };
        let src = [CURATED, "atop-ddy"];
        out.push(Judgement {
            topic: "Washington's place".into(),
            number: format!("{:.0}%", now * 100.0),
            text: format!(
                "of the shortest paths between NATO allies and the US treaty allies in East Asia & the Pacific pass through the United States in {y}, ties weighted by strength. {treaty}"
            ),
            changes: Some((
                change(Some(now), at(w, y - 1), y - 1, signed_pts),
                change(Some(now), at(w, y - 5), y - 5, signed_pts),
            )),
            note: None,
            source: d.sources.cite(&src),
            sources: d.sources.used(&src),
            anchor: "washington",
        });
    }

    // 3. The challengers.
    let ex = |yy: i32| {
        d.challenger_exercises
            .iter()
            .find(|(x, _)| *x == yy)
            .map(|(_, n)| *n as f64)
    };
    if let Some(n) = ex(y) {
        let five: usize = d
            .challenger_exercises
            .iter()
            .filter(|(x, _)| (y - 4..=y).contains(x))
            .map(|(_, n)| n)
            .sum();
        out.push(Judgement {
            topic: "The challengers".into(),
            number: format!("{n:.0}"),
            text: format!(
                "joint exercises and patrols of China, Russia and North Korea began in {y} ({five} in {}–{y}); {} treaties and partnerships among them are in force.",
                y - 4,
                b.challenger_ties.len()
            ),
            changes: Some((
                change(Some(n), ex(y - 1), y - 1, signed_int),
                change(Some(n), ex(y - 5), y - 5, signed_int),
            )),
            note: None,
            source: d.sources.cite(&[CURATED]),
            sources: vec![CURATED.into()],
            anchor: "challengers",
        });
    }

    // 4. The best opportunity, when the ranking stands.
    let o = &d.opportunities;
    if let Some(top) = o.rows.first() {
        let rank = |r: Option<usize>, yy: i32| match r {
            Some(0) | None => format!("not ranked in {yy}"),
            Some(1) => format!("also first in {yy}"),
            Some(r) => format!("{} in {yy}", ordinal(r)),
        };
        let ids: Vec<&str> = o.used.iter().map(|s| s.as_str()).collect();
        out.push(Judgement {
            topic: "The best opportunity".into(),
            number: top.pair.clone(),
            text: format!(
                "ranks first of {} European–East Asian pairs for closer cooperation in {} (score {:.2} of 1): {}",
                o.pairs - o.unranked,
                o.year,
                top.score,
                top.rationale
            ),
            changes: Some((
                rank(top.rank_before.0, o.year - 1),
                rank(top.rank_before.1, o.year - 5),
            )),
            note: None,
            source: d.sources.cite(&ids),
            sources: d.sources.used(&ids),
            anchor: "opportunities",
        });
    }

    // 5. The simulation.
    if let Some(s) = &d.simulation {
        let [ea, eu, both] = s.effect;
        let ids: Vec<&str> = s.used.iter().map(|x| x.as_str()).collect();
        let num = |v: f64| format!("{v:+.4}").replace('-', "−");
        let clear = |i: &crate::assemble::Interval| i.lo > 0.0 || i.hi < 0.0;
        let said = |i: &crate::assemble::Interval| {
            if clear(i) {
                format!(
                    "{} a month (95% interval {} to {})",
                    num(i.mean),
                    num(i.lo),
                    num(i.hi)
                )
            } else {
                format!(
                    "no measurable change ({} a month, 95% interval {} to {})",
                    num(i.mean),
                    num(i.lo),
                    num(i.hi)
                )
            }
        };
        out.push(Judgement {
            topic: "What the model says".into(),
            number: format!("{:+.2} points", both.mean * 100.0).replace('-', "−"),
            text: format!(
                "of months with a crisis in Europe and in East Asia & the Pacific at once when China and Russia always coordinate rather than never (95% interval {:.2} to {:.2}). Deterrence failures a month: East Asia & the Pacific {}; Europe {}. A model result under stated assumptions, not a forecast.",
                both.lo * 100.0, both.hi * 100.0, said(&ea), said(&eu)
            ),
            changes: None,
            note: Some(format!(
                "A model result, not a time series: {} runs at each level of coordination, paired on the same random draws.",
                s.runs
            )),
            source: d.sources.cite(&ids),
            sources: d.sources.used(&ids),
            anchor: "simulation",
        });
    }
    out
}

fn ordinal(n: usize) -> String {
    let s = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_written_with_signs_and_years() {
        assert_eq!(
            change(Some(193.0), Some(181.0), 2023, signed_int),
            "+12 since 2023"
        );
        assert_eq!(
            change(Some(0.10), Some(0.24), 2019, signed_pts),
            "−14 points since 2019"
        );
        assert_eq!(
            change(Some(1.0), None, 2019, signed_int),
            "no value for 2019"
        );
        assert_eq!(
            change(Some(1.0), Some(1.0), 2019, signed_int),
            "unchanged since 2019"
        );
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(11), "11th");
    }
}
