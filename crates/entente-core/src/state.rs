//! States, regions and analytic groups.

use crate::error::CoreError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Correlates of War state code (`ccode`), the key every dataset joins on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ccode(pub u16);

impl fmt::Display for Ccode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The United States (COW 2), the hub of both alliance systems.
pub const US: Ccode = Ccode(2);
/// The challengers: China (710), Russia/Soviet Union (365) and North Korea (731).
pub const CHALLENGERS: [Ccode; 3] = [Ccode(710), Ccode(365), Ccode(731)];

/// A geographic region, following the blocks of the COW code ranges, with one departure:
/// Turkey (640) is placed in Europe, as a NATO ally in the European theatre, not in the Middle East.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// The United States and Canada (COW 2, 20).
    NorthAmerica,
    /// The Caribbean, Central and South America (COW 31–165).
    LatinAmerica,
    /// Europe (COW 200–399, and Turkey), including Russia and the Caucasus.
    Europe,
    /// Sub-Saharan and North Africa (COW 400–626).
    Africa,
    /// The Middle East (COW 630–698, less Turkey).
    MiddleEast,
    /// Central and South Asia (COW 700–705, 750–790).
    SouthCentralAsia,
    /// East Asia, South-East Asia and the Pacific (COW 710–740, 800–990).
    EastAsiaPacific,
}

impl Region {
    /// The selectors accepted on the command line, for regions and groups alike.
    pub const SELECTORS: &'static [&'static str] = &[
        "europe",
        "east-asia",
        "north-america",
        "latin-america",
        "africa",
        "middle-east",
        "south-central-asia",
        "challengers",
        "us",
    ];

    /// The region's display name.
    pub fn label(self) -> &'static str {
        match self {
            Region::NorthAmerica => "North America",
            Region::LatinAmerica => "Latin America & Caribbean",
            Region::Europe => "Europe",
            Region::Africa => "Africa",
            Region::MiddleEast => "Middle East",
            Region::SouthCentralAsia => "South & Central Asia",
            Region::EastAsiaPacific => "East Asia & Pacific",
        }
    }
}

/// An analytic group: the regions as Entente's argument uses them. The challengers are taken out of
/// their geographic regions into a group of their own, so that "Europe" means the European states
/// other than Russia, and "East Asia & Pacific" the states of that region other than China and
/// North Korea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// The United States.
    Us,
    /// A geographic region, less the US and the challengers.
    Region(Region),
    /// China, Russia and North Korea.
    Challengers,
}

