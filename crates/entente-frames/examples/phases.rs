//! Phase timings of the frame benchmark: load, build (no write), write to Parquet.
use entente_frames::{write_frame, DyadYears, FrameOptions, WriteOptions};
use std::time::Instant;
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = entente_testkit::data_location();
    let units = [
        "atop",
        "cow-alliance",
        "nmc",
        "contiguity",
        "capital-distance",
    ];
    for _ in 0..3 {
        let t = Instant::now();
        let store = entente_data::Store::new(&dir);
        let opts = FrameOptions {
            from: Some(1816),
            to: Some(2018),
            extend: true,
        };
        let frame = DyadYears::create(&store, opts.clone(), true)?.add_all(&units)?;
        let t_load = t.elapsed();
        let t2 = Instant::now();
        let n: usize = frame.collect()?.iter().map(|b| b.num_rows()).sum();
        let t_build = t2.elapsed();
        let t3 = Instant::now();
        write_frame(
            &frame,
            std::path::Path::new("/tmp/ph.parquet"),
            &WriteOptions::default(),
        )?;
        let t_write = t3.elapsed();
        let t4 = Instant::now();
        write_frame(
            &frame,
            std::path::Path::new("/tmp/ph.csv"),
            &WriteOptions::default(),
        )?;
        println!(
            "{n} rows: load+prepare {:?}, build only {:?}, build+parquet {:?}, build+csv {:?}",
            t_load,
            t_build,
            t_write,
            t4.elapsed()
        );
    }
    Ok(())
}
