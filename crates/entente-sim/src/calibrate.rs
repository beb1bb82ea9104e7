//! Calibration: each state's military expenditure (SIPRI, constant 2024 US$), personnel (COW NMC)
//! and spending share of GDP for a year, from the data directory or from the built-in figures, and
//! the force index and distance discount of `docs/model.md` §2.

use crate::error::{Result, SimError};
use crate::scenario::{CalibrationSource, Scenario};
use entente_core::{year_end, Crosswalk, ManifestInput};
use entente_data::{DataError, Store};
use serde::Serialize;

/// A state of the built-in table: its capital and its figures for [`BUILTIN_YEAR`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuiltinState {
    /// ISO3 code.
    pub iso3: &'static str,
    /// COW code.
    pub ccode: u16,
    /// Capital latitude.
    pub lat: f64,
    /// Capital longitude.
    pub lon: f64,
    /// SIPRI military expenditure, constant (2024) US$ bn, 2024 (`None`: SIPRI has none).
    pub milex_bn: Option<f64>,
    /// SIPRI military expenditure as a share of GDP, 2024.
    pub gdp_share: Option<f64>,
    /// COW NMC 6.0 military personnel, thousands, 2016 (the last NMC year).
    pub milper_k: f64,
}

/// The year of the built-in figures.
pub const BUILTIN_YEAR: i32 = 2024;

/// The last year of COW NMC 6.0.
pub const NMC_LAST_YEAR: i32 = 2016;

/// How many years back a missing SIPRI figure may be taken from.
pub const MILEX_LOOKBACK: i32 = 5;

