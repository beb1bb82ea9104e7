//! One run of the model, month by month (`docs/model.md` §3–§8), and the buffers it works in. The
//! inner loop allocates nothing: every buffer lives in a [`Work`] made once per worker thread.

use crate::model::{firm_probability, logistic, Model, GLOBAL_METRICS, THEATRE_METRICS, TINY};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};

/// The measures a trace records per theatre and month: failures that month, and the means over the
/// theatre's allies of fear, belief, hedging intensity and (force-weighted) cohesion.
pub const TRACE_MEASURES: [&str; 5] = ["failures", "fear", "belief", "hedging", "cohesion"];

/// Draws per challenger and month: coordination, own time, type, response, outcome, target.
const PER_CHALLENGER: usize = 6;
/// Accumulators per ally: fear, hedging intensity, months in each of the three modes.
const PER_ALLY: usize = 5;

impl Model {
    /// The hedging intensity of a mode at a fear (§7): on/off at the threshold, or a linear ramp of
    /// width `hedging.ramp` centred on it.
    #[inline]
    fn intensity(&self, fear: f64, threshold: f64, on: bool) -> f64 {
        if self.continuous {
            ((fear - threshold) / self.ramp + 0.5).clamp(0.0, 1.0)
        } else if on {
            1.0
        } else {
            0.0
        }
    }

    /// One run: draws from the run's own generator and writes [`Model::n_metrics`] measures to `out`.
    pub fn run(&self, run: u64, w: &mut Work, out: &mut [f64]) {
        self.run_traced(run, w, out, None);
    }

    /// Values per month in a trace: for each theatre, the [`TRACE_MEASURES`].
    pub fn trace_width(&self) -> usize {
        self.nk * TRACE_MEASURES.len()
    }

