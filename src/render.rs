//! Stage 3, render: from the site to the bytes of every page and file. Pure; pages
//! render in parallel, and each link, article card and saga is built once for every page
//! that shows it.

use rayon::prelude::*;

use crate::data;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::feed;
use crate::site::Site;
use crate::sitemap;
use crate::theme::Theme;
use crate::url::Route;
use crate::view::{
    ArticleCard, ArticlePage, ClubItem, ClubPage, ClubsPage, Day, FeedPage, Letter, Links, Meta, PageView,
    Pagination, PlainPage, PlayerPage, PlayerView, PlayersPage, SagaView, SiteView, SourcePage, SourcesPage,
    StandalonePage, TagItem, TagPage, TagsPage,
};

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
    Article(usize),
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

/// What every page is rendered from, built once.
struct Shared<'a> {
    site: &'a Site,
    theme: &'a Theme,
    view: SiteView<'a>,
    links: &'a Links<'a>,
    cards: &'a [ArticleCard<'a>],
    sagas: &'a [SagaView<'a>],
}

/// Renders every page of `site`, or reports every template error.
pub(crate) fn render(site: &Site, theme: &Theme) -> Result<Vec<Document>, Diagnostics> {
    let links = Links::new(site);
    let cards: Vec<ArticleCard<'_>> = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| ArticleCard::new(&links, article, i))
        .collect();
    let sagas: Vec<SagaView<'_>> =
        site.sagas.iter().map(|saga| SagaView::new(&links, &cards, saga)).collect();
    let shared =
        Shared { site, theme, view: SiteView::new(site), links: &links, cards: &cards, sagas: &sagas };
    let feed_pages = site.articles.len().div_ceil(site.config.paginate_by).max(1);

    let mut jobs: Vec<Job> = (1..=feed_pages).map(Job::Feed).collect();
    jobs.extend((0..site.articles.len()).map(Job::Article));
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

    let rendered: Vec<Result<(Document, Option<sitemap::Entry>), Diagnostic>> =
        jobs.par_iter().map(|&job| shared.render(job, feed_pages)).collect();
    let mut problems = Diagnostics::default();
    let mut documents = Vec::with_capacity(rendered.len() + 6);
    let mut pages = Vec::with_capacity(rendered.len());
    for result in rendered {
        match result {
            Ok((document, entry)) => {
                documents.push(document);
                pages.extend(entry);
            }
            Err(problem) => problems.push(problem),
        }
    }
    documents.push(Document { path: Route::Sitemap.output_path(), bytes: sitemap::sitemap(&pages) });
    documents
        .push(Document { path: Route::Robots.output_path(), bytes: sitemap::robots(&site.config.base_url) });
    documents.extend(feed::feeds(site).into_iter().map(|(path, bytes)| Document { path, bytes }));
    for (path, bytes) in data::open_data(site) {
        documents.push(Document { path: path.to_owned(), bytes });
    }
    // GitHub Pages would otherwise run the site through Jekyll.
    documents.push(Document { path: ".nojekyll".to_owned(), bytes: Vec::new() });
    if let Some(cname) = &site.config.cname {
        documents.push(Document { path: "CNAME".to_owned(), bytes: format!("{cname}\n").into_bytes() });
    }
    problems.into_result(documents)
}

