//! This repository's own blog, as `cargo run --release -- build` builds it.

use std::path::Path;

use crate::support::{Page, snapshot_tree, stderr};
use scraper::Html;

#[test]
fn the_blog_builds_with_the_seed_stories() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_rumourmill"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let page = |path: &str| {
        Page(Html::parse_document(
            &std::fs::read_to_string(output.join(path)).unwrap(),
        ))
    };

    let trent = page("players/trent-alexander-arnold/index.html");
    assert_eq!(
        trent.texts(".player-articles .card-title"),
        [
            "Alexander-Arnold 'frustrated' at Real Madrid as Chelsea and City circle",
            "Alexander-Arnold agrees free move to Real Madrid"
        ]
    );
    assert_eq!(
        trent.texts(".timeline-item .badge"),
        ["Agreed", "Done deal", "Interest", "Interest"]
    );

    let home = page("index.html");
    let dates = home.attrs(".card time", "datetime");
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    assert_eq!(dates.len(), 2);

    let feed =
        feed_rs::parser::parse(std::fs::read(output.join("atom.xml")).unwrap().as_slice()).unwrap();
    assert_eq!(feed.entries.len(), 2);
    assert!(snapshot_tree(&output).contains_key("about/index.html"));
}
