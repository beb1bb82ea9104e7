//! Entente's one chart style, shared by the HTML report (`entente-report`) and the dashboard
//! (`entente-server` serves [`css`] as `/style/tokens.css`; `web/src` reads the custom properties).
//!
//! One category has one colour everywhere: a NATO ally is the same teal in the report's network
//! figure, its trend charts, the dashboard's map and its tables. Colours are chosen to stay
//! distinguishable for the common colour-vision deficiencies (after Okabe & Ito's palette, with
//! the blues and oranges darkened for text contrast on white) and to print in greyscale by
//! lightness. Type sizes are given in CSS pixels at which the printed A4 page keeps every text at
//! 9 pt or more (1 pt = 4/3 px; 9 pt = 12 px).

pub mod chart;

/// A colour with its role, as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// The CSS custom property's name, without the leading `--`.
    pub token: &'static str,
    /// The colour, `#rrggbb`.
    pub hex: &'static str,
    /// What it stands for, in plain English, as a legend would say it.
    pub label: &'static str,
}

/// Node categories: who a state is in the picture of the two alliance systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeCategory {
    /// The United States.
    Us,
    /// A NATO member in Europe (Canada counts here as NATO's other North American member).
    NatoAlly,
    /// A European state outside NATO that partners with it (Ireland, Austria, Malta, Cyprus, …).
    EuropeanPartner,
    /// A US treaty ally in East Asia & Pacific (Japan, South Korea, Australia, the Philippines, Thailand).
    EapTreatyAlly,
    /// An Indo-Pacific partner without a US defence treaty (New Zealand since 1986, Singapore, India, …).
    IndoPacificPartner,
    /// China, Russia, North Korea.
    Challenger,
    /// Everyone else.
    Other,
}

impl NodeCategory {
    /// Every category, in legend order.
    pub const ALL: [NodeCategory; 7] = [
        NodeCategory::Us,
        NodeCategory::NatoAlly,
        NodeCategory::EuropeanPartner,
        NodeCategory::EapTreatyAlly,
        NodeCategory::IndoPacificPartner,
        NodeCategory::Challenger,
        NodeCategory::Other,
    ];

    /// The category's swatch.
    pub fn swatch(self) -> Swatch {
        match self {
            NodeCategory::Us => sw("node-us", "#1f3f7a", "United States"),
            NodeCategory::NatoAlly => sw("node-nato", "#0f7b6c", "NATO allies (Europe)"),
            NodeCategory::EuropeanPartner => sw(
                "node-eu-partner",
                "#7fbfb3",
                "European partners outside NATO",
            ),
            NodeCategory::EapTreatyAlly => sw(
                "node-eap",
                "#c8553d",
                "US treaty allies (East Asia & Pacific)",
            ),
            NodeCategory::IndoPacificPartner => {
                sw("node-ip-partner", "#e8a48f", "Indo-Pacific partners")
            }
            NodeCategory::Challenger => sw(
                "node-challenger",
                "#8c1c6b",
                "Challengers (China, Russia, North Korea)",
            ),
            NodeCategory::Other => sw("node-other", "#9aa0a6", "Other states"),
        }
    }
}

/// Tie categories: the kinds of the curated record, plus the US–NATO tie and frameworks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TieCategory {
    /// A defence treaty (mutual-defence obligation).
    DefenceTreaty,
    /// A defence-cooperation agreement (logistics, information security, equipment).
    DefenceCooperation,
    /// A reciprocal access or status-of-forces agreement.
    AccessAgreement,
    /// A strategic partnership or partnership programme.
    Partnership,
    /// A joint exercise or patrol.
    Exercise,
    /// Arms: an industrial programme or a major deal.
    Arms,
    /// A framework between an organisation and a partner (NATO's IPCP/ITPP, EU agreements),
    /// drawn as one hyperedge through the organisation.
    Framework,
}

impl TieCategory {
    /// Every category, in legend order.
    pub const ALL: [TieCategory; 7] = [
        TieCategory::DefenceTreaty,
        TieCategory::DefenceCooperation,
        TieCategory::AccessAgreement,
        TieCategory::Partnership,
        TieCategory::Exercise,
        TieCategory::Arms,
        TieCategory::Framework,
    ];

    /// The category's swatch.
    pub fn swatch(self) -> Swatch {
        match self {
            TieCategory::DefenceTreaty => sw("tie-treaty", "#1f3f7a", "Defence treaty"),
            TieCategory::DefenceCooperation => {
                sw("tie-cooperation", "#5e81ac", "Defence cooperation")
            }
            TieCategory::AccessAgreement => {
                sw("tie-access", "#b8860b", "Access / status of forces")
            }
            TieCategory::Partnership => sw("tie-partnership", "#6a994e", "Partnership"),
            TieCategory::Exercise => sw("tie-exercise", "#7b5ea7", "Exercise or joint patrol"),
            TieCategory::Arms => sw("tie-arms", "#9c6644", "Arms programme or deal"),
            TieCategory::Framework => sw(
                "tie-framework",
                "#8d99ae",
                "Framework (organisation–partner)",
            ),
        }
    }
}

