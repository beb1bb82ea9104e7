//! The scenario sections that v2 of the model added (`docs/model.md` §4.2, §6.1, §7): the
//! coordination channels and the reference of fear. Each has a default; each is validated in
//! `Scenario::check` like the rest.

use serde::{Deserialize, Serialize};

/// `[channels]`: how the challengers' coordination reaches the US and its allies beyond the timing
/// of probes (`coordination`, ρ). Each channel is switched off by its zero (or `false`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChannelParams {
    /// Coordinated probes share their crisis-or-gray draw too, so coordinated crises coincide.
    pub crisis_type: bool,
    /// Share of coordinated months in which a probe is joint: the coordinating challengers of the
    /// other theatres join it with part of their force (the 2019 Sino-Russian bomber patrol).
    pub joint_share: f64,
    /// Share of a joining challenger's theatre force that a joint probe brings.
    pub joint_force: f64,
    /// Share of the US force present in the other theatres that moves to the priority theatre for
    /// `us.swing_months` after a month with crises in two or more theatres.
    pub reallocate_share: f64,
    /// How much a challenger's probing rises as the US commits force elsewhere, per unit of the
    /// share of the US force moved out of its theatre relative to the planning standard.
    pub emboldening_elsewhere: f64,
    /// Capability transfer between the challengers: US$ bn (constant 2024) of military
    /// expenditure-equivalent that a challenger state gains a year per US$ bn of SIPRI TIV it
    /// received a year from the other challengers' states over `transfer_window_years`
    /// (`docs/model.md` §4.2; 0 = off).
    pub transfer_weight: f64,
    /// The window of deliveries that the transfer channel averages, in years up to the scenario's
    /// year (1 to [`MAX_TRANSFER_WINDOW`]).
    pub transfer_window_years: u32,
}

/// The longest window of the capability-transfer channel, in years.
pub const MAX_TRANSFER_WINDOW: u32 = 10;

impl Default for ChannelParams {
    fn default() -> Self {
        ChannelParams {
            crisis_type: true,
            joint_share: 0.0,
            joint_force: 0.1,
            reallocate_share: 0.0,
            emboldening_elsewhere: 0.0,
            transfer_weight: 0.0,
            transfer_window_years: 5,
        }
    }
}

/// What an ally measures the US presence in its theatre against (§6.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FearReference {
    /// The force its theatre needs for deterrence only (v1): an ally whose allies outmatch the
    /// challenger never fears the loss of US force.
    Need,
    /// Also the planning standard, the US presence of the status quo: an ally whose theatre loses US
    /// force fears abandonment even when its local balance is favourable.
    Presence,
}

/// `[fear]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FearParams {
    /// The reference of the shortfall term.
    pub reference: FearReference,
}

impl Default for FearParams {
    fn default() -> Self {
        FearParams {
            reference: FearReference::Presence,
        }
    }
}

/// How hedging responds to fear (§7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgingMode {
    /// Each mode is on or off at its threshold (v1).
    Threshold,
    /// Each mode's intensity rises linearly from 0 to 1 over `hedging.ramp` centred on its threshold.
    Continuous,
}

/// Purchasing-power factors for military spending, for states whose spending buys markedly more at
/// home than market exchange rates say (§2): the factor multiplies SIPRI's market-rate figure.
/// `(ISO3, factor, source)`.
pub const PPP_FACTORS: [(&str, f64, &str); 2] = [
    (
        "RUS",
        3.164,
        "IISS, The Military Balance 2025: Russia's 2024 defence spending RUB 13.1 trn, US$ 145.9 bn at market rates and US$ 461.6 bn at purchasing-power parity (461.6 / 145.9)",
    ),
    (
        "CHN",
        1.8,
        "Connolly (2019, CNA): China's 2018 military spending about US$ 450 bn at purchasing-power parity against SIPRI's about US$ 250 bn at market rates (450 / 250)",
    ),
];

/// The purchasing-power factor of a state (1 when none is known).
pub fn ppp_factor(iso3: &str) -> f64 {
    PPP_FACTORS
        .iter()
        .find(|(s, _, _)| *s == iso3)
        .map(|(_, f, _)| *f)
        .unwrap_or(1.0)
}