    /// One run, as [`Model::run`], also writing month by month, when `trace` is given
    /// (`horizon × trace_width` values), each theatre's [`TRACE_MEASURES`]. The run's measures do not
    /// depend on whether it is traced.
    pub fn run_traced(
        &self,
        run: u64,
        w: &mut Work,
        out: &mut [f64],
        mut trace: Option<&mut [f64]>,
    ) {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(run);
        let mut uni = move || (rng.next_u32() as f64 + 0.5) * (1.0 / 4_294_967_296.0);
        let nk = self.nk;
        let na = self.ally_force.len();
        let nc = self.ch_rate.len();
        w.reset(self);
        self.ally_forces(w, 0);
        self.policy_targets(w);
        w.u.copy_from_slice(&w.target);
        let gring = self.g_lag + 1;
        let t_max = self.horizon;
        let total_force: f64 = self.ally_force.iter().sum();
        let d_inv = 1.0 / self.d.max(TINY);
        let planned_total: f64 = self.planning.iter().sum();
        let nt = THEATRE_METRICS.len();
        let (mut acc_sim, mut acc_sim_crises, mut acc_stretch, mut acc_coh) = (0.0, 0.0, 0.0, 0.0);
        w.probed_months.fill(0.0);
        w.over_months.fill(0.0);
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
            self.ally_forces(w, t);
            if t > 0 {
                self.policy_targets(w);
                self.dispatch(w, t);
            }
            let mut committed = 0.0;
            for k in 0..nk {
                committed += w.u[k] + w.in_transit[k];
            }
            for k in 0..nk {
                let a = w.a_full[k];
                w.bal[k] = ((a + self.us_delta[k] * w.u[k]).max(TINY) / self.c_force[k]).ln();
                w.bal0[k] = (a.max(TINY) / self.c_force[k]).ln();
                // The US force committed outside k, against the planning standard's (§4.2).
                let here = w.u[k] + w.in_transit[k];
                w.elsewhere[k] = ((committed - here) - (planned_total - self.planning[k])) * d_inv;
                w.probes[k] = 0;
                w.successes[k] = 0;
                w.escalations[k] = 0;
                w.crisis[k] = false;
                w.obs[k] = 0.0;
                w.firm[k] = 0.0;
            }
            // Draws: always the same count, in the same order (common random numbers).
            let v = uni();
            let v_type = uni();
            let v_joint = uni();
            for c in 0..nc {
                let base = c * PER_CHALLENGER;
                for j in 0..PER_CHALLENGER {
                    w.draws[base + j] = uni();
                }
                let k = self.ch_theatre[c];
                let arg = -self.emboldening * w.bal[k] + self.emb_elsewhere * w.elsewhere[k];
                let pi = (self.ch_rate[c] * 2.0 * logistic(arg)).min(1.0);
                w.coordinating[c] = w.draws[base] < self.rho;
                let x = if w.coordinating[c] {
                    v
                } else {
                    w.draws[base + 1]
                };
                w.probing[c] = x < pi;
                if w.probing[c] {
                    w.probes[k] += 1;
                }
            }
            let joint_month = v_joint < self.joint_share;
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
                let d = &w.draws[c * PER_CHALLENGER..(c + 1) * PER_CHALLENGER];
                // A joint probe: the coordinating challengers of the other theatres join it.
                let mut c_eff = self.c_force[k];
                if joint_month && w.coordinating[c] {
                    for o in 0..nc {
                        if o != c && w.coordinating[o] && self.ch_theatre[o] != k {
                            c_eff += self.joint_force[o];
                        }
                    }
                }
                let target = self.choose_target(w, k, d[5]);
                let (x, h) = if target == usize::MAX {
                    (0.0, 1.0)
                } else {
                    (self.al_exposure[target], w.coh[target])
                };
                let us_local = self.us_delta[k] * (w.u[k] + surge);
                let phi = firm_probability(
                    us_local,
                    c_eff,
                    self.resp_slope,
                    self.resp_ratio,
                    self.resp_exposure,
                    x,
                );
                let firm = d[3] < phi;
                let br = if firm {
                    ((w.a_full[k] + us_local).max(TINY) / c_eff).ln()
                } else {
                    (w.a_full[k].max(TINY) / c_eff).ln()
                };
                let type_draw = if self.crisis_type && w.coordinating[c] {
                    v_type
                } else {
                    d[2]
                };
                if type_draw < self.ch_crisis[c] {
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
            // The US's memory of probing, swings and reallocation.
            let n_crises = w.crisis.iter().filter(|c| **c).count();
            for k in 0..nk {
                w.intensity[k] = 0.8 * w.intensity[k] + 0.2 * w.probes[k] as f64;
                if w.crisis[k] {
                    w.swing_timer[k] = self.swing_months;
                } else if w.swing_timer[k] > 0 {
                    w.swing_timer[k] -= 1;
                }
            }
            if n_crises >= 2 {
                w.realloc_timer = self.swing_months.max(1);
            } else if w.realloc_timer > 0 {
                w.realloc_timer -= 1;
            }
            // Need, scarcity, overstretch.
            let mut need_sum = 0.0;
            for k in 0..nk {
                let n = ((self.r_star * self.c_force[k] - w.a_full[k]) / self.us_delta[k]).max(0.0);
                w.need[k] = n;
                need_sum += n;
                if w.probes[k] > 0 {
                    w.probed_months[k] += 1.0;
                    if w.u[k] + surge < n {
                        w.over_months[k] += 1.0;
                    }
                }
            }
            let z = need_sum * d_inv;
            let lam = z / (1.0 + z);
            self.fear_and_hedging(w, t, lam, gring);
            // Measures.
            for k in 0..nk {
                let acc = &mut w.acc[k * nt..(k + 1) * nt];
                if w.successes[k] > 0 {
                    acc[0] += 1.0;
                }
                if w.escalations[k] > 0 {
                    acc[1] += 1.0;
                }
                acc[2] += (w.successes[k] + w.escalations[k]) as f64;
                acc[3] += w.probes[k] as f64;
                acc[4] += w.u[k] * d_inv;
                let allies = self.allies_of(k);
                if !allies.is_empty() {
                    let n = allies.len() as f64;
                    let (mut f, mut th, mut hd, mut bf, mut cw, mut fw) =
                        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
                    for &i in allies {
                        f += w.fear[i];
                        th += w.a[i] / (w.a[i] + w.b[i]);
                        hd += w.hedge[i];
                        bf += w.bf[i];
                        cw += w.coh[i] * self.ally_force[i];
                        fw += self.ally_force[i];
                    }
                    let coh = if fw > 0.0 { cw / fw } else { 1.0 };
                    acc[6] += f / n;
                    acc[7] += th / n;
                    acc[8] += hd / n;
                    acc[9] += bf / n;
                    acc[10] += coh;
                    if let Some(tr) = trace.as_deref_mut() {
                        let at = t * nk * TRACE_MEASURES.len() + k * TRACE_MEASURES.len();
                        tr[at] = (w.successes[k] + w.escalations[k]) as f64;
                        tr[at + 1] = f / n;
                        tr[at + 2] = th / n;
                        tr[at + 3] = hd / n;
                        tr[at + 4] = coh;
                    }
                } else if let Some(tr) = trace.as_deref_mut() {
                    let at = t * nk * TRACE_MEASURES.len() + k * TRACE_MEASURES.len();
                    tr[at] = (w.successes[k] + w.escalations[k]) as f64;
                    for v in &mut tr[at + 1..at + TRACE_MEASURES.len()] {
                        *v = f64::NAN;
                    }
                }
            }
            if n_probed >= 2 {
                acc_sim += 1.0;
            }
            if n_crises >= 2 {
                acc_sim_crises += 1.0;
            }
            acc_stretch += z;
            acc_coh += self.cohesion(w, total_force);
        }
        let tm = t_max as f64;
        // Overstretch per probed month of each theatre, so that dispersion shows (§8); a theatre
        // never probed was never exposed, and counts 0.
        let (mut over_sum, mut over_n) = (0.0, 0.0);
        for k in 0..nk {
            let v = if w.probed_months[k] > 0.0 {
                over_sum += w.over_months[k] / w.probed_months[k];
                over_n += 1.0;
                w.over_months[k] / w.probed_months[k] * tm
            } else {
                0.0
            };
            w.acc[k * nt + 5] = v;
        }
        let mut o = 0;
        for k in 0..nk {
            for j in 0..nt {
                out[o] = w.acc[k * nt + j] / tm;
                o += 1;
            }
        }
        out[o] = acc_sim / tm;
        out[o + 1] = acc_sim_crises / tm;
        out[o + 2] = acc_stretch / tm;
        // The mean over the theatres probed of their overstretch.
        out[o + 3] = if over_n > 0.0 { over_sum / over_n } else { 0.0 };
        out[o + 4] = acc_coh / tm;
        out[o + 5] = self.cohesion(w, total_force);
        o += GLOBAL_METRICS.len();
        for i in 0..na {
            let acc = &w.ally_acc[i * PER_ALLY..(i + 1) * PER_ALLY];
            out[o] = w.a[i] / (w.a[i] + w.b[i]);
            out[o + 1] = acc[0] / tm;
            out[o + 2] = acc[1] / tm;
            out[o + 3] = w.bf[i];
            out[o + 4] = w.coh[i];
            out[o + 5] = w.events[i * 3];
            out[o + 6] = w.events[i * 3 + 1];
            out[o + 7] = w.events[i * 3 + 2];
            out[o + 8] = acc[2] / tm;
            out[o + 9] = acc[3] / tm;
            out[o + 10] = acc[4] / tm;
            o += crate::model::ALLY_METRICS.len();
        }
    }

