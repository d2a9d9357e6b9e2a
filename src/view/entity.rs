//! Players, clubs and sources, and their pages.

use serde::Serialize;

use super::Shown;
use super::picture::{self, Picture};
use super::saga::SagaView;
use super::{Card, Link, Meta, Pagination, RecordView, SiteView, asset_url, paged};
use crate::club::Club;
use crate::date::Date;
use crate::player::Player;
use crate::record::{Judgement, Verdict};
use crate::rumour::{Rumour, Status};
use crate::saga::Saga;
use crate::source::Source;
use crate::url::{Listed, Route};

/// A player as pages show them.
#[derive(Debug, Serialize)]
pub(crate) struct PlayerView<'a> {
    pub(crate) name: &'a str,
    /// The link to the player's page.
    pub(crate) url: String,
    /// Whether the player has a profile; the fields below from it are empty without one.
    pub(crate) has_profile: bool,
    pub(crate) aliases: &'a [String],
    pub(crate) position: Option<&'a str>,
    pub(crate) nationality: Option<&'a str>,
    /// Format with `| date`.
    pub(crate) born: Option<Date>,
    /// A picture: its URL, under the base path when the profile gives a path.
    pub(crate) image: Option<String>,
    /// The profile's body, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) bio_html: &'a str,
    /// The club of the latest completed move, else the profile's.
    pub(crate) club: Option<Link<'a>>,
    /// How many articles name the player.
    pub(crate) article_count: usize,
    /// How many of the player's sagas are open.
    pub(crate) live_sagas: usize,
    /// Whether two or more open sagas have reached `agreed` or beyond: they cannot all
    /// be true.
    pub(crate) contradiction: bool,
}

impl<'a> PlayerView<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let player: &Player = &site.players[index];
        let profile = player.profile.as_ref();
        let live: Vec<&Saga> =
            player.sagas.iter().map(|&s| &site.sagas[s]).filter(|s| !s.is_closed()).collect();
        let advanced = live.iter().filter(|saga| saga.status >= Status::Agreed).count();
        Self {
            name: &player.name,
            url: site.config.base_url.link(&Route::Player(&player.slug)),
            has_profile: profile.is_some(),
            aliases: profile.map_or(&[], |p| &p.aliases),
            position: profile.and_then(|p| p.position.as_deref()),
            nationality: profile.and_then(|p| p.nationality.as_deref()),
            born: profile.and_then(|p| p.born),
            image: profile
                .and_then(|p| p.image.as_deref())
                .map(|image| asset_url(&site.config.base_url, image, false)),
            bio_html: profile.map_or("", |p| &p.bio_html),
            club: player.club.as_ref().map(|club| Link::club(site, club)),
            article_count: player.articles.len(),
            live_sagas: live.len(),
            contradiction: advanced >= 2,
        }
    }
}

/// Page context of `player.html`.
#[derive(Debug, Serialize)]
pub(crate) struct PlayerPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    pub(crate) player: PlayerView<'a>,
    /// The player's sagas, newest first, each with its status history.
    pub(crate) sagas: Vec<SagaView>,
    /// The sagas' path, drawn.
    pub(crate) picture: Option<Picture>,
    /// The articles that name the player, newest first: this page's.
    pub(crate) articles: Vec<Card>,
    /// Where this page of the articles stands among the others. The sagas are on the
    /// first only.
    pub(crate) pagination: Pagination,
}

/// Page context of `players.html`: every player, A to Z.
#[derive(Debug, Serialize)]
pub(crate) struct PlayersPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    /// The players, grouped by the first letter of their name.
    pub(crate) letters: Vec<Letter<PlayerView<'a>>>,
}

/// The entities whose names start with one letter.
#[derive(Debug, Serialize)]
pub(crate) struct Letter<T> {
    /// The letter, in capitals; `#` for names that start with anything else.
    pub(crate) letter: String,
    pub(crate) items: Vec<T>,
}

impl<T> Letter<T> {
    /// Groups `items`, already A to Z, by the first letter of their `name`.
    pub(crate) fn group<'n>(items: impl IntoIterator<Item = (&'n str, T)>) -> Vec<Self> {
        let mut letters: Vec<Self> = Vec::new();
        for (name, item) in items {
            let first = deunicode::deunicode(name).chars().next().unwrap_or('#').to_ascii_uppercase();
            let letter = if first.is_ascii_alphabetic() { first.to_string() } else { "#".to_owned() };
            match letters.last_mut() {
                Some(last) if last.letter == letter => last.items.push(item),
                _ => letters.push(Self { letter, items: vec![item] }),
            }
        }
        letters
    }
}

