//! Scenarios: the TOML file an analyst writes, its defaults (`docs/model.md`), and its validation.
//! A bad field is reported with its dotted path and the line it is on.

use crate::error::{Result, SimError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// How challengers choose the ally they probe (the wedge strategy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Targeting {
    /// The ally with the lowest belief in US credibility.
    LowestBelief,
    /// The most exposed ally.
    HighestExposure,
    /// An ally drawn uniformly.
    Random,
}

/// The US force-allocation policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Policy {
    /// A fixed split.
    Fixed,
    /// In proportion to each theatre's threat.
    ThreatProportional,
    /// Defeat in the priority theatre, deter elsewhere (2018 NDS).
    DefeatOneDeterElsewhere,
    /// The fixed split, swung toward a theatre in crisis.
    Swing,
}

/// Where the calibration figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CalibrationSource {
    /// The data directory when it holds SIPRI milex and COW NMC, else the built-in figures.
    Auto,
    /// The built-in figures (2024).
    BuiltIn,
    /// The data directory; an error without it.
    Data,
}

/// `[calibration]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalibrationParams {
    /// Where the figures come from.
    pub source: CalibrationSource,
    /// Weight of expenditure against personnel in the force index.
    pub milex_weight: f64,
    /// Distance at which force counts half (km).
    pub half_strength_km: f64,
    /// Allied spending floor as a share of GDP (0 = none).
    pub allied_spending_floor: f64,
    /// Value the spending of states with a known purchasing-power factor at parity (§2).
    pub ppp: bool,
}

impl Default for CalibrationParams {
    fn default() -> Self {
        CalibrationParams {
            source: CalibrationSource::Auto,
            milex_weight: 0.5,
            half_strength_km: 10_000.0,
            allied_spending_floor: 0.0,
            ppp: false,
        }
    }
}

/// `[us]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UsParams {
    /// Share of US capability available to the theatres together.
    pub deployable_share: f64,
    /// Multiplier of US capability (what-if: a larger or smaller United States).
    pub force_multiplier: f64,
    /// Share of the deployable force held as a global surge reserve.
    pub reserve_share: f64,
    /// The allocation policy.
    pub policy: Policy,
    /// Fixed split by theatre id (fixed and swing policies); empty: equal shares.
    pub split: BTreeMap<String, f64>,
    /// Priority theatre (defeat-one-deter-elsewhere).
    pub priority: Option<String>,
    /// Slope of the firm-response logistic.
    pub response_slope: f64,
    /// Force ratio (US local force to challenger force) at which the US responds at even odds.
    pub response_ratio: f64,
    /// Effect of the target's exposure on the firm-response logit.
    pub response_exposure: f64,
    /// Allied-plus-US to challenger ratio that deters (for need and fear).
    pub deterrence_ratio: f64,
    /// Ratio sought in the priority theatre (defeat-one-deter-elsewhere).
    pub defeat_ratio: f64,
    /// Weight of recent probing in the threat-proportional policy.
    pub probe_weight: f64,
    /// Share of other theatres' split swung to a theatre in crisis.
    pub swing_share: f64,
    /// Months a swing lasts after a crisis.
    pub swing_months: u32,
    /// Raw US force freed per unit of allied backfill.
    pub freed_per_backfill: f64,
}

impl Default for UsParams {
    fn default() -> Self {
        UsParams {
            deployable_share: 0.6,
            force_multiplier: 1.0,
            reserve_share: 0.2,
            policy: Policy::ThreatProportional,
            split: BTreeMap::new(),
            priority: None,
            response_slope: 2.0,
            response_ratio: 0.3,
            response_exposure: 1.0,
            deterrence_ratio: 1.0,
            defeat_ratio: 1.5,
            probe_weight: 1.0,
            swing_share: 0.3,
            swing_months: 6,
            freed_per_backfill: 1.0,
        }
    }
}

/// `[probes]`: the outcome logistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProbeParams {
    /// How much a favourable balance emboldens probing.
    pub emboldening: f64,
    /// Intercept of gray-zone success.
    pub gray_intercept: f64,
    /// Slope of gray-zone success in the balance.
    pub gray_slope: f64,
    /// Intercept of crisis escalation.
    pub crisis_intercept: f64,
    /// Slope of crisis escalation in the balance.
    pub crisis_slope: f64,
    /// Effect of the target's exposure on gray-zone success.
    pub exposure_effect: f64,
    /// Effect of the target's accommodation (1 − cohesion).
    pub accommodation_effect: f64,
    /// Multiplier on every challenger's probe rate, in [0, 10] (1: the rates as given); the
    /// sensitivity analysis varies it (`scenarios/ranges.toml`).
    pub rate_multiplier: f64,
}

