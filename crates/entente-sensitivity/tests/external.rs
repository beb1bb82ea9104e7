//! Cross-checks against peers, on the same numbers:
//! - SALib's `sobol.analyze` (calc_second_order = False) on our Saltelli design's outputs: first
//!   order and total point estimates must agree within 1e-9 (bootstrap intervals use other random
//!   numbers and are not compared);
//! - PRCC against a direct computation in scipy/numpy (ranks by `scipy.stats.rankdata`, residuals
//!   of least-squares fits with an intercept, their Pearson correlation), within 1e-9.
//!
//! Without python3 and SALib/scipy the tests are skipped with a message, unless
//! `ENTENTE_REQUIRE_EXTERNAL=1` (as in CI), where a missing peer fails them.

use entente_sensitivity::design::{latin_hypercube, saltelli};
use entente_sensitivity::prcc::prcc;
use entente_sensitivity::sobol::sobol_indices;
use std::process::Command;

fn required() -> bool {
    std::env::var("ENTENTE_REQUIRE_EXTERNAL").is_ok_and(|v| v == "1")
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Runs a Python script with arguments; its stdout parsed as whitespace-separated numbers.
fn python(script: &str, args: &[&std::path::Path]) -> Vec<f64> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .map(|s| s.parse().unwrap())
        .collect()
}

fn write_matrix(path: &std::path::Path, rows: &[Vec<f64>]) {
    let text: String = rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(|v| format!("{v:e}")).collect();
            cells.join(" ") + "\n"
        })
        .collect();
    std::fs::write(path, text).unwrap();
}

const SALIB: &str = r#"
import sys, numpy as np
from SALib.analyze import sobol
k = int(sys.argv[2])
Y = np.loadtxt(sys.argv[1])
problem = {"num_vars": k, "names": ["x%d" % i for i in range(k)], "bounds": [[0.0, 1.0]] * k}
S = sobol.analyze(problem, Y, calc_second_order=False, num_resamples=10, seed=1)
print(" ".join(repr(float(v)) for v in list(S["S1"]) + list(S["ST"])))
"#;

/// A nonlinear test function with interactions and a near-irrelevant input: Sobol's G function
/// with a = (0, 1, 4.5, 9, 99) plus a product term.
fn g(u: &[f64]) -> f64 {
    let a = [0.0, 1.0, 4.5, 9.0, 99.0];
    let prod: f64 = u
        .iter()
        .zip(a)
        .map(|(x, a)| ((4.0 * x - 2.0).abs() + a) / (1.0 + a))
        .product();
    prod + 0.5 * u[0] * u[2]
}

#[test]
fn sobol_indices_agree_with_salib() {
    let (py, sa) = (python_has("numpy"), python_has("SALib"));
    if !(py && sa) {
        assert!(
            !required(),
            "ENTENTE_REQUIRE_EXTERNAL=1 but python3 with numpy ({py}) and SALib ({sa}) is missing"
        );
        eprintln!(
            "SKIPPED: python3 with numpy ({py}) and SALib ({sa}) is needed; run .ci/install-deps"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for (n, seed) in [(256, 1u64), (1024, 42)] {
        let k = 5;
        let d = saltelli(n, k, seed).unwrap();
        let y: Vec<f64> = d.rows.iter().map(|u| g(u)).collect();
        let path = tmp.path().join(format!("y{seed}.txt"));
        write_matrix(&path, &y.iter().map(|v| vec![*v]).collect::<Vec<_>>());
        let out = Command::new("python3")
            .arg("-c")
            .arg(SALIB)
            .arg(&path)
            .arg(k.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Vec<f64> = String::from_utf8(out.stdout)
            .unwrap()
            .split_whitespace()
            .map(|s| s.parse().unwrap())
            .collect();
        let ours = sobol_indices(&y, k, 20, 0.95, 7).unwrap();
        assert_eq!(theirs.len(), 2 * k);
        for j in 0..k {
            let (s1, st) = (theirs[j], theirs[k + j]);
            assert!(
                (ours[j].first.estimate - s1).abs() < 1e-9,
                "n {n} x{j} S1: ours {} SALib {s1}",
                ours[j].first.estimate
            );
            assert!(
                (ours[j].total.estimate - st).abs() < 1e-9,
                "n {n} x{j} ST: ours {} SALib {st}",
                ours[j].total.estimate
            );
        }
        // Not a vacuous agreement: the indices differ between parameters.
        assert!(ours[0].total.estimate > 10.0 * ours[4].total.estimate);
    }
}

const PRCC: &str = r#"
import sys, numpy as np
from scipy.stats import rankdata
X = np.loadtxt(sys.argv[1]); y = np.loadtxt(sys.argv[2])
R = np.column_stack([rankdata(X[:, j]) for j in range(X.shape[1])]); ry = rankdata(y)
out = []
for j in range(X.shape[1]):
    Z = np.column_stack([np.ones(len(ry)), np.delete(R, j, axis=1)])
    ex = R[:, j] - Z @ np.linalg.lstsq(Z, R[:, j], rcond=None)[0]
    ey = ry - Z @ np.linalg.lstsq(Z, ry, rcond=None)[0]
    out.append(np.corrcoef(ex, ey)[0, 1])
print(" ".join(repr(float(v)) for v in out))
"#;

#[test]
fn prcc_agrees_with_a_direct_scipy_computation() {
    let ok = python_has("scipy.stats");
    if !ok {
        assert!(
            !required(),
            "ENTENTE_REQUIRE_EXTERNAL=1 but python3 with scipy is missing"
        );
        eprintln!("SKIPPED: python3 with scipy is needed; run .ci/install-deps");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    for (n, k, seed) in [(50, 3, 1u64), (300, 8, 2), (120, 5, 3)] {
        let x = latin_hypercube(n, k, seed);
        // Ties in the output (rounded), a nonlinear monotone effect and an interaction.
        let y: Vec<f64> = x
            .iter()
            .map(|r| {
                let v =
                    (2.0 * r[0]).exp() - 3.0 * r[1] + r[0] * r[2] + 0.1 * (9.0 * r[k - 1]).sin();
                (v * 20.0).round() / 20.0
            })
            .collect();
        let (xp, yp) = (tmp.path().join("x.txt"), tmp.path().join("y.txt"));
        write_matrix(&xp, &x);
        write_matrix(&yp, &y.iter().map(|v| vec![*v]).collect::<Vec<_>>());
        let theirs = python(PRCC, &[&xp, &yp]);
        let ours = prcc(&x, &y);
        assert_eq!(theirs.len(), k);
        for j in 0..k {
            assert!(
                (ours[j] - theirs[j]).abs() < 1e-9,
                "n {n} x{j}: ours {} scipy {}",
                ours[j],
                theirs[j]
            );
        }
    }
}
