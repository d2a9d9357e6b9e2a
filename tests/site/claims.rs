//! Claims you can trace, on the `claims` fixture (summer 2025, London time): a round-up
//! that restates Romano's report of talks from May, read in Gossip Daily, and Ornstein's
//! of interest, read in The Athletic; Gyökeres's move to Arsenal done, his Manchester
//! United saga closed by it, Guéhi's Liverpool move off, and Wharton's open.

use serde_json::{Value, json};

use crate::support::TestSite;

fn built() -> TestSite {
    TestSite::built("claims")
}

fn feed(site: &TestSite, path: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(site.read(path).as_bytes()).unwrap()
}

fn titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect()
}

#[test]
fn a_saga_orders_its_claims_by_when_they_were_made_and_credits_who_was_first() {
    let site = built();
    let saga = site.html("sagas/viktor-gyokeres-to-arsenal/index.html");
    // Romano's talks, restated on 10 July, were reported on 30 May: before Sky's interest.
    assert_eq!(
        saga.attrs(".saga-history > li > time", "datetime"),
        [
            "2025-05-30T00:00:00+01:00",
            "2025-06-02T08:00:00+01:00",
            "2025-07-08T18:30:00+01:00",
            "2025-07-10T12:00:00+01:00",
            "2025-07-26T15:00:00+01:00"
        ]
    );
    assert_eq!(saga.texts(".saga-history > li > .badge"), ["Talks", "Interest", "Bid", "Bid", "Done deal"]);
    assert_eq!(saga.texts(".first .source"), ["Fabrizio Romano"]);
    assert_eq!(saga.texts(".saga-status .badge"), ["Done deal"]);
    assert!(saga.texts(".likelihood").is_empty(), "a closed saga shows its outcome, not a likelihood");

    // The relayed report: who said it, where it was read, and the link to it.
    assert_eq!(saga.texts(".saga-history > li:first-child a.source"), ["Fabrizio Romano", "Gossip Daily"]);
    assert_eq!(
        saga.texts(".saga-history > li:first-child .sources"),
        ["per Fabrizio Romano 1 of 1 right via Gossip Daily (report)"]
    );
    assert_eq!(
        saga.attrs(".saga-history > li:first-child a.report", "href"),
        ["https://example.com/romano-gyokeres"]
    );
    assert_eq!(saga.attrs(".saga-history > li:first-child a.via", "href"), ["/desk/sources/gossip-daily/"]);

    let sources = site.data("sources");
    let first: Vec<(&str, u64)> = sources
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["slug"].as_str().unwrap(), s["first"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        first,
        [
            ("david-ornstein", 0),
            ("fabrizio-romano", 1),
            ("gossip-daily", 0),
            ("sky-sports", 0),
            ("the-athletic", 0)
        ]
    );
    let romano = site.html("sources/fabrizio-romano/index.html");
    assert_eq!(romano.texts(".first-note"), ["First to report 1 completed move."]);
    assert_eq!(romano.texts(".judgements .first"), ["first to report"]);
}

#[test]
fn only_the_source_earns_the_record_and_the_outlet_lists_what_it_carried() {
    let site = built();
    let records: Vec<(String, u64, u64, u64)> = site
        .data("sources")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let n = |key: &str| s[key].as_u64().unwrap();
            (s["slug"].as_str().unwrap().to_owned(), n("right"), n("wrong"), n("open"))
        })
        .collect();
    let record = |slug: &str, right, wrong, open| (slug.to_owned(), right, wrong, open);
    assert_eq!(
        records,
        [
            // Ornstein's interest, read in The Athletic, came to nothing; so did The
            // Athletic's own report of United's interest.
            record("david-ornstein", 0, 1, 0),
            record("fabrizio-romano", 1, 0, 0),
            // Gossip Daily's own claim of a bid for Gyökeres counts; what it carried does not.
            record("gossip-daily", 1, 0, 0),
            record("sky-sports", 2, 0, 1),
            record("the-athletic", 0, 1, 0),
        ]
    );
    let carried = site.html("sources/gossip-daily/index.html");
    assert_eq!(carried.texts(".article-item > a"), ["Round-up: what the week said"]);
    let athletic = site.html("sources/the-athletic/index.html");
    assert_eq!(
        athletic.texts(".article-item > a"),
        ["Round-up: what the week said", "Arsenal and United circle Gyökeres"]
    );
}

