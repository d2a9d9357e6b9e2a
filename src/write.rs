//! Stage 4, write: puts the built site on disk. The only stage that writes. Pages are
//! written as they are rendered into a staging folder beside the output, which is swapped
//! in whole when the build succeeds, so a failed build leaves the previous output as it
//! was; a folder rumourmill did not make is never replaced.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use std::collections::HashSet;

use crate::Error;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fs;
use crate::load::StaticFile;
use crate::render::Document;

/// The file that marks a folder as rumourmill's output.
pub(crate) const MARKER: &str = ".rumourmill";
const MARKER_TEXT: &str = "This folder is built by rumourmill, which replaces it whole on every build.\n";

/// The folder that the built site is written into as it is rendered, beside the output,
/// and swapped in for it only when the whole build succeeded. Dropped without
/// [`Staging::finish`], it is removed, and the output stays as it was.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    /// `.public.rumourmill-new` for an output `public/`.
    staging: PathBuf,
    /// `.public.rumourmill-old`: the previous output, while the new one takes its place
    /// where the two cannot be exchanged in one step.
    old: PathBuf,
    written: Mutex<Vec<String>>,
    finished: bool,
}

impl Staging {
    /// Makes the staging folder, once sure that the output is rumourmill's to replace.
    pub(crate) fn begin(output: &Path) -> Result<Self, Error> {
        let name = output
            .file_name()
            .ok_or_else(|| Error::Output(format!("`{}` cannot be the output folder", output.display())))?
            .to_string_lossy()
            .into_owned();
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let beside = |what: &str| parent.join(format!(".{name}.rumourmill-{what}"));
        let (staging, old) = (beside("new"), beside("old"));
        fs::create_dir_all(parent)?;
        check_ours(output)?;
        // What a build that stopped halfway left, whatever is left of it: its unfinished
        // pages, or the previous output it was removing, are not to be trusted; a swap
        // in two renames that it did not end leaves the previous output aside. No one
        // but rumourmill makes folders of these names, so no marker is asked of them: a
        // build stopped while removing one may have removed its marker already.
        if fs::exists(&staging) {
            fs::remove_tree(&staging)?;
        }
        if fs::exists(&old) {
            if fs::exists(output) {
                fs::remove_tree(&old)?;
            } else {
                fs::rename(&old, output)?;
            }
        }
        fs::create_dir(&staging)?;
        fs::write(&staging.join(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(Self { output: output.to_path_buf(), staging, old, written: Mutex::default(), finished: false })
    }

    /// Puts one file of the built site in the folder; safe to call from many threads at
    /// once.
    pub(crate) fn put(&self, document: Document) -> Result<(), Error> {
        let target = self.staging.join(&document.path);
        match fs::write(&target, &document.bytes) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if let Some(folder) = target.parent() {
                    fs::create_dir_all(folder)?;
                }
                fs::write(&target, &document.bytes)?;
            }
            other => other?,
        }
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(document.path);
        Ok(())
    }

