//! Transfer windows: each league's dates for buying, from `[[windows]]` in `config.toml`,
//! and the done deals and money of each club in each.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::date::{Date, RawDate};
use crate::diagnostic::Diagnostic;
use crate::entity::Kind;
use crate::money::Fee;
use crate::record::{Judgement, Record};
use crate::site::Site;
use crate::slug::Slug;

/// A `[[windows]]` entry as `config.toml` writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWindow {
    league: String,
    name: String,
    opens: RawDate,
    closes: RawDate,
}

/// A league's window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    /// The league, as written, and its slug, which clubs' `league` is matched by.
    pub(crate) league: String,
    pub(crate) league_slug: Slug,
    pub(crate) name: String,
    /// The window's page: its league's slug and its name's, `premier-league-summer-2025`.
    pub(crate) slug: Slug,
    pub(crate) opens: Date,
    pub(crate) closes: Date,
}

impl Window {
    /// Whether `date` falls in the window, its first and last instants included.
    pub(crate) fn holds(&self, date: Date) -> bool {
        self.opens <= date && date <= self.closes
    }
}

/// The windows of `raw`, read in `zone`, newest first; each window that closes before it
/// opens, or overlaps another of its league, is a problem at its place in `text`.
pub(crate) fn windows(
    raw: Vec<Spanned<RawWindow>>,
    zone: chrono_tz::Tz,
    path: &Path,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Window> {
    let mut windows: Vec<(Window, Range<usize>)> = Vec::new();
    for spanned in raw {
        let at = spanned.span();
        let RawWindow { league, name, opens, closes } = spanned.into_inner();
        let (Some(league_slug), Some(slug)) = (Slug::new(&league), Slug::new(&format!("{league} {name}")))
        else {
            let message = "a window needs a `league` and a `name` with letters or digits".to_owned();
            problems.push(
                Diagnostic::at(path, text, at, message)
                    .with_help("write them as `league = \"Premier League\"`, `name = \"Summer 2025\"`"),
            );
            continue;
        };
        let window = Window {
            league,
            league_slug,
            name,
            slug,
            opens: opens.resolve(zone),
            closes: closes.resolve(zone),
        };
        if window.closes < window.opens {
            let message = format!(
                "the window `{}` of the {} closes on {} before it opens on {}",
                window.name,
                window.league,
                window.closes.day(),
                window.opens.day()
            );
            let help = "swap `opens` and `closes`, or correct the one that is wrong";
            problems.push(Diagnostic::at(path, text, at, message).with_help(help));
            continue;
        }
        if let Some((other, _)) = windows.iter().find(|(other, _)| {
            other.league_slug == window.league_slug
                && other.opens <= window.closes
                && window.opens <= other.closes
        }) {
            let message = format!(
                "the windows `{}` and `{}` of the {} overlap: a deal on a day both hold would be in two",
                other.name, window.name, other.league
            );
            let help = format!(
                "let `{}` open after `{}` closes, on {}",
                window.name,
                other.name,
                other.closes.day()
            );
            problems.push(Diagnostic::at(path, text, at, message).with_help(help));
            continue;
        }
        windows.push((window, at));
    }
    let mut windows: Vec<Window> = windows.into_iter().map(|(window, _)| window).collect();
    windows.sort_by(|a, b| b.opens.cmp(&a.opens).then_with(|| a.slug.cmp(&b.slug)));
    windows
}

/// A club's done deals and money in one window.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ledger {
    /// The sagas that ended with a move to the club in the window, by the day each was done.
    pub(crate) arrivals: Vec<usize>,
    /// The sagas that ended with a move away from the club in a window of its league.
    pub(crate) departures: Vec<usize>,
    /// The fees of the arrivals and of the departures in the site's currency, in whole
    /// units; a fee in words counts for nothing.
    pub(crate) spent: i64,
    pub(crate) received: i64,
}

impl Ledger {
    pub(crate) fn net(&self) -> i64 {
        self.received - self.spent
    }
}

/// Every window's business: what each club did in it, and the done deals in none.
#[derive(Debug, Default)]
pub(crate) struct Books {
    /// For each window of the config, in its order: each club of its league (by position
    /// in the site's clubs) with its ledger.
    pub(crate) windows: Vec<Vec<(usize, Ledger)>>,
    /// The done deals whose buying club's league has no window on the day: sagas.
    pub(crate) outside: Vec<usize>,
    /// Each source's record in each window, by position in the site's sources: (window,
    /// record), newest window first, only those it has claims in.
    pub(crate) records: Vec<Vec<(usize, Record)>>,
}

/// The league slug of club `c`, when its profile gives a league.
pub(crate) fn league_of(site: &Site, c: usize) -> Option<Slug> {
    site.clubs[c].profile.as_ref()?.league.as_deref().and_then(Slug::new)
}

/// The window of `league` that holds `date`, by position in the config.
fn window_of(windows: &[Window], league: Option<&Slug>, date: Date) -> Option<usize> {
    let league = league?;
    windows.iter().position(|w| &w.league_slug == league && w.holds(date))
}

