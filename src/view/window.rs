//! Money and the calendar as pages show them: the windows, a window, a league, the
//! contracts, a club's windows and the deadlines on the feed.

use serde::Serialize;

use super::saga::SagaView;
use super::{Card, Link, Meta, RecordView, Shown, SiteView};
use crate::date::Date;
use crate::money::money;
use crate::rumour::Status;
use crate::url::Route;
use crate::window::{self, Ledger, Window};

/// A window as lists show it.
#[derive(Debug, Serialize)]
pub(crate) struct WindowItem<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) league: Link<'a>,
    pub(crate) opens: Date,
    pub(crate) closes: Date,
    /// How many done deals it holds.
    pub(crate) deals: usize,
    /// What its clubs spent, in the site's currency: "€120m".
    pub(crate) spent: String,
}

impl<'a> WindowItem<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, w: usize) -> Self {
        let window: &'a Window = &site.config.windows[w];
        let base = &site.config.base_url;
        let book = &site.books().windows[w];
        Self {
            name: &window.name,
            url: base.link(&Route::Window(&window.slug)),
            league: Link::new(&window.league, base, &Route::League(&window.league_slug)),
            opens: window.opens,
            closes: window.closes,
            deals: book.iter().map(|(_, ledger)| ledger.arrivals.len()).sum(),
            spent: site.money(book.iter().map(|(_, ledger)| ledger.spent).sum()),
        }
    }
}

/// One club's line in a window's table.
#[derive(Debug, Serialize)]
pub(crate) struct LedgerView<'a> {
    /// The club, on a window's page; the window, on a club's.
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) arrivals: usize,
    pub(crate) departures: usize,
    pub(crate) spent: String,
    pub(crate) received: String,
    /// Received less spent, signed: "+€10m", "-€48.5m", "€0".
    pub(crate) net: String,
}

impl<'a> LedgerView<'a> {
    fn new(site: &Shown<'_>, name: &'a str, url: String, ledger: &Ledger) -> Self {
        let net = ledger.net();
        let sign = if net > 0 { "+" } else { "" };
        Self {
            name,
            url,
            arrivals: ledger.arrivals.len(),
            departures: ledger.departures.len(),
            spent: site.money(ledger.spent),
            received: site.money(ledger.received),
            net: format!("{sign}{}", site.money(net)),
        }
    }
}

impl Shown<'_> {
    /// `amount` of the site's currency as readers write it.
    pub(crate) fn money(&self, amount: i64) -> String {
        money(amount, self.config.rates.currency)
    }
}

/// Page context of `windows.html`: every window, newest first.
#[derive(Debug, Serialize)]
pub(crate) struct WindowsPage<'a> {
    site: SiteView<'a>,
    meta: Meta,
    windows: Vec<WindowItem<'a>>,
    /// The done deals in no window: the buying club's league has none on the day.
    outside: Vec<SagaView>,
}

impl<'a> WindowsPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let description = Some("Every transfer window, with each club's arrivals, departures and net spend.");
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &Route::Windows, "Transfer windows", description),
            windows: (0..site.config.windows.len()).map(|w| WindowItem::new(site, w)).collect(),
            outside: site.books().outside.iter().rev().map(|&s| SagaView::new(site, s)).collect(),
        }
    }
}

/// Page context of `window.html`: one window.
#[derive(Debug, Serialize)]
pub(crate) struct WindowPage<'a> {
    site: SiteView<'a>,
    meta: Meta,
    window: WindowItem<'a>,
    /// Each club of the league, busiest spender first.
    clubs: Vec<LedgerView<'a>>,
    /// Its done deals, each with its fee, in the order they were done.
    deals: Vec<SagaView>,
    /// The sagas to its clubs that were still open when it closed.
    open: Vec<SagaView>,
}

impl<'a> WindowPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, w: usize) -> Self {
        let window = &site.config.windows[w];
        let base = &site.config.base_url;
        let book = &site.books().windows[w];
        let mut clubs: Vec<(i64, LedgerView<'a>)> = book
            .iter()
            .map(|(c, ledger)| {
                let club = &site.clubs[*c];
                (ledger.spent, LedgerView::new(site, &club.name, base.link(&Route::Club(&club.slug)), ledger))
            })
            .collect();
        clubs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(b.1.name)));
        let deals = book.iter().flat_map(|(_, ledger)| &ledger.arrivals);
        let mut deals: Vec<usize> = deals.copied().collect();
        deals.sort_by_key(|&s| site.sagas[s].done_on());
        let title = format!("{} {}", window.league, window.name);
        let description = format!(
            "The {} {} window: each club's arrivals, departures, spending and net.",
            window.league, window.name
        );
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &Route::Window(&window.slug), title, Some(&description)),
            window: WindowItem::new(site, w),
            clubs: clubs.into_iter().map(|(_, view)| view).collect(),
            deals: deals.into_iter().map(|s| SagaView::new(site, s)).collect(),
            open: open_at(site, w).into_iter().map(|s| SagaView::new(site, s)).collect(),
        }
    }
}

