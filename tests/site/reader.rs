//! The pages as readers meet them, in headless Chromium: axe-core's accessibility rules
//! at a phone's width and a desktop's, light and dark; and the search page, typed into.

use std::process::Command;

use serde_json::Value;

use crate::serve::node_tools;
use crate::support::TestSite;

use crate::corpus;

/// Runs `script` of `tests/node` with `args` and reads the JSON it prints.
fn node(script: &str, args: &[&str]) -> Value {
    let output = Command::new("node")
        .arg(node_tools().join(script))
        .args(args)
        .output()
        .expect("Node runs the browser tests: apt install nodejs chromium");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn folder(site: &TestSite) -> String {
    site.public().to_string_lossy().into_owned()
}

#[test]
fn every_kind_of_page_passes_axe_and_fits_a_phone_in_both_schemes() {
    let claims = TestSite::copy("claims");
    claims.build_ok(&[]);
    let transfers = TestSite::copy("transfers");
    transfers.build_ok(&[]);
    let money = TestSite::copy("money");
    money.build_ok(&[]);
    let kinds = [
        (
            &claims,
            "/desk/",
            &[
                "",
                "articles/round-up/",
                "articles/gyokeres-joins/",
                "players/viktor-gyokeres/",
                "players/viktor-gyokeres/page/2/",
                "clubs/arsenal/",
                "sources/fabrizio-romano/",
                "sources/",
                "sagas/viktor-gyokeres-to-arsenal/",
                "sagas/adam-wharton-to-real-madrid/",
                "search/?q=gyokeres",
                "404.html",
            ][..],
        ),
        (
            &transfers,
            "/mill/",
            &["players/", "players/jonas-penalver/", "clubs/", "clubs/chelsea/", "tags/"][..],
        ),
        (
            &money,
            "/money/",
            &[
                "",
                "windows/",
                "windows/premier-league-summer-2025/",
                "leagues/premier-league/",
                "contracts/",
                "clubs/liverpool/",
            ][..],
        ),
    ];
    for (site, base, pages) in kinds {
        let mut args = vec![folder(site), base.to_owned()];
        args.extend(pages.iter().map(|page| (*page).to_owned()));
        for page in pages.iter().filter(|page| !page.contains('?')) {
            let file = if page.ends_with(".html") { (*page).to_owned() } else { format!("{page}index.html") };
            assert!(site.exists(&file), "{file}");
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let found = node("axe.mjs", &args);
        assert_eq!(found["violations"], Value::Array(Vec::new()), "{found:#}");
        assert_eq!(found["overflows"], Value::Array(Vec::new()), "{found:#}");
        assert_eq!(found["missing"], Value::Array(Vec::new()), "{found:#}");
    }
}

/// The titles a query found, and what it reported.
fn titles(query: &Value) -> Vec<&str> {
    query["titles"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect()
}

#[test]
fn search_finds_a_player_spelt_right_or_wrong_and_narrows_by_status() {
    let site = TestSite::copy("claims");
    site.build_ok(&[]);
    let found = node("search.mjs", &[&folder(&site), "/desk/", "done", "Gyökeres", "Gyokres", "Guehi"]);
    assert_eq!(found["errors"], Value::Array(Vec::new()), "{found:#}");
    assert_eq!(found["missing"], Value::Array(Vec::new()), "{found:#}");
    let [right, wrong, guehi] = [0, 1, 2].map(|n| &found["queries"][n]);
    for query in [right, wrong] {
        assert!(titles(query).contains(&"Gyökeres joins Arsenal"), "{query:#}");
        assert!(query["entities"][0].as_str().unwrap().starts_with("Viktor Gyökeres"), "{query:#}");
        // Of his articles, only the one that reports the move done is left.
        assert_eq!(query["narrowed"], "1 article", "{query:#}");
        assert_eq!(query["badges"], serde_json::json!([["Done deal"]]), "{query:#}");
    }
    assert!(titles(right).len() > 1, "{right:#}");
    assert_eq!(
        titles(guehi),
        ["Guéhi move collapses", "Liverpool bid for Guéhi", "Round-up: what the week said"]
    );
    assert_eq!(guehi["narrowed"], "0 articles", "{guehi:#}");
}

#[test]
fn a_search_on_ten_thousand_articles_downloads_under_300_kb() {
    let site = TestSite::made(|root| corpus::generate(10_000, root, 1));
    site.build_ok(&[]);
    // The player in the most articles, by name and misspelt: a letter of the surname lost.
    let players = site.data("players");
    let most = players.as_array().unwrap().iter().max_by_key(|p| p["articles"].as_u64()).unwrap();
    let name = most["name"].as_str().unwrap();
    let (first, surname) = name.split_once(' ').unwrap();
    let mut misspelt: Vec<char> = surname.chars().collect();
    misspelt.remove(2);
    let misspelt = format!("{first} {}", misspelt.into_iter().collect::<String>());
    let found = node("search.mjs", &[&folder(&site), "/bench/", "done", name, &misspelt]);
    assert_eq!(found["errors"], Value::Array(Vec::new()), "{found:#}");
    assert_eq!(found["missing"], Value::Array(Vec::new()), "{found:#}");
    for query in found["queries"].as_array().unwrap() {
        let bytes = query["bytes"].as_u64().unwrap();
        assert!(bytes < 300_000, "{bytes} bytes: {query:#}");
        assert_eq!(query["entities"][0].as_str().unwrap().split(" Player").next(), Some(name), "{query:#}");
        assert!(!titles(query).is_empty(), "{query:#}");
    }
    eprintln!(
        "a search of 10,000 articles downloaded {} and {} bytes",
        found["queries"][0]["bytes"], found["queries"][1]["bytes"]
    );
}
