//! Publishing: every link resolves wherever the site lives, feeds parse in a real feed
//! parser, search engines and link previews get what they read, and the GitHub Pages
//! workflow is what it should be.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use scraper::{Html, Selector};
use serde_json::Value;
use url::Url;

use crate::support::{TestSite, snapshot_tree, stderr};

/// Every internal `href` and `src` of every built page that leads to no file, or to a
/// `#fragment` the page does not have; `base` is the address the site was built for.
fn broken_links(site: &TestSite, base: &str) -> Vec<String> {
    let files = snapshot_tree(&site.public());
    let base = Url::parse(base).unwrap();
    let ids = |html: &Html| -> HashSet<String> {
        let selector = Selector::parse("[id]").unwrap();
        html.select(&selector).filter_map(|e| e.value().attr("id").map(str::to_owned)).collect()
    };
    let pages: BTreeMap<&String, Html> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, Html::parse_document(&String::from_utf8_lossy(bytes))))
        .collect();
    let links = Selector::parse("[href], [src]").unwrap();
    let mut broken = Vec::new();
    for (path, html) in &pages {
        let folder = path.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"));
        let here = base.join(&folder).unwrap();
        for element in html.select(&links) {
            let link = element.value().attr("href").or(element.value().attr("src")).unwrap();
            let target = here.join(link).unwrap();
            if target.origin() != base.origin() {
                continue;
            }
            let Some(rest) = target.path().strip_prefix(base.path()) else {
                broken.push(format!("{path}: {link} is outside {}", base.path()));
                continue;
            };
            let file = if rest.is_empty() || rest.ends_with('/') {
                format!("{rest}index.html")
            } else {
                rest.to_owned()
            };
            if !files.contains_key(&file) {
                broken.push(format!("{path}: {link} -> {file}"));
            } else if let Some(fragment) = target.fragment()
                && !ids(&pages[&file]).contains(fragment)
            {
                broken.push(format!("{path}: {link} has no #{fragment}"));
            }
        }
    }
    broken
}

#[test]
fn every_internal_link_resolves_under_a_subpath() {
    let site = TestSite::copy("transfers");
    site.build_ok(&["--base-url", "https://user.github.io/repo/"]);
    let pages = snapshot_tree(&site.public()).keys().filter(|p| p.ends_with(".html")).count();
    assert!(pages > 20, "{pages} pages");
    assert_eq!(broken_links(&site, "https://user.github.io/repo/"), Vec::<String>::new());
    let home = site.html("index.html");
    assert!(
        home.attrs("a", "href").iter().all(|href| href.starts_with("/repo/")),
        "{:?}",
        home.attrs("a", "href")
    );
}

#[test]
fn every_internal_link_resolves_at_a_domain_root() {
    let site = TestSite::copy("basic");
    site.build_ok(&["--base-url", "https://transfers.example.com"]);
    assert_eq!(broken_links(&site, "https://transfers.example.com/"), Vec::<String>::new());
    // The 404 page is served at any depth, so its links must not be relative.
    let not_found = site.html("404.html");
    assert!(
        not_found
            .attrs("[href], [src]", "href")
            .iter()
            .all(|href| href.starts_with('/') || href.starts_with("https:"))
    );
}

