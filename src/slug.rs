//! URL segments. `Slug::new` is the only way to make one, so every URL is ASCII, lower
//! case and hyphenated, and no name can climb out of the output folder.

use std::fmt;

use serde::Serialize;

/// An ASCII, lower-case, hyphenated URL segment: "Luka Modrić" is `luka-modric`. Shared,
/// not copied: the model holds each slug in many places.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub(crate) struct Slug(std::sync::Arc<str>);

impl Slug {
    /// The slug of `text`, or `None` when nothing of it is left (only punctuation, say).
    pub(crate) fn new(text: &str) -> Option<Self> {
        // Names are slugged by the thousand, and most are ASCII already: those are borrowed.
        let ascii = deunicode::deunicode_with_tofu_cow(text, "[?]");
        let mut slug = String::with_capacity(ascii.len());
        for c in ascii.bytes() {
            if c.is_ascii_alphanumeric() {
                slug.push(char::from(c.to_ascii_lowercase()));
            } else if !slug.is_empty() && !slug.ends_with('-') && c != b'\'' {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        (!slug.is_empty()).then(|| Self(slug.into()))
    }

    /// Whether `text` has a slug: whether any of it spells a letter or digit.
    pub(crate) fn exists(text: &str) -> bool {
        // An ASCII letter or digit stays one; only text without any needs spelling out.
        text.bytes().any(|b| b.is_ascii_alphanumeric()) || Self::new(text).is_some()
    }

    /// The slug as text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(text: &str) -> Option<String> {
        Slug::new(text).map(|s| s.0.to_string())
    }

    #[test]
    fn a_slug_exists_where_one_is_made() {
        for text in ["Luka Modrić", "Ødegaard", "Ø", "  ", "!?", "", "ß", "—", "27", "'", "京都"] {
            assert_eq!(Slug::exists(text), Slug::new(text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn transliterates_and_hyphenates() {
        assert_eq!(slug("Luka Modrić").as_deref(), Some("luka-modric"));
        assert_eq!(slug("Trent Alexander-Arnold").as_deref(), Some("trent-alexander-arnold"));
        assert_eq!(slug("  Jonás  Peñalver! ").as_deref(), Some("jonas-penalver"));
        assert_eq!(slug("Kylian Mbappé's move").as_deref(), Some("kylian-mbappes-move"));
        assert_eq!(slug("Atlético de Madrid").as_deref(), Some("atletico-de-madrid"));
        assert_eq!(slug("Dara O'Shea, 27").as_deref(), Some("dara-oshea-27"));
    }

    #[test]
    fn cannot_escape_a_folder() {
        assert_eq!(slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slug("..."), None);
        assert_eq!(slug(""), None);
    }
}
