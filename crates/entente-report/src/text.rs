//! The brief as a terminal report.

use crate::brief::{Brief, TieLine};
use std::fmt::Write as _;

const WIDTH: usize = 100;

fn wrap(out: &mut String, indent: &str, words: &[String]) {
    let mut line = String::from(indent);
    for w in words {
        if line.len() + w.len() + 1 > WIDTH && !line.trim().is_empty() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        line.push_str(w);
        line.push(' ');
    }
    if !line.trim().is_empty() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn period(t: &TieLine) -> String {
    match t.end {
        Some(e) => format!("{}–{}", t.start, e),
        None => format!("since {}", t.start),
    }
}

fn heading(out: &mut String, s: &str) {
    let _ = writeln!(out, "\n{s}\n{}", "─".repeat(s.chars().count()));
}

/// Renders the brief as plain text for a terminal.
pub fn render_text(b: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "ENTENTE BRIEF {} — the US alliance systems in Europe and East Asia & Pacific, and the ties between them",
        b.year
    );
    let _ = writeln!(
        out,
        "From the curated record ({}, {} records, {} sources, sha256 {}…). `entente cite` lists them.",
        b.record.origin,
        b.record.records,
        b.record.sources,
        &b.record.sha256[..12.min(b.record.sha256.len())]
    );

    heading(&mut out, "1. Europe: NATO, a multilateral alliance");
    match &b.nato {
        Some(n) => {
            let _ = writeln!(
                out,
                "{} members in {} ({} allied pairs, every pair bound by the same treaty).",
                n.members.len(),
                b.year,
                n.members.len() * n.members.len().saturating_sub(1) / 2
            );
            let codes: Vec<String> = n.members.iter().map(|m| m.iso3.clone()).collect();
            wrap(&mut out, "  ", &codes);
            if !n.joined_recently.is_empty() {
                let j: Vec<String> = n
                    .joined_recently
                    .iter()
                    .map(|(s, d)| format!("{} ({d})", s.name))
                    .collect();
                let _ = writeln!(
                    out,
                    "  Joined {}–{}: {}.",
                    b.changes.from,
                    b.year,
                    j.join(", ")
                );
            }
        }
        None => {
            let _ = writeln!(out, "NATO is not in force in {} in this record.", b.year);
        }
    }

    heading(
        &mut out,
        "2. East Asia & Pacific: the US hub and its spokes",
    );
    let h = &b.hub_spoke;
    if h.treaties.is_empty() {
        let _ = writeln!(
            out,
            "No US defence treaty with an East Asia & Pacific state in {}.",
            b.year
        );
    } else {
        for t in &h.treaties {
            let _ = writeln!(
                out,
                "  {:<60} {:<16} {}",
                truncate(&t.name, 60),
                t.parties.join("–"),
                period(t)
            );
        }
        let names: Vec<String> = h.allies.iter().map(|a| a.iso3.clone()).collect();
        let _ = writeln!(
            out,
            "{} US treaty allies ({}): {} of their {} pairs have a treaty of their own{}.",
            h.allies.len(),
            names.join(", "),
            h.direct_pairs.len(),
            h.pairs,
            if h.direct_pairs.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    h.direct_pairs
                        .iter()
                        .map(|(a, b)| format!("{a}–{b}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
        let hub_only = h.pairs.saturating_sub(h.direct_pairs.len());
        let _ = writeln!(
            out,
            "  Hub-and-spoke: {hub_only} of the {} pairs of these allies have no defence treaty of their own, \
             so are linked by treaty only through Washington (a count of spoke pairs in the curated record).",
            h.pairs
        );
        if let Some(n) = &b.network {
            let f = |v: Option<f64>, d: usize| v.map_or("NA".to_string(), |x| format!("{x:.d$}"));
            let _ = writeln!(
                out,
                "  Between NATO and these allies ({}; docs/networks.md):",
                n.source
            );
            let _ = writeln!(
                out,
                "    hub_dependence_treaty {}: share of the connected NATO × East Asian ally pairs linked by defence treaties only through the US (1 = hub-and-spoke).",
                f(n.hub_dependence_treaty, 2)
            );
            let _ = writeln!(
                out,
                "    us_brokerage {} (weighted {}): the US's mean share of the shortest paths between them over every tie ({} pairs connected, {} with no path, left out).",
                f(n.us_brokerage, 3),
                f(n.us_brokerage_weighted, 3),
                n.us_brokerage_connected,
                n.us_brokerage_disconnected
            );
            let _ = writeln!(
                out,
                "    cross_tie_strength {}: weighted density of their direct ties (a treaty 1, a bilateral agreement 0.5, multilateral 0.25, a framework or exercise 0.1; at most 1 a pair).",
                f(n.cross_tie_strength, 3)
            );
            let _ = writeln!(
                out,
                "    hub_dependence {} counts a path through any state, so one third state tying the blocks takes it to 0.",
                f(n.hub_dependence, 2)
            );
        }
        for s in &h.suspensions {
            let _ = writeln!(out, "  Note: {s}.");
        }
    }

    heading(&mut out, "3. Ties between Europe and East Asia & Pacific");
    if b.cross.is_empty() {
        let _ = writeln!(out, "None in force in {}.", b.year);
    } else {
        let n = &b.cross_counts;
        let _ = writeln!(
            out,
            "{} records ({} bilateral, {} multilateral, {} frameworks) tie {} distinct European–East Asian pairs in {} \
             ({} without the frameworks; {} record–pair links, a framework counting once per member–partner pair):",
            n.records,
            n.bilateral,
            n.multilateral,
            n.frameworks,
            n.distinct_pairs,
            b.year,
            n.distinct_pairs_excluding_frameworks,
            n.record_pairs
        );
        let mut kinds: Vec<(entente_core::TieKind, usize)> = Vec::new();
        for c in &b.cross {
            match kinds.iter_mut().find(|(k, _)| *k == c.tie.kind) {
                Some(e) => e.1 += 1,
                None => kinds.push((c.tie.kind, 1)),
            }
        }
        kinds.sort();
        let by_kind: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{n} {}", k.label()))
            .collect();
        let _ = writeln!(out, "  by kind: {}", by_kind.join("; "));
        for c in &b.cross {
            let shown: Vec<String> = c
                .pairs
                .iter()
                .take(6)
                .map(|(a, e)| format!("{a}–{e}"))
                .collect();
            let more = if c.pairs.len() > 6 {
                format!(" +{} more", c.pairs.len() - 6)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {:<52} {:<26} {:<12} {}{}",
                truncate(&c.tie.name, 52),
                c.tie.kind.label(),
                c.tie.scope.name(),
                shown.join(" "),
                more
            );
        }
    }

    heading(
        &mut out,
        "4. The challengers' alignment (China, Russia, North Korea)",
    );
    if b.challenger_ties.is_empty() {
        let _ = writeln!(
            out,
            "No treaty or partnership among the challengers in force in {}.",
            b.year
        );
    }
    for t in &b.challenger_ties {
        let _ = writeln!(
            out,
            "  {:<62} {:<14} {}",
            truncate(&t.name, 62),
            t.parties.join("–"),
            period(t)
        );
    }
    if b.challenger_exercises.is_empty() {
        let _ = writeln!(out, "No joint exercise or patrol recorded in {}.", b.year);
    } else {
        let _ = writeln!(out, "Joint exercises and patrols in {}:", b.year);
        for t in &b.challenger_exercises {
            let _ = writeln!(out, "  {}  {}", t.start, t.name);
        }
    }

    let c = &b.changes;
    heading(&mut out, &format!("5. What changed, {}–{}", c.from, c.to));
    let series = |v: &[(i32, usize)]| {
        v.iter()
            .map(|(y, n)| format!("{y}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "European–East Asian pairs tied, by year: {}",
        series(&c.interregional_pairs_by_year)
    );
    let _ = writeln!(
        out,
        "Challengers' joint exercises and patrols started, by year: {}",
        series(&c.challenger_exercises_by_year)
    );
    if !c.accessions.is_empty() {
        let j: Vec<String> = c
            .accessions
            .iter()
            .map(|(s, d)| format!("{} {d}", s.iso3))
            .collect();
        let _ = writeln!(out, "NATO accessions: {}", j.join(", "));
    }
    if !c.new_treaties.is_empty() {
        let _ = writeln!(out, "New defence treaties:");
        for t in &c.new_treaties {
            let _ = writeln!(out, "  {}  {} ({})", t.start, t.name, t.parties.join("–"));
        }
    }
    let new_ir: Vec<&TieLine> = c
        .new_interregional
        .iter()
        .filter(|t| t.kind != entente_core::TieKind::Exercise)
        .collect();
    let new_ex = c.new_interregional.len() - new_ir.len();
    let _ = writeln!(
        out,
        "New interregional ties: {} agreements, partnerships and programmes, and {} exercises.",
        new_ir.len(),
        new_ex
    );
    for t in new_ir {
        let _ = writeln!(
            out,
            "  {}  {:<60} {}",
            t.start,
            truncate(&t.name, 60),
            t.kind.label()
        );
    }
    if !c.ended.is_empty() {
        let _ = writeln!(out, "Ended:");
        for t in &c.ended {
            let _ = writeln!(
                out,
                "  {}  {}",
                t.end.map(|e| e.to_string()).unwrap_or_default(),
                t.name
            );
        }
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
