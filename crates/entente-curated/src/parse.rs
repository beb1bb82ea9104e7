//! Reading and validating curated record files.
//!
//! This module is compiled twice: into the library, and into the build script (through
//! `#[path]`), so that the embedded record is validated when Entente is built and a bad record
//! fails the build with the same message a user would see. It may use only `entente_core`, `serde`,
//! `toml` and `thiserror`.

use entente_core::{
    Crosswalk, DatePrecisions, DateSpan, Instrument, Member, MemberSpell, Obligation, Obligations,
    Precision, Source, StartBasis, Status, Suspension, Tie, TieKind,
};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

type Date = entente_core::Date;

/// The record's cut-off date: every record's status is as of this day.
pub const CUTOFF: &str = "2025-12-31";

/// The cut-off date as a date.
pub fn cutoff() -> Date {
    Date::from_ymd_opt(2025, 12, 31).unwrap_or(Date::MAX)
}

/// A source URL's host, lower-cased, without `www.`.
pub fn url_host(url: &str) -> &str {
    let rest = url
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.trim_start_matches("www.")
}

/// Whether a source URL is a site root: no path, or a bare `/`, with no query naming a document
/// (`https://example.org/?p=37059` names a post and is not a root; a fragment is ignored).
pub fn is_site_root(url: &str) -> bool {
    let rest = url
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, q),
        None => (rest, ""),
    };
    let path = before_query.find('/').map_or("", |i| &before_query[i..]);
    path.trim_matches('/').is_empty() && query.trim().is_empty()
}

