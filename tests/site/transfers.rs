//! The transfer model on the `transfers` fixture, in Madrid time: a saga closed by a move
//! elsewhere, a source right on one saga and wrong on another, a denial that proves right,
//! a local time in a non-UTC zone, an accented alias, a source without a profile, and a
//! player with two agreements at once.

use serde_json::{Value, json};

use crate::support::{TestSite, stderr};

fn built() -> TestSite {
    TestSite::built("transfers")
}

#[test]
fn sagas_json_groups_rumours_and_closes_them_by_the_rules() {
    let site = built();
    let sagas = site.data("sagas");
    let summary: Vec<(&str, &str, &str, bool, &Value)> = sagas
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |key: &str| s[key].as_str().unwrap();
            (text("player"), text("to"), text("status"), s["closed"].as_bool().unwrap(), &s["closed_by"])
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("tomas-ibanez", "benfica", "medical", false, &Value::Null),
            ("tomas-ibanez", "chelsea", "agreed", false, &Value::Null),
            ("jonas-penalver", "chelsea", "off", true, &json!("real-madrid")),
            ("jonas-penalver", "real-madrid", "done", true, &Value::Null),
            ("marco-rossi", "benfica", "off", true, &Value::Null),
        ]
    );

    // "Peñalver", "Penita" (an alias written without its accent) and "Jonas Penalver"
    // are one player; the bid at 22:30 Madrid time keeps its local offset.
    let madrid = &sagas[3];
    assert_eq!(madrid["from"], "santos");
    assert_eq!(
        madrid["rumours"],
        json!([
            {"date": "2025-06-05T22:30:00+02:00", "article_date": "2025-06-05T22:30:00+02:00", "status": "bid",
             "deal": "permanent", "fee": "€35m", "fee_value": null, "sources": ["transfer-oracle"], "urls": {}, "via": {},
             "article": "/mill/articles/late-bids/"},
            {"date": "2025-06-20T09:00:00+02:00", "article_date": "2025-06-20T09:00:00+02:00", "status": "done",
             "deal": "permanent", "fee": "€40m", "fee_value": null, "sources": ["transfer-oracle"], "urls": {}, "via": {},
             "article": "/mill/articles/penalver-signs/"},
        ])
    );
    assert_eq!(sagas[2]["updated"], "2025-06-20T09:00:00+02:00", "closed when the move elsewhere was done");
}

#[test]
fn sources_json_scores_every_source() {
    let site = built();
    assert_eq!(
        site.data("sources"),
        json!([
            {"slug": "daily-gossip", "name": "Daily Gossip", "tier": 5, "right": 0, "wrong": 2, "open": 1, "hit_rate": 0.0, "first": 0, "windows": []},
            {"slug": "tio-paco", "name": "Tío Paco", "tier": null, "right": 1, "wrong": 0, "open": 1, "hit_rate": 1.0, "first": 0, "windows": []},
            // The Oracle's bid was the first claim on Peñalver's move to Madrid.
            {"slug": "transfer-oracle", "name": "Transfer Oracle", "tier": 2, "right": 1, "wrong": 1, "open": 0, "hit_rate": 0.5, "first": 1, "windows": []},
        ])
    );
}

#[test]
fn players_json_follows_completed_moves() {
    let site = built();
    assert_eq!(
        site.data("players"),
        json!([
            {"slug": "jonas-penalver", "name": "Jonás Peñalver", "club": "real-madrid", "articles": 3, "sagas": 2},
            {"slug": "marco-rossi", "name": "Marco Rossi", "club": null, "articles": 2, "sagas": 1},
            {"slug": "tomas-ibanez", "name": "Tomás Ibáñez", "club": null, "articles": 1, "sagas": 2},
        ])
    );
}

