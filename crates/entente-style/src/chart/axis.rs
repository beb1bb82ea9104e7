//! Scales, ticks and number formats.

/// How an axis writes its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Whole numbers with thousands separators (1,250).
    Integer,
    /// A fixed number of decimals.
    Decimal(usize),
    /// A share in [0, 1] written as a percentage with this many decimals (0.25 → 25%).
    Percent(usize),
    /// A year (no separator).
    Year,
}

impl Format {
    /// The value as the axis writes it.
    pub fn write(self, v: f64) -> String {
        match self {
            Format::Integer => thousands(v.round()),
            Format::Decimal(d) => {
                let s = format!("{v:.d$}");
                if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
                    s[1..].to_string()
                } else {
                    s.replace('-', "−")
                }
            }
            Format::Percent(d) => format!("{:.d$}%", v * 100.0).replace('-', "−"),
            Format::Year => format!("{}", v.round() as i64),
        }
    }
}

fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let digits = format!("{}", v.abs() as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg {
        format!("−{out}")
    } else {
        out
    }
}

/// An axis: its title (with the unit, as a reader says it) and its range and format.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// The title, with the unit: "Share of shortest paths through the US (%)".
    pub title: String,
    /// The lower end; `None` fits the data (and includes 0 for counts).
    pub min: Option<f64>,
    /// The upper end; `None` fits the data.
    pub max: Option<f64>,
    /// How ticks are written.
    pub format: Format,
}

impl Axis {
    /// An axis with a title and a format, its range fitted to the data.
    pub fn new(title: &str, format: Format) -> Axis {
        Axis {
            title: title.to_string(),
            min: None,
            max: None,
            format,
        }
    }

    /// The same axis with a fixed range.
    pub fn range(mut self, min: f64, max: f64) -> Axis {
        self.min = Some(min);
        self.max = Some(max);
        self
    }
}

/// A "nice" step (1, 2 or 5 times a power of ten) giving about `n` intervals over `span`.
pub fn nice_step(span: f64, n: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / n.max(1) as f64;
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * p
}

/// The range and ticks of an axis over data from `lo` to `hi`: the range is widened to whole steps,
/// and integer formats never get fractional ticks.
pub fn ticks(lo: f64, hi: f64, n: usize, format: Format) -> (f64, f64, Vec<f64>) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    if hi - lo < 1e-12 {
        let pad = if hi.abs() > 1e-12 {
            hi.abs() * 0.1
        } else {
            1.0
        };
        lo -= pad;
        hi += pad;
    }
    let mut step = nice_step(hi - lo, n);
    if matches!(format, Format::Integer | Format::Year) {
        step = step.max(1.0).round();
    }
    let a = (lo / step + 1e-9).floor() * step;
    let b = (hi / step - 1e-9).ceil() * step;
    let count = ((b - a) / step).round() as usize;
    let t = (0..=count).map(|i| a + step * i as f64).collect();
    (a, b, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_write_as_a_reader_reads() {
        assert_eq!(Format::Integer.write(1250.0), "1,250");
        assert_eq!(Format::Integer.write(-1250.0), "−1,250");
        assert_eq!(Format::Percent(0).write(0.25), "25%");
        assert_eq!(Format::Decimal(2).write(-0.0001), "0.00");
        assert_eq!(Format::Decimal(1).write(-1.25), "−1.2");
        assert_eq!(Format::Year.write(2024.0), "2024");
    }

    #[test]
    fn integer_axes_never_repeat_a_tick_label() {
        // The old charts wrote 0, 0, 0, 1, 1, 1 on an axis from 0 to 1.
        for (lo, hi) in [(0.0, 1.0), (0.0, 3.0), (0.0, 0.0), (2.0, 7.0), (0.0, 193.0)] {
            let (_, _, t) = ticks(lo, hi, 5, Format::Integer);
            let labels: Vec<String> = t.iter().map(|v| Format::Integer.write(*v)).collect();
            let mut d = labels.clone();
            d.dedup();
            assert_eq!(d, labels, "{lo}..{hi}");
        }
    }

    #[test]
    fn an_axis_from_zero_starts_at_zero() {
        // A count or a share never gets a negative tick it does not need.
        for hi in [0.3, 1.0, 8.0, 193.0] {
            let (a, _, t) = ticks(0.0, hi, 5, Format::Decimal(2));
            assert_eq!(a, 0.0, "{hi}");
            assert!(t.iter().all(|v| *v >= 0.0));
        }
    }

    #[test]
    fn ticks_cover_the_data_in_nice_steps() {
        for (lo, hi) in [
            (0.0, 0.97),
            (0.013, 0.71),
            (-1.0, 1.0),
            (12.0, 193.0),
            (1949.0, 2025.0),
        ] {
            let (a, b, t) = ticks(lo, hi, 5, Format::Decimal(2));
            assert!(a <= lo + 1e-9 && b >= hi - 1e-9, "{lo}..{hi} in {a}..{b}");
            assert!(t.len() >= 3 && t.len() <= 12, "{t:?}");
            let step = t[1] - t[0];
            let m = step / 10f64.powf(step.log10().floor());
            assert!(
                [1.0, 2.0, 5.0, 10.0].iter().any(|k| (m - k).abs() < 1e-6),
                "{step}"
            );
        }
    }
}
