//! The model of `docs/model.md`, compiled from a scenario and a calibration into flat arrays, and
//! one run of it. The inner loop allocates nothing: every buffer lives in a [`Work`] made once per
//! worker thread.

use crate::calibrate::{discount, distance_km, force_index, Calibration};
use crate::error::{Result, SimError};
use crate::params::{ppp_factor, FearReference, HedgingMode};
pub use crate::run::Work;
use crate::scenario::{Policy, Scenario, Targeting};

/// Measures per theatre, in order.
pub const THEATRE_METRICS: [&str; 11] = [
    "p_success",
    "p_escalation",
    "failure_rate",
    "probes",
    "us_share",
    "overstretch",
    "fear",
    "belief",
    "hedging",
    "backfill",
    "cohesion",
];
/// Measures of the whole system, in order.
pub const GLOBAL_METRICS: [&str; 6] = [
    "p_simultaneous",
    "p_simultaneous_crises",
    "stretch",
    "p_overstretch",
    "cohesion",
    "cohesion_final",
];
/// Measures per ally, in order.
pub const ALLY_METRICS: [&str; 11] = [
    "belief_final",
    "fear",
    "hedging",
    "backfill_final",
    "cohesion_final",
    "internal_events",
    "cooperation_events",
    "accommodation_events",
    "internal_months",
    "cooperation_months",
    "accommodation_months",
];

/// The logistic function.
#[inline]
pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Probability that the US responds firmly (`docs/model.md` §5), given its discounted local force
/// (present plus surge), the challenger force, and the target's exposure.
#[inline]
pub fn firm_probability(
    us_local: f64,
    challenger: f64,
    slope: f64,
    ratio: f64,
    expo_effect: f64,
    exposure: f64,
) -> f64 {
    if us_local <= 0.0 {
        0.0
    } else {
        logistic(slope * (us_local / (ratio * challenger)).ln() - expo_effect * exposure)
    }
}

/// Probability that one probe fails deterrence (a gray-zone success or an escalated crisis),
/// integrating over the US response (§5–§6). Used by the law tests: it never rises with `us_local`.
#[allow(clippy::too_many_arguments)]
pub fn failure_probability(
    m: &Model,
    k: usize,
    allied: f64,
    us_local: f64,
    crisis: bool,
    exposure: f64,
    cohesion: f64,
) -> f64 {
    let c = m.c_force[k];
    let phi = firm_probability(
        us_local,
        c,
        m.resp_slope,
        m.resp_ratio,
        m.resp_exposure,
        exposure,
    );
    let p = |bal: f64| {
        if crisis {
            logistic(m.crisis_a - m.crisis_b * bal + m.acc_effect * (1.0 - cohesion))
        } else {
            logistic(
                m.gray_a - m.gray_b * bal
                    + m.expo_effect * exposure
                    + m.acc_effect * (1.0 - cohesion),
            )
        }
    };
    let firm = ((allied + us_local).max(TINY) / c).ln();
    let alone = (allied.max(TINY) / c).ln();
    phi * p(firm) + (1.0 - phi) * p(alone)
}

pub(crate) const TINY: f64 = 1e-12;

