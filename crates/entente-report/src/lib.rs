//! # entente-report
//!
//! Entente's faces for a reader: the interregional brief. [`Brief::build`] assembles what the brief
//! says from the curated record for a year (the data, no formatting); [`render_text`] writes the
//! terminal report; [`build_report`] gathers the trends, opportunities, simulation, sources and
//! citations ([`gather`]) and writes the HTML report: key judgements first, then the sections, a
//! glossary, the manifest and the citations, every chart drawn with `entente_style::chart`.

mod assemble;
mod brief;
mod charts;
mod glossary;
mod html;
mod judgements;
mod sources;
mod text;

pub use assemble::{
    build_report, gather, Interval, Opportunities, OpportunityRow, ReportData, ReportError,
    Simulation, SWEEP_RUNS, TREND_SERIES,
};
pub use brief::{
    challenger_exercises_started, Brief, BriefError, Changes, CrossGroup, HubSpoke, NetworkLead,
    RecordInfo, StateRef, SystemView, TieLine,
};
pub use charts::{Figure, Panel};
pub use glossary::{Term, GLOSSARY};
pub use html::{network_figure, render_html, tie_category};
pub use judgements::{judgements, Judgement};
pub use sources::{short_name, Missing, Read, Sources, BUILT_IN, CURATED};
pub use text::render_text;
