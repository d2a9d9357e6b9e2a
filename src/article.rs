//! Articles: their front matter as written, and the article the site is built from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::HashMap;
use crate::date::{Date, RawDate};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::entity::{Directory, Kind};
use crate::frontmatter::{self, Parsed};
use crate::load::TextFile;
use crate::markdown::{Html, WrittenLink};
use crate::new::{NO_SOURCES, STORY_TO_WRITE};
use crate::reuse::Kept;
use crate::rumour::Deal;
use crate::rumour::{Cited, RawRumour, Rumour};
use crate::site::Settings;
use crate::slug::{Slug, SlugError};

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
    pub(crate) rumours: Vec<RawRumour>,
    #[serde(default)]
    updates: Vec<RawUpdate>,
    /// Old paths of the article, each to redirect to it.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

/// An `[[updates]]` entry as front matter writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUpdate {
    at: RawDate,
    /// Inline Markdown.
    text: String,
    #[serde(default)]
    kind: UpdateKind,
}

/// What a note added to an article after it was published is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UpdateKind {
    /// News since: shown at the top, newest first, as a live blog does.
    #[default]
    Update,
    /// A fix of what the article said: shown at the foot, labelled and dated.
    Correction,
}

impl UpdateKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Correction => "correction",
        }
    }
}

