//! `new`: a new article, its front matter filled in from the command line and the names
//! matched against the site's profiles.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use toml_datetime::Datetime;

use crate::config::Config;
use crate::entity::Kind;
use crate::load::{self, CONTENT_FOLDER, TextFile};
use crate::model;
use crate::site::{Settings, Site};
use crate::slug::Slug;
use crate::{Diagnostic, Error};

/// What `new` is asked to write.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The site's folder.
    pub root: PathBuf,
    /// The headline.
    pub title: String,
    /// The players the article is about, as the author wrote them.
    pub players: Vec<String>,
    /// The clubs the article is about: with a player, where the player is first and
    /// where the rumour takes them last.
    pub clubs: Vec<String>,
    /// `YYYY-MM-DD` or a local date and time; now in the site's time zone when absent.
    pub date: Option<String>,
    /// Mark the article a draft.
    pub draft: bool,
}

/// The front matter written, in the order the contract shows it.
#[derive(Debug, Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    date: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    players: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    clubs: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rumours: Vec<RumourStub>,
}

/// A rumour to fill in: the first player's move from the first club to the last.
#[derive(Debug, Serialize)]
struct RumourStub {
    player: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    to: String,
    status: &'static str,
    sources: Vec<String>,
}

/// The body `new` writes, for the author to replace; `check` warns of it until then.
const STORY_TO_WRITE: &str = "Write the story here. The first paragraph is the summary the feed shows.";

/// The sources of the rumour `new` fills in, for the author to name; `check` warns of them
/// until then.
const NO_SOURCES: &str = "sources = []";

/// A `[[rumours]]` block to copy when the command line named no player and club to
/// fill one with.
const RUMOUR_TO_FILL: &str = r#"
# [[rumours]]
# player = "Player Name"
# from = "Current Club"     # optional
# to = "Next Club"
# status = "rumour"         # rumour, interest, talks, bid, agreed, medical, done or off
# sources = ["Source Name"]
"#;

/// Writes the article and returns its path; never overwrites a file.
pub fn new_article(new: &NewArticle) -> Result<PathBuf, Error> {
    let settings = Settings { base_url: None, drafts: true, future: true, now: chrono::Utc::now() };
    let site = load::load(&new.root).and_then(|files| Ok(model::once(files, &settings)?));
    let (site, config) = match site {
        Ok((site, ..)) => (Some(site), None),
        // A site with errors elsewhere still takes a new article; its names go unchecked.
        Err(Error::Content(_)) => (None, Some(config(&new.root)?)),
        Err(other) => return Err(other),
    };
    let zone = site
        .as_ref()
        .map_or_else(|| config.as_ref().map_or(chrono_tz::UTC, |c| c.timezone), |s| s.config.timezone);
    let date = match &new.date {
        Some(date) => parse_date(date)?,
        None => now_in(zone),
    };
    let slug = Slug::parse(&new.title)
        .map_err(|problem| usage(format!("the title `{}` {problem}, so it makes no file name", new.title)))?;
    let day = date.date.map_or_else(String::new, |d| d.to_string());
    // A title used before, as a daily round-up's is, gets the day in its slug.
    let taken = site.as_ref().is_some_and(|site| site.article_position(&slug).is_some());
    let own_slug = taken.then(|| format!("{slug}-{day}"));

    let mut players = Vec::new();
    let mut clubs = Vec::new();
    for (kind, names, matched) in
        [(Kind::Player, &new.players, &mut players), (Kind::Club, &new.clubs, &mut clubs)]
    {
        for name in names {
            matched.push(match &site {
                Some(site) => match_name(site, kind, name)?,
                None => name.clone(),
            });
        }
    }
    if site.is_none() {
        eprintln!("warning: the site has errors, so the names were not checked against its profiles");
    }
    let rumours = match (players.first(), clubs.last()) {
        (Some(player), Some(to)) => vec![RumourStub {
            player: player.clone(),
            from: (clubs.len() > 1).then(|| clubs[0].clone()),
            to: to.clone(),
            status: "rumour",
            sources: Vec::new(),
        }],
        _ => Vec::new(),
    };
    let filled = !rumours.is_empty();
    let front = FrontMatter {
        title: &new.title,
        date,
        slug: own_slug.clone(),
        draft: new.draft,
        players,
        clubs,
        rumours,
    };
    let mut text = format!("+++\n{}", toml::to_string(&front).map_err(|e| usage(e.to_string()))?);
    if !filled {
        text.push_str(RUMOUR_TO_FILL);
    }
    text.push_str(&format!("+++\n\n{STORY_TO_WRITE}\n"));

    let relative = Path::new(CONTENT_FOLDER).join("articles").join(format!("{day}-{slug}.md"));
    let path = new.root.join(&relative);
    let folder = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(folder).map_err(|e| crate::FsError::new("create", folder, e))?;
    let mut file = OpenOptions::new().write(true).create_new(true).open(&path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Refused(format!(
                "error: {} already exists\n  = help: give the article another title, or another --date",
                relative.display()
            ))
        } else {
            crate::FsError::new("create", &path, error).into()
        }
    })?;
    file.write_all(text.as_bytes()).map_err(|e| crate::FsError::new("write", &path, e))?;
    if let Some(own) = own_slug {
        eprintln!("note: another article has the slug `{slug}`, so this one's is `{own}`");
    }
    Ok(relative)
}

/// The profiled name `name` means; a near miss of one is refused with the name meant.
fn match_name(site: &Site, kind: Kind, name: &str) -> Result<String, Error> {
    match site.profiled(kind, name) {
        Ok(profiled) => Ok(profiled.to_owned()),
        Err(Some(near)) => Err(Error::Refused(format!(
            "error: no {kind} profile is called `{name}`\n  = help: did you mean `{near}`? A near miss would give the {kind} a second page"
        ))),
        Err(None) => {
            let slug = Slug::new(name).map_or_else(String::new, |s| s.as_str().to_owned());
            eprintln!(
                "note: no profile for the {kind} `{name}`; it gets a page of its own (describe it in content/{}/{slug}.md)",
                kind.folder()
            );
            Ok(name.to_owned())
        }
    }
}

/// The site's config alone, for its time zone.
fn config(root: &Path) -> Result<Config, Error> {
    match load::read_config(root)? {
        Some(file) => Ok(Config::parse(&file, None)?),
        None => {
            let problem = Diagnostic::in_file(Path::new("config.toml"), "the site has no config.toml")
                .with_help("run `rumourmill new` in a site's folder, or give it with --root");
            Err(Error::Content(problem.into()))
        }
    }
}

/// `--date`: a date, or a local date and time.
/// A date as front matter takes it: a day, a local date and time, or one with an offset.
fn parse_date(text: &str) -> Result<Datetime, Error> {
    let date: Datetime = text.parse().map_err(|_| {
        usage(format!(
            "`--date {text}` is not a date such as 2025-07-01, 2025-07-01T09:30:00 or 2025-07-01T09:30:00+01:00"
        ))
    })?;
    if date.date.is_none() {
        return Err(usage(format!("`--date {text}` has no day: give one such as 2025-07-01T09:30:00")));
    }
    Ok(date)
}

/// Now, in `zone`, to the minute, as a local date and time.
fn now_in(zone: chrono_tz::Tz) -> Datetime {
    let now = chrono::Utc::now().with_timezone(&zone).format("%Y-%m-%dT%H:%M:00").to_string();
    now.parse().expect("a formatted local date and time")
}

fn usage(message: String) -> Error {
    Error::Usage(message)
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
