//! Every page of the fixture sites, as the Nu HTML Checker (the W3C's validator) reads it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::serve::node_tools;
use crate::support::{TestSite, stderr};

/// The fixtures with pages of every kind between them: `claims` has sagas open, done and
/// off, relayed reports, a likelihood, updates, an alias and a second page of a listing;
/// `transfers` has profiles and tags; `money` windows, leagues and contracts; `basic` and
/// `minimal` have the least a site can.
const FIXTURES: [&str; 5] = ["claims", "transfers", "money", "basic", "minimal"];

/// Every HTML file under `dir`.
pub(crate) fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "html"))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_page_of_every_fixture_passes_the_nu_html_checker() {
    let sites: Vec<TestSite> = FIXTURES
        .iter()
        .map(|fixture| {
            let site = TestSite::copy(fixture);
            site.build_ok(&[]);
            site
        })
        .collect();
    let files: Vec<PathBuf> = sites.iter().flat_map(|site| html_files(&site.public())).collect();
    // Each kind of page is among them.
    for kind in [
        "sagas/",
        "players/",
        "clubs/",
        "sources/",
        "tags/",
        "articles/",
        "search/",
        "/page/2/",
        "404.html",
        "windows/",
        "leagues/",
        "contracts/",
    ] {
        assert!(files.iter().any(|file| file.to_string_lossy().contains(kind)), "no page of {kind}");
    }
    let checker = node_tools().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .arg("-jar")
        .arg(checker)
        .args(["--errors-only", "--format", "text"])
        .args(&files)
        .output()
        .expect("Java runs the Nu HTML Checker: apt install default-jre-headless");
    assert!(output.status.success(), "{}", stderr(&output));
}
