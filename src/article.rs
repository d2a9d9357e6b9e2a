//! Articles: their front matter as written, and the article the site is built from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::HashMap;
use crate::alias;
use crate::date::{Date, RawDate};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::entity::{Directory, Kind};
use crate::frontmatter::{self, Parsed};
use crate::load::TextFile;
use crate::markdown::{Html, WrittenLink};
use crate::money::Rates;
use crate::reuse::Kept;
use crate::rumour::Deal;
use crate::rumour::{self, Cited, RawCited, RawRumour, Rumour};
use crate::site::Settings;
use crate::slug::{Slug, SlugError};
use crate::update::{self, RawUpdate, Update};

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
    /// Its picture, for link previews: a path from the site's root or a URL.
    image: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    players: Vec<String>,
    #[serde(default)]
    clubs: Vec<String>,
    #[serde(default)]
    pub(crate) rumours: Vec<RawRumour>,
    #[serde(default)]
    updates: Vec<RawUpdate>,
    /// Old paths of the article, each to redirect to it.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
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
    /// Its picture, for link previews, as written.
    pub(crate) image: Option<String>,
    /// Its tags: each slug, with the tag as written.
    pub(crate) tags: Vec<(Slug, String)>,
    /// Every player it names, in front matter or rumours, once each.
    pub(crate) players: Vec<Slug>,
    /// Every club it names, in `clubs` or as a rumour's `from` or `to`, once each.
    pub(crate) clubs: Vec<Slug>,
    /// Every source its rumours cite, once each.
    pub(crate) sources: Vec<Slug>,
    /// The claims it reports.
    pub(crate) rumours: Vec<Rumour>,
    /// Its updates and corrections, newest first.
    pub(crate) updates: Vec<Update>,
    /// The body as HTML, with its summary and the links it writes; shared with the
    /// model's record of what each file rendered to.
    html: Arc<Html>,
    /// The front matter's `summary` as HTML, which stands in for the body's.
    summary: Option<String>,
}

impl Article {
    /// The body as HTML.
    pub(crate) fn content_html(&self) -> &str {
        &self.html.content
    }

    /// The summary as HTML.
    pub(crate) fn summary_html(&self) -> &str {
        self.summary.as_deref().unwrap_or(&self.html.summary)
    }

    /// The summary with its links absolute, as feeds show it, where that was made with
    /// the HTML; else feeds make it of [`Article::summary_html`].
    pub(crate) fn summary_absolute(&self) -> Option<&str> {
        // A summary from the front matter is plain text, which links nowhere.
        self.summary.as_deref().or(self.html.summary_absolute.as_deref())
    }

    /// The links its body writes, for `check`.
    pub(crate) fn links(&self) -> &[WrittenLink] {
        &self.html.links
    }

    /// When it last changed: its `updated` date, else its publication date.
    pub(crate) fn modified(&self) -> Date {
        self.updated.unwrap_or(self.date)
    }
}

/// An article whose front matter is checked, before its names and Markdown are resolved.
#[derive(Debug)]
pub(crate) struct ParsedArticle {
    pub(crate) parsed: Parsed<RawArticle>,
    pub(crate) slug: Slug,
    pub(crate) date: Date,
    /// Its `updated` date, else its latest update's time.
    pub(crate) updated: Option<Date>,
    /// When each rumour's claim was made.
    claimed: Vec<Date>,
    /// Its updates, newest first.
    updates: Vec<Update>,
    /// The paths of its aliases, as routes write them.
    pub(crate) aliases: Vec<String>,
}

impl ParsedArticle {
    /// Checks what can be checked of one article on its own.
    pub(crate) fn new(
        file: &TextFile,
        parsed: Parsed<RawArticle>,
        zone: chrono_tz::Tz,
        rates: Option<&Rates>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let (name, at, what) = match &parsed.front.slug {
            Some(slug) => {
                (slug.clone(), parsed.locate(&file.text, "slug", 0), format!("the slug \"{slug}\""))
            }
            None => (file_slug(&file.path), 0..0, "the file name".to_owned()),
        };
        let slug = Slug::parse(&name).map_err(|problem| {
            let help = match (&parsed.front.slug, problem) {
                (None, _) => "add a short `slug` to the front matter, or rename the file",
                (Some(_), SlugError::Empty) => "write a slug such as \"trent-real-madrid\"",
                (Some(_), SlugError::TooLong(_)) => "write a shorter slug, such as \"trent-real-madrid\"",
            };
            let message = format!("{what} {problem}");
            problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
        });
        for (key, names) in
            [("players", &parsed.front.players), ("clubs", &parsed.front.clubs), ("tags", &parsed.front.tags)]
        {
            if let Some(problem) = names.iter().find_map(|name| Slug::parse(name).err()) {
                let at = parsed.locate(&file.text, key, 0);
                let help = match problem {
                    SlugError::Empty => "remove the empty name",
                    SlugError::TooLong(_) => "shorten the name",
                };
                let message = format!("`{key}` has a name that {problem}");
                problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
            }
        }
        let date = parsed.front.date.resolve(zone);
        let updated = parsed.front.updated.map(|date| date.resolve(zone));
        let claimed = rumour::check(file, &parsed, &parsed.front.rumours, (date, zone, rates), &mut problems);
        let updates = update::check(file, &parsed, &parsed.front.updates, date, zone, &mut problems);
        let updated = updated.or_else(|| updates.first().map(|update| update.at));
        let aliases = alias::check(file, &parsed, &parsed.front.aliases, &mut problems);
        match slug {
            Ok(slug) if problems.is_empty() => {
                Ok(Self { parsed, slug, date, updated, claimed, updates, aliases })
            }
            _ => Err(problems),
        }
    }

