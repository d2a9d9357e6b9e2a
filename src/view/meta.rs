//! What a page says about itself to browsers, search engines and link previews: its
//! canonical URL, OpenGraph and Twitter card fields, its feeds, and schema.org JSON-LD.

use serde::Serialize;

use super::Shown;
use crate::date::Date;
use crate::entity::Kind;
use crate::slug::Slug;
use crate::url::Route;

/// Every page's `meta`.
#[derive(Debug, Serialize)]
pub(crate) struct Meta {
    /// The page's own title, without the site's; empty on the home page.
    pub(crate) title: String,
    /// One or two sentences about the page.
    pub(crate) description: String,
    /// The page's absolute URL.
    pub(crate) canonical: String,
    /// The OpenGraph type: `website`, `article` or `profile`.
    pub(crate) kind: &'static str,
    /// An absolute URL of a picture for link previews.
    pub(crate) image: Option<String>,
    /// Whether the picture is a wide one, which previews show large: an article's own or
    /// the site's, not a portrait.
    pub(crate) large_image: bool,
    /// For articles: when published and last changed.
    pub(crate) published: Option<Date>,
    pub(crate) modified: Option<Date>,
    /// The feeds that follow this page, for autodiscovery: the site's, and a player's or
    /// club's own.
    pub(crate) feeds: Vec<FeedLink>,
    /// A player's or club's own feed, which the site's feeds do not cover.
    pub(crate) own_feed: Option<FeedLink>,
    /// schema.org JSON-LD, ready to sit in a `<script>` element.
    #[serde(serialize_with = "script_html")]
    pub(crate) json_ld: Option<String>,
}

/// JSON-LD, when there is any, as HTML that templates write as it is.
fn script_html<S: serde::Serializer>(json_ld: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    match json_ld {
        Some(json) => super::html(json, serializer),
        None => serializer.serialize_none(),
    }
}

/// A feed, for `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FeedLink {
    pub(crate) title: String,
    pub(crate) url: String,
    /// Its media type, such as `application/atom+xml`.
    pub(crate) mime: &'static str,
}

impl Meta {
    /// The meta of a page with nothing more to say than its title and description.
    pub(crate) fn page(
        site: &Shown<'_>,
        route: &Route<'_>,
        title: impl Into<String>,
        description: Option<&str>,
    ) -> Self {
        let config = &site.config;
        let description = description.filter(|d| !d.is_empty()).unwrap_or(&config.description);
        Self {
            title: title.into(),
            description: description.to_owned(),
            canonical: config.base_url.permalink(route),
            kind: "website",
            image: config.image.as_deref().map(|image| super::asset_url(&config.base_url, image, true)),
            large_image: config.image.is_some(),
            published: None,
            modified: None,
            feeds: site_feeds(site),
            own_feed: None,
            json_ld: None,
        }
    }

    pub(crate) fn article(site: &Shown<'_>, index: usize) -> Self {
        let article = &site.articles[index];
        let description = crate::markdown::plain_text(article.summary_html());
        let route = Route::Article(&article.slug);
        let canonical = site.config.base_url.permalink(&route);
        let modified = article.modified();
        let author = match &article.author {
            Some(name) if *name != site.config.title => Thing::person(name),
            _ => Thing::organization(&site.config.title),
        };
        let base = &site.config.base_url;
        // Its own picture, else its first player's portrait, else the site's.
        let portrait = || {
            let player = article.players.first().and_then(|slug| site.position(Kind::Player, slug));
            player.and_then(|p| site.players[p].profile.as_ref()).and_then(|profile| profile.image.as_deref())
        };
        let (image, large_image) = match (&article.image, portrait(), &site.config.image) {
            (Some(own), _, _) => (Some(own.as_str()), true),
            (None, Some(portrait), _) => (Some(portrait), false),
            (None, None, site) => (site.as_deref(), site.is_some()),
        };
        let image = image.map(|image| super::asset_url(base, image, true));
        let json_ld = NewsArticle {
            context: CONTEXT,
            kind: "NewsArticle",
            headline: &article.title,
            url: &canonical,
            main_entity_of_page: &canonical,
            description: &description,
            date_published: article.date,
            date_modified: modified,
            author,
            publisher: Thing::organization(&site.config.title),
            image: image.as_deref(),
            about: article.players.iter().map(|slug| person(site, slug)).collect(),
            mentions: article.clubs.iter().map(|slug| club_team(site, slug)).collect(),
        };
        Self {
            kind: "article",
            image: image.clone(),
            large_image,
            published: Some(article.date),
            modified: Some(modified),
            json_ld: Some(script(&json_ld)),
            ..Self::page(site, &route, &article.title, Some(&description))
        }
    }

