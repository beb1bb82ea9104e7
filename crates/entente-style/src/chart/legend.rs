//! Legends with colour samples, laid out in rows that wrap at the chart's width.

use super::{esc, text_width};
use crate::{size, INK};
use std::fmt::Write as _;

/// How a legend entry's sample is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A line of this width (px), solid or dashed.
    Line {
        /// Stroke width.
        width: f64,
        /// Dashed.
        dashed: bool,
    },
    /// A line with a shaded interval around it (a mean and its confidence interval).
    LineBand,
    /// A filled circle (a node).
    Dot,
    /// A diamond (a multilateral record drawn as one node).
    Diamond,
    /// A filled square (an area or bar).
    Square,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it stands for, in plain English.
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
    /// The sample.
    pub mark: Mark,
}

impl Entry {
    /// An entry.
    pub fn new(label: &str, colour: &str, mark: Mark) -> Entry {
        Entry {
            label: label.to_string(),
            colour: colour.to_string(),
            mark,
        }
    }
}

const SAMPLE: f64 = 22.0;
const GAP: f64 = 18.0;

/// The legend as SVG elements placed from (`x`, `y`) (the top left) within `width`, and its height.
/// Entries flow left to right and wrap to a new row rather than run past the width.
pub fn legend(entries: &[Entry], x: f64, y: f64, width: f64) -> (String, f64) {
    let row_h = size::LABEL + 8.0;
    let mut s = String::new();
    let (mut cx, mut cy) = (x, y);
    for e in entries {
        let w = SAMPLE + 6.0 + text_width(&e.label, size::LABEL);
        if cx > x && cx + w > x + width {
            cx = x;
            cy += row_h;
        }
        let mid = cy + row_h / 2.0;
        let c = &e.colour;
        match e.mark {
            Mark::Line { width: sw, dashed } => {
                let _ = write!(
                    s,
                    r#"<line x1="{cx:.1}" y1="{mid:.1}" x2="{:.1}" y2="{mid:.1}" stroke="{c}" stroke-width="{sw}"{}/>"#,
                    cx + SAMPLE,
                    if dashed {
                        r#" stroke-dasharray="5 3""#
                    } else {
                        ""
                    }
                );
            }
            Mark::LineBand => {
                let _ = write!(
                    s,
                    r#"<rect x="{cx:.1}" y="{:.1}" width="{SAMPLE}" height="10" fill="{c}" fill-opacity="0.2"/><line x1="{cx:.1}" y1="{mid:.1}" x2="{:.1}" y2="{mid:.1}" stroke="{c}" stroke-width="2.5"/>"#,
                    mid - 5.0,
                    cx + SAMPLE
                );
            }
            Mark::Dot => {
                let _ = write!(
                    s,
                    r#"<circle cx="{:.1}" cy="{mid:.1}" r="6" fill="{c}"/>"#,
                    cx + SAMPLE / 2.0
                );
            }
            Mark::Diamond => {
                let m = cx + SAMPLE / 2.0;
                let _ = write!(
                    s,
                    r#"<path d="M{m:.1} {:.1}L{:.1} {mid:.1}L{m:.1} {:.1}L{:.1} {mid:.1}Z" fill="{c}"/>"#,
                    mid - 7.0,
                    m + 7.0,
                    mid + 7.0,
                    m - 7.0
                );
            }
            Mark::Square => {
                let _ = write!(
                    s,
                    r#"<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="{c}"/>"#,
                    cx + SAMPLE / 2.0 - 6.0,
                    mid - 6.0
                );
            }
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="{}" fill="{INK}">{}</text>"#,
            cx + SAMPLE + 6.0,
            mid + size::LABEL * 0.36,
            size::LABEL,
            esc(&e.label)
        );
        cx += w + GAP;
    }
    let h = if entries.is_empty() {
        0.0
    } else {
        cy - y + row_h
    };
    (s, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_legend_wraps_inside_its_width() {
        let e: Vec<Entry> = (0..8)
            .map(|i| {
                Entry::new(
                    &format!("A fairly long legend entry {i}"),
                    "#123456",
                    Mark::Dot,
                )
            })
            .collect();
        let (s, h) = legend(&e, 10.0, 0.0, 400.0);
        assert!(h > 3.0 * (size::LABEL + 8.0), "wrapped into rows: {h}");
        for x in s.split("<text x=\"").skip(1) {
            let x: f64 = x.split('"').next().unwrap().parse().unwrap();
            assert!(x < 410.0);
        }
        assert_eq!(legend(&[], 0.0, 0.0, 100.0).1, 0.0);
    }
}