/// A scenario compiled for running.
#[derive(Debug, Clone)]
pub struct Model {
    /// Theatre ids.
    pub theatre_ids: Vec<String>,
    /// Theatre names.
    pub theatre_names: Vec<String>,
    /// Challenger ids.
    pub challenger_ids: Vec<String>,
    /// Ally ids.
    pub ally_ids: Vec<String>,
    /// Ally theatres.
    pub ally_theatre: Vec<usize>,
    /// `C_k`.
    pub c_force: Vec<f64>,
    /// `δ_US,k`.
    pub us_delta: Vec<f64>,
    /// Base allied force per theatre (`Σ F_i`, before any dynamics).
    pub allied_base: Vec<f64>,
    /// `F_i` (discounted).
    pub ally_force: Vec<f64>,
    /// `D`.
    pub d: f64,
    /// `P_k`: the planning standard, the status-quo presence (§6.1).
    pub planning: Vec<f64>,
    /// Share of each ally's force near its theatre (§3.1).
    pub(crate) near_share: Vec<f64>,
    pub(crate) ready: Vec<f64>,
    pub(crate) reinforce: Vec<usize>,
    pub(crate) crisis_type: bool,
    pub(crate) joint_share: f64,
    pub(crate) joint_force: Vec<f64>,
    pub(crate) realloc: f64,
    pub(crate) emb_elsewhere: f64,
    pub(crate) fear_presence: bool,
    pub(crate) continuous: bool,
    pub(crate) ramp: f64,
    pub(crate) horizon: usize,
    pub(crate) seed: u64,
    pub(crate) nk: usize,
    pub(crate) transit: Vec<usize>,
    pub(crate) ring: usize,
    pub(crate) split: Vec<f64>,
    pub(crate) priority: usize,
    pub(crate) priority_set: Option<usize>,
    pub(crate) backfill0: Vec<f64>,
    pub(crate) ch_theatre: Vec<usize>,
    pub(crate) ch_rate: Vec<f64>,
    pub(crate) ch_crisis: Vec<f64>,
    pub(crate) al_exposure: Vec<f64>,
    pub(crate) al_econ: Vec<f64>,
    pub(crate) th_start: Vec<usize>,
    pub(crate) th_allies: Vec<usize>,
    pub(crate) th_most_exposed: Vec<usize>,
    pub(crate) alloc: f64,
    pub(crate) reserve: f64,
    pub(crate) rho: f64,
    pub(crate) spill: f64,
    pub(crate) targeting: Targeting,
    pub(crate) policy: Policy,
    pub(crate) resp_slope: f64,
    pub(crate) resp_ratio: f64,
    pub(crate) resp_exposure: f64,
    pub(crate) r_star: f64,
    pub(crate) r_def: f64,
    pub(crate) psi: f64,
    pub(crate) swing_share: f64,
    pub(crate) swing_months: u32,
    pub(crate) freed: f64,
    pub(crate) emboldening: f64,
    pub(crate) gray_a: f64,
    pub(crate) gray_b: f64,
    pub(crate) crisis_a: f64,
    pub(crate) crisis_b: f64,
    pub(crate) expo_effect: f64,
    pub(crate) acc_effect: f64,
    pub(crate) prior_a: f64,
    pub(crate) prior_b: f64,
    pub(crate) memory: f64,
    pub(crate) target_weight: f64,
    pub(crate) h_int: f64,
    pub(crate) g_month: f64,
    pub(crate) g_lag: usize,
    pub(crate) g_cap: f64,
    pub(crate) h_coop: f64,
    pub(crate) bf_step: f64,
    pub(crate) bf_cap: f64,
    pub(crate) h_acc: f64,
    pub(crate) acc_rate: f64,
    pub(crate) rec_rate: f64,
    pub(crate) coh_floor: f64,
    pub(crate) hyst: f64,
}