    pub(crate) fn player(site: &Shown<'_>, index: usize) -> Self {
        let player = &site.players[index];
        let base = &site.config.base_url;
        let route = Route::Player(&player.slug);
        let mut meta = Self::page(
            site,
            &route,
            &player.name,
            Some(&format!("Transfer news, rumours and sagas of {}.", player.name)),
        );
        let profile = player.profile.as_ref();
        meta.kind = "profile";
        if let Some(image) = profile.and_then(|p| p.image.as_deref()) {
            meta.image = Some(super::asset_url(base, image, true));
            meta.large_image = false;
        }
        meta.follow(entity_feed(site, &player.name, &Route::PlayerAtom(&player.slug)));
        let club = player.club.as_ref().map(|club| Box::new(club_team(site, club)));
        let mut json_ld = Thing {
            context: Some(CONTEXT),
            url: Some(base.permalink(&route)),
            member_of: club,
            ..Thing::person(&player.name)
        };
        json_ld.image = meta.image.as_deref();
        json_ld.birth_date = profile.and_then(|p| p.born).map(|born| born.day().to_string());
        json_ld.nationality = profile.and_then(|p| p.nationality.as_deref());
        json_ld.job_title = profile.and_then(|p| p.position.as_deref());
        meta.json_ld = Some(script(&json_ld));
        meta
    }

    pub(crate) fn club(site: &Shown<'_>, index: usize) -> Self {
        let club = &site.clubs[index];
        let route = Route::Club(&club.slug);
        let mut meta = Self::page(
            site,
            &route,
            &club.name,
            Some(&format!("Transfers in and out of {}: done deals and live sagas.", club.name)),
        );
        meta.follow(entity_feed(site, &club.name, &Route::ClubAtom(&club.slug)));
        let league =
            club.profile.as_ref().and_then(|p| p.league.as_deref()).map(|name| Box::new(Thing::league(name)));
        let json_ld = Thing {
            context: Some(CONTEXT),
            location: club.profile.as_ref().and_then(|p| p.country.as_deref()),
            member_of: league,
            ..team(&club.name, site.config.base_url.permalink(&route))
        };
        meta.json_ld = Some(script(&json_ld));
        meta
    }
}

impl Meta {
    pub(crate) fn saga(site: &Shown<'_>, index: usize) -> Self {
        let saga = &site.sagas[index];
        let (player, club) = (site.name(Kind::Player, &saga.player), site.name(Kind::Club, &saga.to));
        let title = format!("{player} to {club}");
        let description = format!(
            "Every claim about {player}'s move to {club}, who made it and when: {}.",
            saga.status.label().to_lowercase()
        );
        let mut meta = Self::page(site, &Route::Saga(&saga.player, &saga.to), &title, Some(&description));
        meta.follow(entity_feed(site, &title, &Route::SagaAtom(&saga.player, &saga.to)));
        meta
    }

    /// The meta of a source's or a tag's page, which has a feed of its own.
    pub(crate) fn followed(
        site: &Shown<'_>,
        page: &Route<'_>,
        name: &str,
        description: &str,
        feed: &Route<'_>,
    ) -> Self {
        let mut meta = Self::page(site, page, name, Some(description));
        meta.follow(entity_feed(site, name, feed));
        meta
    }

