//! What a build wrote into a folder, kept beside it: the folder's identity, and each
//! file's hash, size and modification time once written. A later build writing over the
//! same folder leaves a file alone when it would write the same bytes, but only while the
//! file is still as that build left it: same size, same modification time.

use std::path::Path;
use std::time::UNIX_EPOCH;

use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::fs;

/// One file as a build wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// The xxh3-128 hash of its bytes.
    #[serde(with = "halves")]
    hash: u128,
    size: u64,
    /// Nanoseconds since the Unix epoch.
    #[serde(with = "halves")]
    modified: u128,
}

/// A 128-bit number written as its two 64-bit halves, high first: JSON parsers read
/// those straight, where they gather a 128-bit number digit by digit into a string
/// first, which took most of the time of reading a manifest.
mod halves {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
        // Each half is exactly 64 bits.
        [(value >> 64) as u64, *value as u64].serialize(serializer)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
        let [high, low] = <[u64; 2]>::deserialize(deserializer)?;
        Ok((u128::from(high) << 64) | u128::from(low))
    }
}

impl Stamp {
    /// The stamp of bytes whose hash is `hash`, written to a file whose metadata is
    /// `written`.
    pub(crate) fn new(hash: u128, written: &std::fs::Metadata) -> Self {
        Self { hash, size: written.len(), modified: modified(written) }
    }

    /// Whether the file at `file` holds bytes whose hash is `hash`, as the build that
    /// stamped it wrote them: nothing has touched it since.
    pub(crate) fn holds(&self, hash: u128, file: &Path) -> bool {
        self.hash == hash
            && std::fs::symlink_metadata(file).is_ok_and(|metadata| {
                metadata.is_file() && metadata.len() == self.size && modified(&metadata) == self.modified
            })
    }
}

pub(crate) fn hash(bytes: &[u8]) -> u128 {
    twox_hash::XxHash3_128::oneshot(bytes)
}

fn modified(metadata: &std::fs::Metadata) -> u128 {
    metadata.modified().ok().and_then(|time| time.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}

/// The files a build wrote into one folder, by their path in it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Manifest {
    /// The folder's device, inode and birth time, so that a record is never taken for another folder.
    folder: Option<(u64, u64, u128)>,
    files: HashMap<String, Stamp>,
}

impl Manifest {
    /// The manifest at `path`, if it describes the folder at `folder`. None, or one that
    /// cannot be read or is of another folder, only means every file is written afresh.
    pub(crate) fn read(path: &Path, folder: &Path) -> Option<Self> {
        let manifest: Self = serde_json::from_slice(&fs::read(path).ok()?).ok()?;
        let identity = fs::identity(folder);
        (identity.is_some() && manifest.folder == identity).then_some(manifest)
    }

    /// How the build of this manifest stamped the file at `path` in the folder, if it
    /// wrote one there.
    pub(crate) fn stamp(&self, path: &str) -> Option<&Stamp> {
        self.files.get(path)
    }

    /// How many files this manifest's build wrote.
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// Every path this manifest's build wrote.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The manifest of the files given, in the folder at `folder`, as written beside it,
    /// sorted so that the same build always writes the same record.
    pub(crate) fn to_json(folder: &Path, files: &[(String, Stamp)]) -> Vec<u8> {
        #[derive(Serialize)]
        struct Record<'a> {
            folder: Option<(u64, u64, u128)>,
            files: Sorted<'a>,
        }
        struct Sorted<'a>(Vec<(&'a str, &'a Stamp)>);
        impl Serialize for Sorted<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.iter().copied())
            }
        }
        let mut sorted: Vec<(&str, &Stamp)> =
            files.iter().map(|(path, stamp)| (path.as_str(), stamp)).collect();
        sorted.par_sort_unstable_by_key(|(path, _)| *path);
        let record = Record { folder: fs::identity(folder), files: Sorted(sorted) };
        // Numbers and strings always serialize.
        serde_json::to_vec(&record).expect("a manifest serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_was_written() {
        let folder = tempfile::tempdir().unwrap();
        let stamp = Stamp { hash: u128::MAX - 7, size: 12, modified: 1_764_700_000_123_456_789 };
        let files = vec![("index.html".to_owned(), stamp.clone())];
        let record = folder.path().join("manifest");
        std::fs::write(&record, Manifest::to_json(folder.path(), &files)).unwrap();
        let manifest = Manifest::read(&record, folder.path()).unwrap();
        assert_eq!(manifest.stamp("index.html"), Some(&stamp));
        assert_eq!(manifest.len(), 1);
    }
}
