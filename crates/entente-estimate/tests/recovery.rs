//! Parameter recovery: data simulated from known rates, slopes and shares are fitted, and the
//! intervals cover the truth about as often as they claim, over many seeds.

use entente_estimate::{binomial_share, emboldening_slope, poisson_rate, Series};
use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};

fn poisson(rng: &mut ChaCha8Rng, mu: f64) -> u64 {
    // Knuth's method: fine for the small means here.
    let l = (-mu).exp();
    let mut k = 0;
    let mut p = 1.0;
    loop {
        p *= (rng.next_u32() as f64 + 0.5) / 4_294_967_296.0;
        if p <= l {
            return k;
        }
        k += 1;
    }
}

#[test]
fn rate_intervals_cover_the_truth() {
    let truth = 0.05;
    let months = 252.0;
    let reps = 400;
    let mut covered = 0;
    for seed in 0..reps {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let n = poisson(&mut rng, truth * months);
        let r = poisson_rate(n, months);
        if r.low <= truth && truth <= r.high {
            covered += 1;
        }
    }
    // Exact intervals are conservative: at least 95% nominal; 93% leaves room for 400 draws.
    let share = covered as f64 / reps as f64;
    assert!(share >= 0.93, "coverage {share}");
}

#[test]
fn share_intervals_cover_the_truth() {
    let truth = 0.3;
    let reps = 400;
    let mut covered = 0;
    for seed in 0..reps {
        let mut rng = ChaCha8Rng::seed_from_u64(1000 + seed);
        let n = 20;
        let x = (0..n)
            .filter(|_| (rng.next_u32() as f64 + 0.5) / 4_294_967_296.0 < truth)
            .count() as u64;
        let s = binomial_share(x, n).unwrap();
        if s.low <= truth && truth <= s.high {
            covered += 1;
        }
    }
    let share = covered as f64 / reps as f64;
    assert!(share >= 0.93, "coverage {share}");
}

/// A slope recovered from long series with a balance that moves: the interval covers the true slope
/// in most replications, and a steep true slope is told from zero.
#[test]
fn slope_is_recovered() {
    let beta = 1.5;
    let lambdas = [0.4, 0.6];
    let reps = 60;
    let mut covered = 0;
    let mut excludes_zero = 0;
    for seed in 0..reps {
        let mut rng = ChaCha8Rng::seed_from_u64(5000 + seed);
        let series: Vec<Series> = lambdas
            .iter()
            .enumerate()
            .map(|(i, &lam)| Series {
                years: (0..40)
                    .map(|y| {
                        let b = -1.0 + 2.0 * (y as f64) / 39.0 + 0.3 * i as f64;
                        let mu = 12.0 * lam * 2.0 / (1.0 + (beta * b).exp());
                        (poisson(&mut rng, mu), 12.0, b)
                    })
                    .collect(),
            })
            .collect();
        let s = emboldening_slope(&series).unwrap();
        if s.low <= beta && beta <= s.high {
            covered += 1;
        }
        if s.low > 0.0 {
            excludes_zero += 1;
        }
    }
    assert!(
        covered as f64 / reps as f64 >= 0.85,
        "covered {covered} of {reps}"
    );
    assert!(
        excludes_zero as f64 / reps as f64 >= 0.9,
        "told from zero {excludes_zero} of {reps}"
    );
}
