//! One unit per file: each adds one documented set of columns.

pub mod arms_tiv;
pub mod atop;
pub mod capital_distance;
pub mod contiguity;
pub mod cow_alliance;
pub mod ideal_points;
pub mod majors;
pub mod mids;
pub mod milex_sipri;
pub mod nmc;