/// The sagas to clubs of `window`'s league that were open when it closed: claimed by
/// then, and neither done nor off by then.
fn open_at(site: &Shown<'_>, w: usize) -> Vec<usize> {
    let closes = site.config.windows[w].closes;
    // The league's clubs are those of the window's book.
    let sagas = site.books().windows[w].iter().flat_map(|&(c, _)| site.clubs[c].sagas_in.iter().copied());
    let mut open: Vec<usize> = sagas
        .filter(|&s| {
            let saga = &site.sagas[s];
            let last = saga
                .rumours
                .iter()
                .map(|&(a, r)| &site.articles[a].rumours[r])
                .filter(|rumour| rumour.date <= closes)
                .max_by_key(|rumour| rumour.date);
            let closed_by_move = saga.closed_by_move_to.is_some() && saga.updated <= closes;
            last.is_some_and(|rumour| !matches!(rumour.status, Status::Done | Status::Off)) && !closed_by_move
        })
        .collect();
    open.sort_by_key(|&s| std::cmp::Reverse(site.sagas[s].updated));
    open
}

/// Page context of `league.html`: a league's clubs, windows and latest articles.
#[derive(Debug, Serialize)]
pub(crate) struct LeaguePage<'a> {
    site: SiteView<'a>,
    meta: Meta,
    league: Link<'a>,
    clubs: Vec<Link<'a>>,
    windows: Vec<WindowItem<'a>>,
    /// The latest articles that name a club of the league, newest first.
    articles: Vec<Card>,
}

impl<'a> LeaguePage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, league: &'a window::League) -> Self {
        let base = &site.config.base_url;
        let route = Route::League(&league.slug);
        let mut articles: Vec<usize> =
            league.clubs.iter().flat_map(|&c| site.clubs[c].articles.iter().copied()).collect();
        articles.sort_unstable();
        articles.dedup();
        articles.truncate(site.config.paginate_by);
        let description =
            format!("The {}: its clubs, its transfer windows and the latest news.", league.name);
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &route, &league.name, Some(&description)),
            league: Link::new(&league.name, base, &route),
            clubs: league
                .clubs
                .iter()
                .map(|&c| Link::new(&site.clubs[c].name, base, &Route::Club(&site.clubs[c].slug)))
                .collect(),
            windows: league.windows.iter().map(|&w| WindowItem::new(site, w)).collect(),
            articles: articles.into_iter().map(|a| Card::new(site, a)).collect(),
        }
    }
}

/// A club's line for each window of its league, newest first, for its page.
pub(crate) fn club_windows<'a>(site: &'a Shown<'a>, c: usize) -> Vec<LedgerView<'a>> {
    let base = &site.config.base_url;
    let books = &site.books().windows;
    books
        .iter()
        .enumerate()
        .filter_map(|(w, book)| {
            let (_, ledger) = book.iter().find(|(club, _)| *club == c)?;
            let window = &site.config.windows[w];
            Some(LedgerView::new(site, &window.name, base.link(&Route::Window(&window.slug)), ledger))
        })
        .collect()
}

/// The windows open at the newest article's date, soonest to close first.
pub(crate) fn deadlines<'a>(site: &'a Shown<'a>) -> Vec<WindowItem<'a>> {
    let Some(now) = site.articles.first().map(|a| a.date) else { return Vec::new() };
    let mut open: Vec<usize> =
        (0..site.config.windows.len()).filter(|&w| site.config.windows[w].holds(now)).collect();
    open.sort_by_key(|&w| site.config.windows[w].closes);
    open.into_iter().map(|w| WindowItem::new(site, w)).collect()
}

/// Page context of `contracts.html`: players by the end of their contracts.
#[derive(Debug, Serialize)]
pub(crate) struct ContractsPage<'a> {
    site: SiteView<'a>,
    meta: Meta,
    /// The day the page counts from: the newest article's.
    as_of: Option<Date>,
    players: Vec<ContractView<'a>>,
}

/// A player's contract.
#[derive(Debug, Serialize)]
struct ContractView<'a> {
    player: Link<'a>,
    club: Option<Link<'a>>,
    until: Date,
    /// `free` once it has run out, `soon` within six months, else empty.
    standing: &'static str,
}

impl<'a> ContractsPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let as_of = site.articles.first().map(|a| a.date);
        let mut players: Vec<ContractView<'a>> = (0..site.players.len())
            .filter_map(|p| {
                let player = &site.players[p];
                let until = player.profile.as_ref()?.contract_until?;
                let standing = match as_of {
                    Some(now) if until < now => "free",
                    Some(now) if until.day() <= now.day() + chrono::Months::new(6) => "soon",
                    _ => "",
                };
                Some(ContractView {
                    player: Link::player(site, &player.slug),
                    club: player.club.as_ref().map(|club| Link::club(site, club)),
                    until,
                    standing,
                })
            })
            .collect();
        players.sort_by(|a, b| a.until.cmp(&b.until).then_with(|| a.player.name.cmp(b.player.name)));
        let description = Some("Players by the end of their contracts, the soonest first.");
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &Route::Contracts, "Contracts", description),
            as_of,
            players,
        }
    }
}

/// A source's record in one window.
#[derive(Debug, Serialize)]
pub(crate) struct WindowRecordView<'a> {
    pub(crate) window: WindowItem<'a>,
    pub(crate) record: RecordView,
}

/// Source `s`'s record in each window it has claims in, newest first.
pub(crate) fn source_windows<'a>(site: &'a Shown<'a>, s: usize) -> Vec<WindowRecordView<'a>> {
    site.books().records[s]
        .iter()
        .map(|&(w, record)| WindowRecordView { window: WindowItem::new(site, w), record: record.into() })
        .collect()
}
