//! `entente opportunities`.

use crate::cli::{Format, Global};
use crate::cli_opportunities::OpportunitiesArgs;
use crate::output::{emit, Listing};
use anyhow::{bail, Context, Result};
use entente_opportunities::{Engine, PairScore, Params};

fn f(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "NA".into())
}

pub fn run(g: &Global, a: OpportunitiesArgs) -> Result<()> {
    let params = match &a.weights {
        None => Params::default(),
        Some(p) => {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("--weights {}", p.display()))?;
            Params::parse(&p.display().to_string(), &text).map_err(anyhow::Error::msg)?
        }
    };
    let rec = super::record(g)?;
    let store = super::store(g).ok();
    let store = store.filter(|s| s.dir().is_dir());
    let engine = Engine::new(store.as_ref(), &rec, params);
    let rows: Vec<PairScore> = match &a.pair {
        Some(pair) => {
            let codes: Vec<&str> = pair.split(',').map(str::trim).collect();
            let [x, y] = codes.as_slice() else {
                bail!("--pair takes two codes, such as GBR,JPN");
            };
            if a.from > a.to {
                bail!("--from {} is after --to {}", a.from, a.to);
            }
            let cx = super::state_code("--pair", x, a.to)?;
            let cy = super::state_code("--pair", y, a.to)?;
            let v = engine.pair(cx, cy, a.from, a.to);
            if v.is_empty() {
                bail!("--pair {pair}: not a European ally with an East Asia & Pacific ally or partner in {}–{}", a.from, a.to);
            }
            v
        }
        None => {
            let mut v = engine.year(a.year);
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
                    r.rank.to_string(),
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
