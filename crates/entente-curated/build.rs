//! Embeds `data/curated/*.toml` in the library and validates it, so that a bad record fails the
//! build with the file and line of the problem.

#[allow(dead_code)]
#[path = "src/parse.rs"]
mod parse;

use sha2::{Digest, Sha256};
use std::{env, fmt::Write as _, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = manifest.join("../../data/curated");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let mut texts = Vec::new();
    let mut hasher = Sha256::new();
    for n in &names {
        let p = dir.join(n);
        println!("cargo:rerun-if-changed={}", p.display());
        let t = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        hasher.update(n.as_bytes());
        hasher.update([0]);
        hasher.update(t.as_bytes());
        texts.push(t);
    }
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(texts.iter().map(String::as_str))
        .collect();
    if let Err(errors) = parse::parse_files(&pairs) {
        for e in &errors {
            println!("cargo:warning=data/curated/{e}");
        }
        panic!(
            "the curated record has {} problem(s); the first: data/curated/{}",
            errors.len(),
            errors[0]
        );
    }
    let mut code = String::from("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for n in &names {
        let p = dir.join(n).canonicalize().expect("file exists");
        writeln!(
            code,
            "    ({n:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .expect("write");
    }
    code.push_str("];\n");
    writeln!(
        code,
        "pub(crate) const SHA256: &str = {:?};",
        hex::encode(hasher.finalize())
    )
    .expect("write");
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    fs::write(out.join("embedded.rs"), code).expect("write embedded.rs");
}
