//! Fuzzing the text formats users write (issue #19): scenario TOML (and sweep parameters on it),
//! the curated record's TOML and the `--with` counterfactual TOML, with proptest on stable Rust:
//! arbitrary bytes and structured mutations of the shipped files (truncation, flipped bytes, huge
//! numbers, inserted text). Each parser must return `Ok` or an error, never panic.
//! `ENTENTE_FUZZ_CASES` sets the cases per target (default 2,000; docs/fuzzing.md).

use proptest::prelude::*;
use std::path::PathBuf;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("ENTENTE_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Huge(usize),
    Insert(usize, String),
    Replace(String),
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Huge),
        (any::<usize>(), "[\\[\\]=\"a-z0-9.,\n -]{0,24}").prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<String>().prop_map(Mutation::Replace),
    ];
    prop::collection::vec(one, 1..4)
}

fn apply(seed: &str, ms: &[Mutation]) -> String {
    let mut b = seed.as_bytes().to_vec();
    for m in ms {
        let at = |i: usize, len: usize| i % (len + 1);
        match m {
            Mutation::Truncate(i) => {
                let n = at(*i, b.len());
                b.truncate(n)
            }
            Mutation::Flip(i, x) => {
                if !b.is_empty() {
                    let n = i % b.len();
                    b[n] ^= x | 1;
                }
            }
            Mutation::Huge(i) => {
                let n = at(*i, b.len());
                b.splice(n..n, b"99999999999999999999999".iter().copied());
            }
            Mutation::Insert(i, s) => {
                let n = at(*i, b.len());
                b.splice(n..n, s.bytes());
            }
            Mutation::Replace(s) => b = s.clone().into_bytes(),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn scenarios_never_panic(which in 0usize..5, ms in mutations()) {
        let names = ["baseline", "high-coordination", "european-backfill", "asia-first", "baseline"];
        let p = root().join("scenarios").join(format!("{}.toml", names[which]));
        let seed = std::fs::read_to_string(&p).unwrap_or_default();
        let text = apply(&seed, &ms);
        let _ = entente_sim::scenario::Scenario::parse(&text, "fuzz.toml");
        if let Ok(p) = entente_sim::sweep::Param::parse("coordination=0.1,0.9") {
            let _ = entente_sim::sweep::points(&text, "fuzz.toml", &[p]);
        }
    }

    #[test]
    fn curated_files_never_panic(which in 0usize..5, ms in mutations()) {
        let names = ["agreements", "alliances", "arms", "exercises", "partnerships"];
        let name = format!("{}.toml", names[which]);
        let seed = std::fs::read_to_string(root().join("data/curated").join(&name)).unwrap_or_default();
        // A prefix of the file keeps each case cheap.
        let seed: String = seed.chars().take(4000).collect();
        let text = apply(&seed, &ms);
        let _ = entente_curated::CuratedRecord::from_texts(&[(&name, &text)], "fuzz");
    }

    #[test]
    fn counterfactuals_never_panic(ms in mutations()) {
        let seed = "[[tie]]\nparties = [\"JPN\", \"POL\"]\nkind = \"defence_treaty\"\nfrom = 2024\nobligations = [\"defense\"]\n";
        let text = apply(seed, &ms);
        let _ = entente_curated::counterfactual::parse_counterfactual("fuzz.toml", &text);
    }
}
