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
    #[error("cannot serve on {address}: {source}")]
    Listen {
        /// Where it was asked to listen.
        address: std::net::SocketAddr,
        /// Why it cannot.
        source: std::io::Error,
    },
    /// `serve` cannot watch the site's files.
    #[error("cannot watch the site's files: {0}")]
    Watch(String),
    /// A command would overwrite what is there, such as `new` an existing article.
    #[error("{0}")]
    Refused(String),
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Self::Content(diagnostics)
    }
}

impl Error {
    /// The exit status: 1 for every failure of a build; usage errors exit 2 before this.
    pub fn exit_code(&self) -> u8 {
        1
    }
}
