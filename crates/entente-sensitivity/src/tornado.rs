//! The tornado chart: one horizontal row per parameter, largest effect at the top, one bar per
//! series (for example "low end" and "high end", or "first order" and "total"), each with its
//! interval as a whisker. Drawn with `plotters`' SVG backend in the style of the simulation's
//! charts (no fonts or system libraries needed).

use crate::error::{Result, SensitivityError};
use crate::Estimate;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One row of a tornado chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The parameter, as shown.
    pub label: String,
    /// One estimate per series (NaN: not drawn).
    pub values: Vec<Estimate>,
}

const COLOURS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
];

/// Renders a tornado chart to SVG text. `bars` are drawn top to bottom in the order given (sort
/// them by importance first).
pub fn tornado(title: &str, x_label: &str, series: &[&str], bars: &[Bar]) -> Result<String> {
    let err = |e: String| SensitivityError::Chart {
        title: title.to_string(),
        message: e,
    };
    let n = bars.len().max(1);
    let ns = series.len().max(1);
    let vals = bars
        .iter()
        .flat_map(|b| b.values.iter())
        .flat_map(|e| [e.estimate, e.ci_low, e.ci_high])
        .filter(|v| v.is_finite());
    let (mut x0, mut x1) = (0.0f64, 0.0f64);
    for v in vals {
        x0 = x0.min(v);
        x1 = x1.max(v);
    }
    if x1 - x0 < 1e-12 {
        x1 = x0 + 1.0;
    }
    let pad = (x1 - x0) * 0.06;
    let (x0, x1) = (x0 - pad, x1 + pad);
    let height = 130 + 46 * n as u32;
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (900, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(250)
            .build_cartesian_2d(x0..x1, 0.0..n as f64)
            .map_err(|e| err(e.to_string()))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_max_light_lines(1)
            .y_labels(0)
            .x_desc(x_label)
            .draw()
            .map_err(|e| err(e.to_string()))?;
        let band = 0.7 / ns as f64;
        for (s, name) in series.iter().enumerate() {
            let c = COLOURS[s % COLOURS.len()];
            let rects: Vec<Rectangle<(f64, f64)>> = bars
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let e = b.values.get(s)?;
                    if !e.estimate.is_finite() {
                        return None;
                    }
                    let top = (n - i) as f64 - 0.15 - s as f64 * band;
                    Some(Rectangle::new(
                        [(0.0, top), (e.estimate, top - band)],
                        c.mix(0.8).filled(),
                    ))
                })
                .collect();
            chart
                .draw_series(rects)
                .map_err(|e| err(e.to_string()))?
                .label(name.to_string())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 16, y + 5)], c.filled()));
            let whiskers: Vec<PathElement<(f64, f64)>> = bars
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let e = b.values.get(s)?;
                    if !(e.ci_low.is_finite() && e.ci_high.is_finite()) {
                        return None;
                    }
                    let y = (n - i) as f64 - 0.15 - (s as f64 + 0.5) * band;
                    Some(PathElement::new(
                        vec![(e.ci_low, y), (e.ci_high, y)],
                        BLACK.stroke_width(1),
                    ))
                })
                .collect();
            chart
                .draw_series(whiskers)
                .map_err(|e| err(e.to_string()))?;
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, n as f64)],
                BLACK.stroke_width(1),
            )))
            .map_err(|e| err(e.to_string()))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| err(e.to_string()))?;
        let style = TextStyle::from(("sans-serif", 14).into_font())
            .pos(Pos::new(HPos::Right, VPos::Center));
        for (i, b) in bars.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(x0, (n - i) as f64 - 0.5));
            root.draw(&Text::new(b.label.clone(), (px - 8, py), style.clone()))
                .map_err(|e| err(e.to_string()))?;
        }
        root.present().map_err(|e| err(e.to_string()))?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_rows_labels_and_whiskers() {
        let bars = vec![
            Bar {
                label: "calibration.milex_weight".into(),
                values: vec![
                    Estimate::new(-0.4, -0.45, -0.35),
                    Estimate::new(0.3, 0.25, 0.35),
                ],
            },
            Bar {
                label: "coordination".into(),
                values: vec![
                    Estimate::new(-0.01, -0.02, 0.0),
                    Estimate::new(f64::NAN, f64::NAN, f64::NAN),
                ],
            },
        ];
        let svg = tornado(
            "East Asia: failures per month",
            "change from the base value",
            &["low end", "high end"],
            &bars,
        )
        .unwrap();
        assert!(svg.starts_with("<svg"));
        for want in [
            "calibration.milex_weight",
            "coordination",
            "low end",
            "high end",
            "change from the base value",
            "East Asia",
        ] {
            assert!(svg.contains(want), "{want}");
        }
        // Three drawn bars: the NaN one is skipped.
        assert_eq!(svg.matches("opacity=\"0.8\"").count(), 3, "{svg}");
    }
}
