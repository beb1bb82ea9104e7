//! The country crosswalk: COW codes, ISO3 codes, and the names used by SIPRI and the UN data.
//!
//! The tables live in `crates/entente-core/tables/` and are compiled in by the build script:
//! - `states.csv`: one row per COW code, with the COW abbreviation, the ISO3 code, the COW name and a
//!   region;
//! - `names.csv`: every name the SIPRI arms-transfer register, the SIPRI military-expenditure files and
//!   the UN ideal-point files use, plus common variants, each mapped to a COW code (bounded by years
//!   where one name covers two COW states, e.g. SIPRI's "Germany") or classed as a non-state entry.
//!
//! An unknown name is an error that names it. SIPRI's own markers are honoured for names not in the
//! table: a trailing `**` marks an international organisation and a trailing `*` a non-state armed
//! group (see the preamble of SIPRI's trade register).

use crate::date::DateSpan;
use crate::error::CoreError;
use crate::state::{Ccode, StateInfo, STATES};
use crate::Date;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a name in the crosswalk stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A state of the COW system.
    State,
    /// Something that is not a state.
    NonState(NonStateKind),
}

/// The kinds of non-state entries found in the SIPRI and UN files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NonStateKind {
    /// An international organisation (NATO, the EU, the UN, the African Union…); SIPRI marks them `**`.
    Organisation,
    /// A rebel or armed group; SIPRI marks them `*`.
    ArmedGroup,
    /// A dependent territory (e.g. Aruba).
    Territory,
    /// An entity that is not a member of the COW state system (Palestine, Northern Cyprus, Western
    /// Sahara).
    Unrecognised,
    /// SIPRI's "unknown supplier(s)" and "unknown recipient(s)".
    Unknown,
}

impl NonStateKind {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            NonStateKind::Organisation => "international organisation",
            NonStateKind::ArmedGroup => "non-state armed group",
            NonStateKind::Territory => "dependent territory",
            NonStateKind::Unrecognised => "not a COW system member",
            NonStateKind::Unknown => "unknown party",
        }
    }
}

/// One row of `names.csv`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameRow {
    pub name: &'static str,
    pub ccode: Option<Ccode>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub kind: NameKind,
}

/// The result of looking a name up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// A state: the COW codes the name stands for, each with the years it covers (inclusive;
    /// `None` is open).
    State(Vec<(Option<i32>, Option<i32>, Ccode)>),
    /// A non-state entry.
    NonState(NonStateKind),
}

/// A day as `(year, month, day)`, for the static tables below.
type Ymd = (i32, u32, u32);
/// One COW code an ISO3 code stands for, with its first and last day (`None` is open).
type CodeSpell = (u16, Option<Ymd>, Option<Ymd>);

/// ISO3 codes that follow a state across two COW codes, with the COW code for each period.
const ISO3_SPELLS: &[(&str, &[CodeSpell])] = &[
    (
        "DEU",
        &[
            (255, None, Some((1945, 5, 8))),
            (260, Some((1945, 5, 9)), Some((1990, 10, 2))),
            (255, Some((1990, 10, 3)), None),
        ],
    ),
    (
        "CZE",
        &[
            (315, None, Some((1992, 12, 31))),
            (316, Some((1993, 1, 1)), None),
        ],
    ),
    (
        "YEM",
        &[
            (678, None, Some((1990, 5, 21))),
            (679, Some((1990, 5, 22)), None),
        ],
    ),
];

/// Extra codes accepted for states whose ISO3 code in the table is another one.
const ISO3_ALIASES: &[(&str, u16)] = &[
    ("SUN", 365),
    ("YUG", 345),
    ("YAR", 678),
    ("GFR", 260),
    ("FRG", 260),
    ("KOS", 347),
    ("ROC", 713),
];

/// The crosswalk. It is a zero-sized handle over static tables; lookups build an index once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Crosswalk;

fn ymd(t: Ymd) -> Date {
    // The table above is ours and every entry is a valid date; fall back to the epoch rather than panic.
    Date::from_ymd_opt(t.0, t.1, t.2).unwrap_or_default()
}

/// Repairs text that was UTF-8, read as Latin-1 (or Windows-1252) and written again as UTF-8, such as
/// `SÃ£o TomÃ©` for `São Tomé` in the UN July 2025 file. Text that is not of that shape is returned
/// unchanged.
pub fn repair_mojibake(s: &str) -> String {
    if s.is_ascii() || !s.chars().any(|c| ('\u{80}'..='\u{ff}').contains(&c)) {
        return s.to_string();
    }
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        if cp <= 0xff {
            bytes.push(cp as u8);
        } else {
            // Windows-1252's printable extras in 0x80..0x9f.
            let b = match c {
                '€' => 0x80,
                '‚' => 0x82,
                'ƒ' => 0x83,
                '„' => 0x84,
                '…' => 0x85,
                '†' => 0x86,
                '‡' => 0x87,
                'ˆ' => 0x88,
                '‰' => 0x89,
                'Š' => 0x8a,
                '‹' => 0x8b,
                'Œ' => 0x8c,
                'Ž' => 0x8e,
                '‘' => 0x91,
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '˜' => 0x98,
                '™' => 0x99,
                'š' => 0x9a,
                '›' => 0x9b,
                'œ' => 0x9c,
                'ž' => 0x9e,
                'Ÿ' => 0x9f,
                _ => return s.to_string(),
            };
            bytes.push(b);
        }
    }
    match String::from_utf8(bytes) {
        Ok(fixed) => fixed,
        Err(_) => s.to_string(),
    }
}

