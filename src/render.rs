//! Stage 3, render: any one page or file of the site, from the model alone. A build maps
//! [`render_page`] over every one of [`routes`]; `serve` renders the page asked for.

use rayon::prelude::*;

use crate::Error;
use crate::alias;
use crate::data;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::entity::Kind;
use crate::feed;
use crate::search;
use crate::site::Site;
use crate::sitemap;
use crate::slug::Slug;
use crate::theme::Theme;
use crate::url::{Data, Listed, Route, Script};
use crate::view::{
    ArticlePage, Cards, ClubPage, ClubsPage, ContractsPage, FeedPage, LeaguePage, Meta, PlainPage,
    PlayerPage, PlayersPage, SagaPage, SearchPage, Shown, SourcePage, SourcesPage, StandalonePage, TagPage,
    TagsPage, WindowPage, WindowsPage, pages,
};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Where it goes in the output folder, with `/` between parts.
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// Every page and file the site has, in the order the sitemap lists pages: the feed's
/// pages, the articles, then the rest.
pub(crate) fn routes(site: &Site) -> Vec<Route<'_>> {
    let mut routes: Vec<Route<'_>> = (1..=feed_pages(site)).map(Route::Feed).collect();
    routes.extend(site.articles.iter().map(|a| Route::Article(&a.slug)));
    routes.extend(site.players.iter().map(|p| Route::Player(&p.slug)));
    routes.extend(site.clubs.iter().map(|c| Route::Club(&c.slug)));
    routes.extend(site.sources.iter().map(|s| Route::Source(&s.slug)));
    routes.extend(site.tags.iter().map(|t| Route::Tag(&t.slug)));
    routes.extend(site.sagas.iter().map(|s| Route::Saga(&s.player, &s.to)));
    routes.extend(
        listings(site)
            .flat_map(|(listed, slug, total)| (2..=total).map(move |n| Route::Paged(listed, slug, n))),
    );
    routes.extend(site.config.windows.iter().map(|w| Route::Window(&w.slug)));
    routes.extend(site.leagues.iter().map(|l| Route::League(&l.slug)));
    routes.extend(site.pages.iter().map(|p| Route::Page(&p.slug)));
    routes.extend(slugless(site));
    routes.extend(site.aliases.keys().map(|path| Route::Alias(path)));
    routes.extend(site.players.iter().map(|p| Route::PlayerAtom(&p.slug)));
    routes.extend(site.clubs.iter().map(|c| Route::ClubAtom(&c.slug)));
    routes.extend(site.sources.iter().map(|s| Route::SourceAtom(&s.slug)));
    routes.extend(site.tags.iter().map(|t| Route::TagAtom(&t.slug)));
    routes.extend(site.sagas.iter().map(|s| Route::SagaAtom(&s.player, &s.to)));
    routes.extend(search_files(site).map(Route::SearchFile));
    routes
}

/// The files of the search index, as many as the site's size asks for.
fn search_files(site: &Site) -> impl Iterator<Item = search::File> + use<> {
    let articles = site.articles.len();
    let terms = (0..search::shards(articles)).map(search::File::Terms);
    let chunks = (0..search::chunks(articles)).map(search::File::Articles);
    std::iter::once(search::File::Entities).chain(terms).chain(chunks)
}

/// The routes that take no slug or number: the indexes, then the site's own files.
fn slugless<'a>(site: &Site) -> impl Iterator<Item = Route<'a>> + use<'a> {
    let indexes: [Route<'a>; 6] =
        [Route::Players, Route::Clubs, Route::Sources, Route::Tags, Route::Windows, Route::Contracts];
    let files = [Route::NotFound, Route::Style, Route::Favicon, Route::Atom, Route::Rss, Route::JsonFeed];
    let search = [Route::Search, Route::Script(Script::Search), Route::Script(Script::MiniSearch)];
    let data = [Data::Sagas, Data::Sources, Data::Players, Data::Windows].map(Route::Data);
    let machine = [Route::Sitemap, Route::Robots, Route::NoJekyll];
    let cname = site.config.cname.is_some().then_some(Route::Cname);
    indexes.into_iter().chain(files).chain(search).chain(data).chain(machine).chain(cname)
}

