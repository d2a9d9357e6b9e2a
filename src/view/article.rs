//! Articles, their rumours, and the pages of the rumour feed.

use std::sync::OnceLock;

use serde::Serialize;

use super::Shown;
use super::{Link, Meta, SiteView, SourceLink};
use crate::date::Date;
use crate::entity::Kind;
use crate::rumour::{Cited, Rumour};
use crate::site::Site;
use crate::slug::Slug;
use crate::update::{self, Update};
use crate::url::{BaseUrl, Listed, Route};

/// One rumour, as a line of a card or a timeline.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RumourView {
    /// The player, as a [`Link`].
    pub(crate) player: Shared,
    /// The player's club at the time, when known, as a [`Link`].
    pub(crate) from: Option<Shared>,
    /// The club the player may join, as a [`Link`].
    pub(crate) to: Shared,
    /// `rumour`, `interest`, `talks`, `bid`, `agreed`, `medical`, `done` or `off`.
    pub(crate) status: &'static str,
    /// The status as readers see it, such as "Done deal".
    pub(crate) status_label: &'static str,
    /// `permanent`, `loan`, `free` or `extension`.
    pub(crate) deal: &'static str,
    /// The deal as readers see it, such as "Free transfer".
    pub(crate) deal_label: &'static str,
    /// The fee reported, as readers see it: as written, or "£50m + £5m add-ons (€58.5m)".
    pub(crate) fee: Option<String>,
    /// Who reported it, each as a [`SourceLink`] with their record, and with `report`,
    /// the link to the report, and `via`, the outlet it was read in as a [`SourceLink`],
    /// where the article gives them.
    pub(crate) sources: Vec<Shared>,
    /// When the claim was made.
    pub(crate) date: Date,
    /// When the article reporting it was published.
    pub(crate) article_date: Date,
    /// The article reporting it, as a [`Link`].
    pub(crate) article: Shared,
    /// Its saga as it stands now.
    pub(crate) saga: SagaNow,
}

/// Where a rumour's saga stands now.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SagaNow {
    /// The link to the saga's page.
    pub(crate) url: String,
    pub(crate) status: &'static str,
    pub(crate) status_label: &'static str,
    /// When the saga reached its status.
    pub(crate) since: Date,
    /// Whether the saga has moved on since the rumour: to another status, or to the same
    /// one again after another.
    pub(crate) moved_on: bool,
}

impl SagaNow {
    fn of(site: &Shown<'_>, rumour: &Rumour) -> Self {
        let s = site.saga_position(&rumour.player, &rumour.to).expect("every rumour is in a saga");
        let saga = &site.sagas[s];
        Self {
            url: site.config.base_url.link(&Route::Saga(&saga.player, &saga.to)),
            status: saga.status.as_str(),
            status_label: saga.status.label(),
            since: saga.since,
            moved_on: saga.status != rumour.status || saga.since > rumour.date,
        }
    }
}

impl<'a> RumourView {
    fn of(site: &'a Shown<'a>, rumour: &'a Rumour, date: Date, article: Shared) -> Self {
        Self {
            saga: SagaNow::of(site, rumour),
            player: Shared::entity(site, Kind::Player, &rumour.player),
            from: rumour.from.as_ref().map(|club| Shared::entity(site, Kind::Club, club)),
            to: Shared::entity(site, Kind::Club, &rumour.to),
            status: rumour.status.as_str(),
            status_label: rumour.status.label(),
            deal: rumour.deal.unwrap_or_default().as_str(),
            deal_label: rumour.deal.unwrap_or_default().label(),
            fee: rumour.fee.as_ref().map(|fee| fee.shown(&site.config.rates)),
            sources: rumour.sources.iter().map(|cited| Shared::cited(site, cited)).collect(),
            date: rumour.date,
            article_date: date,
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
    pub(crate) url: String,
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
    pub(crate) tags: Vec<Link<'a>>,
    /// The players and clubs it names, as [`Link`]s, and the sources it cites, as
    /// [`SourceLink`]s.
    pub(crate) players: Vec<Shared>,
    pub(crate) clubs: Vec<Shared>,
    pub(crate) sources: Vec<Shared>,
    /// The rumours it reports.
    pub(crate) rumours: Vec<RumourView>,
}

impl<'a> ArticleCard<'a> {
    /// The card of article `index`.
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let article = &site.articles[index];
        let link = Link::article(site, index);
        let shared = Shared(tera::Value::from_serializable(&link));
        Self {
            title: &article.title,
            url: link.url,
            date: article.date,
            updated: article.updated,
            author: article.author.as_deref(),
            summary_html: article.summary_html(),
            tags: article.tags.iter().map(|(slug, _)| Link::tag(site, slug)).collect(),
            players: article.players.iter().map(|slug| Shared::entity(site, Kind::Player, slug)).collect(),
            clubs: article.clubs.iter().map(|slug| Shared::entity(site, Kind::Club, slug)).collect(),
            sources: article.sources.iter().map(|slug| Shared::entity(site, Kind::Source, slug)).collect(),
            rumours: article
                .rumours
                .iter()
                .map(|rumour| RumourView::of(site, rumour, article.date, shared.clone()))
                .collect(),
        }
    }
}

