//! Reading and validating curated record files.
//!
//! This module is compiled twice: into the library, and into the build script (through
//! `#[path]`), so that the embedded record is validated when Entente is built and a bad record
//! fails the build with the same message a user would see. It may use only `entente_core`, `serde`,
//! `toml` and `thiserror`.

use entente_core::{
    Crosswalk, DateSpan, Member, MemberSpell, Obligation, Obligations, Source, Suspension, Tie,
    TieKind,
};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

type Date = entente_core::Date;

/// A problem in a curated record file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct CurationError {
    /// The file name.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    record: Vec<Spanned<RawRecord>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    id: Spanned<String>,
    name: String,
    kind: Spanned<String>,
    #[serde(default)]
    obligations: Option<Spanned<Vec<String>>>,
    signed: Spanned<toml::value::Datetime>,
    #[serde(default)]
    in_force: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    end: Option<Spanned<toml::value::Datetime>>,
    members: Spanned<Vec<Spanned<RawMember>>>,
    #[serde(default)]
    suspended: Vec<Spanned<RawPair>>,
    #[serde(default)]
    supplier: Option<Spanned<String>>,
    summary: String,
    #[serde(default)]
    tags: Vec<String>,
    sources: Spanned<Vec<Spanned<RawSource>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    state: String,
    #[serde(default)]
    from: Option<toml::value::Datetime>,
    #[serde(default)]
    until: Option<toml::value::Datetime>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    a: String,
    b: String,
    from: toml::value::Datetime,
    #[serde(default)]
    until: Option<toml::value::Datetime>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    url: String,
    #[serde(default)]
    date: Option<toml::value::Datetime>,
    #[serde(default)]
    publisher: Option<String>,
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<CurationError>,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn err(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.line(offset);
        self.errors.push(CurationError {
            file: self.file.to_string(),
            line,
            message: message.into(),
        });
    }
}

fn to_date(dt: &toml::value::Datetime) -> Result<Date, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            Date::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| format!("'{dt}' is not a calendar date"))
        }
        _ => Err(format!("'{dt}' must be a plain date such as 2024-07-08")),
    }
}

/// Parses and validates the given files, `(file name, text)`, as one record. Returns every tie, or
/// every problem found, each naming its file and line.
pub fn parse_files(files: &[(&str, &str)]) -> Result<Vec<Tie>, Vec<CurationError>> {
    let mut ties = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (file, text) in files {
        let mut ctx = Ctx {
            file,
            text,
            errors: Vec::new(),
        };
        match toml::from_str::<RawFile>(text) {
            Err(e) => {
                let off = e.span().map(|s| s.start).unwrap_or(0);
                let msg = e.message().trim().replace('\n', " ");
                ctx.err(off, msg);
            }
            Ok(raw) => {
                for rec in raw.record {
                    let off = rec.span().start;
                    let id = rec.get_ref().id.get_ref().clone();
                    if let Some(prev) = seen.get(&id) {
                        ctx.err(off, format!("duplicate id '{id}' (first at {prev})"));
                    } else {
                        seen.insert(id.clone(), format!("{file}:{}", ctx.line(off)));
                    }
                    if let Some(t) = validate(&mut ctx, rec.into_inner(), off) {
                        ties.push(t);
                    }
                }
            }
        }
        errors.extend(ctx.errors);
    }
    if errors.is_empty() {
        Ok(ties)
    } else {
        Err(errors)
    }
}

