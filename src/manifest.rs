//! What the last build wrote, kept beside the output: each file's hash, and its size and
//! modification time once written. A rebuild links a file whose bytes have not changed
//! from the old output instead of writing it again, but only while the old file is still
//! as that build left it: same size, same modification time.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::fs;

/// One file as a build wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// The xxh3-128 hash of its bytes, in hex.
    hash: String,
    size: u64,
    /// Nanoseconds since the Unix epoch.
    modified: u128,
}

impl Stamp {
    /// The stamp of bytes whose hash is `hash`, written to a file whose metadata is
    /// `written`.
    pub(crate) fn new(hash: String, written: &std::fs::Metadata) -> Self {
        Self { hash, size: written.len(), modified: modified(written) }
    }

    /// Whether a file with this metadata is still as the build that stamped it left it.
    fn still_matches(&self, file: &std::fs::Metadata) -> bool {
        file.is_file() && file.len() == self.size && modified(file) == self.modified
    }
}

pub(crate) fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn modified(metadata: &std::fs::Metadata) -> u128 {
    metadata.modified().ok().and_then(|time| time.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}

/// The files of the last build, by their path in the output.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    files: HashMap<String, Stamp>,
}

impl Manifest {
    /// The manifest at `path`; none, or one that cannot be read, only means every file is
    /// written afresh.
    pub(crate) fn read(path: &Path) -> Self {
        let files =
            fs::read(path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default();
        Self { files }
    }

    /// Whether the old file at `old`, output path `path`, can stand for `bytes`: the last
    /// build wrote these very bytes there, and nothing has touched the file since.
    pub(crate) fn unchanged(&self, path: &str, hash: &str, old: &Path) -> Option<Stamp> {
        let stamp = self.files.get(path).filter(|stamp| stamp.hash == hash)?;
        let metadata = std::fs::symlink_metadata(old).ok()?;
        stamp.still_matches(&metadata).then(|| stamp.clone())
    }

    /// The manifest of the files given, as written beside the output.
    pub(crate) fn to_json(files: &[(String, Stamp)]) -> Vec<u8> {
        let sorted: BTreeMap<&str, &Stamp> =
            files.iter().map(|(path, stamp)| (path.as_str(), stamp)).collect();
        // A map of strings and numbers always serializes.
        serde_json::to_vec(&sorted).expect("a manifest serializes")
    }
}