/// A club as pages show it.
#[derive(Debug, Serialize)]
pub(crate) struct ClubView<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    /// Whether the club has a profile; the fields below from it are empty without one.
    pub(crate) has_profile: bool,
    pub(crate) aliases: &'a [String],
    pub(crate) country: Option<&'a str>,
    pub(crate) league: Option<&'a str>,
    /// The league's page.
    pub(crate) league_url: Option<String>,
    /// The profile's body, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) about_html: &'a str,
    /// How many articles name the club.
    pub(crate) article_count: usize,
}

impl<'a> ClubView<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let club: &Club = &site.clubs[index];
        let profile = club.profile.as_ref();
        Self {
            name: &club.name,
            url: site.config.base_url.link(&Route::Club(&club.slug)),
            has_profile: profile.is_some(),
            aliases: profile.map_or(&[], |p| &p.aliases),
            country: profile.and_then(|p| p.country.as_deref()),
            league: profile.and_then(|p| p.league.as_deref()),
            league_url: crate::window::league_of(site, index)
                .map(|league| site.config.base_url.link(&Route::League(&league))),
            about_html: profile.map_or("", |p| &p.about_html),
            article_count: club.articles.len(),
        }
    }
}

/// Page context of `club.html`: the club's moves in and out.
#[derive(Debug, Serialize)]
pub(crate) struct ClubPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    pub(crate) club: ClubView<'a>,
    /// Completed moves to the club, newest first.
    pub(crate) done_in: Vec<SagaView>,
    /// Open sagas of moves to the club.
    pub(crate) live_in: Vec<SagaView>,
    /// Moves to the club that collapsed or were denied, newest first.
    pub(crate) off_in: Vec<SagaView>,
    /// Completed moves away from the club.
    pub(crate) done_out: Vec<SagaView>,
    /// Open sagas of moves away from the club.
    pub(crate) live_out: Vec<SagaView>,
    /// Moves away from the club that collapsed or were denied, newest first.
    pub(crate) off_out: Vec<SagaView>,
    /// The players of every saga above, A to Z.
    pub(crate) players: Vec<Link<'a>>,
    /// The club's done deals by year, drawn.
    pub(crate) picture: Option<Picture>,
    /// The club's business in each window of its league, newest first.
    pub(crate) windows: Vec<super::window::LedgerView<'a>>,
    /// The articles that name the club, newest first, each with only the rumours that
    /// involve the club: this page's.
    pub(crate) articles: Vec<Card>,
    /// Where this page of the articles stands among the others. The moves are on the
    /// first only.
    pub(crate) pagination: Pagination,
}

impl<'a> ClubPage<'a> {
    /// Page `n`, from 1, of club `index`.
    pub(crate) fn new(site: &'a Shown<'a>, index: usize, n: usize) -> Self {
        let club = &site.clubs[index];
        // The moves and their players are on the first page only.
        let (sagas_in, sagas_out): (&[usize], &[usize]) = match n {
            1 => (&club.sagas_in, &club.sagas_out),
            _ => (&[], &[]),
        };
        // The sagas of `list` that are done, open, or off.
        let split = |list: &[usize], status: Option<Status>| -> Vec<SagaView> {
            let wanted = |s: &&usize| {
                let saga = &site.sagas[**s];
                if saga.is_closed() { Some(saga.status) == status } else { status.is_none() }
            };
            let mut sagas: Vec<_> = list.iter().filter(wanted).map(|&s| SagaView::new(site, s)).collect();
            // Done deals go by the day each was done, not by when it was last reported.
            sagas.sort_by_key(|saga| std::cmp::Reverse(saga.done_on));
            sagas
        };
        let involves = |rumour: &Rumour| rumour.to == club.slug || rumour.from.as_ref() == Some(&club.slug);
        let mut players: Vec<Link<'_>> =
            sagas_in.iter().chain(sagas_out).map(|&s| Link::player(site, &site.sagas[s].player)).collect();
        players.sort_by(|a, b| a.url.cmp(&b.url));
        players.dedup_by(|a, b| a.url == b.url);
        let (articles, pagination) =
            paged(site, Listed::Club, &club.slug, &club.articles, n, |a| Card::only(site, a, involves));
        Self {
            site: SiteView::new(site),
            meta: Meta::club(site, index).page_of(site, &Listed::Club.page(&club.slug, n), n),
            club: ClubView::new(site, index),
            done_in: split(sagas_in, Some(Status::Done)),
            live_in: split(sagas_in, None),
            off_in: split(sagas_in, Some(Status::Off)),
            done_out: split(sagas_out, Some(Status::Done)),
            live_out: split(sagas_out, None),
            off_out: split(sagas_out, Some(Status::Off)),
            players,
            picture: picture::club_moves(&club.name, &picture::years(site, sagas_in, sagas_out)),
            windows: if n == 1 { super::window::club_windows(site, index) } else { Vec::new() },
            articles,
            pagination,
        }
    }
}