    /// The meta of page `n` of a listing whose first page's is this, at `route`: its own
    /// canonical URL and a title that says which page it is.
    pub(crate) fn page_of(mut self, site: &Shown<'_>, route: &Route<'_>, n: usize) -> Self {
        if n > 1 {
            self.canonical = site.config.base_url.permalink(route);
            self.title = format!("{} (page {n})", self.title);
        }
        self
    }

    /// Gives the page a feed of its own, listed after the site's.
    fn follow(&mut self, feed: FeedLink) {
        self.own_feed = Some(feed.clone());
        self.feeds.push(feed);
    }
}

/// The Atom feed of one player or club.
fn entity_feed(site: &Shown<'_>, name: &str, feed: &Route<'_>) -> FeedLink {
    let url = site.config.base_url.link(feed);
    FeedLink { title: format!("{}: {name}", site.config.title), url, mime: "application/atom+xml" }
}

pub(crate) fn site_feeds(site: &Shown<'_>) -> Vec<FeedLink> {
    let base = &site.config.base_url;
    let title = &site.config.title;
    vec![
        FeedLink {
            title: format!("{title} (Atom)"),
            url: base.link(&Route::Atom),
            mime: "application/atom+xml",
        },
        FeedLink {
            title: format!("{title} (RSS)"),
            url: base.link(&Route::Rss),
            mime: "application/rss+xml",
        },
        FeedLink {
            title: format!("{title} (JSON Feed)"),
            url: base.link(&Route::JsonFeed),
            mime: "application/feed+json",
        },
    ]
}

const CONTEXT: &str = "https://schema.org";

/// JSON-LD for a `<script>` element. `<`, `>` and `&` stand only inside its strings,
/// where their escapes mean the same, so that no text can end the script or open a
/// comment in it.
fn script(value: &impl Serialize) -> String {
    // Plain structs of strings and dates always serialize.
    let json = serde_json::to_string(value).expect("JSON-LD serializes");
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    url: &'a str,
    main_entity_of_page: &'a str,
    description: &'a str,
    date_published: Date,
    date_modified: Date,
    author: Thing<'a>,
    publisher: Thing<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    about: Vec<Thing<'a>>,
    mentions: Vec<Thing<'a>>,
}

/// A schema.org `Person`, `SportsTeam`, `Organization` or `SportsOrganization`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Thing<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sport: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    member_of: Option<Box<Thing<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
}

impl<'a> Thing<'a> {
    fn person(name: &'a str) -> Self {
        Self { kind: "Person", name, ..Self::default() }
    }

    fn organization(name: &'a str) -> Self {
        Self { kind: "Organization", name, ..Self::default() }
    }

    fn league(name: &'a str) -> Self {
        Self { kind: "SportsOrganization", name, sport: Some("Football"), ..Self::default() }
    }
}

/// A club as a `SportsTeam`, at `url`.
fn team(name: &str, url: String) -> Thing<'_> {
    Thing { kind: "SportsTeam", name, url: Some(url), sport: Some("Football"), ..Thing::default() }
}

/// Player `slug` as a `Person`, a member of their club.
fn person<'a>(site: &'a Shown<'a>, slug: &Slug) -> Thing<'a> {
    let player = &site.players[site.position(crate::entity::Kind::Player, slug).expect("a known player")];
    Thing {
        url: Some(site.config.base_url.permalink(&Route::Player(&player.slug))),
        member_of: player.club.as_ref().map(|club| Box::new(club_team(site, club))),
        ..Thing::person(&player.name)
    }
}

/// Club `slug` as a `SportsTeam`.
fn club_team<'a>(site: &'a Shown<'a>, slug: &Slug) -> Thing<'a> {
    let club = &site.clubs[site.position(crate::entity::Kind::Club, slug).expect("a known club")];
    team(&club.name, site.config.base_url.permalink(&Route::Club(&club.slug)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_end_its_script_element_or_open_a_comment() {
        let name = "Ends </script> here, <!-- opens & --> closes";
        let json = script(&Thing::person(name));
        assert!(!json.contains(['<', '>', '&']), "{json}");
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read["name"], name);
        assert_eq!(script(&Thing::person("Luka")), serde_json::to_string(&Thing::person("Luka")).unwrap());
    }
}
