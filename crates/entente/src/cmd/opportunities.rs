//! `entente opportunities`.

use crate::cli::{Format, Global};
use crate::cli_opportunities::OpportunitiesArgs;
use crate::output::{emit, Listing};
use anyhow::{bail, Result};
use entente_opportunities::{Engine, PairScore, Params};

fn f(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "NA".into())
}

pub fn run(g: &Global, a: OpportunitiesArgs) -> Result<()> {
    let params = match &a.weights {
        None => Params::default(),
        Some(p) => {
            let text = crate::input::read_text(p, "--weights")?;
            Params::parse(&p.display().to_string(), &text).map_err(anyhow::Error::msg)?
        }
    };
    let rec = super::record(g)?;
    let store = super::store(g).ok();
    let store = store.filter(|s| s.dir().is_dir());
    let combine = params.combine.clone();
    let mut engine = Engine::new(store.as_ref(), &rec, params).allow_partial(a.allow_partial);
    let missing = engine.missing_datasets();
    if !missing.is_empty() && !a.allow_partial {
        bail!(
            "opportunities need the threat and capability datasets; missing: {} (run `entente data fetch`, or pass --allow-partial to rank on what is there)",
            missing
                .iter()
                .map(|(id, what)| format!("{id} ({what})"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if a.backtest {
        let (from, to) = (a.from.unwrap_or(2000), a.to.unwrap_or(2019));
        if from > to {
            bail!("--from {from} is after --to {to}");
        }
        let b = entente_opportunities::backtest::backtest(&mut engine, from, to, a.horizon);
        return backtest_out(a.format, &b);
    }
    let rows: Vec<PairScore> = match &a.pair {
        Some(pair) => {
            let codes: Vec<&str> = pair.split(',').map(str::trim).collect();
            let [x, y] = codes.as_slice() else {
                bail!("--pair takes two codes, such as GBR,JPN");
            };
            let (from, to) = (a.from.unwrap_or(2015), a.to.unwrap_or(2025));
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
            let cx = super::state_code("--pair", x, to)?;
            let cy = super::state_code("--pair", y, to)?;
            let v = engine.pair(cx, cy, from, to);
            if v.is_empty() {
                bail!("--pair {pair}: not a European ally with an East Asia & Pacific ally or partner in {from}–{to}");
            }
            v
        }
        None => {
            let mut v = engine.year(a.year);
            entente_opportunities::stability::add_stability(&mut v, &combine, 10);
            if a.top > 0 {
                v.truncate(a.top);
            }
            v
        }
    };
    if a.format == Format::Table {
        let missing = &engine.inputs().unavailable;
        if !missing.is_empty() {
            eprintln!(
                "note: unavailable inputs (coverage reduced): {}",
                missing
                    .iter()
                    .map(|(d, _)| d.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    emit(a.format, &rows, || Listing {
        headers: vec![
            "year",
            "rank",
            "stability",
            "pair",
            "score",
            "threat",
            "capability",
            "ties",
            "coverage",
            "rationale",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    r.year.to_string(),
                    if r.insufficient_data {
                        "insufficient data".to_string()
                    } else {
                        r.rank.to_string()
                    },
                    r.stability
                        .as_ref()
                        .map(|s| {
                            format!(
                                "top-10 in {:.0}%, ranks {}–{}",
                                s.top10_share * 100.0,
                                s.rank_90.0,
                                s.rank_90.1
                            )
                        })
                        .unwrap_or_default(),
                    format!("{}–{}", r.europe.iso3, r.asia.iso3),
                    format!("{:.3}", r.score),
                    f(r.threat.value),
                    f(r.capability.component.value),
                    f(r.ties.component.value),
                    format!("{:.0}%", r.coverage * 100.0),
                    r.rationale.clone(),
                ]
            })
            .collect(),
    })?;
    Ok(())
}

fn backtest_out(format: Format, b: &entente_opportunities::backtest::Backtest) -> Result<()> {
    let o = |v: Option<f64>| f(v);
    let mut rows = Vec::new();
    for p in &b.periods {
        for q in &p.quality {
            let cmp: Vec<String> = p
                .comparisons
                .iter()
                .filter(|c| c.ranking == q.ranking)
                .map(|c| match (c.auc_difference, c.interval_95) {
                    (Some(d), Some((lo, hi))) => format!(
                        "vs {} {d:+.3} [{lo:+.3}, {hi:+.3}]{}",
                        c.baseline,
                        if c.beats { " beats" } else { "" }
                    ),
                    _ => format!("vs {} NA", c.baseline),
                })
                .collect();
            rows.push(vec![
                format!("{} {}–{}", p.name, p.years.0, p.years.1),
                q.ranking.clone(),
                o(q.auc),
                o(q.precision_at_10),
                o(q.precision_at_25),
                cmp.join("; "),
            ]);
        }
    }
    if format == Format::Table {
        for p in &b.periods {
            eprintln!(
                "{}: {} pair-years ranked, {} with a new tie within {} years, {} left out (insufficient data)",
                p.name, p.pair_years, p.positives, b.horizon, p.insufficient
            );
        }
        eprintln!(
            "weights tuned on years ≤ {}: threat {}, capability {}, gap {}",
            entente_opportunities::backtest::TUNE_LAST,
            b.tuned_weights[0],
            b.tuned_weights[1],
            b.tuned_weights[2]
        );
    }
    emit(format, b, || Listing {
        headers: vec![
            "period",
            "ranking",
            "auc",
            "p@10",
            "p@25",
            "auc difference [95%]",
        ],
        rows,
    })?;
    if format == Format::Table {
        eprintln!("verdict: {}", b.verdict);
    }
    Ok(())
}