#[test]
fn a_source_page_shows_its_record_and_the_sagas_behind_it() {
    let site = built();
    let oracle = site.html("sources/transfer-oracle/index.html");
    assert_eq!(oracle.texts(".record-figures strong"), ["1", "1", "0", "50%"]);
    assert_eq!(oracle.texts(".judgements .verdict"), ["Wrong", "Right · first to report"]);
    assert_eq!(oracle.attrs(".judgements tr[class]", "class"), ["verdict-wrong", "verdict-right"]);

    // A source without a profile still has a page and a record; its denial proved right.
    let paco = site.html("sources/tio-paco/index.html");
    assert_eq!(paco.text("h1"), "Tío Paco");
    assert_eq!(
        paco.texts(".judgements td:first-child"),
        ["Tomás Ibáñez to Benfica", "Marco Rossi to Benfica"]
    );
    assert_eq!(paco.texts(".judgements .verdict"), ["Open", "Right"]);
    assert_eq!(paco.texts(".judgements td:nth-child(2) .badge"), ["Medical", "Off"]);
}

#[test]
fn the_sources_index_puts_the_best_record_first() {
    let site = built();
    let index = site.html("sources/index.html");
    assert_eq!(index.texts(".sources-table td:first-child"), ["Tío Paco", "Transfer Oracle", "Daily Gossip"]);
    assert_eq!(index.texts(".sources-table td:last-child"), ["100%", "50%", "0%"]);
}

#[test]
fn records_stand_beside_every_citation() {
    let site = built();
    let talks = site.html("articles/penalver-chelsea-talks/index.html");
    assert_eq!(talks.texts(".rumour-box .source"), ["Daily Gossip", "Transfer Oracle"]);
    assert_eq!(talks.texts(".rumour-box .record"), ["0 of 2 right", "1 of 2 right"]);
    assert_eq!(talks.texts(".story-footer .record"), ["0 of 2 right", "1 of 2 right"]);
    let sagas = site.html("players/tomas-ibanez/index.html");
    assert_eq!(sagas.texts(".saga-history .record"), ["1 of 1 right", "0 of 2 right"]);
}

#[test]
fn player_pages_show_sagas_and_flag_contradictions() {
    let site = built();
    let penalver = site.html("players/jonas-penalver/index.html");
    assert_eq!(penalver.texts(".saga-header .badge"), ["Off", "Done deal"]);
    assert_eq!(penalver.texts(".saga-note"), ["Off: Jonás Peñalver joined Real Madrid instead."]);
    assert_eq!(penalver.texts(".saga.status-done .saga-history .badge"), ["Bid", "Done deal"]);
    assert_eq!(penalver.texts(".facts dd a"), ["Real Madrid"], "the club follows the completed move");
    assert!(penalver.texts(".contradiction").is_empty());

    let ibanez = site.html("players/tomas-ibanez/index.html");
    assert_eq!(ibanez.texts(".contradiction strong"), ["Contradiction:"]);
    assert_eq!(site.html("players/index.html").texts(".flag"), ["contradiction"]);
}

#[test]
fn club_pages_show_moves_in_and_out() {
    let site = built();
    let santos = site.html("clubs/santos/index.html");
    assert_eq!(
        santos.texts(".moves-out .deals:not(.live):not(.off) tbody td"),
        ["Jonás Peñalver", "Real Madrid", "€40m", "20 June 2025"]
    );
    assert!(santos.texts(".moves-out .deals.live .saga-row").is_empty(), "the Chelsea saga is off");
    assert_eq!(
        santos.texts(".moves-out .deals.off .saga-row td"),
        ["Jonás Peñalver", "Santos → Chelsea", "Off", "20 June 2025"],
        "a collapsed saga is listed as off"
    );
    assert_eq!(santos.texts(".facts dd"), ["Série A", "Brazil"]);

    let madrid = site.html("clubs/real-madrid/index.html");
    assert_eq!(
        madrid.texts(".moves-in .deals:not(.live):not(.off) tbody td"),
        ["Jonás Peñalver", "Santos", "€40m", "20 June 2025"]
    );

    // A club without a profile gets a page from what the articles say.
    let chelsea = site.html("clubs/chelsea/index.html");
    assert_eq!(
        chelsea.texts(".moves-in .deals.live .saga-row td"),
        ["Tomás Ibáñez", "Chelsea", "Agreed", "1 July 2025"]
    );
    assert_eq!(
        chelsea.texts(".moves-in .deals.off .saga-row td"),
        ["Jonás Peñalver", "Santos → Chelsea", "Off", "20 June 2025"]
    );
    assert_eq!(
        chelsea.texts(".club-articles .article-item a"),
        ["Ibáñez: two clubs, two agreements?", "Chelsea in talks for Peñalver"]
    );
    let clubs = site.html("clubs/index.html");
    assert_eq!(clubs.texts(".player-list a"), ["Benfica", "Chelsea", "Real Madrid", "Santos"]);
}