    pub(crate) fn is_draft(&self) -> bool {
        self.parsed.front.draft
    }

    /// Every name the article uses, with its kind, front matter first.
    pub(crate) fn names(&self) -> impl Iterator<Item = (Kind, &str)> {
        let front = &self.parsed.front;
        let players = front.players.iter().chain(front.rumours.iter().map(|r| &r.player));
        let clubs = front.clubs.iter().chain(front.rumours.iter().flat_map(|r| r.from.iter().chain([&r.to])));
        let sources = front.rumours.iter().flat_map(|r| &r.sources).flat_map(RawCited::names);
        let players = players.map(|name| (Kind::Player, name.as_str()));
        let clubs = clubs.map(|name| (Kind::Club, name.as_str()));
        players.chain(clubs).chain(sources.map(|name| (Kind::Source, name.as_str())))
    }

    /// The article, with every name resolved through `directory` and `html`, its body
    /// rendered.
    pub(crate) fn finish(&self, directory: &Directory, html: Arc<Html>) -> Article {
        let RawArticle {
            title,
            date: _,
            updated: _,
            slug: _,
            summary,
            author,
            image,
            tags,
            draft: _,
            players,
            clubs,
            rumours,
            updates: _,
            aliases: _,
        } = &self.parsed.front;
        let players = unique(
            players.iter().chain(rumours.iter().map(|r| &r.player)).map(|name| directory.players.slug(name)),
        );
        let clubs = clubs.iter().chain(rumours.iter().flat_map(|r| r.from.iter().chain([&r.to])));
        let clubs = unique(clubs.map(|name| directory.clubs.slug(name)));
        let sources = rumours.iter().flat_map(|r| &r.sources).flat_map(RawCited::names);
        let sources = unique(sources.map(|name| directory.sources.slug(name)));
        let mut unique_tags: Vec<(Slug, String)> = Vec::new();
        for tag in tags {
            if let Some(slug) = Slug::new(tag).filter(|slug| unique_tags.iter().all(|(s, _)| s != slug)) {
                unique_tags.push((slug, crate::tag::shown(tag)));
            }
        }
        let rumours = rumours
            .iter()
            .zip(&self.claimed)
            .map(|(raw, &date)| {
                let RawRumour { player, from, to, status, deal, fee, date: _, sources } = raw;
                let sources = sources.iter().map(|cited| Cited {
                    source: directory.sources.slug(&cited.name),
                    url: cited.url.clone(),
                    via: cited.via.as_ref().map(|via| directory.sources.slug(via)),
                });
                Rumour {
                    player: directory.players.slug(player),
                    from: from.as_ref().map(|club| directory.clubs.slug(club)),
                    to: directory.clubs.slug(to),
                    status: *status,
                    deal: *deal,
                    fee: fee.clone(),
                    sources: sources.collect(),
                    date,
                }
            })
            .collect();
        Article {
            slug: self.slug.clone(),
            title: title.clone(),
            date: self.date,
            updated: self.updated,
            author: author.clone(),
            image: image.clone(),
            tags: unique_tags,
            players,
            clubs,
            sources,
            rumours,
            updates: self.updates.clone(),
            html,
            summary: summary.as_deref().map(crate::markdown::paragraph),
        }
    }
}

/// A problem for each rumour of `draft` whose `from` and `to` are one club, other than
/// an extension of a contract.
pub(crate) fn moves_nowhere(
    file: &TextFile,
    draft: &ParsedArticle,
    directory: &Directory,
) -> Vec<Diagnostic> {
    let rumours = draft.parsed.front.rumours.iter().enumerate();
    rumours
        .filter(|(_, rumour)| rumour.deal != Some(Deal::Extension))
        .filter(|(_, rumour)| {
            let from = rumour.from.as_deref().map(|from| directory.clubs.slug(from));
            from.is_some_and(|from| from == directory.clubs.slug(&rumour.to))
        })
        .map(|(n, rumour)| {
            let at = draft.parsed.locate(&file.text, "to", n);
            let message = format!("the rumour's `from` and `to` are the same club, {}", rumour.to);
            let help = "write the club the player would leave in `from`, or for a new contract at the club, \
                        leave out `from` and write `deal = \"extension\"`";
            Diagnostic::at(&file.path, &file.text, at, message).with_help(help)
        })
        .collect()
}

