//! Stage 3, render: from the site to the bytes of every page and file. Pure; pages
//! render in parallel, and each link, article card and saga is built once for every page
//! that shows it.

use rayon::prelude::*;
use serde::Serialize;

use crate::data;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::feed;
use crate::site::Site;
use crate::sitemap;
use crate::theme::Theme;
use crate::url::Route;
use crate::view::{
    ArticleCard, ArticlePage, Built, ClubItem, ClubPage, ClubsPage, Day, FeedPage, Letter, Library, Links,
    Meta, PageView, Pagination, PlainPage, PlayerPage, PlayerView, PlayersPage, RumourView, SagaView,
    SiteValues, SourcePage, SourcesPage, StandalonePage, TagItem, TagPage, TagsPage, build_all,
    settled_string, site_value,
};
use crate::{Error, Memory};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Where it goes in the output folder, with `/` between parts.
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Feed(usize),
    Player(usize),
    Players,
    Club(usize),
    Clubs,
    Source(usize),
    Sources,
    Tag(usize),
    Tags,
    Page(usize),
    Plain(&'static str),
}

/// What every page is rendered from, built once: the links, and every rumour, article
/// card and saga both as a view and as the template value pages share.
struct Shared<'a> {
    library: Library<'a>,
    theme: &'a Theme,
}

/// Where rendered files go: the write stage's staging folder, or `check`'s scan. Each
/// document is handed over as soon as it is rendered, so the whole site is never held in
/// memory at once.
pub(crate) type Sink<'a> = &'a (dyn Fn(Document) -> Result<(), Error> + Sync);

/// Renders every page and file of `site` into `sink`, or reports every template error.
/// The article bodies are taken out of `site`: each is freed once its page is written.
/// What the pages shared is released as `memory` says.
pub(crate) fn render(site: &mut Site, theme: &Theme, memory: Memory, sink: Sink<'_>) -> Result<(), Error> {
    let bodies: Vec<String> =
        site.articles.iter_mut().map(|article| std::mem::take(&mut article.content_html)).collect();
    let site = &*site;
    let mut links = Links::new(site);
    let mut problems = Diagnostics::default();
    let site_values = site_values(site, theme, &mut problems);
    let site_value = site_values.own();
    // A source's record reads the same wherever the source is cited.
    links.extend_sources(|source| {
        add_partial(theme, site_value, source, "partials/record.html", "source", "record_html", &mut problems)
    });

    // First every article's page, each with its body, which is freed once the page is
    // written; what the other pages show of the article is made on the way. The site's
    // feeds carry the newest articles whole, so those bodies are kept for them; the feeds
    // come after, so that their entries are not held beside every body.
    let newest: Vec<String> = bodies.iter().take(feed::FEED_LENGTH).cloned().collect();
    let each = Each { site, links: &links, site_values: &site_values, theme };
    let articles: Vec<ArticleValues> = bodies
        .into_par_iter()
        .enumerate()
        .with_max_len(crate::ARTICLES_AT_ONCE)
        .map(|(i, body)| each.article(i, &body, sink))
        .collect();
    feed::feeds(site, &newest, sink)?;
    let mut article_entries = Vec::with_capacity(articles.len());
    let mut rumour_values = Vec::with_capacity(articles.len());
    let mut card_values = Vec::with_capacity(articles.len());
    for ArticleValues { rumours, card, entry } in articles {
        rumour_values.push(rumours);
        card_values.push(card);
        article_entries.extend(content_problems(entry, &mut problems)?);
    }

    let sagas: Vec<SagaView<'_>> = site
        .sagas
        .par_iter()
        .with_max_len(crate::ARTICLES_AT_ONCE)
        .map(|saga| SagaView::new(site, &links, &rumour_values, saga))
        .collect();
    let saga_values = build_all(&sagas);
    drop(sagas);
    let library = Library {
        site,
        links: &links,
        views: &site_values,
        rumours: &rumour_values,
        cards: &card_values,
        sagas: &saga_values,
    };
    let shared = Shared { library, theme };
    let feed_pages = site.articles.len().div_ceil(site.config.paginate_by).max(1);

    let mut jobs: Vec<Job> = (1..=feed_pages).map(Job::Feed).collect();
    jobs.extend((0..site.players.len()).map(Job::Player));
    jobs.extend((0..site.clubs.len()).map(Job::Club));
    jobs.extend((0..site.sources.len()).map(Job::Source));
    jobs.extend((0..site.tags.len()).map(Job::Tag));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend([
        Job::Players,
        Job::Clubs,
        Job::Sources,
        Job::Tags,
        Job::Plain("404.html"),
        Job::Plain("style.css"),
    ]);

    // The open data is made alongside the pages, so that no core waits for the other.
    let (mut rendered, open_data): (Vec<Result<Option<sitemap::Entry>, Error>>, _) = rayon::join(
        || {
            // One page at a time, last first: a source's, tag's or list's page on a large
            // site takes as long as thousands of others, and the pages left for the end
            // are then the quick ones, which both cores share.
            jobs.par_iter()
                .rev()
                .with_max_len(1)
                .map(|&job| {
                    let (document, entry) =
                        shared.render(job, feed_pages).map_err(|d| Error::Content(d.into()))?;
                    sink(document)?;
                    Ok(entry)
                })
                .collect()
        },
        || data::open_data(site),
    );
    rendered.reverse();
    // Freeing the values that pages shared takes a while on a large site; it is done
    // beside the last files.
    let free = move || match memory {
        Memory::Free => {
            rayon::join(
                move || rumour_values.into_par_iter().for_each(drop),
                move || card_values.into_par_iter().for_each(drop),
            );
            drop((saga_values, links));
        }
        Memory::Leave => memory.release((rumour_values, card_values, saga_values, links)),
    };
    let (last, ()) =
        rayon::join(|| last_files(site, rendered, article_entries, open_data, feed_pages, sink), free);
    content_problems(last, &mut problems)?;
    Ok(problems.into_result(())?)
}

