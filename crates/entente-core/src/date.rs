//! Dates, spans and Entente's year semantics.

use crate::error::CoreError;
use crate::Date;
use serde::{Deserialize, Serialize};

/// The first day of a year.
pub fn year_start(year: i32) -> Date {
    Date::from_ymd_opt(year, 1, 1).unwrap_or(Date::MIN)
}

/// The last day of a year.
pub fn year_end(year: i32) -> Date {
    Date::from_ymd_opt(year, 12, 31).unwrap_or(Date::MAX)
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<Date, CoreError> {
    Date::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| CoreError::BadDate(s.to_string()))
}

/// A closed span of days, `start..=end`; an `end` of `None` means still in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateSpan {
    /// The first day.
    pub start: Date,
    /// The last day, if the span has ended.
    pub end: Option<Date>,
}

impl DateSpan {
    /// A span from `start` with an optional last day.
    pub fn new(start: Date, end: Option<Date>) -> DateSpan {
        DateSpan { start, end }
    }

    /// The span of all time.
    pub fn always() -> DateSpan {
        DateSpan {
            start: Date::MIN,
            end: None,
        }
    }

    /// The last day, with an open end read as the end of time.
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(Date::MAX)
    }

    /// Whether the span is empty (ends before it starts).
    pub fn is_empty(&self) -> bool {
        self.last_day() < self.start
    }

    /// Whether the span contains a day.
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.last_day()
    }

    /// **The year rule.** The span counts in year `y` when it covers some day of `y`: it starts on or
    /// before 31 December `y` and ends on or after 1 January `y`.
    pub fn active_in_year(&self, y: i32) -> bool {
        !self.is_empty() && self.start <= year_end(y) && self.last_day() >= year_start(y)
    }

    /// The common days of two spans (possibly empty).
    pub fn intersect(&self, other: &DateSpan) -> DateSpan {
        let start = self.start.max(other.start);
        let end = match (self.end, other.end) {
            (None, None) => None,
            (Some(a), None) | (None, Some(a)) => Some(a),
            (Some(a), Some(b)) => Some(a.min(b)),
        };
        DateSpan { start, end }
    }

    /// The days of `self` outside `cut`, as zero, one or two spans.
    pub fn subtract(&self, cut: &DateSpan) -> Vec<DateSpan> {
        let overlap = self.intersect(cut);
        if overlap.is_empty() {
            return if self.is_empty() { vec![] } else { vec![*self] };
        }
        let mut out = Vec::with_capacity(2);
        if let Some(before_end) = overlap.start.pred_opt() {
            let before = DateSpan::new(self.start, Some(before_end));
            if overlap.start > self.start && !before.is_empty() {
                out.push(before);
            }
        }
        if let Some(cut_end) = overlap.end {
            if let Some(after_start) = cut_end.succ_opt() {
                let after = DateSpan::new(after_start, self.end);
                if !after.is_empty() {
                    out.push(after);
                }
            }
        }
        out
    }

    /// The first and last year the span counts in (the last is `None` when open).
    pub fn years(&self) -> (i32, Option<i32>) {
        use chrono::Datelike;
        (self.start.year(), self.end.map(|e| e.year()))
    }
}

/// How precisely a recorded date is known. A date known to the month is written as the first (a start)
/// or the last (an end) day of that month, and one known to the year as 1 January or 31 December, so
/// that the year rule stays exact; its precision says how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Known to the day.
    #[default]
    Day,
    /// Known to the month.
    Month,
    /// Known to the year.
    Year,
}