    /// Fear of abandonment and the three hedging modes of every ally, for month `t` (§6.1, §7).
    fn fear_and_hedging(&self, w: &mut Work, t: usize, lam: f64, gring: usize) {
        for i in 0..self.ally_force.len() {
            let k = self.ally_theatre[i];
            let theta = w.a[i] / (w.a[i] + w.b[i]);
            let short_need = if w.need[k] > 0.0 {
                (1.0 - w.u[k] / w.need[k]).max(0.0)
            } else {
                0.0
            };
            let short_presence = if self.fear_presence && self.planning[k] > 0.0 {
                (1.0 - w.u[k] / self.planning[k]).max(0.0)
            } else {
                0.0
            };
            let fear = (1.0 - lam) * (1.0 - theta) + lam * short_need.max(short_presence);
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
            for (bit, thr) in [(1u8, self.h_int), (2, self.h_coop), (4, self.h_acc)] {
                if on(bit, thr) {
                    now |= bit;
                }
            }
            let i_int = self.intensity(fear, self.h_int, now & 1 != 0);
            let i_coop = self.intensity(fear, self.h_coop, now & 2 != 0);
            let i_acc = self.intensity(fear, self.h_acc, now & 4 != 0);
            let add = (self.g_month * i_int).min(self.g_cap - w.committed[i]);
            if add > 0.0 {
                w.committed[i] += add;
                if self.g_lag == 0 {
                    w.growth[i] += add;
                } else {
                    w.gpipe[i * gring + (t + self.g_lag) % gring] += add;
                }
            }
            if i_coop > 0.0 {
                w.bf[i] = (w.bf[i] + self.bf_step * i_coop).min(self.bf_cap.max(w.bf[i]));
            }
            if i_acc > 0.0 {
                w.coh[i] = (w.coh[i] - self.acc_rate * self.al_econ[i] * i_acc)
                    .max(self.coh_floor.min(w.coh[i]));
            }
            if i_acc < 1.0 {
                w.coh[i] = (w.coh[i] + self.rec_rate * (1.0 - i_acc)).min(1.0);
            }
            let onsets = now & !was;
            for m in 0..3 {
                if onsets & (1 << m) != 0 {
                    w.events[i * 3 + m] += 1.0;
                }
                if now & (1 << m) != 0 {
                    w.ally_acc[i * PER_ALLY + 2 + m] += 1.0;
                }
            }
            w.flags[i] = now;
            w.fear[i] = fear;
            w.hedge[i] = i_int.max(i_coop).max(i_acc);
            w.ally_acc[i * PER_ALLY] += fear;
            w.ally_acc[i * PER_ALLY + 1] += w.hedge[i];
        }
    }
}

