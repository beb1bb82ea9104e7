//! The CSV frame of `bench/frames_csv.sh`, through the library alone (a quick build for profiling):
//! `cargo run --release -p entente-frames --example csv_bench -- OUT.csv [FROM TO]`.
use entente_frames::{write_frame, Frame, FrameOptions, Kind, WriteOptions};
use std::time::Instant;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("/tmp/csv_bench.csv");
    let from = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1816);
    let to = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(2016);
    let t = Instant::now();
    let store = entente_data::Store::new(entente_testkit::data_location());
    let opts = FrameOptions {
        from: Some(from),
        to: Some(to),
        extend: true,
    };
    let frame = Frame::new(&store, Kind::DyadYear { directed: true }, opts)?.add_all(&[
        "atop",
        "nmc",
        "contiguity",
    ])?;
    let t_load = t.elapsed();
    let m = write_frame(&frame, std::path::Path::new(out), &WriteOptions::default())?;
    eprintln!(
        "{} rows: load+prepare {:?}, total {:?}",
        m.rows,
        t_load,
        t.elapsed()
    );
    Ok(())
}
