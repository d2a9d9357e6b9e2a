//! Building the `basic` fixture: a site in New York time, published under a subpath.

use crate::support::{TestSite, snapshot_tree, stderr};

fn built() -> TestSite {
    let site = TestSite::copy("basic");
    site.build_ok(&[]);
    site
}

#[test]
fn the_feed_is_newest_first_grouped_by_day_in_the_site_zone() {
    let site = built();
    let first = site.html("index.html");
    assert_eq!(first.texts(".card-title"), ["Santos bid for a striker", "Modrić renews for one more year"]);

    // 23:30 in New York on 6 January is 7 January in UTC; the feed groups by the site's day.
    let second = site.html("page/2/index.html");
    assert_eq!(second.texts(".day-heading"), ["Tuesday 7 January 2025", "Monday 6 January 2025"]);
    assert_eq!(
        second.texts(".card-title"),
        ["Modrić in talks over a new contract", "Late news: Peñalver wanted in Madrid"]
    );
    let times = second.attrs(".card .meta time", "datetime");
    assert_eq!(times, ["2025-01-07T04:00:00-05:00", "2025-01-06T23:30:00-05:00"]);
}

#[test]
fn pagination_links_pages_under_the_base_path() {
    let site = built();
    assert_eq!(site.html("index.html").attrs(".pagination a", "href"), ["/transfer-blog/page/2/"]);
    assert_eq!(
        site.html("page/2/index.html").attrs(".pagination a", "href"),
        ["/transfer-blog/", "/transfer-blog/page/3/"]
    );
    let last = site.html("page/3/index.html");
    assert_eq!(last.texts(".card-title"), ["Carvajal signs a new deal"]);
    assert_eq!(last.attrs(".pagination a", "href"), ["/transfer-blog/page/2/"]);
    assert!(!site.exists("page/4/index.html"));
    assert!(!site.exists("page/1/index.html"));
}

#[test]
fn every_date_form_is_read_in_the_site_zone() {
    let site = built();
    // A bare date is midnight in New York.
    let carvajal = site.html("articles/carvajal-extends/index.html");
    assert_eq!(carvajal.attrs(".story-header time", "datetime"), ["2025-01-05T00:00:00-05:00"]);
    // An RFC 3339 date-time keeps its instant; `updated` in UTC shows in New York.
    let modric = site.html("articles/modric-talks/index.html");
    assert_eq!(
        modric.attrs(".story-header time", "datetime"),
        ["2025-01-07T04:00:00-05:00", "2025-01-08T07:00:00-05:00"]
    );
    assert_eq!(
        modric.text(".story-header .meta"),
        "7 January 2025, 04:00 · updated 8 January 2025, 07:00 · by Ana Reporter"
    );
}

#[test]
fn accented_names_give_ascii_slugs() {
    let site = built();
    assert!(site.exists("articles/luka-modric-renews/index.html"));
    assert!(site.exists("players/luka-modric/index.html"));
    assert!(site.exists("players/jonas-penalver/index.html"));
}

#[test]
fn every_spelling_of_a_player_finds_one_page() {
    let site = built();
    let players = site.html("players/index.html");
    // By surname: Carvajal, Modrić, Peñalver.
    assert_eq!(players.texts(".player-list a"), ["Dani Carvajal", "Luka Modrić", "Jonás Peñalver"]);
    assert_eq!(players.texts(".letter h2"), ["C", "M", "P"]);

    // "Modric", "LUKA MODRIĆ" and "Luka Modric" are all the profile's Luka Modrić.
    let modric = site.html("players/luka-modric/index.html");
    assert_eq!(modric.text("h1"), "Luka Modrić");
    assert_eq!(modric.texts(".saga-history .badge"), ["Talks", "Done deal"], "a saga reads oldest first");
    assert_eq!(
        modric.texts(".player-articles .article-item a"),
        ["Modrić renews for one more year", "Modrić in talks over a new contract"]
    );
    assert_eq!(modric.texts(".facts dd"), ["Midfielder", "Real Madrid", "Croatia", "9 September 1985"]);
    assert_eq!(modric.attrs(".portrait", "src"), ["/transfer-blog/images/modric.jpg"]);
    assert_eq!(modric.texts(".bio strong"), ["midfielder"]);

    // A player without a profile, spelt two ways in two articles, is one page.
    let penalver = site.html("players/jonas-penalver/index.html");
    assert_eq!(penalver.text("h1"), "Jonás Peñalver");
    assert_eq!(
        penalver.texts(".player-articles .article-item a"),
        ["Santos bid for a striker", "Late news: Peñalver wanted in Madrid"]
    );
    assert_eq!(penalver.texts(".saga-header .move"), ["Santos → to Real Madrid"]);
}

