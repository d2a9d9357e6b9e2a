//! What templates see. Each page template gets one of the `*Page` structs below as its
//! context; `docs/templates.md` lists them for theme authors. Views borrow from the
//! model, and each article's card is built once and shared by every page that lists it.

use serde::Serialize;

use crate::article::Article;
use crate::date::Date;
use crate::player::Player;
use crate::rumour::Rumour;
use crate::site::Site;
use crate::url::{BaseUrl, Route};

/// The site, as every page sees it under `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    /// The site's name.
    pub(crate) title: &'a str,
    /// One line about the site.
    pub(crate) description: &'a str,
    /// The language of the pages.
    pub(crate) language: &'a str,
    /// The absolute address of the site, ending with `/`.
    pub(crate) base_url: &'a str,
    /// The path of the site's root, such as `/` or `/transfer-blog/`.
    pub(crate) base_path: &'a str,
    /// The link to the rumour feed.
    pub(crate) home_url: String,
    /// The link to the players A-Z.
    pub(crate) players_url: String,
    /// The link to the Atom feed.
    pub(crate) atom_url: String,
    /// The link to the theme's stylesheet.
    pub(crate) style_url: String,
    /// The standalone pages, for navigation.
    pub(crate) pages: Vec<Link<'a>>,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
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
            atom_url: base.link(&Route::Atom),
            style_url: base.link(&Route::File("style.css")),
            pages: site
                .pages
                .iter()
                .map(|page| Link {
                    name: &page.title,
                    url: base.link(&Route::Page(&page.slug)),
                })
                .collect(),
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

/// One rumour, as a line of a card or a timeline.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RumourView<'a> {
    /// The player.
    pub(crate) player: Link<'a>,
    /// The player's club at the time, when known.
    pub(crate) from: Option<&'a str>,
    /// The club the player may join.
    pub(crate) to: &'a str,
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
    /// Who reported it.
    pub(crate) sources: &'a [String],
    /// When the article reporting it was published.
    pub(crate) date: Date,
    /// The article reporting it.
    pub(crate) article: Link<'a>,
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
    pub(crate) summary_html: &'a str,
    /// The summary as plain text, for `<meta name="description">`.
    pub(crate) description: String,
    /// Its tags, as written.
    pub(crate) tags: &'a [String],
    /// The players it names.
    pub(crate) players: Vec<Link<'a>>,
    /// The clubs its front matter names, as written.
    pub(crate) clubs: &'a [String],
    /// The rumours it reports.
    pub(crate) rumours: Vec<RumourView<'a>>,
}

impl<'a> ArticleCard<'a> {
    pub(crate) fn new(site: &'a Site, article: &'a Article) -> Self {
        let base = &site.config.base_url;
        let url = base.link(&Route::Article(&article.slug));
        let card_link = Link {
            name: &article.title,
            url: url.clone(),
        };
        Self {
            title: &article.title,
            url,
            date: article.date,
            updated: article.updated,
            author: article.author.as_deref(),
            summary_html: &article.summary_html,
            description: crate::markdown::plain_text(&article.summary_html),
            tags: &article.tags,
            clubs: &article.clubs,
            players: article
                .players
                .iter()
                .filter_map(|slug| player_link(site, slug))
                .collect(),
            rumours: article
                .rumours
                .iter()
                .map(|rumour| RumourView::new(site, rumour, article.date, card_link.clone()))
                .collect(),
        }
    }
}

impl<'a> RumourView<'a> {
    fn new(site: &'a Site, rumour: &'a Rumour, date: Date, article: Link<'a>) -> Self {
        let player = player_link(site, &rumour.player).unwrap_or_else(|| Link {
            name: rumour.player.as_str(),
            url: String::new(),
        });
        Self {
            player,
            from: rumour.from.as_deref(),
            to: &rumour.to,
            status: rumour.status.as_str(),
            status_label: rumour.status.label(),
            deal: rumour.deal.as_str(),
            deal_label: rumour.deal.label(),
            fee: rumour.fee.as_deref(),
            sources: &rumour.sources,
            date,
            article,
        }
    }
}

fn player_link<'a>(site: &'a Site, slug: &crate::slug::Slug) -> Option<Link<'a>> {
    let player = site.player(slug)?;
    Some(Link {
        name: &player.name,
        url: site.config.base_url.link(&Route::Player(&player.slug)),
    })
}

