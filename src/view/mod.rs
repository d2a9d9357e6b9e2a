//! What templates see. Each page template gets one of the `*Page` structs of this module
//! as its context, built from the model for that page alone; `docs/templates.md` lists
//! them for theme authors.

mod article;
mod entity;
mod meta;
mod page;
mod picture;
mod saga;
mod window;

pub(crate) use article::{ArticlePage, Card, Cards, FeedPage, Pagination, Shared, paged, pages};
pub(crate) use entity::{ClubPage, ClubsPage, PlayerPage, PlayersPage, SourcePage, SourcesPage};
pub(crate) use meta::Meta;
pub(crate) use page::{PlainPage, SearchPage, StandalonePage, TagPage, TagsPage};
pub(crate) use saga::SagaPage;
pub(crate) use window::{ContractsPage, LeaguePage, WindowPage, WindowsPage};

use serde::Serialize;

use crate::entity::Kind;
use crate::record::Record;
use crate::site::Site;

use crate::slug::Slug;
use crate::url::{BaseUrl, Data, Route};

/// The site as its pages show it: the model, and the values made of it once and shared
/// by every page that shows them, the [`Cards`], which must have been made for this site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shown<'a> {
    site: &'a Site,
    cards: &'a Cards,
}

impl<'a> Shown<'a> {
    pub(crate) fn new(site: &'a Site, cards: &'a Cards) -> Self {
        Self { site, cards }
    }

    /// Every window's business, made the first time a page asks for it.
    pub(crate) fn books(&self) -> &'a crate::window::Books {
        self.cards.books.get_or_init(|| crate::window::Books::new(self.site))
    }

    /// The search index, made the first time a file of it is asked for.
    pub(crate) fn search_index(&self) -> &'a crate::search::Index {
        self.cards.search.get_or_init(|| crate::search::Index::new(self.site))
    }
}

impl std::ops::Deref for Shown<'_> {
    type Target = Site;

    fn deref(&self) -> &Site {
        self.site
    }
}

/// The site, as every page sees it under `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    /// The site's name.
    title: &'a str,
    /// One line about the site.
    description: &'a str,
    /// The language of the pages.
    language: &'a str,
    /// The absolute address of the site, ending with `/`.
    base_url: &'a str,
    /// The path of the site's root, such as `/` or `/transfer-blog/`.
    base_path: &'a str,
    /// Links to the feed, the indexes, the Atom feed and the stylesheet.
    home_url: String,
    players_url: String,
    clubs_url: String,
    sources_url: String,
    tags_url: String,
    atom_url: String,
    style_url: String,
    favicon_url: String,
    search_url: String,
    windows_url: String,
    contracts_url: String,
    /// Whether `config.toml` gives any transfer window.
    has_windows: bool,
    /// The open data, for the footer.
    data: [Link<'static>; 3],
    /// The standalone pages, for navigation.
    pages: Vec<Link<'a>>,
    /// The site's own feeds: Atom, RSS and JSON Feed.
    feeds: Vec<meta::FeedLink>,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let config = &site.config;
        let base = &config.base_url;
        Self {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: base.as_str(),
            base_path: base.path(),
            home_url: base.link(&Route::Feed(1)),
            players_url: base.link(&Route::Players),
            clubs_url: base.link(&Route::Clubs),
            sources_url: base.link(&Route::Sources),
            tags_url: base.link(&Route::Tags),
            atom_url: base.link(&Route::Atom),
            style_url: base.link(&Route::Style),
            favicon_url: base.link(&Route::Favicon),
            search_url: base.link(&Route::Search),
            windows_url: base.link(&Route::Windows),
            contracts_url: base.link(&Route::Contracts),
            has_windows: !config.windows.is_empty(),
            data: [
                Link::new("Sagas (JSON)", base, &Route::Data(Data::Sagas)),
                Link::new("Sources (JSON)", base, &Route::Data(Data::Sources)),
                Link::new("Players (JSON)", base, &Route::Data(Data::Players)),
            ],
            pages: site
                .pages
                .iter()
                .map(|page| Link::new(&page.title, base, &Route::Page(&page.slug)))
                .collect(),
            feeds: meta::site_feeds(site),
        }
    }
}