#[test]
fn wikilinks_headings_and_summaries() {
    let site = built();
    let talks = site.html("articles/modric-talks/index.html");
    let links: Vec<_> = talks
        .attrs(".body a[href*='/players/']", "href")
        .into_iter()
        .zip(talks.texts(".body a[href*='/players/']"))
        .collect();
    assert_eq!(
        links,
        [
            ("/transfer-blog/players/luka-modric/".to_owned(), "the Croatian".to_owned()),
            ("/transfer-blog/players/luka-modric/".to_owned(), "modric".to_owned()),
        ]
    );
    assert_eq!(talks.attrs(".body h2", "id"), ["the-details", "the-details-1"]);

    let feed = site.html("page/2/index.html");
    assert_eq!(
        feed.texts(".summary"),
        ["Talks are under way with the Croatian, whom modric fans adore.", "A late-night claim from Spain."]
    );
}

#[test]
fn markdown_extensions_render() {
    let site = built();
    let renews = site.html("articles/luka-modric-renews/index.html");
    assert_eq!(renews.texts(".body del"), ["old news"]);
    assert_eq!(renews.texts(".body td"), ["2025", "Real Madrid"]);
    assert_eq!(renews.attrs(".body input[type=checkbox]", "type").len(), 2);
    assert_eq!(renews.texts(".body .footnote").len(), 1);
    assert_eq!(renews.attrs(".body .footnote-back", "href"), ["#fnref-1"]);
    assert_eq!(renews.texts(".body p")[0], "It is done. \u{201c}Smart quotes\u{201d} \u{2013} and old news.");
}

#[test]
fn rumours_show_on_articles_with_status_deal_and_sources() {
    let site = built();
    let renews = site.html("articles/luka-modric-renews/index.html");
    assert_eq!(renews.text(".rumour-box .badge"), "Done deal");
    // The arrow is read out as "to".
    assert_eq!(renews.text(".rumour-box .move"), "Real Madrid → to Real Madrid");
    assert_eq!(
        renews.texts(".rumour-box .rumour-meta > span"),
        ["Contract extension", "Undisclosed", "per Real Madrid 1 of 1 right"]
    );
    assert_eq!(renews.attrs(".rumour-box .source", "href"), ["/transfer-blog/sources/real-madrid/"]);
    assert_eq!(renews.attrs(".rumour-box .rumour", "class"), ["rumour status-done"]);
}

#[test]
fn drafts_and_future_articles_wait_for_their_flags() {
    let site = built();
    assert!(!site.exists("articles/draft-scoop/index.html"));
    assert!(!site.exists("players/draft-only-player/index.html"));
    assert!(!site.exists("articles/future-move/index.html"));

    site.build_ok(&["--drafts"]);
    assert!(site.exists("articles/draft-scoop/index.html"));
    assert!(site.exists("players/draft-only-player/index.html"));
    assert!(!site.exists("articles/future-move/index.html"));

    site.build_ok(&["--future"]);
    assert!(!site.exists("articles/draft-scoop/index.html"));
    assert!(site.exists("articles/future-move/index.html"));
    assert!(site.exists("players/future-player/index.html"));
}

