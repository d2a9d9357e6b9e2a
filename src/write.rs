//! Stage 4, write: puts the built site on disk. The only stage that writes. Pages are
//! written as they are rendered into a folder beside the output, which is swapped in whole
//! when the build succeeds, so a failed build leaves the previous output as it was; a
//! folder rumourmill did not make is never replaced.
//!
//! The output a build replaces is kept beside it as the spare, and the next build writes
//! over the spare instead of into an empty folder: a file whose bytes the spare already
//! holds is left alone, the rest are written, and what the site no longer has is removed.
//! A rebuild so writes only what changed since the build before last.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use crate::Error;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fs;
use crate::load::StaticFile;
use crate::manifest::{self, Manifest, Stamp};
use crate::render::Document;

/// The file that marks a folder as rumourmill's output.
pub(crate) const MARKER: &str = ".rumourmill";
const MARKER_TEXT: &str = "This folder is built by rumourmill, which replaces it whole on every build.\n";

/// The folders and records that rumourmill keeps beside an output folder `public/`:
/// `.public.rumourmill-new` while a build writes, `.public.rumourmill-old` for the spare,
/// and each one's manifest.
#[derive(Debug)]
struct Beside {
    output: PathBuf,
    staging: PathBuf,
    spare: PathBuf,
    /// What the last build wrote into the output.
    output_record: PathBuf,
    /// What the build before it wrote into the spare.
    spare_record: PathBuf,
}

impl Beside {
    fn new(output: &Path) -> Result<Self, Error> {
        let name = output
            .file_name()
            .ok_or_else(|| Error::Output(format!("`{}` cannot be the output folder", output.display())))?
            .to_string_lossy()
            .into_owned();
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let beside = |what: &str| parent.join(format!(".{name}.rumourmill-{what}"));
        Ok(Self {
            output: output.to_path_buf(),
            staging: beside("new"),
            spare: beside("old"),
            output_record: beside("manifest"),
            spare_record: beside("old-manifest"),
        })
    }
}

/// The folder that the built site is written into as it is rendered, and swapped in for
/// the output only when the whole build succeeded: the spare when there is one, else a
/// fresh folder. Dropped without [`Staging::finish`], it is removed, and the output stays
/// as it was.
#[derive(Debug)]
pub(crate) struct Staging {
    paths: Beside,
    /// What the folder held before this build, as the build that wrote it recorded.
    previous: Manifest,
    written: Mutex<Vec<(String, Stamp)>>,
    /// How many files written so far were in the folder before.
    known: AtomicUsize,
    finished: bool,
}

/// What the last build but one wrote into the spare beside an output, when its record
/// is there and is of that very folder. Reading it changes nothing on disk, so it can be
/// read while the site is still being made.
#[derive(Debug)]
pub(crate) struct Spare(Option<Manifest>);

impl Spare {
    pub(crate) fn read(output: &Path) -> Self {
        Self(Beside::new(output).ok().and_then(|paths| Manifest::read(&paths.spare_record, &paths.spare)))
    }
}

