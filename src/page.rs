//! Standalone pages such as `about`, from `content/pages/`.

use serde::Deserialize;

use crate::slug::Slug;

/// A page's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPage {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) draft: bool,
    /// Old paths of the page, each to redirect to it.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

/// A standalone page, at `/SLUG/`.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Its URL segment: its file name.
    pub(crate) slug: Slug,
    /// Its title.
    pub(crate) title: String,
    /// One line about it.
    pub(crate) description: Option<String>,
    /// Its body as HTML.
    pub(crate) content_html: String,
    /// The links its body writes, for `check`.
    pub(crate) links: Vec<crate::markdown::WrittenLink>,
}

/// Folders of the site that a page may not take.
pub(crate) const RESERVED: &[&str] = &[
    "articles",
    "players",
    "clubs",
    "sources",
    "tags",
    "sagas",
    "page",
    "data",
    "static",
    "search",
    "windows",
    "leagues",
    "contracts",
];
