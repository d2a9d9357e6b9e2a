//! Every kind of page, as the Nu HTML Checker (the W3C's validator) reads it.

use std::process::Command;

use crate::serve::node_tools;
use crate::support::{TestSite, stderr};

/// One page of each kind on the `claims` fixture, which has sagas open, done and off,
/// relayed reports, a likelihood, updates, an alias and a second page of a listing, and on the `transfers` fixture, which has profiles
/// and tags.
const PAGES: [(&str, &[&str]); 2] = [
    (
        "claims",
        &[
            "index.html",
            "articles/round-up/index.html",
            "articles/gyokeres-circled/index.html",
            "articles/gyokeres-joins/index.html",
            "gyokeres-signs.html",
            "players/viktor-gyokeres/page/2/index.html",
            "sagas/viktor-gyokeres-to-arsenal/index.html",
            "sagas/viktor-gyokeres-to-manchester-united/index.html",
            "sagas/adam-wharton-to-real-madrid/index.html",
            "sources/fabrizio-romano/index.html",
            "sources/gossip-daily/index.html",
            "clubs/arsenal/index.html",
            "players/viktor-gyokeres/index.html",
        ],
    ),
    (
        "transfers",
        &[
            "index.html",
            "players/index.html",
            "players/jonas-penalver/index.html",
            "clubs/index.html",
            "clubs/chelsea/index.html",
            "sources/index.html",
            "tags/index.html",
            "404.html",
        ],
    ),
];

#[test]
fn every_kind_of_page_passes_the_nu_html_checker() {
    let sites: Vec<(TestSite, &[&str])> = PAGES
        .iter()
        .map(|&(fixture, pages)| {
            let site = TestSite::copy(fixture);
            site.build_ok(&[]);
            (site, pages)
        })
        .collect();
    let mut files = Vec::new();
    for (site, pages) in &sites {
        files.extend(pages.iter().map(|page| site.public().join(page)));
        let tag =
            std::fs::read_dir(site.public().join("tags")).unwrap().flatten().find(|e| e.path().is_dir());
        files.extend(tag.map(|tag| tag.path().join("index.html")));
    }
    assert!(files.iter().all(|file| file.exists()), "{files:?}");
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
