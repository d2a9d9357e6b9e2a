//! Open data for widgets and apps: `/data/sagas.json`, `/data/sources.json` and
//! `/data/players.json`. Entities are named by slug, articles by their path under the
//! base path, dates in RFC 3339 with the site zone's offset. Fields may be added; these
//! stay.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::HashMap;
use crate::date::Date;
use crate::site::Site;
use crate::slug::Slug;
use crate::url::{Data, Route};
use crate::window::Books;

#[derive(Serialize)]
struct SagaData<'a> {
    /// The saga's page.
    url: String,
    player: &'a Slug,
    to: &'a Slug,
    from: Option<&'a Slug>,
    status: &'static str,
    closed: bool,
    /// The club whose completed move closed the saga, when one did.
    closed_by: Option<&'a Slug>,
    updated: Date,
    /// The kind of move, as the latest rumour that says gives it.
    deal: &'static str,
    /// When the move was first reported done, for a saga that ended done.
    done_on: Option<Date>,
    /// How likely the move is, in percent, while the saga is open.
    likelihood: Option<u32>,
    /// The sources first to report a saga that ended done.
    first: Vec<&'a Slug>,
    rumours: Vec<RumourData<'a>>,
}

#[derive(Serialize)]
struct RumourData<'a> {
    /// When the claim was made.
    date: Date,
    /// When the article reporting it was published.
    article_date: Date,
    status: &'static str,
    deal: &'static str,
    /// The fee as readers see it.
    fee: Option<String>,
    /// The fee in the site's currency, in whole units, when it is given in numbers.
    fee_value: Option<i64>,
    /// The sources whose claim it is.
    sources: Vec<&'a Slug>,
    /// Each source's report, where the article links it.
    urls: BTreeMap<&'a Slug, &'a str>,
    /// The outlet each source's claim was read in, where it was another.
    via: BTreeMap<&'a Slug, &'a Slug>,
    article: String,
}

#[derive(Serialize)]
struct SourceData<'a> {
    slug: &'a Slug,
    name: &'a str,
    tier: Option<u8>,
    right: usize,
    wrong: usize,
    open: usize,
    hit_rate: Option<f64>,
    /// How many sagas that ended done it was first to report.
    first: usize,
    /// Its record in each window it has claims in, newest first.
    windows: Vec<WindowRecord<'a>>,
}

#[derive(Serialize)]
struct WindowRecord<'a> {
    window: &'a Slug,
    right: usize,
    wrong: usize,
    open: usize,
}

#[derive(Serialize)]
struct PlayerData<'a> {
    slug: &'a Slug,
    name: &'a str,
    club: Option<&'a Slug>,
    articles: usize,
    sagas: usize,
}

/// One file of open data; `books`, every window's business, for `windows.json`.
pub(crate) fn open_data<'b>(site: &Site, which: Data, books: impl FnOnce() -> &'b Books) -> Vec<u8> {
    match which {
        Data::Sagas => sagas(site),
        Data::Sources => sources(site, books()),
        Data::Players => players(site),
        Data::Windows => windows(site, books()),
    }
}

#[derive(Serialize)]
struct WindowData<'a> {
    slug: &'a Slug,
    league: &'a str,
    name: &'a str,
    opens: Date,
    closes: Date,
    clubs: Vec<LedgerData<'a>>,
}

/// A club's business in a window; money in whole units of the site's currency.
#[derive(Serialize)]
struct LedgerData<'a> {
    club: &'a Slug,
    #[serde(rename = "in")]
    arrivals: usize,
    #[serde(rename = "out")]
    departures: usize,
    spent: i64,
    received: i64,
    net: i64,
}

