//! What templates see. Each page template gets one of the `*Page` structs of this module
//! as its context; `docs/templates.md` lists them for theme authors. Views borrow from the
//! model, and every link, card and saga is built once and shared by every page that shows
//! it.

mod article;
mod entity;
mod meta;
mod page;

pub(crate) use article::{ArticleCard, ArticlePage, Day, FeedPage, Pagination, RumourView};
pub(crate) use entity::{
    ClubItem, ClubPage, ClubsPage, Letter, PlayerPage, PlayerView, PlayersPage, SagaView, SourcePage,
    SourcesPage,
};
pub(crate) use meta::Meta;
pub(crate) use page::{PageView, PlainPage, StandalonePage, TagItem, TagPage, TagsPage};

use std::marker::PhantomData;

use rayon::prelude::*;
use serde::Serialize;

use crate::entity::Kind;
use crate::record::Record;
use crate::site::Site;
use crate::slug::Slug;
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
    /// Links to the feed, the indexes, the Atom feed and the stylesheet.
    pub(crate) home_url: String,
    pub(crate) players_url: String,
    pub(crate) clubs_url: String,
    pub(crate) sources_url: String,
    pub(crate) tags_url: String,
    pub(crate) atom_url: String,
    pub(crate) style_url: String,
    /// The standalone pages, for navigation.
    pub(crate) pages: Vec<Link<'a>>,
    /// The site's own feeds: Atom, RSS and JSON Feed.
    pub(crate) feeds: Vec<meta::FeedLink>,
    // Rendering adds `masthead_html` and `feed_links_html`: see `render::SITE_PARTIALS`.
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
            clubs_url: base.link(&Route::Clubs),
            sources_url: base.link(&Route::Sources),
            tags_url: base.link(&Route::Tags),
            atom_url: base.link(&Route::Atom),
            style_url: base.link(&Route::File("style.css")),
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
}

/// A source as citations show it: its name, its page and its record.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceLink<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) record: RecordView,
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

/// Every entity's link, made once for all the pages that show it, both as a view and as
/// the template value every rumour, card and saga that names the entity shares.
#[derive(Debug)]
pub(crate) struct Links<'a> {
    site: &'a Site,
    pub(crate) players: Vec<Link<'a>>,
    pub(crate) clubs: Vec<Link<'a>>,
    pub(crate) sources: Vec<SourceLink<'a>>,
    pub(crate) articles: Vec<Link<'a>>,
    pub(crate) tags: Vec<Link<'a>>,
    player_values: Vec<tera::Value>,
    club_values: Vec<tera::Value>,
    source_values: Vec<tera::Value>,
    article_values: Vec<tera::Value>,
    tag_values: Vec<tera::Value>,
    /// What the meta of many pages is made of.
    pub(crate) meta: meta::Parts,
}

