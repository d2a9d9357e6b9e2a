//! All disk access, so that every I/O error names the path it happened on.

use std::io;

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

pub(crate) fn create_dir(path: &Path) -> Result<()> {
    context("create folder", path, std::fs::create_dir(path))
}

pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    context("create folder", path, std::fs::create_dir_all(path))
}

pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    context("rename", from, std::fs::rename(from, to))
}

/// Puts each of two folders in the other's place in one step, so that neither place is
/// ever empty. Where the system or the file system cannot, `None`.
pub(crate) fn exchange(a: &Path, b: &Path) -> Option<Result<()>> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Some(Ok(())),
            // Not on this kernel or file system.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => None,
            Err(error) => Some(context("swap", a, Err(error.into()))),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    {
        let _ = (a, b);
        None
    }
}

/// Removes a folder and everything in it. Links are removed, never followed.
pub(crate) fn remove_tree(path: &Path) -> Result<()> {
    context("remove", path, std::fs::remove_dir_all(path))
}

/// Whether `path` is a folder with nothing in it.
pub(crate) fn is_empty_dir(path: &Path) -> Result<bool> {
    let mut entries = context("read folder", path, std::fs::read_dir(path))?;
    Ok(entries.next().is_none())
}

pub(crate) fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}