/// Page context of `index.html`: one page of the rumour feed.
#[derive(Debug, Serialize)]
pub(crate) struct FeedPage<'a> {
    /// The site.
    pub(crate) site: &'a SiteView<'a>,
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
    pub(crate) articles: Vec<&'a ArticleCard<'a>>,
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
    /// The site.
    pub(crate) site: &'a SiteView<'a>,
    /// The article's card: title, dates, players, rumours.
    pub(crate) article: &'a ArticleCard<'a>,
    /// The body, as HTML.
    pub(crate) content_html: &'a str,
}

/// A player as pages show them.
#[derive(Debug, Serialize)]
pub(crate) struct PlayerView<'a> {
    /// The name.
    pub(crate) name: &'a str,
    /// The link to the player's page.
    pub(crate) url: String,
    /// Whether the player has a profile.
    pub(crate) has_profile: bool,
    /// Other names, from the profile.
    pub(crate) aliases: &'a [String],
    /// From the profile.
    pub(crate) position: Option<&'a str>,
    /// From the profile.
    pub(crate) nationality: Option<&'a str>,
    /// From the profile; format with `| date`.
    pub(crate) born: Option<Date>,
    /// The player's club, from the profile.
    pub(crate) club: Option<&'a str>,
    /// A picture, from the profile: its URL, under the base path when the profile gives a
    /// path from the site root.
    pub(crate) image: Option<String>,
    /// The profile's body, as HTML.
    pub(crate) bio_html: &'a str,
    /// How many articles name the player.
    pub(crate) article_count: usize,
}

impl<'a> PlayerView<'a> {
    pub(crate) fn new(site: &'a Site, player: &'a Player) -> Self {
        let profile = player.profile.as_ref();
        Self {
            name: &player.name,
            url: site.config.base_url.link(&Route::Player(&player.slug)),
            has_profile: profile.is_some(),
            aliases: profile.map_or(&[], |p| &p.aliases),
            position: profile.and_then(|p| p.position.as_deref()),
            nationality: profile.and_then(|p| p.nationality.as_deref()),
            born: profile.and_then(|p| p.born),
            club: profile.and_then(|p| p.club.as_deref()),
            image: profile
                .and_then(|p| p.image.as_deref())
                .map(|image| asset_url(&site.config.base_url, image)),
            bio_html: profile.map_or("", |p| &p.bio_html),
            article_count: player.articles.len(),
        }
    }
}

/// A URL as written, or a path from the site root put under the base path.
fn asset_url(base: &BaseUrl, target: &str) -> String {
    if target.contains("://") || target.starts_with("//") {
        target.to_owned()
    } else {
        base.link(&Route::File(target))
    }
}

/// Page context of `player.html`.
#[derive(Debug, Serialize)]
pub(crate) struct PlayerPage<'a> {
    /// The site.
    pub(crate) site: &'a SiteView<'a>,
    /// The player.
    pub(crate) player: PlayerView<'a>,
    /// The player's rumours, oldest first.
    pub(crate) timeline: Vec<&'a RumourView<'a>>,
    /// The articles that name the player, newest first.
    pub(crate) articles: Vec<&'a ArticleCard<'a>>,
}

/// Page context of `players.html`: every player, A to Z.
#[derive(Debug, Serialize)]
pub(crate) struct PlayersPage<'a> {
    /// The site.
    pub(crate) site: &'a SiteView<'a>,
    /// The players, grouped by the first letter of their name.
    pub(crate) letters: Vec<Letter<'a>>,
}

/// The players whose names start with one letter.
#[derive(Debug, Serialize)]
pub(crate) struct Letter<'a> {
    /// The letter, in capitals; `#` for names that start with anything else.
    pub(crate) letter: String,
    /// The players, A to Z.
    pub(crate) players: Vec<PlayerView<'a>>,
}

/// Page context of `page.html`: a standalone page.
#[derive(Debug, Serialize)]
pub(crate) struct StandalonePage<'a> {
    /// The site.
    pub(crate) site: &'a SiteView<'a>,
    /// The page.
    pub(crate) page: PageView<'a>,
}

/// A standalone page.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    /// Its title.
    pub(crate) title: &'a str,
    /// One line about it.
    pub(crate) description: Option<&'a str>,
    /// The link to it.
    pub(crate) url: String,
    /// Its body, as HTML.
    pub(crate) content_html: &'a str,
}

/// Page context of `404.html` and `style.css`.
#[derive(Debug, Serialize)]
pub(crate) struct PlainPage<'a> {
    /// The site.
    pub(crate) site: &'a SiteView<'a>,
}
