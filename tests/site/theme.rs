//! What the built-in theme gives readers beyond the pages' text: feeds that carry the
//! news, link previews with a picture, tags by name, an icon and the search index.

use serde_json::Value;

use crate::support::TestSite;

fn feed(site: &TestSite, path: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(site.read(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `minimal` site with an article that has a heading, a fee, a relayed source and an
/// image of its own, and a club that no article names.
fn site() -> TestSite {
    let site = TestSite::copy("minimal");
    site.write(
        "content/articles/2025-07-01-done.md",
        "+++\ntitle = \"Alexander-Arnold joins Real Madrid\"\ndate = 2025-07-01T18:30:00Z\n\
         image = \"/images/unveiling.jpg\"\ntags = [\"la-liga\"]\n\n[[rumours]]\nplayer = \"Trent Alexander-Arnold\"\n\
         from = \"Liverpool\"\nto = \"Real Madrid\"\nstatus = \"done\"\nfee = \"€10m\"\n\
         sources = [{ name = \"Guillem Balague\", via = \"BBC Sport\" }]\n+++\n\n\
         The move is done.\n\n## Why Madrid\n\nThe club wanted him.\n",
    );
    site.write("content/clubs/everton.md", "+++\nname = \"Everton\"\n+++\n");
    site.write(
        "content/players/trent-alexander-arnold.md",
        "+++\nname = \"Trent Alexander-Arnold\"\nimage = \"/images/trent.jpg\"\n+++\n",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn feeds_carry_the_rumours_each_article_reports_and_no_heading_anchors() {
    let site = site();
    let atom = feed(&site, "atom.xml");
    let done = &atom.entries[0];
    let content = done.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(
        content.starts_with(
            "<ul><li><strong>Done deal</strong>: Trent Alexander-Arnold, Liverpool → Real Madrid (€10m), \
             per Guillem Balague via BBC Sport</li></ul>"
        ),
        "{content}"
    );
    assert!(content.contains("<h2 id=\"why-madrid\">Why Madrid</h2>"), "{content}");
    assert!(!content.contains("anchor"), "{content}");
    // The page keeps its anchor.
    assert_eq!(site.html("articles/done/index.html").attrs(".body h2 .anchor", "href"), ["#why-madrid"]);
    // A player's feed carries summaries, which open with the rumours too.
    let player = feed(&site, "players/trent-alexander-arnold/atom.xml");
    let summary = player.entries[1].summary.as_ref().unwrap();
    assert!(
        summary.content.starts_with("<ul><li><strong>Agreed</strong>: Trent Alexander-Arnold"),
        "{summary:?}"
    );
}

#[test]
fn a_feed_with_no_entries_is_as_new_as_the_site() {
    let site = site();
    let everton = feed(&site, "clubs/everton/atom.xml");
    assert!(everton.entries.is_empty());
    assert_eq!(everton.updated.unwrap().to_rfc3339(), "2025-07-01T18:30:00+00:00");
}

/// The meta tags and JSON-LD of the page at `path`.
fn preview(site: &TestSite, path: &str) -> (Vec<String>, Vec<String>, Value) {
    let page = site.html(path);
    let json_ld = page.texts("script[type='application/ld+json']").pop();
    (
        page.attrs("meta[property='og:image']", "content"),
        page.attrs("meta[name='twitter:card']", "content"),
        json_ld.map_or(Value::Null, |json| serde_json::from_str(&json).unwrap()),
    )
}

#[test]
fn link_previews_show_the_articles_picture_else_the_players_else_the_sites() {
    let site = site();
    let (image, card, json_ld) = preview(&site, "articles/done/index.html");
    assert_eq!(image, ["https://example.com/images/unveiling.jpg"]);
    assert_eq!(card, ["summary_large_image"]);
    assert_eq!(json_ld["image"], "https://example.com/images/unveiling.jpg");
    assert_eq!(json_ld["author"]["@type"], "Organization", "no author: the site wrote it");

    // No picture of its own: the first player's portrait, which previews show small.
    let (image, card, json_ld) = preview(&site, "articles/first/index.html");
    assert_eq!(image, ["https://example.com/images/trent.jpg"]);
    assert_eq!(card, ["summary"]);
    assert_eq!(json_ld["image"], "https://example.com/images/trent.jpg");

    // Without either, the site's picture; an author named as the site is the site.
    site.write("content/players/trent-alexander-arnold.md", "+++\nname = \"Trent Alexander-Arnold\"\n+++\n");
    let config = site.read_source("config.toml");
    site.write("config.toml", &format!("{config}image = \"/images/site.png\"\n"));
    let first = site.read_source("content/articles/2025-03-27-first.md");
    site.write(
        "content/articles/2025-03-27-first.md",
        &first.replacen("date = ", "author = \"Minimal\"\ndate = ", 1),
    );
    site.build_ok(&[]);
    let (image, card, json_ld) = preview(&site, "articles/first/index.html");
    assert_eq!(image, ["https://example.com/images/site.png"]);
    assert_eq!(card, ["summary_large_image"]);
    assert_eq!(json_ld["author"], serde_json::json!({ "@type": "Organization", "name": "Minimal" }));
    let (image, _, _) = preview(&site, "players/index.html");
    assert_eq!(image, ["https://example.com/images/site.png"]);
}

#[test]
fn pages_show_tags_by_name_and_times_of_day() {
    let site = site();
    let page = site.html("articles/done/index.html");
    assert_eq!(page.texts(".tag"), ["La Liga"]);
    assert_eq!(page.text(".story-header .meta"), "1 July 2025, 18:30");
    assert_eq!(site.html("tags/la-liga/index.html").text("h1"), "Tagged “La Liga”");
    // An article dated by day alone shows no time.
    assert_eq!(site.html("articles/first/index.html").text(".story-header .meta"), "27 March 2025");
}

#[test]
fn every_page_has_the_icon_and_links_search_and_the_open_data() {
    let site = site();
    let page = site.html("index.html");
    assert_eq!(page.attrs("link[rel=icon]", "href"), ["/favicon.svg"]);
    assert!(site.read("favicon.svg").starts_with("<svg"));
    assert!(page.attrs(".nav a", "href").contains(&"/search/".to_owned()));
    assert_eq!(
        page.attrs(".site-footer a[href^='/data/']", "href"),
        ["/data/sagas.json", "/data/sources.json", "/data/players.json"]
    );
}

#[test]
fn the_search_index_is_written_with_the_site() {
    let site = site();
    let entities: Value = serde_json::from_str(&site.read("search/entities.json")).unwrap();
    let names: Vec<&str> = entities.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Trent Alexander-Arnold", "Everton", "Liverpool", "Real Madrid", "BBC Sport", "Guillem Balague"]
    );
    // Newest first: an article's number is its place in the feed.
    let lines: Value = serde_json::from_str(&site.read("search/articles/0.json")).unwrap();
    assert_eq!(
        lines[0],
        serde_json::json!(["/articles/done/", "Alexander-Arnold joins Real Madrid", "2025-07-01", ["done"]])
    );
    assert_eq!(lines[1][1], "Alexander-Arnold agrees Madrid move");
    // Each word is in one shard of sixteen, with the articles that have it.
    let shards: Vec<Value> = (0..16)
        .map(|n| serde_json::from_str(&site.read(&format!("search/terms/{n}.json"))).unwrap())
        .collect();
    assert!(!site.exists("search/terms/16.json"));
    let find = |term: &str| -> Vec<&Value> { shards.iter().filter_map(|shard| shard.get(term)).collect() };
    assert_eq!(find("madrid"), [&serde_json::json!([0, 1])]);
    assert_eq!(find("balague"), [&serde_json::json!([0])]);
    assert_eq!(find("st:done"), [&serde_json::json!([0])]);
    assert_eq!(find("p:trent-alexander-arnold"), [&serde_json::json!([0, 1])]);
    assert!(find("the").is_empty(), "common words are left out");
    assert!(site.html("search/index.html").attrs("#search", "data-shards") == ["16"]);
}