impl Default for ProbeParams {
    fn default() -> Self {
        ProbeParams {
            emboldening: 0.0,
            gray_intercept: -1.0,
            gray_slope: 1.0,
            crisis_intercept: -3.0,
            crisis_slope: 1.5,
            exposure_effect: 1.0,
            accommodation_effect: 1.0,
            rate_multiplier: 1.0,
        }
    }
}

/// `[beliefs]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BeliefParams {
    /// Prior mean belief that the US stands firm.
    pub prior_mean: f64,
    /// Prior strength (pseudo-observations).
    pub prior_strength: f64,
    /// Monthly memory toward the prior.
    pub memory: f64,
    /// Extra weight the target gives to the response to its own probe.
    pub target_weight: f64,
}

impl Default for BeliefParams {
    fn default() -> Self {
        BeliefParams {
            prior_mean: 0.7,
            prior_strength: 10.0,
            memory: 0.97,
            target_weight: 1.0,
        }
    }
}

/// `[hedging]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HedgingParams {
    /// Fear above which an ally balances internally.
    pub internal_threshold: f64,
    /// Growth of own force per year while balancing.
    pub internal_growth: f64,
    /// Months before committed growth arrives.
    pub internal_lag_months: u32,
    /// Cap on total growth.
    pub internal_cap: f64,
    /// Fear above which an ally backfills.
    pub cooperation_threshold: f64,
    /// Monthly rise of the backfill share while cooperating.
    pub backfill_step: f64,
    /// Cap on the backfill share.
    pub backfill_cap: f64,
    /// Fear above which an ally accommodates the challenger.
    pub accommodation_threshold: f64,
    /// Monthly fall of cohesion per unit of economic dependence while accommodating.
    pub accommodation_rate: f64,
    /// Monthly recovery of cohesion otherwise.
    pub recovery_rate: f64,
    /// Floor of cohesion.
    pub cohesion_floor: f64,
    /// A mode, once on, stays on until fear falls this far below its threshold.
    pub hysteresis: f64,
    /// On/off modes, or a continuous intensity.
    pub mode: crate::params::HedgingMode,
    /// Width of the continuous ramp around each threshold.
    pub ramp: f64,
}

impl Default for HedgingParams {
    fn default() -> Self {
        HedgingParams {
            internal_threshold: 0.45,
            internal_growth: 0.05,
            internal_lag_months: 24,
            internal_cap: 0.5,
            cooperation_threshold: 0.5,
            backfill_step: 0.005,
            backfill_cap: 0.3,
            accommodation_threshold: 0.55,
            accommodation_rate: 0.1,
            recovery_rate: 0.01,
            cohesion_floor: 0.5,
            hysteresis: 0.05,
            mode: crate::params::HedgingMode::Continuous,
            ramp: 0.1,
        }
    }
}

/// `[[theatre]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TheatreDef {
    /// Identifier (`europe`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Focal point latitude.
    pub lat: f64,
    /// Focal point longitude.
    pub lon: f64,
    /// Months for US reinforcements to arrive.
    pub transit_months: u32,
    /// Share of the allies' force near the theatre that is ready at the start (§3.1); 1 = all.
    #[serde(default = "one")]
    pub ready_share: f64,
    /// Allied states farther than this from the focal point have nothing ready at the start; 0 =
    /// every state counts as near.
    #[serde(default)]
    pub near_km: f64,
    /// Months until the allies' whole force is available (linear build-up); 0 = at once.
    #[serde(default)]
    pub reinforce_months: u32,
}

fn one() -> f64 {
    1.0
}

/// `[[challenger]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengerDef {
    /// Identifier.
    pub id: String,
    /// ISO3 codes.
    pub states: Vec<String>,
    /// Theatre id.
    pub theatre: String,
    /// Share of its force facing the theatre.
    pub theatre_share: f64,
    /// Monthly probing propensity at parity.
    pub probe_rate: f64,
    /// Share of probes that are crises.
    pub crisis_share: f64,
}

/// `[[ally]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllyDef {
    /// Identifier.
    pub id: String,
    /// ISO3 codes.
    pub states: Vec<String>,
    /// Theatre id.
    pub theatre: String,
    /// Exposure to gray-zone action, [0, 1].
    pub exposure: f64,
    /// Trade dependence on the challenger, [0, 1].
    pub econ_dependence: f64,
}