impl Group {
    /// Parses a command-line selector such as `europe`, `east-asia` or `challengers`.
    pub fn parse(s: &str) -> Result<Group, CoreError> {
        let key = s
            .to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "and")
            .collect::<Vec<_>>()
            .join("-");
        Ok(match key.as_str() {
            "europe" | "eu" | "european" => Group::Region(Region::Europe),
            "east-asia" | "east-asia-pacific" | "eap" | "asia-pacific" | "indo-pacific" => {
                Group::Region(Region::EastAsiaPacific)
            }
            "north-america" => Group::Region(Region::NorthAmerica),
            "latin-america" => Group::Region(Region::LatinAmerica),
            "africa" => Group::Region(Region::Africa),
            "middle-east" => Group::Region(Region::MiddleEast),
            "south-central-asia" | "south-asia" | "central-asia" => {
                Group::Region(Region::SouthCentralAsia)
            }
            "challengers" => Group::Challengers,
            "us" | "usa" | "united-states" => Group::Us,
            _ => return Err(CoreError::UnknownRegion(s.to_string())),
        })
    }

    /// The group of a state.
    pub fn of(ccode: Ccode) -> Option<Group> {
        if ccode == US {
            return Some(Group::Us);
        }
        if CHALLENGERS.contains(&ccode) {
            return Some(Group::Challengers);
        }
        StateInfo::get(ccode).map(|s| Group::Region(s.region))
    }

    /// Whether a state belongs to this group.
    pub fn contains(self, ccode: Ccode) -> bool {
        Group::of(ccode) == Some(self)
    }

    /// The group's display name.
    pub fn label(self) -> &'static str {
        match self {
            Group::Us => "United States",
            Group::Region(r) => r.label(),
            Group::Challengers => "Challengers",
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One state of the COW state system, with its ISO 3166 alpha-3 code and its region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StateInfo {
    /// The COW code.
    pub ccode: Ccode,
    /// The COW abbreviation (`UKG`, `GFR`, `ROK`, …).
    pub cow_abb: &'static str,
    /// The ISO 3166-1 alpha-3 code; ISO 3166-3 for historic states (`DDR`, `CSK`, `YMD`), `RVN` for
    /// South Vietnam, `XKX` for Kosovo; none for the German and Italian states of the 19th century.
    pub iso3: Option<&'static str>,
    /// The state's short name: COW's, with the current short names of states that renamed
    /// themselves (North Macedonia, Czechia, Eswatini, Türkiye, Cabo Verde); the old names still
    /// resolve through `tables/names.csv`.
    pub name: &'static str,
    /// The geographic region.
    pub region: Region,
}

pub(crate) use crate::crosswalk::{NameKind, NameRow, NonStateKind};
include!(concat!(env!("OUT_DIR"), "/tables.rs"));

impl StateInfo {
    /// Every state in the table, ordered by COW code.
    pub fn all() -> &'static [StateInfo] {
        STATES
    }

    /// The state with this COW code.
    pub fn get(ccode: Ccode) -> Option<&'static StateInfo> {
        match INDEX.get(usize::from(ccode.0)) {
            Some(&i) if i > 0 => STATES.get(usize::from(i) - 1),
            _ => None,
        }
    }

    /// The state with this COW code, or an error naming the code.
    pub fn require(ccode: Ccode) -> Result<&'static StateInfo, CoreError> {
        Self::get(ccode).ok_or(CoreError::UnknownCcode(ccode.0))
    }

    /// The ISO3 code, or the COW abbreviation for the few states that have none.
    pub fn code(&self) -> &'static str {
        self.iso3.unwrap_or(self.cow_abb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert!(STATES.windows(2).all(|w| w[0].ccode < w[1].ccode));
        assert_eq!(STATES.len(), 217, "one row per COW code in states2016");
        assert_eq!(
            StateInfo::get(Ccode(740)).map(|s| s.iso3),
            Some(Some("JPN"))
        );
        assert_eq!(StateInfo::get(Ccode(1)), None);
        assert_eq!(StateInfo::get(Ccode(999)), None);
        assert_eq!(StateInfo::get(Ccode(65535)), None);
        for s in STATES {
            assert_eq!(StateInfo::get(s.ccode), Some(s));
        }
    }

    #[test]
    fn groups_take_challengers_out_of_regions() {
        assert_eq!(Group::of(Ccode(365)), Some(Group::Challengers));
        assert_eq!(Group::of(Ccode(710)), Some(Group::Challengers));
        assert_eq!(Group::of(Ccode(731)), Some(Group::Challengers));
        assert_eq!(Group::of(Ccode(200)), Some(Group::Region(Region::Europe)));
        assert_eq!(Group::of(Ccode(640)), Some(Group::Region(Region::Europe)));
        assert_eq!(
            Group::of(Ccode(732)),
            Some(Group::Region(Region::EastAsiaPacific))
        );
        assert_eq!(
            Group::of(Ccode(900)),
            Some(Group::Region(Region::EastAsiaPacific))
        );
        assert_eq!(Group::of(US), Some(Group::Us));
        assert_eq!(
            Group::of(Ccode(20)),
            Some(Group::Region(Region::NorthAmerica))
        );
    }

    #[test]
    fn selectors_parse_and_unknown_ones_are_named() {
        for s in Region::SELECTORS {
            assert!(Group::parse(s).is_ok(), "{s}");
        }
        assert_eq!(
            Group::parse("East Asia & Pacific"),
            Ok(Group::Region(Region::EastAsiaPacific))
        );
        let err = Group::parse("atlantis").unwrap_err().to_string();
        assert!(err.contains("atlantis"), "{err}");
    }
}

/// A state as outputs name it: COW code, ISO3 code (the COW abbreviation where there is none) and
/// name. Serialises as `{ccode, iso3, name}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateRef {
    /// The COW code.
    pub ccode: u16,
    /// The ISO3 code (the COW abbreviation where there is none).
    pub iso3: String,
    /// The name.
    pub name: String,
}

impl StateRef {
    /// The state of a COW code; a code the crosswalk does not know is shown by number.
    pub fn of(c: Ccode) -> StateRef {
        match StateInfo::get(c) {
            Some(s) => StateRef {
                ccode: c.0,
                iso3: s.code().to_string(),
                name: s.name.to_string(),
            },
            None => StateRef {
                ccode: c.0,
                iso3: c.0.to_string(),
                name: format!("COW {}", c.0),
            },
        }
    }
}
