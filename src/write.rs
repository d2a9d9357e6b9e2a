//! Stage 4, write: puts the built site on disk. The only stage that writes. The site is
//! written into a fresh folder beside the output and swapped in whole, so a failed build
//! leaves the previous output as it was; a folder rumourmill did not make is never
//! replaced.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fs;
use crate::load::StaticFile;
use crate::render::Document;

/// The file that marks a folder as rumourmill's output.
pub(crate) const MARKER: &str = ".rumourmill";
const MARKER_TEXT: &str = "This folder is built by rumourmill, which replaces it whole on every build.\n";

/// Every file of the output, by its path in the output folder.
#[derive(Debug)]
pub(crate) struct Plan {
    files: Vec<(String, Source)>,
}

#[derive(Debug)]
enum Source {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

impl Plan {
    /// The rendered documents and the static files; a static file may not stand where a
    /// page is built.
    pub(crate) fn new(documents: Vec<Document>, statics: &[StaticFile]) -> Result<Self, Diagnostics> {
        let mut problems = Diagnostics::default();
        let built: BTreeSet<&str> = documents.iter().map(|d| d.path.as_str()).collect();
        let mut files: Vec<(String, Source)> = Vec::with_capacity(documents.len() + statics.len());
        for file in statics {
            if built.contains(file.output_path.as_str()) || file.output_path == MARKER {
                let path = Path::new("static").join(&file.output_path);
                problems.push(
                    Diagnostic::in_file(&path, format!("`{}` is a file rumourmill builds", file.output_path))
                        .with_help(
                            "rename or remove the static file, or override the template that builds it",
                        ),
                );
            } else {
                files.push((file.output_path.clone(), Source::Copy(file.disk_path.clone())));
            }
        }
        files.extend(documents.into_iter().map(|d| (d.path, Source::Bytes(d.bytes))));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        problems.into_result(Self { files })
    }

    /// How many files the plan writes.
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// The path of every file, with `/` between parts.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(path, _)| path.as_str())
    }

    /// Every HTML page rumourmill builds, by path.
    pub(crate) fn html(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(path, source)| match source {
            Source::Bytes(bytes) if path.ends_with(".html") => Some((path.as_str(), bytes.as_slice())),
            _ => None,
        })
    }
}

/// Writes `plan` as the folder `output`, replacing the one there only when rumourmill
/// made it.
pub(crate) fn write(output: &Path, plan: &Plan) -> Result<(), Error> {
    let name = output
        .file_name()
        .ok_or_else(|| Error::Output(format!("`{}` cannot be the output folder", output.display())))?
        .to_string_lossy()
        .into_owned();
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    check_ours(output)?;

    let staging = parent.join(format!(".{name}.rumourmill-new"));
    let old = parent.join(format!(".{name}.rumourmill-old"));
    for leftover in [&staging, &old] {
        check_ours(leftover)?;
        if fs::exists(leftover) {
            fs::remove_dir_all(leftover)?;
        }
    }

    fs::create_dir(&staging)?;
    if let Err(error) = fill(&staging, plan) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error.into());
    }
    if fs::exists(output) {
        fs::rename(output, &old)?;
        fs::rename(&staging, output)?;
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(&staging, output)?;
    }
    Ok(())
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

fn fill(folder: &Path, plan: &Plan) -> fs::Result<()> {
    fs::write(&folder.join(MARKER), MARKER_TEXT.as_bytes())?;
    let folders: BTreeSet<&str> =
        plan.files.iter().filter_map(|(path, _)| path.rsplit_once('/').map(|(dir, _)| dir)).collect();
    for dir in folders {
        fs::create_dir_all(&folder.join(dir))?;
    }
    plan.files.par_iter().try_for_each(|(path, source)| {
        let target = folder.join(path);
        match source {
            Source::Bytes(bytes) => fs::write(&target, bytes),
            Source::Copy(from) => fs::copy(from, &target),
        }
    })
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
        let errors = Plan::new(vec![document("index.html")], &statics).unwrap_err();
        assert_eq!(errors.iter().next().unwrap().message(), "`index.html` is a file rumourmill builds");
    }

    #[test]
    fn replaces_its_own_output_and_refuses_anything_else() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let plan = Plan::new(vec![document("a/index.html")], &[]).unwrap();
        write(&output, &plan).unwrap();
        write(&output, &plan).unwrap();
        assert!(output.join("a/index.html").is_file());

        let foreign = dir.path().join("docs");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(matches!(write(&foreign, &plan), Err(Error::Output(_))));
        assert_eq!(std::fs::read_to_string(foreign.join("keep.txt")).unwrap(), "mine");
    }
}