/// Each article on a club's page shows only the rumours that involve the club: Ibáñez's
/// agreement with Chelsea and medical at Benfica are one article, the bids of one day
/// another.
#[test]
fn a_club_page_shows_only_the_rumours_that_involve_the_club() {
    let site = built();
    let badges = |club: &str| {
        site.html(&format!("clubs/{club}/index.html")).texts(".club-articles .article-item .badge")
    };
    assert_eq!(badges("chelsea"), ["Agreed", "Talks"]);
    assert_eq!(badges("benfica"), ["Medical", "Off", "Interest"]);
    assert_eq!(badges("real-madrid"), ["Done deal", "Bid"]);
}

#[test]
fn wikilinks_reach_clubs_and_sources() {
    let site = built();
    let talks = site.html("articles/penalver-chelsea-talks/index.html");
    assert_eq!(
        talks.attrs(".body a", "href"),
        ["/mill/sources/daily-gossip/", "/mill/sources/transfer-oracle/"]
    );
    let bids = site.html("articles/late-bids/index.html");
    assert_eq!(bids.attrs(".body a", "href"), ["/mill/clubs/real-madrid/", "/mill/clubs/santos/"]);
}

#[test]
fn tags_have_pages() {
    let site = built();
    let tag = site.html("tags/contradictions/index.html");
    assert_eq!(tag.texts(".article-item a"), ["Ibáñez: two clubs, two agreements?"]);
    assert_eq!(tag.texts(".article-item .badge"), ["Agreed", "Medical"]);
    assert_eq!(site.html("tags/index.html").texts(".player-list a"), ["Contradictions"]);
}

#[test]
fn check_fails_on_a_name_near_a_profiled_one_and_warns_of_the_others_without_a_profile() {
    let site = TestSite::copy("transfers");
    site.write(
        "content/articles/2025-07-02-typo.md",
        "+++\ntitle = \"Oracle again\"\ndate = 2025-07-02\n\n[[rumours]]\nplayer = \"Marco Rossi\"\nto = \"Porto\"\nstatus = \"rumour\"\nsources = [\"Transfer Oracel\"]\n+++\n",
    );
    let output = site.run(&["check"], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!site.public().exists());
    let warnings = stderr(&output);
    insta::assert_snapshot!("check_warnings", warnings);

    // A profile settles it, and the rest are warnings.
    site.write("content/sources/transfer-oracel.md", "+++\nname = \"Transfer Oracel\"\n+++\n");
    let output = site.run(&["check"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).ends_with("warning: 6 warnings\n"), "{}", stderr(&output));

    // A build is not stopped by a near miss.
    std::fs::remove_file(site.root.join("content/sources/transfer-oracel.md")).unwrap();
    site.build_ok(&[]);
}

