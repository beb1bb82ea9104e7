use thiserror::Error;

/// Errors of the domain model. Each names the thing that was not understood.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// A state code (ISO3 or numeric COW code) that Entente does not know.
    #[error("unknown state code '{0}' (use an ISO 3166 alpha-3 code such as JPN, or a COW code such as 740)")]
    UnknownStateCode(String),
    /// A COW code that is not in the state table.
    #[error("unknown COW code {0}")]
    UnknownCcode(u16),
    /// A country name that the crosswalk cannot place.
    #[error("unknown country name '{0}': add it to crates/entente-core/tables/names.csv")]
    UnknownName(String),
    /// A name that is known but is not a state (e.g. 'NATO**', 'unknown recipient(s)').
    #[error("'{name}' is a non-state entry ({kind}), not a state")]
    NotAState { name: String, kind: String },
    /// A known name that maps to no state in the given year.
    #[error("'{name}' names no state in {year}")]
    NoStateInYear { name: String, year: i32 },
    /// A region or group selector that Entente does not know.
    #[error("unknown region '{0}' (known: {known})", known = crate::Region::SELECTORS.join(", "))]
    UnknownRegion(String),
    /// A date that could not be read.
    #[error("bad date '{0}': expected YYYY-MM-DD")]
    BadDate(String),
    /// A tie kind that Entente does not know.
    #[error("unknown tie kind '{0}' (known: {known})", known = crate::TieKind::NAMES.join(", "))]
    UnknownTieKind(String),
    /// An obligation that Entente does not know.
    #[error("unknown obligation '{0}' (known: defense, offense, neutrality, nonaggression, consultation)")]
    UnknownObligation(String),
}
