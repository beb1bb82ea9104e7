//! The report's charts, drawn with the one chart style (`entente_style::chart`): one measure per
//! panel, plain titles, axis titles with units, each with the datasets it rests on.

use crate::assemble::{ReportData, Simulation, YearSeries};
use crate::sources::{Missing, CURATED};
use entente_curated::CuratedRecord;
use entente_style::chart::{Axis, Event, Format, LineChart, Series};
use entente_style::{SERIES, THEATRE_EAST_ASIA, THEATRE_EUROPE};

/// A figure: a title, the chart, what it shows and what it rests on.
#[derive(Debug, Clone)]
pub struct Figure {
    /// An anchor id.
    pub id: &'static str,
    /// The title, a plain sentence.
    pub title: String,
    /// The SVG markup.
    pub svg: String,
    /// What it shows and how to read it.
    pub caption: String,
    /// The datasets it rests on (ids, all read).
    pub sources: Vec<String>,
    /// The source line (only what was read, each with its last year).
    pub source_line: String,
}

/// A figure, or the notice shown in its place when a dataset it needs was not read.
#[derive(Debug, Clone)]
pub enum Panel {
    /// The figure.
    Figure(Figure),
    /// What would be shown and what is missing.
    Missing {
        /// The figure's title.
        title: String,
        /// The datasets missing.
        missing: Vec<Missing>,
    },
}

fn series(d: &ReportData, name: &str) -> YearSeries {
    d.trends.get(name).cloned().unwrap_or_default()
}

fn pts(s: &YearSeries) -> Vec<(f64, Option<f64>)> {
    s.iter().map(|(y, v)| (f64::from(*y), *v)).collect()
}

fn year_axis() -> Axis {
    Axis::new("Year", Format::Year)
}

/// Events from the record, when it has them: (record id, at its end?, label).
const EVENTS: [(&str, bool, &str); 4] = [
    ("seato-manila-pact", true, "SEATO ends"),
    ("nato-japan-ipcp", false, "NATO–Japan partnership programme"),
    ("aukus-ennpia", false, "AUKUS"),
    ("china-russia-treaty-2001", false, "China–Russia treaty"),
];

fn events(rec: &CuratedRecord, ids: &[&str]) -> Vec<Event> {
    use chrono::Datelike;
    EVENTS
        .iter()
        .filter(|(id, _, _)| ids.contains(id))
        .filter_map(|(id, end, label)| {
            let t = rec.get(id)?;
            let y = if *end {
                t.span.end?.year()
            } else {
                t.span.start.year()
            };
            Some(Event {
                x: f64::from(y),
                label: format!("{label} ({y})"),
            })
        })
        .collect()
}

fn figure(
    d: &ReportData,
    id: &'static str,
    title: &str,
    chart: LineChart,
    caption: &str,
    sources: &[&str],
) -> Figure {
    let mut chart = chart;
    chart.description = title.to_string();
    Figure {
        id,
        title: title.to_string(),
        svg: chart.svg(),
        caption: caption.to_string(),
        sources: d.sources.used(sources),
        source_line: d.sources.cite(sources),
    }
}

/// The ties-across-the-regions chart.
pub fn pairs(rec: &CuratedRecord, d: &ReportData) -> Figure {
    let mut all = Series::new(
        "Every record",
        SERIES[0],
        pts(&series(d, "europe_eap_pairs")),
    );
    all.markers = false;
    let mut nf = Series::new(
        "Without NATO's and the EU's partnership frameworks",
        SERIES[1],
        pts(&series(d, "europe_eap_pairs_excluding_frameworks")),
    );
    nf.dashed = true;
    let mut c = LineChart::new(
        year_axis(),
        Axis::new("State pairs tied (count)", Format::Integer),
        vec![all, nf],
    );
    c.events = events(
        rec,
        &["seato-manila-pact", "nato-japan-ipcp", "aukus-ennpia"],
    );
    figure(
        d,
        "fig-pairs",
        "European and East Asian & Pacific states tied to each other",
        c,
        "Distinct pairs of one European and one East Asian or Pacific state bound in the year by at least one record of the curated record (a treaty, agreement, partnership, framework, exercise or arms programme). A pair tied by several records counts once. The dashed line leaves out the frameworks through which NATO or the EU ties all its members to a partner at once.",
        &[CURATED],
    )
}