/// The folders of the pages on a large site, in the order [`render`] writes them: the
/// articles', the feed's pages', and the players', clubs', sources' and tags'.
pub(crate) fn folders(site: &Site) -> Vec<String> {
    let feed_pages = site.articles.len().div_ceil(site.config.paginate_by);
    let articles = site.articles.iter().map(|article| Route::Article(&article.slug));
    let feed = (2..=feed_pages).map(Route::Feed);
    let players = site.players.iter().map(|player| Route::Player(&player.slug));
    let clubs = site.clubs.iter().map(|club| Route::Club(&club.slug));
    let sources = site.sources.iter().map(|source| Route::Source(&source.slug));
    let tags = site.tags.iter().map(|tag| Route::Tag(&tag.slug));
    articles
        .chain(feed)
        .chain(players)
        .chain(clubs)
        .chain(sources)
        .chain(tags)
        .filter_map(|route| route.output_path().strip_suffix("/index.html").map(str::to_owned))
        .collect()
}

/// The partials that show only the site, each with the field of `site` that holds it:
/// every page shows them alike, so they are rendered once for the whole site.
const SITE_PARTIALS: [(&str, &str); 2] =
    [("partials/masthead.html", "masthead_html"), ("partials/feed_links.html", "feed_links_html")];

/// The site as pages see it, with [`SITE_PARTIALS`] rendered for it; a partial that fails
/// leaves its field empty and its problem in `problems`.
fn site_values(site: &Site, theme: &Theme, problems: &mut Diagnostics) -> SiteValues {
    let mut context = tera::Context::new();
    context.insert_value("site", site_value(site));
    let html: Vec<(&'static str, String)> = SITE_PARTIALS
        .iter()
        .map(|&(partial, field)| (field, render_partial(theme, partial, &context, problems)))
        .collect();
    SiteValues::site(site, &html)
}

/// The files made from every page once all are rendered: the sitemap, which lists the
/// feed's pages, then the articles, then the rest, and the open data and Pages' files.
fn last_files(
    site: &Site,
    rendered: Vec<Result<Option<sitemap::Entry>, Error>>,
    mut article_entries: Vec<sitemap::Entry>,
    open_data: impl IntoIterator<Item = (&'static str, Vec<u8>)> + Send,
    feed_pages: usize,
    sink: Sink<'_>,
) -> Result<(), Error> {
    let mut problems = Diagnostics::default();
    let mut pages = Vec::with_capacity(rendered.len() + article_entries.len());
    for (n, result) in rendered.into_iter().enumerate() {
        if n == feed_pages {
            pages.append(&mut article_entries);
        }
        pages.extend(content_problems(result, &mut problems)?.flatten());
    }
    problems.into_result(())?;

    // The sitemap of a large site takes a while to make: the other files are written
    // meanwhile.
    let (sitemap, others) = rayon::join(
        || sink(Document { path: Route::Sitemap.output_path(), bytes: sitemap::sitemap(&pages) }),
        || -> Result<(), Error> {
            let robots = sitemap::robots(&site.config.base_url);
            sink(Document { path: Route::Robots.output_path(), bytes: robots })?;
            for (path, bytes) in open_data {
                sink(Document { path: path.to_owned(), bytes })?;
            }
            // GitHub Pages would otherwise run the site through Jekyll.
            sink(Document { path: ".nojekyll".to_owned(), bytes: Vec::new() })?;
            if let Some(cname) = &site.config.cname {
                sink(Document { path: "CNAME".to_owned(), bytes: format!("{cname}\n").into_bytes() })?;
            }
            Ok(())
        },
    );
    sitemap.and(others)
}

/// The value of `result`; or `None`, keeping its problems in `problems` when they are
/// with the content or templates, so that every page's are reported together.
fn content_problems<T>(result: Result<T, Error>, problems: &mut Diagnostics) -> Result<Option<T>, Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Error::Content(found)) => {
            problems.extend(found);
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// What the other pages use of an article, made as its own page is rendered: its rumours
/// and its card as template values, and its sitemap entry once its page is written.
struct ArticleValues {
    rumours: Vec<tera::Value>,
    card: tera::Value,
    entry: Result<sitemap::Entry, Error>,
}

/// What rendering each article needs.
struct Each<'a> {
    site: &'a Site,
    links: &'a Links<'a>,
    site_values: &'a SiteValues,
    theme: &'a Theme,
}

impl Each<'_> {
    /// Renders article `i`'s page with its `body` into `sink`, and the partials that
    /// every page shows of its rumours and card alike: those are rendered once here, not
    /// on every page that lists them.
    fn article(&self, i: usize, body: &str, sink: Sink<'_>) -> ArticleValues {
        let Self { site, links, site_values, theme } = *self;
        let site_value = site_values.own();
        let article = &site.articles[i];
        let mut found = Diagnostics::default();
        let rumours: Vec<tera::Value> = RumourView::all(links, article, i)
            .iter()
            .map(|view| {
                self.with_fragment(view, "partials/rumour_meta.html", "rumour", "meta_html", &mut found)
            })
            .collect();
        let card = ArticleCard::new(links, article, i, &rumours);
        let card_value =
            self.with_fragment(&card, "partials/article_item.html", "article", "item_html", &mut found);
        let page = ArticlePage {
            site: Built::new(site_value),
            meta: Meta::article(site, links, i),
            article: Built::new(&card_value),
            content_html: body,
        };
        let route = Route::Article(&article.slug);
        let entry = match theme.page("article.html", &page) {
            Ok(html) if found.is_empty() => sink(Document { path: route.output_path(), bytes: html })
                .map(|()| (site.config.base_url.permalink(&route), Some(article.modified()))),
            Ok(_) => Err(Error::Content(found)),
            Err(problem) => {
                found.push(problem);
                Err(Error::Content(found))
            }
        };
        ArticleValues { rumours, card: card_value, entry }
    }

    /// `view` as a template value, with `partial` rendered for it: see [`add_partial`].
    fn with_fragment(
        &self,
        view: &impl Serialize,
        partial: &str,
        key: &'static str,
        field: &'static str,
        found: &mut Diagnostics,
    ) -> tera::Value {
        let value = tera::Value::from_serializable(view);
        add_partial(self.theme, self.site_values.own(), value, partial, key, field, found)
    }
}

