//! The brief as a self-contained, offline HTML report: inline CSS and SVG, no scripts, no CDN. The
//! caller supplies the charts (SVG strings) and the citations; this module lays out the page and draws
//! the network diagram of the year from the curated record.

use crate::brief::Brief;
use entente_core::{Ccode, Group, Region, StateInfo, CHALLENGERS, US};
use entente_curated::CuratedRecord;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A figure: a title, an SVG, and the sources it rests on.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The title.
    pub title: String,
    /// The SVG markup.
    pub svg: String,
    /// Its sources, one line.
    pub source: String,
}

/// A row of the opportunities table.
#[derive(Debug, Clone)]
pub struct OpportunityRow {
    /// Rank.
    pub rank: usize,
    /// "POL–KOR".
    pub pair: String,
    /// Score.
    pub score: f64,
    /// The rationale.
    pub rationale: String,
}

/// What the report shows beyond the brief itself.
#[derive(Debug, Clone, Default)]
pub struct ReportParts {
    /// Figures of measures over time (interregional measures, Sino-Russian alignment…).
    pub trends: Vec<Figure>,
    /// The top opportunities.
    pub opportunities: Vec<OpportunityRow>,
    /// The sources of the opportunities table.
    pub opportunities_source: String,
    /// A baseline simulation figure.
    pub simulation: Option<Figure>,
    /// Citations, one per line.
    pub citations: Vec<String>,
    /// The manifest of inputs: every file read, with its version, sha256 and coverage.
    pub inputs: Vec<entente_core::DatasetProvenance>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const COLOR_US: &str = "#1f4e9c";
const COLOR_EU: &str = "#2a9d8f";
const COLOR_EAP: &str = "#e76f51";
const COLOR_CH: &str = "#b5179e";

/// The network of the year as SVG: the US, NATO's members, the East Asia & Pacific states tied to the US
/// or to Europe, and the challengers, each in its own colour; NATO drawn as a faint web (every pair bound
/// by one treaty), the US spokes in Asia, the ties across the regions, and the challengers' ties.
pub fn network_svg(rec: &CuratedRecord, year: i32) -> String {
    let europe = Group::Region(Region::Europe);
    let eap = Group::Region(Region::EastAsiaPacific);
    let nato: Vec<Ccode> = rec
        .nato_members(year)
        .into_iter()
        .filter(|c| *c != US)
        .collect();
    let allies = rec.east_asian_allies(year);
    let cross = rec.cross_ties(europe, eap, Some(year));
    let mut asia: BTreeSet<Ccode> = allies.iter().copied().collect();
    asia.extend(cross.iter().map(|c| c.b));
    let mut others: BTreeSet<Ccode> = cross
        .iter()
        .map(|c| c.a)
        .filter(|c| !nato.contains(c))
        .collect();
    let ch_ties: Vec<(Ccode, Ccode)> = rec
        .active_in_year(year)
        .flat_map(|t| t.pairs_in_year(year))
        .filter(|(a, b)| CHALLENGERS.contains(a) && CHALLENGERS.contains(b))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut pos: std::collections::HashMap<Ccode, (f64, f64)> = std::collections::HashMap::new();
    pos.insert(US, (500.0, 70.0));
    let arc = |n: usize, cx: f64, cy: f64, rx: f64, ry: f64, from: f64, to: f64, i: usize| {
        let t = from + (to - from) * (i as f64 + 0.5) / n.max(1) as f64;
        (cx + rx * t.cos(), cy + ry * t.sin())
    };
    let pi = std::f64::consts::PI;
    for (i, c) in nato.iter().enumerate() {
        pos.insert(
            *c,
            arc(
                nato.len(),
                250.0,
                340.0,
                190.0,
                230.0,
                pi / 2.0,
                1.5 * pi,
                i,
            ),
        );
    }
    let asia: Vec<Ccode> = asia.into_iter().collect();
    for (i, c) in asia.iter().enumerate() {
        pos.insert(
            *c,
            arc(
                asia.len(),
                760.0,
                320.0,
                170.0,
                220.0,
                -pi / 2.0,
                pi / 2.0,
                i,
            ),
        );
    }
    others.retain(|c| !pos.contains_key(c));
    for (i, c) in others.iter().enumerate() {
        pos.insert(
            *c,
            (
                26.0,
                430.0 + 180.0 * i as f64 / (others.len().max(2) - 1) as f64,
            ),
        );
    }
    for (i, c) in [Ccode(710), Ccode(365), Ccode(731)].iter().enumerate() {
        pos.insert(*c, (420.0 + 80.0 * i as f64, 590.0));
    }
    let mut s = String::from(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 640" role="img" aria-label="The alliance network" font-family="sans-serif">"#,
    );
    let line = |s: &mut String, a: Ccode, b: Ccode, color: &str, w: f64, op: f64, title: &str| {
        if let (Some(p), Some(q)) = (pos.get(&a), pos.get(&b)) {
            let _ = write!(
                s,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="{w}" stroke-opacity="{op}"><title>{}</title></line>"#,
                p.0,
                p.1,
                q.0,
                q.1,
                esc(title)
            );
        }
    };
    for (i, a) in nato.iter().enumerate() {
        for b in &nato[i + 1..] {
            line(&mut s, *a, *b, COLOR_EU, 0.6, 0.12, "NATO");
        }
    }
    for c in &allies {
        line(&mut s, US, *c, COLOR_US, 2.2, 0.8, "US defence treaty");
    }
    for c in &cross {
        line(&mut s, c.a, c.b, "#8ab17d", 1.0, 0.45, &c.tie.name);
    }
    for (a, b) in &ch_ties {
        line(&mut s, *a, *b, COLOR_CH, 1.8, 0.7, "challengers' tie");
    }
    for (c, (x, y)) in &pos {
        let color = if *c == US {
            COLOR_US
        } else if CHALLENGERS.contains(c) {
            COLOR_CH
        } else if nato.contains(c) || europe.contains(*c) {
            COLOR_EU
        } else if eap.contains(*c) {
            COLOR_EAP
        } else {
            "#8d99ae"
        };
        let st = StateInfo::get(*c);
        let code = st.map(|s| s.code()).unwrap_or("?");
        let name = st.map(|s| s.name).unwrap_or("?");
        let r = if *c == US { 13 } else { 8 };
        let _ = write!(
            s,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{color}" stroke="#fff" stroke-width="1.5"><title>{}</title></circle><text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#333">{code}</text>"##,
            esc(name),
            y - 11.0
        );
    }
    let _ = write!(
        s,
        r##"<text x="40" y="28" font-size="13" font-weight="600" fill="#555">Europe: NATO ({})</text><text x="700" y="28" font-size="13" font-weight="600" fill="#555">East Asia &amp; Pacific</text><text x="420" y="632" font-size="13" font-weight="600" fill="#555">Challengers</text></svg>"##,
        nato.len() + 1
    );
    s
}

const CSS: &str = "body{font:15px/1.5 system-ui,sans-serif;color:#1d2330;max-width:1040px;margin:24px auto;padding:0 16px}h1{font-size:26px;margin-bottom:4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}svg{width:100%;height:auto;border:1px solid #e5e5e0;background:#fff}.src{color:#6b7280;font-size:12px}table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}th{background:#f4f4f0}pre{white-space:pre-wrap;background:#f7f7f4;padding:12px;font-size:12px}.legend span{display:inline-block;margin-right:14px}.dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}.manifest code{font-size:11px;word-break:break-all}";

/// The report page.
pub fn render_html(rec: &CuratedRecord, brief: &Brief, parts: &ReportParts) -> String {
    let mut h = String::new();
    let y = brief.year;
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Entente brief {y}</title><style>{CSS}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>Entente brief {y}</h1><p>The US alliance systems in Europe and East Asia &amp; Pacific, the ties between them, and the challengers' alignment. Generated by Entente {} from the curated record ({} records, sha256 {}…) and the standard datasets listed at the end.</p>",
        env!("CARGO_PKG_VERSION"),
        brief.record.records,
        &brief.record.sha256[..12.min(brief.record.sha256.len())]
    );
    let _ = write!(
        h,
        "<h2>The two alliance systems and the ties between them</h2>{}",
        network_svg(rec, y)
    );
    let _ = write!(
        h,
        "<p class=\"legend\"><span><i class=\"dot\" style=\"background:{COLOR_US}\"></i>United States</span><span><i class=\"dot\" style=\"background:{COLOR_EU}\"></i>European allies (NATO)</span><span><i class=\"dot\" style=\"background:{COLOR_EAP}\"></i>East Asia &amp; Pacific allies and partners</span><span><i class=\"dot\" style=\"background:{COLOR_CH}\"></i>Challengers</span></p><p class=\"src\">Source: Entente's curated record (docs/curated.md): NATO's membership, the US treaties, the ties across the regions and the challengers' ties in force in {y}.</p>"
    );
    let _ = write!(
        h,
        "<h2>The brief</h2><pre>{}</pre>",
        esc(&crate::render_text(brief))
    );
    if !parts.trends.is_empty() {
        h.push_str("<h2>Over time</h2>");
        for f in &parts.trends {
            let _ = write!(
                h,
                "<h3>{}</h3>{}<p class=\"src\">Source: {}</p>",
                esc(&f.title),
                f.svg,
                esc(&f.source)
            );
        }
    }
    if !parts.opportunities.is_empty() {
        h.push_str("<h2>Opportunities</h2><table><tr><th>#</th><th>Pair</th><th>Score</th><th>Why</th></tr>");
        for o in &parts.opportunities {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{:.3}</td><td>{}</td></tr>",
                o.rank,
                esc(&o.pair),
                o.score,
                esc(&o.rationale)
            );
        }
        let _ = write!(
            h,
            "</table><p class=\"src\">Source: {}</p>",
            esc(&parts.opportunities_source)
        );
    }
    if let Some(f) = &parts.simulation {
        let _ = write!(
            h,
            "<h2>{}</h2>{}<p class=\"src\">Source: {}</p>",
            esc(&f.title),
            f.svg,
            esc(&f.source)
        );
    }
    // The manifest of inputs, then the citations: the report ends with its references.
    h.push_str("<h2>Manifest of inputs</h2>");
    if parts.inputs.is_empty() {
        h.push_str("<p>No dataset file was read: every figure comes from the curated record (sha256 above).</p>");
    } else {
        h.push_str("<table class=\"manifest\"><tr><th>dataset</th><th>version</th><th>coverage</th><th>file</th><th>sha256</th><th>known release</th></tr>");
        for p in &parts.inputs {
            let file = std::path::Path::new(&p.path)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.path.clone());
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}–{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                esc(&p.dataset),
                esc(&p.version),
                p.coverage.0,
                p.coverage.1,
                esc(&file),
                esc(&p.sha256),
                if p.known_release { "yes" } else { "no" }
            );
        }
        h.push_str("</table>");
    }
    h.push_str("<h2>Citations</h2><ul>");
    for c in &parts.citations {
        let _ = write!(h, "<li>{}</li>", esc(c));
    }
    h.push_str("</ul>");
    h.push_str("</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_self_contained_and_names_its_sources() {
        let rec = CuratedRecord::embedded().unwrap();
        let b = Brief::build(rec, 2024).unwrap();
        let parts = ReportParts {
            citations: vec!["Kim & Simón 2021 <test>".into()],
            ..Default::default()
        };
        let html = render_html(rec, &b, &parts);
        assert!(html.starts_with("<!doctype html>"));
        assert!(
            !html.contains("<script") && !html.contains("http://cdn") && !html.contains("<link")
        );
        assert!(html.contains("<svg") && html.contains("Europe: NATO (32)"));
        assert!(
            html.contains("Kim &amp; Simón 2021 &lt;test&gt;"),
            "escaped citations"
        );
        assert!(html.matches("class=\"src\"").count() >= 1);
        let tail = &html[html.rfind("<h2>").unwrap()..];
        assert!(
            tail.starts_with("<h2>Citations</h2>"),
            "ends with the citations"
        );
    }
}
