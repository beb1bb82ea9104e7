//! The network figure's names and categories: a tie's colour category, a state's label, a
//! multilateral record's short label.

use entente_core::{Ccode, StateInfo, Tie, TieKind, TieScope};
use entente_style::TieCategory;

/// The category of a tie as the figure colours it.
pub fn tie_category(t: &Tie) -> TieCategory {
    if t.scope() == TieScope::Framework {
        return TieCategory::Framework;
    }
    match t.kind {
        TieKind::DefenceTreaty => TieCategory::DefenceTreaty,
        TieKind::DefenceCooperation => TieCategory::DefenceCooperation,
        TieKind::AccessAgreement => TieCategory::AccessAgreement,
        TieKind::Partnership => TieCategory::Partnership,
        TieKind::Exercise => TieCategory::Exercise,
        TieKind::ArmsIndustrial | TieKind::ArmsDeal => TieCategory::Arms,
    }
}

/// Strength order for drawing one line per pair: the most binding kind wins.
pub(super) fn rank(c: TieCategory) -> usize {
    TieCategory::ALL.iter().position(|x| *x == c).unwrap_or(9)
}

pub(super) fn iso(c: Ccode) -> String {
    StateInfo::get(c)
        .and_then(|s| s.iso3)
        .unwrap_or("?")
        .to_string()
}

pub(super) fn name(c: Ccode) -> String {
    StateInfo::get(c).map_or_else(|| iso(c), |s| s.name.to_string())
}

/// A short label for a multilateral record: its acronym in brackets if it has one; else its name
/// if short; else the leading code word and the last word ("AUKUS partnership", "F-35 programme");
/// else the initials of a capitalised name ("FPDA"); else the first words, cut.
pub(super) fn short(name: &str) -> String {
    let base = name.split(" (").next().unwrap_or(name).trim();
    if let (Some(a), Some(b)) = (name.rfind('('), name.rfind(')')) {
        let inner = &name[a + 1..b.max(a + 1)];
        if b > a + 1
            && inner.len() <= 8
            && inner
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        {
            return inner.to_string();
        }
    }
    if base.chars().count() <= 18 {
        return base.to_string();
    }
    let words: Vec<&str> = base.split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    let code = first.len() >= 3
        && first
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if code && words.len() > 1 {
        return format!("{first} {}", words[words.len() - 1]);
    }
    let caps: Vec<&&str> = words.iter().filter(|w| w.len() > 3).collect();
    if caps.len() >= 2
        && caps
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
    {
        return words
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .map(|w| w.chars().next().unwrap_or(' '))
            .collect();
    }
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() + 1 > 20 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_use_the_acronym() {
        assert_eq!(short("Five Power Defence Arrangements (FPDA)"), "FPDA");
        assert_eq!(
            short("Multinational exercise with the Italian Cavour carrier strike group"),
            "Multinational…"
        );
        assert_eq!(
            short("AUKUS enhanced trilateral security partnership"),
            "AUKUS partnership"
        );
        assert_eq!(short("F-35 Joint Strike Fighter programme (Production, Sustainment and Follow-on Development MOU)"), "F-35 programme");
    }
}