impl Model {
    /// Compiles a checked scenario with its calibration.
    pub fn new(scn: &Scenario, cal: &Calibration) -> Result<Model> {
        let nk = scn.theatres.len();
        let w = scn.calibration.milex_weight;
        let half = scn.calibration.half_strength_km;
        let floor = scn.calibration.allied_spending_floor;
        let ppp = scn.calibration.ppp;
        let fig = |iso3: &str| {
            cal.state(iso3)
                .ok_or_else(|| SimError::Calibration(format!("no figures for {iso3}")))
        };
        let us = fig("USA")?;
        let (us_m, us_p) = (us.milex_bn, us.milper_k);
        if us_m <= 0.0 || us_p <= 0.0 {
            return Err(SimError::Calibration(
                "US expenditure and personnel must be positive".into(),
            ));
        }
        let tk = |id: &str| -> Result<usize> {
            scn.theatre_index(id)
                .ok_or_else(|| SimError::Invalid(format!("unknown theatre '{id}'")))
        };
        let focal: Vec<(f64, f64)> = scn.theatres.iter().map(|t| (t.lat, t.lon)).collect();
        // Capability transfer (§4.2): a challenger state's expenditure gains `transfer_weight` times
        // the yearly average of the SIPRI TIV (US$ bn) it received from the other challengers'
        // states over the window.
        let tw = scn.channels.transfer_weight;
        let (t_from, t_to) = crate::calibrate::transfer_window(scn);
        let transfer_bn = |iso3: &str| -> f64 {
            cal.transfers
                .iter()
                .filter(|t| {
                    t.recipient.eq_ignore_ascii_case(iso3)
                        && !t.supplier.eq_ignore_ascii_case(iso3)
                        && (t_from..=t_to).contains(&t.year)
                })
                .map(|t| t.tiv_m / 1000.0)
                .sum::<f64>()
                / scn.channels.transfer_window_years as f64
        };
        let state_force = |iso3: &str, k: usize, ally: bool| -> Result<f64> {
            let f = fig(iso3)?;
            let mut m = f.milex_bn;
            if ppp {
                m *= ppp_factor(iso3);
            }
            if !ally && tw > 0.0 {
                m += tw * transfer_bn(iso3);
            }
            if ally && floor > 0.0 {
                if let Some(g) = f.gdp_share.filter(|g| *g > 0.0) {
                    m *= (floor / g).max(1.0);
                }
            }
            let d = distance_km(f.lat, f.lon, focal[k].0, focal[k].1);
            Ok(force_index(m, f.milper_k, us_m, us_p, w) * discount(d, half))
        };
        let mut c_force = vec![0.0; nk];
        let mut ch_theatre = Vec::new();
        for ch in &scn.challengers {
            let k = tk(&ch.theatre)?;
            let mut f = 0.0;
            for s in &ch.states {
                f += state_force(s, k, false)?;
            }
            c_force[k] += ch.theatre_share * f;
            ch_theatre.push(k);
        }
        for (k, c) in c_force.iter().enumerate() {
            if *c <= 0.0 {
                return Err(SimError::Invalid(format!(
                    "theatre '{}' has no challenger force (every theatre needs one with a theatre_share > 0)",
                    scn.theatres[k].id
                )));
            }
        }
        let mut ally_force = Vec::new();
        let mut ally_theatre = Vec::new();
        let mut near_share = Vec::new();
        let mut allied_base = vec![0.0; nk];
        for a in &scn.allies {
            let k = tk(&a.theatre)?;
            let near_km = scn.theatres[k].near_km;
            let (mut f, mut near) = (0.0, 0.0);
            for s in &a.states {
                let fs = state_force(s, k, true)?;
                f += fs;
                let st = fig(s)?;
                if near_km <= 0.0 || distance_km(st.lat, st.lon, focal[k].0, focal[k].1) <= near_km
                {
                    near += fs;
                }
            }
            ally_force.push(f);
            ally_theatre.push(k);
            near_share.push(if f > 0.0 { near / f } else { 1.0 });
            allied_base[k] += f;
        }
        // The force each challenger could bring to a joint probe in another theatre: its own
        // theatre's force share, undiscounted for the distance (air and naval patrols).
        let mut joint_force = Vec::new();
        for ch in &scn.challengers {
            let k = tk(&ch.theatre)?;
            let mut f = 0.0;
            for s in &ch.states {
                f += state_force(s, k, false)?;
            }
            joint_force.push(scn.channels.joint_force * ch.theatre_share * f);
        }
        let mut th_start = vec![0];
        let mut th_allies = Vec::new();
        let mut th_most_exposed = Vec::new();
        for k in 0..nk {
            let mut best: Option<usize> = None;
            for (i, &t) in ally_theatre.iter().enumerate() {
                if t == k {
                    th_allies.push(i);
                    if best.is_none_or(|b| scn.allies[i].exposure > scn.allies[b].exposure) {
                        best = Some(i);
                    }
                }
            }
            th_start.push(th_allies.len());
            th_most_exposed.push(best.unwrap_or(usize::MAX));
        }
        let us_delta: Vec<f64> = focal
            .iter()
            .map(|(la, lo)| discount(distance_km(us.lat, us.lon, *la, *lo), half))
            .collect();
        let transit: Vec<usize> = scn
            .theatres
            .iter()
            .map(|t| t.transit_months as usize)
            .collect();
        let ring = transit.iter().copied().max().unwrap_or(0) + 1;
        let split = scn
            .theatres
            .iter()
            .map(|t| {
                if scn.us.split.is_empty() {
                    1.0 / nk as f64
                } else {
                    scn.us.split.get(&t.id).copied().unwrap_or(0.0)
                }
            })
            .collect();
        let backfill0 = scn
            .theatres
            .iter()
            .map(|t| scn.backfill.get(&t.id).copied().unwrap_or(0.0))
            .collect();
        let priority_set = match &scn.us.priority {
            Some(p) => Some(tk(p)?),
            None => None,
        };
        let priority = priority_set.unwrap_or(0);
        let d = scn.us.deployable_share * scn.us.force_multiplier * us_m;
        // The planning standard: the threat-proportional allocation of the status quo (§6.1).
        let c_sum: f64 = c_force.iter().sum();
        let alloc0 = (1.0 - scn.us.reserve_share) * d;
        let planning: Vec<f64> = c_force.iter().map(|c| alloc0 * c / c_sum).collect();
        let h = &scn.hedging;
        let b = &scn.beliefs;
        let pr = &scn.probes;
        Ok(Model {
            theatre_ids: scn.theatres.iter().map(|t| t.id.clone()).collect(),
            theatre_names: scn.theatres.iter().map(|t| t.name.clone()).collect(),
            challenger_ids: scn.challengers.iter().map(|c| c.id.clone()).collect(),
            ally_ids: scn.allies.iter().map(|a| a.id.clone()).collect(),
            ally_theatre,
            c_force,
            us_delta,
            allied_base,
            ally_force,
            d,
            planning,
            near_share,
            ready: scn.theatres.iter().map(|t| t.ready_share).collect(),
            reinforce: scn
                .theatres
                .iter()
                .map(|t| t.reinforce_months as usize)
                .collect(),
            crisis_type: scn.channels.crisis_type,
            joint_share: scn.channels.joint_share,
            joint_force,
            realloc: scn.channels.reallocate_share,
            emb_elsewhere: scn.channels.emboldening_elsewhere,
            fear_presence: scn.fear.reference == FearReference::Presence,
            continuous: h.mode == HedgingMode::Continuous,
            ramp: h.ramp,
            horizon: scn.horizon_months as usize,
            seed: scn.seed,
            nk,
            transit,
            ring,
            split,
            priority,
            priority_set,
            backfill0,
            ch_theatre,
            ch_rate: scn
                .challengers
                .iter()
                .map(|c| c.probe_rate * scn.probes.rate_multiplier)
                .collect(),
            ch_crisis: scn.challengers.iter().map(|c| c.crisis_share).collect(),
            al_exposure: scn.allies.iter().map(|a| a.exposure).collect(),
            al_econ: scn.allies.iter().map(|a| a.econ_dependence).collect(),
            th_start,
            th_allies,
            th_most_exposed,
            alloc: (1.0 - scn.us.reserve_share) * d,
            reserve: scn.us.reserve_share * d,
            rho: scn.coordination,
            spill: scn.spillover,
            targeting: scn.targeting,
            policy: scn.us.policy,
            resp_slope: scn.us.response_slope,
            resp_ratio: scn.us.response_ratio,
            resp_exposure: scn.us.response_exposure,
            r_star: scn.us.deterrence_ratio,
            r_def: scn.us.defeat_ratio,
            psi: scn.us.probe_weight,
            swing_share: scn.us.swing_share,
            swing_months: scn.us.swing_months,
            freed: scn.us.freed_per_backfill,
            emboldening: pr.emboldening,
            gray_a: pr.gray_intercept,
            gray_b: pr.gray_slope,
            crisis_a: pr.crisis_intercept,
            crisis_b: pr.crisis_slope,
            expo_effect: pr.exposure_effect,
            acc_effect: pr.accommodation_effect,
            prior_a: b.prior_mean * b.prior_strength,
            prior_b: (1.0 - b.prior_mean) * b.prior_strength,
            memory: b.memory,
            target_weight: b.target_weight,
            h_int: h.internal_threshold,
            g_month: h.internal_growth / 12.0,
            g_lag: h.internal_lag_months as usize,
            g_cap: h.internal_cap,
            h_coop: h.cooperation_threshold,
            bf_step: h.backfill_step,
            bf_cap: h.backfill_cap,
            h_acc: h.accommodation_threshold,
            acc_rate: h.accommodation_rate,
            rec_rate: h.recovery_rate,
            coh_floor: h.cohesion_floor,
            hyst: h.hysteresis,
        })
    }

