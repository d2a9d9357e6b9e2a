//! Stage 4, write: puts the built site on disk. The only stage that writes. Pages are
//! written as they are rendered into a fresh folder beside the output, which is swapped
//! in whole when the build succeeds, so a failed build leaves the previous output as it
//! was; a folder rumourmill did not make is never replaced.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::Error;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fs;
use crate::load::StaticFile;
use crate::manifest::{self, Manifest, Stamp};
use crate::render::Document;

/// The file that marks a folder as rumourmill's output.
pub(crate) const MARKER: &str = ".rumourmill";
const MARKER_TEXT: &str = "This folder is built by rumourmill, which replaces it whole on every build.\n";

/// A fresh folder beside the output that the built site is written into as it is
/// rendered, and swapped in for the output only when the whole build succeeded. Dropped
/// without [`Staging::finish`], it is removed, and the output stays as it was.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    folder: PathBuf,
    old: PathBuf,
    /// What the last build wrote, and where this build's record goes.
    previous: Manifest,
    manifest: PathBuf,
    written: Mutex<Vec<(String, Stamp)>>,
    finished: bool,
}

impl Staging {
    /// Makes the folder, once sure that the output is rumourmill's to replace.
    pub(crate) fn begin(output: &Path) -> Result<Self, Error> {
        let name = output
            .file_name()
            .ok_or_else(|| Error::Output(format!("`{}` cannot be the output folder", output.display())))?
            .to_string_lossy()
            .into_owned();
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        check_ours(output)?;
        let folder = parent.join(format!(".{name}.rumourmill-new"));
        let old = parent.join(format!(".{name}.rumourmill-old"));
        for leftover in [&folder, &old] {
            check_ours(leftover)?;
            if fs::exists(leftover) {
                fs::remove_dir_all(leftover)?;
            }
        }
        fs::create_dir(&folder)?;
        let manifest = parent.join(format!(".{name}.rumourmill-manifest"));
        let previous = if fs::exists(output) { Manifest::read(&manifest) } else { Manifest::default() };
        let staging = Self {
            output: output.to_path_buf(),
            folder,
            old,
            previous,
            manifest,
            written: Mutex::new(Vec::new()),
            finished: false,
        };
        fs::write(&staging.folder.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Puts one file of the built site in the folder; safe to call from many threads at
    /// once. A file whose bytes the last build wrote, still as it left them, is linked
    /// from the old output rather than written again.
    pub(crate) fn put(&self, document: Document) -> Result<(), Error> {
        // Pretty URLs give most pages a folder of their own, so folders are made with
        // their files; making a folder that another thread has just made is no error.
        if let Some((dir, _)) = document.path.rsplit_once('/') {
            fs::create_dir_all(&self.folder.join(dir))?;
        }
        let target = self.folder.join(&document.path);
        let hash = manifest::hash(&document.bytes);
        let old = self.output.join(&document.path);
        let stamp = match self.previous.unchanged(&document.path, &hash, &old) {
            Some(stamp) if fs::hard_link(&old, &target) => stamp,
            _ => {
                fs::write(&target, &document.bytes)?;
                Stamp::new(hash, &fs::metadata(&target)?)
            }
        };
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((document.path, stamp));
        Ok(())
    }

    /// Copies `static/` in, unless a static file would stand where a page was built, and
    /// swaps the folder in for the output. Returns how many files the site has.
    pub(crate) fn finish(mut self, statics: &[StaticFile]) -> Result<usize, Error> {
        let written =
            std::mem::take(self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner));
        conflicts(written.iter().map(|(path, _)| path.as_str()), statics).into_result(())?;
        statics.par_iter().try_for_each(|file| {
            if let Some((dir, _)) = file.output_path.rsplit_once('/') {
                fs::create_dir_all(&self.folder.join(dir))?;
            }
            fs::copy(&file.disk_path, &self.folder.join(&file.output_path))
        })?;
        if fs::exists(&self.output) {
            fs::rename(&self.output, &self.old)?;
            fs::rename(&self.folder, &self.output)?;
            self.finished = true;
            fs::remove_tree(&self.old)?;
        } else {
            fs::rename(&self.folder, &self.output)?;
            self.finished = true;
        }
        fs::write(&self.manifest, &Manifest::to_json(&written))?;
        Ok(written.len() + statics.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            // Only the folder this build made; a failure to remove it changes nothing else.
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// A static file may not stand where rumourmill builds a file.
pub(crate) fn conflicts<'a>(built: impl Iterator<Item = &'a str>, statics: &[StaticFile]) -> Diagnostics {
    let built: HashSet<&str> = built.collect();
    let mut problems = Diagnostics::default();
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
            let staging = Staging::begin(&output).unwrap();
            staging.put(document("a/index.html")).unwrap();
            assert_eq!(staging.finish(&[]).unwrap(), 1);
        }
        assert!(output.join("a/index.html").is_file());
        assert!(output.join(MARKER).is_file());

        let foreign = dir.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(Staging::begin(&foreign), Err(Error::Output(_))));
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_unchanged_files_and_writes_the_rest() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let build = |pages: &[(&str, &str)]| {
            let staging = Staging::begin(&output).unwrap();
            for (path, text) in pages {
                staging.put(Document { path: (*path).to_owned(), bytes: text.as_bytes().to_vec() }).unwrap();
            }
            staging.finish(&[]).unwrap();
        };
        let inode = |path: &str| std::fs::metadata(output.join(path)).unwrap().ino();

        build(&[("same/index.html", "same"), ("changed/index.html", "old"), ("edited/index.html", "mine")]);
        let (same, changed, edited) =
            (inode("same/index.html"), inode("changed/index.html"), inode("edited/index.html"));
        // Someone edits a built file by hand; the next build must not keep their edit.
        std::fs::write(output.join("edited/index.html"), "edited by hand").unwrap();

        build(&[("same/index.html", "same"), ("changed/index.html", "new"), ("edited/index.html", "mine")]);
        assert_eq!(inode("same/index.html"), same, "an unchanged file is linked, not written");
        assert_ne!(inode("changed/index.html"), changed);
        assert_ne!(inode("edited/index.html"), edited);
        assert_eq!(std::fs::read_to_string(output.join("changed/index.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(output.join("edited/index.html")).unwrap(), "mine");
        assert!(dir.path().join(".public.rumourmill-manifest").is_file());
    }

    #[test]
    fn an_unfinished_staging_folder_is_removed_and_the_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let staging = Staging::begin(&output).unwrap();
        staging.put(document("index.html")).unwrap();
        staging.finish(&[]).unwrap();
        let staging = Staging::begin(&output).unwrap();
        staging.put(document("other.html")).unwrap();
        drop(staging);
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, [".public.rumourmill-manifest", "public"]);
        assert!(output.join("index.html").is_file() && !output.join("other.html").exists());
    }
}