/// Washington's place between the regions: brokerage, hub dependence on treaties, direct strength.
pub fn washington(rec: &CuratedRecord, d: &ReportData) -> Vec<Figure> {
    let net: Vec<&str> = vec![CURATED, "atop-ddy"];
    let mut w = Series::new(
        "Ties weighted by strength",
        SERIES[0],
        pts(&series(d, "us_brokerage_weighted")),
    );
    w.markers = false;
    let mut u = Series::new(
        "Every tie counted alike",
        SERIES[1],
        pts(&series(d, "us_brokerage")),
    );
    u.dashed = true;
    let mut b = LineChart::new(
        year_axis(),
        Axis::new(
            "Share of shortest paths that pass through the US (%)",
            Format::Percent(0),
        )
        .range(0.0, 1.0),
        vec![w, u],
    );
    b.events = events(rec, &["seato-manila-pact", "nato-japan-ipcp"]);
    let h = LineChart::new(
        year_axis(),
        Axis::new(
            "Share of NATO–East Asian ally pairs (%)",
            Format::Percent(0),
        )
        .range(0.0, 1.0),
        vec![Series::new(
            "Hub dependence on defence treaties",
            SERIES[3],
            pts(&series(d, "hub_dependence_treaty")),
        )],
    );
    let s = LineChart::new(
        year_axis(),
        Axis::new(
            "Weighted density of direct ties (0 = none, 1 = every pair bound by treaty)",
            Format::Decimal(2),
        ),
        vec![Series::new(
            "Direct tie strength",
            SERIES[2],
            pts(&series(d, "cross_tie_strength")),
        )],
    );
    vec![
        figure(d, "fig-brokerage", "How much of the connection between the allies runs through Washington", b,
            "For every pair of a NATO ally and a US treaty ally in East Asia & the Pacific, the share of the shortest paths between them in the allied network that pass through the United States, averaged over the pairs. 1 is a pure hub and spokes; it falls as the allies tie themselves to each other directly or through partners. The solid line counts a strong tie (a treaty) as a shorter path than a weak one (a framework or an exercise).",
            &net),
        figure(d, "fig-hub-treaty", "Ally pairs bound by a defence commitment only through Washington", h,
            "Of the pairs of a NATO ally and a US treaty ally in East Asia & the Pacific connected by defence treaties (treaties with an obligation to defend), the share connected only through the United States. It moves only when a defence treaty is signed or ends between the regions.",
            &net),
        figure(d, "fig-strength", "Strength of the direct ties between NATO and the East Asian allies", s,
            "The weighted density of the direct ties between NATO allies and US treaty allies in East Asia & the Pacific: each pair's strongest tie weighted (treaty highest, then agreements, frameworks and exercises), summed and divided by the number of pairs.",
            &net),
    ]
}

