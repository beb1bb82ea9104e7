//! SVG line charts of a sweep: each series is a mean with its 95% confidence interval drawn as two
//! thin lines. Drawn with `plotters` (SVG backend only: no fonts or system libraries needed).

use crate::error::{Result, SimError};
use plotters::prelude::*;

/// One line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend label.
    pub name: String,
    /// x values.
    pub x: Vec<f64>,
    /// Means.
    pub y: Vec<f64>,
    /// Lower ends of the 95% confidence interval.
    pub lo: Vec<f64>,
    /// Upper ends of the 95% confidence interval.
    pub hi: Vec<f64>,
}

const COLOURS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

fn range(vals: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in vals.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-12 {
        return (lo - 0.5, hi + 0.5);
    }
    let pad = (hi - lo) * 0.05;
    (lo - pad, hi + pad)
}

/// Renders a line chart to SVG text.
pub fn line_chart(title: &str, x_label: &str, y_label: &str, series: &[Series]) -> Result<String> {
    let err = |e: String| SimError::Chart {
        path: title.to_string(),
        message: e,
    };
    let (x0, x1) = range(series.iter().flat_map(|s| s.x.iter().copied()));
    let (y0, y1) = range(
        series
            .iter()
            .flat_map(|s| s.lo.iter().chain(s.hi.iter()).chain(s.y.iter()).copied()),
    );
    let y0 = if y0 > 0.0 && y0 < (y1 - y0) { 0.0 } else { y0 };
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (860, 520)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(|e| err(e.to_string()))?;
        chart
            .configure_mesh()
            .x_desc(x_label)
            .y_desc(y_label)
            .draw()
            .map_err(|e| err(e.to_string()))?;
        for (n, s) in series.iter().enumerate() {
            let c = COLOURS[n % COLOURS.len()];
            let pts = |v: &[f64]| -> Vec<(f64, f64)> {
                s.x.iter().copied().zip(v.iter().copied()).collect()
            };
            chart
                .draw_series(LineSeries::new(pts(&s.y), c.stroke_width(2)))
                .map_err(|e| err(e.to_string()))?
                .label(s.name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
                });
            for band in [&s.lo, &s.hi] {
                chart
                    .draw_series(LineSeries::new(pts(band), c.mix(0.45).stroke_width(1)))
                    .map_err(|e| err(e.to_string()))?;
            }
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| err(e.to_string()))?;
        root.present().map_err(|e| err(e.to_string()))?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_an_svg_with_the_labels() {
        let s = Series {
            name: "europe".into(),
            x: vec![0.0, 0.5, 1.0],
            y: vec![0.1, 0.2, 0.3],
            lo: vec![0.05, 0.15, 0.25],
            hi: vec![0.15, 0.25, 0.35],
        };
        let svg = line_chart("failure rate", "coordination", "per month", &[s]).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..50]);
        assert!(svg.contains("europe") && svg.contains("coordination"));
        assert!(svg.contains("<polyline"));
    }
}
