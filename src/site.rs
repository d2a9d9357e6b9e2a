//! Stage 2, model: from the files as loaded to the site as it will be shown. Pure: it
//! reads no disk and knows no clock but the `now` it is given.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::article::{Article, Draft, RawArticle};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, nearest};
use crate::entity::Registry;
use crate::frontmatter::{self, Parsed};
use crate::load::{SourceFile, Sources};
use crate::markdown::{self, Resolve};
use crate::page::{Page, RESERVED, RawPage};
use crate::player::{Player, Profile, RawPlayer};
use crate::slug::Slug;
use crate::url::{BaseUrl, Route};

/// Which articles a build takes, and the base URL given on the command line.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Stands in for the config's `base_url`.
    pub(crate) base_url: Option<String>,
    /// Build articles and pages marked `draft`.
    pub(crate) drafts: bool,
    /// Build articles dated after `now`.
    pub(crate) future: bool,
    /// The moment the build counts as now.
    pub(crate) now: DateTime<Utc>,
}

/// Everything the site shows, in the order it shows it.
#[derive(Debug)]
pub(crate) struct Site {
    /// The site's settings.
    pub(crate) config: Config,
    /// The articles, newest first: by date, then by slug.
    pub(crate) articles: Vec<Article>,
    /// The players, A to Z.
    pub(crate) players: Vec<Player>,
    /// The standalone pages, by slug.
    pub(crate) pages: Vec<Page>,
    player_index: HashMap<Slug, usize>,
}

impl Site {
    /// Builds the model of the site, or reports every problem found on the way.
    pub(crate) fn build(sources: &Sources, settings: &Settings) -> Result<Self, Diagnostics> {
        let mut problems = Diagnostics::default();
        let config = match &sources.config {
            Some(file) => Config::parse(file, settings.base_url.as_deref()),
            None => Err(
                Diagnostic::in_file(Path::new(CONFIG_FILE), "the site has no config.toml")
                    .with_help("create config.toml with `title` and `base_url`")
                    .into(),
            ),
        };
        let config = config.map_err(|errors| problems.extend(errors)).ok();
        // Without a good config, keep checking content against stand-in settings, so
        // that one run reports every problem.
        let zone = config.as_ref().map_or(chrono_tz::UTC, |c| c.timezone);
        let fallback_base;
        let base_url = match &config {
            Some(config) => &config.base_url,
            None => {
                fallback_base = BaseUrl::parse("http://localhost/").expect("a valid URL");
                &fallback_base
            }
        };

        let drafts = check_articles(&sources.articles, zone, settings, &mut problems);
        let (registry, profiles) = players(&sources.players, &mut problems);
        let mut registry = registry;
        for (_, draft) in &drafts {
            for name in draft.player_names() {
                registry.find_or_add(name);
            }
        }
        let links = Links {
            players: &registry,
            base_url,
        };

        let rendered: Vec<_> = drafts
            .into_par_iter()
            .map(|(file, draft)| {
                let html =
                    markdown::render(&file.path, &file.text, draft.parsed.body.clone(), &links)?;
                let slug_of = |name: &str| {
                    registry
                        .find(name)
                        .map(|e| e.slug.clone())
                        .expect("every name was added")
                };
                Ok::<_, Vec<Diagnostic>>(draft.finish(slug_of, html))
            })
            .collect();
        let mut articles = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok(article) => articles.push(article),
                Err(errors) => problems.extend(errors),
            }
        }
        articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

        let profiles = render_profiles(profiles, zone, &links, &mut problems);
        let pages = pages(&sources.pages, settings, &links, &mut problems);
        let players = index_players(&registry, profiles, &articles);

        problems.into_result(())?;
        // A missing or broken config always leaves a problem behind.
        let config = config.ok_or_else(Diagnostics::default)?;
        let player_index = players
            .iter()
            .enumerate()
            .map(|(i, p)| (p.slug.clone(), i))
            .collect();
        Ok(Self {
            config,
            articles,
            players,
            pages,
            player_index,
        })
    }
}

