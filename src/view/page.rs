//! Standalone pages, tags, and pages with nothing of their own.

use serde::Serialize;

use super::Shown;
use super::{Card, Link, Meta, Pagination, SiteView, paged};
use crate::url::{Listed, Route, Script};

/// Page context of `page.html`: a standalone page.
#[derive(Debug, Serialize)]
pub(crate) struct StandalonePage<'a> {
    site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    meta: Meta,
    page: PageView<'a>,
}

/// A standalone page.
#[derive(Debug, Serialize)]
struct PageView<'a> {
    title: &'a str,
    /// One line about it.
    description: Option<&'a str>,
    url: String,
    /// Its body, as HTML.
    #[serde(serialize_with = "super::html")]
    content_html: &'a str,
}

impl<'a> StandalonePage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let page = &site.pages[index];
        let route = Route::Page(&page.slug);
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &route, &page.title, page.description.as_deref()),
            page: PageView {
                title: &page.title,
                description: page.description.as_deref(),
                url: site.config.base_url.link(&route),
                content_html: &page.content_html,
            },
        }
    }
}

/// Page context of `tag.html`: one tag's articles.
#[derive(Debug, Serialize)]
pub(crate) struct TagPage<'a> {
    site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    meta: Meta,
    tag: Link<'a>,
    /// Its articles, newest first: this page's.
    articles: Vec<Card>,
    /// Where this page stands among the others.
    pagination: Pagination,
}

impl<'a> TagPage<'a> {
    /// Page `n`, from 1, of tag `index`.
    pub(crate) fn new(site: &'a Shown<'a>, index: usize, n: usize) -> Self {
        let tag = &site.tags[index];
        let route = Route::Tag(&tag.slug);
        let (articles, pagination) =
            paged(site, Listed::Tag, &tag.slug, &tag.articles, n, |a| Card::new(site, a));
        Self {
            site: SiteView::new(site),
            meta: Meta::followed(
                site,
                &route,
                &tag.name,
                &format!("Transfer news tagged {}.", tag.name),
                &Route::TagAtom(&tag.slug),
            )
            .page_of(site, &Listed::Tag.page(&tag.slug, n), n),
            tag: Link::new(&tag.name, &site.config.base_url, &route),
            articles,
            pagination,
        }
    }
}

/// Page context of `tags.html`: every tag, A to Z.
#[derive(Debug, Serialize)]
pub(crate) struct TagsPage<'a> {
    site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    meta: Meta,
    tags: Vec<TagItem<'a>>,
}

/// A tag in the index.
#[derive(Debug, Serialize)]
struct TagItem<'a> {
    tag: Link<'a>,
    /// How many articles carry it.
    article_count: usize,
}

impl<'a> TagsPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let base = &site.config.base_url;
        let tags = site
            .tags
            .iter()
            .map(|tag| TagItem {
                tag: Link::new(&tag.name, base, &Route::Tag(&tag.slug)),
                article_count: tag.articles.len(),
            })
            .collect();
        Self { site: SiteView::new(site), meta: Meta::page(site, &Route::Tags, "Tags", None), tags }
    }
}

/// Page context of `404.html` and `style.css`.
#[derive(Debug, Serialize)]
pub(crate) struct PlainPage<'a> {
    site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    meta: Meta,
}

impl<'a> PlainPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, route: &Route<'_>) -> Self {
        Self { site: SiteView::new(site), meta: Meta::page(site, route, "Not found", None) }
    }
}

/// Page context of `search.html`.
#[derive(Debug, Serialize)]
pub(crate) struct SearchPage<'a> {
    site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    meta: Meta,
    /// Where the index and the scripts are, and how the index is cut.
    search: SearchView,
}

#[derive(Debug, Serialize)]
struct SearchView {
    /// The folder of the index, ending with `/`.
    index_url: String,
    script_url: String,
    minisearch_url: String,
    /// How many shards of terms the index has.
    shards: usize,
    /// How many articles each file of result lines holds.
    chunk: usize,
}

impl<'a> SearchPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>) -> Self {
        let base = &site.config.base_url;
        let search = SearchView {
            index_url: base.link(&Route::Search),
            script_url: base.link(&Route::Script(Script::Search)),
            minisearch_url: base.link(&Route::Script(Script::MiniSearch)),
            shards: crate::search::shards(site.articles.len()),
            chunk: crate::search::CHUNK,
        };
        let description = "Find articles, players, clubs and sources.";
        Self {
            site: SiteView::new(site),
            meta: Meta::page(site, &Route::Search, "Search", Some(description)),
            search,
        }
    }
}
