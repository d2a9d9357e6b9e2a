//! Fixture sites in temporary folders, built with the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;
use walkdir::WalkDir;

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site in a temporary folder, built into `public/` beside its content.
pub(crate) struct TestSite {
    _dir: TempDir,
    pub(crate) root: PathBuf,
}

impl TestSite {
    /// A copy of `tests/fixtures/NAME`.
    pub(crate) fn copy(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_tree(&fixtures().join(name), &root);
        Self { _dir: dir, root }
    }

    /// A site that `make` writes into the empty folder it is given.
    pub(crate) fn made(make: impl FnOnce(&Path)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        make(&root);
        Self { _dir: dir, root }
    }

    /// The `minimal` site, built, with `tests/fixtures/bad/NAME` laid over it after.
    pub(crate) fn built_then_broken(name: &str) -> Self {
        let site = Self::copy("minimal");
        site.build_ok(&[]);
        copy_tree(&fixtures().join("bad").join(name), &site.root);
        site
    }

    /// A copy of `tests/fixtures/NAME` with `templates`, each a name and its text, in
    /// its `templates/` folder, built.
    pub(crate) fn built_with_templates(name: &str, templates: &[(&str, &str)]) -> Self {
        let site = Self::copy(name);
        for (template, text) in templates {
            site.write(&format!("templates/{template}"), text);
        }
        site.build_ok(&[]);
        site
    }

    /// A file of the site's own, such as `config.toml`.
    pub(crate) fn read_source(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap()
    }

    pub(crate) fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `rumourmill build` with `args`, in the site's folder.
    pub(crate) fn build(&self, args: &[&str]) -> Output {
        self.run(&[&["build"], args].concat(), &[])
    }

    pub(crate) fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rumourmill"));
        command.args(args).current_dir(&self.root);
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().unwrap()
    }

    /// A copy of the fixture `name`, built.
    pub(crate) fn built(name: &str) -> Self {
        let site = Self::copy(name);
        site.build_ok(&[]);
        site
    }

    /// The open data file `data/NAME.json` of the built site.
    pub(crate) fn data(&self, name: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(&format!("data/{name}.json"))).unwrap()
    }

    /// Builds and fails the test unless the build succeeds.
    pub(crate) fn build_ok(&self, args: &[&str]) {
        let output = self.build(args);
        assert!(output.status.success(), "build failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }

    pub(crate) fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub(crate) fn read(&self, path: &str) -> String {
        let path = self.public().join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub(crate) fn exists(&self, path: &str) -> bool {
        self.public().join(path).exists()
    }

    pub(crate) fn html(&self, path: &str) -> Page {
        Page(Html::parse_document(&self.read(path)))
    }
}

/// A built page, parsed.
pub(crate) struct Page(pub Html);

impl Page {
    /// The text of every element matching `css`, whitespace folded.
    pub(crate) fn texts(&self, css: &str) -> Vec<String> {
        let selector = Selector::parse(css).unwrap();
        self.0
            .select(&selector)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    pub(crate) fn text(&self, css: &str) -> String {
        let texts = self.texts(css);
        assert_eq!(texts.len(), 1, "expected one `{css}`, found {texts:?}");
        texts.into_iter().next().unwrap()
    }

    /// The value of `attribute` on every element matching `css`.
    pub(crate) fn attrs(&self, css: &str, attribute: &str) -> Vec<String> {
        let selector = Selector::parse(css).unwrap();
        self.0.select(&selector).filter_map(|e| e.value().attr(attribute).map(str::to_owned)).collect()
    }
}

/// Every file below `dir`, by path, with its bytes.
pub(crate) fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (path, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