/// The articles a build leaves out, each by its file's path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldBack {
    /// Those marked `draft`, which `--drafts` builds.
    pub drafts: Vec<PathBuf>,
    /// Those dated after now, which `--future` builds.
    pub future: Vec<PathBuf>,
}

impl std::fmt::Display for HeldBack {
    /// A note for each kind of article left out, naming the first few.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const NAMED: usize = 3;
        for (paths, one, many, flag) in [
            (&self.drafts, "draft", "drafts", "--drafts"),
            (&self.future, "article dated after now", "articles dated after now", "--future"),
        ] {
            let named: Vec<String> =
                paths.iter().take(NAMED).map(|path| path.display().to_string()).collect();
            let (what, them) = match paths.len() {
                0 => continue,
                1 => (format!("1 {one}"), "it"),
                n => (format!("{n} {many}"), "them"),
            };
            let more = paths.len().checked_sub(NAMED).filter(|&n| n > 0).map(|n| format!(" and {n} more"));
            writeln!(
                f,
                "note: held back {what} ({}{}); {flag} builds {them}",
                named.join(", "),
                more.unwrap_or_default()
            )?;
        }
        Ok(())
    }
}

/// Parses and checks every article, keeping those this build takes, in path order.
/// What `kept` holds of a file is taken as it is, and what is parsed anew added to it.
pub(crate) fn check_all<'a>(
    files: &'a [TextFile],
    kept: &mut Kept,
    (zone, rates): (chrono_tz::Tz, Option<&Rates>),
    settings: &Settings,
    problems: &mut Diagnostics,
    held_back: &mut HeldBack,
) -> Vec<(&'a TextFile, Arc<ParsedArticle>)> {
    let known = &*kept;
    let checked: Vec<_> = files
        .par_iter()
        .map(|file| {
            if let Some(draft) = known.draft(&file.path) {
                return Ok(((file, draft, false), Vec::new()));
            }
            // An article with wrong values is kept as far as it parsed, so that its body
            // is checked and the names it gives are known: one build reports everything.
            let (front, mut found) = frontmatter::parse::<RawArticle>(file)?;
            match ParsedArticle::new(file, front, zone, rates) {
                Ok(draft) => Ok(((file, Arc::new(draft), found.is_empty()), found)),
                Err(more) => {
                    found.extend(more);
                    Err(found)
                }
            }
        })
        .collect();
    let checked: Vec<_> = problems
        .collect(checked)
        .into_iter()
        .map(|(checked, found)| {
            problems.extend(found);
            checked
        })
        .collect();
    let now = settings.now;
    let mut taken: Vec<(&TextFile, Arc<ParsedArticle>)> = Vec::with_capacity(checked.len());
    let mut slugs: HashMap<&Slug, &Path> = HashMap::default();
    // What is parsed anew is kept for the next update, when it parsed whole.
    for (file, draft, whole) in &checked {
        if *whole {
            kept.keep_draft(&file.path, draft);
        }
        if draft.is_draft() && !settings.drafts {
            held_back.drafts.push(file.path.clone());
            continue;
        }
        if draft.date.as_datetime() > now && !settings.future {
            held_back.future.push(file.path.clone());
            continue;
        }
        if let Some(other) = slugs.insert(&draft.slug, &file.path) {
            let at = draft.parsed.locate(&file.text, "slug", 0);
            problems.push(
                Diagnostic::at(
                    &file.path,
                    &file.text,
                    at,
                    format!("another article has the slug `{}`", draft.slug),
                )
                .with_help(format!("{} has it too; give one of them its own `slug`", other.display())),
            );
            continue;
        }
        taken.push((file, draft.clone()));
    }
    taken
}

/// Each slug once, in the order first given.
fn unique(slugs: impl Iterator<Item = Slug>) -> Vec<Slug> {
    let mut unique: Vec<Slug> = Vec::new();
    for slug in slugs {
        if !unique.contains(&slug) {
            unique.push(slug);
        }
    }
    unique
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
        && bytes[..10].iter().enumerate().all(
            |(i, b)| {
                if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() }
            },
        )
        && matches!(bytes[10], b'-' | b'_');
    if dated { stem[11..].to_owned() } else { stem.into_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_date_prefix() {
        assert_eq!(file_slug(Path::new("content/articles/2025-03-27-trent-real.md")), "trent-real");
        assert_eq!(file_slug(Path::new("content/articles/trent-real.md")), "trent-real");
        assert_eq!(file_slug(Path::new("content/articles/2025-03-27-x/index.md")), "x");
        assert_eq!(file_slug(Path::new("content/articles/2025-03.md")), "2025-03");
    }
}