/// The route whose file is at `path` in the output folder, such as `index.html` or
/// `players/luka-modric/index.html`, if the site has one there.
pub(crate) fn route_at<'a>(site: &'a Site, path: &str) -> Option<Route<'a>> {
    // A route writes its slug or page number as one segment of its path, so the route at
    // `path` is among those made of its segments: the one of them that writes `path`.
    let mut candidates: Vec<Route<'a>> = slugless(site).chain([Route::Feed(1)]).collect();
    let numbers: Vec<usize> =
        path.split('/').filter_map(|segment| segment.parse().ok()).filter(|&n| n > 1).collect();
    // Page `n` of a listing of this slug, for each number of the path.
    let paged = |candidates: &mut Vec<Route<'a>>, listed: Listed, slug: &'a Slug| {
        candidates.extend(numbers.iter().map(|&n| Route::Paged(listed, slug, n)));
    };
    candidates.extend(numbers.iter().filter(|&&n| n <= feed_pages(site)).map(|&n| Route::Feed(n)));
    for segment in path.split('/') {
        let Some(slug) = Slug::new(segment).filter(|slug| slug.as_str() == segment) else { continue };
        if let Some(i) = site.article_position(&slug) {
            candidates.push(Route::Article(&site.articles[i].slug));
        }
        if let Some(i) = site.position(Kind::Player, &slug) {
            let slug = &site.players[i].slug;
            candidates.extend([Route::Player(slug), Route::PlayerAtom(slug)]);
            paged(&mut candidates, Listed::Player, slug);
        }
        if let Some(i) = site.position(Kind::Club, &slug) {
            let slug = &site.clubs[i].slug;
            candidates.extend([Route::Club(slug), Route::ClubAtom(slug)]);
            paged(&mut candidates, Listed::Club, slug);
        }
        if let Some(i) = site.position(Kind::Source, &slug) {
            let slug = &site.sources[i].slug;
            candidates.extend([Route::Source(slug), Route::SourceAtom(slug)]);
            paged(&mut candidates, Listed::Source, slug);
        }
        if let Some(i) = site.tag_position(&slug) {
            let slug = &site.tags[i].slug;
            candidates.extend([Route::Tag(slug), Route::TagAtom(slug)]);
            paged(&mut candidates, Listed::Tag, slug);
        }
        if let Some(saga) = site.saga_at(segment).map(|s| &site.sagas[s]) {
            candidates.extend([Route::Saga(&saga.player, &saga.to), Route::SagaAtom(&saga.player, &saga.to)]);
        }
        if let Some(window) = site.config.windows.iter().find(|w| w.slug == slug) {
            candidates.push(Route::Window(&window.slug));
        }
        if let Some(league) = site.leagues.iter().find(|l| l.slug == slug) {
            candidates.push(Route::League(&league.slug));
        }
        if let Some(i) = site.page_position(&slug) {
            candidates.push(Route::Page(&site.pages[i].slug));
        }
    }
    if path.starts_with("search/") {
        candidates.extend(search_files(site).map(Route::SearchFile));
    }
    let alias = path.strip_suffix("index.html").unwrap_or(path);
    if let Some((alias, _)) = site.aliases.get_key_value(alias) {
        candidates.push(Route::Alias(alias));
    }
    // A page past a listing's last is none of the site's.
    let exists = |route: &Route<'_>| match *route {
        Route::Paged(listed, slug, n) => n <= listing_pages(site, listed, slug),
        _ => true,
    };
    candidates.into_iter().find(|route| route.output_path() == path && exists(route))
}

/// How many pages the rumour feed takes; an empty site still has its first.
fn feed_pages(site: &Site) -> usize {
    site.articles.len().div_ceil(site.config.paginate_by).max(1)
}