/// `/data/windows.json`: each window, newest first, with each club of its league.
fn windows(site: &Site, books: &Books) -> Vec<u8> {
    let windows: Vec<WindowData<'_>> = site
        .config
        .windows
        .iter()
        .zip(&books.windows)
        .map(|(window, book)| WindowData {
            slug: &window.slug,
            league: &window.league,
            name: &window.name,
            opens: window.opens,
            closes: window.closes,
            clubs: book
                .iter()
                .map(|(c, ledger)| LedgerData {
                    club: &site.clubs[*c].slug,
                    arrivals: ledger.arrivals.len(),
                    departures: ledger.departures.len(),
                    spent: ledger.spent,
                    received: ledger.received,
                    net: ledger.net(),
                })
                .collect(),
        })
        .collect();
    json(&windows)
}

fn sagas(site: &Site) -> Vec<u8> {
    let base = &site.config.base_url;
    let sagas: Vec<SagaData<'_>> = site
        .sagas
        .iter()
        .enumerate()
        .map(|(s, saga)| SagaData {
            url: base.link(&Route::Saga(&saga.player, &saga.to)),
            likelihood: site.likelihood(s),
            first: site.first_to_report(s),
            player: &saga.player,
            to: &saga.to,
            from: saga.from.as_ref(),
            status: saga.status.as_str(),
            closed: saga.is_closed(),
            closed_by: saga.closed_by_move_to.as_ref(),
            updated: saga.updated,
            deal: saga.deal.as_str(),
            done_on: saga.done_on(),
            rumours: saga
                .rumours
                .iter()
                .map(|&(a, r)| {
                    let article = &site.articles[a];
                    let rumour = &article.rumours[r];
                    let cited = rumour.sources.iter();
                    RumourData {
                        date: rumour.date,
                        article_date: article.date,
                        status: rumour.status.as_str(),
                        deal: rumour.deal.unwrap_or_default().as_str(),
                        fee: rumour.fee.as_ref().map(|fee| fee.shown(&site.config.rates)),
                        fee_value: rumour.fee.as_ref().and_then(|fee| fee.value(&site.config.rates)),
                        sources: cited.clone().map(|c| &c.source).collect(),
                        urls: cited
                            .clone()
                            .filter_map(|c| Some((&c.source, c.url.as_ref()?.as_str())))
                            .collect(),
                        via: cited.filter_map(|c| Some((&c.source, c.via.as_ref()?))).collect(),
                        article: base.link(&Route::Article(&article.slug)),
                    }
                })
                .collect(),
        })
        .collect();
    json(&sagas)
}

fn sources(site: &Site, books: &Books) -> Vec<u8> {
    let mut first: HashMap<&Slug, usize> = HashMap::default();
    for s in 0..site.sagas.len() {
        for source in site.first_to_report(s) {
            *first.entry(source).or_default() += 1;
        }
    }
    let mut sources: Vec<SourceData<'_>> = site
        .sources
        .iter()
        .zip(&books.records)
        .map(|(source, records)| SourceData {
            slug: &source.slug,
            name: &source.name,
            tier: source.tier(),
            right: source.record.right,
            wrong: source.record.wrong,
            open: source.record.open,
            hit_rate: source.record.hit_rate(),
            first: first.get(&source.slug).copied().unwrap_or_default(),
            windows: records
                .iter()
                .map(|(w, record)| WindowRecord {
                    window: &site.config.windows[*w].slug,
                    right: record.right,
                    wrong: record.wrong,
                    open: record.open,
                })
                .collect(),
        })
        .collect();
    sources.sort_by(|a, b| a.slug.cmp(b.slug));
    json(&sources)
}

fn players(site: &Site) -> Vec<u8> {
    let mut players: Vec<PlayerData<'_>> = site
        .players
        .iter()
        .map(|player| PlayerData {
            slug: &player.slug,
            name: &player.name,
            club: player.club.as_ref(),
            articles: player.articles.len(),
            sagas: player.sagas.len(),
        })
        .collect();
    players.sort_by(|a, b| a.slug.cmp(b.slug));
    json(&players)
}

fn json(value: &impl Serialize) -> Vec<u8> {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(value).expect("open data serializes");
    bytes.push(b'\n');
    bytes
}
