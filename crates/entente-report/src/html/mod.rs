//! The report as one self-contained, offline HTML page: inline CSS and SVG, no script, no font, no
//! CDN. It opens on key judgements, then the sections, a glossary, the manifest and the citations;
//! a print stylesheet lays it out on A4 with every text at 9 pt or more.

mod network_figure;
mod network_parts;
mod sections;

pub use network_figure::network_figure;
pub use network_parts::tie_category;

use crate::assemble::ReportData;
use entente_curated::CuratedRecord;
use entente_style::chart::esc;
use std::fmt::Write as _;

/// The page's CSS: the style's custom properties, the screen layout and the A4 print layout. No
/// text is set under 12 px (9 pt).
const CSS: &str = r#"
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:16px/1.55 var(--font);color:var(--ink);background:#fff;margin:0}
main{max-width:728px;margin:0 auto;padding:28px 24px 48px}
header.title{border-bottom:3px solid var(--node-us);padding-bottom:14px;margin-bottom:22px}
.kicker{font-size:13px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);font-weight:600;margin:0}
h1{font-size:30px;line-height:1.2;margin:6px 0 8px}
.dek{font-size:18px;color:#3b4252;margin:0 0 8px}
.meta{font-size:13px;color:var(--muted);margin:0}
h2{font-size:22px;line-height:1.25;margin:40px 0 10px;padding-top:10px;border-top:1px solid var(--grid)}
#judgements h2{border-top:0;padding-top:0;margin-top:24px}
h3{font-size:17px;margin:24px 0 6px}
p{margin:0 0 12px}
a{color:var(--node-us)}
ol.judgements{list-style:none;padding:0;margin:0;counter-reset:j}
ol.judgements li{border-left:4px solid var(--node-us);background:#f6f7f9;padding:12px 16px;margin:0 0 12px;break-inside:avoid}
.j-topic{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600;display:block}
.j-number{font-size:26px;font-weight:700;color:var(--node-us);margin-right:6px}
.j-change{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;color:#3b4252;margin-top:6px}
.j-change span{white-space:nowrap}
.j-change span.j-note{white-space:normal}
.src{font-size:12px;color:var(--muted);margin-top:4px}
figure{margin:18px 0 24px;break-inside:avoid;page-break-inside:avoid}
figure h3{margin-top:0}
figure svg{display:block;max-width:100%;height:auto}
figcaption{font-size:13px;color:#3b4252;margin-top:6px}
.missing{border:1px dashed var(--axis);background:#fbfbf8;padding:12px 16px;margin:16px 0;break-inside:avoid}
.missing strong{display:block;margin-bottom:4px}
.note{background:#f3f6fb;border-left:4px solid var(--tie-cooperation);padding:10px 14px;margin:12px 0;font-size:15px;break-inside:avoid}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 12px}
th,td{padding:6px 8px;border-bottom:1px solid var(--grid);text-align:left;vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600;border-bottom:2px solid var(--axis)}
td.date{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
dl.glossary dt{font-weight:700;margin-top:14px}
dl.glossary dd{margin:2px 0 0 0}
dl.glossary .scale{font-size:14px;color:#3b4252}
ul.plain{padding-left:20px}
ul.citations li{font-size:13px;margin-bottom:6px;overflow-wrap:anywhere}
main{overflow-wrap:break-word}
code{font-size:13px;background:#f2f2ee;padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
table.manifest td{font-size:12px;overflow-wrap:anywhere}
table.manifest code{font-size:12px}
@media (max-width:600px){
 main{padding:18px 14px 36px}
 h1{font-size:24px}
 .dek{font-size:16px}
 table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
 table.stack thead{display:none}
 table.stack tr{border-bottom:1px solid var(--grid);padding:6px 0}
 table.stack td{border:0;padding:2px 0;text-align:left}
 table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
 table.manifest th:nth-child(4),table.manifest td:nth-child(4){display:none}
}
@page{size:A4;margin:15mm}
@media print{
 body{font-size:13.5px}
 main{max-width:none;padding:0}
 h1{font-size:26px}
 h2{font-size:19px;margin-top:22px;break-after:avoid;page-break-after:avoid}
 h3{break-after:avoid;page-break-after:avoid}
 section.glossary,section.refs{break-before:page;page-break-before:always}
 figure svg{max-width:none}
 a{color:inherit;text-decoration:none}
 ol.judgements li{background:none;border-left-width:3px}
 tr{break-inside:avoid}
}
"#;

/// The report page.
pub fn render_html(rec: &CuratedRecord, d: &ReportData) -> String {
    let b = &d.brief;
    let y = b.year;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Entente brief {y}: the US alliance systems in Europe and East Asia</title><style>{}{CSS}</style></head><body><main>",
        entente_style::css()
    );
    let data_line = match &d.sources.data_dir {
        Some(_) if !d.sources.read.is_empty() => format!(
            "Data: {} datasets read (listed at the end) and Entente's curated record v{}.",
            d.sources.read.len(),
            entente_curated::VERSION
        ),
        _ => format!(
            "Data: Entente's curated record v{} only; no dataset directory was read, so sections that need one say what is missing.",
            entente_curated::VERSION
        ),
    };
    let _ = write!(
        h,
        "<header class=\"title\"><p class=\"kicker\">Entente brief · {y}</p><h1>The US alliance systems in Europe and East Asia, {y}</h1><p class=\"dek\">How far NATO and the US treaty allies in East Asia &amp; the Pacific are tied to each other, how much of that still runs through Washington, what the challengers do together, and what a model of coordinated pressure says.</p><p class=\"meta\">Generated by Entente {} from the curated record ({} records, sha256 {}…). {}</p></header>",
        env!("CARGO_PKG_VERSION"),
        b.record.records,
        esc(&b.record.sha256[..12.min(b.record.sha256.len())]),
        esc(&data_line)
    );
    sections::judgements(&mut h, d);
    sections::systems(&mut h, rec, d);
    sections::ties(&mut h, rec, d);
    sections::washington(&mut h, rec, d);
    sections::challengers(&mut h, rec, d);
    sections::opportunities(&mut h, d);
    sections::simulation(&mut h, d);
    sections::glossary(&mut h);
    sections::manifest(&mut h, d);
    h.push_str("</main></body></html>\n");
    h
}
