//! # entente-report
//!
//! Entente's faces for a reader: the interregional brief. [`Brief::build`] assembles what the brief
//! says from the curated record for a year (the data, no formatting); [`render_text`] writes the
//! terminal report.

mod assemble;
mod brief;
mod html;
mod text;

pub use assemble::{build_report, ReportError, SWEEP_RUNS};
pub use brief::{
    Brief, BriefError, Changes, CrossGroup, HubSpoke, NetworkLead, RecordInfo, StateRef,
    SystemView, TieLine,
};
pub use html::{network_svg, render_html, Figure, OpportunityRow, ReportParts};
pub use text::render_text;
