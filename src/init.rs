//! `init`: a new site that builds, passes `check` and publishes on GitHub Pages as it is,
//! from the starter files in `starter/`.

use std::path::{Path, PathBuf};

use crate::url::BaseUrl;
use crate::{Error, FsError};

/// What `init` is asked to make.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder to make the site in: new, empty, or holding only what a new repository
    /// starts with (`.git`, a README, a LICENSE).
    pub dir: PathBuf,
    /// The site's name.
    pub title: String,
    /// The address the site is published at.
    pub base_url: String,
}

/// The starter site, each file by its path in the new site.
const STARTER: [(&str, &str); 9] = [
    ("config.toml", include_str!("../starter/config.toml")),
    ("README.md", include_str!("../starter/README.md")),
    (".gitignore", include_str!("../starter/.gitignore")),
    (".github/workflows/pages.yml", include_str!("../starter/.github/workflows/pages.yml")),
    (
        "content/articles/2025-07-01-example-vidal-porto.md",
        include_str!("../starter/content/articles/2025-07-01-example-vidal-porto.md"),
    ),
    ("content/players/marco-vidal.md", include_str!("../starter/content/players/marco-vidal.md")),
    ("content/clubs/porto-atletico.md", include_str!("../starter/content/clubs/porto-atletico.md")),
    ("content/clubs/santos-azul.md", include_str!("../starter/content/clubs/santos-azul.md")),
    ("content/sources/the-wire.md", include_str!("../starter/content/sources/the-wire.md")),
];

/// Makes the site, and returns the paths written, from the site's folder. A README already
/// there is kept as it is.
pub fn init(options: &InitOptions) -> Result<Vec<&'static str>, Error> {
    let base_url = BaseUrl::flag(&options.base_url)?;
    if let Some(found) = first_entry(&options.dir)? {
        return Err(Error::Refused(format!(
            "error: {} is not empty (it holds {})\n  = help: give `init` a new folder, an empty one, or a new repository's",
            options.dir.display(),
            found.display()
        )));
    }
    let repository = env!("CARGO_PKG_REPOSITORY");
    let slug = repository.trim_start_matches("https://github.com/");
    let version = concat!("v", env!("CARGO_PKG_VERSION"));
    let quoted = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let mut written = Vec::new();
    for (path, text) in STARTER {
        let target = options.dir.join(path);
        if target.exists() {
            continue;
        }
        let text = match path {
            "config.toml" => text
                .replace("\"TITLE\"", &quoted(&options.title))
                .replace("\"BASE_URL\"", &quoted(base_url.as_str())),
            "README.md" => text.replace("TITLE", &options.title).replace("REPOSITORY", repository),
            ".github/workflows/pages.yml" => {
                text.replace("REPOSITORY_SLUG", slug).replace("VERSION_TAG", version)
            }
            _ => text.to_owned(),
        };
        let folder = target.parent().expect("a file in a folder");
        std::fs::create_dir_all(folder).map_err(|e| FsError::new("create", folder, e))?;
        std::fs::write(&target, text).map_err(|e| FsError::new("write", &target, e))?;
        written.push(path);
    }
    Ok(written)
}

/// Something already in `dir`, if it exists and holds anything besides what a new
/// repository starts with: `.git`, a README and a LICENSE, as GitHub makes them.
fn first_entry(dir: &Path) -> Result<Option<PathBuf>, Error> {
    let a_new_repository = |name: &str| {
        let upper = name.to_ascii_uppercase();
        name == ".git" || upper.starts_with("README") || upper.starts_with("LICENSE")
    };
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(|e| FsError::new("read", dir, e))?;
                if !a_new_repository(&entry.file_name().to_string_lossy()) {
                    return Ok(Some(entry.path()));
                }
            }
            Ok(None)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) if dir.is_file() => Err(Error::Refused(format!(
            "error: {} is a file ({error})\n  = help: give `init` a new folder, or an empty one",
            dir.display()
        ))),
        Err(error) => Err(FsError::new("read", dir, error).into()),
    }
}