/// A scenario, with every default filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scenario {
    /// Short name.
    pub name: String,
    /// What it represents.
    pub description: String,
    /// Calibration year.
    pub year: i32,
    /// Months simulated.
    pub horizon_months: u32,
    /// Runs (Monte Carlo replications).
    pub runs: u64,
    /// Seed.
    pub seed: u64,
    /// ρ: coordination of the challengers' timing.
    pub coordination: f64,
    /// s: weight of responses in other theatres in beliefs.
    pub spillover: f64,
    /// How challengers choose their target.
    pub targeting: Targeting,
    /// `[calibration]`.
    pub calibration: CalibrationParams,
    /// `[us]`.
    pub us: UsParams,
    /// `[probes]`.
    pub probes: ProbeParams,
    /// `[beliefs]`.
    pub beliefs: BeliefParams,
    /// `[hedging]`.
    pub hedging: HedgingParams,
    /// `[channels]`: the coordination channels.
    pub channels: crate::params::ChannelParams,
    /// `[fear]`.
    pub fear: crate::params::FearParams,
    /// `[backfill]`: initial backfill share of the allies of each theatre.
    pub backfill: BTreeMap<String, f64>,
    /// `[[theatre]]`.
    #[serde(rename = "theatre")]
    pub theatres: Vec<TheatreDef>,
    /// `[[challenger]]`.
    #[serde(rename = "challenger")]
    pub challengers: Vec<ChallengerDef>,
    /// `[[ally]]`.
    #[serde(rename = "ally")]
    pub allies: Vec<AllyDef>,
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn ally(id: &str, states: &[&str], theatre: &str, exposure: f64, econ: f64) -> AllyDef {
    AllyDef {
        id: id.into(),
        states: strs(states),
        theatre: theatre.into(),
        exposure,
        econ_dependence: econ,
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "default".into(),
            description: String::new(),
            year: 2024,
            horizon_months: 120,
            runs: 10_000,
            seed: 42,
            coordination: 0.3,
            spillover: 0.5,
            targeting: Targeting::LowestBelief,
            calibration: CalibrationParams::default(),
            us: UsParams::default(),
            probes: ProbeParams::default(),
            beliefs: BeliefParams::default(),
            hedging: HedgingParams::default(),
            channels: Default::default(),
            fear: Default::default(),
            backfill: BTreeMap::new(),
            theatres: vec![
                TheatreDef {
                    id: "europe".into(),
                    name: "Europe".into(),
                    lat: 54.0,
                    lon: 23.0,
                    transit_months: 2,
                    ready_share: 1.0,
                    near_km: 0.0,
                    reinforce_months: 0,
                },
                TheatreDef {
                    id: "east_asia".into(),
                    name: "East Asia & Pacific".into(),
                    lat: 30.0,
                    lon: 125.0,
                    transit_months: 3,
                    ready_share: 1.0,
                    near_km: 0.0,
                    reinforce_months: 0,
                },
            ],
            // Probe rates and crisis shares: `entente estimate --from 1990 --to 2010` on COW MID 4.3
            // (docs/model.md §4.1): 12, 13, 9 and 8 disputes in 252 months; 3 of 12, 1 of 13, 4 of 9
            // and 5 of 8 at the level of use of force.
            challengers: vec![
                ChallengerDef {
                    id: "russia".into(),
                    states: strs(&["RUS"]),
                    theatre: "europe".into(),
                    theatre_share: 0.8,
                    probe_rate: 12.0 / 252.0,
                    crisis_share: 3.0 / 12.0,
                },
                ChallengerDef {
                    id: "china".into(),
                    states: strs(&["CHN"]),
                    theatre: "east_asia".into(),
                    theatre_share: 0.8,
                    probe_rate: 13.0 / 252.0,
                    crisis_share: 1.0 / 13.0,
                },
                ChallengerDef {
                    id: "north_korea".into(),
                    states: strs(&["PRK"]),
                    theatre: "east_asia".into(),
                    theatre_share: 1.0,
                    probe_rate: 9.0 / 252.0,
                    crisis_share: 4.0 / 9.0,
                },
                ChallengerDef {
                    id: "russia_pacific".into(),
                    states: strs(&["RUS"]),
                    theatre: "east_asia".into(),
                    theatre_share: 0.1,
                    probe_rate: 8.0 / 252.0,
                    crisis_share: 5.0 / 8.0,
                },
            ],
            allies: vec![
                ally("uk", &["GBR"], "europe", 0.1, 0.01),
                ally("france", &["FRA"], "europe", 0.1, 0.01),
                ally("germany", &["DEU"], "europe", 0.1, 0.01),
                ally("poland", &["POL"], "europe", 0.3, 0.01),
                ally("italy", &["ITA"], "europe", 0.1, 0.01),
                ally("baltics", &["EST", "LVA", "LTU"], "europe", 0.5, 0.03),
                ally(
                    "nordics",
                    &["NOR", "DNK", "FIN", "SWE"],
                    "europe",
                    0.3,
                    0.01,
                ),
                ally("japan", &["JPN"], "east_asia", 0.6, 0.20),
                ally("south_korea", &["KOR"], "east_asia", 0.3, 0.21),
                ally("australia", &["AUS"], "east_asia", 0.1, 0.27),
                ally("philippines", &["PHL"], "east_asia", 0.8, 0.18),
            ],
        }
    }
}

