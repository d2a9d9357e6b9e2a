//! Tags: the labels articles list in `tags`, each with its page.

use crate::slug::Slug;

/// A tag and the articles that carry it.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub(crate) slug: Slug,
    /// The tag as first written.
    pub(crate) name: String,
    /// Its articles, newest first.
    pub(crate) articles: Vec<usize>,
}
