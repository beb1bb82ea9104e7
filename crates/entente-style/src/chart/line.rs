//! Line charts: one measure per panel over years (or any x), missing values as gaps, optional
//! intervals, and event markers whose labels are never clipped.

use super::axis::{ticks, Axis};
use super::legend::{legend, Entry, Mark};
use super::{esc, text_width};
use crate::{size, AXIS, CHART_WIDTH, EVENT, FONT_FAMILY, GRID, INK, MISSING, MUTED, PAPER};
use std::fmt::Write as _;

/// One line.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its legend label, in plain English.
    pub label: String,
    /// `#rrggbb`.
    pub colour: String,
    /// (x, value); `None` where the value is missing (drawn as a gap, never as zero).
    pub points: Vec<(f64, Option<f64>)>,
    /// The interval at each point (same length as `points`), drawn as a shaded band.
    pub interval: Option<Vec<Option<(f64, f64)>>>,
    /// Draw a dot at every point (for a few x values, as in a sweep).
    pub markers: bool,
    /// Dashed (a secondary line, such as a variant of the main measure).
    pub dashed: bool,
}

impl Series {
    /// A plain line.
    pub fn new(label: &str, colour: &str, points: Vec<(f64, Option<f64>)>) -> Series {
        Series {
            label: label.to_string(),
            colour: colour.to_string(),
            points,
            interval: None,
            markers: false,
            dashed: false,
        }
    }
}

/// A labelled event on the x axis ("SEATO dissolved", 1977).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Where.
    pub x: f64,
    /// What, briefly.
    pub label: String,
}

/// A line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// A title drawn in the chart (leave empty when the page gives the title).
    pub title: String,
    /// What the chart shows, for screen readers.
    pub description: String,
    /// The x axis.
    pub x: Axis,
    /// The y axis.
    pub y: Axis,
    /// The lines.
    pub series: Vec<Series>,
    /// Events marked on the x axis.
    pub events: Vec<Event>,
    /// Natural width in px ([`CHART_WIDTH`] by default).
    pub width: f64,
    /// Height of the plotting area in px.
    pub plot_height: f64,
}

impl LineChart {
    /// A chart with the style's width and a plot 220 px high.
    pub fn new(x: Axis, y: Axis, series: Vec<Series>) -> LineChart {
        LineChart {
            title: String::new(),
            description: String::new(),
            x,
            y,
            series,
            events: Vec::new(),
            width: CHART_WIDTH,
            plot_height: 220.0,
        }
    }

