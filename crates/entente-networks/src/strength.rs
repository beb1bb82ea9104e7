//! The strength of the direct ties between the NATO and East Asia & Pacific allies
//! (`cross_tie_strength`): each kind of tie counts for a documented weight, a pair's strength is
//! their sum capped at 1, and the measure is the weighted density of the block pair
//! (`docs/networks.md`).

use crate::error::{NetworkError, Result};
use entente_core::{TieKind, TieScope};
use serde::Serialize;

/// What each kind of direct tie adds to a pair's strength (a pair's strength is capped at 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrengthWeights {
    /// An alliance with a defense or offense obligation (ATOP valued coding 3).
    pub defence_treaty: f64,
    /// An alliance with consultation, neutrality or non-aggression obligations only (valued 1–2).
    pub other_alliance: f64,
    /// A bilateral agreement: defence cooperation, access, partnership, arms-industrial programme.
    pub bilateral: f64,
    /// A multilateral agreement of those kinds (FPDA, AUKUS, the F-35 programme).
    pub multilateral: f64,
    /// A framework: an organisation's partnership with a partner (NATO IPCP/ITPP, EU).
    pub framework: f64,
    /// A joint exercise or patrol of any scope, in force in the year.
    pub exercise: f64,
}

impl Default for StrengthWeights {
    fn default() -> Self {
        StrengthWeights {
            defence_treaty: 1.0,
            other_alliance: 0.5,
            bilateral: 0.5,
            multilateral: 0.25,
            framework: 0.1,
            exercise: 0.1,
        }
    }
}

impl StrengthWeights {
    /// Every weight is a number from 0 to 1.
    pub fn validate(&self) -> Result<()> {
        for (k, v) in [
            ("defence_treaty", self.defence_treaty),
            ("other_alliance", self.other_alliance),
            ("bilateral", self.bilateral),
            ("multilateral", self.multilateral),
            ("framework", self.framework),
            ("exercise", self.exercise),
        ] {
            if !v.is_finite() || !(0.0..=1.0).contains(&v) {
                return Err(NetworkError::Option(format!(
                    "tie-strength weight {k} = {v} must be a number from 0 to 1"
                )));
            }
        }
        Ok(())
    }

    /// What one curated record of the cooperation kinds adds to each pair it binds.
    pub fn of_record(&self, kind: TieKind, scope: TieScope) -> f64 {
        if kind == TieKind::Exercise {
            return self.exercise;
        }
        match scope {
            TieScope::Bilateral => self.bilateral,
            TieScope::Multilateral => self.multilateral,
            TieScope::Framework => self.framework,
        }
    }

    /// What an alliance tie of a valued coding (1–3) adds.
    pub fn of_alliance(&self, valued: f64) -> f64 {
        if valued >= 3.0 {
            self.defence_treaty
        } else if valued > 0.0 {
            self.other_alliance
        } else {
            0.0
        }
    }
}

/// The weighted density of the ties between two blocks of sizes `na` and `nb`: the sum of the
/// pairs' strengths (each in [0, 1]) over `na · nb`; missing when a block is empty.
pub fn weighted_density(
    strengths: impl IntoIterator<Item = f64>,
    na: usize,
    nb: usize,
) -> Option<f64> {
    (na > 0 && nb > 0).then(|| {
        strengths
            .into_iter()
            .map(|s| s.clamp(0.0, 1.0))
            .sum::<f64>()
            / (na * nb) as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_checked_strengths() {
        let w = StrengthWeights::default();
        // Two NATO allies × two East Asian allies: one pair with a bilateral access agreement and
        // a framework (0.5 + 0.1), one with a framework only (0.1), two with nothing.
        let v = weighted_density([0.5 + 0.1, 0.1], 2, 2).unwrap();
        assert!((v - 0.7 / 4.0).abs() < 1e-15);
        // A pair with a defence treaty and more is capped at 1.
        assert_eq!(weighted_density([1.0 + 0.5 + 0.1], 1, 1), Some(1.0));
        assert_eq!(weighted_density([], 0, 3), None);
        assert_eq!(
            w.of_record(TieKind::Partnership, TieScope::Framework),
            w.framework
        );
        assert_eq!(
            w.of_record(TieKind::Exercise, TieScope::Multilateral),
            w.exercise
        );
        assert_eq!(w.of_alliance(3.0), 1.0);
        assert_eq!(w.of_alliance(1.0), 0.5);
        assert!(w.validate().is_ok());
        let bad = StrengthWeights {
            framework: 2.0,
            ..StrengthWeights::default()
        };
        assert!(bad.validate().is_err());
    }
}
