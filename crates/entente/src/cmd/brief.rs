//! `entente brief`.

use crate::cli::{BriefArgs, Global};
use crate::output::print;
use anyhow::Result;
use entente_report::{render_text, Brief};

pub fn run(g: &Global, a: BriefArgs) -> Result<()> {
    let rec = super::record(g)?;
    let brief = Brief::build(&rec, a.year)?;
    if a.json {
        print(&format!("{}\n", serde_json::to_string_pretty(&brief)?))
    } else {
        print(&render_text(&brief))
    }
}