impl<'a> Links<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
        let base = &site.config.base_url;
        let players: Vec<Link<'a>> =
            site.players.iter().map(|p| Link::new(&p.name, base, &Route::Player(&p.slug))).collect();
        let clubs: Vec<Link<'a>> =
            site.clubs.iter().map(|c| Link::new(&c.name, base, &Route::Club(&c.slug))).collect();
        let sources: Vec<SourceLink<'a>> = site
            .sources
            .iter()
            .map(|s| SourceLink {
                name: &s.name,
                url: base.link(&Route::Source(&s.slug)),
                record: s.record.into(),
            })
            .collect();
        let articles: Vec<Link<'a>> =
            site.articles.iter().map(|a| Link::new(&a.title, base, &Route::Article(&a.slug))).collect();
        let tags: Vec<Link<'a>> =
            site.tags.iter().map(|t| Link::new(&t.name, base, &Route::Tag(&t.slug))).collect();
        Self {
            site,
            meta: meta::Parts::new(site, &players, &clubs),
            player_values: build_links(&players),
            club_values: build_links(&clubs),
            source_values: build_links(&sources),
            article_values: build_links(&articles),
            tag_values: build_links(&tags),
            players,
            clubs,
            sources,
            articles,
            tags,
        }
    }

    /// Remakes each source link's template value with `extend`, for every page that
    /// shows the source to share.
    pub(crate) fn extend_sources(&mut self, mut extend: impl FnMut(tera::Value) -> tera::Value) {
        for value in &mut self.source_values {
            *value = extend(std::mem::replace(value, tera::Value::undefined()));
        }
    }

    /// A player's link, for views.
    pub(crate) fn player(&self, slug: &Slug) -> Built<'_, Link<'a>> {
        Built::new(&self.player_values[self.position(Kind::Player, slug)])
    }

    pub(crate) fn club(&self, slug: &Slug) -> Built<'_, Link<'a>> {
        Built::new(&self.club_values[self.position(Kind::Club, slug)])
    }

    pub(crate) fn source(&self, slug: &Slug) -> Built<'_, SourceLink<'a>> {
        Built::new(&self.source_values[self.position(Kind::Source, slug)])
    }

    pub(crate) fn tag(&self, slug: &Slug) -> Built<'_, Link<'a>> {
        Built::new(&self.tag_values[self.site.tag_position(slug).expect("a known tag")])
    }

    pub(crate) fn article(&self, index: usize) -> Built<'_, Link<'a>> {
        Built::new(&self.article_values[index])
    }

    /// A player's link, for code that reads its name or URL.
    pub(crate) fn player_link(&self, slug: &Slug) -> &Link<'a> {
        &self.players[self.position(Kind::Player, slug)]
    }

    fn position(&self, kind: Kind, slug: &Slug) -> usize {
        // Every name in the model was resolved to an entity of the site.
        self.site.position(kind, slug).expect("a known entity")
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

/// A view already turned into a template value, shared by every page that shows it: an
/// article's card is built once, not once for each of the ten pages that list it. Tera
/// takes the value as it is, sharing it rather than copying.
pub(crate) struct Built<'a, T> {
    value: &'a tera::Value,
    view: PhantomData<fn() -> T>,
}

impl<'a, T> Built<'a, T> {
    pub(crate) fn new(value: &'a tera::Value) -> Self {
        Self { value, view: PhantomData }
    }
}

impl<T> Clone for Built<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Built<'_, T> {}

impl<T> std::fmt::Debug for Built<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(std::any::type_name::<T>())
    }
}

impl<T> Serialize for Built<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// Turns views into template values, in parallel.
pub(crate) fn build_all<T: Serialize + Sync>(views: &[T]) -> Vec<tera::Value> {
    views.par_iter().with_max_len(crate::ARTICLES_AT_ONCE).map(tera::Value::from_serializable).collect()
}

/// Turns links into template values, in parallel, their strings [`settled`]: links are
/// what pages show most, many times each.
fn build_links<T: Serialize + Sync>(links: &[T]) -> Vec<tera::Value> {
    links
        .par_iter()
        .with_max_len(crate::ARTICLES_AT_ONCE)
        .map(|link| settled(tera::Value::from_serializable(link)))
        .collect()
}

/// `value`, with each of its strings that escaping would leave as it is marked safe, so
/// that templates write it as it is instead of looking for what to escape every time.
/// The output is the same. A value freshly built: one that others share would be copied.
pub(crate) fn settled(value: tera::Value) -> tera::Value {
    if let Some(items) = value.as_array() {
        return items.iter().cloned().map(settled).collect::<Vec<_>>().into();
    }
    if !value.is_map() {
        return settled_string(value);
    }
    let mut fields = value.into_map().expect("a map");
    for field in fields.values_mut() {
        *field = settled(std::mem::replace(field, tera::Value::undefined()));
    }
    fields.into()
}

/// Serializes HTML that rumourmill made (a body, a summary, a bio, JSON-LD) as a string
/// that templates write as it is: they need no `safe` filter, though it does no harm.
/// Other serializers see a string.
pub(crate) fn html<S: serde::Serializer>(html: &impl AsRef<str>, serializer: S) -> Result<S::Ok, S::Error> {
    tera::Value::safe_string(html.as_ref()).serialize(serializer)
}

/// `value`, marked safe if it is a string that escaping would leave as it is.
pub(crate) fn settled_string(value: tera::Value) -> tera::Value {
    match value.as_str() {
        Some(text) if !text.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) => {
            value.mark_safe()
        }
        _ => value,
    }
}

