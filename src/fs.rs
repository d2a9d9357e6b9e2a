//! All disk access, so that every I/O error names the path it happened on.

use std::io;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// An I/O failure on one path.
#[derive(Debug, thiserror::Error)]
#[error("failed to {action} `{}`", path.display())]
pub struct FsError {
    action: &'static str,
    path: PathBuf,
    #[source]
    source: io::Error,
}

impl FsError {
    pub(crate) fn new(action: &'static str, path: &Path, source: io::Error) -> Self {
        Self { action, path: path.to_path_buf(), source }
    }

    /// Whether the path did not exist.
    pub(crate) fn is_not_found(&self) -> bool {
        self.kind() == io::ErrorKind::NotFound
    }

    /// What kind of failure it was.
    pub(crate) fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

pub(crate) type Result<T> = std::result::Result<T, FsError>;

fn context<T>(action: &'static str, path: &Path, result: io::Result<T>) -> Result<T> {
    result.map_err(|source| FsError::new(action, path, source))
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    context("read", path, std::fs::read(path))
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    context("write", path, std::fs::write(path, bytes))
}

/// Writes `bytes` to a new file at `path`, which must not exist yet, and returns the
/// written file's metadata. Never writes through a file or link already there.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<std::fs::Metadata> {
    use std::io::Write;
    let written = std::fs::File::create_new(path).and_then(|mut file| {
        file.write_all(bytes)?;
        file.metadata()
    });
    context("write", path, written)
}

/// Removes the file, link or folder at `path`; one already gone, or whose folder is now a
/// file, is no error.
pub(crate) fn remove(path: &Path) -> Result<()> {
    remove_unless_folder(path, remove_tree)
}

/// Removes the file or link at `path`, but not a folder; one already gone is no error.
pub(crate) fn remove_file(path: &Path) -> Result<()> {
    remove_unless_folder(path, |_| Ok(()))
}

/// Removes the file or link at `path`, or hands a folder there to `folder`.
fn remove_unless_folder(path: &Path, folder: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let removed = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => return folder(path),
        Ok(_) => std::fs::remove_file(path),
        Err(error) => Err(error),
    };
    match removed {
        Err(error) if matches!(error.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            Ok(())
        }
        other => context("remove", path, other),
    }
}

/// Removes the folder at `path` if it is empty; whether it was is all the caller needs.
pub(crate) fn remove_empty_dir(path: &Path) -> bool {
    std::fs::remove_dir(path).is_ok()
}

/// What tells one folder from another on the same machine, kept when it is renamed: its
/// device, its inode and when it was made (an inode may be reused), where the platform
/// has them.
pub(crate) fn identity(path: &Path) -> Option<(u64, u64, u128)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::symlink_metadata(path).ok()?;
        let made = metadata.created().ok().and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok());
        Some((metadata.dev(), metadata.ino(), made.map_or(0, |since| since.as_nanos())))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

pub(crate) fn create_dir(path: &Path) -> Result<()> {
    context("create folder", path, std::fs::create_dir(path))
}

pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    context("create folder", path, std::fs::create_dir_all(path))
}

pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    context("rename", from, std::fs::rename(from, to))
}

/// Removes a folder and everything in it, folders in parallel: a built site holds a
/// folder for every page. Links are removed, never followed.
pub(crate) fn remove_tree(path: &Path) -> Result<()> {
    let entries: Vec<std::fs::DirEntry> = context("read folder", path, std::fs::read_dir(path))?
        .collect::<io::Result<_>>()
        .map_err(|source| FsError::new("read folder", path, source))?;
    entries.par_iter().try_for_each(|entry| {
        let entry_path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => remove_tree(&entry_path),
            _ => context("remove", &entry_path, std::fs::remove_file(&entry_path)),
        }
    })?;
    context("remove", path, std::fs::remove_dir(path))
}

/// Whether `path` is a folder with nothing in it.
pub(crate) fn is_empty_dir(path: &Path) -> Result<bool> {
    let mut entries = context("read folder", path, std::fs::read_dir(path))?;
    Ok(entries.next().is_none())
}

pub(crate) fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}