    /// The chart as a standalone `<svg>` element, drawn at its natural size (width and height
    /// attributes set, so that it is never scaled down on print).
    pub fn svg(&self) -> String {
        let w = self.width;
        let (ml, mr) = (58.0, 18.0);
        let pw = w - ml - mr;
        let mut top = 8.0;
        let mut head = String::new();
        if !self.title.is_empty() {
            let _ = write!(
                head,
                r#"<text x="0" y="{:.1}" font-size="{}" font-weight="600" fill="{INK}">{}</text>"#,
                top + size::TITLE,
                size::TITLE,
                esc(&self.title)
            );
            top += size::TITLE + 10.0;
        }
        if self.series.len() > 1 {
            let entries: Vec<Entry> = self
                .series
                .iter()
                .map(|s| {
                    let mark = if s.interval.is_some() {
                        Mark::LineBand
                    } else {
                        Mark::Line {
                            width: 2.5,
                            dashed: s.dashed,
                        }
                    };
                    Entry::new(&s.label, &s.colour, mark)
                })
                .collect();
            let (l, h) = legend(&entries, 0.0, top, w);
            head.push_str(&l);
            top += h + 6.0;
        }
        // The y axis's title, horizontal above the axis (read without turning the head).
        let _ = write!(
            head,
            r#"<text x="0" y="{:.1}" font-size="{}" fill="{MUTED}">{}</text>"#,
            top + size::LABEL,
            size::LABEL,
            esc(&self.y.title)
        );
        top += size::LABEL + 8.0;

        // x range.
        let xs: Vec<f64> = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0))
            .collect();
        let xmin = self
            .x
            .min
            .unwrap_or_else(|| xs.iter().copied().fold(f64::INFINITY, f64::min));
        let xmax = self
            .x
            .max
            .unwrap_or_else(|| xs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
        let (xmin, xmax) = if xmin.is_finite() && xmax.is_finite() && xmax > xmin {
            (xmin, xmax)
        } else {
            (0.0, 1.0)
        };
        let xn = ((pw / 90.0) as usize).max(2);
        let (_, _, xt) = ticks(xmin, xmax, xn, self.x.format);
        let xt: Vec<f64> = xt
            .into_iter()
            .filter(|t| *t >= xmin - 1e-9 && *t <= xmax + 1e-9)
            .collect();
        let sx = |x: f64| ml + (x - xmin) / (xmax - xmin) * pw;

        // Event labels: rows above the plot, each label kept inside the chart and off its neighbours.
        let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut placed: Vec<(f64, f64, usize, &str, f64)> = Vec::new();
        let mut evs: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.x >= xmin && e.x <= xmax)
            .collect();
        evs.sort_by(|a, b| a.x.total_cmp(&b.x));
        for e in evs {
            let px = sx(e.x);
            let tw = text_width(&e.label, size::TICK);
            // Start at the line, or end at it when it would run past the right edge.
            let x0 = if px + 4.0 + tw <= w {
                px + 4.0
            } else {
                (px - 4.0 - tw).max(0.0)
            };
            let span = (x0 - 4.0, x0 + tw + 4.0);
            let row = rows
                .iter()
                .position(|r| r.iter().all(|(a, b)| span.1 <= *a || span.0 >= *b))
                .unwrap_or_else(|| {
                    rows.push(Vec::new());
                    rows.len() - 1
                });
            rows[row].push(span);
            placed.push((px, x0, row, &e.label, tw));
        }
        let row_h = size::TICK + 6.0;
        let ev_top = top;
        top += rows.len() as f64 * row_h + if rows.is_empty() { 0.0 } else { 4.0 };
        let ph = self.plot_height;
        let bottom = top + ph;
        let height = bottom + size::TICK + 10.0 + size::LABEL + 12.0;

        // y range: fitted to the data and intervals (counts start at 0).
        let mut ys: Vec<f64> = Vec::new();
        for s in &self.series {
            ys.extend(s.points.iter().filter_map(|p| p.1));
            if let Some(iv) = &s.interval {
                ys.extend(iv.iter().flatten().flat_map(|(a, b)| [*a, *b]));
            }
        }
        let dlo = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let dhi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (dlo, dhi) = if dlo.is_finite() {
            (dlo, dhi)
        } else {
            (0.0, 1.0)
        };
        let lo = self.y.min.unwrap_or(if dlo >= 0.0 { 0.0 } else { dlo });
        let hi = self.y.max.unwrap_or(dhi);
        let (ylo, yhi, yt) = ticks(lo, hi, 5, self.y.format);
        let (ylo, yhi) = (self.y.min.unwrap_or(ylo), self.y.max.unwrap_or(yhi));
        let yt: Vec<f64> = yt
            .into_iter()
            .filter(|t| *t >= ylo - 1e-9 && *t <= yhi + 1e-9)
            .collect();
        let sy = |v: f64| bottom - (v - ylo) / (yhi - ylo) * ph;

        let mut s = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w}" height="{height:.0}" viewBox="0 0 {w} {height:.0}" role="img" aria-label="{}" font-family="{}">"#,
            esc(if self.description.is_empty() {
                &self.y.title
            } else {
                &self.description
            }),
            esc(FONT_FAMILY)
        );
        let _ = write!(
            s,
            r#"<rect width="{w}" height="{height:.0}" fill="{PAPER}"/>"#
        );
        s.push_str(&head);

        // Gaps where every series is missing, shaded and labelled, so a reader sees "no data", not 0.
        let all_x: Vec<f64> = {
            let mut v = xs.clone();
            v.sort_by(f64::total_cmp);
            v.dedup();
            v
        };
        let missing = |x: f64| {
            self.series.iter().all(|s| {
                s.points
                    .iter()
                    .find(|p| p.0 == x)
                    .is_none_or(|p| p.1.is_none())
            })
        };
        let mut i = 0;
        while i < all_x.len() {
            if missing(all_x[i]) {
                let mut j = i;
                while j + 1 < all_x.len() && missing(all_x[j + 1]) {
                    j += 1;
                }
                let step = if all_x.len() > 1 {
                    (all_x[1] - all_x[0]).abs()
                } else {
                    1.0
                };
                let a = sx((all_x[i] - step / 2.0).max(xmin));
                let b = sx((all_x[j] + step / 2.0).min(xmax));
                let _ = write!(
                    s,
                    r#"<rect class="no-data" x="{a:.1}" y="{top:.1}" width="{:.1}" height="{ph:.1}" fill="{MISSING}" fill-opacity="0.35"/>"#,
                    (b - a).max(1.0)
                );
                if b - a > text_width("no data", size::TICK) + 6.0 {
                    let _ = write!(
                        s,
                        r#"<text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="middle" fill="{MUTED}">no data</text>"#,
                        (a + b) / 2.0,
                        top + ph / 2.0,
                        size::TICK
                    );
                }
                i = j + 1;
            } else {
                i += 1;
            }
        }

        // Grid and ticks.
        for t in &yt {
            let y = sy(*t);
            let _ = write!(
                s,
                r#"<line x1="{ml}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{GRID}"/><text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="end" fill="{MUTED}">{}</text>"#,
                ml + pw,
                ml - 6.0,
                y + size::TICK * 0.35,
                size::TICK,
                esc(&self.y.format.write(*t))
            );
        }
        for t in &xt {
            let x = sx(*t);
            let _ = write!(
                s,
                r#"<line x1="{x:.1}" y1="{bottom:.1}" x2="{x:.1}" y2="{:.1}" stroke="{AXIS}"/><text x="{x:.1}" y="{:.1}" font-size="{}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
                bottom + 5.0,
                bottom + 6.0 + size::TICK,
                size::TICK,
                esc(&self.x.format.write(*t))
            );
        }
        let _ = write!(
            s,
            r#"<line x1="{ml}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}" stroke="{AXIS}"/><text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
            ml + pw,
            ml + pw / 2.0,
            height - 6.0,
            size::LABEL,
            esc(&self.x.title)
        );

        // Events: a dashed rule through the plot and the label in its row above.
        for (px, x0, row, label, _) in &placed {
            let ly = ev_top + *row as f64 * row_h + size::TICK;
            let _ = write!(
                s,
                r#"<line x1="{px:.1}" y1="{:.1}" x2="{px:.1}" y2="{bottom:.1}" stroke="{EVENT}" stroke-dasharray="3 3" stroke-opacity="0.8"/><text class="event" x="{x0:.1}" y="{ly:.1}" font-size="{}" fill="{EVENT}">{}</text>"#,
                ly - size::TICK + 2.0,
                size::TICK,
                esc(label)
            );
        }

        // Bands, then lines, in segments broken at missing values.
        for se in &self.series {
            if let Some(iv) = &se.interval {
                for seg in segments(&se.points, Some(iv)) {
                    let mut d = String::new();
                    for (k, (x, _, (a, _))) in seg.iter().enumerate() {
                        let _ = write!(
                            d,
                            "{}{:.1} {:.1}",
                            if k == 0 { "M" } else { "L" },
                            sx(*x),
                            sy(*a)
                        );
                    }
                    for (x, _, (_, b)) in seg.iter().rev() {
                        let _ = write!(d, "L{:.1} {:.1}", sx(*x), sy(*b));
                    }
                    let _ = write!(
                        s,
                        r#"<path d="{d}Z" fill="{}" fill-opacity="0.18" stroke="none"/>"#,
                        se.colour
                    );
                }
            }
        }
        for se in &self.series {
            for seg in segments(&se.points, None) {
                if seg.len() == 1 || se.markers {
                    for (x, v, _) in &seg {
                        let _ = write!(
                            s,
                            r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{}"/>"#,
                            sx(*x),
                            sy(*v),
                            se.colour
                        );
                    }
                }
                if seg.len() > 1 {
                    let mut d = String::new();
                    for (k, (x, v, _)) in seg.iter().enumerate() {
                        let _ = write!(
                            d,
                            "{}{:.1} {:.1}",
                            if k == 0 { "M" } else { "L" },
                            sx(*x),
                            sy(*v)
                        );
                    }
                    let _ = write!(
                        s,
                        r#"<path d="{d}" fill="none" stroke="{}" stroke-width="2.5" stroke-linejoin="round"{}/>"#,
                        se.colour,
                        if se.dashed {
                            r#" stroke-dasharray="6 4""#
                        } else {
                            ""
                        }
                    );
                }
            }
        }
        s.push_str("</svg>");
        s
    }
}

