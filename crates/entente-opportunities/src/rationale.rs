//! The words of an opportunity row: the rationale, a category match told apart from a real deal,
//! and states by their current short names.

use crate::engine::{Capability, Exposure, Ties};
use crate::inputs::{Delivery, TieFacts};
use entente_core::{Ccode, StateInfo, CHALLENGERS};
use std::collections::BTreeMap;

fn adjective(c: Ccode) -> &'static str {
    match c.0 {
        710 => "Chinese",
        365 => "Russian",
        731 => "North Korean",
        _ => "challenger",
    }
}

fn iso(c: Ccode) -> String {
    StateInfo::get(c)
        .map(|s| s.code().to_string())
        .unwrap_or_else(|| c.0.to_string())
}

/// A category match, worded as one (not a deal): "KOR exports fighter aircraft; SVK imports them".
pub(crate) fn category_match(exporter: Ccode, importer: Ccode, category: &str) -> String {
    format!(
        "{} exports {category}; {} imports them",
        iso(exporter),
        iso(importer)
    )
}

/// The largest real deal (by TIV) delivered between two states, either way, in the `window` years
/// to `y`: "deal: KOR→POL K9 Thunder, delivered 2022–2024 (SIPRI)".
pub(crate) fn largest_deal(
    deliveries: &[Delivery],
    a: Ccode,
    b: Ccode,
    y: i32,
    window: i32,
) -> Option<String> {
    let mut deals: BTreeMap<(u16, u16, &str), (f64, i32, i32)> = BTreeMap::new();
    for d in deliveries {
        let pair = (d.supplier == a && d.recipient == b) || (d.supplier == b && d.recipient == a);
        if !pair || d.year > y || d.year <= y - window {
            continue;
        }
        let e = deals
            .entry((d.supplier.0, d.recipient.0, d.designation.as_str()))
            .or_insert((0.0, d.year, d.year));
        e.0 += d.tiv;
        e.1 = e.1.min(d.year);
        e.2 = e.2.max(d.year);
    }
    let ((s, r, name), (_, from, to)) = deals
        .into_iter()
        .max_by(|x, z| x.1 .0.total_cmp(&z.1 .0).then(z.0.cmp(&x.0)))?;
    let years = if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    };
    Some(format!(
        "deal: {}→{} {name}, delivered {years} (SIPRI)",
        iso(Ccode(s)),
        iso(Ccode(r))
    ))
}

/// The one-line rationale of a pair's score, from the data.
pub(crate) fn rationale(
    y: i32,
    ex_e: &[Exposure],
    ex_a: &[Exposure],
    cap: &Capability,
    facts: &TieFacts,
    ties: &Ties,
) -> String {
    let mut parts = Vec::new();
    let both: Vec<&str> = CHALLENGERS
        .iter()
        .zip(ex_e.iter().zip(ex_a))
        .filter(|(_, (x, z))| x.exposure.unwrap_or(0.0) >= 0.3 && z.exposure.unwrap_or(0.0) >= 0.3)
        .map(|(c, _)| adjective(*c))
        .collect();
    parts.push(match both.len() {
        0 => "little shared exposure to the challengers".to_string(),
        1 => format!("both exposed to {} pressure", both[0]),
        _ => format!(
            "both exposed to {} and {} pressure",
            both[..both.len() - 1].join(", "),
            both[both.len() - 1]
        ),
    });
    if !cap.shared_families.is_empty() {
        // The families are ordered by shared weight: the big platforms first.
        let named: Vec<&str> = cap
            .shared_families
            .iter()
            .take(3)
            .map(String::as_str)
            .collect();
        parts.push(format!("both operate {}", named.join(", ")));
    }
    if let Some(d) = &cap.deal {
        parts.push(d.clone());
    } else if let Some(n) = &cap.complement_note {
        parts.push(n.clone());
    }
    parts.push(match facts.access.first() {
        Some((n, since)) => format!("access agreement since {since} ({n})"),
        None => "no access agreement".to_string(),
    });
    if !facts.treaty.is_empty() || ties.present.iter().any(|p| p == "defence treaty") {
        parts.push("allied by treaty".into());
    }
    parts.push(match ties.last_exercise {
        Some(l) if l == y => format!("exercised together in {y}"),
        Some(l) => format!("no exercise since {l}"),
        None => "no recorded exercise".to_string(),
    });
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: u16, r: u16, year: i32, name: &str, tiv: f64) -> Delivery {
        Delivery {
            supplier: Ccode(s),
            recipient: Ccode(r),
            year,
            family: name.into(),
            category: "self-propelled gun".into(),
            designation: name.into(),
            tiv,
        }
    }

    #[test]
    fn a_category_match_is_not_worded_as_a_deal() {
        assert_eq!(
            category_match(Ccode(732), Ccode(317), "fighter aircraft"),
            "KOR exports fighter aircraft; SVK imports them"
        );
    }

    #[test]
    fn the_largest_real_deal_is_named_with_its_years() {
        let v = vec![
            d(732, 290, 2022, "K9 Thunder", 100.0),
            d(732, 290, 2024, "K9 Thunder", 100.0),
            d(290, 732, 2023, "Small thing", 5.0),
            d(732, 290, 2001, "Old deal", 900.0),
            d(732, 200, 2023, "Elsewhere", 900.0),
        ];
        assert_eq!(
            largest_deal(&v, Ccode(290), Ccode(732), 2024, 10).as_deref(),
            Some("deal: KOR→POL K9 Thunder, delivered 2022–2024 (SIPRI)")
        );
        assert_eq!(
            largest_deal(&v, Ccode(290), Ccode(732), 2010, 10).as_deref(),
            Some("deal: KOR→POL Old deal, delivered 2001 (SIPRI)")
        );
        assert_eq!(largest_deal(&v, Ccode(200), Ccode(732), 2021, 10), None);
    }
}
