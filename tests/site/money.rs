//! Money and the calendar on the `money` fixture: two leagues, three windows, fees in
//! euros and pounds with add-ons, a deal outside any window (Alexander-Arnold's early
//! move, before La Liga's window opened), a loan, a free transfer, and a player within
//! six months of the end of his contract.

use serde_json::{Value, json};

use crate::support::{TestSite, stderr};

fn built() -> TestSite {
    TestSite::built("money")
}

/// Each club of a window in `/data/windows.json` that did business: (club, in, out,
/// spent, received, net).
fn business(window: &Value) -> Vec<(String, u64, u64, i64, i64, i64)> {
    window["clubs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["in"] != 0 || c["out"] != 0)
        .map(|c| {
            let n = |key: &str| c[key].as_i64().unwrap();
            (
                c["club"].as_str().unwrap().to_owned(),
                c["in"].as_u64().unwrap(),
                c["out"].as_u64().unwrap(),
                n("spent"),
                n("received"),
                n("net"),
            )
        })
        .collect()
}

#[test]
fn windows_json_totals_each_club_in_each_window_to_the_unit() {
    let site = built();
    let windows = site.data("windows");
    let slugs: Vec<&str> = windows.as_array().unwrap().iter().map(|w| w["slug"].as_str().unwrap()).collect();
    // Newest first, by the day each opens.
    assert_eq!(slugs, ["premier-league-winter-2026", "la-liga-summer-2025", "premier-league-summer-2025"]);
    let summer = &windows[2];
    assert_eq!(summer["league"], "Premier League");
    assert_eq!(summer["opens"], "2025-06-16T00:00:00+01:00");
    assert_eq!(summer["closes"], "2025-09-01T19:00:00+01:00");
    let s = |club: &str| club.to_owned();
    assert_eq!(
        business(summer),
        [
            // Zubimendi, €70m.
            (s("arsenal"), 1, 0, 70_000_000, 0, -70_000_000),
            // Elliott on loan: a deal, no fee.
            (s("aston-villa"), 1, 0, 0, 0, 0),
            // Henderson, free.
            (s("brentford"), 1, 0, 0, 0, 0),
            // Wirtz at £100m (add-ons not counted) × 1.17; Quansah sold for €35m; Elliott
            // out on loan on deadline day, an hour before the window shut.
            (s("liverpool"), 1, 2, 117_000_000, 35_000_000, -82_000_000),
        ]
    );
    // Every club of the league is listed, busy or not.
    assert_eq!(summer["clubs"].as_array().unwrap().len(), 6);
    // The seller's own league's window counts a departure: Real Sociedad in La Liga's.
    assert_eq!(business(&windows[1]), [(s("real-sociedad"), 0, 1, 0, 70_000_000, 70_000_000)]);
    // £62.5m × 1.17 = €73,125,000.
    assert_eq!(
        business(&windows[0]),
        [
            (s("bournemouth"), 0, 1, 0, 73_125_000, 73_125_000),
            (s("manchester-city"), 1, 0, 73_125_000, 0, -73_125_000)
        ]
    );
}

#[test]
fn window_pages_show_each_clubs_business_and_the_deals_in_order() {
    let site = built();
    let page = site.html("windows/premier-league-summer-2025/index.html");
    assert_eq!(page.text("h1"), "Summer 2025 window");
    assert_eq!(
        page.text(".meta"),
        "Open 16 June 2025 to 1 September 2025, 19:00 · 4 done deals · €187m spent"
    );
    // Biggest spender first.
    assert_eq!(
        page.texts(".ledger tbody tr:first-child td"),
        ["Liverpool", "1", "2", "€117m", "€35m", "-€82m"]
    );
    assert_eq!(page.texts(".ledger tbody tr:nth-child(2) td"), ["Arsenal", "1", "0", "€70m", "€0", "-€70m"]);
    assert_eq!(
        page.texts("section:nth-of-type(2) tbody td:first-child"),
        ["Florian Wirtz", "Jordan Henderson", "Martín Zubimendi", "Harvey Elliott"]
    );
    assert_eq!(
        page.texts("section:nth-of-type(2) tbody td:nth-child(3)"),
        ["£100m + £16m add-ons (€117m)", "Free transfer", "€70m", "Loan"]
    );
    let index = site.html("windows/index.html");
    assert_eq!(index.texts("tbody tr td:first-child a")[..3], ["Winter 2026", "Summer 2025", "Summer 2025"]);
    // Outside any window: Quansah's move to Leverkusen, whose league has no window here,
    // and Alexander-Arnold's on 30 May, before La Liga's window opened on 1 July.
    assert_eq!(index.texts("section tbody td:first-child"), ["Jarell Quansah", "Trent Alexander-Arnold"]);
}

#[test]
fn a_club_page_has_its_windows_and_a_league_page_its_clubs() {
    let site = built();
    let liverpool = site.html("clubs/liverpool/index.html");
    assert_eq!(liverpool.texts(".club-windows tbody td:first-child"), ["Winter 2026", "Summer 2025"]);
    assert_eq!(liverpool.texts(".club-windows tbody tr:nth-child(2) td:last-child"), ["-€82m"]);
    assert_eq!(liverpool.attrs(".facts dd a", "href"), ["/money/leagues/premier-league/"]);
    let league = site.html("leagues/premier-league/index.html");
    assert_eq!(league.text("h1"), "Premier League");
    assert_eq!(league.texts("section:first-of-type li a"), ["Winter 2026", "Summer 2025"]);
    assert_eq!(league.texts("section:nth-of-type(2) p a").len(), 6);
    assert_eq!(league.texts(".article-item a")[0], "Konaté contract talks stall as Madrid watch");
}

#[test]
fn fees_show_as_readers_write_them_with_the_euro_value_beside_pounds() {
    let site = built();
    let semenyo = site.html("articles/semenyo/index.html");
    assert_eq!(semenyo.texts(".rumour-box .fee"), ["£62.5m + £2.5m add-ons (€73.13m)"]);
    let sagas = site.data("sagas");
    let wirtz = sagas.as_array().unwrap().iter().find(|s| s["player"] == "florian-wirtz").unwrap();
    assert_eq!(wirtz["rumours"][0]["fee"], "£100m + £16m add-ons (€117m)");
    assert_eq!(wirtz["rumours"][0]["fee_value"], json!(117_000_000));
}

#[test]
fn the_feed_shows_the_open_window_and_contracts_count_from_the_newest_story() {
    let site = built();
    // The newest story is of 20 January 2026: the Premier League's winter window is open.
    let home = site.html("index.html");
    assert_eq!(
        home.texts(".deadlines p"),
        ["Window open Premier League Winter 2026 closes 2 February 2026, 19:00"]
    );
    let contracts = site.html("contracts/index.html");
    assert_eq!(contracts.texts("tbody td:first-child"), ["Ibrahima Konaté", "Virgil van Dijk"]);
    // Konaté's ends on 30 June 2026, within six months of 20 January; van Dijk's a year on.
    assert_eq!(contracts.texts("tbody td:last-child"), ["Under six months", ""]);
}

#[test]
fn a_club_whose_league_has_no_window_is_a_warning() {
    let site = TestSite::copy("money");
    site.write(
        "content/clubs/bayer-leverkusen.md",
        "+++\nname = \"Bayer Leverkusen\"\nleague = \"Bundesliga\"\n+++\n",
    );
    let checked = site.run(&["check"], &[]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(
        stderr(&checked).contains(
            "warning: the Bundesliga has no transfer window in config.toml, so the deals of Bayer Leverkusen are in none\n"
        ),
        "{}",
        stderr(&checked)
    );
    site.build_ok(&[]);
}

#[test]
fn a_sources_record_is_kept_per_window_too() {
    let site = built();
    let sources = site.data("sources");
    let bbc = sources.as_array().unwrap().iter().find(|s| s["slug"] == "bbc-sport").unwrap();
    // Four done deals in the summer, one in the winter; the deals outside any window, and
    // Konaté's open saga with Real Madrid (La Liga has no winter window here), count in none.
    assert_eq!(
        bbc["windows"],
        json!([
            {"window": "premier-league-winter-2026", "right": 1, "wrong": 0, "open": 0},
            {"window": "premier-league-summer-2025", "right": 4, "wrong": 0, "open": 0},
        ])
    );
    assert_eq!((bbc["right"].as_u64(), bbc["open"].as_u64()), (Some(7), Some(1)));
    let page = site.html("sources/bbc-sport/index.html");
    assert_eq!(
        page.texts(".record-box tbody td"),
        ["Premier League Winter 2026", "1", "0", "0", "Premier League Summer 2025", "4", "0", "0"]
    );
}