/// The buffers of one worker: theatre, ally and challenger state, reset at the start of each run.
#[derive(Debug, Clone)]
pub struct Work {
    pub(crate) u: Vec<f64>,
    pub(crate) in_transit: Vec<f64>,
    pub(crate) pipe: Vec<f64>,
    pub(crate) intensity: Vec<f64>,
    pub(crate) swing_timer: Vec<u32>,
    pub(crate) realloc_timer: u32,
    pub(crate) target: Vec<f64>,
    pub(crate) tau: Vec<f64>,
    pub(crate) freed_k: Vec<f64>,
    pub(crate) a_full: Vec<f64>,
    pub(crate) a_nobf: Vec<f64>,
    pub(crate) phi_bf: Vec<f64>,
    bal: Vec<f64>,
    bal0: Vec<f64>,
    elsewhere: Vec<f64>,
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
    coordinating: Vec<bool>,
    pub(crate) a: Vec<f64>,
    pub(crate) b: Vec<f64>,
    da: Vec<f64>,
    db: Vec<f64>,
    pub(crate) coh: Vec<f64>,
    pub(crate) growth: Vec<f64>,
    committed: Vec<f64>,
    gpipe: Vec<f64>,
    pub(crate) bf: Vec<f64>,
    flags: Vec<u8>,
    events: Vec<f64>,
    fear: Vec<f64>,
    hedge: Vec<f64>,
    ally_acc: Vec<f64>,
    probed_months: Vec<f64>,
    over_months: Vec<f64>,
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
            realloc_timer: 0,
            target: vec![0.0; nk],
            tau: vec![0.0; nk],
            freed_k: vec![0.0; nk],
            a_full: vec![0.0; nk],
            a_nobf: vec![0.0; nk],
            phi_bf: vec![0.0; nk],
            bal: vec![0.0; nk],
            bal0: vec![0.0; nk],
            elsewhere: vec![0.0; nk],
            need: vec![0.0; nk],
            probes: vec![0; nk],
            successes: vec![0; nk],
            escalations: vec![0; nk],
            crisis: vec![false; nk],
            obs: vec![0.0; nk],
            firm: vec![0.0; nk],
            acc: vec![0.0; nk * THEATRE_METRICS.len()],
            draws: vec![0.0; nc * PER_CHALLENGER],
            probing: vec![false; nc],
            coordinating: vec![false; nc],
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
            fear: vec![0.0; na],
            hedge: vec![0.0; na],
            ally_acc: vec![0.0; na * PER_ALLY],
            probed_months: vec![0.0; nk],
            over_months: vec![0.0; nk],
        }
    }

    pub(crate) fn reset(&mut self, m: &Model) {
        self.u.fill(0.0);
        self.in_transit.fill(0.0);
        self.pipe.fill(0.0);
        self.intensity.fill(0.0);
        self.swing_timer.fill(0);
        self.realloc_timer = 0;
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
        self.fear.fill(0.0);
        self.hedge.fill(0.0);
        self.ally_acc.fill(0.0);
    }
}
