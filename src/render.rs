//! Stage 3, render: from the site to the bytes of every page and file. Pure; pages
//! render in parallel, and each article's card is built once for every list it is in.

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::feed;
use crate::site::Site;
use crate::theme::Theme;
use crate::url::Route;
use crate::view::{
    ArticleCard, ArticlePage, Day, FeedPage, Letter, PageView, Pagination, PlainPage, PlayerPage,
    PlayerView, PlayersPage, SiteView, StandalonePage,
};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    /// Where it goes in the output folder, with `/` between parts.
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// One page to render.
enum Job {
    Feed(usize),
    Article(usize),
    Player(usize),
    Players,
    Page(usize),
    Plain(Route<'static>, &'static str),
}

/// Renders every page of `site`, or reports every template error.
pub(crate) fn render(site: &Site, theme: &Theme) -> Result<Vec<Document>, Diagnostics> {
    let view = SiteView::new(site);
    let cards: Vec<ArticleCard<'_>> = site
        .articles
        .par_iter()
        .map(|article| ArticleCard::new(site, article))
        .collect();
    let feed_pages = site.articles.len().div_ceil(site.config.paginate_by).max(1);

    let mut jobs: Vec<Job> = (1..=feed_pages).map(Job::Feed).collect();
    jobs.extend((0..site.articles.len()).map(Job::Article));
    jobs.extend((0..site.players.len()).map(Job::Player));
    jobs.push(Job::Players);
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.push(Job::Plain(Route::File("404.html"), "404.html"));
    jobs.push(Job::Plain(Route::File("style.css"), "style.css"));

    let rendered: Vec<Result<Document, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let (route, html) = match *job {
                Job::Feed(n) => (
                    Route::Feed(n),
                    feed_page(site, theme, &view, &cards, n, feed_pages)?,
                ),
                Job::Article(i) => {
                    let page = ArticlePage {
                        site: &view,
                        article: &cards[i],
                        content_html: &site.articles[i].content_html,
                    };
                    (
                        Route::Article(&site.articles[i].slug),
                        theme.render("article.html", &page)?,
                    )
                }
                Job::Player(i) => {
                    let player = &site.players[i];
                    let page = PlayerPage {
                        site: &view,
                        player: PlayerView::new(site, player),
                        timeline: player
                            .timeline
                            .iter()
                            .map(|&(a, r)| &cards[a].rumours[r])
                            .collect(),
                        articles: player.articles.iter().map(|&a| &cards[a]).collect(),
                    };
                    (
                        Route::Player(&player.slug),
                        theme.render("player.html", &page)?,
                    )
                }
                Job::Players => (
                    Route::Players,
                    theme.render("players.html", &players_page(site, &view))?,
                ),
                Job::Page(i) => {
                    let page = &site.pages[i];
                    let url = site.config.base_url.link(&Route::Page(&page.slug));
                    let page_view = PageView {
                        title: &page.title,
                        description: page.description.as_deref(),
                        url,
                        content_html: &page.content_html,
                    };
                    (
                        Route::Page(&page.slug),
                        theme.render(
                            "page.html",
                            &StandalonePage {
                                site: &view,
                                page: page_view,
                            },
                        )?,
                    )
                }
                Job::Plain(route, template) => {
                    (route, theme.render(template, &PlainPage { site: &view })?)
                }
            };
            Ok(Document {
                path: route.output_path(),
                bytes: html.into_bytes(),
            })
        })
        .collect();

    let mut problems = Diagnostics::default();
    let mut documents = Vec::with_capacity(rendered.len() + 2);
    for result in rendered {
        match result {
            Ok(document) => documents.push(document),
            Err(problem) => problems.push(problem),
        }
    }
    documents.push(Document {
        path: Route::Atom.output_path(),
        bytes: feed::atom(site),
    });
    // GitHub Pages would otherwise run the site through Jekyll.
    documents.push(Document {
        path: ".nojekyll".to_owned(),
        bytes: Vec::new(),
    });
    if let Some(cname) = &site.config.cname {
        documents.push(Document {
            path: "CNAME".to_owned(),
            bytes: format!("{cname}\n").into_bytes(),
        });
    }
    problems.into_result(documents)
}

fn feed_page(
    site: &Site,
    theme: &Theme,
    view: &SiteView<'_>,
    cards: &[ArticleCard<'_>],
    n: usize,
    total: usize,
) -> Result<String, Diagnostic> {
    let per_page = site.config.paginate_by;
    let start = (n - 1) * per_page;
    let end = (start + per_page).min(cards.len());
    let mut days: Vec<Day<'_>> = Vec::new();
    for (article, card) in site.articles[start..end].iter().zip(&cards[start..end]) {
        match days.last_mut() {
            Some(day) if day.date.day() == article.date.day() => day.articles.push(card),
            _ => days.push(Day {
                date: article.date,
                articles: vec![card],
            }),
        }
    }
    let page = FeedPage {
        site: view,
        days,
        pagination: Pagination::new(&site.config.base_url, n, total),
    };
    theme.render("index.html", &page)
}

fn players_page<'a>(site: &'a Site, view: &'a SiteView<'a>) -> PlayersPage<'a> {
    let mut letters: Vec<Letter<'a>> = Vec::new();
    for player in &site.players {
        let first = deunicode::deunicode(&player.name)
            .chars()
            .next()
            .unwrap_or('#')
            .to_ascii_uppercase();
        let letter = if first.is_ascii_alphabetic() {
            first.to_string()
        } else {
            "#".to_owned()
        };
        let player = PlayerView::new(site, player);
        match letters.last_mut() {
            Some(last) if last.letter == letter => last.players.push(player),
            _ => letters.push(Letter {
                letter,
                players: vec![player],
            }),
        }
    }
    PlayersPage {
        site: view,
        letters,
    }
}
