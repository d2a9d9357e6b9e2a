//! Articles: their front matter as written, and the article the site is built from.

use std::path::Path;

use serde::Deserialize;

use crate::date::{Date, RawDate};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::Parsed;
use crate::load::SourceFile;
use crate::rumour::{RawRumour, Rumour};
use crate::slug::Slug;

/// An article's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawArticle {
    title: String,
    date: RawDate,
    updated: Option<RawDate>,
    slug: Option<String>,
    summary: Option<String>,
    author: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    players: Vec<String>,
    #[serde(default)]
    clubs: Vec<String>,
    #[serde(default)]
    rumours: Vec<RawRumour>,
}

/// An article as the site shows it.
#[derive(Debug, Clone)]
pub(crate) struct Article {
    /// Its URL segment.
    pub(crate) slug: Slug,
    /// Its headline.
    pub(crate) title: String,
    /// When it was published.
    pub(crate) date: Date,
    /// When it was last changed, if it was.
    pub(crate) updated: Option<Date>,
    /// Who wrote it.
    pub(crate) author: Option<String>,
    /// Its tags, as written.
    pub(crate) tags: Vec<String>,
    /// Every player it names, in front matter or rumours, once each.
    pub(crate) players: Vec<Slug>,
    /// The clubs it names in `clubs`, as written.
    pub(crate) clubs: Vec<String>,
    /// The claims it reports.
    pub(crate) rumours: Vec<Rumour>,
    /// The body as HTML.
    pub(crate) content_html: String,
    /// The summary as HTML.
    pub(crate) summary_html: String,
}

/// An article whose front matter is checked, before its names and Markdown are resolved.
#[derive(Debug)]
pub(crate) struct Draft {
    pub(crate) parsed: Parsed<RawArticle>,
    pub(crate) slug: Slug,
    pub(crate) date: Date,
    pub(crate) updated: Option<Date>,
}

impl Draft {
    /// Checks what can be checked of one article on its own.
    pub(crate) fn new(
        file: &SourceFile,
        parsed: Parsed<RawArticle>,
        zone: chrono_tz::Tz,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let slug = match &parsed.front.slug {
            Some(slug) => Slug::new(slug).ok_or_else(|| {
                let at = parsed.locate(&file.text, "slug", 0);
                Diagnostic::at(
                    &file.path,
                    &file.text,
                    at,
                    format!("the slug \"{slug}\" has no letters or digits"),
                )
                .with_help("write a slug such as \"trent-real-madrid\"")
            }),
            None => Slug::new(&file_slug(&file.path)).ok_or_else(|| {
                Diagnostic::at(&file.path, &file.text, 0..0, "the file name gives no slug")
                    .with_help("add a `slug` to the front matter, or rename the file")
            }),
        };
        let slug = slug.map_err(|problem| problems.push(problem));
        for (key, names) in [
            ("players", &parsed.front.players),
            ("clubs", &parsed.front.clubs),
            ("tags", &parsed.front.tags),
        ] {
            if names.iter().any(|name| Slug::new(name).is_none()) {
                let at = parsed.locate(&file.text, key, 0);
                problems.push(
                    Diagnostic::at(
                        &file.path,
                        &file.text,
                        at,
                        format!("`{key}` has a name with no letters or digits"),
                    )
                    .with_help("remove the empty name"),
                );
            }
        }
        for (n, rumour) in parsed.front.rumours.iter().enumerate() {
            for (key, name) in [("player", &rumour.player), ("to", &rumour.to)] {
                if Slug::new(name).is_none() {
                    let at = parsed.locate(&file.text, key, n);
                    problems.push(
                        Diagnostic::at(
                            &file.path,
                            &file.text,
                            at,
                            format!("the rumour's `{key}` is empty"),
                        )
                        .with_help(format!(
                            "name the {}",
                            if key == "to" { "club" } else { "player" }
                        )),
                    );
                }
            }
        }
        let date = parsed.front.date.resolve(zone);
        let updated = parsed.front.updated.map(|date| date.resolve(zone));
        match slug {
            Ok(slug) if problems.is_empty() => Ok(Self {
                parsed,
                slug,
                date,
                updated,
            }),
            _ => Err(problems),
        }
    }

    pub(crate) fn is_draft(&self) -> bool {
        self.parsed.front.draft
    }

    /// The names of every player the article names, front matter first.
    pub(crate) fn player_names(&self) -> impl Iterator<Item = &str> {
        let front = &self.parsed.front;
        front
            .players
            .iter()
            .chain(front.rumours.iter().map(|r| &r.player))
            .map(String::as_str)
    }

    /// The article, with player names resolved by `player` and its body rendered.
    pub(crate) fn finish(
        self,
        player: impl Fn(&str) -> Slug,
        html: crate::markdown::Html,
    ) -> Article {
        let RawArticle {
            title,
            date: _,
            updated: _,
            slug: _,
            summary,
            author,
            tags,
            draft: _,
            players,
            clubs,
            rumours,
        } = self.parsed.front;
        let mut named: Vec<Slug> = Vec::new();
        for name in players.iter().chain(rumours.iter().map(|r| &r.player)) {
            let slug = player(name);
            if !named.contains(&slug) {
                named.push(slug);
            }
        }
        let rumours = rumours
            .into_iter()
            .map(|raw| {
                let RawRumour {
                    player: name,
                    from,
                    to,
                    status,
                    deal,
                    fee,
                    sources,
                } = raw;
                Rumour {
                    player: player(&name),
                    from,
                    to,
                    status,
                    deal: deal.unwrap_or_default(),
                    fee,
                    sources,
                }
            })
            .collect();
        let summary_html = match summary {
            Some(summary) => crate::markdown::paragraph(&summary),
            None => html.summary,
        };
        Article {
            slug: self.slug,
            title,
            date: self.date,
            updated: self.updated,
            author,
            tags,
            players: named,
            clubs,
            rumours,
            content_html: html.content,
            summary_html,
        }
    }
}

/// The slug a file name gives: its stem less a `YYYY-MM-DD-` prefix, or its folder's name
/// for an `index.md`.
fn file_slug(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    if stem == "index" {
        let folder = path.parent().and_then(Path::file_name).unwrap_or_default();
        return file_slug(Path::new(folder));
    }
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b'_');
    if dated {
        stem[11..].to_owned()
    } else {
        stem.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_date_prefix() {
        assert_eq!(
            file_slug(Path::new("content/articles/2025-03-27-trent-real.md")),
            "trent-real"
        );
        assert_eq!(
            file_slug(Path::new("content/articles/trent-real.md")),
            "trent-real"
        );
        assert_eq!(
            file_slug(Path::new("content/articles/2025-03-27-x/index.md")),
            "x"
        );
        assert_eq!(
            file_slug(Path::new("content/articles/2025-03.md")),
            "2025-03"
        );
    }
}