/// The built-in figures, transcribed from the SIPRI Milex 2025 release (constant 2024 US$ and share
/// of GDP, 2024) and COW NMC 6.0 (milper, 2016); `tests/real_data.rs` checks them against the
/// readers. Capitals: rounded coordinates of each capital.
#[rustfmt::skip]
pub static BUILTIN: &[BuiltinState] = &[
    BuiltinState { iso3: "USA", ccode: 2, lat: 38.9, lon: -77.04, milex_bn: Some(968.3815948509097), gdp_share: Some(0.03419216532280439), milper_k: 1381.0 },
    BuiltinState { iso3: "RUS", ccode: 365, lat: 55.76, lon: 37.62, milex_bn: Some(150.53399675193992), gdp_share: Some(0.07052338645003664), milper_k: 798.0 },
    BuiltinState { iso3: "CHN", ccode: 710, lat: 39.91, lon: 116.39, milex_bn: Some(317.5610423249247), gdp_share: Some(0.017112974034522842), milper_k: 2333.0 },
    BuiltinState { iso3: "PRK", ccode: 731, lat: 39.02, lon: 125.75, milex_bn: None, gdp_share: None, milper_k: 1190.0 },
    BuiltinState { iso3: "GBR", ccode: 200, lat: 51.51, lon: -0.13, milex_bn: Some(77.38995642650949), gdp_share: Some(0.02278617790112704), milper_k: 155.0 },
    BuiltinState { iso3: "FRA", ccode: 220, lat: 48.86, lon: 2.35, milex_bn: Some(63.13497033607691), gdp_share: Some(0.02052576878606367), milper_k: 209.0 },
    BuiltinState { iso3: "DEU", ccode: 255, lat: 52.52, lon: 13.4, milex_bn: Some(86.30128701969642), gdp_share: Some(0.018919037720549366), milper_k: 179.0 },
    BuiltinState { iso3: "POL", ccode: 290, lat: 52.23, lon: 21.01, milex_bn: Some(34.48834588225215), gdp_share: Some(0.041543938797535616), milper_k: 99.0 },
    BuiltinState { iso3: "ITA", ccode: 325, lat: 41.9, lon: 12.5, milex_bn: Some(37.44404495666164), gdp_share: Some(0.016092456124584358), milper_k: 175.0 },
    BuiltinState { iso3: "EST", ccode: 366, lat: 59.44, lon: 24.75, milex_bn: Some(1.3926579125761442), gdp_share: Some(0.033740022182460076), milper_k: 6.0 },
    BuiltinState { iso3: "LVA", ccode: 367, lat: 56.95, lon: 24.11, milex_bn: Some(1.4047713519101135), gdp_share: Some(0.032579915453517065), milper_k: 5.0 },
    BuiltinState { iso3: "LTU", ccode: 368, lat: 54.69, lon: 25.28, milex_bn: Some(2.6020612717950917), gdp_share: Some(0.03118174864402894), milper_k: 16.0 },
    BuiltinState { iso3: "NOR", ccode: 385, lat: 59.91, lon: 10.75, milex_bn: Some(10.285498860115123), gdp_share: Some(0.020912411119317464), milper_k: 26.0 },
    BuiltinState { iso3: "DNK", ccode: 390, lat: 55.68, lon: 12.57, milex_bn: Some(9.781648831013113), gdp_share: Some(0.024161745416059133), milper_k: 17.0 },
    BuiltinState { iso3: "FIN", ccode: 375, lat: 60.17, lon: 24.94, milex_bn: Some(6.893946825837601), gdp_share: Some(0.022997917371259724), milper_k: 22.0 },
    BuiltinState { iso3: "SWE", ccode: 380, lat: 59.33, lon: 18.07, milex_bn: Some(11.718548095512183), gdp_share: Some(0.01997717388101682), milper_k: 30.0 },
    BuiltinState { iso3: "JPN", ccode: 740, lat: 35.68, lon: 139.69, milex_bn: Some(58.39927957175824), gdp_share: Some(0.013713968958063434), milper_k: 247.0 },
    BuiltinState { iso3: "KOR", ccode: 732, lat: 37.57, lon: 126.98, milex_bn: Some(48.47349894472141), gdp_share: Some(0.025620525938674844), milper_k: 628.0 },
    BuiltinState { iso3: "AUS", ccode: 900, lat: -35.28, lon: 149.13, milex_bn: Some(33.005837975733215), gdp_share: Some(0.018837883329174996), milper_k: 57.0 },
    BuiltinState { iso3: "PHL", ccode: 840, lat: 14.6, lon: 120.98, milex_bn: Some(6.097426796468395), gdp_share: Some(0.013242689534661232), milper_k: 125.0 },
    BuiltinState { iso3: "TWN", ccode: 713, lat: 25.03, lon: 121.57, milex_bn: Some(16.634732847177883), gdp_share: Some(0.020981143723021956), milper_k: 215.0 },
    BuiltinState { iso3: "CAN", ccode: 20, lat: 45.42, lon: -75.7, milex_bn: Some(29.065922006541175), gdp_share: Some(0.013130341957891931), milper_k: 66.0 },
    BuiltinState { iso3: "NLD", ccode: 210, lat: 52.37, lon: 4.9, milex_bn: Some(22.439234721363192), gdp_share: Some(0.01916425417591194), milper_k: 36.0 },
    BuiltinState { iso3: "ESP", ccode: 230, lat: 40.42, lon: -3.7, milex_bn: Some(23.926441391807987), gdp_share: Some(0.014321073740691397), milper_k: 122.0 },
    BuiltinState { iso3: "TUR", ccode: 640, lat: 39.93, lon: 32.86, milex_bn: Some(21.884408730506596), gdp_share: Some(0.019225523127637117), milper_k: 511.0 },
    BuiltinState { iso3: "ROU", ccode: 360, lat: 44.43, lon: 26.1, milex_bn: Some(8.065754523829307), gdp_share: Some(0.022981524579159102), milper_k: 71.0 },
    BuiltinState { iso3: "GRC", ccode: 350, lat: 37.98, lon: 23.73, milex_bn: Some(7.785631037775642), gdp_share: Some(0.031279753655014855), milper_k: 143.0 },
];

