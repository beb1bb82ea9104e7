//! Errors.

/// An error computing similarity.
#[derive(Debug, thiserror::Error)]
pub enum SimilarityError {
    /// A dataset problem.
    #[error(transparent)]
    Data(#[from] entente_data::DataError),
    /// A frame problem.
    #[error(transparent)]
    Frame(#[from] entente_frames::FrameError),
    /// Bad input.
    #[error("{0}")]
    Input(String),
}

/// A result.
pub type Result<T> = std::result::Result<T, SimilarityError>;