    /// The local balance `B_k` of each theatre at the start of a run (§3): the allies' force and the
    /// US force the policy places there at `t = 0`, against the challengers'.
    pub fn initial_balance(&self) -> Vec<f64> {
        let mut w = Work::new(self);
        w.reset(self);
        self.ally_forces(&mut w, 0);
        self.policy_targets(&mut w);
        (0..self.nk)
            .map(|k| {
                ((w.a_full[k] + self.us_delta[k] * w.target[k]).max(TINY) / self.c_force[k]).ln()
            })
            .collect()
    }

    /// The force ratio `(A_k(t) + δ_US,k P_k) / C_k` of theatre `k` at month `t` (from 0) with the
    /// allies' availability of §3.1 and the US at its planning-standard presence, before any
    /// hedging: how tight the local balance is, against `us.deterrence_ratio`.
    pub fn ready_ratio(&self, k: usize, t: usize) -> f64 {
        let mut a = 0.0;
        for i in 0..self.ally_force.len() {
            if self.ally_theatre[i] == k {
                a += self.ally_force[i] * self.availability(i, t);
            }
        }
        (a + self.us_delta[k] * self.planning[k]) / self.c_force[k]
    }

    /// `r*`, the force ratio that deters.
    pub fn deterrence_ratio(&self) -> f64 {
        self.r_star
    }