#[test]
fn the_crawl_and_check_both_catch_a_broken_link_in_a_template() {
    let site = TestSite::copy("transfers");
    site.write("templates/tags.html", r##"{% extends "base.html" %}{% block content %}<a href="{{ site.base_path }}nowhere/">x</a><a href="#gone">y</a>{% endblock content %}"##);
    site.build_ok(&[]);
    assert_eq!(
        broken_links(&site, "https://example.com/mill/"),
        ["tags/index.html: /mill/nowhere/ -> nowhere/index.html", "tags/index.html: #gone has no #gone"]
    );
    let output = site.run(&["check"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains(
            "error: broken link `/mill/nowhere/`: nothing is built at /mill/nowhere/\n--> tags/index.html:1:1"
        ),
        "{text}"
    );
    assert!(text.contains("error: broken link `#gone`: /mill/tags/ has no #gone"), "{text}");
}

fn parse_feed(site: &TestSite, path: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(site.read(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn atom_rss_and_json_feeds_agree_and_parse() {
    let site = TestSite::copy("basic");
    site.build_ok(&[]);
    for path in ["atom.xml", "rss.xml", "feed.json"] {
        let feed = parse_feed(&site, path);
        assert_eq!(feed.entries.len(), 5, "{path}");
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids[0], "https://example.github.io/transfer-blog/articles/santos-bid/", "{path}");
        for entry in &feed.entries {
            assert!(
                entry.links[0].href.starts_with("https://example.github.io/transfer-blog/articles/"),
                "{path}"
            );
        }
        // 23:30 on 6 January in New York is 04:30 on 7 January in UTC.
        let late = feed.entries.iter().find(|e| e.id.ends_with("/penalver-late-news/")).unwrap();
        assert_eq!(late.published.unwrap().to_rfc3339(), "2025-01-07T04:30:00+00:00", "{path}");
        // Content links are absolute, so they work in a feed reader.
        let talks = feed.entries.iter().find(|e| e.id.ends_with("/modric-talks/")).unwrap();
        let content = talks.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        assert!(
            content.contains(r#"href="https://example.github.io/transfer-blog/players/luka-modric/""#),
            "{path}: {content}"
        );
    }
    let atom = parse_feed(&site, "atom.xml");
    let talks = atom.entries.iter().find(|e| e.id.ends_with("/modric-talks/")).unwrap();
    assert_eq!(talks.updated.unwrap().to_rfc3339(), "2025-01-08T12:00:00+00:00");
    assert_eq!(talks.authors[0].name.as_deref(), Some("Ana Reporter"));
    assert_eq!(
        talks.categories.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(),
        ["La Liga", "Contracts"]
    );
    let rss = parse_feed(&site, "rss.xml");
    assert_eq!(
        rss.entries.iter().find(|e| e.id.ends_with("/modric-talks/")).unwrap().authors[0].name.as_deref(),
        Some("Ana Reporter")
    );
}

#[test]
fn players_and_clubs_have_atom_feeds_linked_from_their_pages() {
    let site = TestSite::copy("transfers");
    site.build_ok(&[]);
    let penalver = parse_feed(&site, "players/jonas-penalver/atom.xml");
    let titles: Vec<String> =
        penalver.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
    assert_eq!(
        titles,
        [
            "Peñalver signs for Real Madrid",
            "Late bids: Madrid move for Peñalver, Benfica eye Rossi",
            "Chelsea in talks for Peñalver"
        ]
    );
    assert_eq!(penalver.id, "https://example.com/mill/players/jonas-penalver/atom.xml");
    assert_eq!(parse_feed(&site, "clubs/benfica/atom.xml").entries.len(), 3);

    let page = site.html("players/jonas-penalver/index.html");
    let feeds = page.attrs("link[rel=alternate]", "href");
    assert_eq!(
        feeds,
        ["/mill/atom.xml", "/mill/rss.xml", "/mill/feed.json", "/mill/players/jonas-penalver/atom.xml"]
    );
    let club = site.html("clubs/santos/index.html");
    assert!(club.attrs("link[rel=alternate]", "href").contains(&"/mill/clubs/santos/atom.xml".to_owned()));
}

#[test]
fn sitemap_robots_and_machine_files() {
    let site = TestSite::copy("transfers");
    site.write("config.toml", "title = \"T\"\nbase_url = \"https://transfers.example.com/\"\ntimezone = \"Europe/Madrid\"\ncname = \"transfers.example.com\"\n");
    site.build_ok(&[]);
    let sitemap = site.read("sitemap.xml");
    let xml = Html::parse_fragment(&sitemap);
    let (url, loc, lastmod) = (
        Selector::parse("url").unwrap(),
        Selector::parse("loc").unwrap(),
        Selector::parse("lastmod").unwrap(),
    );
    let text = |e: scraper::ElementRef<'_>| e.text().collect::<String>();
    let entries: BTreeMap<String, Option<String>> = xml
        .select(&url)
        .map(|u| (text(u.select(&loc).next().unwrap()), u.select(&lastmod).next().map(text)))
        .collect();
    let pages: Vec<String> = snapshot_tree(&site.public())
        .into_keys()
        .filter(|path| path.ends_with("index.html"))
        .map(|path| format!("https://transfers.example.com/{}", path.trim_end_matches("index.html")))
        .collect();
    assert_eq!(entries.keys().cloned().collect::<Vec<_>>(), {
        let mut p = pages;
        p.sort();
        p
    });
    assert_eq!(
        entries["https://transfers.example.com/articles/late-bids/"].as_deref(),
        Some("2025-06-05T22:30:00+02:00")
    );
    assert_eq!(
        entries["https://transfers.example.com/players/jonas-penalver/"].as_deref(),
        Some("2025-06-20T09:00:00+02:00")
    );
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://transfers.example.com/sitemap.xml\n"
    );
    assert_eq!(site.read("CNAME"), "transfers.example.com\n");
    assert!(site.exists(".nojekyll"));
}

fn json_ld(page: &crate::support::Page) -> Value {
    let scripts = page.texts("script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1);
    serde_json::from_str(&scripts[0]).unwrap()
}

#[test]
fn pages_carry_canonical_links_previews_and_json_ld() {
    let site = TestSite::copy("transfers");
    site.build_ok(&[]);
    let article = site.html("articles/penalver-signs/index.html");
    assert_eq!(
        article.attrs("link[rel=canonical]", "href"),
        ["https://example.com/mill/articles/penalver-signs/"]
    );
    assert_eq!(article.attrs("meta[property='og:type']", "content"), ["article"]);
    assert_eq!(article.attrs("meta[property='og:title']", "content"), ["Peñalver signs for Real Madrid"]);
    assert_eq!(
        article.attrs("meta[property='og:url']", "content"),
        ["https://example.com/mill/articles/penalver-signs/"]
    );
    assert_eq!(article.attrs("meta[name='twitter:card']", "content"), ["summary"]);
    assert_eq!(
        article.attrs("meta[property='article:published_time']", "content"),
        ["2025-06-20T09:00:00+02:00"]
    );

    let news = json_ld(&article);
    assert_eq!(news["@context"], "https://schema.org");
    assert_eq!(news["@type"], "NewsArticle");
    assert_eq!(news["headline"], "Peñalver signs for Real Madrid");
    assert_eq!(news["datePublished"], "2025-06-20T09:00:00+02:00");
    assert_eq!(news["dateModified"], "2025-06-20T09:00:00+02:00");
    assert_eq!(news["author"]["name"], "Transfer Fixture");
    assert_eq!(news["about"][0]["@type"], "Person");
    assert_eq!(news["about"][0]["name"], "Jonás Peñalver");
    assert_eq!(news["about"][0]["memberOf"]["@type"], "SportsTeam");
    assert_eq!(news["about"][0]["memberOf"]["name"], "Real Madrid");
    let mentioned: Vec<&str> =
        news["mentions"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(mentioned, ["Santos", "Real Madrid"]);

    let player = json_ld(&site.html("players/jonas-penalver/index.html"));
    assert_eq!((player["@type"].as_str(), player["jobTitle"].as_str()), (Some("Person"), Some("Striker")));
    assert_eq!(player["memberOf"]["url"], "https://example.com/mill/clubs/real-madrid/");

    let club = json_ld(&site.html("clubs/santos/index.html"));
    assert_eq!(club["@type"], "SportsTeam");
    assert_eq!(club["memberOf"]["name"], "Série A");
}

#[test]
fn the_pages_workflow_builds_uploads_and_deploys() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/pages.yml"))
            .unwrap();
    let workflow: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(workflow["permissions"]["id-token"], "write");
    assert_eq!(workflow["permissions"]["contents"], "read");
    let jobs = workflow["jobs"].as_object().unwrap();
    assert_eq!(jobs.keys().collect::<Vec<_>>(), ["build", "deploy"]);
    assert_eq!(jobs["deploy"]["needs"], "build");
    assert_eq!(jobs["deploy"]["environment"]["name"], "github-pages");

    let steps = |job: &str| jobs[job]["steps"].as_array().unwrap().clone();
    let uses: Vec<String> = steps("build")
        .iter()
        .chain(&steps("deploy"))
        .filter_map(|s| s["uses"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        uses,
        [
            "actions/checkout@v6",
            "actions/configure-pages@v6",
            "Swatinem/rust-cache@v2",
            "actions/upload-pages-artifact@v5",
            "actions/deploy-pages@v5"
        ]
    );
    let build = steps("build");
    let run = build.iter().filter_map(|s| s["run"].as_str()).find(|r| r.contains("-- build")).unwrap();
    assert!(run.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\""), "{run}");
    let upload = build.iter().find(|s| s["uses"] == "actions/upload-pages-artifact@v5").unwrap();
    assert_eq!(upload["with"]["path"], "public");
    assert_eq!(upload["with"]["include-hidden-files"], true);
}

#[test]
fn check_reports_every_broken_link_where_it_is_written() {
    let site = TestSite::copy("transfers");
    site.write(
        "content/articles/2025-07-05-links.md",
        "+++\ntitle = \"Links\"\ndate = 2025-07-05\n+++\n\nSee [nobody](/players/nobody/) and\n[the deal](/articles/penalver-signs/#fee) and [fine](/clubs/santos/).\n",
    );
    let output = site.run(&["check"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("error: broken link `/players/nobody/`: nothing is built at /mill/players/nobody/\n --> content/articles/2025-07-05-links.md:6:5"),
        "{text}"
    );
    assert!(
        text.contains("error: broken link `/articles/penalver-signs/#fee`: /mill/articles/penalver-signs/ has no #fee\n --> content/articles/2025-07-05-links.md:7:1"),
        "{text}"
    );
    assert!(!text.contains("/clubs/santos/`"), "{text}");
    assert!(text.contains("error: 2 problems found"), "{text}");
    assert!(!site.public().exists());
}

#[test]
fn hostile_text_leaves_pages_and_feeds_whole() {
    let site = TestSite::copy("minimal");
    let title = "Trent <!-- <script> & </script> \u{0}\u{1b}signs\u{b}";
    site.write(
        "content/articles/2025-03-27-first.md",
        &format!(
            "+++\ntitle = {}\ndate = 2025-03-27\nplayers = [\"Trent Alexander-Arnold\"]\n+++\n\n\
             [[Trent Alexander-Arnold]] is on his way\u{7}.\n",
            toml::Value::String(title.to_owned())
        ),
    );
    site.write(
        "content/players/trent-alexander-arnold.md",
        "+++\nname = \"Trent Alexander-Arnold\"\nimage = \"//cdn.example.org/trent.jpg\"\n+++\n",
    );
    site.build_ok(&[]);

    let page = site.html("articles/first/index.html");
    assert_eq!(json_ld(&page)["headline"], title);
    // Nothing in the JSON-LD swallowed what follows it.
    let heading = page.text("main h1");
    assert!(heading.starts_with("Trent <!-- <script> & </script>") && heading.contains("signs"), "{heading}");
    let player = site.html("players/trent-alexander-arnold/index.html");
    let image = "https://cdn.example.org/trent.jpg";
    assert_eq!(player.attrs("meta[property='og:image']", "content"), [image]);
    assert_eq!(json_ld(&player)["image"], image);

    let xml_allows =
        |c: char| c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}') || matches!(c, '\t' | '\n' | '\r');
    let plain = "Trent <!-- <script> & </script> signs";
    for path in ["atom.xml", "rss.xml", "players/trent-alexander-arnold/atom.xml"] {
        let text = site.read(path);
        assert!(text.chars().all(xml_allows), "{path} holds a character XML does not allow");
        let feed = parse_feed(&site, path);
        assert_eq!(feed.entries[0].title.as_ref().unwrap().content, plain, "{path}");
    }
}

#[test]
fn a_summary_with_an_anchor_and_a_footnote_links_back_to_its_article() {
    let site = TestSite::copy("minimal");
    site.write(
        "content/articles/2025-04-01-fee.md",
        "+++\ntitle = \"The fee\"\ndate = 2025-04-01\n+++\n\nSee [the deal](#the-deal) for the fee[^1].\n\n## The deal\n\nDone.\n\n[^1]: Fifty million.\n",
    );
    let checked = site.run(&["check"], &[]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    site.build_ok(&[]);
    let home = site.html("index.html");
    assert!(home.attrs("a", "href").contains(&"/articles/fee/#the-deal".to_owned()));
    assert!(home.texts(".footnote-ref").is_empty(), "no marker for a note the feed does not show");
    assert!(site.html("articles/fee/index.html").texts(".footnote-ref").len() == 1);
}

/// The transfers site, with an article that links to another and shows a picture, both by
/// their paths from the site's root, and a link that leads nowhere when `broken`.
fn with_root_links(broken: bool) -> TestSite {
    let site = TestSite::copy("transfers");
    let nowhere = if broken { " Or [nowhere](/articles/nowhere/)." } else { "" };
    site.write(
        "content/articles/2025-06-11-rossi-again.md",
        &format!(
            "+++\ntitle = \"Rossi again\"\ndate = 2025-06-11\n+++\nAs [the talks](/articles/penalver-chelsea-talks/) said: ![Rossi](/images/rossi.png){nowhere}\n"
        ),
    );
    site.write("static/images/rossi.png", "not really a picture");
    site
}

#[test]
fn links_from_the_site_root_are_built_under_the_base_path() {
    let site = with_root_links(false);
    let base = "https://user.github.io/my-blog/";
    let check = site.run(&["check", "--base-url", base], &[]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    site.build_ok(&["--base-url", base]);
    let page = site.html("articles/rossi-again/index.html");
    assert_eq!(page.attrs(".body a", "href"), ["/my-blog/articles/penalver-chelsea-talks/"]);
    assert_eq!(page.attrs(".body img", "src"), ["/my-blog/images/rossi.png"]);
}

#[test]
fn check_at_a_base_url_reports_a_root_link_that_leads_nowhere_where_it_is_written() {
    let site = with_root_links(true);
    let check = site.run(&["check", "--base-url", "https://user.github.io/my-blog"], &[]);
    assert_eq!(check.status.code(), Some(1));
    let said = stderr(&check);
    assert!(
        said.contains(
            "error: broken link `/articles/nowhere/`: nothing is built at /my-blog/articles/nowhere/\n --> content/articles/2025-06-11-rossi-again.md:5:88\n"
        ),
        "{said}"
    );
    assert!(said.ends_with("error: 1 problem found, and 5 warnings\n"), "{said}");
    assert!(said.contains("help: link from the site's root to a page, such as /articles/SLUG/"), "{said}");
    let check = site.run(&["check", "--base-url", "notaurl"], &[]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
}

/// A broken `#anchor` in an article's first paragraph is also on every page that shows
/// the summary; it is reported once, where it is written.
#[test]
fn a_broken_anchor_in_a_summary_is_reported_once() {
    let site = TestSite::copy("minimal");
    site.write(
        "content/articles/2025-03-28-anchor.md",
        "+++\ntitle = \"Anchor\"\ndate = 2025-03-28\n+++\nSee [below](#the-fee) for the fee.\n\n## The deal\n",
    );
    let check = site.run(&["check"], &[]);
    assert_eq!(check.status.code(), Some(1));
    let said = stderr(&check);
    assert_eq!(said.matches("error: broken link").count(), 1, "{said}");
    assert!(
        said.contains(
            "error: broken link `#the-fee`: /articles/anchor/ has no #the-fee\n --> content/articles/2025-03-28-anchor.md:5:5\n"
        ),
        "{said}"
    );
    assert!(said.contains("help: link to an id the page has: a heading's is its text in lower case, with hyphens, such as #the-deal\n"), "{said}");
}

/// A link a page cannot carry, or a wikilink that leads nowhere, fails the build but
/// leaves every page whole: `check` follows the other links all the same.
#[test]
fn a_link_a_page_cannot_carry_hides_no_broken_link() {
    let site = TestSite::copy("minimal");
    site.write(
        "content/articles/2025-03-28-faults.md",
        "+++\ntitle = \"Faults\"\ndate = 2025-03-28\n+++\n\
         [Play](javascript:alert(1)), see [[Nobody Known]] and [the talks](/articles/nowhere/).\n",
    );
    let check = site.run(&["check"], &[]);
    assert_eq!(check.status.code(), Some(1));
    let said = stderr(&check);
    for fault in [
        "error: `javascript:alert(1)` is not a link a page can carry\n --> content/articles/2025-03-28-faults.md:5:1\n",
        "error: broken link `/articles/nowhere/`: nothing is built at /articles/nowhere/\n --> content/articles/2025-03-28-faults.md:5:55\n",
    ] {
        assert!(said.contains(fault), "{said}");
    }
    assert!(said.contains("`Nobody Known`"), "{said}");
    assert_eq!(said.matches("error: ").count(), 4, "{said}");
    assert!(said.ends_with("error: 3 problems found, and 3 warnings\n"), "{said}");
    let build = site.build(&[]);
    assert_eq!(build.status.code(), Some(1));
    let built = stderr(&build);
    assert!(!built.contains("broken link"), "{built}");
    assert!(built.ends_with("error: 2 problems found\n"), "{built}");
}
