//! The network figure of a year: the two alliance systems, the ties between them and the challengers,
//! drawn so that it can be read. NATO is one box (its members inside), tied to the US by one line; a
//! framework (NATO's or the EU's partnership with an Asian state) is one line from the organisation; a
//! multilateral record (FPDA, RIMPAC, AUKUS, the F-35 programme) is one diamond joined to its members;
//! bilateral ties are lines coloured by kind; the three challengers sit on a triangle so that each of
//! their ties shows. Labels are placed clear of each other ([`entente_style::chart::labels`]).

use super::network_parts::{iso, name, rank, short, tie_category};
use entente_core::{Ccode, Group, Region, Tie, TieScope, CHALLENGERS, US};
use entente_curated::CuratedRecord;
use entente_style::chart::labels::{place, Anchor, Rect};
use entente_style::chart::{esc, legend, Entry, Mark};
use entente_style::{size, NodeCategory, TieCategory, INK, MUTED, PAPER};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

const W: f64 = 680.0;
const EUROPE: Group = Group::Region(Region::Europe);
const EAP: Group = Group::Region(Region::EastAsiaPacific);

struct Node {
    x: f64,
    y: f64,
    r: f64,
    colour: &'static str,
    label: String,
    title: String,
    diamond: bool,
}

struct Line {
    a: (f64, f64),
    b: (f64, f64),
    cat: TieCategory,
    width: f64,
    title: String,
}