type Point = (f64, f64, (f64, f64));

/// Runs of consecutive present values (with their intervals when asked for).
fn segments(
    points: &[(f64, Option<f64>)],
    iv: Option<&Vec<Option<(f64, f64)>>>,
) -> Vec<Vec<Point>> {
    let mut out: Vec<Vec<Point>> = Vec::new();
    let mut cur: Vec<Point> = Vec::new();
    for (i, (x, v)) in points.iter().enumerate() {
        let band = match iv {
            Some(iv) => iv.get(i).copied().flatten(),
            None => Some((0.0, 0.0)),
        };
        match (v, band) {
            (Some(v), Some(b)) if v.is_finite() => cur.push((*x, *v, b)),
            _ => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::axis::Format;

    fn chart(points: Vec<(f64, Option<f64>)>) -> LineChart {
        LineChart::new(
            Axis::new("Year", Format::Year),
            Axis::new("Pairs tied (count)", Format::Integer),
            vec![Series::new("pairs", "#123456", points)],
        )
    }

    #[test]
    fn missing_values_are_gaps_and_marked_never_zero() {
        let pts: Vec<(f64, Option<f64>)> = (2000..=2010)
            .map(|y| {
                (
                    f64::from(y),
                    if (2004..=2006).contains(&y) {
                        None
                    } else {
                        Some(5.0 + f64::from(y - 2000))
                    },
                )
            })
            .collect();
        let svg = chart(pts).svg();
        // Two line segments, no point drawn at zero.
        assert_eq!(
            svg.matches(r##"fill="none" stroke="#123456""##).count(),
            2,
            "{svg}"
        );
        assert!(svg.contains("no-data") && svg.contains(">no data<"));
    }

    #[test]
    fn every_text_is_at_least_nine_points_and_inside_the_chart() {
        let mut c = chart(
            (1949..=2025)
                .map(|y| (f64::from(y), Some(f64::from(y % 7))))
                .collect(),
        );
        c.events = vec![
            Event {
                x: 1977.0,
                label: "SEATO dissolved".into(),
            },
            Event {
                x: 1978.0,
                label: "Another event right beside it".into(),
            },
            Event {
                x: 2025.0,
                label: "An event at the very end of the axis".into(),
            },
        ];
        let svg = c.svg();
        for part in svg.split("font-size=\"").skip(1) {
            let px: f64 = part.split('"').next().unwrap().parse().unwrap();
            assert!(px * 0.75 >= 9.0, "{px}px");
        }
        // Event labels are inside the width.
        for part in svg.split(r#"class="event" x=""#).skip(1) {
            let x: f64 = part.split('"').next().unwrap().parse().unwrap();
            let label = part.split('>').nth(1).unwrap().split('<').next().unwrap();
            assert!(
                x >= 0.0 && x + text_width(label, size::TICK) <= c.width + 0.5,
                "{label} at {x}"
            );
        }
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"width="680""#), "natural width");
    }

    #[test]
    fn bands_follow_their_series() {
        let mut c = chart(vec![(0.0, Some(1.0)), (0.5, Some(2.0)), (1.0, Some(1.5))]);
        c.series[0].interval = Some(vec![Some((0.8, 1.2)), None, Some((1.2, 1.8))]);
        c.series.push(Series::new(
            "second",
            "#654321",
            vec![(0.0, Some(0.5)), (1.0, Some(0.7))],
        ));
        let svg = c.svg();
        assert_eq!(
            svg.matches(r#"fill-opacity="0.18""#).count(),
            2,
            "band broken where the interval is missing"
        );
        assert!(svg.contains(">second<"), "legend for two series");
    }
}