#[test]
fn a_build_says_what_it_held_back() {
    let site = TestSite::copy("basic");
    let output = site.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "note: held back 1 draft (content/articles/2025-01-11-draft-scoop.md); --drafts builds it\n\
         note: held back 1 article dated after now (content/articles/2999-01-01-future-move.md); --future builds it\n"
    );
    for n in 1..=4 {
        site.write(
            &format!("content/articles/2025-02-0{n}-idea-{n}.md"),
            &format!("+++\ntitle = \"Idea {n}\"\ndate = 2025-02-0{n}\ndraft = true\n+++\n"),
        );
    }
    let output = site.build(&["--future"]);
    assert_eq!(
        stderr(&output),
        "note: held back 5 drafts (content/articles/2025-01-11-draft-scoop.md, content/articles/2025-02-01-idea-1.md, content/articles/2025-02-02-idea-2.md and 2 more); --drafts builds them\n"
    );
    let output = site.build(&["--drafts", "--future"]);
    assert_eq!(stderr(&output), "");
}

#[test]
fn pages_static_files_and_machine_files() {
    let site = built();
    let about = site.html("about/index.html");
    assert_eq!(about.text("h1"), "About us");
    assert_eq!(about.attrs(".body a", "href"), ["/transfer-blog/players/dani-carvajal/"]);
    assert_eq!(site.read("images/modric.jpg"), "not really a picture\n");
    assert!(site.exists(".nojekyll"));
    assert!(site.exists("style.css"));
    assert!(!site.exists("CNAME"));
    let not_found = site.html("404.html");
    assert_eq!(not_found.attrs("main a", "href"), ["/transfer-blog/", "/transfer-blog/players/"]);
    assert!(site.html("index.html").attrs(".nav a", "href").contains(&"/transfer-blog/about/".to_owned()));
}

