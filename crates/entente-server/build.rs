//! Embeds the coastline data `web/` builds with npm (web/dist/land.json), or an empty layer when it has
//! not been built (a fresh machine with only the Rust toolchain): the map then draws capitals, ties and a
//! graticule without coastlines.
use std::{env, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let land = manifest.join("../../web/dist/land.json");
    let src = manifest.join("../../web/src");
    println!("cargo:rerun-if-changed={}", land.display());
    println!("cargo:rerun-if-changed={}", src.display());
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("land.json");
    match fs::read(&land) {
        Ok(b) => fs::write(&out, b).expect("write land.json"),
        Err(_) => fs::write(&out, b"{\"type\":\"FeatureCollection\",\"features\":[]}")
            .expect("write land.json"),
    }
}
