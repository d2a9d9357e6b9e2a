//! Standalone pages, tags, and pages with nothing of their own.

use serde::Serialize;

use super::{ArticleCard, Built, Link, Meta, SiteView};

/// Page context of `page.html`: a standalone page.
#[derive(Debug, Serialize)]
pub(crate) struct StandalonePage<'a> {
    pub(crate) site: Built<'a, SiteView<'a>>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta<'a>,
    pub(crate) page: PageView<'a>,
}

/// A standalone page.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub(crate) title: &'a str,
    /// One line about it.
    pub(crate) description: Option<&'a str>,
    pub(crate) url: &'a str,
    /// Its body, as HTML.
    #[serde(serialize_with = "super::html")]
    pub(crate) content_html: &'a str,
}

/// Page context of `tag.html`: one tag's articles.
#[derive(Debug, Serialize)]
pub(crate) struct TagPage<'a> {
    pub(crate) site: Built<'a, SiteView<'a>>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta<'a>,
    pub(crate) tag: &'a Link<'a>,
    /// Its articles, newest first.
    pub(crate) articles: Vec<Built<'a, ArticleCard<'a>>>,
}

/// Page context of `tags.html`: every tag, A to Z.
#[derive(Debug, Serialize)]
pub(crate) struct TagsPage<'a> {
    pub(crate) site: Built<'a, SiteView<'a>>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta<'a>,
    pub(crate) tags: Vec<TagItem<'a>>,
}

/// A tag in the index.
#[derive(Debug, Serialize)]
pub(crate) struct TagItem<'a> {
    pub(crate) tag: &'a Link<'a>,
    /// How many articles carry it.
    pub(crate) article_count: usize,
}

/// Page context of `404.html` and `style.css`.
#[derive(Debug, Serialize)]
pub(crate) struct PlainPage<'a> {
    pub(crate) site: Built<'a, SiteView<'a>>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta<'a>,
}