/// Theatre colours for simulation and trend series (Europe, East Asia & Pacific), matching the
/// allies' node colours so a reader links them without a legend.
pub const THEATRE_EUROPE: Swatch = Swatch {
    token: "theatre-europe",
    hex: "#0f7b6c",
    label: "Europe",
};
/// See [`THEATRE_EUROPE`].
pub const THEATRE_EAST_ASIA: Swatch = Swatch {
    token: "theatre-east-asia",
    hex: "#c8553d",
    label: "East Asia & Pacific",
};

/// Colours for unnamed series (a chart with several measures that are not categories), in order.
pub const SERIES: [&str; 6] = [
    "#1f3f7a", "#c8553d", "#0f7b6c", "#8c1c6b", "#b8860b", "#5e6b7a",
];

/// Ink, muted text, gridlines, rules and the paper.
pub const INK: &str = "#1d2330";
/// Secondary text: captions, sources, tick labels.
pub const MUTED: &str = "#5b6270";
/// Gridlines.
pub const GRID: &str = "#e3e3de";
/// Axis lines and rules.
pub const AXIS: &str = "#8a8f98";
/// Event markers on time series.
pub const EVENT: &str = "#a33a3a";
/// The background of charts.
pub const PAPER: &str = "#ffffff";
/// Missing data: hatched or drawn in this colour, never as zero.
pub const MISSING: &str = "#c9c9c4";

/// The font stack of every face.
pub const FONT_FAMILY: &str =
    "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

/// Type sizes in CSS px for a chart drawn at its natural width (no scaling): at these sizes and a
/// chart width of at most [`CHART_WIDTH`], every printed text stays at or above 9 pt on A4.
pub mod size {
    /// Chart titles.
    pub const TITLE: f64 = 15.0;
    /// Axis titles and legend entries.
    pub const LABEL: f64 = 13.0;
    /// Tick labels, event labels, node labels: the floor (12 px = 9 pt).
    pub const TICK: f64 = 12.0;
}

/// The natural width of a chart in CSS px: the A4 text width at 96 dpi (210 mm less 2 × 15 mm
/// margins = 180 mm ≈ 680 px), so a chart is printed at 100% and its type keeps its size.
pub const CHART_WIDTH: f64 = 680.0;

const fn sw(token: &'static str, hex: &'static str, label: &'static str) -> Swatch {
    Swatch { token, hex, label }
}

/// Every swatch, nodes then ties then theatres.
pub fn swatches() -> Vec<Swatch> {
    let mut v: Vec<Swatch> = NodeCategory::ALL.iter().map(|c| c.swatch()).collect();
    v.extend(TieCategory::ALL.iter().map(|c| c.swatch()));
    v.push(THEATRE_EUROPE);
    v.push(THEATRE_EAST_ASIA);
    v
}

/// The style as CSS custom properties on `:root`, for the report's inline CSS and the dashboard.
pub fn css() -> String {
    let mut s = String::from(":root{");
    for w in swatches() {
        s.push_str(&format!("--{}:{};", w.token, w.hex));
    }
    for (i, c) in SERIES.iter().enumerate() {
        s.push_str(&format!("--series-{i}:{c};"));
    }
    s.push_str(&format!(
        "--ink:{INK};--muted:{MUTED};--grid:{GRID};--axis:{AXIS};--event:{EVENT};--paper:{PAPER};--missing:{MISSING};--font:{FONT_FAMILY};--size-title:{}px;--size-label:{}px;--size-tick:{}px;",
        size::TITLE,
        size::LABEL,
        size::TICK
    ));
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn rgb(hex: &str) -> (f64, f64, f64) {
        let p = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
        (p(1), p(3), p(5))
    }

    /// WCAG relative luminance.
    fn luminance(hex: &str) -> f64 {
        let lin = |c: f64| {
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = rgb(hex);
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_colour_is_well_formed_and_tokens_are_unique() {
        let mut seen = HashSet::new();
        for w in swatches() {
            assert_eq!(w.hex.len(), 7, "{}", w.token);
            assert!(w.hex.starts_with('#'));
            assert!(
                w.hex[1..].chars().all(|c| c.is_ascii_hexdigit()),
                "{}",
                w.hex
            );
            assert!(seen.insert(w.token), "token {} twice", w.token);
        }
    }

    #[test]
    fn node_categories_have_distinct_colours() {
        let colours: HashSet<_> = NodeCategory::ALL.iter().map(|c| c.swatch().hex).collect();
        assert_eq!(colours.len(), NodeCategory::ALL.len());
        let ties: HashSet<_> = TieCategory::ALL.iter().map(|c| c.swatch().hex).collect();
        assert_eq!(ties.len(), TieCategory::ALL.len());
    }

    #[test]
    fn text_colours_meet_wcag_aa_on_paper() {
        assert!(contrast(INK, PAPER) >= 7.0);
        assert!(contrast(MUTED, PAPER) >= 4.5, "{}", contrast(MUTED, PAPER));
    }

    // The smallest type prints at 9 pt or more (checked at compile time).
    const _: () = assert!(size::TICK * 0.75 >= 9.0);

    #[test]
    fn css_names_every_token() {
        let css = css();
        for w in swatches() {
            assert!(css.contains(&format!("--{}:{}", w.token, w.hex)));
        }
        assert!(css.starts_with(":root{") && css.ends_with('}'));
    }
}
