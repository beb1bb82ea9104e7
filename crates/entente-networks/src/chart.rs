//! SVG line charts of measures over the years, with the events that frame them labelled
//! (`plotters`, SVG backend only: no system fonts or libraries needed).

use crate::error::{NetworkError, Result};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The events marked on every chart: year and label.
pub const EVENTS: &[(i32, &str)] = &[
    (1999, "1999 NATO +3; Kosovo"),
    (2004, "2004 NATO +7"),
    (2014, "2014 Crimea"),
    (2022, "2022 Ukraine war; 'no limits'"),
    (2024, "2024 Russia–DPRK treaty"),
];

/// One series: a measure year by year (`None` where it is missing).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The measure's name.
    pub name: String,
    /// The values.
    pub points: Vec<(i32, Option<f64>)>,
}

fn err<E: std::fmt::Display>(e: E) -> NetworkError {
    NetworkError::Chart(e.to_string())
}

/// Renders the series as an SVG document: one panel per series, three to a row, each with the
/// events marked. Missing values break the line.
pub fn svg(series: &[Series], title: &str) -> Result<String> {
    if series.is_empty() {
        return Err(NetworkError::Chart("no series to draw".into()));
    }
    let k = series.len();
    let cols = k.min(3);
    let rows = k.div_ceil(cols);
    let (pw, ph) = if k == 1 {
        (960u32, 520u32)
    } else {
        (560u32, 330u32)
    };
    let (w, h) = (pw * cols as u32, ph * rows as u32 + 44);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (head, body) = root.split_vertically(44);
        head.draw(&Text::new(
            title.to_string(),
            (12, 12),
            ("sans-serif", 20).into_font(),
        ))
        .map_err(err)?;
        let panels = body.split_evenly((rows, cols));
        for (panel, s) in panels.iter().zip(series) {
            draw_panel(panel, s)?;
        }
        root.present().map_err(err)?;
    }
    Ok(buf)
}

fn draw_panel(
    panel: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    s: &Series,
) -> Result<()> {
    let years: Vec<i32> = s.points.iter().map(|(y, _)| *y).collect();
    let (Some(&x0), Some(&x1)) = (years.iter().min(), years.iter().max()) else {
        return Ok(());
    };
    let x1 = if x1 == x0 { x0 + 1 } else { x1 };
    let vals: Vec<f64> = s
        .points
        .iter()
        .filter_map(|(_, v)| *v)
        .filter(|v| v.is_finite())
        .collect();
    let (mut lo, mut hi) = vals
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    if vals.is_empty() {
        lo = 0.0;
        hi = 1.0;
    } else if (hi - lo).abs() < 1e-12 {
        let pad = if lo.abs() > 1e-12 {
            lo.abs() * 0.1
        } else {
            0.5
        };
        lo -= pad;
        hi += pad;
    } else {
        let pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad * 3.0;
    }
    let integral = vals.iter().all(|v| v.fract() == 0.0);
    let mut chart = ChartBuilder::on(panel)
        .caption(&s.name, ("sans-serif", 16))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(58)
        .build_cartesian_2d(x0..x1, lo..hi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| {
            if integral {
                format!("{y:.0}")
            } else {
                format!("{y:.2}")
            }
        })
        .light_line_style(WHITE.mix(0.0))
        .draw()
        .map_err(err)?;
    let span = hi - lo;
    for (i, &(year, label)) in EVENTS.iter().enumerate() {
        if year < x0 || year > x1 {
            continue;
        }
        chart
            .draw_series(LineSeries::new(
                vec![(year, lo), (year, hi)],
                RGBColor(200, 60, 60).mix(0.5).stroke_width(1),
            ))
            .map_err(err)?;
        let y = hi - span * (0.02 + 0.07 * (i % 3) as f64);
        // Labels in the right half of the axis run leftwards from their line, so they stay inside.
        let anchor = if f64::from(year - x0) > 0.5 * f64::from(x1 - x0) {
            Pos::new(HPos::Right, VPos::Top)
        } else {
            Pos::new(HPos::Left, VPos::Top)
        };
        chart
            .draw_series(std::iter::once(Text::new(
                format!(" {label} "),
                (year, y),
                ("sans-serif", 11)
                    .into_font()
                    .color(&RGBColor(160, 40, 40))
                    .pos(anchor),
            )))
            .map_err(err)?;
    }
    if vals.is_empty() {
        chart
            .draw_series(std::iter::once(Text::new(
                "no data in these years".to_string(),
                (x0, lo + span / 2.0),
                ("sans-serif", 14).into_font(),
            )))
            .map_err(err)?;
        return Ok(());
    }
    // Contiguous runs of values; a lone value is drawn as a dot.
    let mut run: Vec<(i32, f64)> = Vec::new();
    let mut runs = Vec::new();
    for &(y, v) in &s.points {
        match v.filter(|v| v.is_finite()) {
            Some(v) => run.push((y, v)),
            None => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let blue = RGBColor(31, 90, 160);
    for r in runs {
        if r.len() == 1 {
            chart
                .draw_series(r.iter().map(|p| Circle::new(*p, 2, blue.filled())))
                .map_err(err)?;
        } else {
            chart
                .draw_series(LineSeries::new(r, blue.stroke_width(2)))
                .map_err(err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_label_the_events_and_break_at_missing_values() {
        let s = Series {
            name: "hub_dependence".into(),
            points: (1990..=2025)
                .map(|y| {
                    (
                        y,
                        if y == 2000 {
                            None
                        } else {
                            Some(f64::from(y - 1990) / 35.0)
                        },
                    )
                })
                .collect(),
        };
        let svg = svg(&[s.clone(), s], "test").unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for (_, label) in EVENTS {
            assert!(
                svg.contains(&label.replace('\'', "&apos;")) || svg.contains(label),
                "{label}"
            );
        }
        assert!(svg.matches("<polyline").count() >= 4, "two runs per panel");
        assert!(super::svg(&[], "x").is_err());
    }
}
