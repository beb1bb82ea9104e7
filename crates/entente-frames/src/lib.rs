//! # entente-frames
//!
//! State-year and dyad-year frames in peacesciencer's spirit: create a frame, then add columns to it,
//! each addition one small documented unit (`units/`), with peacesciencer's column names where it has
//! them. Rows follow the COW state system day by day (no false dyads); values outside a source's
//! coverage are missing, never 0; every output gets a manifest of its inputs.
//!
//! ```no_run
//! use entente_data::Store;
//! use entente_frames::{DyadYears, FrameOptions, units::{atop::Atop, nmc::Nmc}};
//! let store = Store::new("../shared/data");
//! let frame = DyadYears::create(&store, FrameOptions::default(), true)?
//!     .add(Atop::default())?
//!     .add(Nmc::default())?;
//! let batches = frame.collect()?;
//! # Ok::<(), entente_frames::FrameError>(())
//! ```

pub mod error;
pub mod frame;
pub mod system;
mod text;
pub mod unit;
pub mod units;
pub mod write;

pub use error::{FrameError, Result};
pub use frame::{DyadYears, Filter, Frame, FrameOptions, Keys, Kind, StateYears};
pub use unit::{by_name, Unit, UNITS};
pub use write::{write_frame, OutputFormat, WriteOptions};