/// Expenditure assumed where neither SIPRI nor NMC has a figure (US$ bn), with the reason.
pub static ASSUMED_MILEX: &[(&str, f64, &str)] = &[(
    "PRK",
    4.0,
    "North Korea: no SIPRI or NMC expenditure; assumed US$ 4 bn, the order of the US State Department's WMEAT estimates (about US$ 3.6 bn a year, 2007-2017)",
)];

/// SIPRI TIV (millions) delivered between the challengers' states, 2015–2024: `(supplier,
/// recipient, year, TIV)`, each deal's delivered TIV spread evenly over its years of delivery as
/// `entente-data`'s `TradeRegister::tiv_flows` does, from the trade register generated 18 May 2026;
/// `tests/real_data.rs` checks them against the reader. Pairs and years not listed had no
/// deliveries in the register.
#[rustfmt::skip]
pub static BUILTIN_TRANSFERS: &[(&str, &str, i32, f64)] = &[
    ("CHN", "RUS", 2018, 5.6000000000000005),
    ("CHN", "RUS", 2019, 5.6000000000000005),
    ("CHN", "RUS", 2021, 5.6000000000000005),
    ("CHN", "RUS", 2022, 5.6000000000000005),
    ("CHN", "RUS", 2023, 6.800000000000001),
    ("PRK", "RUS", 2023, 62.0),
    ("PRK", "RUS", 2024, 108.39999999999999),
    ("RUS", "CHN", 2015, 672.7221001221001),
    ("RUS", "CHN", 2016, 1076.4959096459097),
    ("RUS", "CHN", 2017, 1053.601266788767),
    ("RUS", "CHN", 2018, 1812.8889652014652),
    ("RUS", "CHN", 2019, 1243.198489010989),
    ("RUS", "CHN", 2020, 475.3779761904762),
    ("RUS", "CHN", 2021, 392.1527777777778),
    ("RUS", "CHN", 2022, 394.30662393162396),
    ("RUS", "CHN", 2023, 280.7232905982906),
    ("RUS", "CHN", 2024, 182.625),
];

/// The years of the built-in transfers.
pub const BUILTIN_TRANSFER_YEARS: (i32, i32) = (2015, 2024);

/// One year's TIV delivered from one challenger state to another (the capability-transfer
/// channel's input, `docs/model.md` §4.2).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct TransferFigure {
    /// The supplier (ISO3).
    pub supplier: String,
    /// The recipient (ISO3).
    pub recipient: String,
    /// The year of delivery.
    pub year: i32,
    /// SIPRI TIV delivered (millions).
    pub tiv_m: f64,
}

/// The challenger states of a scenario, upper-case, each once.
fn challenger_states(scn: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scn.challengers.iter().flat_map(|c| c.states.iter()) {
        let s = s.to_ascii_uppercase();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The first and last year of the capability-transfer window of a scenario.
pub fn transfer_window(scn: &Scenario) -> (i32, i32) {
    (
        scn.year - scn.channels.transfer_window_years as i32 + 1,
        scn.year,
    )
}

/// The built-in transfers between a scenario's challenger states in its window, when the channel
/// is on (empty when it is off).
fn builtin_transfers(scn: &Scenario) -> Result<Vec<TransferFigure>> {
    if scn.channels.transfer_weight <= 0.0 {
        return Ok(Vec::new());
    }
    let (from, to) = transfer_window(scn);
    if from < BUILTIN_TRANSFER_YEARS.0 || to > BUILTIN_TRANSFER_YEARS.1 {
        return Err(SimError::Calibration(format!(
            "the capability-transfer window {from}-{to} is outside the built-in SIPRI transfers ({}-{}); use the data directory",
            BUILTIN_TRANSFER_YEARS.0, BUILTIN_TRANSFER_YEARS.1
        )));
    }
    let cs = challenger_states(scn);
    Ok(BUILTIN_TRANSFERS
        .iter()
        .filter(|(s, r, y, _)| {
            cs.iter().any(|c| c == s) && cs.iter().any(|c| c == r) && (from..=to).contains(y)
        })
        .map(|(s, r, y, t)| TransferFigure {
            supplier: s.to_string(),
            recipient: r.to_string(),
            year: *y,
            tiv_m: *t,
        })
        .collect())
}

/// A state of the built-in table by ISO3 code.
pub fn builtin(iso3: &str) -> Option<&'static BuiltinState> {
    BUILTIN.iter().find(|s| s.iso3.eq_ignore_ascii_case(iso3))
}

/// One state's figures as used.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateFigures {
    /// ISO3 code.
    pub iso3: String,
    /// Military expenditure, constant 2024 US$ bn.
    pub milex_bn: f64,
    /// The year it is from, or `None` for an assumption.
    pub milex_year: Option<i32>,
    /// Military personnel, thousands.
    pub milper_k: f64,
    /// The NMC year it is from.
    pub milper_year: i32,
    /// Expenditure as a share of GDP, if known.
    pub gdp_share: Option<f64>,
    /// Capital latitude.
    pub lat: f64,
    /// Capital longitude.
    pub lon: f64,
}