impl Site {
    /// The player with this slug.
    pub(crate) fn player(&self, slug: &Slug) -> Option<&Player> {
        self.player_index.get(slug).map(|&i| &self.players[i])
    }
}

/// Parses and checks every article, keeping those this build takes, in path order.
fn check_articles<'a>(
    files: &'a [SourceFile],
    zone: chrono_tz::Tz,
    settings: &Settings,
    problems: &mut Diagnostics,
) -> Vec<(&'a SourceFile, Draft)> {
    let checked: Vec<_> = files
        .par_iter()
        .map(|file| {
            let parsed = frontmatter::parse::<RawArticle>(file).map_err(|e| vec![e])?;
            Draft::new(file, parsed, zone).map(|draft| (file, draft))
        })
        .collect();
    let now = settings.now;
    let mut kept: Vec<(&SourceFile, Draft)> = Vec::new();
    let mut slugs: HashMap<Slug, &Path> = HashMap::new();
    for result in checked {
        let (file, draft) = match result {
            Ok(checked) => checked,
            Err(errors) => {
                problems.extend(errors);
                continue;
            }
        };
        if (draft.is_draft() && !settings.drafts)
            || (draft.date.as_datetime() > now && !settings.future)
        {
            continue;
        }
        if let Some(other) = slugs.insert(draft.slug.clone(), &file.path) {
            let at = draft.parsed.locate(&file.text, "slug", 0);
            problems.push(
                Diagnostic::at(
                    &file.path,
                    &file.text,
                    at,
                    format!("another article has the slug `{}`", draft.slug),
                )
                .with_help(format!(
                    "{} has it too; give one of them its own `slug`",
                    other.display()
                )),
            );
            continue;
        }
        kept.push((file, draft));
    }
    kept
}

/// A player profile whose front matter is read, and the slug its file name gives.
struct ProfileSource<'a> {
    file: &'a SourceFile,
    parsed: Parsed<RawPlayer>,
    slug: Slug,
}

/// Reads the player profiles into a registry of every name they go by.
fn players<'a>(
    files: &'a [SourceFile],
    problems: &mut Diagnostics,
) -> (Registry, Vec<ProfileSource<'a>>) {
    let mut registry = Registry::default();
    let mut profiles = Vec::new();
    let mut paths: HashMap<Slug, &Path> = HashMap::new();
    for file in files {
        let parsed = match frontmatter::parse::<RawPlayer>(file) {
            Ok(parsed) => parsed,
            Err(error) => {
                problems.push(error);
                continue;
            }
        };
        let stem = file.path.file_stem().unwrap_or_default().to_string_lossy();
        let Some(slug) = Slug::new(&stem) else {
            problems.push(
                Diagnostic::at(&file.path, &file.text, 0..0, "the file name gives no slug")
                    .with_help("rename the file after the player"),
            );
            continue;
        };
        let front = &parsed.front;
        if let Err(taken) = registry.add_profile(slug.clone(), &front.name, &front.aliases) {
            let key = if taken.name == front.name {
                "name"
            } else {
                "aliases"
            };
            let at = parsed.locate(&file.text, key, 0);
            let other = paths
                .get(&taken.by.slug)
                .map_or_else(String::new, |p| format!(" ({})", p.display()));
            let message = format!(
                "another profile, {}{other}, goes by `{}`",
                taken.by.name, taken.name
            );
            problems.push(
                Diagnostic::at(&file.path, &file.text, at, message)
                    .with_help("merge the two profiles, or give each names the other does not use"),
            );
            continue;
        }
        paths.insert(slug.clone(), &file.path);
        profiles.push(ProfileSource { file, parsed, slug });
    }
    (registry, profiles)
}