impl Books {
    /// Sorts every done deal of `site` into the windows of its clubs' leagues.
    pub(crate) fn new(site: &Site) -> Self {
        let windows = &site.config.windows;
        let mut books: Vec<Vec<(usize, Ledger)>> = windows
            .iter()
            .map(|w| {
                (0..site.clubs.len())
                    .filter(|&c| league_of(site, c).as_ref() == Some(&w.league_slug))
                    .map(|c| (c, Ledger::default()))
                    .collect()
            })
            .collect();
        let mut outside = Vec::new();
        fn ledger(clubs: &mut [(usize, Ledger)], club: usize) -> &mut Ledger {
            let at = clubs.iter().position(|(c, _)| *c == club).expect("a club of the window's league");
            &mut clubs[at].1
        }
        let club = |slug: &Slug| site.position(Kind::Club, slug).expect("a club of the site");
        // Oldest deal first, so that each list reads in the order the deals were done.
        let mut done: Vec<(Date, usize)> =
            site.sagas.iter().enumerate().filter_map(|(s, saga)| Some((saga.done_on()?, s))).collect();
        done.sort();
        for (date, s) in done {
            let saga = &site.sagas[s];
            let value = fee(site, s).and_then(|fee| fee.value(&site.config.rates)).unwrap_or(0);
            let buyer = club(&saga.to);
            match window_of(windows, league_of(site, buyer).as_ref(), date) {
                Some(w) => {
                    let book = ledger(&mut books[w], buyer);
                    book.arrivals.push(s);
                    book.spent += value;
                }
                None => outside.push(s),
            }
            if let Some(seller) = saga.from.as_ref().map(club)
                && let Some(w) = window_of(windows, league_of(site, seller).as_ref(), date)
            {
                let book = ledger(&mut books[w], seller);
                book.departures.push(s);
                book.received += value;
            }
        }
        let records = site.sources.iter().map(|source| records(site, &source.judgements)).collect();
        Self { windows: books, outside, records }
    }
}

/// A source's record in each window, from its `judgements`: a saga counts in the window of
/// the buying club's league that holds the day it was done, or, while it is open or off,
/// the day of the source's last claim on it.
fn records(site: &Site, judgements: &[Judgement]) -> Vec<(usize, Record)> {
    let windows = &site.config.windows;
    let mut records: Vec<(usize, Record)> = Vec::new();
    for judgement in judgements {
        let saga = &site.sagas[judgement.saga];
        let (a, r) = judgement.at;
        let day = saga.done_on().unwrap_or(site.articles[a].rumours[r].date);
        let buyer = site.position(Kind::Club, &saga.to).expect("a club of the site");
        let Some(w) = window_of(windows, league_of(site, buyer).as_ref(), day) else { continue };
        match records.iter_mut().find(|(window, _)| *window == w) {
            Some((_, record)) => record.add(judgement.verdict),
            None => {
                let mut record = Record::default();
                record.add(judgement.verdict);
                records.push((w, record));
            }
        }
    }
    records.sort_by_key(|(w, _)| *w);
    records
}

/// The fee of saga `s`: the latest of its claims that gives one.
pub(crate) fn fee(site: &Site, s: usize) -> Option<&Fee> {
    site.sagas[s].rumours.iter().rev().find_map(|&(a, r)| site.articles[a].rumours[r].fee.as_ref())
}

/// A warning for each club whose `league` has no window in `config.toml`: its deals are
/// in no window.
pub(crate) fn unwindowed(site: &Site) -> Vec<Diagnostic> {
    if site.config.windows.is_empty() {
        return Vec::new();
    }
    let mut leagues: Vec<(String, Vec<&str>)> = Vec::new();
    for (c, club) in site.clubs.iter().enumerate() {
        let Some(league) = league_of(site, c) else { continue };
        if site.config.windows.iter().any(|w| w.league_slug == league) {
            continue;
        }
        let written = club.profile.as_ref().and_then(|p| p.league.clone()).unwrap_or_default();
        match leagues.iter_mut().find(|(l, _)| Slug::new(l).as_ref() == Some(&league)) {
            Some((_, clubs)) => clubs.push(&club.name),
            None => leagues.push((written, vec![&club.name])),
        }
    }
    leagues
        .into_iter()
        .map(|(league, clubs)| {
            let message = format!(
                "the {league} has no transfer window in config.toml, so the deals of {} are in none",
                clubs.join(", ")
            );
            let help = format!(
                "add a `[[windows]]` with `league = \"{league}\"`, or correct the league's name if it is spelt otherwise there"
            );
            Diagnostic::in_file(Path::new(crate::config::CONFIG_FILE), message).with_help(help).warning()
        })
        .collect()
}

/// A league: the clubs whose profile names it and the windows `config.toml` gives it.
#[derive(Debug)]
pub(crate) struct League {
    pub(crate) slug: Slug,
    /// As first written, by a window, else by a club.
    pub(crate) name: String,
    /// Its clubs, by position in the site's, A to Z.
    pub(crate) clubs: Vec<usize>,
    /// Its windows, by position in the config's, newest first.
    pub(crate) windows: Vec<usize>,
}

/// Every league the site names, A to Z by slug.
pub(crate) fn leagues(site: &Site) -> Vec<League> {
    fn add<'l>(leagues: &'l mut Vec<League>, slug: Slug, name: &str) -> &'l mut League {
        let at = match leagues.iter().position(|l| l.slug == slug) {
            Some(at) => at,
            None => {
                leagues.push(League { slug, name: name.to_owned(), clubs: Vec::new(), windows: Vec::new() });
                leagues.len() - 1
            }
        };
        &mut leagues[at]
    }
    let mut leagues: Vec<League> = Vec::new();
    for (w, window) in site.config.windows.iter().enumerate() {
        add(&mut leagues, window.league_slug.clone(), &window.league).windows.push(w);
    }
    for (c, club) in site.clubs.iter().enumerate() {
        let Some(written) = club.profile.as_ref().and_then(|p| p.league.as_deref()) else { continue };
        let Some(slug) = Slug::new(written) else { continue };
        add(&mut leagues, slug, written).clubs.push(c);
    }
    leagues.sort_by(|a, b| a.slug.cmp(&b.slug));
    leagues
}
