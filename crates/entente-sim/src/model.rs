//! The model of `docs/model.md`, compiled from a scenario and a calibration into flat arrays, and
//! one run of it. The inner loop allocates nothing: every buffer lives in a [`Work`] made once per
//! worker thread.

use crate::calibrate::{discount, distance_km, force_index, Calibration};
use crate::error::{Result, SimError};
use crate::scenario::{Policy, Scenario, Targeting};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};

/// Measures per theatre, in order.
pub const THEATRE_METRICS: [&str; 5] = [
    "p_success",
    "p_escalation",
    "failure_rate",
    "probes",
    "us_share",
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
pub const ALLY_METRICS: [&str; 4] = [
    "belief_final",
    "internal_events",
    "cooperation_events",
    "accommodation_events",
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

const TINY: f64 = 1e-12;

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
    horizon: usize,
    seed: u64,
    nk: usize,
    transit: Vec<usize>,
    ring: usize,
    split: Vec<f64>,
    priority: usize,
    backfill0: Vec<f64>,
    ch_theatre: Vec<usize>,
    ch_rate: Vec<f64>,
    ch_crisis: Vec<f64>,
    al_exposure: Vec<f64>,
    al_econ: Vec<f64>,
    th_start: Vec<usize>,
    th_allies: Vec<usize>,
    th_most_exposed: Vec<usize>,
    alloc: f64,
    reserve: f64,
    rho: f64,
    spill: f64,
    targeting: Targeting,
    policy: Policy,
    resp_slope: f64,
    resp_ratio: f64,
    resp_exposure: f64,
    r_star: f64,
    r_def: f64,
    psi: f64,
    swing_share: f64,
    swing_months: u32,
    freed: f64,
    emboldening: f64,
    gray_a: f64,
    gray_b: f64,
    crisis_a: f64,
    crisis_b: f64,
    expo_effect: f64,
    acc_effect: f64,
    prior_a: f64,
    prior_b: f64,
    memory: f64,
    target_weight: f64,
    h_int: f64,
    g_month: f64,
    g_lag: usize,
    g_cap: f64,
    h_coop: f64,
    bf_step: f64,
    bf_cap: f64,
    h_acc: f64,
    acc_rate: f64,
    rec_rate: f64,
    coh_floor: f64,
    hyst: f64,
}

impl Model {
    /// Compiles a checked scenario with its calibration.
    pub fn new(scn: &Scenario, cal: &Calibration) -> Result<Model> {
        let nk = scn.theatres.len();
        let w = scn.calibration.milex_weight;
        let half = scn.calibration.half_strength_km;
        let floor = scn.calibration.allied_spending_floor;
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
        let state_force = |iso3: &str, k: usize, ally: bool| -> Result<f64> {
            let f = fig(iso3)?;
            let mut m = f.milex_bn;
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
        let mut allied_base = vec![0.0; nk];
        for a in &scn.allies {
            let k = tk(&a.theatre)?;
            let mut f = 0.0;
            for s in &a.states {
                f += state_force(s, k, true)?;
            }
            ally_force.push(f);
            ally_theatre.push(k);
            allied_base[k] += f;
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
        let priority = match &scn.us.priority {
            Some(p) => tk(p)?,
            None => 0,
        };
        let d = scn.us.deployable_share * scn.us.force_multiplier * us_m;
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
            horizon: scn.horizon_months as usize,
            seed: scn.seed,
            nk,
            transit,
            ring,
            split,
            priority,
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

    fn allies_of(&self, k: usize) -> &[usize] {
        &self.th_allies[self.th_start[k]..self.th_start[k + 1]]
    }

    fn ally_forces(&self, w: &mut Work) {
        w.a_full.fill(0.0);
        w.a_nobf.fill(0.0);
        w.phi_bf.fill(0.0);
        for i in 0..self.ally_force.len() {
            let k = self.ally_theatre[i];
            let base = w.coh[i] * self.ally_force[i] * (1.0 + w.growth[i]);
            w.a_nobf[k] += base;
            w.phi_bf[k] += base * w.bf[i];
            w.a_full[k] += base * (1.0 + w.bf[i]);
        }
    }

    fn policy_targets(&self, w: &mut Work) {
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
                let need =
                    ((self.r_def * self.c_force[p] - w.a_nobf[p]) / self.us_delta[p]).max(0.0);
                let tp = need.min(self.alloc);
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

    fn dispatch(&self, w: &mut Work, t: usize) {
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

    /// One run: draws from the run's own generator and writes [`Model::n_metrics`] measures to `out`.
    pub fn run(&self, run: u64, w: &mut Work, out: &mut [f64]) {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(run);
        let mut uni = move || (rng.next_u32() as f64 + 0.5) * (1.0 / 4_294_967_296.0);
        let nk = self.nk;
        let na = self.ally_force.len();
        let nc = self.ch_rate.len();
        w.reset(self);
        self.ally_forces(w);
        self.policy_targets(w);
        w.u.copy_from_slice(&w.target);
        let gring = self.g_lag + 1;
        let t_max = self.horizon;
        let total_force: f64 = self.ally_force.iter().sum();
        let mut acc_sim = 0.0;
        let mut acc_sim_crises = 0.0;
        let mut acc_stretch = 0.0;
        let mut acc_over = 0.0;
        let mut acc_coh = 0.0;
        for t in 0..t_max {
            // Arrivals: US forces in transit, allies' committed growth.
            let slot = t % self.ring;
            for k in 0..nk {
                let a = w.pipe[k * self.ring + slot];
                if a != 0.0 {
                    w.u[k] += a;
                    w.in_transit[k] -= a;
                    w.pipe[k * self.ring + slot] = 0.0;
                }
            }
            let gslot = t % gring;
            for i in 0..na {
                let g = w.gpipe[i * gring + gslot];
                if g != 0.0 {
                    w.growth[i] += g;
                    w.gpipe[i * gring + gslot] = 0.0;
                }
            }
            self.ally_forces(w);
            if t > 0 {
                self.policy_targets(w);
                self.dispatch(w, t);
            }
            for k in 0..nk {
                let a = w.a_full[k];
                w.bal[k] = ((a + self.us_delta[k] * w.u[k]).max(TINY) / self.c_force[k]).ln();
                w.bal0[k] = (a.max(TINY) / self.c_force[k]).ln();
                w.probes[k] = 0;
                w.successes[k] = 0;
                w.escalations[k] = 0;
                w.crisis[k] = false;
                w.obs[k] = 0.0;
                w.firm[k] = 0.0;
            }
            // Draws: always the same count, in the same order (common random numbers).
            let v = uni();
            for c in 0..nc {
                let base = c * 6;
                for j in 0..6 {
                    w.draws[base + j] = uni();
                }
                let k = self.ch_theatre[c];
                let pi = (self.ch_rate[c] * 2.0 * logistic(-self.emboldening * w.bal[k])).min(1.0);
                let x = if w.draws[base] < self.rho {
                    v
                } else {
                    w.draws[base + 1]
                };
                w.probing[c] = x < pi;
                if w.probing[c] {
                    w.probes[k] += 1;
                }
            }
            let n_probed = w.probes.iter().filter(|&&p| p > 0).count();
            let surge = if n_probed > 0 {
                self.reserve / n_probed as f64
            } else {
                0.0
            };
            for i in 0..na {
                w.da[i] = 0.0;
                w.db[i] = 0.0;
            }
            for c in 0..nc {
                if !w.probing[c] {
                    continue;
                }
                let k = self.ch_theatre[c];
                let d = &w.draws[c * 6..c * 6 + 6];
                let target = self.choose_target(w, k, d[5]);
                let (x, h) = if target == usize::MAX {
                    (0.0, 1.0)
                } else {
                    (self.al_exposure[target], w.coh[target])
                };
                let us_local = self.us_delta[k] * (w.u[k] + surge);
                let phi = firm_probability(
                    us_local,
                    self.c_force[k],
                    self.resp_slope,
                    self.resp_ratio,
                    self.resp_exposure,
                    x,
                );
                let firm = d[3] < phi;
                let br = if firm {
                    ((w.a_full[k] + us_local).max(TINY) / self.c_force[k]).ln()
                } else {
                    w.bal0[k]
                };
                if d[2] < self.ch_crisis[c] {
                    w.crisis[k] = true;
                    let p =
                        logistic(self.crisis_a - self.crisis_b * br + self.acc_effect * (1.0 - h));
                    if d[4] < p {
                        w.escalations[k] += 1;
                    }
                } else {
                    let p = logistic(
                        self.gray_a - self.gray_b * br
                            + self.expo_effect * x
                            + self.acc_effect * (1.0 - h),
                    );
                    if d[4] < p {
                        w.successes[k] += 1;
                    }
                }
                let y = if firm { 1.0 } else { 0.0 };
                w.obs[k] += 1.0;
                w.firm[k] += y;
                if target != usize::MAX {
                    w.da[target] += self.target_weight * y;
                    w.db[target] += self.target_weight * (1.0 - y);
                }
            }
            // Beliefs: observe, then forget toward the prior.
            let mu = self.memory;
            for i in 0..na {
                let ki = self.ally_theatre[i];
                let (mut da, mut db) = (w.da[i], w.db[i]);
                for k in 0..nk {
                    let wt = if k == ki { 1.0 } else { self.spill };
                    da += wt * w.firm[k];
                    db += wt * (w.obs[k] - w.firm[k]);
                }
                w.a[i] = mu * (w.a[i] + da) + (1.0 - mu) * self.prior_a;
                w.b[i] = mu * (w.b[i] + db) + (1.0 - mu) * self.prior_b;
            }
            // The US's memory of probing, and swings.
            for k in 0..nk {
                w.intensity[k] = 0.8 * w.intensity[k] + 0.2 * w.probes[k] as f64;
                if w.crisis[k] {
                    w.swing_timer[k] = self.swing_months;
                } else if w.swing_timer[k] > 0 {
                    w.swing_timer[k] -= 1;
                }
            }
            // Need, scarcity, fear, hedging.
            let mut need_sum = 0.0;
            let mut stretch = 0.0;
            for k in 0..nk {
                let n = ((self.r_star * self.c_force[k] - w.a_full[k]) / self.us_delta[k]).max(0.0);
                w.need[k] = n;
                need_sum += n;
                if w.probes[k] > 0 {
                    stretch += n;
                }
            }
            let z = need_sum / self.d.max(TINY);
            let lam = z / (1.0 + z);
            for i in 0..na {
                let k = self.ally_theatre[i];
                let theta = w.a[i] / (w.a[i] + w.b[i]);
                let short = if w.need[k] > 0.0 {
                    (1.0 - w.u[k] / w.need[k]).max(0.0)
                } else {
                    0.0
                };
                let fear = (1.0 - lam) * (1.0 - theta) + lam * short;
                let was = w.flags[i];
                // A mode turns on above its threshold and off below it less the hysteresis.
                let on = |bit: u8, thr: f64| {
                    if was & bit != 0 {
                        fear > thr - self.hyst
                    } else {
                        fear > thr
                    }
                };
                let mut now = 0u8;
                if on(1, self.h_int) {
                    now |= 1;
                    let add = self.g_month.min(self.g_cap - w.committed[i]);
                    if add > 0.0 {
                        w.committed[i] += add;
                        if self.g_lag == 0 {
                            w.growth[i] += add;
                        } else {
                            w.gpipe[i * gring + (t + self.g_lag) % gring] += add;
                        }
                    }
                }
                if on(2, self.h_coop) {
                    now |= 2;
                    w.bf[i] = (w.bf[i] + self.bf_step).min(self.bf_cap.max(w.bf[i]));
                }
                if on(4, self.h_acc) {
                    now |= 4;
                    w.coh[i] = (w.coh[i] - self.acc_rate * self.al_econ[i])
                        .max(self.coh_floor.min(w.coh[i]));
                } else {
                    w.coh[i] = (w.coh[i] + self.rec_rate).min(1.0);
                }
                let onsets = now & !was;
                for m in 0..3 {
                    if onsets & (1 << m) != 0 {
                        w.events[i * 3 + m] += 1.0;
                    }
                }
                w.flags[i] = now;
            }
            // Measures.
            for k in 0..nk {
                let acc = &mut w.acc[k * 5..k * 5 + 5];
                if w.successes[k] > 0 {
                    acc[0] += 1.0;
                }
                if w.escalations[k] > 0 {
                    acc[1] += 1.0;
                }
                acc[2] += (w.successes[k] + w.escalations[k]) as f64;
                acc[3] += w.probes[k] as f64;
                acc[4] += w.u[k] / self.d.max(TINY);
            }
            if n_probed >= 2 {
                acc_sim += 1.0;
            }
            if w.crisis.iter().filter(|c| **c).count() >= 2 {
                acc_sim_crises += 1.0;
            }
            // Stretch: what all theatres need for deterrence, as a share of the US force; overstretch:
            // a month in which the theatres probed need more than the US has.
            acc_stretch += z;
            if stretch / self.d.max(TINY) > 1.0 {
                acc_over += 1.0;
            }
            acc_coh += self.cohesion(w, total_force);
        }
        let tm = t_max as f64;
        let mut o = 0;
        for k in 0..nk {
            for j in 0..5 {
                out[o] = w.acc[k * 5 + j] / tm;
                o += 1;
            }
        }
        out[o] = acc_sim / tm;
        out[o + 1] = acc_sim_crises / tm;
        out[o + 2] = acc_stretch / tm;
        out[o + 3] = acc_over / tm;
        out[o + 4] = acc_coh / tm;
        out[o + 5] = self.cohesion(w, total_force);
        o += GLOBAL_METRICS.len();
        for i in 0..na {
            out[o] = w.a[i] / (w.a[i] + w.b[i]);
            out[o + 1] = w.events[i * 3];
            out[o + 2] = w.events[i * 3 + 1];
            out[o + 3] = w.events[i * 3 + 2];
            o += 4;
        }
    }

    fn cohesion(&self, w: &Work, total: f64) -> f64 {
        if total <= 0.0 {
            return 1.0;
        }
        let mut s = 0.0;
        for i in 0..self.ally_force.len() {
            s += w.coh[i] * self.ally_force[i];
        }
        s / total
    }

    fn choose_target(&self, w: &Work, k: usize, u: f64) -> usize {
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

/// The buffers of one worker: theatre, ally and challenger state, reset at the start of each run.
#[derive(Debug, Clone)]
pub struct Work {
    u: Vec<f64>,
    in_transit: Vec<f64>,
    pipe: Vec<f64>,
    intensity: Vec<f64>,
    swing_timer: Vec<u32>,
    target: Vec<f64>,
    tau: Vec<f64>,
    freed_k: Vec<f64>,
    a_full: Vec<f64>,
    a_nobf: Vec<f64>,
    phi_bf: Vec<f64>,
    bal: Vec<f64>,
    bal0: Vec<f64>,
    need: Vec<f64>,
    probes: Vec<u32>,
    successes: Vec<u32>,
    escalations: Vec<u32>,
    crisis: Vec<bool>,
    obs: Vec<f64>,
    firm: Vec<f64>,
    acc: Vec<f64>,
    draws: Vec<f64>,
    probing: Vec<bool>,
    a: Vec<f64>,
    b: Vec<f64>,
    da: Vec<f64>,
    db: Vec<f64>,
    coh: Vec<f64>,
    growth: Vec<f64>,
    committed: Vec<f64>,
    gpipe: Vec<f64>,
    bf: Vec<f64>,
    flags: Vec<u8>,
    events: Vec<f64>,
}

impl Work {
    /// Buffers sized for a model.
    pub fn new(m: &Model) -> Work {
        let (nk, na, nc) = (m.nk, m.ally_force.len(), m.ch_rate.len());
        Work {
            u: vec![0.0; nk],
            in_transit: vec![0.0; nk],
            pipe: vec![0.0; nk * m.ring],
            intensity: vec![0.0; nk],
            swing_timer: vec![0; nk],
            target: vec![0.0; nk],
            tau: vec![0.0; nk],
            freed_k: vec![0.0; nk],
            a_full: vec![0.0; nk],
            a_nobf: vec![0.0; nk],
            phi_bf: vec![0.0; nk],
            bal: vec![0.0; nk],
            bal0: vec![0.0; nk],
            need: vec![0.0; nk],
            probes: vec![0; nk],
            successes: vec![0; nk],
            escalations: vec![0; nk],
            crisis: vec![false; nk],
            obs: vec![0.0; nk],
            firm: vec![0.0; nk],
            acc: vec![0.0; nk * 5],
            draws: vec![0.0; nc * 6],
            probing: vec![false; nc],
            a: vec![0.0; na],
            b: vec![0.0; na],
            da: vec![0.0; na],
            db: vec![0.0; na],
            coh: vec![1.0; na],
            growth: vec![0.0; na],
            committed: vec![0.0; na],
            gpipe: vec![0.0; na * (m.g_lag + 1)],
            bf: vec![0.0; na],
            flags: vec![0; na],
            events: vec![0.0; na * 3],
        }
    }

    fn reset(&mut self, m: &Model) {
        self.u.fill(0.0);
        self.in_transit.fill(0.0);
        self.pipe.fill(0.0);
        self.intensity.fill(0.0);
        self.swing_timer.fill(0);
        self.acc.fill(0.0);
        self.a.fill(m.prior_a);
        self.b.fill(m.prior_b);
        self.coh.fill(1.0);
        self.growth.fill(0.0);
        self.committed.fill(0.0);
        self.gpipe.fill(0.0);
        for (i, bf) in self.bf.iter_mut().enumerate() {
            *bf = m.backfill0[m.ally_theatre[i]];
        }
        self.flags.fill(0);
        self.events.fill(0.0);
    }
}