    /// Copies `static/` in, unless a static file would stand where a page was built, and
    /// swaps the folder in for the output. Returns how many files the site has.
    pub(crate) fn finish(mut self, statics: &[StaticFile]) -> Result<usize, Error> {
        let written =
            std::mem::take(self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner));
        conflicts(written.iter().map(String::as_str), statics).into_result(())?;
        statics.par_iter().try_for_each(|file| {
            let bytes = fs::read(&file.disk_path)?;
            self.put(Document { path: file.output_path.clone(), bytes })
        })?;
        if !fs::exists(&self.output) {
            fs::rename(&self.staging, &self.output)?;
            self.finished = true;
        } else if let Some(swapped) = fs::exchange(&self.staging, &self.output) {
            // In one step: stopped at any moment, the output is the old site or the new.
            swapped?;
            self.finished = true;
            fs::remove_tree(&self.staging)?;
        } else {
            // In two, where the system has no exchange: the next build puts the old
            // output back if this one stops between them.
            fs::rename(&self.output, &self.old)?;
            if let Err(error) = fs::rename(&self.staging, &self.output) {
                // Put the previous output back, and the build fails with nothing lost.
                let _ = fs::rename(&self.old, &self.output);
                return Err(error.into());
            }
            self.finished = true;
            fs::remove_tree(&self.old)?;
        }
        Ok(written.len() + statics.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            // Only the folder this build wrote; a failure to remove it changes nothing else.
            let _ = fs::remove_tree(&self.staging);
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

    fn document(path: &str, text: &str) -> Document {
        Document { path: path.to_owned(), bytes: text.as_bytes().to_vec() }
    }

    /// Every file and folder beside `output`, by name.
    fn beside(output: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(output.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_static_file_cannot_stand_where_a_page_is_built() {
        let statics =
            [StaticFile { output_path: "index.html".into(), disk_path: "static/index.html".into() }];
        let errors = conflicts(["index.html"].into_iter(), &statics);
        assert_eq!(errors.iter().next().unwrap().message(), "`index.html` is a file rumourmill builds");
    }

    #[test]
    fn replaces_its_own_output_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        for (page, text) in [("a/b/index.html", "first"), ("c/index.html", "second")] {
            let staging = Staging::begin(&output).unwrap();
            staging.put(document(page, text)).unwrap();
            assert_eq!(staging.finish(&[]).unwrap(), 1);
        }
        assert_eq!(std::fs::read_to_string(output.join("c/index.html")).unwrap(), "second");
        assert!(!output.join("a").exists(), "what the site no longer has is gone");
        assert!(output.join(MARKER).is_file());
        assert_eq!(beside(&output), ["public"]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let foreign = dir.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(Staging::begin(&foreign), Err(Error::Output(_))));
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
    }

    #[test]
    fn an_unfinished_build_is_removed_and_the_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let staging = Staging::begin(&output).unwrap();
        staging.put(document("index.html", "kept")).unwrap();
        staging.finish(&[]).unwrap();
        let staging = Staging::begin(&output).unwrap();
        staging.put(document("other.html", "lost")).unwrap();
        drop(staging);
        assert_eq!(beside(&output), ["public"]);
        assert!(output.join("index.html").is_file() && !output.join("other.html").exists());
    }

    /// A folder of `pages`, each holding its own name, as a build leaves it.
    fn site(folder: &Path, pages: &[&str]) {
        std::fs::create_dir_all(folder).unwrap();
        std::fs::write(folder.join(MARKER), MARKER_TEXT).unwrap();
        for page in pages {
            std::fs::write(folder.join(page), page).unwrap();
        }
    }

    /// The pages of the site in `folder`, if it is whole.
    fn whole(folder: &Path) -> Option<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .ok()?
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != MARKER)
            .collect();
        names.sort();
        let marked = folder.join(MARKER).is_file();
        let complete = names.iter().all(|name| std::fs::read_to_string(folder.join(name)).unwrap() == *name);
        (marked && complete).then_some(names)
    }

    /// Every state a build stopped during its swap can leave, step by step: the swap in
    /// one exchange, or in two renames where there is none, and the removal of what it
    /// replaced stopped before, at each file of, and after it. After each, the output is
    /// the old site or the new (once the new one is in place, the new), and the next
    /// build succeeds and leaves nothing beside it.
    #[test]
    fn a_build_stopped_at_any_step_of_its_swap_leaves_a_whole_output() {
        let old_pages = ["a.html", "b.html", "c.html"];
        let new_pages = ["d.html", "e.html"];
        // What is left of the folder being removed, by what was removed: `std`'s removal
        // takes files in no set order, the marker as likely first as last.
        let mut removals: Vec<Vec<&str>> = vec![vec![]];
        for n in 1..=old_pages.len() {
            removals.push(old_pages[..n].to_vec());
            removals.push([&[MARKER][..], &old_pages[..n - 1]].concat());
        }
        let mut states = 0;
        for exchanged in [true, false] {
            // Steps: 0 nothing swapped; 1 the output aside (two renames only); 2 the new
            // site in place, the old one beside it, partly removed or not.
            for step in 0..3 {
                if exchanged && step == 1 {
                    continue;
                }
                for removed in &removals {
                    if step < 2 && !removed.is_empty() {
                        continue;
                    }
                    states += 1;
                    let dir = tempfile::tempdir().unwrap();
                    let output = dir.path().join("public");
                    let (new, old) = (
                        dir.path().join(".public.rumourmill-new"),
                        dir.path().join(".public.rumourmill-old"),
                    );
                    let aside = if exchanged { &new } else { &old };
                    match step {
                        0 => {
                            site(&output, &old_pages);
                            site(&new, &new_pages);
                        }
                        1 => {
                            site(&old, &old_pages);
                            site(&new, &new_pages);
                        }
                        _ => {
                            site(&output, &new_pages);
                            site(aside, &old_pages);
                            for file in removed {
                                std::fs::remove_file(aside.join(file)).unwrap();
                            }
                        }
                    }
                    let expected: Vec<String> = match step {
                        0 => old_pages.iter().map(|p| p.to_string()).collect(),
                        1 => vec![],
                        _ => new_pages.iter().map(|p| p.to_string()).collect(),
                    };
                    if step != 1 {
                        assert_eq!(whole(&output), Some(expected), "{exchanged} {step} {removed:?}");
                    }
                    let staging = Staging::begin(&output)
                        .unwrap_or_else(|e| panic!("{exchanged} {step} {removed:?}: {e}"));
                    if step == 1 {
                        // The two-rename swap's one gap: the next build puts the old site back.
                        assert_eq!(whole(&output), Some(old_pages.iter().map(|p| p.to_string()).collect()));
                    }
                    staging.put(document("f.html", "f.html")).unwrap();
                    staging.finish(&[]).unwrap();
                    assert_eq!(whole(&output), Some(vec!["f.html".to_owned()]));
                    assert_eq!(beside(&output), ["public"], "{exchanged} {step} {removed:?}");
                }
            }
        }
        assert_eq!(states, 2 * (1 + removals.len()) + 1);
    }
}
