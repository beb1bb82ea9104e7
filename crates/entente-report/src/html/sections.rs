//! The report's sections, each written from the gathered data.

use crate::assemble::ReportData;
use crate::brief::TieLine;
use crate::charts::{self, Figure, Panel};
use crate::glossary::GLOSSARY;
use crate::sources::{Missing, CURATED};
use entente_core::TieKind;
use entente_curated::CuratedRecord;
use entente_style::chart::esc;
use std::fmt::Write as _;

fn figure(h: &mut String, f: &Figure) {
    let _ = write!(
        h,
        "<figure id=\"{}\" data-sources=\"{}\"><h3>{}</h3>{}<figcaption>{} <span class=\"src\">Source: {}.</span></figcaption></figure>",
        f.id,
        esc(&f.sources.join(" ")),
        esc(&f.title),
        f.svg,
        esc(&f.caption),
        esc(&f.source_line)
    );
}

/// The notice shown in place of numbers that need a dataset that was not read.
pub fn missing(h: &mut String, title: &str, m: &[Missing], data_dir: Option<&str>) {
    notice(h, &format!("{title}: not shown"), "It needs", m, data_dir);
}

fn notice(h: &mut String, head: &str, lead: &str, m: &[Missing], data_dir: Option<&str>) {
    let ids: Vec<&str> = m.iter().map(|x| x.id.as_str()).collect();
    let names: Vec<String> = m
        .iter()
        .map(|x| {
            format!(
                "{} (<code>{}</code>, for {})",
                esc(&x.name),
                esc(&x.id),
                esc(&x.feeds)
            )
        })
        .collect();
    let verb = if m.len() == 1 { "was" } else { "were" };
    let where_ = match data_dir {
        Some(d) => format!(
            "{verb} not found in the data directory <code>{}</code>",
            esc(d)
        ),
        None => format!("{verb} not read: no data directory was found"),
    };
    let _ = write!(
        h,
        "<div class=\"missing\" data-missing=\"{}\"><strong>{}</strong>{lead} {}, which {}. Get the datasets with <code>entente data fetch --only {}</code>, or point <code>ENTENTE_DATA</code> (or <code>--data-dir</code>) at a folder that has them, and write the report again.</div>",
        esc(&ids.join(" ")),
        esc(head),
        names.join(", "),
        where_,
        esc(&ids.join(","))
    );
}

fn kind(k: TieKind) -> &'static str {
    match k {
        TieKind::DefenceTreaty => "defence treaty",
        TieKind::DefenceCooperation => "defence cooperation",
        TieKind::AccessAgreement => "access agreement",
        TieKind::Partnership => "partnership",
        TieKind::Exercise => "exercise or patrol",
        TieKind::ArmsIndustrial => "arms programme",
        TieKind::ArmsDeal => "arms deal",
    }
}