/// Each article's [`ArticleCard`] as a template value, made the first time a page shows
/// the article and shared by every page after it. An article is listed on the feed and
/// on the pages of its tags, players, clubs and sources, and its rumours on sagas and
/// timelines. Building and serializing its card once instead of on each of those pages
/// took a 10,000-article build from 1.16 s to 1.03 s (medians of 5, side by side; CPU
/// time 1.8 s to 1.3 s). The cards share one value for each player, club and source they
/// link to: that took the peak memory of a 10,000-article build from 262 MB to 218 MB,
/// and of a 100,000-article build from 2.57 GB to 2.12 GB.
#[derive(Debug, Default)]
pub(crate) struct Cards {
    articles: Vec<OnceLock<tera::Value>>,
    /// Each player's, club's and source's link, by kind and position.
    entities: [Vec<OnceLock<tera::Value>>; 3],
    /// The search index.
    pub(super) search: OnceLock<crate::search::Index>,
    /// Every window's business.
    pub(super) books: OnceLock<crate::window::Books>,
}

impl Cards {
    /// Room for the cards of the articles of `site`, and the links of its entities, none
    /// made yet.
    pub(crate) fn new(site: &Site) -> Self {
        let room = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        Self {
            articles: room(site.articles.len()),
            entities: [room(site.players.len()), room(site.clubs.len()), room(site.sources.len())],
            search: OnceLock::new(),
            books: OnceLock::new(),
        }
    }
}

/// A value made once and shared by every card and saga that shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub(crate) struct Shared(tera::Value);

impl Shared {
    /// The link to the entity of `kind` with this slug: a [`SourceLink`] for a source,
    /// else a [`Link`].
    pub(crate) fn entity(site: &Shown<'_>, kind: Kind, slug: &Slug) -> Self {
        let at = site.position(kind, slug).expect("a known entity");
        let value = site.cards.entities[kind as usize][at].get_or_init(|| match kind {
            Kind::Player => tera::Value::from_serializable(&Link::player(site, slug)),
            Kind::Club => tera::Value::from_serializable(&Link::club(site, slug)),
            Kind::Source => tera::Value::from_serializable(&SourceLink::new(site, slug)),
        });
        Self(value.clone())
    }

    /// The link to the source of `cited`, with the report and the outlet it was read in
    /// where the article gives them.
    fn cited(site: &Shown<'_>, cited: &Cited) -> Self {
        let link = Self::entity(site, Kind::Source, &cited.source);
        if cited.url.is_none() && cited.via.is_none() {
            return link;
        }
        let mut fields = link.0.into_map().expect("a source link is a map");
        if let Some(url) = &cited.url {
            fields.insert("report".into(), url.as_str().into());
        }
        if let Some(via) = &cited.via {
            fields.insert("via".into(), Self::entity(site, Kind::Source, via).0);
        }
        Self(fields.into())
    }
}

/// An [`ArticleCard`], or one [`RumourView`] of it, as the value templates see.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub(crate) struct Card(tera::Value);

impl Card {
    /// The card of article `index`.
    pub(crate) fn new(site: &Shown<'_>, index: usize) -> Self {
        let card = site.cards.articles[index]
            .get_or_init(|| tera::Value::from_serializable(&ArticleCard::new(site, index)));
        Self(card.clone())
    }

    /// The card of article `index` showing only the rumours that `keep` keeps, for a page
    /// that states only its own facts: a source's the rumours it is cited for, a club's
    /// those that involve it.
    pub(crate) fn only(site: &Shown<'_>, index: usize, keep: impl Fn(&Rumour) -> bool) -> Self {
        let card = Self::new(site, index);
        let rumours = &site.articles[index].rumours;
        if rumours.iter().all(&keep) {
            return card;
        }
        // The shared card, with a list of only those rumours in place of its own.
        let mut fields = card.0.into_map().expect("a card is a map");
        let all = fields.insert("rumours".into(), tera::Value::none()).expect("every card lists its rumours");
        let kept: Vec<tera::Value> = all
            .as_array()
            .unwrap_or_default()
            .iter()
            .zip(rumours)
            .filter(|(_, rumour)| keep(rumour))
            .map(|(view, _)| view.clone())
            .collect();
        fields.insert("rumours".into(), kept.into());
        Self(fields.into())
    }

    /// The view of rumour `rumour` of article `article`.
    pub(crate) fn rumour(site: &Shown<'_>, (article, rumour): (usize, usize)) -> Self {
        let card = Self::new(site, article);
        let rumours = card.0.get_from_path("rumours").and_then(tera::Value::as_array);
        Self(rumours.expect("every card lists its article's rumours")[rumour].clone())
    }
}