#[test]
fn a_saga_feed_has_one_entry_per_change_of_status() {
    let site = built();
    let arsenal = feed(&site, "sagas/viktor-gyokeres-to-arsenal/atom.xml");
    // Two claims of a bid, on 8 and 10 July, are one change.
    assert_eq!(
        titles(&arsenal),
        [
            "Done deal: Viktor Gyökeres to Arsenal",
            "Bid: Viktor Gyökeres to Arsenal",
            "Interest: Viktor Gyökeres to Arsenal",
            "Talks: Viktor Gyökeres to Arsenal"
        ]
    );
    let ids: Vec<&str> = arsenal.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids.last(),
        Some(&"https://example.com/desk/sagas/viktor-gyokeres-to-arsenal/#talks-2025-05-30")
    );
    assert_eq!(arsenal.entries[0].links[0].href, "https://example.com/desk/articles/gyokeres-joins/");
    let talks = arsenal.entries[3].summary.as_ref().unwrap().content.clone();
    assert!(talks.contains("per Fabrizio Romano via Gossip Daily"), "{talks}");

    // The move to Arsenal closed the United saga: its last entry says so.
    let united = feed(&site, "sagas/viktor-gyokeres-to-manchester-united/atom.xml");
    assert_eq!(
        titles(&united),
        ["Off: Viktor Gyökeres to Manchester United", "Interest: Viktor Gyökeres to Manchester United"]
    );
    let off = united.entries[0].summary.as_ref().unwrap().content.clone();
    assert!(off.contains("Viktor Gyökeres joined Arsenal instead."), "{off}");

    let guehi = feed(&site, "sagas/marc-guehi-to-liverpool/atom.xml");
    assert_eq!(
        titles(&guehi),
        ["Off: Marc Guéhi to Liverpool", "Bid: Marc Guéhi to Liverpool", "Interest: Marc Guéhi to Liverpool"]
    );

    // Every source and tag has a feed too.
    assert_eq!(feed(&site, "sources/sky-sports/atom.xml").entries.len(), 6);
    assert_eq!(titles(&feed(&site, "sources/gossip-daily/atom.xml")), ["Round-up: what the week said"]);
}

#[test]
fn an_open_saga_says_how_likely_it_is_and_how_that_is_reached() {
    let site = built();
    // Talks (35 %) backed by Sky Sports, right twice and never wrong: trust (2 + 1) / (2 + 2)
    // closes half of three quarters less a half of the gap: 35 + 65 × 0.25 = 51.25.
    let wharton = site.html("sagas/adam-wharton-to-real-madrid/index.html");
    assert_eq!(wharton.texts(".likelihood .percent strong"), ["51%"]);
    let how = wharton.text(".likelihood details p");
    assert!(how.contains("starts at 35%"), "{how}");
    assert!(how.contains("Sky Sports (2 right, 0 wrong), is trusted 75%"), "{how}");

    let sagas = site.data("sagas");
    let likelihood: Vec<(&str, &str, &Value)> = sagas
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["player"].as_str().unwrap(), s["to"].as_str().unwrap(), &s["likelihood"]))
        .collect();
    assert_eq!(
        likelihood,
        [
            ("adam-wharton", "real-madrid", &json!(51)),
            ("marc-guehi", "liverpool", &Value::Null),
            ("viktor-gyokeres", "arsenal", &Value::Null),
            ("viktor-gyokeres", "manchester-united", &Value::Null),
        ]
    );
}

#[test]
fn open_data_gives_claim_dates_links_and_outlets() {
    let site = built();
    let sagas = site.data("sagas");
    let arsenal = sagas.as_array().unwrap().iter().find(|s| s["to"] == "arsenal").unwrap();
    assert_eq!(arsenal["url"], "/desk/sagas/viktor-gyokeres-to-arsenal/");
    assert_eq!(arsenal["first"], json!(["fabrizio-romano"]));
    assert_eq!(
        arsenal["rumours"][0],
        json!({
            "date": "2025-05-30T00:00:00+01:00",
            "article_date": "2025-07-10T12:00:00+01:00",
            "status": "talks",
            "deal": "permanent",
            "fee": null,
            "fee_value": null,
            "sources": ["fabrizio-romano"],
            "urls": {"fabrizio-romano": "https://example.com/romano-gyokeres"},
            "via": {"fabrizio-romano": "gossip-daily"},
            "article": "/desk/articles/round-up/"
        })
    );
}