/// Renders every page and file of `site`, handing each to `sink` as soon as it is made,
/// or reports the problems of every page together.
pub(crate) fn render_all(
    site: &Site,
    theme: &Theme,
    sink: &(dyn Fn(Document) -> Result<(), Error> + Sync),
) -> Result<(), Error> {
    // Every page is a task of its own. The player, club and source pages, which cost up
    // to a hundred times an article page, stand together at the end of the routes, and
    // rayon's default splitting left them to one thread while the other had nothing to
    // take: a fresh 10,000-article build took 0.91 s this way against 1.11 s that way
    // (bench/build.py, medians of 7, side by side).
    let cards = Cards::new(site);
    let shown = Shown::new(site, &cards);
    let results: Vec<Result<(), Error>> = routes(site)
        .par_iter()
        .with_max_len(1)
        .map(|route| {
            let bytes =
                render_page(&shown, theme, route).map_err(|problem| Error::Content(problem.into()))?;
            sink(Document { path: route.output_path(), bytes })
        })
        .collect();
    let mut problems = Diagnostics::default();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Error::Content(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    Ok(problems.into_result(())?)
}

/// The bytes of the page or file at `route`, which must be one of the site's [`routes`].
pub(crate) fn render_page(site: &Shown<'_>, theme: &Theme, route: &Route<'_>) -> Result<Vec<u8>, Diagnostic> {
    let position = |kind: Kind, slug| site.position(kind, slug).expect("a route of the site");
    match *route {
        Route::Feed(n) => {
            let title = if n == 1 { String::new() } else { format!("Page {n}") };
            let meta = Meta::page(site, route, title, None);
            theme.page("index.html", &FeedPage::new(site, n, feed_pages(site), meta))
        }
        Route::Article(slug) => {
            let index = site.article_position(slug).expect("a route of the site");
            theme.page("article.html", &ArticlePage::new(site, index))
        }
        Route::Player(slug) => listing(site, theme, Listed::Player, slug, 1),
        Route::Club(slug) => listing(site, theme, Listed::Club, slug, 1),
        Route::Source(slug) => listing(site, theme, Listed::Source, slug, 1),
        Route::Tag(slug) => listing(site, theme, Listed::Tag, slug, 1),
        Route::Paged(listed, slug, n) => listing(site, theme, listed, slug, n),
        Route::Saga(player, club) => {
            let index = site.saga_position(player, club).expect("a route of the site");
            theme.page("saga.html", &SagaPage::new(site, index))
        }
        Route::Page(slug) => {
            let index = site.page_position(slug).expect("a route of the site");
            theme.page("page.html", &StandalonePage::new(site, index))
        }
        Route::Players => theme.page("players.html", &PlayersPage::new(site)),
        Route::Clubs => theme.page("clubs.html", &ClubsPage::new(site)),
        Route::Sources => theme.page("sources.html", &SourcesPage::new(site)),
        Route::Tags => theme.page("tags.html", &TagsPage::new(site)),
        Route::NotFound => theme.page("404.html", &PlainPage::new(site, route)),
        Route::Style => theme.page("style.css", &PlainPage::new(site, route)),
        Route::Favicon => theme.page("favicon.svg", &PlainPage::new(site, route)),
        Route::Windows => theme.page("windows.html", &WindowsPage::new(site)),
        Route::Window(slug) => {
            let w = site.config.windows.iter().position(|w| w.slug == *slug).expect("a route of the site");
            theme.page("window.html", &WindowPage::new(site, w))
        }
        Route::League(slug) => {
            let league = site.leagues.iter().find(|l| l.slug == *slug).expect("a route of the site");
            theme.page("league.html", &LeaguePage::new(site, league))
        }
        Route::Contracts => theme.page("contracts.html", &ContractsPage::new(site)),
        Route::Search => theme.page("search.html", &SearchPage::new(site)),
        Route::Script(Script::Search) => Ok(include_bytes!("../templates/search/search.js").to_vec()),
        Route::Script(Script::MiniSearch) => Ok(include_bytes!("../templates/search/minisearch.js").to_vec()),
        Route::SearchFile(file) => Ok(site.search_index().file(file)),
        Route::Atom | Route::Rss | Route::JsonFeed => Ok(feed::site_feed(site, route)),
        Route::PlayerAtom(slug) => {
            let player = &site.players[position(Kind::Player, slug)];
            let page = Route::Player(slug);
            Ok(feed::entity_feed(site, &player.name, &page, route, &player.articles))
        }
        Route::ClubAtom(slug) => {
            let club = &site.clubs[position(Kind::Club, slug)];
            let page = Route::Club(slug);
            Ok(feed::entity_feed(site, &club.name, &page, route, &club.articles))
        }
        Route::SourceAtom(slug) => {
            let source = &site.sources[position(Kind::Source, slug)];
            let page = Route::Source(slug);
            Ok(feed::entity_feed(site, &source.name, &page, route, &source.articles))
        }
        Route::TagAtom(slug) => {
            let tag = &site.tags[site.tag_position(slug).expect("a route of the site")];
            let page = Route::Tag(slug);
            Ok(feed::entity_feed(site, &tag.name, &page, route, &tag.articles))
        }
        Route::SagaAtom(player, club) => {
            Ok(feed::saga_feed(site, site.saga_position(player, club).expect("a route of the site")))
        }
        Route::Data(which) => Ok(data::open_data(site, which, || site.books())),
        Route::Sitemap => {
            let routes = routes(site);
            let pages: Vec<sitemap::Listed> = routes
                .iter()
                .filter(|route| in_sitemap(route))
                .map(|route| (site.config.base_url.permalink(route), last_modified(site, route)))
                .collect();
            Ok(sitemap::sitemap(&pages))
        }
        Route::Robots => Ok(sitemap::robots(&site.config.base_url)),
        // GitHub Pages would otherwise run the site through Jekyll.
        Route::NoJekyll => Ok(Vec::new()),
        Route::Cname => Ok(format!("{}\n", site.config.cname.as_deref().unwrap_or_default()).into_bytes()),
        Route::Alias(path) => {
            let target = site.aliases[path].route();
            Ok(alias::page(&site.config.base_url.permalink(&target), &site.config.language))
        }
        Route::File(path) => unreachable!("`{path}` is a static file, not rendered"),
    }
}

/// Page `n`, from 1, of the listing `listed` of `slug`.
fn listing(
    site: &Shown<'_>,
    theme: &Theme,
    listed: Listed,
    slug: &Slug,
    n: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let position = |kind: Kind| site.position(kind, slug).expect("a route of the site");
    match listed {
        Listed::Player => theme.page("player.html", &PlayerPage::new(site, position(Kind::Player), n)),
        Listed::Club => theme.page("club.html", &ClubPage::new(site, position(Kind::Club), n)),
        Listed::Source => theme.page("source.html", &SourcePage::new(site, position(Kind::Source), n)),
        Listed::Tag => {
            let index = site.tag_position(slug).expect("a route of the site");
            theme.page("tag.html", &TagPage::new(site, index, n))
        }
    }
}

/// Every listing of the site, with its slug and its number of pages.
fn listings(site: &Site) -> impl Iterator<Item = (Listed, &Slug, usize)> {
    let players = site.players.iter().map(|p| (Listed::Player, &p.slug));
    let clubs = site.clubs.iter().map(|c| (Listed::Club, &c.slug));
    let sources = site.sources.iter().map(|s| (Listed::Source, &s.slug));
    let tags = site.tags.iter().map(|t| (Listed::Tag, &t.slug));
    let all = players.chain(clubs).chain(sources).chain(tags);
    all.map(|(listed, slug)| (listed, slug, listing_pages(site, listed, slug)))
}

/// How many pages the listing `listed` of `slug`, which the site has, takes.
fn listing_pages(site: &Site, listed: Listed, slug: &Slug) -> usize {
    let position = |kind: Kind| site.position(kind, slug).expect("a listing of the site");
    let articles = match listed {
        Listed::Player => site.players[position(Kind::Player)].articles.len(),
        Listed::Club => site.clubs[position(Kind::Club)].articles.len(),
        Listed::Source => site.sources[position(Kind::Source)].articles.len(),
        Listed::Tag => site.tags[site.tag_position(slug).expect("a listing of the site")].articles.len(),
    };
    pages(articles, site.config.paginate_by)
}

/// Whether a page belongs in the sitemap: every page a reader would look for.
fn in_sitemap(route: &Route<'_>) -> bool {
    matches!(
        route,
        Route::Feed(_)
            | Route::Article(_)
            | Route::Player(_)
            | Route::Club(_)
            | Route::Source(_)
            | Route::Tag(_)
            | Route::Saga(..)
            | Route::Page(_)
            | Route::Players
            | Route::Clubs
            | Route::Sources
            | Route::Tags
            | Route::Search
            | Route::Windows
            | Route::Window(_)
            | Route::League(_)
            | Route::Contracts
    )
}

/// When what a page shows last changed: the newest change among its articles.
fn last_modified(site: &Site, route: &Route<'_>) -> Option<Date> {
    let newest =
        |articles: &mut dyn Iterator<Item = usize>| articles.map(|a| site.articles[a].modified()).max();
    let position = |kind: Kind, slug| site.position(kind, slug).expect("a route of the site");
    match *route {
        Route::Feed(n) => {
            let per_page = site.config.paginate_by;
            newest(&mut ((n - 1) * per_page..(n * per_page).min(site.articles.len())))
        }
        Route::Article(slug) => site.article_position(slug).map(|a| site.articles[a].modified()),
        Route::Player(slug) => {
            newest(&mut site.players[position(Kind::Player, slug)].articles.iter().copied())
        }
        Route::Club(slug) => newest(&mut site.clubs[position(Kind::Club, slug)].articles.iter().copied()),
        Route::Source(slug) => {
            newest(&mut site.sources[position(Kind::Source, slug)].articles.iter().copied())
        }
        Route::Tag(slug) => {
            let tag = &site.tags[site.tag_position(slug).expect("a route of the site")];
            newest(&mut tag.articles.iter().copied())
        }
        Route::Saga(player, club) => {
            let saga = &site.sagas[site.saga_position(player, club).expect("a route of the site")];
            newest(&mut saga.rumours.iter().map(|&(a, _)| a))
        }
        Route::Players | Route::Clubs | Route::Sources | Route::Tags => newest(&mut (0..site.articles.len())),
        _ => None,
    }
}
