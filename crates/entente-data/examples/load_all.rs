//! Times a cold load of every dataset in a data directory: `cargo run --release -p entente-data
//! --example load_all [DIR]`.
use std::time::Instant;
fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(entente_testkit::data_location);
    if let Some(id) = std::env::var_os("ONE") {
        one(&dir, &id.to_string_lossy());
        return;
    }
    if std::env::var_os("PER_DATASET").is_some() {
        per_dataset(&dir);
        return;
    }
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let store = entente_data::Store::new(&dir);
        for (id, r) in store.load_all() {
            if let Err(e) = r {
                eprintln!("{id}: {e}");
                std::process::exit(2);
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "load all of {}: min {:.0} ms, median {:.0} ms, max {:.0} ms (7 runs)",
        dir.display(),
        times[0],
        times[3],
        times[6]
    );
}

#[allow(dead_code)]
fn per_dataset(dir: &std::path::Path) {
    for id in entente_data::DATASETS {
        let store = entente_data::Store::new(dir);
        let t = Instant::now();
        store.load(id).unwrap_or_else(|e| panic!("{e}"));
        println!("{id:>20}: {:6.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    }
}

#[allow(dead_code)]
fn one(dir: &std::path::Path, id: &str) {
    for _ in 0..10 {
        let store = entente_data::Store::new(dir);
        store.load(id).unwrap_or_else(|e| panic!("{e}"));
    }
}
