//! The layers of the multiplex network, and the options that switch and weight them.

use crate::error::{NetworkError, Result};
use serde::Serialize;
use std::fmt;

/// A layer of the multiplex network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// Formal alliances: ATOP 5.1 within its coverage (to 2018), the curated record after it.
    /// Edge value: the ATOP valued coding of the pair's obligations (Chiba, Johnson & Leeds), 1–3.
    Alliance,
    /// Defence cooperation, access agreements, partnerships, joint exercises and arms-industrial
    /// programmes (curated). Edge value: the number of such records binding the pair that year.
    Cooperation,
    /// Arms transfers: SIPRI TIV delivered between the pair in the year (both directions, in
    /// millions of TIV), at or above a threshold. Edge value: the TIV. Off in the union by default:
    /// a single sale ties a supplier to a buyer, so with it nearly every ally is linked to every
    /// region's suppliers and the union's structure says little about security ties.
    Arms,
    /// UN alignment: UN General Assembly ideal points (July 2025 release, all votes) closer than a
    /// threshold. Edge value: the distance. Off in the union by default.
    Un,
}

impl Layer {
    /// Every layer, in order.
    pub const ALL: [Layer; 4] = [Layer::Alliance, Layer::Cooperation, Layer::Arms, Layer::Un];

    /// The layer's name on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Alliance => "alliance",
            Layer::Cooperation => "cooperation",
            Layer::Arms => "arms",
            Layer::Un => "un",
        }
    }

    /// Parses a layer name.
    pub fn parse(s: &str) -> Result<Layer> {
        match s.trim().to_ascii_lowercase().as_str() {
            "alliance" | "alliances" => Ok(Layer::Alliance),
            "cooperation" | "coop" | "partnership" | "partnerships" => Ok(Layer::Cooperation),
            "arms" | "tiv" | "sipri" => Ok(Layer::Arms),
            "un" | "unga" | "voting" => Ok(Layer::Un),
            other => Err(NetworkError::Layers(format!(
                "unknown layer '{other}' (layers: alliance, cooperation, arms, un)"
            ))),
        }
    }

    /// The layer's position in per-layer arrays.
    pub fn idx(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Reference levels and weights of the Sino-Russian alignment index (see `docs/networks.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlignmentOptions {
    /// Weights of the four components: ties, exercises, arms, UN.
    pub weights: [f64; 4],
    /// Partnership and cooperation records at which the partnership half of `ties` reaches 1.
    pub partnerships_ref: f64,
    /// Joint exercises and patrols in a year at which `exercises` reaches 1.
    pub exercises_ref: f64,
    /// Russia→China TIV delivered in a year (millions) at which `arms` reaches 1.
    pub tiv_ref: f64,
    /// Ideal-point distance at which `un` reaches 0.
    pub un_distance_ref: f64,
}

impl Default for AlignmentOptions {
    fn default() -> Self {
        AlignmentOptions {
            weights: [1.0; 4],
            partnerships_ref: 3.0,
            exercises_ref: 5.0,
            tiv_ref: 2000.0,
            un_distance_ref: 3.0,
        }
    }
}

/// How a network is built: which layers, with which weights and thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Options {
    /// The weight of each layer, in [`Layer::ALL`] order; 0 switches a layer off.
    pub weights: [f64; 4],
    /// The TIV (millions, both directions summed) at or above which a pair has an arms edge.
    pub arms_threshold: f64,
    /// The ideal-point distance below which a pair has a UN edge.
    pub un_threshold: f64,
    /// The lowest ATOP valued coding that makes an alliance tie: 1 (any obligation, the default),
    /// 2 (neutrality or consultation and up) or 3 (defense or offense only).
    pub alliance_min: u8,
    /// After ATOP's last year (2018), carry ATOP's 2018 alliances forward beside the curated
    /// record's treaties (as the 2016 state system is carried forward); without it, the alliance
    /// layer after 2018 is the curated record's alone.
    pub carry_forward: bool,
    /// The Sino-Russian alignment index.
    pub alignment: AlignmentOptions,
    /// What a framework record (an organisation and a partner: NATO's IPCP/ITPP, EU partnerships;
    /// [`entente_core::TieScope::Framework`]) counts for in the cooperation layer, against 1 for a
    /// bilateral or multilateral record: in [0, 1], default [`DEFAULT_FRAMEWORK_WEIGHT`]. 0 leaves
    /// frameworks out of the network.
    pub framework_weight: f64,
    /// How much each kind of direct tie counts in `cross_tie_strength` (docs/networks.md).
    pub strength: crate::strength::StrengthWeights,
}

/// The largest layer weight accepted: weights are relative, and a bound keeps every sum of them
/// (the union's edge weights, strengths) finite.
pub const MAX_LAYER_WEIGHT: f64 = 1000.0;

/// The default weight of a framework record in the cooperation layer: half a bilateral or
/// multilateral record (docs/networks.md, "Scope").
pub const DEFAULT_FRAMEWORK_WEIGHT: f64 = 0.5;

/// The default TIV threshold of the arms layer (millions of TIV in the year).
pub const DEFAULT_ARMS_THRESHOLD: f64 = 10.0;
/// The default ideal-point distance threshold of the UN layer.
pub const DEFAULT_UN_THRESHOLD: f64 = 0.25;

impl Default for Options {
    fn default() -> Self {
        Options {
            weights: [1.0, 1.0, 0.0, 0.0],
            arms_threshold: DEFAULT_ARMS_THRESHOLD,
            un_threshold: DEFAULT_UN_THRESHOLD,
            alliance_min: 1,
            carry_forward: true,
            alignment: AlignmentOptions::default(),
            framework_weight: DEFAULT_FRAMEWORK_WEIGHT,
            strength: crate::strength::StrengthWeights::default(),
        }
    }
}

impl Options {
    /// Whether a layer is switched on.
    pub fn enabled(&self, l: Layer) -> bool {
        self.weights[l.idx()] > 0.0
    }

    /// The layers switched on.
    pub fn enabled_layers(&self) -> Vec<Layer> {
        Layer::ALL
            .into_iter()
            .filter(|l| self.enabled(*l))
            .collect()
    }

    /// Sets the layers from a list such as `alliance,cooperation=2,arms=0.5`: the layers named are
    /// switched on (weight 1 unless given), the others off.
    pub fn set_layers(&mut self, list: &str) -> Result<()> {
        let mut w = [0.0; 4];
        let mut any = false;
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, weight) = match part.split_once('=') {
                Some((n, v)) => {
                    let v: f64 = v.trim().parse().map_err(|_| {
                        NetworkError::Layers(format!(
                            "weight '{}' of '{}' is not a number",
                            v.trim(),
                            n.trim()
                        ))
                    })?;
                    if !v.is_finite() || !(0.0..=MAX_LAYER_WEIGHT).contains(&v) {
                        return Err(NetworkError::Layers(format!(
                            "weight {v} of '{}' must be a number from 0 to {MAX_LAYER_WEIGHT}",
                            n.trim()
                        )));
                    }
                    (n, v)
                }
                None => (part, 1.0),
            };
            let l = Layer::parse(name)?;
            w[l.idx()] = weight;
            any = true;
        }
        if !any || w.iter().all(|x| *x == 0.0) {
            return Err(NetworkError::Layers(
                "no layer switched on (layers: alliance, cooperation, arms, un)".into(),
            ));
        }
        self.weights = w;
        Ok(())
    }

    /// Checks the weights and thresholds.
    pub fn validate(&self) -> Result<()> {
        if self
            .weights
            .iter()
            .any(|w| !w.is_finite() || !(0.0..=MAX_LAYER_WEIGHT).contains(w))
        {
            return Err(NetworkError::Layers(format!(
                "layer weights must be numbers from 0 to {MAX_LAYER_WEIGHT} (got {:?})",
                self.weights
            )));
        }
        if !self.framework_weight.is_finite() || !(0.0..=1.0).contains(&self.framework_weight) {
            return Err(NetworkError::Option(format!(
                "--framework-weight {} must be a number from 0 to 1",
                self.framework_weight
            )));
        }
        self.strength.validate()?;
        if !self.arms_threshold.is_finite() || self.arms_threshold <= 0.0 {
            return Err(NetworkError::Option(format!(
                "--arms-threshold {} must be a positive number of millions of TIV",
                self.arms_threshold
            )));
        }
        if !self.un_threshold.is_finite() || self.un_threshold <= 0.0 {
            return Err(NetworkError::Option(format!(
                "--un-threshold {} must be a positive ideal-point distance",
                self.un_threshold
            )));
        }
        if !(1..=3).contains(&self.alliance_min) {
            return Err(NetworkError::Option(format!(
                "--alliance-min {} must be 1 (any obligation), 2 (consultation or neutrality and up) or 3 (defense or offense)",
                self.alliance_min
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_lists_parse_with_weights() {
        let mut o = Options::default();
        assert_eq!(
            o.enabled_layers(),
            vec![Layer::Alliance, Layer::Cooperation]
        );
        o.set_layers("alliance, arms=0.5").unwrap();
        assert_eq!(o.weights, [1.0, 0.0, 0.5, 0.0]);
        assert_eq!(o.enabled_layers(), vec![Layer::Alliance, Layer::Arms]);
        assert!(o
            .set_layers("treaties")
            .unwrap_err()
            .to_string()
            .contains("treaties"));
        assert!(o
            .set_layers("arms=x")
            .unwrap_err()
            .to_string()
            .contains("'x'"));
        assert!(o.set_layers("arms=-1").is_err());
        assert!(o.set_layers("arms=1e308").is_err(), "unbounded weight");
        assert!(o.set_layers("arms=inf").is_err());
        assert!(o.set_layers("arms=1000").is_ok());
        let mut bad = Options::default();
        bad.weights[0] = 1e308;
        assert!(bad.validate().is_err());
        let mut bad = Options {
            framework_weight: 1.5,
            ..Options::default()
        };
        assert!(bad.validate().is_err());
        bad.framework_weight = f64::NAN;
        assert!(bad.validate().is_err());
        assert!(o.set_layers("arms=0").is_err());
        assert!(o.set_layers("").is_err());
    }
}