/// One step of a path to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A field path, shown as `us.split.europe` or `ally[3].exposure`.
pub fn show_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn k(s: &str) -> Seg {
    Seg::Key(s.to_string())
}

/// The first validation failure: the path and the message.
type Invalid = (Vec<Seg>, String);

struct Check {
    first: Option<Invalid>,
}

impl Check {
    fn fail(&mut self, path: Vec<Seg>, msg: String) {
        if self.first.is_none() {
            self.first = Some((path, msg));
        }
    }
    fn finite(&mut self, path: &[Seg], v: f64) -> bool {
        if !v.is_finite() {
            self.fail(path.to_vec(), format!("{v} is not a finite number"));
            false
        } else {
            true
        }
    }
    fn range(&mut self, path: &[Seg], v: f64, lo: f64, hi: f64) {
        if self.finite(path, v) && !(lo..=hi).contains(&v) {
            self.fail(path.to_vec(), format!("{v} is out of range [{lo}, {hi}]"));
        }
    }
    fn unit(&mut self, path: &[Seg], v: f64) {
        self.range(path, v, 0.0, 1.0)
    }
    fn nonneg(&mut self, path: &[Seg], v: f64) {
        if self.finite(path, v) && v < 0.0 {
            self.fail(path.to_vec(), format!("{v} must be ≥ 0"));
        }
    }
    fn positive(&mut self, path: &[Seg], v: f64) {
        if self.finite(path, v) && v <= 0.0 {
            self.fail(path.to_vec(), format!("{v} must be > 0"));
        }
    }
    fn any(&mut self, path: &[Seg], v: f64) {
        self.finite(path, v);
    }
}

fn check_states(c: &mut Check, path: &[Seg], states: &[String]) {
    for (j, st) in states.iter().enumerate() {
        if crate::calibrate::builtin(st).is_none() {
            let mut at = path.to_vec();
            at.push(Seg::Index(j));
            let known: Vec<&str> = crate::calibrate::BUILTIN.iter().map(|b| b.iso3).collect();
            c.fail(
                at,
                format!(
                    "'{st}' is not a state the simulation knows (ISO3: {})",
                    known.join(", ")
                ),
            );
        }
    }
}

/// The most challengers a scenario may have (caps are checked before anything is allocated for
/// them; `docs/ARCHITECTURE.md`, "Caps").
pub const MAX_CHALLENGERS: usize = 64;
/// The most allies a scenario may have (the COW system has about 200 states).
pub const MAX_ALLIES: usize = 256;
/// The most states one challenger or ally may list.
pub const MAX_STATES: usize = 256;

fn p(parts: &[&str]) -> Vec<Seg> {
    parts.iter().map(|s| k(s)).collect()
}

