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

/// A tag as pages show it: as written, or, when written as a slug (`premier-league`), as
/// words (`Premier League`).
pub(crate) fn shown(tag: &str) -> String {
    if Slug::new(tag).is_none_or(|slug| slug.as_str() != tag) {
        return tag.to_owned();
    }
    let words = tag.split('-').map(|word| {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
    });
    words.collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn a_tag_written_as_a_slug_shows_as_words() {
        assert_eq!(shown("premier-league"), "Premier League");
        assert_eq!(shown("La Liga"), "La Liga");
        assert_eq!(shown("U21s"), "U21s");
    }
}