impl Shared<'_> {
    /// Renders one page, with its sitemap entry when it belongs in the sitemap.
    fn render(&self, job: Job, feed_pages: usize) -> Result<(Document, Option<sitemap::Entry>), Diagnostic> {
        let Self { site, links, cards, sagas, .. } = *self;
        let view = &self.view;
        let base = &site.config.base_url;
        let newest = |articles: &mut dyn Iterator<Item = usize>| {
            articles.map(|a| site.articles[a].updated.unwrap_or(site.articles[a].date)).max()
        };
        let all = || newest(&mut (0..site.articles.len()));
        let (route, html, lastmod) = match job {
            Job::Feed(n) => {
                let route = Route::Feed(n);
                let title = if n == 1 { String::new() } else { format!("Page {n}") };
                let meta = Meta::page(site, &route, title, None);
                let page = self.feed_page(n, feed_pages, meta);
                let per_page = site.config.paginate_by;
                let on_page = (n - 1) * per_page..(n * per_page).min(site.articles.len());
                (route, self.theme.render("index.html", &page)?, newest(&mut on_page.into_iter()))
            }
            Job::Article(i) => {
                let article = &site.articles[i];
                let meta = Meta::article(site, links, i, &cards[i]);
                let page =
                    ArticlePage { site: view, meta, article: &cards[i], content_html: &article.content_html };
                let route = Route::Article(&article.slug);
                (route, self.theme.render("article.html", &page)?, newest(&mut std::iter::once(i)))
            }
            Job::Player(i) => {
                let player = &site.players[i];
                let page = PlayerPage {
                    site: view,
                    meta: Meta::player(site, links, i),
                    player: PlayerView::new(site, links, i),
                    sagas: player.sagas.iter().map(|&s| &sagas[s]).collect(),
                    timeline: player.timeline.iter().map(|&(a, r)| &cards[a].rumours[r]).collect(),
                    articles: player.articles.iter().map(|&a| &cards[a]).collect(),
                };
                let lastmod = newest(&mut player.articles.iter().copied());
                (Route::Player(&player.slug), self.theme.render("player.html", &page)?, lastmod)
            }
            Job::Players => {
                let players = (0..site.players.len())
                    .map(|i| (site.players[i].name.as_str(), PlayerView::new(site, links, i)));
                let meta =
                    Meta::page(site, &Route::Players, "Players", Some("Every player in the news, A to Z."));
                let page = PlayersPage { site: view, meta, letters: Letter::group(players) };
                (Route::Players, self.theme.render("players.html", &page)?, all())
            }
            Job::Club(i) => {
                let club = &site.clubs[i];
                let page = ClubPage::new(site, view, links, cards, sagas, i, Meta::club(site, links, i));
                let lastmod = newest(&mut club.articles.iter().copied());
                (Route::Club(&club.slug), self.theme.render("club.html", &page)?, lastmod)
            }
            Job::Clubs => {
                let clubs = (0..site.clubs.len())
                    .map(|i| (site.clubs[i].name.as_str(), ClubItem::new(site, links, i)));
                let meta = Meta::page(site, &Route::Clubs, "Clubs", Some("Every club in the news, A to Z."));
                let page = ClubsPage { site: view, meta, letters: Letter::group(clubs) };
                (Route::Clubs, self.theme.render("clubs.html", &page)?, all())
            }
            Job::Source(i) => {
                let source = &site.sources[i];
                let route = Route::Source(&source.slug);
                let description = format!("How often {}'s transfer claims came true.", source.name);
                let meta = Meta::page(site, &route, &source.name, Some(&description));
                let page = SourcePage::new(site, view, links, cards, sagas, i, meta);
                let lastmod = newest(&mut source.articles.iter().copied());
                (route, self.theme.render("source.html", &page)?, lastmod)
            }
            Job::Sources => {
                let description = "Which journalists and outlets get their transfer claims right.";
                let meta = Meta::page(site, &Route::Sources, "Sources", Some(description));
                let page = SourcesPage::new(site, view, links, meta);
                (Route::Sources, self.theme.render("sources.html", &page)?, all())
            }
            Job::Tag(i) => {
                let tag = &site.tags[i];
                let route = Route::Tag(&tag.slug);
                let meta = Meta::page(site, &route, &tag.name, None);
                let articles = tag.articles.iter().map(|&a| &cards[a]).collect();
                let page = TagPage { site: view, meta, tag: &links.tags[i], articles };
                let lastmod = newest(&mut tag.articles.iter().copied());
                (route, self.theme.render("tag.html", &page)?, lastmod)
            }
            Job::Tags => {
                let tags = site
                    .tags
                    .iter()
                    .zip(&links.tags)
                    .map(|(tag, link)| TagItem { tag: link, article_count: tag.articles.len() })
                    .collect();
                let meta = Meta::page(site, &Route::Tags, "Tags", None);
                (Route::Tags, self.theme.render("tags.html", &TagsPage { site: view, meta, tags })?, all())
            }
            Job::Page(i) => {
                let page = &site.pages[i];
                let route = Route::Page(&page.slug);
                let url = base.link(&route);
                let meta = Meta::page(site, &route, &page.title, page.description.as_deref());
                let page_view = PageView {
                    title: &page.title,
                    description: page.description.as_deref(),
                    url: &url,
                    content_html: &page.content_html,
                };
                let standalone = StandalonePage { site: view, meta, page: page_view };
                (route, self.theme.render("page.html", &standalone)?, None)
            }
            Job::Plain(template) => {
                let route = Route::File(template);
                let meta = Meta::page(site, &route, "Not found", None);
                let document = Document {
                    path: route.output_path(),
                    bytes: self.theme.render(template, &PlainPage { site: view, meta })?.into_bytes(),
                };
                return Ok((document, None));
            }
        };
        let entry = (base.permalink(&route), lastmod);
        Ok((Document { path: route.output_path(), bytes: html.into_bytes() }, Some(entry)))
    }

    fn feed_page(&self, n: usize, total: usize, meta: Meta) -> FeedPage<'_> {
        let site = self.site;
        let per_page = site.config.paginate_by;
        let start = (n - 1) * per_page;
        let end = (start + per_page).min(self.cards.len());
        let mut days: Vec<Day<'_>> = Vec::new();
        for (article, card) in site.articles[start..end].iter().zip(&self.cards[start..end]) {
            match days.last_mut() {
                Some(day) if day.date.day() == article.date.day() => day.articles.push(card),
                _ => days.push(Day { date: article.date, articles: vec![card] }),
            }
        }
        FeedPage {
            site: &self.view,
            meta,
            days,
            pagination: Pagination::new(&site.config.base_url, n, total),
        }
    }
}
