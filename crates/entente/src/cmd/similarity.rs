//! `entente similarity`.

use crate::cli::Global;
use crate::cli_similarity::SimilarityArgs;
use crate::output::print;
use anyhow::{bail, Context, Result};
use comfy_table::{presets::UTF8_BORDERS_ONLY, Table};
use entente_core::{Ccode, Group, StateInfo, US};
use entente_curated::counterfactual::parse_counterfactual;
use entente_frames::{write_frame, Frame, FrameOptions, Kind, WriteOptions};
use entente_similarity::{Measure, Similarity, SimilarityOptions, Source};
use std::io::IsTerminal;

fn iso(c: Ccode) -> &'static str {
    StateInfo::get(c).map(|s| s.code()).unwrap_or("?")
}

/// The similarity unit as the command line describes it.
pub fn unit(g: &Global, a: &SimilarityArgs) -> Result<(Similarity, SimilarityOptions)> {
    let source = Source::parse(&a.source).context("--source")?;
    let measures = Measure::parse_list(&a.measures).context("--measures")?;
    let region = a
        .region
        .as_deref()
        .map(Group::parse)
        .transpose()
        .context("--region")?;
    let hypothetical = match &a.with {
        None => Vec::new(),
        Some(p) => {
            let text = crate::input::read_text(p, "--with")?;
            let name = p.display().to_string();
            parse_counterfactual(&name, &text)?
        }
    };
    let cov = source.coverage();
    for h in &hypothetical {
        if h.years.0 < cov.0 || h.years.1 > cov.1 {
            bail!(
                "{}: years {}–{} are outside {}'s coverage {}–{} (use --source curated for years after 2018)",
                h.origin, h.years.0, h.years.1, source.name(), cov.0, cov.1
            );
        }
        if h.kind != entente_core::TieKind::DefenceTreaty {
            bail!(
                "{}: only defence_treaty ties change alliance portfolios",
                h.origin
            );
        }
    }
    let opts = SimilarityOptions {
        source,
        measures,
        region,
        hypothetical,
    };
    let rec = super::record(g)?.into_owned();
    Ok((Similarity::new(opts.clone(), rec), opts))
}

pub fn run(g: &Global, a: SimilarityArgs) -> Result<()> {
    if let Some(out) = &a.out {
        entente_frames::write::OutputFormat::from_path(out)?;
    }
    let (sim, opts) = unit(g, &a)?;
    let cov = opts.source.coverage();
    let from = a.from.unwrap_or(cov.0.max(1816));
    let to = a.to.unwrap_or(cov.1);
    if from > cov.1 || to < cov.0 || from > to {
        bail!(
            "--from {from} --to {to}: {} covers {}–{}",
            opts.source.name(),
            cov.0,
            cov.1
        );
    }
    let store = super::store(g)?;
    if a.diff {
        diff(g, &opts, &store, (from, to))?;
    }
    if let Some(out) = &a.out {
        let frame = Frame::new(
            &store,
            Kind::DyadYear {
                directed: !a.undirected,
            },
            FrameOptions {
                from: Some(from),
                to: Some(to),
                extend: true,
            },
        )?
        .add(sim)?;
        let m = write_frame(
            &frame,
            out,
            &WriteOptions {
                command: super::command_line(),
                progress: std::io::stderr().is_terminal(),
            },
        )?;
        print(&format!(
            "wrote {} ({} rows; {}) and its manifest\n",
            out.display(),
            m.rows,
            m.columns[3..].join(",")
        ))?;
    }
    Ok(())
}

fn diff(
    g: &Global,
    opts: &SimilarityOptions,
    store: &entente_data::Store,
    years: (i32, i32),
) -> Result<()> {
    let mut with = Similarity::new(opts.clone(), super::record(g)?.into_owned());
    let mut without = Similarity::new(
        SimilarityOptions {
            hypothetical: Vec::new(),
            ..opts.clone()
        },
        super::record(g)?.into_owned(),
    );
    let (hy0, hy1) = opts
        .hypothetical
        .iter()
        .fold((i32::MAX, i32::MIN), |(l, h), t| {
            (l.min(t.years.0), h.max(t.years.1))
        });
    let span = (hy0.max(years.0), hy1.min(years.1));
    if span.0 > span.1 {
        bail!("--with: the hypothetical ties' years {hy0}–{hy1} are outside --from/--to");
    }
    with.prepare_with(Some(store), span)?;
    without.prepare_with(Some(store), span)?;
    let system = entente_frames::system::System::from_store(store, true)?;
    let mut parties: Vec<Ccode> = opts
        .hypothetical
        .iter()
        .flat_map(|h| h.parties.clone())
        .collect();
    parties.sort_unstable();
    parties.dedup();
    let mut t = Table::new();
    t.load_style(UTF8_BORDERS_ONLY)
        .set_header(vec!["year", "dyad", "measure", "before", "after", "change"]);
    let fmt = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_else(|| "NA".into());
    for y in span.0..=span.1 {
        let set = with.comparison_set(&system.year(y).states);
        let before = without.year_scores(y, &set);
        let after = with.year_scores(y, &set);
        let n = set.len();
        let idx = |c: Ccode| set.binary_search(&c).ok();
        // The parties with each other, then each party with the US, then the largest other changes.
        let mut dyads: Vec<(Ccode, Ccode)> = Vec::new();
        for (i, p) in parties.iter().enumerate() {
            for q in &parties[i + 1..] {
                dyads.push((*p, *q));
            }
        }
        for p in &parties {
            if *p != US {
                dyads.push((*p, US));
            }
        }
        let key_measure = opts
            .measures
            .iter()
            .position(|m| *m == Measure::KappaVa)
            .unwrap_or(0);
        let mut others: Vec<(f64, Ccode, Ccode)> = Vec::new();
        for p in &parties {
            let Some(i) = idx(*p) else { continue };
            for (j, c) in set.iter().enumerate() {
                if parties.contains(c) || *c == US {
                    continue;
                }
                let d = match (
                    before[key_measure][i * n + j],
                    after[key_measure][i * n + j],
                ) {
                    (Some(b), Some(a)) => (a - b).abs(),
                    _ => 0.0,
                };
                if d > 0.0 {
                    others.push((d, *p, *c));
                }
            }
        }
        others.sort_by(|x, y| y.0.total_cmp(&x.0));
        dyads.extend(others.iter().take(8).map(|(_, p, c)| (*p, *c)));
        for (p, q) in dyads {
            let (Some(i), Some(j)) = (idx(p), idx(q)) else {
                continue;
            };
            for (mi, m) in opts.measures.iter().enumerate() {
                let (b, a2) = (before[mi][i * n + j], after[mi][i * n + j]);
                let change = match (b, a2) {
                    (Some(b), Some(a2)) => a2 - b,
                    _ => 0.0,
                };
                if change.abs() < 1e-12 && !matches!(m, Measure::KappaVa | Measure::SrsVaa) {
                    continue;
                }
                t.add_row(vec![
                    y.to_string(),
                    format!("{}–{}", iso(p), iso(q)),
                    m.name().to_string(),
                    fmt(b),
                    fmt(a2),
                    format!("{change:+.4}"),
                ]);
            }
        }
    }
    print(&format!(
        "What the hypothetical ties change ({} portfolios; the parties with each other and with the US, then the largest other changes in kappava):\n{t}\n",
        opts.source.name()
    ))
}