/// Whether a URL is SIPRI's arms transfers database, an acceptable source for an arms deal whose
/// designation and years are given.
pub fn is_sipri_database(url: &str) -> bool {
    let h = url_host(url);
    h == "armstransfers.sipri.org"
        || h == "armstrade.sipri.org"
        || (h == "sipri.org" && url.contains("/databases/armstransfers"))
}

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
    status: Spanned<String>,
    #[serde(default)]
    instrument: Option<Spanned<String>>,
    #[serde(default)]
    precision: Option<Spanned<RawPrecision>>,
    #[serde(default)]
    in_force_unknown: Option<Spanned<String>>,
    #[serde(default)]
    counted_from: Option<Spanned<RawReasoned>>,
    #[serde(default)]
    provisional: Option<Spanned<RawProvisional>>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrecision {
    #[serde(default)]
    signed: Option<String>,
    #[serde(default)]
    in_force: Option<String>,
    #[serde(default)]
    end: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReasoned {
    date: toml::value::Datetime,
    reason: String,
    source: RawSource,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvisional {
    from: toml::value::Datetime,
    source: RawSource,
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
    lines: entente_core::LineIndex,
    errors: Vec<CurationError>,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
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
            lines: entente_core::LineIndex::new(text),
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
    let status = match Status::parse(r.status.get_ref()) {
        Some(st) => Some(st),
        None => {
            ctx.err(
                r.status.span().start,
                format!(
                    "record '{id}': unknown status '{}' (one of {})",
                    r.status.get_ref(),
                    Status::ALL.map(|x| x.name()).join(", ")
                ),
            );
            None
        }
    };
    let instrument = match &r.instrument {
        None => kind.map(Instrument::default_for),
        Some(i) => match Instrument::parse(i.get_ref()) {
            Some(x) => Some(x),
            None => {
                ctx.err(
                    i.span().start,
                    format!(
                        "record '{id}': unknown instrument '{}' (binding, political or event)",
                        i.get_ref()
                    ),
                );
                None
            }
        },
    };
    let prec = |ctx: &mut Ctx<'_>, p: &Option<String>, off: usize| match p {
        None => Precision::Day,
        Some(x) => Precision::parse(x).unwrap_or_else(|| {
            ctx.err(
                off,
                format!("record '{id}': precision '{x}' is not day, month or year"),
            );
            Precision::Day
        }),
    };
    let (p_signed, p_in_force, p_end) = match &r.precision {
        None => (Precision::Day, Precision::Day, Precision::Day),
        Some(p) => {
            let off = p.span().start;
            let p = p.get_ref();
            (
                prec(ctx, &p.signed, off),
                prec(ctx, &p.in_force, off),
                prec(ctx, &p.end, off),
            )
        }
    };
    for (what, d, p, is_end) in [
        ("signed", Some(signed), p_signed, false),
        ("in_force", in_force, p_in_force, false),
        ("end", end, p_end, true),
    ] {
        if let Some(d) = d {
            if !p.fits(d, is_end) {
                let want = match (p, is_end) {
                    (Precision::Month, false) => "the first of its month",
                    (Precision::Month, true) => "the last day of its month",
                    (Precision::Year, false) => "1 January",
                    _ => "31 December",
                };
                let known = match p {
                    Precision::Month => "month",
                    _ => "year",
                };
                ctx.err(
                    rec_off,
                    format!("record '{id}': {what} {d} is known to the {known} only, so write it as {want}"),
                );
            }
        }
    }
    let provisional = r.provisional.as_ref().and_then(|p| {
        let off = p.span().start;
        let p = p.get_ref();
        let from = match to_date(&p.from) {
            Ok(d) => Some(d),
            Err(e) => {
                ctx.err(off, format!("record '{id}': provisional: {e}"));
                None
            }
        };
        let src = source(ctx, off, &p.source, &id, None);
        Some((from?, src?))
    });
    let reasoned = r.counted_from.as_ref().and_then(|c| {
        let off = c.span().start;
        let c = c.get_ref();
        let from = match to_date(&c.date) {
            Ok(d) => Some(d),
            Err(e) => {
                ctx.err(off, format!("record '{id}': counted_from: {e}"));
                None
            }
        };
        if c.reason.trim().is_empty() {
            ctx.err(off, format!("record '{id}': counted_from needs a reason"));
        }
        let src = source(ctx, off, &c.source, &id, None);
        Some((from?, c.reason.trim().to_string(), src?))
    });
    let cut = cutoff();
    let (start, basis) = match (instrument, status) {
        (Some(Instrument::Political | Instrument::Event), Some(st)) => {
            if in_force.is_some()
                || r.provisional.is_some()
                || r.in_force_unknown.is_some()
                || r.counted_from.is_some()
            {
                ctx.err(
                    rec_off,
                    format!("record '{id}': an event or political instrument counts from its own date; in_force, provisional, in_force_unknown and counted_from belong to binding instruments"),
                );
            }
            if matches!(st, Status::Signed | Status::ProvisionallyApplied) {
                ctx.err(
                    r.status.span().start,
                    format!("record '{id}': status {} belongs to binding instruments; an event or political instrument is in_force, suspended, terminated, superseded or completed", st.name()),
                );
            }
            (signed, StartBasis::OwnDate)
        }
        (Some(Instrument::Binding), Some(st)) => {
            if r.counted_from.is_some() && r.in_force_unknown.is_none() {
                ctx.err(
                    rec_off,
                    format!("record '{id}': counted_from is for a record whose in-force date is unknown (in_force_unknown)"),
                );
            }
            if in_force.is_some() && r.in_force_unknown.is_some() {
                ctx.err(
                    rec_off,
                    format!("record '{id}': in_force and in_force_unknown contradict each other"),
                );
            }
            if r.in_force_unknown
                .as_ref()
                .is_some_and(|u| u.get_ref().trim().is_empty())
            {
                ctx.err(
                    rec_off,
                    format!("record '{id}': in_force_unknown must say why the date is unknown"),
                );
            }
            let in_force_by_cutoff = in_force.filter(|d| *d <= cut);
            match st {
                Status::Completed => {
                    ctx.err(
                        r.status.span().start,
                        format!("record '{id}': status completed is for events; a binding instrument that ended is terminated or superseded"),
                    );
                    (signed, StartBasis::NotInForce)
                }
                Status::Signed => {
                    if let Some(d) = in_force_by_cutoff {
                        ctx.err(
                            r.status.span().start,
                            format!("record '{id}': status signed, but in force from {d}, before the cut-off {CUTOFF}"),
                        );
                    }
                    if r.provisional.is_some() {
                        ctx.err(
                            r.status.span().start,
                            format!("record '{id}': status signed, but provisionally applied"),
                        );
                    }
                    (signed, StartBasis::NotInForce)
                }
                Status::ProvisionallyApplied => {
                    if let Some(d) = in_force_by_cutoff {
                        ctx.err(
                            r.status.span().start,
                            format!("record '{id}': status provisionally_applied, but in force from {d}"),
                        );
                    }
                    match provisional.clone() {
                        Some((from, source)) => {
                            (from, StartBasis::ProvisionalApplication { source })
                        }
                        None => {
                            if r.provisional.is_none() {
                                ctx.err(
                                    r.status.span().start,
                                    format!("record '{id}': status provisionally_applied needs `provisional = {{ from = …, source = {{ … }} }}`"),
                                );
                            }
                            (signed, StartBasis::NotInForce)
                        }
                    }
                }
                Status::InForce | Status::Suspended | Status::Terminated | Status::Superseded => {
                    if in_force.is_some_and(|d| d > cut) {
                        ctx.err(
                            r.status.span().start,
                            format!("record '{id}': status {}, but in force only from {}, after the cut-off {CUTOFF}", st.name(), in_force.unwrap_or(signed)),
                        );
                    }
                    match (in_force_by_cutoff, provisional.clone(), reasoned.clone()) {
                        (Some(d), Some((from, source)), _) if from < d => {
                            (from, StartBasis::ProvisionalApplication { source })
                        }
                        (Some(d), _, _) => (d, StartBasis::EntryIntoForce),
                        (None, Some((from, source)), _) => {
                            (from, StartBasis::ProvisionalApplication { source })
                        }
                        (None, None, Some((d, reason, source))) => {
                            (d, StartBasis::Reasoned { reason, source })
                        }
                        (None, None, None) => {
                            if r.in_force_unknown.is_none()
                                && r.provisional.is_none()
                                && r.counted_from.is_none()
                                && in_force.is_none()
                            {
                                ctx.err(
                                    r.status.span().start,
                                    format!("record '{id}': a binding instrument with status {} needs `in_force`, `provisional`, or `in_force_unknown` saying why its date is unknown", st.name()),
                                );
                            }
                            (signed, StartBasis::NotInForce)
                        }
                    }
                }
            }
        }
        _ => (in_force.unwrap_or(signed), StartBasis::NotInForce),
    };
    if start < signed {
        ctx.err(
            rec_off,
            format!("record '{id}': in force (or applied) from {start}, before signature {signed}"),
        );
    }
    if let Some(st) = status {
        match end {
            Some(e) if e <= cut && !st.is_ended() => ctx.err(
                r.status.span().start,
                format!("record '{id}': ended {e}, before the cut-off {CUTOFF}, so its status cannot be {}", st.name()),
            ),
            None if st.is_ended() => ctx.err(
                r.status.span().start,
                format!("record '{id}': status {} needs an `end` (the last day in force)", st.name()),
            ),
            Some(e) if e > cut && st.is_ended() => ctx.err(
                r.status.span().start,
                format!("record '{id}': status {} as of {CUTOFF}, but its end {e} is later", st.name()),
            ),
            _ => {}
        }
    }
    if let Some(e) = end {
        if e < start {
            ctx.err(
                r.end.as_ref().map(|s| s.span().start).unwrap_or(rec_off),
                format!("record '{id}': end {e} is before its start {start}"),
            );
        }
    }
    let precision = DatePrecisions {
        signed: p_signed,
        start: match basis {
            StartBasis::EntryIntoForce => p_in_force,
            StartBasis::OwnDate | StartBasis::NotInForce => p_signed,
            _ => Precision::Day,
        },
        end: p_end,
    };
    let span = DateSpan::new(start, end);
    // Member spells run from signature; queries clip them to the counted span.
    let from_signature = DateSpan::new(signed, end);

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
            None => signed,
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
        if from < signed {
            ctx.err(
                off,
                format!("record '{id}', member {code}: joins {from}, before signature {signed}"),
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
                span: cs.intersect(&own).intersect(&from_signature),
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
    let sipri_ok = (kind == Some(TieKind::ArmsDeal)).then(|| DateSpan::new(signed, None).years().0);
    for s in r.sources.get_ref() {
        if let Some(src) = source(ctx, s.span().start, s.get_ref(), &id, sipri_ok) {
            sources.push(src);
        }
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
        status: status?,
        instrument: instrument?,
        basis,
        precision,
        note: r
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        summary: r.summary.trim().to_string(),
        tags: r.tags,
        sources,
        origin: format!("{}:{}", ctx.file, ctx.line(rec_off)),
    })
}

/// Checks one source: a title; an http(s) URL that points at a document, not a site root (SIPRI's
/// database is allowed for an arms deal, `sipri_ok` holding its order year, if the title gives that
/// year); a plain date.
fn source(
    ctx: &mut Ctx<'_>,
    off: usize,
    s: &RawSource,
    id: &str,
    sipri_ok: Option<i32>,
) -> Option<Source> {
    let before = ctx.errors.len();
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
    } else if is_sipri_database(url) {
        match sipri_ok {
            None => ctx.err(
                off,
                format!("record '{id}': SIPRI's database ({url}) is a source only for an arms deal; cite a document"),
            ),
            Some(y) if !s.title.contains(&y.to_string()) => ctx.err(
                off,
                format!("record '{id}': a SIPRI database source must give the deal's designation and years in its title (the order year {y} is missing)"),
            ),
            Some(_) => {}
        }
    } else if is_site_root(url) {
        ctx.err(
            off,
            format!("record '{id}': source URL '{url}' is a site's home page; cite the document or a page about this event"),
        );
    }
    let date = match s.date.as_ref().map(to_date).transpose() {
        Ok(d) => d,
        Err(e) => {
            ctx.err(off, format!("record '{id}': source date: {e}"));
            None
        }
    };
    if ctx.errors.len() > before {
        return None;
    }
    Some(Source {
        title: s.title.trim().to_string(),
        url: url.to_string(),
        date,
        publisher: s.publisher.clone(),
    })
}