    /// Number of theatres.
    pub fn theatres(&self) -> usize {
        self.nk
    }

    /// Number of allies.
    pub fn allies(&self) -> usize {
        self.ally_force.len()
    }

    /// Months per run.
    pub fn horizon(&self) -> usize {
        self.horizon
    }

    /// Theatre-months per run.
    pub fn theatre_months(&self) -> u64 {
        (self.horizon * self.nk) as u64
    }

    /// The names of the measures of one run, in the order [`Model::run`] writes them.
    pub fn metric_names(&self) -> Vec<String> {
        let mut v = Vec::new();
        for t in &self.theatre_ids {
            for m in THEATRE_METRICS {
                v.push(format!("{t}.{m}"));
            }
        }
        for m in GLOBAL_METRICS {
            v.push(m.to_string());
        }
        for a in &self.ally_ids {
            for m in ALLY_METRICS {
                v.push(format!("{a}.{m}"));
            }
        }
        v
    }

    /// Number of measures per run.
    pub fn n_metrics(&self) -> usize {
        self.nk * THEATRE_METRICS.len() + GLOBAL_METRICS.len() + self.allies() * ALLY_METRICS.len()
    }

    pub(crate) fn allies_of(&self, k: usize) -> &[usize] {
        &self.th_allies[self.th_start[k]..self.th_start[k + 1]]
    }

    /// Share of an ally's force available at month `t` (§3.1): near forces from their ready share,
    /// far ones from nothing, both rising linearly to all of it after `reinforce_months`.
    pub fn availability(&self, i: usize, t: usize) -> f64 {
        let k = self.ally_theatre[i];
        let m = self.reinforce[k];
        let ramp = if m == 0 {
            1.0
        } else {
            (t as f64 / m as f64).min(1.0)
        };
        let r = self.ready[k];
        let near = r + (1.0 - r) * ramp;
        self.near_share[i] * near + (1.0 - self.near_share[i]) * ramp
    }

    pub(crate) fn ally_forces(&self, w: &mut Work, t: usize) {
        w.a_full.fill(0.0);
        w.a_nobf.fill(0.0);
        w.phi_bf.fill(0.0);
        for i in 0..self.ally_force.len() {
            let k = self.ally_theatre[i];
            let base =
                w.coh[i] * self.ally_force[i] * (1.0 + w.growth[i]) * self.availability(i, t);
            w.a_nobf[k] += base;
            w.phi_bf[k] += base * w.bf[i];
            w.a_full[k] += base * (1.0 + w.bf[i]);
        }
    }

