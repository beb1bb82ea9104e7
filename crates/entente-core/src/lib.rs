//! # entente-core
//!
//! Entente's domain model, with no I/O: states keyed by their Correlates of War (COW) code, the
//! regions and analytic groups Entente reasons about, the country crosswalk that maps the names used by
//! SIPRI and the UN data to COW codes, ties between states with their kinds, obligations and sources,
//! the date and year semantics every other crate relies on, and the provenance types that travel with
//! every output.
//!
//! ## Year semantics
//! A tie counts in year `Y` when it was in force on *some day* of `Y`: it started on or before
//! 31 December `Y` and had not ended before 1 January `Y`. This is the COW and ATOP convention. See
//! [`DateSpan::active_in_year`].

mod crosswalk;
mod date;
mod error;
mod lines;
mod provenance;
mod scope;
mod state;
mod tie;

pub use crosswalk::{repair_mojibake, Crosswalk, NameKind, NameMatch, NonStateKind};
pub use date::{parse_date, year_end, year_start, DateSpan, Precision};
pub use error::CoreError;
pub use lines::{escape_controls, line_of, LineIndex};
pub use provenance::{DatasetProvenance, Manifest, ManifestInput};
pub use scope::TieScope;
pub use state::{Ccode, Group, Region, StateInfo, StateRef, CHALLENGERS, US};
pub use tie::{
    CountFrom, DatePrecisions, Instrument, Member, MemberSpell, Obligation, Obligations, PairTie,
    Source, StartBasis, Status, Suspension, Tie, TieKind,
};

/// A calendar date. Entente uses `chrono`'s proleptic Gregorian date throughout.
pub use chrono::NaiveDate as Date;