fn parties(t: &TieLine) -> String {
    if t.parties.len() > 6 {
        format!("{} states", t.parties.len())
    } else {
        t.parties
            .iter()
            .map(|p| {
                entente_core::StateInfo::all()
                    .iter()
                    .find(|s| s.iso3 == Some(p.as_str()))
                    .map_or_else(|| p.clone(), |s| s.name.to_string())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn ties_table(h: &mut String, ties: &[TieLine]) {
    h.push_str("<table class=\"stack\"><thead><tr><th>Record</th><th>Kind</th><th>Began</th><th>Parties</th></tr></thead><tbody>");
    for t in ties {
        let _ = write!(
            h,
            "<tr><td data-label=\"Record\">{}</td><td data-label=\"Kind\">{}</td><td class=\"date\" data-label=\"Began\">{}</td><td data-label=\"Parties\">{}</td></tr>",
            esc(&t.name),
            kind(t.kind),
            t.start,
            esc(&parties(t))
        );
    }
    h.push_str("</tbody></table>");
}

/// Key judgements.
pub fn judgements(h: &mut String, d: &ReportData) {
    h.push_str("<section id=\"judgements\"><h2>Key judgements</h2><ol class=\"judgements\">");
    for j in crate::judgements::judgements(d) {
        let changes = match (&j.changes, &j.note) {
            (Some((one, five)), _) => format!(
                "<div class=\"j-change\"><span>One year: {}</span><span>Five years: {}</span></div>",
                esc(one),
                esc(five)
            ),
            (None, Some(n)) => format!(
                "<div class=\"j-change\"><span class=\"j-note\">{}</span></div>",
                esc(n)
            ),
            (None, None) => String::new(),
        };
        let _ = write!(
            h,
            "<li data-sources=\"{}\"><span class=\"j-topic\">{}</span><p><span class=\"j-number\">{}</span> {} <a href=\"#{}\">More</a></p>{changes}<p class=\"src\">Source: {}.</p></li>",
            esc(&j.sources.join(" ")),
            esc(&j.topic),
            esc(&j.number),
            esc(&j.text),
            j.anchor,
            esc(&j.source)
        );
    }
    h.push_str("</ol></section>");
}

/// The two systems and the network figure.
pub fn systems(h: &mut String, rec: &CuratedRecord, d: &ReportData) {
    let b = &d.brief;
    let y = b.year;
    h.push_str(
        "<section id=\"systems\"><h2>1. The two alliance systems and the ties between them</h2>",
    );
    if let Some(n) = &b.nato {
        let joined: Vec<String> = n
            .joined_recently
            .iter()
            .map(|(s, dt)| format!("{} ({})", s.name, dt))
            .collect();
        let _ = write!(
            h,
            "<p>In Europe the United States is one of {} members of a single multilateral alliance, NATO, in which every member is bound to every other by the same treaty{}.</p>",
            n.members.len(),
            if joined.is_empty() { String::new() } else { format!("; {} joined in {}–{y}", joined.join(" and "), b.changes.from) }
        );
    }
    let hs = &b.hub_spoke;
    let names: Vec<&str> = hs.allies.iter().map(|a| a.name.as_str()).collect();
    let direct = hs.direct_pairs.len();
    let _ = write!(
        h,
        "<p>In East Asia &amp; the Pacific it is the hub of {} bilateral treaties, with {}. Of the {} pairs those allies form, {}; the other {} are linked by treaty only through Washington.</p>",
        hs.treaties.len(),
        esc(&names.join(", ")),
        hs.pairs,
        match direct {
            0 => "none has a defence treaty of its own".to_string(),
            1 => "one has a defence treaty of its own".to_string(),
            n => format!("{n} have defence treaties of their own"),
        },
        hs.pairs - direct
    );
    let fig = Figure {
        id: "fig-network",
        title: format!("The alliance network in {y}"),
        svg: super::network_figure(rec, y),
        caption: "NATO is drawn as one box tied to the United States; a NATO or EU partnership programme with an Asian state is one line from the organisation; a multilateral treaty, programme or exercise is one diamond joined to its parties. Other lines are bilateral ties, coloured by their strongest kind. Hover over a line or a node for its records.".into(),
        sources: vec![CURATED.into()],
        source_line: d.sources.cite(&[CURATED]),
    };
    figure(h, &fig);
    // The cross-regional measures rest on ATOP's alliances: without it they are not quoted.
    let atop = d.sources.has("atop-ddy");
    let brok = b
        .network
        .as_ref()
        .and_then(|n| n.us_brokerage_weighted)
        .filter(|_| atop);
    let hub = b
        .network
        .as_ref()
        .and_then(|n| n.hub_dependence_treaty)
        .filter(|_| atop);
    let across = match (hub, brok) {
        (Some(hu), Some(br)) => {
            let treaty = if hu >= 0.999 {
                "By defence treaty, every such pair is still bound only through Washington"
                    .to_string()
            } else {
                format!(
                    "By defence treaty, {:.0}% of such pairs are bound only through Washington",
                    hu * 100.0
                )
            };
            let ties = if br < 0.5 {
                format!("by every kind of tie, most now reach each other without it: the US lies on {:.0}% of the shortest paths between them, ties weighted by strength", br * 100.0)
            } else {
                format!("by every kind of tie, the US still lies on {:.0}% of the shortest paths between them, ties weighted by strength", br * 100.0)
            };
            format!(" {treaty}; {ties}.")
        }
        _ => " Those measures rest on ATOP's alliance data, which this report did not read."
            .to_string(),
    };
    let _ = write!(
        h,
        "<div class=\"note\"><strong>Two different questions about Washington.</strong> “{} of {} pairs of East Asian allies are linked by treaty only through Washington” looks within Asia. Section 3 looks across the regions, at pairs of a NATO ally and an East Asian ally.{}</div>",
        hs.pairs - direct,
        hs.pairs,
        esc(&across)
    );
    h.push_str("</section>");
}

/// Ties across the regions.
pub fn ties(h: &mut String, rec: &CuratedRecord, d: &ReportData) {
    let b = &d.brief;
    let c = &b.cross_counts;
    let y = b.year;
    let _ = write!(
        h,
        "<section id=\"ties\"><h2>2. Ties across the regions</h2><p>One count of the ties between Europe and East Asia &amp; the Pacific runs through this report: <strong>{} state pairs</strong> in {y}, each pair of one European and one East Asian or Pacific state counted once however many records bind it.</p>",
        c.distinct_pairs
    );
    let _ = write!(
        h,
        "<table><thead><tr><th>What is counted, {y}</th><th class=\"num\">Count</th></tr></thead><tbody><tr><td>State pairs tied by at least one record</td><td class=\"num\">{}</td></tr><tr><td>… of which tied by more than a NATO or EU partnership framework</td><td class=\"num\">{}</td></tr><tr><td>Records tying the regions</td><td class=\"num\">{}</td></tr><tr><td>… bilateral (two states)</td><td class=\"num\">{}</td></tr><tr><td>… multilateral (three or more states)</td><td class=\"num\">{}</td></tr><tr><td>… frameworks (NATO or the EU with a partner)</td><td class=\"num\">{}</td></tr></tbody></table><p class=\"src\">A framework such as NATO’s partnership programme with Japan ties Japan to every NATO member at once: it is one record but many pairs.</p>",
        c.distinct_pairs, c.distinct_pairs_excluding_frameworks, c.records, c.bilateral, c.multilateral, c.frameworks
    );
    figure(h, &charts::pairs(rec, d));
    let n = &b.changes.new_interregional;
    if !n.is_empty() {
        // Agreements, treaties and partnerships listed; exercises and arms deals counted.
        let (events, lasting): (Vec<TieLine>, Vec<TieLine>) = n.iter().cloned().partition(|t| {
            matches!(
                t.kind,
                TieKind::Exercise | TieKind::ArmsDeal | TieKind::ArmsIndustrial
            )
        });
        let ex = events
            .iter()
            .filter(|t| t.kind == TieKind::Exercise)
            .count();
        let _ = write!(
            h,
            "<h3>New ties between the regions, {}–{y}</h3><p>{} records tying Europe to East Asia &amp; the Pacific began in these five years: {} exercises or patrols, {} arms programmes or deals, and the {} treaties, agreements and partnerships below.</p>",
            b.changes.from,
            n.len(),
            ex,
            events.len() - ex,
            lasting.len()
        );
        if !lasting.is_empty() {
            ties_table(h, &lasting);
        }
    }
    h.push_str("</section>");
}

/// Washington's place.
pub fn washington(h: &mut String, rec: &CuratedRecord, d: &ReportData) {
    h.push_str("<section id=\"washington\"><h2>3. Is Washington still the only bridge?</h2><p>Kim and Simón ask whether the US allies in the two regions are tied to each other or only through Washington. Three measures answer it for the allied network (the US, its NATO and East Asian treaty allies and their Indo-Pacific partners).</p>");
    if !d.sources.has("atop-ddy") {
        let m = d.sources.missing(&[
            (
                "atop-ddy",
                "the alliance treaties to 2018 that the allied network is built on",
            ),
            ("cow-states", "the states in the system each year"),
        ]);
        missing(
            h,
            "The measures of Washington's place",
            &m,
            d.sources.data_dir.as_deref(),
        );
        h.push_str("</section>");
        return;
    }
    for f in charts::washington(rec, d) {
        figure(h, &f);
    }
    h.push_str("</section>");
}

/// The challengers.
pub fn challengers(h: &mut String, rec: &CuratedRecord, d: &ReportData) {
    let b = &d.brief;
    h.push_str("<section id=\"challengers\"><h2>4. The challengers</h2>");
    for p in charts::challengers(rec, d) {
        match p {
            Panel::Figure(f) => figure(h, &f),
            Panel::Missing { title, missing: m } => {
                missing(h, &title, &m, d.sources.data_dir.as_deref())
            }
        }
    }
    if !b.challenger_ties.is_empty() {
        let _ = write!(
            h,
            "<h3>Treaties and partnerships among them in force in {}</h3>",
            b.year
        );
        ties_table(h, &b.challenger_ties);
    }
    h.push_str("</section>");
}

/// Opportunities.
pub fn opportunities(h: &mut String, d: &ReportData) {
    let o = &d.opportunities;
    let _ = write!(
        h,
        "<section id=\"opportunities\"><h2>5. Opportunities for cooperation, {}</h2>",
        o.year
    );
    if o.rows.is_empty() {
        missing(
            h,
            "The ranking of European–East Asian pairs",
            &o.missing,
            d.sources.data_dir.as_deref(),
        );
        let _ = write!(
            h,
            "<p>None of the {} pairs has inputs covering two thirds of the score, so no ranking is shown.</p></section>",
            o.pairs
        );
        return;
    }
    let _ = write!(
        h,
        "<p>The pairs of a European ally and an East Asian ally or partner where closer cooperation looks most promising: threats converge on both, capabilities fit, and ties are still thin. {} of {} pairs are ranked; {} have inputs covering less than two thirds of the score and are left out.</p>",
        o.pairs - o.unranked, o.pairs, o.unranked
    );
    if !o.missing.is_empty() {
        missing(
            h,
            "Part of the score",
            &o.missing,
            d.sources.data_dir.as_deref(),
        );
    }
    h.push_str("<table class=\"stack\"><thead><tr><th class=\"num\">Rank</th><th>Pair</th><th class=\"num\">Score</th><th class=\"num\">Coverage</th><th>Why</th></tr></thead><tbody>");
    for r in &o.rows {
        let _ = write!(
            h,
            "<tr><td class=\"num\" data-label=\"Rank\">{}</td><td data-label=\"Pair\">{}{}</td><td class=\"num\" data-label=\"Score\">{:.2}</td><td class=\"num\" data-label=\"Coverage\">{:.0}%</td><td data-label=\"Why\">{}</td></tr>",
            r.rank,
            esc(&r.pair),
            if r.treaty_ally { "" } else { " (partner)" },
            r.score,
            r.coverage * 100.0,
            esc(&r.rationale)
        );
    }
    let ids: Vec<&str> = o.used.iter().map(|s| s.as_str()).collect();
    let _ = write!(
        h,
        "</tbody></table><p class=\"src\" data-sources=\"{}\">Source: {}. Method: docs/opportunities.md.</p></section>",
        esc(&o.used.join(" ")),
        esc(&d.sources.cite(&ids))
    );
}

/// The simulation.
pub fn simulation(h: &mut String, d: &ReportData) {
    h.push_str(
        "<section id=\"simulation\"><h2>6. What the model says about coordinated pressure</h2>",
    );
    let Some(s) = &d.simulation else {
        h.push_str("<p>The simulation could not be run.</p></section>");
        return;
    };
    let forces = if s.from_data {
        "Forces are calibrated on military spending (SIPRI) and personnel (COW National Material Capabilities) for 2024."
    } else {
        "Forces come from Entente’s built-in 2024 figures, because SIPRI military expenditure and COW National Material Capabilities were not read."
    };
    let _ = write!(
        h,
        "<p>The model simulates ten years, month by month, of China and Russia pressing US allies in Europe and in East Asia &amp; the Pacific with gray-zone probes and crises. The United States divides a finite force between the two theatres; whether a probe succeeds depends on the local balance of forces; every ally judges US credibility from its responses in both theatres, and hedges when it fears abandonment. The challengers’ probing rates are parameters fitted beforehand to the militarized disputes of 1990–2010. {forces} Only one thing varies here: how often China and Russia coordinate. Each point is {} runs on the same random draws (seed {}), so differences are paired.</p>",
        s.runs, s.seed
    );
    for f in charts::simulation(d, s) {
        figure(h, &f);
    }
    let row = |name: &str,
               a: crate::assemble::Interval,
               b: crate::assemble::Interval,
               e: crate::assemble::Interval,
               pct: bool| {
        let f = |v: f64| {
            if pct {
                format!("{:.2}%", v * 100.0)
            } else {
                format!("{v:.4}")
            }
        };
        format!(
            "<tr><td data-label=\"Measure\">{name}</td><td class=\"num\" data-label=\"Never\">{}</td><td class=\"num\" data-label=\"Always\">{}</td><td class=\"num\" data-label=\"Difference\">{} ({} to {})</td></tr>",
            f(a.mean), f(b.mean), f(e.mean), f(e.lo), f(e.hi)
        )
    };
    let last = s.rho.len() - 1;
    let _ = write!(
        h,
        "<table class=\"stack\"><thead><tr><th>Measure</th><th class=\"num\">Never coordinate</th><th class=\"num\">Always coordinate</th><th class=\"num\">Difference (95% interval)</th></tr></thead><tbody>{}{}{}</tbody></table><p>These are the model’s answers under its assumptions (docs/model.md), for comparing scenarios, not forecasts; docs/sensitivity.md shows which assumptions they hang on.</p></section>",
        row("Deterrence failures a month, East Asia &amp; Pacific", s.east_asia[0], s.east_asia[last], s.effect[0], false),
        row("Deterrence failures a month, Europe", s.europe[0], s.europe[last], s.effect[1], false),
        row("Months with a crisis in both theatres", s.both[0], s.both[last], s.effect[2], true),
    );
}

/// The glossary.
pub fn glossary(h: &mut String) {
    h.push_str("<section id=\"glossary\" class=\"glossary\"><h2>Glossary of measures</h2><dl class=\"glossary\">");
    for t in GLOSSARY {
        let _ = write!(
            h,
            "<dt>{}</dt><dd>{} <span class=\"scale\"><strong>Scale:</strong> {} <strong>What moves it:</strong> {}</span></dd>",
            esc(t.term),
            esc(t.definition),
            esc(t.scale),
            esc(t.moves)
        );
    }
    h.push_str("</dl></section>");
}

/// What was read, what was not, the manifest and the citations.
pub fn manifest(h: &mut String, d: &ReportData) {
    h.push_str("<section id=\"sources\" class=\"refs\"><h2>Data read</h2>");
    if d.sources.read.is_empty() {
        h.push_str("<p>No dataset file was read: every figure comes from Entente’s curated record (sha256 above) and, for the simulation, its built-in force figures.</p>");
    } else {
        h.push_str("<ul class=\"plain\">");
        for r in d.sources.read.values() {
            let _ = write!(
                h,
                "<li>{} {}: observed to {}</li>",
                esc(&r.name),
                esc(&r.version),
                r.last_year
            );
        }
        h.push_str("</ul>");
    }
    let mut gone: Vec<Missing> = d.network_missing.clone();
    for m in d.opportunities.missing.iter() {
        if !gone.iter().any(|g| g.id == m.id) {
            gone.push(m.clone());
        }
    }
    if !gone.is_empty() {
        notice(
            h,
            "Datasets not read",
            "This report was written without",
            &gone,
            d.sources.data_dir.as_deref(),
        );
    }
    h.push_str("<h2>Manifest of inputs</h2>");
    if d.inputs.is_empty() {
        h.push_str("<p>No dataset file was read.</p>");
    } else {
        h.push_str("<table class=\"manifest\"><thead><tr><th>Dataset</th><th>Version</th><th>Coverage</th><th>File</th><th>sha256</th><th>Known release</th></tr></thead><tbody>");
        for p in &d.inputs {
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
        h.push_str("</tbody></table>");
    }
    h.push_str("<h2>Citations</h2><ul class=\"citations\">");
    for c in &d.citations {
        let _ = write!(h, "<li>{}</li>", esc(c));
    }
    h.push_str("</ul></section>");
}
