//! URL segments. `Slug::new` is the only way to make one, so every URL is ASCII, lower
//! case and hyphenated, and no name can climb out of the output folder.

use std::fmt;

use serde::Serialize;

/// The longest slug, in bytes: each is a file or folder name, which file systems limit to
/// 255 bytes, and some of the output's names add to it.
pub(crate) const MAX_LEN: usize = 200;

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

    /// The slug of `text`, where it can name a page: it has letters or digits, and is
    /// short enough to be a file name.
    pub(crate) fn parse(text: &str) -> Result<Self, SlugError> {
        let slug = Self::new(text).ok_or(SlugError::Empty)?;
        match slug.0.len() {
            len if len > MAX_LEN => Err(SlugError::TooLong(len)),
            _ => Ok(slug),
        }
    }

    /// The slug as text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a text names no page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlugError {
    /// No letter or digit is left of it.
    Empty,
    /// Its slug has this many bytes, more than [`MAX_LEN`].
    TooLong(usize),
}

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("has no letters or digits"),
            Self::TooLong(len) => write!(
                f,
                "is too long: its URL segment would have {len} characters, over the {MAX_LEN} a file name may have"
            ),
        }
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
    fn a_name_too_long_for_a_file_name_is_a_problem() {
        let name = "Jonás ".repeat(40);
        assert_eq!(Slug::parse(&name), Err(SlugError::TooLong(239)));
        assert!(SlugError::TooLong(239).to_string().contains("239 characters"));
        assert!(Slug::parse(&name[..=MAX_LEN]).is_ok());
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

    proptest::proptest! {
        #[test]
        fn any_text_slugs_to_a_safe_segment_that_slugs_to_itself(text in "\\PC{0,40}|[ -~]{0,40}") {
            let slug = Slug::new(&text);
            let long = slug.as_ref().is_some_and(|slug| slug.as_str().len() > MAX_LEN);
            proptest::prop_assert_eq!(Slug::parse(&text).is_ok(), slug.is_some() && !long);
            if let Some(slug) = slug {
                let s = slug.as_str();
                proptest::prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s}");
                proptest::prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{s}");
                let again = Slug::new(s);
                proptest::prop_assert_eq!(again.as_ref(), Some(&slug));
            }
        }
    }
}
