//! Stage 1, load: reads a site's files from disk. The only stage that reads the disk;
//! it decides nothing about what the files mean.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

use crate::Error;
use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fs::{self, FsError};

/// One text file of the site, named by its path from the site root.
#[derive(Debug, Clone)]
pub(crate) struct TextFile {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
}

/// A file of `static/`, copied as is.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    /// Where it goes in the output, with `/` between parts.
    pub(crate) output_path: String,
    /// Where it is on disk.
    pub(crate) disk_path: PathBuf,
}

/// Everything a site is made of.
#[derive(Debug, Default)]
pub(crate) struct SiteFiles {
    pub(crate) config: Option<TextFile>,
    pub(crate) articles: Vec<TextFile>,
    pub(crate) players: Vec<TextFile>,
    pub(crate) clubs: Vec<TextFile>,
    pub(crate) sources: Vec<TextFile>,
    pub(crate) pages: Vec<TextFile>,
    /// The site's own templates, named by their path within `templates/`.
    pub(crate) templates: Vec<TextFile>,
    pub(crate) statics: Vec<StaticFile>,
}

/// The folder of a site that holds its Markdown.
pub(crate) const CONTENT_FOLDER: &str = "content";

/// The folders of a site whose Markdown files `load` reads, each with its list in
/// [`SiteFiles`].
const CONTENT: [&str; 5] =
    ["content/articles", "content/players", "content/clubs", "content/sources", "content/pages"];

/// What part of a site a changed file belongs to, by its path from the site root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Config,
    Articles,
    Profiles,
    Templates,
    Static,
    /// Nothing the site is made of.
    Other,
}

impl Part {
    pub(crate) fn of(path: &Path) -> Self {
        let hidden = path.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let markdown = path.extension().is_some_and(|e| e == "md");
        if path == Path::new(CONFIG_FILE) {
            Self::Config
        } else if hidden {
            Self::Other
        } else if path.starts_with(CONTENT[0]) && (markdown || path.extension().is_none()) {
            Self::Articles
        } else if CONTENT[1..].iter().any(|folder| path.starts_with(folder))
            && (markdown || path.extension().is_none())
        {
            Self::Profiles
        } else if path.starts_with("templates") {
            Self::Templates
        } else if path.starts_with("static") {
            Self::Static
        } else {
            Self::Other
        }
    }
}

impl SiteFiles {
    /// Reads again what is at `path`, a path from the site root whose file or folder was
    /// changed, added or removed; the rest is kept as it was read before.
    pub(crate) fn reload(&mut self, root: &Path, path: &Path) -> Result<(), Error> {
        if path == Path::new(CONFIG_FILE) {
            self.config = read_config(root)?;
            return Ok(());
        }
        let mut problems = Diagnostics::default();
        let under = |file: &Path| file.starts_with(path);
        if let Some(n) = CONTENT.iter().position(|folder| path.starts_with(folder)) {
            let files = match n {
                0 => &mut self.articles,
                1 => &mut self.players,
                2 => &mut self.clubs,
                3 => &mut self.sources,
                _ => &mut self.pages,
            };
            // In walk order, what is at or below `path` stands together, where `path` would.
            let at = |files: &[TextFile], path: &Path| {
                let key = walk_order(path);
                files.partition_point(|file| walk_order(&file.path) < key)
            };
            let start = at(files, path);
            let end = start + files[start..].iter().take_while(|file| under(&file.path)).count();
            files.drain(start..end);
            let (found, unreadable) = read_texts(root, &files_below(root, path, Some("md"))?)?;
            problems.extend(unreadable);
            for file in found {
                let at = at(files, &file.path);
                files.insert(at, file);
            }
        } else if path.starts_with("templates") {
            self.templates.retain(|file| !under(&Path::new("templates").join(&file.path)));
            let (found, unreadable) = read_texts(root, &files_below(root, path, None)?)?;
            problems.extend(unreadable);
            self.templates.extend(found.into_iter().map(template));
        } else if path.starts_with("static") {
            self.statics.retain(|file| !under(&root_path(root, &file.disk_path)));
            self.statics
                .extend(files_below(root, path, None)?.into_iter().map(|path| static_file(root, &path)));
            self.statics.sort_by_cached_key(|file| walk_order(&root_path(root, &file.disk_path)));
        }
        Ok(problems.into_result(())?)
    }
}

/// `path`, a path on disk below `root`, as a path from the site root.
fn root_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The files at or below `path`, a path from `root`, as `load` would find them.
fn files_below(root: &Path, path: &Path, extension: Option<&str>) -> Result<Vec<PathBuf>, FsError> {
    let full = root.join(path);
    if full.is_dir() {
        return files_in(root, &path.to_string_lossy(), extension);
    }
    let wanted = full.is_file() && extension.is_none_or(|ext| path.extension().is_some_and(|e| e == ext));
    Ok(if wanted { vec![path.to_path_buf()] } else { Vec::new() })
}

