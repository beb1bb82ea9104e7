//! The weights and windows of the opportunity score. Every one is a parameter; a `--weights` TOML
//! file overrides any subset (unknown keys are errors). Defaults and their reasons are in
//! `docs/opportunities.md`.

use serde::Deserialize;

/// The largest weight accepted: weights are relative, and a bound keeps their sums and products
/// finite (a weight of 1e308 would make every score NaN).
pub const MAX_WEIGHT: f64 = 1000.0;

/// How the three components combine.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Combine {
    /// Threat convergence.
    pub threat: f64,
    /// Capability commonality and complementarity.
    pub capability: f64,
    /// The gap: the absence of existing ties (1 − ties).
    pub gap: f64,
}

impl Default for Combine {
    fn default() -> Self {
        Combine {
            threat: 1.0,
            capability: 1.0,
            gap: 1.0,
        }
    }
}

/// The inputs of a state's exposure to a challenger.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ThreatWeights {
    /// Militarized disputes with the challenger (COW MID).
    pub disputes: f64,
    /// UN ideal-point distance from the challenger.
    pub un_distance: f64,
    /// Proximity of capitals.
    pub proximity: f64,
    /// The challenger's military build-up, discounted by distance (SIPRI milex).
    pub buildup: f64,
}

impl Default for ThreatWeights {
    fn default() -> Self {
        ThreatWeights {
            disputes: 1.0,
            un_distance: 1.0,
            proximity: 1.0,
            buildup: 1.0,
        }
    }
}

/// The parts of capability commonality.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct CapabilityWeights {
    /// Shared weapon families operated.
    pub families: f64,
    /// Shared suppliers.
    pub suppliers: f64,
    /// Complementarity: what one supplies that the other buys.
    pub complementarity: f64,
}

impl Default for CapabilityWeights {
    fn default() -> Self {
        CapabilityWeights {
            families: 1.0,
            suppliers: 0.5,
            complementarity: 0.5,
        }
    }
}

/// The kinds of existing ties.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct TieWeights {
    /// A defence treaty (curated, or ATOP defense/offense).
    pub treaty: f64,
    /// A reciprocal access or status-of-forces agreement.
    pub access: f64,
    /// A defence cooperation agreement (incl. ACSA, information security, equipment transfer).
    pub cooperation: f64,
    /// A partnership or partnership programme.
    pub partnership: f64,
    /// A joint exercise in the recent window.
    pub exercise: f64,
    /// An arms-industrial programme.
    pub industrial: f64,
    /// Arms delivered between them in the trade window (SIPRI), or a major arms deal in force.
    pub arms: f64,
}

impl Default for TieWeights {
    fn default() -> Self {
        TieWeights {
            treaty: 0.3,
            access: 0.2,
            cooperation: 0.1,
            partnership: 0.1,
            exercise: 0.1,
            industrial: 0.1,
            arms: 0.1,
        }
    }
}

/// Time windows, in years ending with the year scored.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Windows {
    /// A weapon delivered within this many years counts as operated.
    pub operated: i32,
    /// Suppliers, imports and arms between the pair: this many years.
    pub trade: i32,
    /// Exercises: this many years.
    pub exercise: i32,
    /// Disputes: this many years.
    pub disputes: i32,
    /// A challenger's build-up: growth of its spending over this many years.
    pub buildup: i32,
}

impl Default for Windows {
    fn default() -> Self {
        Windows {
            operated: 25,
            trade: 10,
            exercise: 5,
            disputes: 10,
            buildup: 5,
        }
    }
}

/// Every parameter.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Combination of the components.
    pub combine: Combine,
    /// Threat inputs.
    pub threat: ThreatWeights,
    /// Capability inputs.
    pub capability: CapabilityWeights,
    /// Tie kinds.
    pub ties: TieWeights,
    /// Windows.
    pub windows: Windows,
}

impl Params {
    /// Parses a weights file; errors name the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Params, String> {
        let p: Params = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| {
                    text.as_bytes()[..s.start.min(text.len())]
                        .iter()
                        .filter(|b| **b == b'\n')
                        .count()
                        + 1
                })
                .unwrap_or(1);
            format!("{file}:{line}: {}", e.message().trim().replace('\n', " "))
        })?;
        p.check().map_err(|m| format!("{file}: {m}"))?;
        Ok(p)
    }

    /// Every weight is finite and ≥ 0, and every window ≥ 1.
    pub fn check(&self) -> Result<(), String> {
        let w = [
            ("combine.threat", self.combine.threat),
            ("combine.capability", self.combine.capability),
            ("combine.gap", self.combine.gap),
            ("threat.disputes", self.threat.disputes),
            ("threat.un_distance", self.threat.un_distance),
            ("threat.proximity", self.threat.proximity),
            ("threat.buildup", self.threat.buildup),
            ("capability.families", self.capability.families),
            ("capability.suppliers", self.capability.suppliers),
            (
                "capability.complementarity",
                self.capability.complementarity,
            ),
            ("ties.treaty", self.ties.treaty),
            ("ties.access", self.ties.access),
            ("ties.cooperation", self.ties.cooperation),
            ("ties.partnership", self.ties.partnership),
            ("ties.exercise", self.ties.exercise),
            ("ties.industrial", self.ties.industrial),
            ("ties.arms", self.ties.arms),
        ];
        for (k, v) in w {
            if !v.is_finite() || !(0.0..=MAX_WEIGHT).contains(&v) {
                return Err(format!(
                    "{k} = {v}: a weight must be a number from 0 to {MAX_WEIGHT}"
                ));
            }
        }
        if self.combine.threat + self.combine.capability + self.combine.gap == 0.0 {
            return Err("combine: at least one component needs a positive weight".into());
        }
        let win = &self.windows;
        for (k, v) in [
            ("windows.operated", win.operated),
            ("windows.trade", win.trade),
            ("windows.exercise", win.exercise),
            ("windows.disputes", win.disputes),
            ("windows.buildup", win.buildup),
        ] {
            if !(1..=100).contains(&v) {
                return Err(format!("{k} = {v}: a window is 1 to 100 years"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_finite_and_bounded() {
        assert!(Params::parse("w.toml", "[combine]\nthreat = 2.0\n").is_ok());
        for bad in ["1e308", "inf", "nan", "-1.0", "1000.5"] {
            let e = Params::parse("w.toml", &format!("[combine]\nthreat = {bad}\n")).unwrap_err();
            assert!(e.contains("combine.threat"), "{bad}: {e}");
        }
        let e = Params::parse("w.toml", "[ties]\narms = 1e308\n").unwrap_err();
        assert!(e.contains("ties.arms") && e.contains("1000"), "{e}");
    }
}