impl Staging {
    /// Makes the folder, once sure that the output is rumourmill's to replace: the spare
    /// whose record is `spare`, or a fresh folder.
    pub(crate) fn begin(output: &Path, spare: Spare) -> Result<Self, Error> {
        let paths = Beside::new(output)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        for folder in [&paths.output, &paths.staging, &paths.spare] {
            check_ours(folder)?;
        }
        // What a build that stopped halfway left is not to be trusted.
        if fs::exists(&paths.staging) {
            fs::remove_tree(&paths.staging)?;
        }
        let previous = match spare.0.filter(|_| fs::exists(&paths.spare)) {
            Some(manifest) => {
                fs::rename(&paths.spare, &paths.staging)?;
                manifest
            }
            None => {
                fs::remove(&paths.spare)?;
                fs::create_dir(&paths.staging)?;
                Manifest::default()
            }
        };
        fs::remove(&paths.spare_record)?;
        let staging = Self {
            paths,
            previous,
            written: Mutex::new(Vec::new()),
            known: AtomicUsize::new(0),
            finished: false,
        };
        fs::write(&staging.paths.staging.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Puts one file of the built site in the folder; safe to call from many threads at
    /// once. A file whose bytes the folder already holds, as the build that wrote them
    /// left them, is not written again.
    pub(crate) fn put(&self, document: Document) -> Result<(), Error> {
        let target = self.paths.staging.join(&document.path);
        let hash = manifest::hash(&document.bytes);
        let before = self.previous.stamp(&document.path);
        if before.is_some() {
            self.known.fetch_add(1, Ordering::Relaxed);
        }
        let stamp = match before {
            Some(stamp) if stamp.holds(hash, &target) => stamp.clone(),
            // A file the folder had is replaced, never written through: it may be a link.
            _ => Stamp::new(hash, &self.write(&document.path, &target, &document.bytes, before.is_some())?),
        };
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((document.path, stamp));
        Ok(())
    }

    /// Writes a new file at `target`, path `path` in the folder, in place of whatever
    /// stands there. `known` says whether the folder had a file there, and so most likely
    /// the folders above it: pretty URLs give most pages a folder of their own. In a fresh
    /// folder they are most likely made ahead.
    fn write(
        &self,
        path: &str,
        target: &Path,
        bytes: &[u8],
        known: bool,
    ) -> Result<std::fs::Metadata, Error> {
        let folders_likely = known || self.is_fresh();
        if !folders_likely {
            self.make_folders(path)?;
        }
        match fs::write_new(target, bytes) {
            Ok(metadata) => return Ok(metadata),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => fs::remove(target)?,
            Err(error)
                if folders_likely
                    && matches!(error.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) =>
            {
                self.make_folders(path)?;
            }
            Err(error) => return Err(error.into()),
        }
        Ok(fs::write_new(target, bytes)?)
    }

    /// Whether the folder holds nothing of an earlier build: every page's folder is
    /// still to make.
    pub(crate) fn is_fresh(&self) -> bool {
        self.previous.len() == 0
    }

    /// Makes `folders`, paths in the folder, one after another. Two threads making folders
    /// in one parent take twice the CPU time of one, as each waits on the other's lock of
    /// the parent; so while the pages of a fresh folder render, this makes their folders on
    /// a thread of its own, and the pages mostly find theirs made. A folder it cannot make
    /// is left for the page's own write to make, or to report.
    pub(crate) fn make_folders_ahead(&self, folders: &[String]) {
        for folder in folders {
            let _ = fs::create_dir_all(&self.paths.staging.join(folder));
        }
    }

    /// Makes the folders that `path` goes through, removing any file in their way.
    fn make_folders(&self, path: &str) -> Result<(), Error> {
        let Some((dir, _)) = path.rsplit_once('/') else { return Ok(()) };
        let folder = self.paths.staging.join(dir);
        if fs::create_dir_all(&folder).is_ok() {
            return Ok(());
        }
        // A file of an earlier build where this one has a folder: for every page made in
        // it, the same file is removed, which another thread may have done already.
        let mut at = self.paths.staging.clone();
        for part in dir.split('/') {
            at.push(part);
            if !at.is_dir() {
                fs::remove(&at)?;
            }
        }
        Ok(fs::create_dir_all(&folder)?)
    }

    /// Copies `static/` in, unless a static file would stand where a page was built,
    /// removes what the folder held that this build did not write, and swaps the folder
    /// in for the output. Returns how many files the site has.
    pub(crate) fn finish(mut self, statics: &[StaticFile]) -> Result<usize, Error> {
        let built = self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        conflicts(built.iter().map(|(path, _)| path.as_str()), statics).into_result(())?;
        statics.par_iter().try_for_each(|file| {
            let bytes = fs::read(&file.disk_path)?;
            self.put(Document { path: file.output_path.clone(), bytes })
        })?;
        let written =
            std::mem::take(self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner));
        self.remove_stale(&written)?;

        let Beside { output, staging, spare, output_record, spare_record } = &self.paths;
        if fs::exists(output) {
            fs::rename(output, spare)?;
            if fs::exists(output_record) {
                fs::rename(output_record, spare_record)?;
            }
            if let Err(error) = fs::rename(staging, output) {
                // Put the previous output back, and the build fails with nothing lost.
                let _ = fs::rename(spare, output);
                let _ = fs::rename(spare_record, output_record);
                return Err(error.into());
            }
        } else {
            fs::rename(staging, output)?;
        }
        self.finished = true;
        fs::write(output_record, &Manifest::to_json(output, &written))?;
        Ok(written.len())
    }

    /// Removes every file the folder held that this build did not write, and the folders
    /// that leaves empty.
    fn remove_stale(&self, written: &[(String, Stamp)]) -> Result<(), Error> {
        // Every file the folder held was written again: nothing is stale.
        if self.known.load(Ordering::Relaxed) == self.previous.len() {
            return Ok(());
        }
        let now: HashSet<&str> = written.iter().map(|(path, _)| path.as_str()).collect();
        let stale: Vec<&str> = self.previous.paths().filter(|path| !now.contains(path)).collect();
        // A folder where a stale file was holds files of this build.
        stale.par_iter().try_for_each(|path| fs::remove_file(&self.paths.staging.join(path)))?;
        // Deepest first, so that a folder is tried once those inside it are gone.
        let folders: BTreeSet<(usize, &str)> = stale
            .iter()
            .flat_map(|path| path.match_indices('/').map(|(end, _)| &path[..end]))
            .map(|dir| (usize::MAX - dir.matches('/').count(), dir))
            .collect();
        for (_, dir) in folders {
            fs::remove_empty_dir(&self.paths.staging.join(dir));
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            // Only the folder this build wrote; a failure to remove it changes nothing else.
            let _ = fs::remove_tree(&self.paths.staging);
        }
    }
}

/// A static file may not stand where rumourmill builds a file.
pub(crate) fn conflicts<'a>(built: impl Iterator<Item = &'a str>, statics: &[StaticFile]) -> Diagnostics {
    let mut problems = Diagnostics::default();
    if statics.is_empty() {
        return problems;
    }
    let built: HashSet<&str> = built.collect();
    for file in statics {
        if built.contains(file.output_path.as_str()) || file.output_path == MARKER {
            let path = Path::new("static").join(&file.output_path);
            problems.push(
                Diagnostic::in_file(&path, format!("`{}` is a file rumourmill builds", file.output_path))
                    .with_help("rename or remove the static file, or override the template that builds it"),
            );
        }
    }
    problems
}