/// The figure as inline SVG at its natural width (680 px).
pub fn network_figure(rec: &CuratedRecord, year: i32) -> String {
    let nato: Vec<Ccode> = rec
        .nato_members(year)
        .into_iter()
        .filter(|c| *c != US)
        .collect();
    let treaty_allies: BTreeSet<Ccode> = rec.east_asian_allies(year).into_iter().collect();
    let cross = rec.cross_ties(EUROPE, EAP, Some(year));

    // Cross degree of each European state (for placing the busiest near the Asian side).
    let mut degree: BTreeMap<Ccode, usize> = BTreeMap::new();
    let mut asia: BTreeSet<Ccode> = treaty_allies.clone();
    let mut eu_partners: BTreeSet<Ccode> = BTreeSet::new();
    let mut bilateral: BTreeMap<(Ccode, Ccode), (TieCategory, Vec<String>)> = BTreeMap::new();
    let mut frameworks: BTreeMap<(&'static str, Ccode), Vec<String>> = BTreeMap::new();
    let mut multi: BTreeMap<String, (&Tie, BTreeSet<Ccode>)> = BTreeMap::new();
    for ct in &cross {
        asia.insert(ct.b);
        match ct.tie.scope() {
            TieScope::Framework => {
                let org = if ct.tie.tags.iter().any(|t| t == "nato-partner") {
                    "NATO"
                } else {
                    "EU"
                };
                let v = frameworks.entry((org, ct.b)).or_default();
                if !v.contains(&ct.tie.name) {
                    v.push(ct.tie.name.clone());
                }
            }
            TieScope::Multilateral => {
                let e = multi
                    .entry(ct.tie.id.clone())
                    .or_insert_with(|| (ct.tie, BTreeSet::new()));
                e.1.insert(ct.a);
                e.1.insert(ct.b);
                *degree.entry(ct.a).or_default() += 1;
                if !nato.contains(&ct.a) {
                    eu_partners.insert(ct.a);
                }
            }
            TieScope::Bilateral => {
                let cat = tie_category(ct.tie);
                let e = bilateral.entry((ct.a, ct.b)).or_insert((cat, Vec::new()));
                if rank(cat) < rank(e.0) {
                    e.0 = cat;
                }
                e.1.push(ct.tie.name.clone());
                *degree.entry(ct.a).or_default() += 1;
                if !nato.contains(&ct.a) {
                    eu_partners.insert(ct.a);
                }
            }
        }
    }
    // Members of multilateral records among the US and the states drawn (the US's own spokes too).
    for t in rec.active_in_year(year) {
        if let Some(e) = multi.get_mut(&t.id) {
            for (_, c) in t.members_in_year(year) {
                if c == US || EAP.contains(c) || EUROPE.contains(c) {
                    e.1.insert(c);
                }
            }
        }
    }
    let ch_pairs: BTreeMap<(Ccode, Ccode), (TieCategory, Vec<String>)> = {
        let mut m: BTreeMap<(Ccode, Ccode), (TieCategory, Vec<String>)> = BTreeMap::new();
        for t in rec.active_in_year(year) {
            for (a, b) in t.pairs_in_year(year) {
                if CHALLENGERS.contains(&a) && CHALLENGERS.contains(&b) {
                    let key = (a.min(b), a.max(b));
                    let cat = tie_category(t);
                    let e = m.entry(key).or_insert((cat, Vec::new()));
                    if rank(cat) < rank(e.0) {
                        e.0 = cat;
                    }
                    e.1.push(t.name.clone());
                }
            }
        }
        m
    };
    asia.retain(|c| !CHALLENGERS.contains(c));

    let mut nodes: BTreeMap<Ccode, Node> = BTreeMap::new();
    let colour = |c: NodeCategory| c.swatch().hex;
    let state_node = |c: Ccode, x: f64, y: f64, cat: NodeCategory, r: f64| Node {
        x,
        y,
        r,
        colour: colour(cat),
        label: iso(c),
        title: name(c),
        diamond: false,
    };
    nodes.insert(US, state_node(US, W / 2.0, 46.0, NodeCategory::Us, 11.0));

    // NATO's box: the members tied across the regions in a column at its right-hand edge (labels
    // to their left, so their lines leave the box without crossing a label), the others in a grid.
    let (tied, untied): (Vec<Ccode>, Vec<Ccode>) = {
        let mut m = nato.clone();
        m.sort_by_key(|c| iso(*c));
        m.into_iter()
            .partition(|c| degree.get(c).copied().unwrap_or(0) > 0)
    };
    let cols = 3usize;
    let rows = untied.len().div_ceil(cols).max(tied.len()).max(1);
    let (bx, by, cw, ch) = (8.0, 104.0, 62.0, 24.0);
    let box_h = 34.0 + rows as f64 * ch;
    let box_w = cols as f64 * cw + 86.0;
    let mut fixed_labels: Vec<(f64, f64, &'static str, String)> = Vec::new();
    for (i, c) in untied.iter().enumerate() {
        let (col, row) = (i % cols, i / cols);
        let x = bx + 16.0 + col as f64 * cw;
        let y = by + 36.0 + row as f64 * ch;
        nodes.insert(*c, state_node(*c, x, y, NodeCategory::NatoAlly, 6.0));
        fixed_labels.push((x + 10.0, y + size::TICK * 0.36, "start", iso(*c)));
    }
    let tied_rows = tied.len().max(1) as f64;
    for (i, c) in tied.iter().enumerate() {
        let x = bx + box_w - 14.0;
        let y = by + 36.0 + (rows as f64 - 1.0) * ch * (i as f64 + 0.5) / tied_rows;
        nodes.insert(*c, state_node(*c, x, y, NodeCategory::NatoAlly, 6.0));
        fixed_labels.push((x - 10.0, y + size::TICK * 0.36, "end", iso(*c)));
    }
    let nato_anchor = (bx + box_w, by + 14.0);

    // European partners outside NATO, then the EU (one node for its partnership frameworks), under
    // the right-hand column of NATO's box, so that their lines leave towards Asia without crossing it.
    let eu_present = frameworks.keys().any(|(o, _)| *o == "EU");
    let ep: Vec<Ccode> = eu_partners
        .iter()
        .copied()
        .filter(|c| !nodes.contains_key(c))
        .collect();
    let col_x = bx + box_w - 14.0;
    let mut y_eu = by + box_h + 20.0;
    for c in &ep {
        nodes.insert(
            *c,
            state_node(*c, col_x, y_eu, NodeCategory::EuropeanPartner, 6.0),
        );
        fixed_labels.push((col_x - 10.0, y_eu + size::TICK * 0.36, "end", iso(*c)));
        y_eu += ch;
    }
    let eu_pos = (col_x, y_eu);
    if eu_present {
        fixed_labels.push((col_x - 10.0, y_eu + size::TICK * 0.36, "end", "EU".into()));
        y_eu += ch;
    }

    // East Asia & Pacific: treaty allies, then partners, in two columns on the right.
    let allies: Vec<Ccode> = asia
        .iter()
        .copied()
        .filter(|c| treaty_allies.contains(c))
        .collect();
    let partners: Vec<Ccode> = asia
        .iter()
        .copied()
        .filter(|c| !treaty_allies.contains(c))
        .collect();
    let top = 120.0;
    let span = (by + box_h - top).max(200.0);
    for (i, c) in allies.iter().enumerate() {
        let y = top + span * (i as f64 + 0.5) / allies.len().max(1) as f64;
        nodes.insert(
            *c,
            state_node(*c, 560.0, y, NodeCategory::EapTreatyAlly, 8.0),
        );
    }
    for (i, c) in partners.iter().enumerate() {
        let y = top + span * (i as f64 + 0.5) / partners.len().max(1) as f64;
        nodes.insert(
            *c,
            state_node(*c, 636.0, y, NodeCategory::IndoPacificPartner, 6.0),
        );
    }

    // Multilateral records: diamonds in the middle column.
    let mut multis: Vec<(&Tie, BTreeSet<Ccode>)> = multi.into_values().collect();
    multis.sort_by_key(|(t, m)| (std::cmp::Reverse(m.len()), t.name.clone()));
    let mut diamonds: Vec<Node> = Vec::new();
    let mspan = span;
    for (i, (t, m)) in multis.iter().enumerate() {
        let ncols = if multis.len() > 12 { 2 } else { 1 };
        let (col, row) = (i % ncols, i / ncols);
        let per_col = multis.len().div_ceil(ncols).max(1);
        let y = top + mspan * (row as f64 + 0.5) / per_col as f64;
        let x = if ncols == 1 {
            425.0
        } else if col == 0 {
            395.0
        } else {
            475.0
        };
        diamonds.push(Node {
            x,
            y,
            r: 7.0,
            colour: TieCategory::Framework.swatch().hex,
            label: short(&t.name),
            title: format!("{} ({} of the states drawn)", t.name, m.len()),
            diamond: true,
        });
    }

    // Challengers on a triangle, below.
    let cy = y_eu.max(by + box_h + 40.0) + 70.0;
    let tri = [
        (Ccode(365), W / 2.0 - 110.0, cy),
        (Ccode(710), W / 2.0 + 110.0, cy),
        (Ccode(731), W / 2.0, cy + 70.0),
    ];
    for (c, x, y) in tri {
        nodes.insert(c, state_node(c, x, y, NodeCategory::Challenger, 9.0));
    }
    let fig_bottom = cy + 100.0;

    // Lines.
    let pos = |c: &Ccode| nodes.get(c).map(|n| (n.x, n.y));
    let mut lines: Vec<Line> = Vec::new();
    if let Some(u) = pos(&US) {
        lines.push(Line {
            a: u,
            b: (bx + box_w / 2.0, by),
            cat: TieCategory::DefenceTreaty,
            width: 5.0,
            title: "The North Atlantic Treaty: the US and every NATO ally".into(),
        });
        for c in &allies {
            if let Some(p) = pos(c) {
                lines.push(Line {
                    a: u,
                    b: p,
                    cat: TieCategory::DefenceTreaty,
                    width: 3.0,
                    title: format!("US defence treaty with {}", name(*c)),
                });
            }
        }
    }
    for ((org, c), names) in &frameworks {
        let from = if *org == "NATO" {
            Some(nato_anchor)
        } else {
            Some(eu_pos)
        };
        if let (Some(a), Some(b)) = (from, pos(c)) {
            lines.push(Line {
                a,
                b,
                cat: TieCategory::Framework,
                width: 3.0,
                title: format!("{org} and {}: {}", name(*c), names.join("; ")),
            });
        }
    }
    for ((a, b), (cat, names)) in &bilateral {
        if let (Some(p), Some(q)) = (pos(a), pos(b)) {
            lines.push(Line {
                a: p,
                b: q,
                cat: *cat,
                width: 1.6,
                title: format!("{}–{}: {}", name(*a), name(*b), names.join("; ")),
            });
        }
    }
    for (d, (t, m)) in diamonds.iter().zip(&multis) {
        for c in m {
            let p = pos(c);
            if let Some(p) = p {
                lines.push(Line {
                    a: (d.x, d.y),
                    b: p,
                    cat: tie_category(t),
                    width: 1.2,
                    title: format!("{}: {}", t.name, name(*c)),
                });
            }
        }
    }
    for ((a, b), (cat, names)) in &ch_pairs {
        if let (Some(p), Some(q)) = (pos(a), pos(b)) {
            lines.push(Line {
                a: p,
                b: q,
                cat: *cat,
                width: 3.0,
                title: format!("{}–{}: {}", name(*a), name(*b), names.join("; ")),
            });
        }
    }
    // Dedup the box-edge spokes (several NATO members of one record meet at one point).
    let mut seen = BTreeSet::new();
    lines.retain(|l| {
        seen.insert((
            (l.a.0 * 10.0) as i64,
            (l.a.1 * 10.0) as i64,
            (l.b.0 * 10.0) as i64,
            (l.b.1 * 10.0) as i64,
        ))
    });

    // Legend: the node categories and tie kinds drawn.
    let mut cats: Vec<NodeCategory> = vec![NodeCategory::Us, NodeCategory::NatoAlly];
    if !ep.is_empty() {
        cats.push(NodeCategory::EuropeanPartner);
    }
    cats.push(NodeCategory::EapTreatyAlly);
    if !partners.is_empty() {
        cats.push(NodeCategory::IndoPacificPartner);
    }
    cats.push(NodeCategory::Challenger);
    let mut entries: Vec<Entry> = cats
        .iter()
        .map(|c| Entry::new(c.swatch().label, c.swatch().hex, Mark::Dot))
        .collect();
    let drawn: BTreeSet<usize> = lines.iter().map(|l| rank(l.cat)).collect();
    for c in TieCategory::ALL {
        if drawn.contains(&rank(c)) {
            let label = if c == TieCategory::Framework {
                "Framework: NATO or EU partnership programme"
            } else {
                c.swatch().label
            };
            entries.push(Entry::new(
                label,
                c.swatch().hex,
                Mark::Line {
                    width: 3.0,
                    dashed: false,
                },
            ));
        }
    }
    if !diamonds.is_empty() {
        entries.push(Entry::new(
            "Multilateral treaty, programme or exercise (one node, lines to its parties)",
            TieCategory::Framework.swatch().hex,
            Mark::Diamond,
        ));
    }
    let (leg, leg_h) = legend(&entries, 8.0, fig_bottom + 8.0, W - 16.0);
    let height = fig_bottom + 16.0 + leg_h;

    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart network" width="{W}" height="{height:.0}" viewBox="0 0 {W} {height:.0}" role="img" aria-label="The US alliance systems in {year}: NATO, the US treaty allies in East Asia and the Pacific, the ties between them and the challengers" font-family="{}"><rect width="{W}" height="{height:.0}" fill="{PAPER}"/>"#,
        esc(entente_style::FONT_FAMILY)
    );
    // NATO's box and the headings.
    let _ = write!(
        s,
        r##"<rect x="{bx}" y="{by}" width="{box_w}" height="{box_h}" rx="8" fill="#eef5f3" stroke="{}" stroke-width="1.5"/><text x="{}" y="{}" font-size="{}" font-weight="600" fill="{INK}">NATO: {} allies with the US</text>"##,
        NodeCategory::NatoAlly.swatch().hex,
        bx + 10.0,
        by + 18.0,
        size::LABEL,
        nato.len() + 1
    );
    let head = |s: &mut String, x: f64, y: f64, anchor: &str, t: &str| {
        let _ = write!(
            s,
            r#"<text x="{x}" y="{y}" font-size="{}" font-weight="600" text-anchor="{anchor}" fill="{MUTED}">{}</text>"#,
            size::LABEL,
            esc(t)
        );
    };
    head(&mut s, bx, 90.0, "start", "Europe and North America");
    head(&mut s, W - 4.0, 90.0, "end", "East Asia & Pacific");
    if !diamonds.is_empty() {
        head(&mut s, 425.0, 90.0, "middle", "Multilateral");
    }
    head(&mut s, W / 2.0, cy - 34.0, "middle", "Challengers");
    if eu_present {
        let _ = write!(
            s,
            r##"<rect class="node" x="{:.1}" y="{:.1}" width="14" height="14" fill="{}"><title>The European Union (its partnership agreements)</title></rect>"##,
            eu_pos.0 - 7.0,
            eu_pos.1 - 7.0,
            TieCategory::Framework.swatch().hex
        );
    }

    for l in &lines {
        let c = l.cat.swatch().hex;
        let _ = write!(
            s,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{c}" stroke-width="{}" stroke-opacity="0.75"><title>{}</title></line>"#,
            l.a.0,
            l.a.1,
            l.b.0,
            l.b.1,
            l.width,
            esc(&l.title)
        );
    }
    let all: Vec<&Node> = nodes.values().chain(diamonds.iter()).collect();
    for n in &all {
        if n.diamond {
            let _ = write!(
                s,
                r##"<path class="node" d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{}" stroke="#fff" stroke-width="1.5"><title>{}</title></path>"##,
                n.y - n.r - 1.0,
                n.x + n.r + 1.0,
                n.y + n.r + 1.0,
                n.x - n.r - 1.0,
                n.colour,
                esc(&n.title),
                x = n.x,
                y = n.y
            );
        } else {
            let _ = write!(
                s,
                r##"<circle class="node" cx="{:.1}" cy="{:.1}" r="{}" fill="{}" stroke="#fff" stroke-width="1.5"><title>{}</title></circle>"##,
                n.x,
                n.y,
                n.r,
                n.colour,
                esc(&n.title)
            );
        }
    }
    // Labels: NATO's members at fixed places in the box; the others placed clear of each other,
    // the US and the challengers first.
    let label = |s: &mut String, x: f64, y: f64, anchor: &str, text: &str| {
        let _ = write!(
            s,
            r#"<text class="node-label" x="{x:.1}" y="{y:.1}" font-size="{}" text-anchor="{anchor}" fill="{INK}" stroke="{PAPER}" stroke-width="3" paint-order="stroke">{}</text>"#,
            size::TICK,
            esc(text)
        );
    };
    let mut obstacles = vec![Rect {
        x: bx,
        y: by,
        w: box_w,
        h: 24.0,
    }];
    for (x, y, anchor, text) in &fixed_labels {
        label(&mut s, *x, *y, anchor, text);
        let w = entente_style::chart::text_width(text, size::TICK);
        let left = if *anchor == "end" { x - w } else { *x };
        obstacles.push(Rect {
            x: left - 2.0,
            y: y - size::TICK,
            w: w + 4.0,
            h: size::TICK + 4.0,
        });
    }
    let mut order: Vec<&Node> = all
        .iter()
        .copied()
        .filter(|n| {
            !fixed_labels
                .iter()
                .any(|f| f.3 == n.label && n.x < bx + box_w)
        })
        .collect();
    order.sort_by_key(|n| (n.r < 9.0, n.diamond));
    let anchors: Vec<Anchor> = order
        .iter()
        .map(|n| Anchor {
            x: n.x,
            y: n.y,
            r: n.r + 1.0,
            text: n.label.clone(),
        })
        .collect();
    for (a, p) in anchors
        .iter()
        .zip(place(&anchors, size::TICK, W, fig_bottom, &obstacles))
    {
        label(&mut s, p.x, p.y, p.anchor, &a.text);
    }
    s.push_str(&leg);
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figure_draws_what_the_issue_asks() {
        let rec = CuratedRecord::embedded().unwrap();
        let svg = network_figure(rec, 2024);
        assert!(
            svg.contains("The North Atlantic Treaty: the US and every NATO ally"),
            "US–NATO tie"
        );
        // Non-NATO Europeans are partners, not allies.
        let partner = NodeCategory::EuropeanPartner.swatch().hex;
        for st in ["Ireland", "Austria"] {
            if let Some(i) = svg.find(&format!("<title>{st}</title>")) {
                let before = &svg[..i];
                let circle = &before[before.rfind("<circle").unwrap()..];
                assert!(circle.contains(partner), "{st} drawn as a partner");
            }
        }
        // All three challenger pairs are drawn.
        for pair in ["China–Russia", "China–North Korea", "Russia–North Korea"] {
            let (a, b) = pair.split_once('–').unwrap();
            assert!(
                svg.contains(&format!("<title>{a}–{b}"))
                    || svg.contains(&format!("<title>{b}–{a}")),
                "{pair}"
            );
        }
        // No framework is drawn as member–partner pair lines: at most one line per organisation and partner.
        let nato_japan = svg.matches("<title>NATO and Japan").count();
        assert_eq!(nato_japan, 1);
        assert!(
            svg.contains("Framework: NATO or EU partnership programme"),
            "edge legend"
        );
        // Every text at least 9 pt at the natural width.
        for part in svg.split("font-size=\"").skip(1) {
            let px: f64 = part.split('"').next().unwrap().parse().unwrap();
            assert!(px >= 12.0, "{px}");
        }
    }
}