/// Reads the site at `root`. A missing `content/` folder is an empty site; a missing
/// `config.toml` is left for the model stage to report.
pub(crate) fn load(root: &Path) -> Result<SiteFiles, Error> {
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "--root: `{}` is not a folder; give the folder that holds the site's config.toml",
            root.display()
        )));
    }
    let mut problems = Diagnostics::default();
    let mut text_files = |folder: &str, extension: Option<&str>| -> Result<Vec<TextFile>, Error> {
        let (files, unreadable) = read_texts(root, &files_in(root, folder, extension)?)?;
        problems.extend(unreadable);
        Ok(files)
    };
    let articles = text_files("content/articles", Some("md"))?;
    let players = text_files("content/players", Some("md"))?;
    let clubs = text_files("content/clubs", Some("md"))?;
    let source_profiles = text_files("content/sources", Some("md"))?;
    let pages = text_files("content/pages", Some("md"))?;
    let templates = text_files("templates", None)?.into_iter().map(template).collect();
    let config = match read_config(root) {
        Ok(config) => config,
        Err(Error::Content(found)) => {
            problems.extend(found);
            None
        }
        Err(other) => return Err(other),
    };
    let statics = files_in(root, "static", None)?.into_iter().map(|path| static_file(root, &path)).collect();
    let sources =
        SiteFiles { config, articles, players, clubs, sources: source_profiles, pages, templates, statics };
    Ok(problems.into_result(sources)?)
}

/// `config.toml`, if there is one.
pub(crate) fn read_config(root: &Path) -> Result<Option<TextFile>, Error> {
    match fs::read(&root.join(CONFIG_FILE)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(TextFile { path: PathBuf::from(CONFIG_FILE), text })),
            Err(_) => Err(Diagnostics::from(not_utf8(Path::new(CONFIG_FILE))).into()),
        },
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A file of `templates/`, named by its path within the folder.
fn template(mut file: TextFile) -> TextFile {
    file.path = file.path.strip_prefix("templates").map(Path::to_path_buf).unwrap_or(file.path);
    file
}

/// The file of `static/` at `path`, a path from `root`.
fn static_file(root: &Path, path: &Path) -> StaticFile {
    StaticFile {
        output_path: path
            .strip_prefix("static")
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        disk_path: root.join(path),
    }
}

/// The files below `root/folder`, by path from `root`, in name order, a folder's files
/// where the folder's name falls; hidden files and folders (such as `.DS_Store`) are
/// passed over.
fn files_in(root: &Path, folder: &str, extension: Option<&str>) -> Result<Vec<PathBuf>, FsError> {
    let top = root.join(folder);
    if !top.is_dir() {
        return Ok(Vec::new());
    }
    let wanted = |entry: &DirEntry| {
        entry.file_type().is_file()
            && extension.is_none_or(|ext| entry.path().extension().is_some_and(|e| e == ext))
    };
    Ok(walk(WalkDir::new(&top).min_depth(1).sort_by_file_name(), &top)?
        .iter()
        .filter(|entry| wanted(entry))
        .map(|entry| entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf())
        .collect())
}

/// A key that orders paths as a walk in name order meets them: part by part, so that
/// `a/b.md` comes before `a.md` as the folder `a` comes before the file `a.md`.
fn walk_order(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for part in path.components() {
        if !key.is_empty() {
            key.push(0);
        }
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
    }
    key
}

/// Every entry of `walk`, the walk of `top`, but hidden ones and what is in hidden folders.
fn walk(walk: WalkDir, top: &Path) -> Result<Vec<DirEntry>, FsError> {
    walk.into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| {
            entry.map_err(|e| {
                let path = e.path().unwrap_or(top).to_path_buf();
                FsError::new("read", &path, e.into())
            })
        })
        .collect()
}

fn read_texts(root: &Path, paths: &[PathBuf]) -> Result<(Vec<TextFile>, Vec<Diagnostic>), FsError> {
    let read: Vec<Result<Result<TextFile, Diagnostic>, FsError>> = paths
        .par_iter()
        .map(|path| {
            let bytes = fs::read(&root.join(path))?;
            Ok(match String::from_utf8(bytes) {
                Ok(text) => Ok(TextFile { path: path.clone(), text }),
                Err(_) => Err(not_utf8(path)),
            })
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    let mut problems = Vec::new();
    for result in read {
        match result? {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    Ok((files, problems))
}

fn not_utf8(path: &Path) -> Diagnostic {
    Diagnostic::in_file(path, "the file is not UTF-8 text").with_help("save it as UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_found_in_name_order_at_any_depth_hidden_ones_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "content/articles/2025/b.md",
            "content/articles/2025/a.md",
            "content/articles/2025/deep/c.md",
            "content/articles/2024/z.md",
            "content/articles/2024.md",
            "content/articles/2024-summer/y.md",
            "content/articles/top.md",
            "content/articles/notes.txt",
            "content/articles/.drafts/hidden.md",
            "content/articles/2025/.hidden.md",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let found = files_in(root, "content/articles", Some("md")).unwrap();
        let found: Vec<String> = found.iter().map(|path| path.to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(
            found,
            [
                "content/articles/2024/z.md",
                "content/articles/2024-summer/y.md",
                "content/articles/2024.md",
                "content/articles/2025/a.md",
                "content/articles/2025/b.md",
                "content/articles/2025/deep/c.md",
                "content/articles/top.md",
            ]
        );
        assert!(files_in(root, "content/missing", None).unwrap().is_empty());
    }
}