#[test]
fn the_atom_feed_has_absolute_links_and_true_instants() {
    let site = built();
    let feed = feed_rs::parser::parse(site.read("atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 5);
    let talks = feed.entries.iter().find(|e| e.id.ends_with("/articles/modric-talks/")).unwrap();
    assert_eq!(talks.id, "https://example.github.io/transfer-blog/articles/modric-talks/");
    assert_eq!(talks.links[0].href, "https://example.github.io/transfer-blog/articles/modric-talks/");
    assert_eq!(talks.published.unwrap().to_rfc3339(), "2025-01-07T09:00:00+00:00");
    assert_eq!(talks.updated.unwrap().to_rfc3339(), "2025-01-08T12:00:00+00:00");
    assert_eq!(talks.authors[0].name.as_deref(), Some("Ana Reporter"));
    let titles: Vec<_> = feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
    assert_eq!(titles[0], "Santos bid for a striker");
}

#[test]
fn base_url_on_the_command_line_wins() {
    let site = TestSite::copy("basic");
    site.build_ok(&["--base-url", "https://transfers.example.com"]);
    assert_eq!(site.html("index.html").attrs(".pagination a", "href"), ["/page/2/"]);
    assert!(site.read("atom.xml").contains("https://transfers.example.com/articles/modric-talks/"));
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let site = TestSite::copy("basic");
    site.write(
        "templates/article.html",
        r#"{% extends "base.html" %}{% block content %}<h1 class="custom">{{ article.title }}</h1>{% endblock content %}"#,
    );
    site.build_ok(&[]);
    let article = site.html("articles/modric-talks/index.html");
    assert_eq!(article.text("h1.custom"), "Modrić in talks over a new contract");
    assert_eq!(article.texts(".brand"), ["Fixture Mill"], "the built-in base.html is still used");
    assert_eq!(site.html("players/luka-modric/index.html").text("h1"), "Luka Modrić");
}

#[test]
fn partials_rendered_once_per_item_follow_their_override() {
    let site = TestSite::built_with_templates(
        "basic",
        &[
            ("partials/article_item.html", r#"<li class="mine">{{ article.title }}</li>"#),
            (
                "partials/rumour_meta.html",
                r#"<span class="mine">{{ rumour.sources | length }} sources · {{ site.title }}</span>"#,
            ),
        ],
    );
    let headline = "Modrić in talks over a new contract";
    for list in ["players/luka-modric/index.html", "tags/la-liga/index.html", "sources/as/index.html"] {
        assert!(site.html(list).texts("li.mine").contains(&headline.to_owned()), "{list}");
    }
    let meta = "2 sources · Fixture Mill";
    assert_eq!(site.html("articles/modric-talks/index.html").texts(".rumours span.mine"), [meta]);
    assert!(site.html("page/2/index.html").texts(".card span.mine").contains(&meta.to_owned()));
    let player = site.html("players/luka-modric/index.html");
    assert!(player.texts(".saga-history span.mine").contains(&meta.to_owned()));
}

#[test]
fn html_fields_are_html_with_or_without_the_safe_filter() {
    let site = TestSite::copy("basic");
    site.write(
        "templates/tag.html",
        r#"{% extends "base.html" %}{% block content %}<ul class="plain">{% for article in articles %}{% include "partials/article_item.html" %}{% endfor %}</ul>{% for article in articles %}<div class="summary">{{ article.summary_html }}</div><div class="safe">{{ article.summary_html | safe }}</div>{% endfor %}{% endblock content %}"#,
    );
    site.build_ok(&[]);
    let tag = site.html("tags/la-liga/index.html");
    let headline = "Modrić in talks over a new contract".to_owned();
    let plain = tag.texts("ul.plain li.article-item a");
    assert!(plain.contains(&headline), "{plain:?}");
    let summaries = tag.texts("div.summary p");
    assert!(!summaries.is_empty(), "a summary is its paragraphs, not their markup as text");
    assert_eq!(summaries, tag.texts("div.safe p"));
}

#[test]
fn a_source_record_follows_its_partials_override_wherever_the_source_is_cited() {
    let site = TestSite::copy("basic");
    site.write(
        "templates/partials/record.html",
        r#"<span class="mine">{{ source.name }} {{ source.record.open }} open · {{ site.title }}</span>"#,
    );
    site.build_ok(&[]);
    let records = ["AS 0 open · Fixture Mill", "Marca 1 open · Fixture Mill"];
    let article = site.html("articles/modric-talks/index.html");
    assert_eq!(article.texts(".rumours .rumour-meta span.mine"), records, "beside each rumour's sources");
    assert_eq!(article.texts(".story-footer span.mine"), records, "and the article's");
    let card = site.html("page/2/index.html").texts(".card span.mine");
    assert!(records.iter().all(|record| card.contains(&(*record).to_owned())), "{card:?}");
}

#[test]
fn partials_rendered_once_for_the_site_follow_their_override_on_every_page() {
    let site = TestSite::built_with_templates(
        "basic",
        &[
            ("partials/masthead.html", r#"<header class="mine">{{ site.title }}</header>"#),
            (
                "partials/feed_links.html",
                r#"{% for feed in site.feeds %}<link rel="alternate" type="{{ feed.mime }}" href="{{ feed.url }}#mine">{% endfor %}"#,
            ),
        ],
    );
    let site_feeds =
        ["/transfer-blog/atom.xml#mine", "/transfer-blog/rss.xml#mine", "/transfer-blog/feed.json#mine"];
    for path in ["index.html", "articles/modric-talks/index.html", "404.html"] {
        let page = site.html(path);
        assert_eq!(page.texts("header.mine"), ["Fixture Mill"], "{path}");
        assert_eq!(page.texts(".masthead"), Vec::<String>::new(), "{path}");
        assert_eq!(page.attrs("link[rel=alternate]", "href"), site_feeds, "{path}");
    }
    let tag = site.html("tags/la-liga/index.html").attrs("link[rel=alternate]", "href");
    assert_eq!(tag[..3], site_feeds, "a tag's page lists the site's feeds");
    assert_eq!(tag[3..], ["/transfer-blog/tags/la-liga/atom.xml"], "then the tag's own");
    let player = site.html("players/luka-modric/index.html").attrs("link[rel=alternate]", "href");
    assert_eq!(player[..3], site_feeds, "a player's page lists the site's feeds");
    assert_eq!(player[3..], ["/transfer-blog/players/luka-modric/atom.xml"], "then the player's own");
}

#[test]
fn an_error_in_a_partial_rendered_once_per_item_names_its_line() {
    for (partial, text, at) in [
        ("partials/article_item.html", "<li>\n{{ article.headline }}</li>", "2:12"),
        ("partials/record.html", "<span>\n{{ source.score }}</span>", "2:11"),
        ("partials/masthead.html", "<header>\n{{ site.motto }}</header>", "2:9"),
    ] {
        let site = TestSite::copy("basic");
        site.write(&format!("templates/{partial}"), text);
        let out = site.run(&["build"], &[]);
        assert_eq!(out.status.code(), Some(1));
        let errors = stderr(&out);
        assert!(errors.contains(&format!("--> templates/{partial}:{at}")), "{errors}");
        assert!(errors.contains("1 problem found"), "reported once, not once per item: {errors}");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let site = TestSite::copy("basic");
    let one = site.root.join("one");
    let many = site.root.join("many");
    let run = |output: &std::path::Path, threads: &str| {
        let out =
            site.run(&["build", "--output", output.to_str().unwrap()], &[("RAYON_NUM_THREADS", threads)]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    run(&one, "1");
    run(&many, "4");
    let (one, many) = (snapshot_tree(&one), snapshot_tree(&many));
    assert!(one.len() > 15, "{:?}", one.keys());
    assert_eq!(one, many);
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = built();
    let before = snapshot_tree(&site.public());
    site.write("content/articles/broken.md", "+++\ntitle = \"Broken\"\n+++\n");
    site.write(
        "content/articles/2025-01-10-santos-bid.md",
        "+++\ntitle = \"Changed\"\ndate = 2025-01-10\n+++\n",
    );
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(snapshot_tree(&site.public()), before);
    assert_eq!(leftovers(&site), Vec::<String>::new(), "nothing is left beside the output");
}

#[test]
fn a_folder_rumourmill_did_not_make_is_never_replaced() {
    let site = TestSite::copy("basic");
    site.write("docs/notes.txt", "my notes");
    let output = site.build(&["--output", "docs"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("was not made by rumourmill"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(site.root.join("docs/notes.txt")).unwrap(), "my notes");
}

/// What rumourmill keeps beside the site's output folder.
fn leftovers(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("rumourmill"))
        .collect()
}

#[test]
fn a_rebuild_gives_what_a_fresh_build_gives() {
    let site = TestSite::copy("basic");
    site.write("static/logo.txt", "logo");
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert!(site.exists("logo.txt"));
    assert!(snapshot_tree(&site.public()).keys().any(|path| path.contains("penalver")));

    std::fs::remove_file(site.root.join("static/logo.txt")).unwrap();
    std::fs::remove_file(site.root.join("content/articles/2025-01-06-penalver-late-news.md")).unwrap();
    site.write(
        "content/articles/2025-01-10-santos-bid.md",
        "+++\ntitle = \"Santos bid again\"\ndate = 2025-01-10\n+++\nA new bid.\n",
    );
    for _ in 0..2 {
        site.build_ok(&[]);
    }
    let rebuilt = snapshot_tree(&site.public());
    let fresh = site.root.join("fresh");
    site.build_ok(&["--output", fresh.to_str().unwrap()]);
    assert!(!site.exists("logo.txt"));
    assert!(!rebuilt.keys().any(|path| path.contains("penalver")), "{:?}", rebuilt.keys());
    assert_eq!(rebuilt, snapshot_tree(&fresh));
    assert_eq!(leftovers(&site), Vec::<String>::new(), "nothing is left beside the output");
}

#[test]
fn the_library_builds_what_the_command_builds() {
    let site = built();
    let output = site.root.join("library");
    let options = rumourmill::BuildOptions {
        root: site.root.clone(),
        output: output.clone(),
        base_url: None,
        include: rumourmill::Include::default(),
    };
    let report = rumourmill::build(&options).unwrap();
    assert_eq!(report.articles, 5);
    assert_eq!(snapshot_tree(&output), snapshot_tree(&site.public()));
}