impl Precision {
    /// Parses `day`, `month` or `year`.
    pub fn parse(s: &str) -> Option<Precision> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Some(Precision::Day),
            "month" => Some(Precision::Month),
            "year" => Some(Precision::Year),
            _ => None,
        }
    }

    /// The date as far as it is known: `2017-12-20`, `2017-12` or `2017`.
    pub fn show(self, d: Date) -> String {
        match self {
            Precision::Day => d.format("%Y-%m-%d").to_string(),
            Precision::Month => d.format("%Y-%m").to_string(),
            Precision::Year => d.format("%Y").to_string(),
        }
    }

    /// Whether `d` is the conventional day for a date of this precision: for a start, the first day
    /// of its month or year; for an end, the last.
    pub fn fits(self, d: Date, is_end: bool) -> bool {
        use chrono::Datelike;
        let last_of_month = d.succ_opt().is_none_or(|n| n.month() != d.month());
        match (self, is_end) {
            (Precision::Day, _) => true,
            (Precision::Month, false) => d.day() == 1,
            (Precision::Month, true) => last_of_month,
            (Precision::Year, false) => d.month() == 1 && d.day() == 1,
            (Precision::Year, true) => d.month() == 12 && d.day() == 31,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn a_tie_counts_in_every_year_it_touches() {
        // US–ROC treaty: in force 1955-03-03, terminated 1979-12-31.
        let s = DateSpan::new(d(1955, 3, 3), Some(d(1979, 12, 31)));
        assert!(!s.active_in_year(1954));
        assert!(s.active_in_year(1955));
        assert!(s.active_in_year(1979));
        assert!(!s.active_in_year(1980));
        // A one-day event counts in its year only.
        let e = DateSpan::new(d(2019, 7, 23), Some(d(2019, 7, 23)));
        assert!(e.active_in_year(2019) && !e.active_in_year(2018) && !e.active_in_year(2020));
        // Ending on 1 January still counts in that year.
        let j = DateSpan::new(d(1990, 1, 1), Some(d(1991, 1, 1)));
        assert!(j.active_in_year(1991));
        // An open span counts forever after its start.
        assert!(DateSpan::new(d(2024, 3, 7), None).active_in_year(2100));
    }

    #[test]
    fn subtraction_splits_spans() {
        let s = DateSpan::new(d(1952, 4, 29), None);
        let cut = DateSpan::new(d(1986, 9, 17), None);
        assert_eq!(
            s.subtract(&cut),
            vec![DateSpan::new(d(1952, 4, 29), Some(d(1986, 9, 16)))]
        );
        let mid = DateSpan::new(d(1960, 1, 1), Some(d(1960, 12, 31)));
        assert_eq!(
            s.subtract(&mid),
            vec![
                DateSpan::new(d(1952, 4, 29), Some(d(1959, 12, 31))),
                DateSpan::new(d(1961, 1, 1), None)
            ]
        );
        assert_eq!(s.subtract(&DateSpan::always()), vec![]);
    }

    #[test]
    fn precision_shows_only_what_is_known() {
        assert_eq!(Precision::Year.show(d(2008, 1, 1)), "2008");
        assert_eq!(Precision::Month.show(d(1981, 9, 1)), "1981-09");
        assert_eq!(Precision::Day.show(d(2017, 12, 20)), "2017-12-20");
        assert!(
            Precision::Year.fits(d(2008, 1, 1), false)
                && !Precision::Year.fits(d(2008, 2, 11), false)
        );
        assert!(
            Precision::Year.fits(d(2008, 12, 31), true)
                && !Precision::Year.fits(d(2008, 1, 1), true)
        );
        assert!(
            Precision::Month.fits(d(2024, 2, 29), true)
                && !Precision::Month.fits(d(2023, 2, 28), false)
        );
        assert_eq!(Precision::parse("Month"), Some(Precision::Month));
        assert_eq!(Precision::parse("week"), None);
    }

    #[test]
    fn parse_dates() {
        assert_eq!(parse_date("1949-04-04"), Ok(d(1949, 4, 4)));
        assert!(parse_date("1949-13-04").is_err());
    }

    fn arb_span() -> impl Strategy<Value = DateSpan> {
        (1900i32..2030, 0u32..365, proptest::option::of(0i64..20_000)).prop_map(|(y, off, len)| {
            let start = d(y, 1, 1) + chrono::Days::new(off as u64);
            DateSpan::new(start, len.map(|l| start + chrono::Days::new(l as u64)))
        })
    }

    proptest! {
        #[test]
        fn year_rule_matches_day_by_day_definition(s in arb_span(), y in 1895i32..2090) {
            let by_days = {
                let mut day = year_start(y);
                let mut hit = false;
                while day <= year_end(y) { if s.contains(day) { hit = true; break; } day = day.succ_opt().unwrap(); }
                hit
            };
            prop_assert_eq!(s.active_in_year(y), by_days);
        }

        #[test]
        fn subtract_leaves_only_days_outside_cut(s in arb_span(), c in arb_span(), probe in 0u32..40_000) {
            let day = d(1900, 1, 1) + chrono::Days::new(probe as u64 * 3);
            let parts = s.subtract(&c);
            let inside = parts.iter().any(|p| p.contains(day));
            prop_assert_eq!(inside, s.contains(day) && !c.contains(day));
        }
    }
}