fn validate(ctx: &mut Ctx<'_>, r: RawRecord, rec_off: usize) -> Option<Tie> {
    let before = ctx.errors.len();
    let id = r.id.get_ref().clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        ctx.err(
            r.id.span().start,
            format!("id '{id}' must match [a-z0-9-]+"),
        );
    }
    if r.name.trim().is_empty() {
        ctx.err(rec_off, format!("record '{id}' has an empty name"));
    }
    if r.summary.trim().is_empty() {
        ctx.err(rec_off, format!("record '{id}' has an empty summary"));
    }
    let kind = match TieKind::parse(r.kind.get_ref()) {
        Ok(k) => Some(k),
        Err(e) => {
            ctx.err(r.kind.span().start, format!("record '{id}': {e}"));
            None
        }
    };
    let mut obligations = Obligations::NONE;
    if let Some(obs) = &r.obligations {
        for o in obs.get_ref() {
            match Obligation::parse(o) {
                Ok(o) => obligations.insert(o),
                Err(e) => ctx.err(obs.span().start, format!("record '{id}': {e}")),
            }
        }
    }
    match kind {
        Some(TieKind::DefenceTreaty) if obligations.is_empty() => ctx.err(
            rec_off,
            format!("record '{id}' is a defence_treaty with no obligations"),
        ),
        Some(k) if k != TieKind::DefenceTreaty && r.obligations.is_some() => ctx.err(
            rec_off,
            format!("record '{id}': obligations belong to defence treaties, not to a {k}"),
        ),
        _ => {}
    }

    let date = |ctx: &mut Ctx<'_>, d: &Spanned<toml::value::Datetime>, what: &str| match to_date(
        d.get_ref(),
    ) {
        Ok(d) => Some(d),
        Err(e) => {
            ctx.err(d.span().start, format!("record '{id}': {what}: {e}"));
            None
        }
    };
    let signed = date(ctx, &r.signed, "signed");
    let in_force = r.in_force.as_ref().and_then(|d| date(ctx, d, "in_force"));
    let end = r.end.as_ref().and_then(|d| date(ctx, d, "end"));
    let signed = signed?;
    let start = in_force.unwrap_or(signed);
    if start < signed {
        ctx.err(
            rec_off,
            format!("record '{id}': in_force {start} is before signature {signed}"),
        );
    }
    if let Some(e) = end {
        if e < start {
            ctx.err(
                r.end.as_ref().map(|s| s.span().start).unwrap_or(rec_off),
                format!("record '{id}': end {e} is before its start {start}"),
            );
        }
    }
    let span = DateSpan::new(start, end);

    // Members.
    let cw = Crosswalk;
    let mut members: Vec<Member> = Vec::new();
    for m in r.members.get_ref() {
        let off = m.span().start;
        let m = m.get_ref();
        let code = m.state.trim().to_ascii_uppercase();
        let from = match &m.from {
            Some(d) => match to_date(d) {
                Ok(d) => d,
                Err(e) => {
                    ctx.err(off, format!("record '{id}', member {code}: from: {e}"));
                    continue;
                }
            },
            None => start,
        };
        let until = match &m.until {
            Some(d) => match to_date(d) {
                Ok(d) => Some(d),
                Err(e) => {
                    ctx.err(off, format!("record '{id}', member {code}: until: {e}"));
                    continue;
                }
            },
            None => None,
        };
        let own = DateSpan::new(from, until);
        if own.is_empty() {
            ctx.err(
                off,
                format!(
                    "record '{id}', member {code}: until {} is before from {from}",
                    own.last_day()
                ),
            );
            continue;
        }
        if from < start {
            ctx.err(
                off,
                format!(
                    "record '{id}', member {code}: joins {from}, before the tie starts {start}"
                ),
            );
        }
        if let Some(e) = end.filter(|e| *e >= start) {
            if from > e {
                ctx.err(
                    off,
                    format!("record '{id}', member {code}: joins {from}, after the tie ended {e}"),
                );
            }
        }
        let code_spells = match cw.code_spells(&code) {
            Ok(s) => s,
            Err(e) => {
                ctx.err(off, format!("record '{id}': {e}"));
                continue;
            }
        };
        let spells: Vec<MemberSpell> = code_spells
            .into_iter()
            .map(|(ccode, cs)| MemberSpell {
                ccode,
                span: cs.intersect(&own).intersect(&span),
            })
            .filter(|s| !s.span.is_empty())
            .collect();
        if members.iter().any(|x| x.code == code) {
            ctx.err(off, format!("record '{id}': member {code} is listed twice"));
            continue;
        }
        members.push(Member {
            code,
            spells,
            note: m.note.clone(),
        });
    }
    let written: std::collections::HashSet<String> = r
        .members
        .get_ref()
        .iter()
        .map(|m| m.get_ref().state.trim().to_ascii_uppercase())
        .collect();
    if written.len() < 2 {
        ctx.err(
            r.members.span().start,
            format!("record '{id}' needs at least two distinct members"),
        );
    }

    let index_of = |code: &str| {
        let c = code.trim().to_ascii_uppercase();
        members.iter().position(|m| m.code == c)
    };
    let mut suspended = Vec::new();
    for p in &r.suspended {
        let off = p.span().start;
        let p = p.get_ref();
        let (a, b) = match (index_of(&p.a), index_of(&p.b)) {
            (Some(a), Some(b)) if a != b => (a, b),
            _ => {
                ctx.err(
                    off,
                    format!(
                        "record '{id}': suspension names {}–{}, which are not two of its members",
                        p.a, p.b
                    ),
                );
                continue;
            }
        };
        let from = to_date(&p.from);
        let until = p.until.as_ref().map(to_date).transpose();
        match (from, until) {
            (Ok(from), Ok(until)) => {
                let s = DateSpan::new(from, until);
                if s.is_empty() {
                    ctx.err(
                        off,
                        format!("record '{id}': suspension ends before it starts"),
                    );
                } else {
                    suspended.push(Suspension {
                        a,
                        b,
                        span: s,
                        note: p.note.clone(),
                    });
                }
            }
            (Err(e), _) | (_, Err(e)) => ctx.err(off, format!("record '{id}': suspension: {e}")),
        }
    }

    let supplier = match &r.supplier {
        None => None,
        Some(s) => match index_of(s.get_ref()) {
            Some(i) => Some(i),
            None => {
                ctx.err(
                    s.span().start,
                    format!("record '{id}': supplier {} is not a member", s.get_ref()),
                );
                None
            }
        },
    };

    let mut sources = Vec::new();
    if r.sources.get_ref().is_empty() {
        ctx.err(
            r.sources.span().start,
            format!("record '{id}' has no source"),
        );
    }
    for s in r.sources.get_ref() {
        let off = s.span().start;
        let s = s.get_ref();
        if s.title.trim().is_empty() {
            ctx.err(off, format!("record '{id}': a source has no title"));
        }
        let url = s.url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.len() < 12
            || url.contains(' ')
        {
            ctx.err(
                off,
                format!("record '{id}': source URL '{url}' is not an http(s) URL"),
            );
        }
        let date = match s.date.as_ref().map(to_date).transpose() {
            Ok(d) => d,
            Err(e) => {
                ctx.err(off, format!("record '{id}': source date: {e}"));
                None
            }
        };
        sources.push(Source {
            title: s.title.trim().to_string(),
            url: url.to_string(),
            date,
            publisher: s.publisher.clone(),
        });
    }

    if ctx.errors.len() > before {
        return None;
    }
    Some(Tie {
        id,
        name: r.name.trim().to_string(),
        kind: kind?,
        obligations,
        signed,
        span,
        members,
        suspended,
        supplier,
        summary: r.summary.trim().to_string(),
        tags: r.tags,
        sources,
        origin: format!("{}:{}", ctx.file, ctx.line(rec_off)),
    })
}