/// Which figures a calibration used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Used {
    /// The data directory.
    Data,
    /// The built-in figures.
    BuiltIn,
}

/// The figures for every state a scenario names, for its year.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Calibration {
    /// The year.
    pub year: i32,
    /// Data or built-in.
    pub used: Used,
    /// Each state, in the order first named (the US first).
    pub states: Vec<StateFigures>,
    /// Assumptions and fallbacks taken, in words.
    pub notes: Vec<String>,
    /// SIPRI TIV delivered between the challengers' states in the capability-transfer window (only
    /// when that channel is on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<TransferFigure>,
    /// The dataset files read (empty for the built-in figures).
    #[serde(skip)]
    pub inputs: Vec<ManifestInput>,
}

impl Calibration {
    /// A state's figures.
    pub fn state(&self, iso3: &str) -> Option<&StateFigures> {
        self.states
            .iter()
            .find(|s| s.iso3.eq_ignore_ascii_case(iso3))
    }
}

/// The states a scenario names, the US first, each once, upper-case.
pub fn states_named(scn: &Scenario) -> Vec<String> {
    let mut out = vec!["USA".to_string()];
    let all = scn
        .challengers
        .iter()
        .flat_map(|c| c.states.iter())
        .chain(scn.allies.iter().flat_map(|a| a.states.iter()));
    for s in all {
        let s = s.to_ascii_uppercase();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn unknown_state(iso3: &str) -> SimError {
    let known: Vec<&str> = BUILTIN.iter().map(|s| s.iso3).collect();
    SimError::Calibration(format!(
        "state '{iso3}' is not in the simulation's table of states (known: {})",
        known.join(", ")
    ))
}

fn assumed(iso3: &str) -> Option<(f64, &'static str)> {
    ASSUMED_MILEX
        .iter()
        .find(|(s, _, _)| s.eq_ignore_ascii_case(iso3))
        .map(|(_, v, why)| (*v, *why))
}

/// The built-in calibration (year [`BUILTIN_YEAR`]).
pub fn builtin_calibration(scn: &Scenario) -> Result<Calibration> {
    if scn.year != BUILTIN_YEAR {
        return Err(SimError::Calibration(format!(
            "year {} needs the data directory (SIPRI milex and COW NMC): the built-in figures are for {BUILTIN_YEAR}",
            scn.year
        )));
    }
    let mut notes = vec![format!(
        "built-in figures: SIPRI Milex 2025 release ({BUILTIN_YEAR}, constant 2024 US$) and COW NMC 6.0 personnel ({NMC_LAST_YEAR}, carried forward), transcribed into entente-sim"
    )];
    let mut states = Vec::new();
    for iso3 in states_named(scn) {
        let b = builtin(&iso3).ok_or_else(|| unknown_state(&iso3))?;
        let (milex_bn, milex_year) = match b.milex_bn {
            Some(m) => (m, Some(BUILTIN_YEAR)),
            None => {
                let (m, why) = assumed(&iso3).ok_or_else(|| {
                    SimError::Calibration(format!("{iso3}: no military expenditure figure"))
                })?;
                notes.push(why.to_string());
                (m, None)
            }
        };
        states.push(StateFigures {
            iso3: b.iso3.to_string(),
            milex_bn,
            milex_year,
            milper_k: b.milper_k,
            milper_year: NMC_LAST_YEAR,
            gdp_share: b.gdp_share,
            lat: b.lat,
            lon: b.lon,
        });
    }
    let transfers = builtin_transfers(scn)?;
    if scn.channels.transfer_weight > 0.0 {
        notes.push(format!(
            "capability transfer: built-in SIPRI Arms Transfers Database TIV between the challengers, {}-{} (trade register generated 18 May 2026)",
            transfer_window(scn).0,
            transfer_window(scn).1
        ));
    }
    Ok(Calibration {
        year: scn.year,
        used: Used::BuiltIn,
        states,
        notes,
        transfers,
        inputs: Vec::new(),
    })
}

/// The calibration from the data directory.
pub fn data_calibration(scn: &Scenario, store: &Store) -> Result<Calibration> {
    let y = scn.year;
    let milex = store.milex()?;
    let nmc = store.nmc()?;
    let constant = milex.data.sheet("constant-usd-2025").ok_or_else(|| {
        SimError::Calibration(
            "the data directory has no SIPRI constant (2024) US$ sheet (sipri_milex_2025_constant2024usd_long.csv)".into(),
        )
    })?;
    let share = milex.data.sheet("share-gdp-2025");
    let mut notes = vec![format!(
        "data: {} (constant 2024 US$, {y} or the latest year within {MILEX_LOOKBACK} before) and COW NMC 6.0 personnel (latest year <= {y})",
        constant.release
    )];
    if y > NMC_LAST_YEAR {
        notes.push(format!(
            "COW NMC ends in {NMC_LAST_YEAR}: personnel for {y} are the {NMC_LAST_YEAR} figures carried forward (assumption: force structure changes slowly)"
        ));
    }
    let cw = Crosswalk;
    let day = year_end(y);
    let mut states = Vec::new();
    for iso3 in states_named(scn) {
        let b = builtin(&iso3).ok_or_else(|| unknown_state(&iso3))?;
        let cc = cw
            .resolve_code(b.iso3, day)
            .map_err(|e| SimError::Calibration(format!("{iso3}: {e}")))?;
        let latest = |rows: &[entente_data::readers::sipri_milex::MilexRow]| {
            rows.iter()
                .filter(|r| r.ccode == Some(cc) && r.year <= y && r.year > y - 1 - MILEX_LOOKBACK)
                .filter_map(|r| r.value.value().map(|v| (r.year, v)))
                .max_by_key(|(yr, _)| *yr)
        };
        let (milex_bn, milex_year) = match latest(&constant.rows) {
            Some((yr, v)) => {
                if yr != y {
                    notes.push(format!("{iso3}: SIPRI has no {y} figure; {yr} used"));
                }
                (v / 1000.0, Some(yr))
            }
            None => {
                let (m, why) = assumed(&iso3).ok_or_else(|| {
                    SimError::Calibration(format!(
                        "{iso3}: SIPRI has no military expenditure for {}-{y}",
                        y - MILEX_LOOKBACK
                    ))
                })?;
                notes.push(why.to_string());
                (m, None)
            }
        };
        let gdp_share = share.and_then(|s| latest(&s.rows)).map(|(_, v)| v);
        let (milper_year, milper_k) = nmc
            .data
            .iter()
            .filter(|r| r.ccode == cc && r.year <= y)
            .filter_map(|r| r.milper.map(|m| (r.year, m)))
            .max_by_key(|(yr, _)| *yr)
            .ok_or_else(|| {
                SimError::Calibration(format!("{iso3}: COW NMC has no personnel up to {y}"))
            })?;
        if y - milper_year > 0 && y <= NMC_LAST_YEAR {
            notes.push(format!(
                "{iso3}: NMC has no {y} personnel; {milper_year} used"
            ));
        }
        states.push(StateFigures {
            iso3: b.iso3.to_string(),
            milex_bn,
            milex_year,
            milper_k,
            milper_year,
            gdp_share,
            lat: b.lat,
            lon: b.lon,
        });
    }
    let mut inputs = milex.inputs();
    inputs.extend(nmc.inputs());
    let mut transfers = Vec::new();
    if scn.channels.transfer_weight > 0.0 {
        let (from, to) = transfer_window(scn);
        let (c0, c1) = entente_data::readers::sipri_transfers::COVERAGE;
        if from < c0 || to > c1 {
            return Err(SimError::Calibration(format!(
                "the capability-transfer window {from}-{to} is outside SIPRI's transfers ({c0}-{c1})"
            )));
        }
        let reg = store.transfers()?;
        let cs = challenger_states(scn);
        let codes: Vec<(String, entente_core::Ccode)> = cs
            .iter()
            .map(|s| {
                cw.resolve_code(s, day)
                    .map(|c| (s.clone(), c))
                    .map_err(|e| SimError::Calibration(format!("{s}: {e}")))
            })
            .collect::<Result<_>>()?;
        let iso = |c: entente_core::Ccode| codes.iter().find(|(_, x)| *x == c).map(|(s, _)| s);
        for f in reg.data.tiv_flows() {
            if let (Some(s), Some(r), true) = (
                iso(f.supplier),
                iso(f.recipient),
                (from..=to).contains(&f.year),
            ) {
                transfers.push(TransferFigure {
                    supplier: s.clone(),
                    recipient: r.clone(),
                    year: f.year,
                    tiv_m: f.tiv,
                });
            }
        }
        notes.push(format!(
            "capability transfer: SIPRI Arms Transfers Database TIV between the challengers, {from}-{to} ({})",
            reg.data.generated.as_deref().unwrap_or("trade register")
        ));
        inputs.extend(reg.inputs());
    }
    Ok(Calibration {
        year: y,
        used: Used::Data,
        states,
        notes,
        transfers,
        inputs,
    })
}

/// The calibration a scenario asks for: from the store when it can (`auto`, `data`), else built-in.
pub fn calibrate(scn: &Scenario, store: Option<&Store>) -> Result<Calibration> {
    match (scn.calibration.source, store) {
        (CalibrationSource::BuiltIn, _) => builtin_calibration(scn),
        (CalibrationSource::Data, None) => Err(SimError::Calibration(
            "calibration.source = \"data\" needs a data directory".into(),
        )),
        (CalibrationSource::Data, Some(s)) => data_calibration(scn, s),
        (CalibrationSource::Auto, None) => builtin_calibration(scn),
        (CalibrationSource::Auto, Some(s)) => match data_calibration(scn, s) {
            Err(SimError::Data(DataError::NotFound { dataset, dir, .. })) => {
                let mut c = builtin_calibration(scn)?;
                c.notes.push(format!(
                    "dataset '{dataset}' not found in {}: built-in figures used",
                    dir.display()
                ));
                Ok(c)
            }
            other => other,
        },
    }
}

/// The force index `F = M^w (P M_US / P_US)^(1-w)` (`docs/model.md` §2).
pub fn force_index(milex_bn: f64, milper_k: f64, us_milex: f64, us_milper: f64, w: f64) -> f64 {
    let p = milper_k * us_milex / us_milper;
    milex_bn.powf(w) * p.powf(1.0 - w)
}

/// Great-circle distance in km (haversine, mean Earth radius 6371.0088 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

/// The distance discount `1 / (1 + d / d½)` (Boulding's loss-of-strength gradient).
pub fn discount(distance_km: f64, half_strength_km: f64) -> f64 {
    1.0 / (1.0 + distance_km / half_strength_km)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_force_index_is_its_expenditure() {
        let f = force_index(968.0, 1381.0, 968.0, 1381.0, 0.5);
        assert!((f - 968.0).abs() < 1e-9);
        // Personnel count: more troops, more force.
        assert!(
            force_index(50.0, 600.0, 968.0, 1381.0, 0.5)
                > force_index(50.0, 200.0, 968.0, 1381.0, 0.5)
        );
    }

    #[test]
    fn distances_match_docs() {
        let us = builtin("USA").unwrap();
        let d = distance_km(us.lat, us.lon, 54.0, 23.0);
        assert!((d - 7188.0).abs() < 5.0, "{d}");
        let d = distance_km(us.lat, us.lon, 30.0, 125.0);
        assert!((d - 12021.0).abs() < 5.0, "{d}");
        assert!((discount(10_000.0, 10_000.0) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn builtin_needs_its_year() {
        let mut s = Scenario::default();
        assert_eq!(builtin_calibration(&s).unwrap().used, Used::BuiltIn);
        s.year = 2010;
        assert!(builtin_calibration(&s).is_err());
    }

    /// The capability-transfer channel reads the transfers between the challengers in its window
    /// only when it is on, and the recipient's force rises only through them.
    #[test]
    fn transfers_enter_the_recipients_force() {
        let mut s = Scenario::default();
        assert!(builtin_calibration(&s).unwrap().transfers.is_empty());
        s.channels.transfer_weight = 10.0;
        let cal = builtin_calibration(&s).unwrap();
        // 2020-2024: Russia to China in each year, North Korea to Russia in 2023 and 2024, China
        // to Russia in 2021-2023.
        assert_eq!(cal.transfers.len(), 10, "{:?}", cal.transfers);
        assert!(cal
            .transfers
            .iter()
            .all(|t| (2020..=2024).contains(&t.year)));
        let ea = s.theatre_index("east_asia").unwrap();
        let eu = s.theatre_index("europe").unwrap();
        let on = crate::Model::new(&s, &cal).unwrap();
        let mut none = cal.clone();
        none.transfers.clear();
        let without = crate::Model::new(&s, &none).unwrap();
        let mut off = s.clone();
        off.channels.transfer_weight = 0.0;
        let off = crate::Model::new(&off, &builtin_calibration(&off).unwrap()).unwrap();
        for k in [ea, eu] {
            assert!(on.c_force[k] > off.c_force[k], "theatre {k}");
            assert_eq!(without.c_force[k], off.c_force[k], "theatre {k}");
        }
        // China's force: expenditure plus 10 x the yearly average TIV (US$ bn) from Russia.
        let rus_to_chn: f64 = BUILTIN_TRANSFERS
            .iter()
            .filter(|t| t.0 == "RUS" && t.1 == "CHN" && (2020..=2024).contains(&t.2))
            .map(|t| t.3 / 1000.0)
            .sum::<f64>()
            / 5.0;
        assert!((rus_to_chn - 0.345).abs() < 0.001, "{rus_to_chn}");
        // The longest window reaches back to 2015: every built-in flow.
        s.channels.transfer_window_years = 10;
        let cal = builtin_calibration(&s).unwrap();
        assert_eq!(cal.transfers.len(), BUILTIN_TRANSFERS.len());
    }

    #[test]
    fn unknown_state_is_an_error() {
        let mut s = Scenario::default();
        s.allies[0].states = vec!["XYZ".into()];
        let e = builtin_calibration(&s).unwrap_err().to_string();
        assert!(e.contains("'XYZ'"), "{e}");
    }
}
