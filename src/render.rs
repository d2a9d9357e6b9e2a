//! Stage 3, render: from the site to the bytes of every page and file. Pure; pages
//! render in parallel, and each link, article card and saga is built once for every page
//! that shows it.

use rayon::prelude::*;
use serde::Serialize;

use crate::data;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::feed;
use crate::site::Site;
use crate::theme::Theme;
use crate::url::Route;
use crate::view::{
    ArticleCard, ArticlePage, ClubItem, ClubPage, ClubsPage, Day, FeedPage, Letter, Links, PageView,
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

    let rendered: Vec<Result<Document, Diagnostic>> =
        jobs.par_iter().map(|&job| shared.render(job, feed_pages)).collect();
    let mut problems = Diagnostics::default();
    let mut documents = Vec::with_capacity(rendered.len() + 6);
    for result in rendered {
        match result {
            Ok(document) => documents.push(document),
            Err(problem) => problems.push(problem),
        }
    }
    documents.push(Document { path: Route::Atom.output_path(), bytes: feed::atom(site) });
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
    fn render(&self, job: Job, feed_pages: usize) -> Result<Document, Diagnostic> {
        let Self { site, links, cards, sagas, .. } = *self;
        let view = &self.view;
        let base = &site.config.base_url;
        match job {
            Job::Feed(n) => self.page(Route::Feed(n), "index.html", &self.feed_page(n, feed_pages)),
            Job::Article(i) => {
                let page = ArticlePage {
                    site: view,
                    article: &cards[i],
                    content_html: &site.articles[i].content_html,
                };
                self.page(Route::Article(&site.articles[i].slug), "article.html", &page)
            }
            Job::Player(i) => {
                let player = &site.players[i];
                let page = PlayerPage {
                    site: view,
                    player: PlayerView::new(site, links, i),
                    sagas: player.sagas.iter().map(|&s| &sagas[s]).collect(),
                    timeline: player.timeline.iter().map(|&(a, r)| &cards[a].rumours[r]).collect(),
                    articles: player.articles.iter().map(|&a| &cards[a]).collect(),
                };
                self.page(Route::Player(&player.slug), "player.html", &page)
            }
            Job::Players => {
                let players = (0..site.players.len())
                    .map(|i| (site.players[i].name.as_str(), PlayerView::new(site, links, i)));
                self.page(
                    Route::Players,
                    "players.html",
                    &PlayersPage { site: view, letters: Letter::group(players) },
                )
            }
            Job::Club(i) => {
                let page = ClubPage::new(site, view, links, cards, sagas, i);
                self.page(Route::Club(&site.clubs[i].slug), "club.html", &page)
            }
            Job::Clubs => {
                let clubs = (0..site.clubs.len())
                    .map(|i| (site.clubs[i].name.as_str(), ClubItem::new(site, links, i)));
                self.page(
                    Route::Clubs,
                    "clubs.html",
                    &ClubsPage { site: view, letters: Letter::group(clubs) },
                )
            }
            Job::Source(i) => {
                let page = SourcePage::new(site, view, links, cards, sagas, i);
                self.page(Route::Source(&site.sources[i].slug), "source.html", &page)
            }
            Job::Sources => self.page(Route::Sources, "sources.html", &SourcesPage::new(site, view, links)),
            Job::Tag(i) => {
                let tag = &site.tags[i];
                let page = TagPage {
                    site: view,
                    tag: &links.tags[i],
                    articles: tag.articles.iter().map(|&a| &cards[a]).collect(),
                };
                self.page(Route::Tag(&tag.slug), "tag.html", &page)
            }
            Job::Tags => {
                let tags = site
                    .tags
                    .iter()
                    .zip(&links.tags)
                    .map(|(tag, link)| TagItem { tag: link, article_count: tag.articles.len() })
                    .collect();
                self.page(Route::Tags, "tags.html", &TagsPage { site: view, tags })
            }
            Job::Page(i) => {
                let page = &site.pages[i];
                let url = base.link(&Route::Page(&page.slug));
                let page_view = PageView {
                    title: &page.title,
                    description: page.description.as_deref(),
                    url: &url,
                    content_html: &page.content_html,
                };
                self.page(
                    Route::Page(&page.slug),
                    "page.html",
                    &StandalonePage { site: view, page: page_view },
                )
            }
            Job::Plain(template) => self.page(Route::File(template), template, &PlainPage { site: view }),
        }
    }

    fn page(&self, route: Route<'_>, template: &str, view: &impl Serialize) -> Result<Document, Diagnostic> {
        let html = self.theme.render(template, view)?;
        Ok(Document { path: route.output_path(), bytes: html.into_bytes() })
    }

    fn feed_page(&self, n: usize, total: usize) -> FeedPage<'_> {
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
        FeedPage { site: &self.view, days, pagination: Pagination::new(&site.config.base_url, n, total) }
    }
}
