//! Rebuilds the server when the dashboard's embedded files or the shipped scenarios change:
//! `include_dir!` does not tell cargo which files it read (on stable Rust), so without this an edit
//! to `web/src` would not reach the binary until some Rust file changed too.
fn main() {
    for dir in ["../../web/src", "../../web/data", "../../scenarios"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
