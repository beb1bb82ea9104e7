//! Entente's one chart module: pure functions from data to an SVG string, in the style of this
//! crate (colours, fonts, type sizes). The report draws every chart with it, and the dashboard can
//! too: it depends on no other Entente crate.
//!
//! What every chart does: one measure per panel; a y-axis title with its unit; gridlines; ticks in
//! nice steps that never repeat a label; a legend with colour samples when there is more than one
//! series; event labels laid out in rows so that none is clipped or collides; missing values drawn as
//! gaps (and shaded "no data" where every series is missing), never as zero; drawn at its natural
//! width so that printed type stays at 9 pt or more.

mod axis;
pub mod labels;
mod legend;
mod line;

pub use axis::{nice_step, ticks, Axis, Format};
pub use legend::{legend, Entry, Mark};
pub use line::{Event, LineChart, Series};

/// Escapes text for SVG and HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An estimate of a text's width in px at a font size, for layout (label placement, legend rows).
/// It errs wide (the average advance of the font stack's faces is about 0.5 em, capitals 0.65 em).
pub fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if c.is_ascii_uppercase() || c == 'm' || c == 'w' || c == '—' {
                0.68
            } else if c == ' '
                || c == '.'
                || c == ','
                || c == 'i'
                || c == 'l'
                || c == 'j'
                || c == '\''
            {
                0.3
            } else if c.is_ascii_digit() {
                0.56
            } else {
                0.54
            }
        })
        .sum::<f64>()
        * font_size
}
