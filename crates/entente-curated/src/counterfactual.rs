//! Hypothetical ties: the `--with FILE` format shared by `entente similarity` and the network
//! commands. A small TOML file adds or removes ties between states for a range of years:
//!
//! ```toml
//! [[tie]]
//! parties = ["GBR", "JPN"]          # two or more ISO3 (or COW) codes
//! kind = "defence_treaty"           # a tie kind (docs/curated.md)
//! obligations = ["defense", "consultation"]   # for defence treaties; default ["defense"]
//! from = 2024                       # first year
//! to = 2025                         # last year (default: from)
//! action = "add"                    # or "remove" (default: add)
//! ```
//!
//! Every pair of the parties gets (or loses) the tie in each year of the range. Removing takes away
//! ties of that kind between those parties, whatever their source.

use crate::parse::CurationError;
use entente_core::{Ccode, Crosswalk, Obligation, Obligations, TieKind};
use serde::Deserialize;

/// Add or remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The tie is added.
    Add,
    /// Ties of the kind between the parties are removed.
    Remove,
}

/// One hypothetical tie, resolved to COW codes.
#[derive(Debug, Clone, PartialEq)]
pub struct HypotheticalTie {
    /// The parties as written.
    pub codes: Vec<String>,
    /// Their COW codes (as of the first year).
    pub parties: Vec<Ccode>,
    /// The kind.
    pub kind: TieKind,
    /// Obligations (defence treaties).
    pub obligations: Obligations,
    /// First and last year.
    pub years: (i32, i32),
    /// Add or remove.
    pub action: Action,
    /// `file:line` of the entry.
    pub origin: String,
}

impl HypotheticalTie {
    /// Whether the tie applies in a year.
    pub fn in_year(&self, y: i32) -> bool {
        (self.years.0..=self.years.1).contains(&y)
    }

    /// Every pair of parties, `(low, high)`.
    pub fn pairs(&self) -> Vec<(Ccode, Ccode)> {
        let mut v = Vec::new();
        for (i, a) in self.parties.iter().enumerate() {
            for b in &self.parties[i + 1..] {
                if a != b {
                    v.push(if a < b { (*a, *b) } else { (*b, *a) });
                }
            }
        }
        v
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    tie: Vec<toml::Spanned<RawTie>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTie {
    parties: Vec<toml::Spanned<String>>,
    kind: toml::Spanned<String>,
    #[serde(default)]
    obligations: Option<Vec<toml::Spanned<String>>>,
    from: i32,
    #[serde(default)]
    to: Option<i32>,
    #[serde(default)]
    action: Option<String>,
}

/// Parses a counterfactual file's text; errors name the file and line.
pub fn parse_counterfactual(file: &str, text: &str) -> Result<Vec<HypotheticalTie>, CurationError> {
    let lines = entente_core::LineIndex::new(text);
    let line_of = |off: usize| lines.line(off);
    let err = |off: usize, m: String| CurationError {
        file: file.to_string(),
        line: line_of(off),
        message: m,
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        err(
            e.span().map(|s| s.start).unwrap_or(0),
            e.message().trim().replace('\n', " "),
        )
    })?;
    if raw.tie.is_empty() {
        return Err(err(0, "no [[tie]] entries".into()));
    }
    let mut out = Vec::new();
    for t in raw.tie {
        let off = t.span().start;
        let t = t.into_inner();
        // Errors about one value point at its own line; those about the whole tie at `[[tie]]`.
        let kind = TieKind::parse(t.kind.get_ref())
            .map_err(|e| err(t.kind.span().start, e.to_string()))?;
        let to = t.to.unwrap_or(t.from);
        if !(1816..=2100).contains(&t.from) || to < t.from || to > 2100 {
            return Err(err(
                off,
                format!("years {}–{to} are not a valid range", t.from),
            ));
        }
        let action = match t.action.as_deref().unwrap_or("add") {
            "add" => Action::Add,
            "remove" => Action::Remove,
            other => return Err(err(off, format!("action '{other}' must be add or remove"))),
        };
        let mut obligations = Obligations::NONE;
        match (&t.obligations, kind) {
            (Some(list), TieKind::DefenceTreaty) => {
                if list.is_empty() {
                    return Err(err(
                        off,
                        "a defence treaty needs at least one obligation (defense, offense, neutrality, nonaggression or consultation); leave `obligations` out for [\"defense\"]".to_string(),
                    ));
                }
                for o in list {
                    obligations.insert(
                        Obligation::parse(o.get_ref())
                            .map_err(|e| err(o.span().start, e.to_string()))?,
                    );
                }
            }
            (None, TieKind::DefenceTreaty) => obligations.insert(Obligation::Defense),
            (Some(_), k) => {
                return Err(err(
                    off,
                    format!("obligations belong to defence treaties, not to a {k}"),
                ))
            }
            (None, _) => {}
        }
        let day = entente_core::year_end(t.from);
        let mut parties = Vec::new();
        for code in &t.parties {
            parties.push(
                Crosswalk
                    .resolve_code(code.get_ref(), day)
                    .map_err(|e| err(code.span().start, e.to_string()))?,
            );
        }
        parties.sort_unstable();
        parties.dedup();
        if parties.len() < 2 {
            return Err(err(off, "a tie needs at least two distinct parties".into()));
        }
        out.push(HypotheticalTie {
            codes: t
                .parties
                .iter()
                .map(|c| c.get_ref().trim().to_ascii_uppercase())
                .collect(),
            parties,
            kind,
            obligations,
            years: (t.from, to),
            action,
            origin: format!("{file}:{}", line_of(off)),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_defence_treaty_with_no_obligation_is_refused() {
        let t = "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"defence_treaty\"\nobligations = []\nfrom = 2024\n";
        let e = parse_counterfactual("w.toml", t).unwrap_err();
        assert!(e.message.contains("at least one obligation"), "{e}");
        let ok = t.replace("[]", "[\"consultation\"]");
        let t = parse_counterfactual("w.toml", &ok).unwrap();
        assert!(t[0].obligations.has(Obligation::Consultation));
        assert!(!t[0].obligations.has(Obligation::Defense));
    }

    #[test]
    fn parses_and_names_lines_of_errors() {
        let ok = "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"defence_treaty\"\nfrom = 2024\n";
        let t = parse_counterfactual("w.toml", ok).unwrap();
        assert_eq!(t[0].parties, vec![Ccode(200), Ccode(740)]);
        assert_eq!(t[0].years, (2024, 2024));
        assert!(t[0].obligations.has(Obligation::Defense));
        assert_eq!(t[0].action, Action::Add);
        let bad = "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"defence_treaty\"\nfrom = 2024\n\n[[tie]]\nparties = [\"GBR\", \"XYZ\"]\nkind = \"partnership\"\nfrom = 2024\n";
        let e = parse_counterfactual("w.toml", bad).unwrap_err();
        assert_eq!(e.line, 7, "the parties line: {e}");
        assert!(e.message.contains("XYZ"));
        let e = parse_counterfactual(
            "w.toml",
            "[[tie]]\nparties = [\"GBR\"]\nkind = \"x\"\nfrom = 2024\n",
        )
        .unwrap_err();
        assert!(e.message.contains("'x'"), "{e}");
        assert_eq!(e.line, 3, "the kind line: {e}");
        let e = parse_counterfactual(
            "w.toml",
            "[[tie]]\nparties = [\"GBR\", \"JPN\"]\nkind = \"exercise\"\nfrom = 2024\ncolour = 1\n",
        )
        .unwrap_err();
        assert!(e.message.contains("colour"), "{e}");
    }
}