/// Fails unless `folder` is missing, empty, or marked as rumourmill's.
fn check_ours(folder: &Path) -> Result<(), Error> {
    if !fs::exists(folder) {
        return Ok(());
    }
    let ours = folder.is_dir() && (fs::exists(&folder.join(MARKER)) || fs::is_empty_dir(folder)?);
    if ours {
        Ok(())
    } else {
        Err(Error::Output(format!(
            "`{}` was not made by rumourmill (it has no {MARKER} file), so it will not be replaced; \
             choose another --output or move it away",
            folder.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn begin(output: &Path) -> Result<Staging, Error> {
        Staging::begin(output, Spare::read(output))
    }

    fn document(path: &str) -> Document {
        Document { path: path.to_owned(), bytes: b"x".to_vec() }
    }

    #[test]
    fn a_static_file_cannot_stand_where_a_page_is_built() {
        let statics =
            [StaticFile { output_path: "index.html".into(), disk_path: "static/index.html".into() }];
        let errors = conflicts(["index.html"].into_iter(), &statics);
        assert_eq!(errors.iter().next().unwrap().message(), "`index.html` is a file rumourmill builds");
    }

    #[test]
    fn replaces_its_own_output_and_refuses_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        for _ in 0..2 {
            let staging = begin(&output).unwrap();
            staging.put(document("a/index.html")).unwrap();
            assert_eq!(staging.finish(&[]).unwrap(), 1);
        }
        assert!(output.join("a/index.html").is_file());
        assert!(output.join(MARKER).is_file());

        let foreign = dir.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(begin(&foreign), Err(Error::Output(_))));
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
    }

    #[test]
    fn a_fresh_folders_pages_find_their_folders_made_ahead_or_make_them() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let staging = begin(&output).unwrap();
        assert!(staging.is_fresh());
        staging.make_folders_ahead(&["articles/a".to_owned(), "deep/er/b".to_owned()]);
        assert!(dir.path().join(".public.rumourmill-new/deep/er/b").is_dir());
        for path in ["articles/a/index.html", "deep/er/b/index.html", "not/ahead/index.html"] {
            staging.put(document(path)).unwrap();
        }
        assert_eq!(staging.finish(&[]).unwrap(), 3);
        assert!(output.join("not/ahead/index.html").is_file());
        assert!(output.join("deep/er/b/index.html").is_file());
        // The build after next writes over the spare, which holds the folders already.
        begin(&output).unwrap().finish(&[]).unwrap();
        assert!(!begin(&output).unwrap().is_fresh());
    }

    /// Builds `pages` into `output`.
    fn build(output: &Path, pages: &[(&str, &str)]) {
        let staging = begin(output).unwrap();
        for (path, text) in pages {
            staging.put(Document { path: (*path).to_owned(), bytes: text.as_bytes().to_vec() }).unwrap();
        }
        staging.finish(&[]).unwrap();
    }

    /// Every file below `folder` but the marker, with its text.
    fn files(folder: &Path) -> Vec<(String, String)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(folder)
            .into_iter()
            .map(Result::unwrap)
            .filter(|entry| entry.file_type().is_file() && entry.file_name() != MARKER)
            .map(|entry| {
                let path = entry.path().strip_prefix(folder).unwrap().to_string_lossy().replace('\\', "/");
                (path, std::fs::read_to_string(entry.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_writes_over_the_spare_only_what_changed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let inode = |path: &str| std::fs::metadata(output.join(path)).unwrap().ino();
        let pages =
            [("same/index.html", "same"), ("changed/index.html", "old"), ("edited/index.html", "mine")];

        build(&output, &pages);
        let same = inode("same/index.html");
        // Someone edits a built file by hand; the build that writes over it must not keep it.
        std::fs::write(output.join("edited/index.html"), "edited by hand").unwrap();
        // The first output becomes the spare, and the build after writes over it.
        build(&output, &pages);
        assert!(dir.path().join(".public.rumourmill-old/same/index.html").is_file());
        build(&output, &[("same/index.html", "same"), ("changed/index.html", "new"), pages[2]]);

        assert_eq!(inode("same/index.html"), same, "a file with the same bytes is left alone");
        assert_eq!(
            files(&output),
            [
                ("changed/index.html".to_owned(), "new".to_owned()),
                ("edited/index.html".to_owned(), "mine".to_owned()),
                ("same/index.html".to_owned(), "same".to_owned()),
            ]
        );
    }

    #[test]
    fn a_rebuild_removes_what_the_site_no_longer_has() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        build(&output, &[("a/b/index.html", "gone"), ("c/index.html", "c"), ("file", "a file")]);
        build(&output, &[("c/index.html", "c")]);
        // Over the spare, which still has them all; `file` becomes a folder, `c` a file.
        build(&output, &[("file/index.html", "a folder"), ("c", "now a file")]);
        assert_eq!(
            files(&output),
            [
                ("c".to_owned(), "now a file".to_owned()),
                ("file/index.html".to_owned(), "a folder".to_owned())
            ]
        );
        assert!(!output.join("a").exists(), "a folder left empty is removed");
        build(&output, &[("c/index.html", "c")]);
        assert_eq!(files(&output), [("c/index.html".to_owned(), "c".to_owned())]);
    }

    #[test]
    fn a_spare_whose_record_is_of_another_folder_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        build(&output, &[("a/index.html", "a")]);
        build(&output, &[("a/index.html", "a")]);
        // The spare is replaced by a copy: same files, but not the folder its record is of.
        let spare = dir.path().join(".public.rumourmill-old");
        std::fs::remove_dir_all(&spare).unwrap();
        std::fs::create_dir_all(spare.join("a")).unwrap();
        std::fs::write(spare.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(spare.join("a/index.html"), "a").unwrap();
        std::fs::write(spare.join("stray.html"), "not built").unwrap();
        build(&output, &[("a/index.html", "a")]);
        assert_eq!(files(&output), [("a/index.html".to_owned(), "a".to_owned())]);
    }

    #[test]
    fn an_unfinished_staging_folder_is_removed_and_the_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let beside = || {
            let mut names: Vec<_> =
                std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            names.sort();
            names
        };
        let staging = begin(&output).unwrap();
        staging.put(document("index.html")).unwrap();
        staging.finish(&[]).unwrap();
        let staging = begin(&output).unwrap();
        staging.put(document("other.html")).unwrap();
        drop(staging);
        assert_eq!(beside(), [".public.rumourmill-manifest", "public"]);
        assert!(output.join("index.html").is_file() && !output.join("other.html").exists());

        // A build over the spare that fails removes the spare, and the output stays.
        begin(&output).unwrap().finish(&[]).unwrap();
        assert_eq!(beside().len(), 4, "{:?}", beside());
        let staging = begin(&output).unwrap();
        staging.put(document("other.html")).unwrap();
        drop(staging);
        assert_eq!(beside(), [".public.rumourmill-manifest", "public"]);
        assert!(!output.join("index.html").exists() && output.join(MARKER).is_file());
    }
}