/// Page context of `clubs.html`: every club, A to Z.
#[derive(Debug, Serialize)]
pub(crate) struct ClubsPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    pub(crate) letters: Vec<Letter<ClubItem<'a>>>,
}

/// A club in the index.
#[derive(Debug, Serialize)]
pub(crate) struct ClubItem<'a> {
    pub(crate) club: ClubView<'a>,
    /// Completed moves in and out, and open sagas either way.
    pub(crate) done_in: usize,
    pub(crate) done_out: usize,
    pub(crate) live: usize,
}

impl<'a> ClubItem<'a> {
    fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let club = &site.clubs[index];
        let done = |list: &[usize]| list.iter().filter(|&&s| site.sagas[s].status == Status::Done).count();
        let live =
            club.sagas_in.iter().chain(&club.sagas_out).filter(|&&s| !site.sagas[s].is_closed()).count();
        Self {
            club: ClubView::new(site, index),
            done_in: done(&club.sagas_in),
            done_out: done(&club.sagas_out),
            live,
        }
    }
}

/// A source as pages show it.
#[derive(Debug, Serialize)]
pub(crate) struct SourceView<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    /// Whether the source has a profile; the fields below from it are empty without one.
    pub(crate) has_profile: bool,
    pub(crate) aliases: &'a [String],
    /// From 1, the most reliable, to 5.
    pub(crate) tier: Option<u8>,
    /// A journalist, an outlet, an account.
    pub(crate) kind: Option<&'a str>,
    /// The source's own address.
    pub(crate) website: Option<&'a str>,
    /// The profile's body, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) about_html: &'a str,
    pub(crate) record: RecordView,
    /// How many articles cite the source.
    pub(crate) article_count: usize,
}

impl<'a> SourceView<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let source: &Source = &site.sources[index];
        let profile = source.profile.as_ref();
        Self {
            name: &source.name,
            url: site.config.base_url.link(&Route::Source(&source.slug)),
            has_profile: profile.is_some(),
            aliases: profile.map_or(&[], |p| &p.aliases),
            tier: source.tier(),
            kind: profile.and_then(|p| p.kind.as_deref()),
            website: profile.and_then(|p| p.url.as_deref()),
            about_html: profile.map_or("", |p| &p.about_html),
            record: source.record.into(),
            article_count: source.articles.len(),
        }
    }
}

/// One source's verdict on one saga.
#[derive(Debug, Serialize)]
pub(crate) struct JudgementView {
    pub(crate) saga: SagaView,
    /// The source's last claim on the saga.
    pub(crate) claim: Card,
    /// `right`, `wrong` or `open`.
    pub(crate) verdict: Verdict,
    /// `Right`, `Wrong` or `Open`.
    pub(crate) verdict_label: &'static str,
    /// Whether the source was first to report the saga, which ended done.
    pub(crate) first: bool,
}

/// Page context of `source.html`: a source, its record and the sagas behind it.
#[derive(Debug, Serialize)]
pub(crate) struct SourcePage<'a> {
    /// The record, drawn.
    pub(crate) picture: Option<Picture>,
    /// The record in each window it has claims in, newest first.
    pub(crate) windows: Vec<super::window::WindowRecordView<'a>>,
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    pub(crate) source: SourceView<'a>,
    /// Its verdict on each saga it reported, newest saga first.
    pub(crate) judgements: Vec<JudgementView>,
    /// How many sagas that ended done it was first to report.
    pub(crate) first: usize,
    /// The articles that cite it, newest first, each with only the rumours it is cited
    /// for: this page's.
    pub(crate) articles: Vec<Card>,
    /// Where this page of the articles stands among the others. The record is on the
    /// first only.
    pub(crate) pagination: Pagination,
}