/// Page context of `index.html`: one page of the rumour feed.
#[derive(Debug, Serialize)]
pub(crate) struct FeedPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    /// This page's articles, grouped by the day they were published.
    pub(crate) days: Vec<Day>,
    /// On the first page, the windows open on the newest article's day, soonest to close
    /// first.
    pub(crate) deadlines: Vec<super::window::WindowItem<'a>>,
    /// Where this page stands among the others.
    pub(crate) pagination: Pagination,
}

/// The articles of one day.
#[derive(Debug, Serialize)]
pub(crate) struct Day {
    /// The day, as the date of its first article; format with `| date`.
    pub(crate) date: Date,
    /// The day's articles, newest first.
    pub(crate) articles: Vec<Card>,
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
    /// Page `current` of `total`, where `page(n)` is the route of page `n`.
    pub(crate) fn new<'r>(
        base: &BaseUrl,
        current: usize,
        total: usize,
        page: impl Fn(usize) -> Route<'r>,
    ) -> Self {
        Self {
            current,
            total,
            previous: (current > 1).then(|| base.link(&page(current - 1))),
            next: (current < total).then(|| base.link(&page(current + 1))),
        }
    }
}

/// Page `n`, from 1, of `articles`, the articles of the listing `listed` of `slug`, newest
/// first: the cards `card` makes of that page's, and where the page stands among the others.
pub(crate) fn paged(
    site: &Shown<'_>,
    listed: Listed,
    slug: &Slug,
    articles: &[usize],
    n: usize,
    card: impl Fn(usize) -> Card,
) -> (Vec<Card>, Pagination) {
    let per_page = site.config.paginate_by;
    let total = pages(articles.len(), per_page);
    let on_page = articles.iter().skip((n - 1) * per_page).take(per_page);
    let pagination = Pagination::new(&site.config.base_url, n, total, |n| listed.page(slug, n));
    (on_page.map(|&a| card(a)).collect(), pagination)
}

/// How many pages `articles` articles take at `per_page` to a page; nothing takes one.
pub(crate) fn pages(articles: usize, per_page: usize) -> usize {
    articles.div_ceil(per_page).max(1)
}

/// Page context of `article.html`.
#[derive(Debug, Serialize)]
pub(crate) struct ArticlePage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    /// The article's card: title, dates, names, rumours.
    pub(crate) article: Card,
    /// The body, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) content_html: &'a str,
    /// Its updates, newest first, and its corrections, oldest first.
    pub(crate) updates: Vec<UpdateView<'a>>,
    pub(crate) corrections: Vec<UpdateView<'a>>,
    /// Up to five other articles on the same sagas, newest first, as [`Link`]s.
    pub(crate) related: Vec<Link<'a>>,
}

/// An update or a correction.
#[derive(Debug, Serialize)]
pub(crate) struct UpdateView<'a> {
    /// When it was made.
    pub(crate) at: Date,
    /// `update` or `correction`.
    pub(crate) kind: &'static str,
    /// The text, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) html: &'a str,
}

/// How many related articles an article page lists.
const RELATED: usize = 5;

impl<'a> FeedPage<'a> {
    /// Page `n` of the rumour feed, of `total`.
    pub(crate) fn new(site: &'a Shown<'a>, n: usize, total: usize, meta: Meta) -> Self {
        let per_page = site.config.paginate_by;
        let on_page = (n - 1) * per_page..(n * per_page).min(site.articles.len());
        let mut days: Vec<Day> = Vec::new();
        for a in on_page {
            let (date, card) = (site.articles[a].date, Card::new(site, a));
            match days.last_mut() {
                Some(day) if day.date.day() == date.day() => day.articles.push(card),
                _ => days.push(Day { date, articles: vec![card] }),
            }
        }
        Self {
            site: SiteView::new(site),
            meta,
            days,
            deadlines: if n == 1 { super::window::deadlines(site) } else { Vec::new() },
            pagination: Pagination::new(&site.config.base_url, n, total, Route::Feed),
        }
    }
}

impl<'a> ArticlePage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let article = &site.articles[index];
        let view =
            |update: &'a Update| UpdateView { at: update.at, kind: update.kind.as_str(), html: &update.html };
        let (updates, corrections) = update::split(&article.updates);
        // The articles of the sagas its rumours are in: their indexes, newest first.
        let mut related: Vec<usize> = article
            .rumours
            .iter()
            .filter_map(|rumour| site.saga_position(&rumour.player, &rumour.to))
            .flat_map(|s| site.sagas[s].rumours.iter().map(|&(a, _)| a))
            .filter(|&a| a != index)
            .collect();
        related.sort_unstable();
        related.dedup();
        Self {
            site: SiteView::new(site),
            meta: Meta::article(site, index),
            article: Card::new(site, index),
            content_html: article.content_html(),
            updates: updates.into_iter().map(view).collect(),
            corrections: corrections.into_iter().map(view).collect(),
            related: related.into_iter().take(RELATED).map(|a| Link::article(site, a)).collect(),
        }
    }
}