impl Scenario {
    /// The checks a challenger and an ally share: a unique id, a theatre of the scenario, and at
    /// least one state the simulation knows.
    fn check_party(
        &self,
        c: &mut Check,
        ids: &mut std::collections::BTreeSet<String>,
        at: &dyn Fn(&str) -> Vec<Seg>,
        id: &str,
        theatre: &str,
        states: &[String],
    ) {
        if id.trim().is_empty() {
            c.fail(at("id"), "the id is empty".into());
        } else if id.chars().any(char::is_control) {
            c.fail(at("id"), format!("'{id}' contains a control character"));
        }
        if !ids.insert(id.to_string()) {
            c.fail(at("id"), format!("'{id}' appears twice"));
        }
        if states.len() > MAX_STATES {
            c.fail(
                at("states"),
                format!("{} states; at most {MAX_STATES}", states.len()),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for (j, st) in states.iter().enumerate() {
            if !seen.insert(st.as_str()) {
                let mut path = at("states");
                path.push(Seg::Index(j));
                c.fail(path, format!("'{st}' appears twice"));
                break;
            }
        }
        if self.theatre_index(theatre).is_none() {
            c.fail(
                at("theatre"),
                format!("'{theatre}' is not a theatre of the scenario"),
            );
        }
        if states.is_empty() {
            c.fail(at("states"), "at least one state is needed".into());
        }
        check_states(c, &at("states"), states);
    }

    /// The index of a theatre by id.
    pub fn theatre_index(&self, id: &str) -> Option<usize> {
        self.theatres.iter().position(|t| t.id == id)
    }

    /// Checks every field; returns the first bad one.
    pub fn check(&self) -> std::result::Result<(), Invalid> {
        let mut c = Check { first: None };
        if !(1949..=2025).contains(&self.year) {
            c.fail(
                p(&["year"]),
                format!("{} is out of range [1949, 2025]", self.year),
            );
        }
        if !(1..=1200).contains(&self.horizon_months) {
            c.fail(
                p(&["horizon_months"]),
                format!("{} is out of range [1, 1200]", self.horizon_months),
            );
        }
        if !(1..=1_000_000).contains(&self.runs) {
            c.fail(
                p(&["runs"]),
                format!("{} is out of range [1, 1000000]", self.runs),
            );
        }
        c.unit(&p(&["coordination"]), self.coordination);
        c.unit(&p(&["spillover"]), self.spillover);
        let cal = &self.calibration;
        c.unit(&p(&["calibration", "milex_weight"]), cal.milex_weight);
        c.positive(
            &p(&["calibration", "half_strength_km"]),
            cal.half_strength_km,
        );
        c.unit(
            &p(&["calibration", "allied_spending_floor"]),
            cal.allied_spending_floor,
        );
        let us = &self.us;
        c.unit(&p(&["us", "deployable_share"]), us.deployable_share);
        c.nonneg(&p(&["us", "force_multiplier"]), us.force_multiplier);
        c.unit(&p(&["us", "reserve_share"]), us.reserve_share);
        c.nonneg(&p(&["us", "response_slope"]), us.response_slope);
        c.positive(&p(&["us", "response_ratio"]), us.response_ratio);
        c.nonneg(&p(&["us", "response_exposure"]), us.response_exposure);
        c.positive(&p(&["us", "deterrence_ratio"]), us.deterrence_ratio);
        c.positive(&p(&["us", "defeat_ratio"]), us.defeat_ratio);
        c.nonneg(&p(&["us", "probe_weight"]), us.probe_weight);
        c.unit(&p(&["us", "swing_share"]), us.swing_share);
        if us.swing_months > 120 {
            c.fail(
                p(&["us", "swing_months"]),
                format!("{} is out of range [0, 120]", us.swing_months),
            );
        }
        c.nonneg(&p(&["us", "freed_per_backfill"]), us.freed_per_backfill);
        let mut total = 0.0;
        for (id, v) in &us.split {
            let path = p(&["us", "split", id]);
            c.unit(&path, *v);
            total += v;
            if self.theatre_index(id).is_none() {
                c.fail(path, format!("'{id}' is not a theatre of the scenario"));
            }
        }
        if total > 1.0 + 1e-9 {
            c.fail(
                p(&["us", "split"]),
                format!("the shares sum to {total}, more than 1"),
            );
        }
        match &us.priority {
            Some(id) if self.theatre_index(id).is_none() => c.fail(
                p(&["us", "priority"]),
                format!("'{id}' is not a theatre of the scenario"),
            ),
            None if us.policy == Policy::DefeatOneDeterElsewhere => c.fail(
                p(&["us", "policy"]),
                "defeat-one-deter-elsewhere needs `us.priority`, the theatre to defeat in".into(),
            ),
            _ => {}
        }
        let pr = &self.probes;
        c.nonneg(&p(&["probes", "emboldening"]), pr.emboldening);
        c.any(&p(&["probes", "gray_intercept"]), pr.gray_intercept);
        c.nonneg(&p(&["probes", "gray_slope"]), pr.gray_slope);
        c.any(&p(&["probes", "crisis_intercept"]), pr.crisis_intercept);
        c.nonneg(&p(&["probes", "crisis_slope"]), pr.crisis_slope);
        c.nonneg(&p(&["probes", "exposure_effect"]), pr.exposure_effect);
        c.nonneg(
            &p(&["probes", "accommodation_effect"]),
            pr.accommodation_effect,
        );
        c.range(
            &p(&["probes", "rate_multiplier"]),
            pr.rate_multiplier,
            0.0,
            10.0,
        );
        let b = &self.beliefs;
        c.unit(&p(&["beliefs", "prior_mean"]), b.prior_mean);
        c.positive(&p(&["beliefs", "prior_strength"]), b.prior_strength);
        c.range(&p(&["beliefs", "memory"]), b.memory, 0.0, 0.999_999);
        c.nonneg(&p(&["beliefs", "target_weight"]), b.target_weight);
        let h = &self.hedging;
        c.unit(&p(&["hedging", "internal_threshold"]), h.internal_threshold);
        c.nonneg(&p(&["hedging", "internal_growth"]), h.internal_growth);
        if h.internal_lag_months > 120 {
            c.fail(
                p(&["hedging", "internal_lag_months"]),
                format!("{} is out of range [0, 120]", h.internal_lag_months),
            );
        }
        c.nonneg(&p(&["hedging", "internal_cap"]), h.internal_cap);
        c.unit(
            &p(&["hedging", "cooperation_threshold"]),
            h.cooperation_threshold,
        );
        c.unit(&p(&["hedging", "backfill_step"]), h.backfill_step);
        c.unit(&p(&["hedging", "backfill_cap"]), h.backfill_cap);
        c.unit(
            &p(&["hedging", "accommodation_threshold"]),
            h.accommodation_threshold,
        );
        c.unit(&p(&["hedging", "accommodation_rate"]), h.accommodation_rate);
        c.unit(&p(&["hedging", "recovery_rate"]), h.recovery_rate);
        c.unit(&p(&["hedging", "cohesion_floor"]), h.cohesion_floor);
        c.unit(&p(&["hedging", "hysteresis"]), h.hysteresis);
        c.range(&p(&["hedging", "ramp"]), h.ramp, 1e-6, 1.0);
        let ch = &self.channels;
        c.unit(&p(&["channels", "joint_share"]), ch.joint_share);
        c.unit(&p(&["channels", "joint_force"]), ch.joint_force);
        c.unit(&p(&["channels", "reallocate_share"]), ch.reallocate_share);
        c.range(
            &p(&["channels", "emboldening_elsewhere"]),
            ch.emboldening_elsewhere,
            0.0,
            10.0,
        );
        c.range(
            &p(&["channels", "transfer_weight"]),
            ch.transfer_weight,
            0.0,
            100.0,
        );
        let max_w = crate::params::MAX_TRANSFER_WINDOW;
        if !(1..=max_w).contains(&ch.transfer_window_years) {
            c.fail(
                p(&["channels", "transfer_window_years"]),
                format!("{} is out of range [1, {max_w}]", ch.transfer_window_years),
            );
        }
        for (id, v) in &self.backfill {
            let path = p(&["backfill", id]);
            c.unit(&path, *v);
            if self.theatre_index(id).is_none() {
                c.fail(path, format!("'{id}' is not a theatre of the scenario"));
            }
        }
        if self.theatres.is_empty() {
            c.fail(p(&["theatre"]), "at least one theatre is needed".into());
        }
        if self.theatres.len() > 16 {
            c.fail(p(&["theatre"]), "at most 16 theatres".into());
        }
        // Counts first, so that a scenario far too large is refused on its count.
        if self.challengers.len() > MAX_CHALLENGERS {
            c.fail(
                vec![k("challenger"), Seg::Index(MAX_CHALLENGERS)],
                format!(
                    "{} challengers; at most {MAX_CHALLENGERS}",
                    self.challengers.len()
                ),
            );
        }
        if self.allies.len() > MAX_ALLIES {
            c.fail(
                vec![k("ally"), Seg::Index(MAX_ALLIES)],
                format!("{} allies; at most {MAX_ALLIES}", self.allies.len()),
            );
        }
        let mut ids = std::collections::BTreeSet::new();
        for (n, t) in self.theatres.iter().enumerate() {
            let base = vec![k("theatre"), Seg::Index(n)];
            let at = |f: &str| {
                let mut v = base.clone();
                v.push(k(f));
                v
            };
            if !ids.insert(t.id.clone()) {
                c.fail(at("id"), format!("'{}' appears twice", t.id));
            }
            c.range(&at("lat"), t.lat, -90.0, 90.0);
            c.range(&at("lon"), t.lon, -180.0, 180.0);
            c.unit(&at("ready_share"), t.ready_share);
            c.range(&at("near_km"), t.near_km, 0.0, 40_000.0);
            if t.reinforce_months > 120 {
                c.fail(
                    at("reinforce_months"),
                    format!("{} is out of range [0, 120]", t.reinforce_months),
                );
            }
            if t.transit_months > 120 {
                c.fail(
                    at("transit_months"),
                    format!("{} is out of range [0, 120]", t.transit_months),
                );
            }
        }
        for (n, ch) in self.challengers.iter().enumerate() {
            let base = vec![k("challenger"), Seg::Index(n)];
            let at = |f: &str| {
                let mut v = base.clone();
                v.push(k(f));
                v
            };
            self.check_party(&mut c, &mut ids, &at, &ch.id, &ch.theatre, &ch.states);
            c.unit(&at("theatre_share"), ch.theatre_share);
            c.unit(&at("probe_rate"), ch.probe_rate);
            c.unit(&at("crisis_share"), ch.crisis_share);
        }
        for (n, t) in self.theatres.iter().enumerate() {
            if !self.challengers.iter().any(|c| c.theatre == t.id) {
                c.fail(
                    vec![k("theatre"), Seg::Index(n), k("id")],
                    format!("theatre '{}' has no challenger", t.id),
                );
            }
        }
        for (n, a) in self.allies.iter().enumerate() {
            let base = vec![k("ally"), Seg::Index(n)];
            let at = |f: &str| {
                let mut v = base.clone();
                v.push(k(f));
                v
            };
            self.check_party(&mut c, &mut ids, &at, &a.id, &a.theatre, &a.states);
            c.unit(&at("exposure"), a.exposure);
            c.unit(&at("econ_dependence"), a.econ_dependence);
            // A state cannot be both a challenger and an ally.
            for (j, st) in a.states.iter().enumerate() {
                if let Some(ch) = self.challengers.iter().find(|ch| ch.states.contains(st)) {
                    let mut path = at("states");
                    path.push(Seg::Index(j));
                    c.fail(path, format!("'{st}' is a state of challenger '{}'", ch.id));
                }
            }
        }
        match c.first {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Parses and checks a scenario's text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Scenario> {
        let scn: Scenario = toml::from_str(text).map_err(|e| {
            let (line, field) = match e.span() {
                Some(span) => (
                    Some(line_of(text, span.start)),
                    field_at(text, span.start).map(|p| show_path(&p)),
                ),
                None => (None, None),
            };
            SimError::Scenario {
                file: file.into(),
                line,
                field: field.unwrap_or_else(|| "(document)".into()),
                message: e.message().trim().to_string(),
            }
        })?;
        scn.check().map_err(|(path, message)| SimError::Scenario {
            file: file.into(),
            line: locate(text, &path).map(|o| line_of(text, o)),
            field: show_path(&path),
            message,
        })?;
        Ok(scn)
    }

    /// Reads a scenario file.
    pub fn read(path: &Path) -> Result<Scenario> {
        let text = std::fs::read_to_string(path).map_err(|source| SimError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Scenario::parse(&text, &path.display().to_string())
    }
}

pub use entente_core::line_of;

/// The byte offset of a field in a TOML text (its key), or of its nearest ancestor present.
pub fn locate(text: &str, path: &[Seg]) -> Option<usize> {
    let doc = DeTable::parse(text).ok()?;
    let mut best = None;
    let mut table: Option<&DeTable> = Some(doc.get_ref());
    let mut value: Option<&DeValue> = None;
    for seg in path {
        match seg {
            Seg::Key(key) => {
                let t = match (table, value) {
                    (Some(t), _) => t,
                    (None, Some(v)) => v.as_table()?,
                    _ => return best,
                };
                let Some((kk, vv)) = t.iter().find(|(kk, _)| kk.get_ref().as_ref() == key) else {
                    return best;
                };
                best = Some(kk.span().start);
                table = None;
                value = Some(vv.get_ref());
            }
            Seg::Index(i) => {
                let v = value?;
                let arr = v.as_array()?;
                let item = arr.get(*i)?;
                best = Some(item.span().start);
                table = None;
                value = Some(item.get_ref());
            }
        }
    }
    best
}

/// The path of the deepest field whose key or value holds a byte offset.
pub fn field_at(text: &str, offset: usize) -> Option<Vec<Seg>> {
    let doc = DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    fn walk(t: &DeTable, offset: usize, path: &mut Vec<Seg>) -> bool {
        for (kk, vv) in t.iter() {
            let (ks, vs) = (kk.span(), vv.span());
            let inside = (ks.start <= offset && offset < ks.end.max(ks.start + 1))
                || (vs.start <= offset && offset <= vs.end);
            let nested = match vv.get_ref() {
                DeValue::Table(sub) => {
                    path.push(Seg::Key(kk.get_ref().to_string()));
                    if walk(sub, offset, path) {
                        return true;
                    }
                    path.pop();
                    false
                }
                DeValue::Array(arr) => {
                    let mut hit = false;
                    for (n, item) in arr.iter().enumerate() {
                        if let DeValue::Table(sub) = item.get_ref() {
                            path.push(Seg::Key(kk.get_ref().to_string()));
                            path.push(Seg::Index(n));
                            if walk(sub, offset, path) {
                                hit = true;
                                break;
                            }
                            path.truncate(path.len() - 2);
                        }
                    }
                    hit
                }
                _ => false,
            };
            if nested {
                return true;
            }
            if inside {
                path.push(Seg::Key(kk.get_ref().to_string()));
                return true;
            }
        }
        false
    }
    if walk(doc.get_ref(), offset, &mut path) {
        Some(path)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Scenario::default().check(), Ok(()));
        assert_eq!(
            Scenario::parse("", "x.toml").ok(),
            Some(Scenario::default())
        );
    }

    fn err(text: &str) -> String {
        match Scenario::parse(text, "s.toml") {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn challengers_and_allies_are_checked_alike() {
        let show = |sc: &Scenario| {
            let (path, msg) = sc.check().unwrap_err();
            format!("{}: {msg}", show_path(&path))
        };
        let mut sc = Scenario::default();
        sc.challengers[1].id = sc.challengers[0].id.clone();
        let e = show(&sc);
        assert!(
            e.contains("challenger") && e.contains("appears twice"),
            "{e}"
        );
        let mut sc = Scenario::default();
        sc.allies[0].theatre = "arctic".into();
        let e = show(&sc);
        assert!(
            e.contains("ally") && e.contains("'arctic' is not a theatre"),
            "{e}"
        );
        let mut sc = Scenario::default();
        sc.allies[0].states.clear();
        assert!(show(&sc).contains("at least one state"));
        let mut sc = Scenario::default();
        sc.challengers[0].states = vec!["XYZ".into()];
        assert!(show(&sc).contains("'XYZ' is not a state"));
    }

    #[test]
    fn unknown_field_names_field_and_line() {
        let e = err("name = \"x\"\n\n[us]\ndeployable_shar = 0.5\n");
        assert!(e.starts_with("s.toml:4: "), "{e}");
        assert!(e.contains("deployable_shar"), "{e}");
    }

    #[test]
    fn out_of_range_names_field_and_line() {
        let e = err("name = \"x\"\ncoordination = 1.5\n");
        assert_eq!(
            e,
            "s.toml:2: field `coordination`: 1.5 is out of range [0, 1]"
        );
        let e = err("[us]\nsplit = { europe = 0.7, east_asia = 0.7 }\n");
        assert!(e.starts_with("s.toml:2: field `us.split`"), "{e}");
    }

    #[test]
    fn nan_names_field_and_line() {
        let e = err("\n[probes]\n\ngray_slope = nan\n");
        assert_eq!(
            e,
            "s.toml:4: field `probes.gray_slope`: NaN is not a finite number"
        );
    }

    #[test]
    fn array_field_names_index_and_line() {
        let text = "[[theatre]]\nid = \"a\"\nname = \"A\"\nlat = 0.0\nlon = 0.0\ntransit_months = 1\n[[challenger]]\nid = \"c\"\nstates = [\"RUS\"]\ntheatre = \"a\"\ntheatre_share = 1.0\nprobe_rate = 0.1\ncrisis_share = 0.1\n\n[[ally]]\nid = \"x\"\nstates = [\"POL\"]\ntheatre = \"a\"\nexposure = 2.0\necon_dependence = 0.1\n";
        let e = err(text);
        assert_eq!(
            e,
            "s.toml:19: field `ally[0].exposure`: 2 is out of range [0, 1]"
        );
    }

    #[test]
    fn unknown_state_names_field_and_line() {
        let e = err("[[theatre]]\nid = \"a\"\nname = \"A\"\nlat = 0.0\nlon = 0.0\ntransit_months = 1\n[[challenger]]\nid = \"c\"\nstates = [\"RUS\", \"XXX\"]\ntheatre = \"a\"\ntheatre_share = 1.0\nprobe_rate = 0.1\ncrisis_share = 0.1\n");
        assert!(
            e.starts_with("s.toml:9: field `challenger[0].states[1]`: 'XXX'"),
            "{e}"
        );
    }

    #[test]
    fn wrong_type_names_field() {
        let e = err("\n[us]\nreserve_share = \"high\"\n");
        assert!(e.starts_with("s.toml:3: field `us.reserve_share`"), "{e}");
    }

    #[test]
    fn unknown_theatre_reference() {
        let e = err("[us]\npolicy = \"defeat-one-deter-elsewhere\"\npriority = \"arctic\"\n");
        assert!(e.starts_with("s.toml:3: field `us.priority`"), "{e}");
        let e = err("[us]\npolicy = \"defeat-one-deter-elsewhere\"\n");
        assert!(e.starts_with("s.toml:2: field `us.policy`"), "{e}");
    }
}