/// A name and where it links to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link<'a> {
    /// What the link says.
    pub(crate) name: &'a str,
    /// Where it goes.
    pub(crate) url: String,
}

impl<'a> Link<'a> {
    pub(crate) fn new(name: &'a str, base: &BaseUrl, route: &Route<'_>) -> Self {
        Self { name, url: base.link(route) }
    }

    pub(crate) fn player(site: &'a Shown<'a>, slug: &Slug) -> Self {
        let player = &site.players[position(site, Kind::Player, slug)];
        Self::new(&player.name, &site.config.base_url, &Route::Player(&player.slug))
    }

    pub(crate) fn club(site: &'a Shown<'a>, slug: &Slug) -> Self {
        let club = &site.clubs[position(site, Kind::Club, slug)];
        Self::new(&club.name, &site.config.base_url, &Route::Club(&club.slug))
    }

    pub(crate) fn article(site: &'a Shown<'a>, index: usize) -> Self {
        let article = &site.articles[index];
        Self::new(&article.title, &site.config.base_url, &Route::Article(&article.slug))
    }

    pub(crate) fn tag(site: &'a Shown<'a>, slug: &Slug) -> Self {
        let tag = &site.tags[site.tag_position(slug).expect("a known tag")];
        Self::new(&tag.name, &site.config.base_url, &Route::Tag(&tag.slug))
    }
}

/// Where an entity named in the model stands in its list.
fn position(site: &Shown<'_>, kind: Kind, slug: &Slug) -> usize {
    // Every name in the model was resolved to an entity of the site.
    site.position(kind, slug).expect("a known entity")
}

/// A source as citations show it: its name, its page and its record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceLink<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) record: RecordView,
}

impl<'a> SourceLink<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, slug: &Slug) -> Self {
        let source = &site.sources[position(site, Kind::Source, slug)];
        let url = site.config.base_url.link(&Route::Source(&source.slug));
        Self { name: &source.name, url, record: source.record.into() }
    }
}

/// A source's record.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct RecordView {
    /// Sagas whose close the source's last claim matched.
    pub(crate) right: usize,
    /// Sagas whose close it did not.
    pub(crate) wrong: usize,
    /// Sagas still open.
    pub(crate) open: usize,
    /// right / (right + wrong) as a whole percentage; empty until a saga closes.
    pub(crate) hit_rate: Option<u32>,
}

impl From<Record> for RecordView {
    fn from(record: Record) -> Self {
        let Record { right, wrong, open } = record;
        // A percentage of at most 100 always fits.
        let hit_rate = record.hit_rate().map(|rate| (rate * 100.0).round() as u32);
        Self { right, wrong, open, hit_rate }
    }
}

/// Where an asset a profile names, such as its image, is: a URL as written, else a path
/// from the site root put under the base path. `absolute`, as link previews need it, a
/// path becomes a permalink and a URL without its scheme takes the site's.
fn asset_url(base: &BaseUrl, target: &str, absolute: bool) -> String {
    match target.strip_prefix("//") {
        Some(rest) if absolute => format!("{}://{rest}", base.scheme()),
        Some(_) => target.to_owned(),
        None if target.contains("://") => target.to_owned(),
        None if absolute => base.permalink(&Route::File(target)),
        None => base.link(&Route::File(target)),
    }
}

/// Serializes HTML that rumourmill made (a body, a summary, a bio, JSON-LD) as a string
/// that templates write as it is: they need no `safe` filter, though it does no harm.
/// Other serializers see a string.
pub(crate) fn html<S: serde::Serializer>(html: &impl AsRef<str>, serializer: S) -> Result<S::Ok, S::Error> {
    tera::Value::safe_string(html.as_ref()).serialize(serializer)
}