#[test]
fn check_fails_on_errors_and_lists_every_problem() {
    let site = TestSite::copy("transfers");
    site.write(
        "content/articles/2025-07-03-broken.md",
        "+++\ntitle = \"Broken\"\ndate = 2025-07-03\nstatus = \"done\"\n+++\n",
    );
    let output = site.run(&["check"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("error: unknown field `status`\n --> content/articles/2025-07-03-broken.md:4:1"),
        "{text}"
    );
    assert!(text.contains("warning: no profile for the source `Tío Paco`"), "{text}");
    assert!(!site.public().exists());
}

/// The transfers fixture and three more articles: a later restatement of Peñalver's move,
/// a loan that falls through, and a round-up that cites two sources for different claims.
fn with_more_news() -> TestSite {
    let site = TestSite::copy("transfers");
    site.write(
        "content/articles/2025-08-01-penalver-settles-in.md",
        "+++\ntitle = \"Peñalver settles in\"\ndate = 2025-08-01\n\n[[rumours]]\nplayer = \"Penita\"\nfrom = \"Santos\"\nto = \"Real Madrid\"\nstatus = \"done\"\n+++\nStill done.\n",
    );
    site.write(
        "content/articles/2025-08-02-rossi-loan.md",
        "+++\ntitle = \"Rossi loan talks\"\ndate = 2025-08-02\n\n[[rumours]]\nplayer = \"Marco Rossi\"\nto = \"Porto\"\nstatus = \"talks\"\ndeal = \"loan\"\nsources = [\"Daily Gossip\"]\n+++\nA loan.\n",
    );
    site.write(
        "content/articles/2025-08-03-round-up.md",
        "+++\ntitle = \"Round-up\"\ndate = 2025-08-03\n\n[[rumours]]\nplayer = \"Marco Rossi\"\nto = \"Porto\"\nstatus = \"off\"\nsources = [\"Tío Paco\"]\n\n[[rumours]]\nplayer = \"Tomás Ibáñez\"\nto = \"Chelsea\"\nstatus = \"medical\"\nsources = [\"Daily Gossip\"]\n+++\nNews.\n",
    );
    site.build_ok(&[]);
    site
}

#[test]
fn a_deal_is_dated_by_its_first_done_claim_and_keeps_its_kind_when_it_ends_off() {
    let site = with_more_news();
    let madrid = site.html("clubs/real-madrid/index.html");
    assert_eq!(
        madrid.texts(".moves-in .deals tbody td"),
        ["Jonás Peñalver", "Santos", "€40m", "20 June 2025"],
        "the restatement on 1 August does not move the date"
    );
    let sagas = site.data("sagas");
    let porto = sagas.as_array().unwrap().iter().find(|s| s["to"] == "porto").unwrap();
    assert_eq!(
        (&porto["status"], &porto["deal"], &porto["done_on"]),
        (&json!("off"), &json!("loan"), &Value::Null)
    );
    let penalver = sagas.as_array().unwrap().iter().find(|s| s["to"] == "real-madrid").unwrap();
    assert_eq!(
        (&penalver["done_on"], &penalver["updated"]),
        (&json!("2025-06-20T09:00:00+02:00"), &json!("2025-08-01T00:00:00+02:00"))
    );
}

#[test]
fn a_source_page_shows_only_its_own_claims() {
    let site = with_more_news();
    let paco = site.html("sources/tio-paco/index.html");
    let round_up = paco.texts(".article-item").into_iter().find(|item| item.contains("Round-up")).unwrap();
    assert!(round_up.ends_with("Off"), "only Tío Paco's claim: {round_up}");
    assert!(!round_up.contains("Medical"), "{round_up}");
    // Its claim on the Benfica medical is open: no outcome is shown for it yet.
    let sagas = paco.texts(".judgements td:first-child");
    let outcomes = paco.texts(".judgements td:nth-child(3)");
    assert_eq!(
        sagas.iter().zip(&outcomes).map(|(s, o)| format!("{s}: {o}")).collect::<Vec<_>>(),
        ["Marco Rossi to Porto: Off", "Tomás Ibáñez to Benfica: Not decided", "Marco Rossi to Benfica: Off"]
    );
}

#[test]
fn a_club_cited_as_a_source_links_to_the_club_with_the_profile() {
    let site = TestSite::copy("transfers");
    site.write(
        "content/articles/2025-08-04-santos-statement.md",
        "+++\ntitle = \"Santos speak\"\ndate = 2025-08-04\n\n[[rumours]]\nplayer = \"Marco Rossi\"\nto = \"Santos\"\nstatus = \"talks\"\nsources = [\"Santos\"]\n+++\n[[Santos]] confirm talks.\n",
    );
    site.build_ok(&[]);
    let page = site.html("articles/santos-statement/index.html");
    assert_eq!(page.attrs(".body a", "href"), ["/mill/clubs/santos/"]);
    assert!(site.exists("sources/santos/index.html"), "the source still has its record");
}