/// A template value that every page reads, made once for each thread. Tera takes a
/// reference to a value each time a template reads it: were one value shared, its count
/// would pass between the cores on every read, so each thread reads its own.
#[derive(Debug)]
pub(crate) struct PerThread<T>(Vec<T>);

impl<T> PerThread<T> {
    pub(crate) fn new(make: impl Fn() -> T) -> Self {
        Self((0..rayon::current_num_threads().max(1)).map(|_| make()).collect())
    }

    /// The value for the thread that asks.
    pub(crate) fn own(&self) -> &T {
        let thread = rayon::current_thread_index().unwrap_or(0);
        &self.0[thread % self.0.len()]
    }
}

/// The site as a template value, for each thread.
pub(crate) type SiteValues = PerThread<tera::Value>;

impl SiteValues {
    /// The site, with `html` added to it: each field's name and the partial rendered for
    /// it, marked safe.
    pub(crate) fn site(site: &Site, html: &[(&'static str, String)]) -> Self {
        Self::new(|| {
            let mut fields = site_value(site).into_map().expect("a map");
            for (field, html) in html {
                fields.insert((*field).into(), tera::Value::safe_string(html));
            }
            fields.into()
        })
    }
}

/// The site as a template value, as partials that show only the site see it.
pub(crate) fn site_value(site: &Site) -> tera::Value {
    settled(tera::Value::from_serializable(&SiteView::new(site)))
}

/// Everything pages are made from, built once for the whole site: its links, and each
/// rumour, article card and saga as the template value every page shares.
#[derive(Debug)]
pub(crate) struct Library<'a> {
    pub(crate) site: &'a Site,
    pub(crate) links: &'a Links<'a>,
    pub(crate) views: &'a SiteValues,
    /// By article, then by rumour within it.
    pub(crate) rumours: &'a [Vec<tera::Value>],
    /// By article.
    pub(crate) cards: &'a [tera::Value],
    /// In the site's order of sagas.
    pub(crate) sagas: &'a [tera::Value],
}

impl<'a> Library<'a> {
    pub(crate) fn site_view(&'a self) -> Built<'a, SiteView<'a>> {
        Built::new(self.views.own())
    }

    pub(crate) fn card(&self, article: usize) -> Built<'a, ArticleCard<'a>> {
        Built::new(&self.cards[article])
    }

    pub(crate) fn saga(&self, saga: usize) -> Built<'a, SagaView<'a>> {
        Built::new(&self.sagas[saga])
    }

    pub(crate) fn rumour(&self, (article, rumour): (usize, usize)) -> Built<'a, RumourView<'a>> {
        Built::new(&self.rumours[article][rumour])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settled_values_write_as_they_did_and_skip_escaping_where_nothing_needs_it() {
        let view = serde_json::json!({
            "name": "Dara O'Shea",
            "url": "/players/dara-oshea/",
            "pages": [{ "name": "Q&A" }, { "name": "About" }],
            "record": { "right": 3, "hit_rate": null },
        });
        let plain = tera::Value::from_serializable(&view);
        let settled = settled(plain.clone());
        let safe = |path: &str| settled.get_from_path(path).map(tera::Value::is_safe);
        assert_eq!(safe("url"), Some(true));
        assert_eq!(safe("pages.1.name"), Some(true));
        assert_eq!(safe("name"), Some(false));
        assert_eq!(safe("pages.0.name"), Some(false));

        let mut tera = tera::Tera::new();
        let template =
            "{{ v.name }} {{ v.url }} {% for p in v.pages %}{{ p.name }},{% endfor %} {{ v.record.right }}";
        tera.add_raw_template("t.html", template).unwrap();
        let render = |value: &tera::Value| {
            let mut context = tera::Context::new();
            context.insert("v", value);
            tera.render("t.html", &context).unwrap()
        };
        assert_eq!(render(&settled), render(&plain));
        assert_eq!(render(&settled), "Dara O&#39;Shea /players/dara-oshea/ Q&amp;A,About, 3");
    }
}