/// A note added to an article after it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Update {
    pub(crate) at: Date,
    pub(crate) kind: UpdateKind,
    /// The text, as one HTML paragraph.
    pub(crate) html: String,
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
        for (n, rumour) in parsed.front.rumours.iter().enumerate() {
            let named =
                [("player", Some(&rumour.player)), ("from", rumour.from.as_ref()), ("to", Some(&rumour.to))];
            let sources = rumour.sources.iter().flat_map(|source| [Some(&source.name), source.via.as_ref()]);
            let sources = sources.flatten().map(|name| ("sources", Some(name)));
            for (key, name) in named.into_iter().chain(sources) {
                let Some(problem) = name.and_then(|name| Slug::parse(name).err()) else {
                    continue;
                };
                // Every rumour has a `player` and a `to` line; the optional keys are counted
                // over the rumours before this one that give them.
                let before = &parsed.front.rumours[..n];
                let at = match key {
                    "from" => {
                        parsed.locate(&file.text, key, before.iter().filter(|r| r.from.is_some()).count())
                    }
                    "sources" => parsed.locate(
                        &file.text,
                        key,
                        before.iter().filter(|r| !r.sources.is_empty()).count(),
                    ),
                    _ => parsed.locate(&file.text, key, n),
                };
                let message = format!("the rumour's `{key}` has a name that {problem}");
                let help = match (problem, key) {
                    (SlugError::TooLong(_), _) => "shorten the name",
                    (SlugError::Empty, "sources") => "name the source, or remove the empty name",
                    (SlugError::Empty, _) => "write the name in full",
                };
                problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
            }
        }
        let date = parsed.front.date.resolve(zone);
        let updated = parsed.front.updated.map(|date| date.resolve(zone));
        let mut claimed = Vec::with_capacity(parsed.front.rumours.len());
        let mut dated = 0;
        for rumour in &parsed.front.rumours {
            let Some(claim) = rumour.date.map(|claim| claim.resolve(zone)) else {
                claimed.push(date);
                continue;
            };
            dated += 1;
            if claim > date {
                // The article's own `date` comes first.
                let at = parsed.locate(&file.text, "date", dated);
                let message =
                    format!("the rumour's date, {}, is after the article's, {}", claim.day(), date.day());
                let help = "a claim is dated when it was made, on or before the article that reports it; leave `date` out for the article's";
                problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
            }
            claimed.push(claim);
        }
        let updates = updates(file, &parsed, date, zone, &mut problems);
        let updated = updated.or_else(|| updates.first().map(|update| update.at));
        let aliases = aliases(file, &parsed, &parsed.front.aliases, &mut problems);
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
        let sources =
            front.rumours.iter().flat_map(|r| &r.sources).flat_map(|s| [Some(&s.name), s.via.as_ref()]);
        let sources = sources.flatten();
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
        let sources = rumours.iter().flat_map(|r| &r.sources).flat_map(|s| [Some(&s.name), s.via.as_ref()]);
        let sources = unique(sources.flatten().map(|name| directory.sources.slug(name)));
        let mut unique_tags: Vec<(Slug, String)> = Vec::new();
        for tag in tags {
            if let Some(slug) = Slug::new(tag).filter(|slug| unique_tags.iter().all(|(s, _)| s != slug)) {
                unique_tags.push((slug, tag.clone()));
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

/// The paths of `aliases`, from the front matter `parsed` of `file`, as routes write
/// them; a problem at the `aliases` line for each that is not a path from the site's root.
pub(crate) fn aliases<T>(
    file: &TextFile,
    parsed: &Parsed<T>,
    aliases: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut paths = Vec::with_capacity(aliases.len());
    for alias in aliases {
        match crate::url::alias_path(alias) {
            Ok(path) => paths.push(path),
            Err(message) => {
                let at = parsed.locate(&file.text, "aliases", 0);
                let help = match alias.starts_with('/') {
                    true => {
                        "write the old path from the site's root, such as \"/2025/06/old-slug/\"".to_owned()
                    }
                    false => format!("write the old path from the site's root: \"/{alias}\""),
                };
                problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
            }
        }
    }
    paths
}

/// The updates of `parsed`, the front matter of `file`, newest first, each checked: dated
/// after the article, `date`, and with links a page can carry.
fn updates(
    file: &TextFile,
    parsed: &Parsed<RawArticle>,
    date: Date,
    zone: chrono_tz::Tz,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Update> {
    let mut updates = Vec::with_capacity(parsed.front.updates.len());
    for (n, raw) in parsed.front.updates.iter().enumerate() {
        let at = raw.at.resolve(zone);
        let mut problem = |key: &str, message: String, help: &str| {
            let place = parsed.locate(&file.text, key, n);
            problems.push(Diagnostic::at(&file.path, &file.text, place, message).with_help(help));
        };
        if at < date {
            let message = format!("the update's time, {at}, is before the article's date, {date}");
            problem("at", message, "an update comes after the article it updates: give the time it was made");
        }
        match crate::markdown::inline(&raw.text) {
            Ok(html) if !raw.text.trim().is_empty() => updates.push(Update { at, kind: raw.kind, html }),
            Ok(_) => problem("text", "the update has no text".to_owned(), "write what changed, in a line"),
            Err(message) => problem("text", message, crate::url::Href::HELP),
        }
    }
    // A stable sort: two updates at one time keep the order written.
    updates.sort_by_key(|update| std::cmp::Reverse(update.at));
    updates
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

/// A warning for each placeholder that `new` wrote and the author has not yet replaced:
/// the story to write, and a rumour's empty list of sources.
pub(crate) fn placeholders(files: &[TextFile]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for file in files {
        let text = &file.text;
        if let Some(at) = text.find(STORY_TO_WRITE) {
            let warning = Diagnostic::at(
                &file.path,
                text,
                at..at + STORY_TO_WRITE.len(),
                "the story is still the placeholder `new` wrote",
            )
            .with_help("write the article in its place");
            found.push(warning.warning());
        }
        for (at, _) in text.match_indices(NO_SOURCES) {
            let warning = Diagnostic::at(
                &file.path,
                text,
                at..at + NO_SOURCES.len(),
                "the rumour names no source",
            )
            .with_help(
                "name who reported it, as in sources = [\"BBC Sport\"], so that their record counts it",
            );
            found.push(warning.warning());
        }
    }
    found
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
    zone: chrono_tz::Tz,
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
            match ParsedArticle::new(file, front, zone) {
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