    pub(crate) fn policy_targets(&self, w: &mut Work) {
        let nk = self.nk;
        let mut tau_sum = 0.0;
        for k in 0..nk {
            w.tau[k] = self.c_force[k] * (1.0 + self.psi * w.intensity[k]);
            tau_sum += w.tau[k];
        }
        match self.policy {
            Policy::Fixed => {
                for k in 0..nk {
                    w.target[k] = self.alloc * self.split[k];
                }
            }
            Policy::ThreatProportional => {
                for k in 0..nk {
                    w.target[k] = self.alloc * w.tau[k] / tau_sum;
                }
            }
            Policy::DefeatOneDeterElsewhere => {
                let p = self.priority;
                // What it takes to defeat there, never less than what deters there, and never less
                // than the status-quo presence: priority does not mean less (§5).
                let ratio = self.r_def.max(self.r_star);
                let need = ((ratio * self.c_force[p] - w.a_nobf[p]) / self.us_delta[p]).max(0.0);
                let tp = need.max(self.planning[p]).min(self.alloc);
                let rest = self.alloc - tp;
                let others = tau_sum - w.tau[p];
                for k in 0..nk {
                    w.target[k] = if k == p {
                        tp
                    } else if others > 0.0 {
                        rest * w.tau[k] / others
                    } else {
                        0.0
                    };
                }
                if nk == 1 {
                    w.target[p] = self.alloc;
                }
            }
            Policy::Swing => {
                let mut active = usize::MAX;
                let mut n_active = 0;
                for k in 0..nk {
                    if w.swing_timer[k] > 0 {
                        active = k;
                        n_active += 1;
                    }
                }
                let mut moved = 0.0;
                for k in 0..nk {
                    let base = self.alloc * self.split[k];
                    w.target[k] = base;
                    if n_active == 1 && k != active {
                        w.target[k] = base * (1.0 - self.swing_share);
                        moved += base * self.swing_share;
                    }
                }
                if n_active == 1 {
                    w.target[active] += moved;
                }
            }
        }
        // Reallocation under simultaneous crises (§4.2): a share of the other theatres' targets moves
        // to the priority theatre while the timer runs.
        if self.realloc > 0.0 && w.realloc_timer > 0 && nk > 1 {
            let p = self.realloc_priority(w);
            let mut moved = 0.0;
            for k in 0..nk {
                if k != p {
                    let m = w.target[k] * self.realloc;
                    w.target[k] -= m;
                    moved += m;
                }
            }
            w.target[p] += moved;
        }
        // Backfill frees US force for the other theatres (§5).
        if nk > 1 && self.freed > 0.0 {
            for k in 0..nk {
                w.freed_k[k] = w.target[k].min(self.freed * w.phi_bf[k]);
            }
            for m in 0..nk {
                let f = w.freed_k[m];
                if f <= 0.0 {
                    continue;
                }
                w.target[m] -= f;
                let others = tau_sum - w.tau[m];
                for k in 0..nk {
                    if k != m {
                        w.target[k] += f * w.tau[k] / others;
                    }
                }
            }
        }
    }

    /// The theatre that gets reallocated force: `us.priority` if set, else the most threatening.
    pub(crate) fn realloc_priority(&self, w: &Work) -> usize {
        if let Some(p) = self.priority_set {
            return p;
        }
        let mut best = 0;
        for k in 1..self.nk {
            if w.tau[k] > w.tau[best] {
                best = k;
            }
        }
        best
    }

    pub(crate) fn dispatch(&self, w: &mut Work, t: usize) {
        let nk = self.nk;
        for k in 0..nk {
            let committed = w.u[k] + w.in_transit[k];
            if w.target[k] < committed {
                let wd = (committed - w.target[k]).min(w.u[k]);
                w.u[k] -= wd;
            }
        }
        let mut free = self.alloc;
        for k in 0..nk {
            free -= w.u[k] + w.in_transit[k];
        }
        for k in 0..nk {
            let committed = w.u[k] + w.in_transit[k];
            if w.target[k] > committed && free > 0.0 {
                let send = (w.target[k] - committed).min(free);
                free -= send;
                let lag = self.transit[k];
                if lag == 0 {
                    w.u[k] += send;
                } else {
                    w.pipe[k * self.ring + (t + lag) % self.ring] += send;
                    w.in_transit[k] += send;
                }
            }
        }
    }

    pub(crate) fn cohesion(&self, w: &Work, total: f64) -> f64 {
        if total <= 0.0 {
            return 1.0;
        }
        let mut s = 0.0;
        for i in 0..self.ally_force.len() {
            s += w.coh[i] * self.ally_force[i];
        }
        s / total
    }

    pub(crate) fn choose_target(&self, w: &Work, k: usize, u: f64) -> usize {
        let allies = self.allies_of(k);
        if allies.is_empty() {
            return usize::MAX;
        }
        match self.targeting {
            Targeting::HighestExposure => self.th_most_exposed[k],
            Targeting::Random => allies[((u * allies.len() as f64) as usize).min(allies.len() - 1)],
            Targeting::LowestBelief => {
                let mut best = allies[0];
                let mut best_theta = f64::INFINITY;
                for &i in allies {
                    let theta = w.a[i] / (w.a[i] + w.b[i]);
                    if theta < best_theta {
                        best_theta = theta;
                        best = i;
                    }
                }
                best
            }
        }
    }
}