impl<'a> SourcePage<'a> {
    /// Page `n`, from 1, of source `index`.
    pub(crate) fn new(site: &'a Shown<'a>, index: usize, n: usize) -> Self {
        let source = &site.sources[index];
        let judgement = |j: &Judgement| JudgementView {
            saga: SagaView::new(site, j.saga),
            claim: Card::rumour(site, j.at),
            verdict: j.verdict,
            verdict_label: j.verdict.label(),
            first: site.first_to_report(j.saga).contains(&&source.slug),
        };
        let route = Route::Source(&source.slug);
        let description = format!("How often {}'s transfer claims came true.", source.name);
        let judged = if n == 1 { &source.judgements[..] } else { &[] };
        let judgements: Vec<JudgementView> = judged.iter().map(judgement).collect();
        let (articles, pagination) = paged(site, Listed::Source, &source.slug, &source.articles, n, |a| {
            Card::only(site, a, |rumour| rumour.cites(&source.slug))
        });
        let record = source.record;
        Self {
            picture: picture::record_bar(&source.name, record.right, record.wrong, record.open),
            windows: if n == 1 { super::window::source_windows(site, index) } else { Vec::new() },
            site: SiteView::new(site),
            meta: Meta::followed(site, &route, &source.name, &description, &Route::SourceAtom(&source.slug))
                .page_of(site, &Listed::Source.page(&source.slug, n), n),
            source: SourceView::new(site, index),
            first: judgements.iter().filter(|j| j.first).count(),
            judgements,
            articles,
            pagination,
        }
    }
}

/// Page context of `sources.html`: every source, best record first.
#[derive(Debug, Serialize)]
pub(crate) struct SourcesPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    /// By hit rate, then by claims proved right, then by tier, then by name; sources
    /// with nothing decided yet come last.
    pub(crate) sources: Vec<SourceView<'a>>,
}

impl<'a> SourcesPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let mut sources: Vec<SourceView<'_>> =
            (0..site.sources.len()).map(|i| SourceView::new(site, i)).collect();
        sources.sort_by(|a, b| {
            let rate = |s: &SourceView<'_>| s.record.hit_rate.map_or(-1, i64::from);
            let tier = |s: &SourceView<'_>| s.tier.unwrap_or(u8::MAX);
            rate(b)
                .cmp(&rate(a))
                .then(b.record.right.cmp(&a.record.right))
                .then(tier(a).cmp(&tier(b)))
                .then(a.url.cmp(&b.url))
        });
        let description = "Which journalists and outlets get their transfer claims right.";
        let meta = Meta::page(site, &Route::Sources, "Sources", Some(description));
        Self { site: SiteView::new(site), meta, sources }
    }
}

impl<'a> PlayerPage<'a> {
    /// Page `n`, from 1, of player `index`.
    pub(crate) fn new(site: &'a Shown<'a>, index: usize, n: usize) -> Self {
        let player = &site.players[index];
        let (articles, pagination) =
            paged(site, Listed::Player, &player.slug, &player.articles, n, |a| Card::new(site, a));
        // The sagas are on the first page only.
        let sagas = match n {
            1 => player.sagas.iter().map(|&s| SagaView::told(site, s)).collect(),
            _ => Vec::new(),
        };
        let picture = match n {
            1 => picture::saga_path(&player.name, &picture::lanes(site, &player.sagas)),
            _ => None,
        };
        Self {
            site: SiteView::new(site),
            meta: Meta::player(site, index).page_of(site, &Listed::Player.page(&player.slug, n), n),
            player: PlayerView::new(site, index),
            sagas,
            picture,
            articles,
            pagination,
        }
    }
}

impl<'a> PlayersPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let mut order: Vec<usize> = (0..site.players.len()).collect();
        order.sort_by_cached_key(|&i| {
            let name = &site.players[i].name;
            (deunicode::deunicode(surname(name)).to_lowercase(), deunicode::deunicode(name).to_lowercase())
        });
        let players = order.into_iter().map(|i| (surname(&site.players[i].name), PlayerView::new(site, i)));
        let description = Some("Every player in the news, A to Z by surname.");
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &Route::Players, "Players", description),
            letters: Letter::group(players),
        }
    }
}

impl<'a> ClubsPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let clubs = (0..site.clubs.len()).map(|i| (site.clubs[i].name.as_str(), ClubItem::new(site, i)));
        let description = Some("Every club in the news, A to Z.");
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &Route::Clubs, "Clubs", description),
            letters: Letter::group(clubs),
        }
    }
}

/// The part of a player's name that an index sorts by: the last word ("Virgil van Dijk"
/// sorts under D); a single name is all of it.
fn surname(name: &str) -> &str {
    let last = name.trim().rsplit(' ').next().unwrap_or(name);
    if last.is_empty() { name } else { last }
}
