//! Articles, their rumours, and the pages of the rumour feed.

use serde::Serialize;

use super::{Built, Link, Links, Meta, SiteView, SourceLink};
use crate::article::Article;
use crate::date::Date;
use crate::rumour::Rumour;
use crate::url::{BaseUrl, Route};

/// One rumour, as a line of a card or a timeline.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RumourView<'a> {
    pub(crate) player: Built<'a, Link<'a>>,
    /// The player's club at the time, when known.
    pub(crate) from: Option<Built<'a, Link<'a>>>,
    /// The club the player may join.
    pub(crate) to: Built<'a, Link<'a>>,
    /// `rumour`, `interest`, `talks`, `bid`, `agreed`, `medical`, `done` or `off`.
    pub(crate) status: &'static str,
    /// The status as readers see it, such as "Done deal".
    pub(crate) status_label: &'static str,
    /// `permanent`, `loan`, `free` or `extension`.
    pub(crate) deal: &'static str,
    /// The deal as readers see it, such as "Free transfer".
    pub(crate) deal_label: &'static str,
    /// The fee reported, as written.
    pub(crate) fee: Option<&'a str>,
    /// Who reported it, each with their record.
    pub(crate) sources: Vec<Built<'a, SourceLink<'a>>>,
    /// When the article reporting it was published.
    pub(crate) date: Date,
    /// The article reporting it.
    pub(crate) article: Built<'a, Link<'a>>,
    // Rendering adds `meta_html`: `partials/rumour_meta.html` rendered for this rumour.
}

impl<'a> RumourView<'a> {
    /// The views of every rumour of `article`.
    pub(crate) fn all(links: &'a Links<'a>, article: &'a Article, index: usize) -> Vec<Self> {
        let link = links.article(index);
        article.rumours.iter().map(|rumour| Self::new(links, rumour, article.date, link)).collect()
    }

    fn new(links: &'a Links<'a>, rumour: &'a Rumour, date: Date, article: Built<'a, Link<'a>>) -> Self {
        Self {
            player: links.player(&rumour.player),
            from: rumour.from.as_ref().map(|club| links.club(club)),
            to: links.club(&rumour.to),
            status: rumour.status.as_str(),
            status_label: rumour.status.label(),
            deal: rumour.deal.as_str(),
            deal_label: rumour.deal.label(),
            fee: rumour.fee.as_deref(),
            sources: rumour.sources.iter().map(|source| links.source(source)).collect(),
            date,
            article,
        }
    }
}

/// An article as lists show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArticleCard<'a> {
    /// The headline.
    pub(crate) title: &'a str,
    /// The link to the article.
    pub(crate) url: &'a str,
    /// When it was published, RFC 3339 in the site's zone; format with `| date`.
    pub(crate) date: Date,
    /// When it was changed, if it was.
    pub(crate) updated: Option<Date>,
    /// Who wrote it.
    pub(crate) author: Option<&'a str>,
    /// The summary, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) summary_html: &'a str,
    /// Its tags, as links.
    pub(crate) tags: Vec<Built<'a, Link<'a>>>,
    /// The players, clubs and sources it names.
    pub(crate) players: Vec<Built<'a, Link<'a>>>,
    pub(crate) clubs: Vec<Built<'a, Link<'a>>>,
    pub(crate) sources: Vec<Built<'a, SourceLink<'a>>>,
    /// The rumours it reports.
    pub(crate) rumours: Vec<Built<'a, RumourView<'a>>>,
    // Rendering adds `item_html`: `partials/article_item.html` rendered for this article.
}

impl<'a> ArticleCard<'a> {
    /// The card of article `index`, whose rumours are already built.
    pub(crate) fn new(
        links: &'a Links<'a>,
        article: &'a Article,
        index: usize,
        rumours: &'a [tera::Value],
    ) -> Self {
        let link = &links.articles[index];
        Self {
            title: &article.title,
            url: &link.url,
            date: article.date,
            updated: article.updated,
            author: article.author.as_deref(),
            summary_html: &article.summary_html,
            tags: article.tags.iter().map(|(slug, _)| links.tag(slug)).collect(),
            players: article.players.iter().map(|slug| links.player(slug)).collect(),
            clubs: article.clubs.iter().map(|slug| links.club(slug)).collect(),
            sources: article.sources.iter().map(|slug| links.source(slug)).collect(),
            rumours: rumours.iter().map(Built::new).collect(),
        }
    }
}

/// Page context of `index.html`: one page of the rumour feed.
#[derive(Debug, Serialize)]
pub(crate) struct FeedPage<'a> {
    pub(crate) site: Built<'a, SiteView<'a>>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta<'a>,
    /// This page's articles, grouped by the day they were published.
    pub(crate) days: Vec<Day<'a>>,
    /// Where this page stands among the others.
    pub(crate) pagination: Pagination,
}

/// The articles of one day.
#[derive(Debug, Serialize)]
pub(crate) struct Day<'a> {
    /// The day, as the date of its first article; format with `| date`.
    pub(crate) date: Date,
    /// The day's articles, newest first.
    pub(crate) articles: Vec<Built<'a, ArticleCard<'a>>>,
}

/// Links between the pages of the feed.
#[derive(Debug, Serialize)]
pub(crate) struct Pagination {
    /// This page's number, from 1.
    pub(crate) current: usize,
    /// How many pages there are.
    pub(crate) total: usize,
    /// The newer page, unless this is the first.
    pub(crate) previous: Option<String>,
    /// The older page, unless this is the last.
    pub(crate) next: Option<String>,
}

impl Pagination {
    pub(crate) fn new(base: &BaseUrl, current: usize, total: usize) -> Self {
        Self {
            current,
            total,
            previous: (current > 1).then(|| base.link(&Route::Feed(current - 1))),
            next: (current < total).then(|| base.link(&Route::Feed(current + 1))),
        }
    }
}

/// Page context of `article.html`.
#[derive(Debug, Serialize)]
pub(crate) struct ArticlePage<'a> {
    pub(crate) site: Built<'a, SiteView<'a>>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta<'a>,
    /// The article's card: title, dates, names, rumours.
    pub(crate) article: Built<'a, ArticleCard<'a>>,
    /// The body, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) content_html: &'a str,
}
