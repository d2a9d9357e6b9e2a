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
        .args(["build", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let page = |path: &str| Page(Html::parse_document(&std::fs::read_to_string(output.join(path)).unwrap()));

    let trent = page("players/trent-alexander-arnold/index.html");
    assert_eq!(
        trent.texts(".player-articles .article-item a"),
        [
            "Alexander-Arnold 'frustrated' at Real Madrid as Chelsea and City circle",
            "Alexander-Arnold's move to Real Madrid is complete",
            "Alexander-Arnold agrees free move to Real Madrid"
        ]
    );
    assert_eq!(
        trent.texts(".saga-history .badge"),
        ["Interest", "Interest", "Agreed", "Agreed", "Done deal"]
    );
    // One picture of the three sagas, with the words it shows.
    assert_eq!(
        trent.text(".sagas figcaption"),
        "The path of each saga, claim by claim. Chelsea: interest 18 January 2026; Manchester City: \
         interest 18 January 2026; Real Madrid: agreed 24 March 2025, done deal 1 July 2025."
    );
    assert_eq!(trent.attrs(".sagas svg", "role"), ["img"]);

    let home = page("index.html");
    let dates = home.attrs(".card .meta time", "datetime");
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    assert_eq!(dates.len(), 3);

    // The move is dated by the article that reported it done, and keeps its kind.
    let madrid = page("clubs/real-madrid/index.html");
    assert_eq!(
        madrid.texts(".moves-in .deals tbody td"),
        ["Trent Alexander-Arnold", "Liverpool", "Free transfer", "1 July 2025"]
    );

    let sagas: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("data/sagas.json")).unwrap()).unwrap();
    let sagas: Vec<(String, String, String, Vec<String>)> = sagas
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
            let history = s["rumours"].as_array().unwrap().iter().map(|r| text(&r["status"])).collect();
            (text(&s["from"]), text(&s["to"]), text(&s["status"]), history)
        })
        .collect();
    let saga = |from: &str, to: &str, status: &str, history: &[&str]| {
        (
            from.to_owned(),
            to.to_owned(),
            status.to_owned(),
            history.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        sagas,
        [
            saga("real-madrid", "chelsea", "interest", &["interest"]),
            saga("real-madrid", "manchester-city", "interest", &["interest"]),
            saga("liverpool", "real-madrid", "done", &["agreed", "agreed", "done"]),
        ]
    );

    // The March story restates reports from earlier that week, and Balague's account as
    // BBC Sport carried it: each claim has its own date, and the account its "via".
    let madrid_saga = page("sagas/trent-alexander-arnold-to-real-madrid/index.html");
    assert_eq!(
        madrid_saga.attrs(".saga-history > li > time", "datetime"),
        ["2025-03-24T00:00:00+00:00", "2025-03-27T09:00:00+00:00", "2025-07-01T10:00:00+01:00"]
    );
    assert_eq!(
        madrid_saga.texts(".saga-history .sources"),
        ["per Guillem Balague 1 of 1 right via BBC Sport"]
    );
    assert_eq!(madrid_saga.texts(".first .source"), ["Guillem Balague"]);
    let sources: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("data/sources.json")).unwrap()).unwrap();
    let records: Vec<(&str, u64, u64, u64)> = sources
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["slug"].as_str().unwrap(),
                s["right"].as_u64().unwrap(),
                s["wrong"].as_u64().unwrap(),
                s["open"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        records,
        [
            ("as", 0, 0, 0),
            ("bbc-sport", 0, 0, 0),
            ("catalan-media", 0, 0, 2),
            ("guillem-balague", 1, 0, 0),
            ("the-touchline", 0, 0, 2)
        ]
    );

    let feed = feed_rs::parser::parse(std::fs::read(output.join("atom.xml")).unwrap().as_slice()).unwrap();
    assert_eq!(feed.entries.len(), 3);
    assert!(snapshot_tree(&output).contains_key("about/index.html"));
}