/// The challengers' panels.
pub fn challengers(rec: &CuratedRecord, d: &ReportData) -> Vec<Panel> {
    let ex: Vec<(f64, Option<f64>)> = d
        .challenger_exercises
        .iter()
        .map(|(y, n)| (f64::from(*y), Some(*n as f64)))
        .collect();
    let first = ex
        .iter()
        .position(|p| p.1.unwrap_or(0.0) > 0.0)
        .unwrap_or(0)
        .saturating_sub(3);
    let mut c = LineChart::new(
        year_axis(),
        Axis::new(
            "Joint exercises and patrols begun in the year (count)",
            Format::Integer,
        ),
        vec![Series::new(
            "Joint exercises and patrols",
            SERIES[3],
            ex[first..].to_vec(),
        )],
    );
    c.events = events(rec, &["china-russia-treaty-2001"]);
    let mut out = vec![Panel::Figure(figure(
        d,
        "fig-challenger-exercises",
        "Joint exercises and patrols of China, Russia and North Korea",
        c,
        "Exercises and joint air or naval patrols with at least two of the three challengers, counted in the year they began.",
        &[CURATED],
    ))];
    let needs = [
        ("sipri-transfers", "Russia's arms deliveries to China"),
        (
            "unga-ideal-points",
            "China's and Russia's closeness in UN votes",
        ),
    ];
    let missing = d.sources.missing(&needs);
    let title = "Sino-Russian alignment index";
    if missing.is_empty() {
        let c = LineChart::new(
            year_axis(),
            Axis::new(
                "Index (0 = no alignment, 1 = full on every component)",
                Format::Decimal(1),
            )
            .range(0.0, 1.0),
            vec![Series::new(
                "Alignment index",
                SERIES[3],
                pts(&series(d, "sr_alignment")),
            )],
        );
        out.push(Panel::Figure(figure(d, "fig-alignment", title, c,
            "The mean of four components, each scaled to 0–1: treaty and partnership ties, joint exercises and patrols, Russia's arms deliveries to China, and closeness in UN General Assembly votes.",
            &[CURATED, "sipri-transfers", "unga-ideal-points"])));
    } else {
        out.push(Panel::Missing {
            title: title.into(),
            missing,
        });
    }
    out
}

/// The simulation's charts.
pub fn simulation(d: &ReportData, s: &Simulation) -> Vec<Figure> {
    let band = |v: &[crate::assemble::Interval]| -> Vec<Option<(f64, f64)>> {
        v.iter().map(|i| Some((i.lo, i.hi))).collect()
    };
    let line = |label: &str, colour: &str, v: &[crate::assemble::Interval]| {
        let mut x = Series::new(
            label,
            colour,
            s.rho
                .iter()
                .zip(v)
                .map(|(r, i)| (*r, Some(i.mean)))
                .collect(),
        );
        x.interval = Some(band(v));
        x.markers = true;
        x
    };
    let rho_axis = || {
        Axis::new(
            "Coordination between China and Russia (0 = independent, 1 = always together)",
            Format::Decimal(1),
        )
        .range(0.0, 1.0)
    };
    let base = Event {
        x: s.baseline_rho,
        label: format!("Today's assumed coordination ({:.1})", s.baseline_rho),
    };
    let mut f = LineChart::new(
        rho_axis(),
        Axis::new(
            "Change in failures a month against no coordination (mean, 95% interval)",
            Format::Decimal(4),
        ),
        vec![
            line(THEATRE_EAST_ASIA.label, THEATRE_EAST_ASIA.hex, &s.change[0]),
            line(THEATRE_EUROPE.label, THEATRE_EUROPE.hex, &s.change[1]),
        ],
    );
    f.events = vec![base.clone()];
    let mut b = LineChart::new(
        rho_axis(),
        Axis::new(
            "Share of months with a crisis in both theatres (%)",
            Format::Percent(1),
        ),
        vec![line("Both theatres", SERIES[3], &s.both)],
    );
    b.events = vec![base];
    let src: Vec<&str> = s.used.iter().map(|x| x.as_str()).collect();
    vec![
        figure(d, "fig-sim-failures", "How deterrence failures change as the challengers coordinate", f,
            "A failure is a month's successful gray-zone probe or an escalated crisis in the theatre. Each point is the mean change against no coordination over runs paired on the same random draws, with its 95% interval shaded; an interval that spans zero is no measurable change at this number of runs. The levels are in the table below.",
            &src),
        figure(d, "fig-sim-both", "Crises in both theatres at once", b,
            "The share of months in which a crisis breaks out in Europe and in East Asia & the Pacific in the same month: the two-front problem coordination creates.",
            &src),
    ]
}
