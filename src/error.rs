//! What can stop a build, and the exit status each one gives.

use crate::diagnostic::Diagnostics;
use crate::fs::FsError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's content, config or templates.
    #[error("{0}")]
    Content(Diagnostics),
    /// A file or folder could not be read or written.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// The output folder cannot be used, such as one rumourmill did not create.
    #[error("{0}")]
    Output(String),
    /// `serve` cannot listen where it was asked to.
    #[error("cannot serve on {address}: {reason}; choose another with --port, or --port 0 for any free one")]
    Listen {
        /// Where it was asked to listen.
        address: std::net::SocketAddr,
        /// Why it cannot.
        reason: std::io::Error,
    },
    /// `serve` cannot watch the site's files.
    #[error("cannot watch the site's files: {0}")]
    Watch(String),
    /// A command would overwrite what is there, such as `new` an existing article.
    #[error("{0}")]
    Refused(String),
    /// A value given on the command line is not one the command can take.
    #[error("error: {0}")]
    Usage(String),
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Self::Content(diagnostics)
    }
}

impl Error {
    /// The error as `build` reports it: errors alone, warnings being for `check`.
    pub(crate) fn errors_only(self) -> Self {
        match self {
            Self::Content(problems) => Self::Content(problems.errors()),
            other => other,
        }
    }

    /// The exit status: 2 for a bad value on the command line, 1 for every other failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            _ => 1,
        }
    }
}