fn normalise(name: &str) -> String {
    let fixed = repair_mojibake(name.trim());
    let mut out = String::with_capacity(fixed.len());
    let mut space = false;
    for c in fixed.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            c => c,
        };
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out.trim_end().to_string()
}

fn name_index() -> &'static HashMap<String, NameMatch> {
    static INDEX: OnceLock<HashMap<String, NameMatch>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: HashMap<String, NameMatch> = HashMap::new();
        for s in STATES {
            map.insert(
                normalise(s.name),
                NameMatch::State(vec![(None, None, s.ccode)]),
            );
        }
        // names.csv takes precedence over the COW names: it carries the year bounds.
        let mut from_table: HashMap<String, NameMatch> = HashMap::new();
        for row in crate::state::NAMES {
            let key = normalise(row.name);
            match (row.kind, row.ccode) {
                (NameKind::State, Some(c)) => {
                    let entry = from_table
                        .entry(key)
                        .or_insert_with(|| NameMatch::State(Vec::new()));
                    if let NameMatch::State(v) = entry {
                        v.push((row.from_year, row.to_year, c));
                    }
                }
                (NameKind::NonState(k), _) => {
                    from_table.insert(key, NameMatch::NonState(k));
                }
                (NameKind::State, None) => {}
            }
        }
        map.extend(from_table);
        map
    })
}

impl Crosswalk {
    /// Looks up a country name as SIPRI, the UN or a user writes it.
    pub fn lookup(&self, name: &str) -> Result<NameMatch, CoreError> {
        if let Some(m) = name_index().get(&normalise(name)) {
            return Ok(m.clone());
        }
        let t = name.trim();
        if t.ends_with("**") {
            return Ok(NameMatch::NonState(NonStateKind::Organisation));
        }
        if t.ends_with('*') {
            return Ok(NameMatch::NonState(NonStateKind::ArmedGroup));
        }
        Err(CoreError::UnknownName(name.to_string()))
    }

    /// The COW code a name stands for in a year. A non-state name gives `Ok(None)`; an unknown name,
    /// or a state name that names no state in that year, is an error.
    pub fn ccode_in_year(&self, name: &str, year: i32) -> Result<Option<Ccode>, CoreError> {
        match self.lookup(name)? {
            NameMatch::NonState(_) => Ok(None),
            NameMatch::State(spells) => spells
                .iter()
                .find(|(a, b, _)| a.is_none_or(|a| a <= year) && b.is_none_or(|b| year <= b))
                .map(|(_, _, c)| Some(*c))
                .ok_or_else(|| CoreError::NoStateInYear {
                    name: name.to_string(),
                    year,
                }),
        }
    }

    /// The COW code an ISO3 code or a numeric COW code stands for on a date. `DEU` is West Germany
    /// (260) from 1945 to 2 October 1990 and Germany (255) otherwise; `CZE` is Czechoslovakia (315)
    /// before 1993; `YEM` is North Yemen (678) before 22 May 1990.
    pub fn resolve_code(&self, code: &str, on: Date) -> Result<Ccode, CoreError> {
        let spells = self.code_spells(code)?;
        spells
            .iter()
            .find(|(_, span)| span.contains(on))
            .or_else(|| spells.last())
            .map(|(c, _)| *c)
            .ok_or_else(|| CoreError::UnknownStateCode(code.to_string()))
    }

    /// The COW codes an ISO3 or numeric code stands for, each with the dates it covers. Most codes
    /// have one open-ended spell.
    pub fn code_spells(&self, code: &str) -> Result<Vec<(Ccode, DateSpan)>, CoreError> {
        let t = code.trim();
        if t.is_empty() {
            return Err(CoreError::UnknownStateCode(code.to_string()));
        }
        if let Ok(n) = t.parse::<u16>() {
            return StateInfo::get(Ccode(n))
                .map(|s| vec![(s.ccode, DateSpan::always())])
                .ok_or_else(|| CoreError::UnknownStateCode(code.to_string()));
        }
        let up = t.to_ascii_uppercase();
        if let Some((_, spells)) = ISO3_SPELLS.iter().find(|(k, _)| *k == up) {
            return Ok(spells
                .iter()
                .map(|(c, a, b)| {
                    (
                        Ccode(*c),
                        DateSpan {
                            start: a.map(ymd).unwrap_or(Date::MIN),
                            end: b.map(ymd),
                        },
                    )
                })
                .collect());
        }
        if let Some((_, c)) = ISO3_ALIASES.iter().find(|(k, _)| *k == up) {
            return Ok(vec![(Ccode(*c), DateSpan::always())]);
        }
        let hits: Vec<&StateInfo> = STATES
            .iter()
            .filter(|s| s.iso3 == Some(up.as_str()))
            .collect();
        match hits.as_slice() {
            [one] => Ok(vec![(one.ccode, DateSpan::always())]),
            _ => Err(CoreError::UnknownStateCode(code.to_string())),
        }
    }