fn render_profiles(
    profiles: Vec<ProfileSource<'_>>,
    zone: chrono_tz::Tz,
    links: &Links<'_>,
    problems: &mut Diagnostics,
) -> HashMap<Slug, Profile> {
    let mut rendered = HashMap::new();
    for ProfileSource { file, parsed, slug } in profiles {
        let bio = markdown::render(&file.path, &file.text, parsed.body.clone(), links);
        let RawPlayer {
            name: _,
            aliases,
            position,
            nationality,
            born,
            club,
            image,
        } = parsed.front;
        match bio {
            Ok(html) => {
                let profile = Profile {
                    aliases,
                    position,
                    nationality,
                    born: born.map(|day| day.resolve(zone)),
                    club,
                    image,
                    bio_html: html.content,
                };
                rendered.insert(slug, profile);
            }
            Err(errors) => problems.extend(errors),
        }
    }
    rendered
}

fn pages(
    files: &[SourceFile],
    settings: &Settings,
    links: &Links<'_>,
    problems: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages = Vec::new();
    for file in files {
        let parsed = match frontmatter::parse::<RawPage>(file) {
            Ok(parsed) => parsed,
            Err(error) => {
                problems.push(error);
                continue;
            }
        };
        let stem = file.path.file_stem().unwrap_or_default().to_string_lossy();
        let slug = match Slug::new(&stem) {
            Some(slug) if !RESERVED.contains(&slug.as_str()) => slug,
            _ => {
                problems.push(
                    Diagnostic::at(
                        &file.path,
                        &file.text,
                        0..0,
                        format!("a page cannot be called `{stem}`"),
                    )
                    .with_help(format!(
                        "rename the file; these names belong to the site: {}",
                        RESERVED.join(", ")
                    )),
                );
                continue;
            }
        };
        let RawPage {
            title,
            description,
            draft,
        } = parsed.front;
        if draft && !settings.drafts {
            continue;
        }
        match markdown::render(&file.path, &file.text, parsed.body, links) {
            Ok(html) => pages.push(Page {
                slug,
                title,
                description,
                content_html: html.content,
            }),
            Err(errors) => problems.extend(errors),
        }
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages
}

/// Every player, A to Z, with the articles and rumours that name them.
fn index_players(
    registry: &Registry,
    mut profiles: HashMap<Slug, Profile>,
    articles: &[Article],
) -> Vec<Player> {
    let mut players: Vec<Player> = registry
        .entries()
        .iter()
        .map(|entry| Player {
            slug: entry.slug.clone(),
            name: entry.name.clone(),
            profile: profiles.remove(&entry.slug),
            articles: Vec::new(),
            timeline: Vec::new(),
        })
        .collect();
    players.sort_by_cached_key(|player| (Slug::new(&player.name), player.slug.clone()));
    let index: HashMap<&Slug, usize> = players
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.slug, i))
        .collect();
    let mut mentions = vec![Mentions::default(); players.len()];
    for (a, article) in articles.iter().enumerate() {
        for slug in &article.players {
            mentions[index[slug]].articles.push(a);
        }
    }
    // Articles are newest first; a timeline reads oldest first, and an article's rumours in
    // the order it gives them.
    for (a, article) in articles.iter().enumerate().rev() {
        for (r, rumour) in article.rumours.iter().enumerate() {
            mentions[index[&rumour.player]].timeline.push((a, r));
        }
    }
    for (player, Mentions { articles, timeline }) in players.iter_mut().zip(mentions) {
        player.articles = articles;
        player.timeline = timeline;
    }
    players
}

/// Where one player is named.
#[derive(Debug, Clone, Default)]
struct Mentions {
    articles: Vec<usize>,
    timeline: Vec<(usize, usize)>,
}

/// Resolves `[[wikilinks]]` to player pages.
struct Links<'a> {
    players: &'a Registry,
    base_url: &'a BaseUrl,
}

impl Resolve for Links<'_> {
    fn resolve(&self, target: &str) -> Result<String, (String, String)> {
        if let Some(entry) = self.players.find(target) {
            return Ok(self.base_url.link(&Route::Player(&entry.slug)));
        }
        let names = self
            .players
            .entries()
            .iter()
            .map(|entry| entry.name.as_str());
        let help = match nearest(target, names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "link to a player with a profile in content/players/ or named in an article's front matter".to_owned(),
        };
        Err((format!("no player is called `{target}`"), help))
    }
}