#[test]
fn an_old_article_says_where_its_sagas_went() {
    let site = built();
    let first = site.html("articles/gyokeres-circled/index.html");
    assert_eq!(
        first.texts(".rumour-box .saga-now"),
        ["Later: Done deal, 26 July 2025", "Later: Off, 26 July 2025"]
    );
    assert_eq!(
        first.attrs(".rumour-box .saga-now", "href"),
        ["/desk/sagas/viktor-gyokeres-to-arsenal/", "/desk/sagas/viktor-gyokeres-to-manchester-united/"]
    );
    // The latest word on a saga has nothing later to say.
    let latest = site.html("articles/wharton-talks/index.html");
    assert_eq!(latest.texts(".rumour-box .saga-now"), ["The saga"]);
    // Player and club pages link to the sagas.
    let player = site.html("players/viktor-gyokeres/index.html");
    assert_eq!(
        player.attrs(".saga-link", "href"),
        ["/desk/sagas/viktor-gyokeres-to-arsenal/", "/desk/sagas/viktor-gyokeres-to-manchester-united/"]
    );
    let club = site.html("clubs/liverpool/index.html");
    assert_eq!(club.attrs(".saga-row a[href*='/sagas/']", "href"), ["/desk/sagas/marc-guehi-to-liverpool/"]);
}

#[test]
fn updates_show_at_the_top_and_corrections_at_the_foot_and_in_the_feed() {
    let site = built();
    let joins = site.html("articles/gyokeres-joins/index.html");
    assert_eq!(
        joins.texts(".updates li"),
        ["26 July 2025, 18:45 Gyökeres has been given the number 14 shirt."]
    );
    assert_eq!(
        joins.texts(".corrections li"),
        ["Correction, 27 July 2025, 09:00: An earlier version gave the fee as €70m; it is €63.5m."]
    );
    // The latest update dates the article's change, on the page and in the feed.
    assert_eq!(joins.attrs(".story-header .meta time", "datetime")[1], "2025-07-27T09:00:00+01:00");
    let site_feed = feed(&site, "atom.xml");
    let entry = site_feed.entries.iter().find(|e| e.id.ends_with("/articles/gyokeres-joins/")).unwrap();
    assert_eq!(entry.updated.unwrap().to_rfc3339(), "2025-07-27T08:00:00+00:00");
    let content = entry.content.as_ref().unwrap().body.clone().unwrap();
    let update =
        content.find("<strong>Update, 26 July 2025, 18:45:</strong> Gyökeres has been given").unwrap();
    let body = content.find("The striker has signed.").unwrap();
    let correction =
        content.find("<strong>Correction, 27 July 2025, 09:00:</strong> An earlier version").unwrap();
    assert!(update < body && body < correction, "{content}");
}

#[test]
fn an_alias_sends_readers_on_and_search_engines_to_the_article() {
    let site = built();
    for alias in ["2025/07/gyokeres-arsenal/index.html", "gyokeres-signs.html"] {
        let page = site.html(alias);
        let to = "https://example.com/desk/articles/gyokeres-joins/";
        assert_eq!(page.attrs("meta[http-equiv=refresh]", "content"), [format!("0; url={to}")], "{alias}");
        assert_eq!(page.attrs("link[rel=canonical]", "href"), [to], "{alias}");
        assert_eq!(page.attrs("meta[name=robots]", "content"), ["noindex"], "{alias}");
    }
    assert!(!site.read("sitemap.xml").contains("gyokeres-arsenal"));
}

#[test]
fn long_listings_go_on_over_pages_and_articles_link_their_relations() {
    let site = built();
    // Three to a page: Gyökeres's four articles take two.
    let first = site.html("players/viktor-gyokeres/index.html");
    assert_eq!(
        first.texts(".player-articles .article-item > a"),
        ["Gyökeres joins Arsenal", "Round-up: what the week said", "Arsenal bid for Gyökeres"]
    );
    assert_eq!(first.attrs(".pagination a[rel=next]", "href"), ["/desk/players/viktor-gyokeres/page/2/"]);
    let second = site.html("players/viktor-gyokeres/page/2/index.html");
    assert_eq!(second.texts(".player-articles .article-item > a"), ["Arsenal and United circle Gyökeres"]);
    assert_eq!(second.attrs(".pagination a[rel=prev]", "href"), ["/desk/players/viktor-gyokeres/"]);
    assert_eq!(second.texts(".pagination .page-count"), ["Page 2 of 2"]);
    assert!(second.texts(".sagas").is_empty(), "the sagas are on the first page only");
    assert_eq!(
        second.attrs("link[rel=canonical]", "href"),
        ["https://example.com/desk/players/viktor-gyokeres/page/2/"]
    );
    assert!(site.exists("sources/sky-sports/page/2/index.html"));
    assert!(!site.exists("players/viktor-gyokeres/page/3/index.html"));

    // The round-up is on two sagas: the five other articles of them, newest first.
    let round_up = site.html("articles/round-up/index.html");
    assert_eq!(
        round_up.texts(".related li"),
        [
            "Guéhi move collapses",
            "Liverpool bid for Guéhi",
            "Gyökeres joins Arsenal",
            "Arsenal bid for Gyökeres",
            "Arsenal and United circle Gyökeres"
        ]
    );
}