/// `value`, with `partial` rendered for it (seeing it as `key`, beside `site`) added as
/// its first field, `field`, marked safe: templates write it as it is, with no `safe`
/// filter to call and no copy of the value to take. A partial that fails leaves the field
/// empty and its problem in `found`.
fn add_partial(
    theme: &Theme,
    site: &tera::Value,
    value: tera::Value,
    partial: &str,
    key: &'static str,
    field: &'static str,
    found: &mut Diagnostics,
) -> tera::Value {
    let mut context = tera::Context::new();
    context.insert_value("site", site.clone());
    context.insert_value(key, value);
    let html = render_partial(theme, partial, &context, found);
    // Taken back from the partial's context, the map is moved out, not copied, unless
    // another value holds it too.
    let value = context.remove(key).expect("inserted above");
    let mut fields = value.into_map().expect("a view is a map");
    // Its own strings are settled, as many pages write them. Only its own: the values it
    // shares, such as links, were settled when built, and `view::settled` would copy them.
    for value in fields.values_mut() {
        *value = settled_string(std::mem::replace(value, tera::Value::undefined()));
    }
    // The field goes first: a list that shows only it finds it at once, where the map's
    // other fields are not in the cache.
    fields.shift_insert(0, field.into(), tera::Value::from(html).mark_safe());
    fields.into()
}