    /// The ISO3 code (or, where a state has none, its COW abbreviation) of a COW code.
    pub fn iso3(&self, ccode: Ccode) -> Result<&'static str, CoreError> {
        StateInfo::require(ccode).map(|s| s.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn sipri_and_un_spellings_map() {
        let cw = Crosswalk;
        for (name, year, want) in [
            ("Korea, South", 2000, 732),
            ("South Korea", 2000, 732),
            ("Viet Nam", 2000, 816),
            ("Türkiye", 2023, 640),
            ("Turkiye", 2023, 640),
            ("Russia", 2020, 365),
            ("Soviet Union", 1970, 365),
            ("USSR", 1970, 365),
            ("Germany (FRG)", 1970, 260),
            ("Germany", 1970, 260),
            ("Germany", 2000, 255),
            ("United States of America", 2000, 2),
            ("Congo, DR", 2000, 490),
            ("Myanmar (Burma)", 2000, 775),
            ("  korea,   south ", 2000, 732),
        ] {
            assert_eq!(
                cw.ccode_in_year(name, year),
                Ok(Some(Ccode(want))),
                "{name} {year}"
            );
        }
    }

    #[test]
    fn non_state_entries_are_recognised_not_mapped() {
        let cw = Crosswalk;
        for name in [
            "NATO**",
            "NATO",
            "unknown recipient(s)",
            "Hezbollah (Lebanon)*",
            "Some new rebels (Nowhere)*",
            "European Union",
        ] {
            assert_eq!(cw.ccode_in_year(name, 2000), Ok(None), "{name}");
        }
    }

    #[test]
    fn unknown_names_are_errors_that_name_them() {
        let err = Crosswalk.lookup("Atlantis").unwrap_err();
        assert_eq!(err, CoreError::UnknownName("Atlantis".into()));
        assert!(err.to_string().contains("Atlantis"));
    }

    #[test]
    fn mojibake_is_repaired() {
        assert_eq!(
            repair_mojibake("SÃ£o TomÃ© & PrÃ\u{ad}ncipe"),
            "São Tomé & Príncipe"
        );
        assert_eq!(
            repair_mojibake("CÃ´te dâ\u{80}\u{99}Ivoire"),
            "Côte d’Ivoire"
        );
        assert_eq!(repair_mojibake("Côte d’Ivoire"), "Côte d’Ivoire");
        assert_eq!(
            Crosswalk.ccode_in_year("CÃ´te dâ\u{80}\u{99}Ivoire", 2000),
            Ok(Some(Ccode(437)))
        );
    }

    #[test]
    fn codes_follow_states_through_time() {
        let cw = Crosswalk;
        assert_eq!(cw.resolve_code("DEU", d(1960, 1, 1)), Ok(Ccode(260)));
        assert_eq!(cw.resolve_code("DEU", d(1990, 10, 2)), Ok(Ccode(260)));
        assert_eq!(cw.resolve_code("DEU", d(1990, 10, 3)), Ok(Ccode(255)));
        assert_eq!(cw.resolve_code("deu", d(2024, 1, 1)), Ok(Ccode(255)));
        assert_eq!(cw.resolve_code("CZE", d(1992, 1, 1)), Ok(Ccode(315)));
        assert_eq!(cw.resolve_code("CZE", d(1999, 3, 12)), Ok(Ccode(316)));
        assert_eq!(cw.resolve_code("740", d(2000, 1, 1)), Ok(Ccode(740)));
        assert_eq!(cw.resolve_code("KOR", d(2000, 1, 1)), Ok(Ccode(732)));
        assert_eq!(cw.resolve_code("TWN", d(1960, 1, 1)), Ok(Ccode(713)));
        assert_eq!(
            cw.resolve_code("XXX", d(2000, 1, 1)),
            Err(CoreError::UnknownStateCode("XXX".into()))
        );
        assert_eq!(
            cw.resolve_code("9999", d(2000, 1, 1)),
            Err(CoreError::UnknownStateCode("9999".into()))
        );
    }

    #[test]
    fn every_iso3_in_the_table_resolves_to_its_state() {
        for s in STATES {
            if let Some(iso) = s.iso3 {
                let spells = Crosswalk.code_spells(iso).unwrap();
                assert!(spells.iter().any(|(c, _)| *c == s.ccode), "{iso}");
            }
        }
    }
}