/// `partial` rendered in `context`; empty when it fails, with its problem in `found`, so
/// that every page's problems are still reported together.
fn render_partial(theme: &Theme, partial: &str, context: &tera::Context, found: &mut Diagnostics) -> String {
    theme.render(partial, context).unwrap_or_else(|problem| {
        found.push(problem);
        String::new()
    })
}

impl Shared<'_> {
    /// Renders one page, with its sitemap entry when it belongs in the sitemap.
    fn render(&self, job: Job, feed_pages: usize) -> Result<(Document, Option<sitemap::Entry>), Diagnostic> {
        let library = &self.library;
        let Library { site, links, .. } = *library;
        let view = library.site_view();
        let card = |a: usize| library.card(a);
        let base = &site.config.base_url;
        let newest =
            |articles: &mut dyn Iterator<Item = usize>| articles.map(|a| site.articles[a].modified()).max();
        let all = || newest(&mut (0..site.articles.len()));
        let (route, html, lastmod) = match job {
            Job::Feed(n) => {
                let route = Route::Feed(n);
                let title = if n == 1 { String::new() } else { format!("Page {n}") };
                let meta = Meta::page(site, links, &route, title, None);
                let page = self.feed_page(n, feed_pages, meta);
                let per_page = site.config.paginate_by;
                let on_page = (n - 1) * per_page..(n * per_page).min(site.articles.len());
                (route, self.theme.page("index.html", &page)?, newest(&mut on_page.into_iter()))
            }
            Job::Player(i) => {
                let player = &site.players[i];
                let page = PlayerPage {
                    site: view,
                    meta: Meta::player(site, links, i),
                    player: PlayerView::new(site, links, i),
                    sagas: player.sagas.iter().map(|&s| library.saga(s)).collect(),
                    timeline: player.timeline.iter().map(|&at| library.rumour(at)).collect(),
                    articles: player.articles.iter().map(|&a| card(a)).collect(),
                };
                let lastmod = newest(&mut player.articles.iter().copied());
                (Route::Player(&player.slug), self.theme.page("player.html", &page)?, lastmod)
            }
            Job::Players => {
                let players = (0..site.players.len())
                    .map(|i| (site.players[i].name.as_str(), PlayerView::new(site, links, i)));
                let meta = Meta::page(
                    site,
                    links,
                    &Route::Players,
                    "Players",
                    Some("Every player in the news, A to Z."),
                );
                let page = PlayersPage { site: view, meta, letters: Letter::group(players) };
                (Route::Players, self.theme.page("players.html", &page)?, all())
            }
            Job::Club(i) => {
                let club = &site.clubs[i];
                let page = ClubPage::new(library, i, Meta::club(site, links, i));
                let lastmod = newest(&mut club.articles.iter().copied());
                (Route::Club(&club.slug), self.theme.page("club.html", &page)?, lastmod)
            }
            Job::Clubs => {
                let clubs = (0..site.clubs.len())
                    .map(|i| (site.clubs[i].name.as_str(), ClubItem::new(site, links, i)));
                let meta =
                    Meta::page(site, links, &Route::Clubs, "Clubs", Some("Every club in the news, A to Z."));
                let page = ClubsPage { site: view, meta, letters: Letter::group(clubs) };
                (Route::Clubs, self.theme.page("clubs.html", &page)?, all())
            }
            Job::Source(i) => {
                let source = &site.sources[i];
                let route = Route::Source(&source.slug);
                let description = format!("How often {}'s transfer claims came true.", source.name);
                let meta = Meta::page(site, links, &route, &source.name, Some(&description));
                let page = SourcePage::new(library, i, meta);
                let lastmod = newest(&mut source.articles.iter().copied());
                (route, self.theme.page("source.html", &page)?, lastmod)
            }
            Job::Sources => {
                let description = "Which journalists and outlets get their transfer claims right.";
                let meta = Meta::page(site, links, &Route::Sources, "Sources", Some(description));
                let page = SourcesPage::new(site, view, links, meta);
                (Route::Sources, self.theme.page("sources.html", &page)?, all())
            }
            Job::Tag(i) => {
                let tag = &site.tags[i];
                let route = Route::Tag(&tag.slug);
                let meta = Meta::page(site, links, &route, &tag.name, None);
                let articles = tag.articles.iter().map(|&a| card(a)).collect();
                let page = TagPage { site: view, meta, tag: &links.tags[i], articles };
                let lastmod = newest(&mut tag.articles.iter().copied());
                (route, self.theme.page("tag.html", &page)?, lastmod)
            }
            Job::Tags => {
                let tags = site
                    .tags
                    .iter()
                    .zip(&links.tags)
                    .map(|(tag, link)| TagItem { tag: link, article_count: tag.articles.len() })
                    .collect();
                let meta = Meta::page(site, links, &Route::Tags, "Tags", None);
                (Route::Tags, self.theme.page("tags.html", &TagsPage { site: view, meta, tags })?, all())
            }
            Job::Page(i) => {
                let page = &site.pages[i];
                let route = Route::Page(&page.slug);
                let url = base.link(&route);
                let meta = Meta::page(site, links, &route, &page.title, page.description.as_deref());
                let page_view = PageView {
                    title: &page.title,
                    description: page.description.as_deref(),
                    url: &url,
                    content_html: &page.content_html,
                };
                let standalone = StandalonePage { site: view, meta, page: page_view };
                (route, self.theme.page("page.html", &standalone)?, None)
            }
            Job::Plain(template) => {
                let route = Route::File(template);
                let meta = Meta::page(site, links, &route, "Not found", None);
                let document = Document {
                    path: route.output_path(),
                    bytes: self.theme.page(template, &PlainPage { site: view, meta })?,
                };
                return Ok((document, None));
            }
        };
        let entry = (base.permalink(&route), lastmod);
        Ok((Document { path: route.output_path(), bytes: html }, Some(entry)))
    }

    fn feed_page<'s>(&'s self, n: usize, total: usize, meta: Meta<'s>) -> FeedPage<'s> {
        let site = self.library.site;
        let per_page = site.config.paginate_by;
        let start = (n - 1) * per_page;
        let end = (start + per_page).min(site.articles.len());
        let mut days: Vec<Day<'_>> = Vec::new();
        for (a, article) in site.articles.iter().enumerate().take(end).skip(start) {
            let card = self.library.card(a);
            match days.last_mut() {
                Some(day) if day.date.day() == article.date.day() => day.articles.push(card),
                _ => days.push(Day { date: article.date, articles: vec![card] }),
            }
        }
        FeedPage {
            site: self.library.site_view(),
            meta,
            days,
            pagination: Pagination::new(&site.config.base_url, n, total),
        }
    }
}
