//! Stage 2, model: from the files as loaded to the site as it will be shown. Pure: it
//! reads no disk and knows no clock but the `now` it is given. What an update may take
//! from the site it replaces is [`reuse`](crate::reuse)'s to say.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::HashMap;
use crate::alias::{self, Alias, Redirect};
use crate::article::{self, Article, HeldBack, ParsedArticle};
use crate::club::{Club, ClubProfile, RawClub};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::entity::{self, Directory, Entry, Kind, Links, Registry};
use crate::load::{SiteFiles, StaticFile, TextFile};
use crate::markdown::{self, Faulty};
use crate::near_miss;
use crate::page::{Page, RESERVED, RawPage};
use crate::player::{Player, PlayerProfile, RawPlayer};
use crate::profile;
use crate::record::{self, Judgement};
use crate::reuse::{self, Body, Kept, Recorded, Reused};
use crate::saga::{self, Claim, Saga};
use crate::site::{Index, Settings, Site};
use crate::slug::Slug;
use crate::source::{RawSource, Source, SourceProfile};
use crate::tag::Tag;
use crate::theme::Theme;
use crate::url::{BaseUrl, Route};
use crate::window;

/// Models the site whose files are `files` for a build that nothing will update: its
/// site, templates and static files, keeping nothing of each file once its article is
/// made. Not keeping what only an update would reuse took a 10,000-article build from
/// 1.16 s to 1.08 s (bench/build.py, medians of 7, turn about), and the peak memory of a
/// 100,000-article build from 2.12 GB to 1.92 GB.
pub(crate) fn once(
    files: SiteFiles,
    settings: &Settings,
) -> Result<(Site, Theme, Vec<StaticFile>), Diagnostics> {
    let site = model(&files, &mut Kept::default(), settings, None).map_err(Diagnostics::from);
    let (site, theme) = Diagnostics::both(site, Theme::new(&files.templates))?;
    Ok((site, theme, files.statics))
}

/// Models the site, or reports every problem found on the way, with the site all the same
/// when each problem leaves its pages whole. What `kept` holds of an
/// article file is taken as it is, and what is made anew is added to it; the sagas and
/// records of `previous`, the site as last modelled, are taken as they are while they hold.
pub(crate) fn model(
    files: &SiteFiles,
    kept: &mut Kept,
    settings: &Settings,
    previous: Option<&Site>,
) -> Result<Site, Unbuilt> {
    let mut problems = Diagnostics::default();
    let config = config(files, settings, &mut problems);
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

    let mut held_back = HeldBack::default();
    let rates = config.as_ref().map(|c| &c.rates);
    let drafts =
        article::check_all(&files.articles, kept, (zone, rates), settings, &mut problems, &mut held_back);
    let mut directory = Directory::new();
    let players = profile::load::<RawPlayer>(&files.players, &mut directory.players, &mut problems);
    let clubs = profile::load::<RawClub>(&files.clubs, &mut directory.clubs, &mut problems);
    let source_profiles = profile::load::<RawSource>(&files.sources, &mut directory.sources, &mut problems);
    name_everything(&mut directory, &players, &drafts);
    for (file, draft) in &drafts {
        problems.extend(article::moves_nowhere(file, draft, &directory));
    }
    let links = Links::new(&directory, base_url);
    // Faults leave every page whole: the site is modelled all the same, for `check`.
    let mut faults = Diagnostics::default();
    let articles = articles(&drafts, kept, &directory, &links, &mut faults);
    let players: Vec<_> = players
        .into_par_iter()
        .map(|p| PlayerProfile::from_file(p, &directory.clubs, zone, &links))
        .collect();
    let clubs: Vec<_> = clubs.into_par_iter().map(|c| ClubProfile::from_file(c, &links)).collect();
    let source_profiles: Vec<_> =
        source_profiles.into_par_iter().map(|s| SourceProfile::from_file(s, &links)).collect();
    let players: HashMap<Slug, PlayerProfile> = problems.collect(players).into_iter().collect();
    let clubs: HashMap<Slug, ClubProfile> = problems.collect(clubs).into_iter().collect();
    let source_profiles: HashMap<Slug, SourceProfile> =
        problems.collect(source_profiles).into_iter().collect();
    let (pages, mut aliases) = pages(&files.pages, settings, &links, &mut problems, &mut faults);

    if !problems.is_empty() {
        problems.extend(faults);
        return Err(Unbuilt { problems: with_near_misses(problems, &directory), site: None });
    }
    // A missing or broken config always leaves a problem behind.
    let Some(config) = config else { return Err(Unbuilt { problems, site: None }) };
    let mut players = entities(&directory.players, players, Player::new);
    let mut clubs = entities(&directory.clubs, clubs, Club::new);
    let mut sources = entities(&directory.sources, source_profiles, Source::new);
    let index = Site::index(&players, &clubs, &sources);
    let previous = previous.filter(|previous| reuse::same_claims(&previous.articles, &articles));
    let sagas = relate(&articles, &mut players, &mut clubs, &mut sources, &index, previous);
    let article_index = articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();
    let tags = tags(&articles);
    let mut site = Site {
        config,
        articles,
        players,
        clubs,
        sources,
        sagas,
        tags,
        pages,
        directory,
        index,
        article_index,
        held_back,
        aliases: BTreeMap::new(),
        leagues: Vec::new(),
    };
    site.leagues = window::leagues(&site);
    aliases.extend(drafts.iter().flat_map(|(file, draft)| {
        let to = || Redirect::Article(draft.slug.clone());
        draft.aliases.iter().map(move |path| Alias { file, path: path.clone(), to: to() })
    }));
    site.aliases = alias::redirects(&site, aliases, &files.statics)
        .map_err(|problems| Unbuilt { problems, site: None })?;
    match faults.is_empty() {
        true => Ok(site),
        false => {
            Err(Unbuilt { problems: with_near_misses(faults, &site.directory), site: Some(Box::new(site)) })
        }
    }
}

/// `problems`, sorted, with the near misses among `directory`'s names: these fail `check`,
/// not a build, so here they are only warnings.
fn with_near_misses(mut problems: Diagnostics, directory: &Directory) -> Diagnostics {
    problems.extend(near_miss::unprofiled(directory).into_iter().map(Diagnostic::warning));
    problems.sorted()
}

/// Why a site cannot be built: every problem found, and the site as modelled all the same
/// when each problem leaves the pages whole (a link a page cannot carry, a wikilink that
/// leads nowhere), for `check` to follow the other links beside them.
#[derive(Debug)]
pub(crate) struct Unbuilt {
    pub(crate) problems: Diagnostics,
    pub(crate) site: Option<Box<Site>>,
}

impl From<Unbuilt> for Diagnostics {
    fn from(unbuilt: Unbuilt) -> Self {
        unbuilt.problems
    }
}

/// The site's config, when `config.toml` is there and right.
fn config(files: &SiteFiles, settings: &Settings, problems: &mut Diagnostics) -> Option<Config> {
    let config = match &files.config {
        Some(file) => Config::parse(file, settings.base_url.as_ref()),
        None => Err(Diagnostic::in_file(Path::new(CONFIG_FILE), "the site has no config.toml")
            .with_help("create config.toml with `title` and `base_url`")
            .into()),
    };
    config.map_err(|errors| problems.extend(errors)).ok()
}

/// Registers every name the articles use, in their order, and every club a player profile
/// names, so that each name means one entity of its kind.
fn name_everything(
    directory: &mut Directory,
    players: &[profile::ProfileFile<'_, RawPlayer>],
    drafts: &[(&TextFile, Arc<ParsedArticle>)],
) {
    for player in players {
        if let Some(club) = &player.parsed.front.club {
            directory.clubs.find_or_add(club, || {
                entity::mention(player.file, player.parsed.front_range.clone(), club, None)
            });
        }
    }
    for (file, draft) in drafts {
        for (kind, name) in draft.names() {
            let front = draft.parsed.front_range.clone();
            directory.registry_mut(kind).find_or_add(name, || entity::mention(file, front, name, Some(kind)));
        }
    }
}

/// Every article, newest first: taken from `kept` where the rules of [`reuse`] allow,
/// else with its body rendered anew.
fn articles(
    drafts: &[(&TextFile, Arc<ParsedArticle>)],
    kept: &mut Kept,
    directory: &Directory,
    links: &Links<'_>,
    faults: &mut Diagnostics,
) -> Vec<Arc<Article>> {
    let same_entities = kept.same_entities(directory);
    let kept_now = &*kept;
    // Each article, with its body when it is made anew and kept for the next update, and
    // the faults of its links: a body with faults is not kept, to be reported again.
    type Made = (Arc<Article>, Option<Body>, Vec<Diagnostic>);
    let made: Vec<Made> = drafts
        .par_iter()
        .map(|(file, draft)| match kept_now.reuse(&file.path, draft, same_entities, directory, links) {
            Reused::Article(article) => (article, None, Vec::new()),
            Reused::Body(body) => (Arc::clone(&body.article), Some(body), Vec::new()),
            Reused::Nothing => {
                // Feeds show the summary with its links absolute.
                let page = links.base_url.page(&Route::Article(&draft.slug));
                let links = links.naming(draft.names());
                let recorded = Recorded::new(&links);
                let text = draft.parsed.body.clone();
                let rendered = markdown::render(&file.path, &file.text, text, &recorded, Some(&page));
                let (html, found) = Faulty::parts(rendered);
                let body = Body::new(draft, recorded.take(), Arc::new(html), directory);
                let keep = kept_now.keeps_bodies() && found.is_empty();
                (Arc::clone(&body.article), keep.then_some(body), found)
            }
        })
        .collect();
    let mut articles = Vec::with_capacity(made.len());
    for ((file, _), (article, body, found)) in drafts.iter().zip(made) {
        articles.push(article);
        if let Some(body) = body {
            kept.keep_body(file.path.clone(), body);
        }
        faults.extend(found);
    }
    articles.par_sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    articles
}

/// Links every entity to the articles, rumours and sagas that name it, and scores every
/// source; returns the sagas. With the sagas and judgements of `previous` when it is
/// given, a site whose articles make the same claims.
fn relate(
    articles: &[Arc<Article>],
    players: &mut [Player],
    clubs: &mut [Club],
    sources: &mut [Source],
    index: &Index,
    previous: Option<&Site>,
) -> Arc<[Saga]> {
    let at = |kind: Kind, slug: &Slug| index[kind as usize][slug];

    // Articles are newest first; claims are given oldest article first, and an article's
    // rumours in the order it gives them: sagas order them by claim date, then so.
    let claims: Vec<Claim<'_>> = articles
        .iter()
        .enumerate()
        .rev()
        .flat_map(|(a, article)| {
            article.rumours.iter().enumerate().map(move |(r, rumour)| Claim {
                player: &rumour.player,
                from: rumour.from.as_ref(),
                to: &rumour.to,
                status: rumour.status,
                deal: rumour.deal,
                date: rumour.date,
                at: (a, r),
            })
        })
        .collect();
    // The sagas take the longest; the lists of each kind of entity are made meanwhile,
    // the kinds side by side, and the sources judged while the sagas are filed: of
    // 10,000 articles, an update after a rumour's status changes took 25.2 ms this way
    // and 28.0 ms one step after another (criterion; the figures of two builds of the
    // same code, measured one after the other).
    let players_lists = || {
        for (a, article) in articles.iter().enumerate() {
            for slug in &article.players {
                players[at(Kind::Player, slug)].articles.push(a);
            }
        }
        let moved = saga::current_clubs(&claims);
        for player in players.iter_mut() {
            let club = moved.get(&player.slug).map(|club| (*club).clone());
            player.club = club.or_else(|| player.profile.as_ref().and_then(|p| p.club.clone()));
        }
    };
    let clubs_lists = || {
        for (a, article) in articles.iter().enumerate() {
            for slug in &article.clubs {
                clubs[at(Kind::Club, slug)].articles.push(a);
            }
        }
    };
    let sources_lists = || {
        for (a, article) in articles.iter().enumerate() {
            for slug in &article.sources {
                sources[at(Kind::Source, slug)].articles.push(a);
            }
        }
    };
    let (sagas, ((), ((), ()))) = rayon::join(
        || match previous {
            Some(previous) => previous.sagas.clone(),
            None => saga::sagas(&claims).into(),
        },
        || rayon::join(players_lists, || rayon::join(clubs_lists, sources_lists)),
    );
    let (judged, ()) = rayon::join(
        || -> BTreeMap<&Slug, Vec<Judgement>> {
            match previous {
                Some(previous) => (previous.sources.iter())
                    .filter(|source| !source.judgements.is_empty())
                    .map(|source| (&source.slug, source.judgements.clone()))
                    .collect(),
                None => record::judge(
                    &sagas,
                    |a, r| articles[a].rumours[r].sources.iter().map(|cited| &cited.source),
                    |a, r| articles[a].rumours[r].status,
                ),
            }
        },
        || {
            for (s, saga) in sagas.iter().enumerate() {
                players[at(Kind::Player, &saga.player)].sagas.push(s);
                clubs[at(Kind::Club, &saga.to)].sagas_in.push(s);
                if let Some(from) = saga.from.as_ref().filter(|from| **from != saga.to) {
                    clubs[at(Kind::Club, from)].sagas_out.push(s);
                }
            }
        },
    );
    for (slug, judgements) in judged {
        let source = &mut sources[at(Kind::Source, slug)];
        judgements.iter().for_each(|j| source.record.add(j.verdict));
        source.judgements = judgements;
    }
    sagas
}

/// The standalone pages, by slug, and their aliases.
fn pages<'f>(
    files: &'f [TextFile],
    settings: &Settings,
    links: &Links<'_>,
    problems: &mut Diagnostics,
    faults: &mut Diagnostics,
) -> (Vec<Page>, Vec<Alias<'f>>) {
    let mut pages = Vec::new();
    let mut aliases = Vec::new();
    for file in files {
        let Some((parsed, slug)) = profile::parse_named::<RawPage>(file, problems) else {
            continue;
        };
        if RESERVED.contains(&slug.as_str()) {
            problems.push(
                Diagnostic::at(&file.path, &file.text, 0..0, format!("a page cannot be called `{slug}`"))
                    .with_help(format!(
                        "rename the file; these names belong to the site: {}",
                        RESERVED.join(", ")
                    )),
            );
            continue;
        }
        if parsed.front.draft && !settings.drafts {
            continue;
        }
        let mut found = Vec::new();
        let paths = alias::check(file, &parsed, &parsed.front.aliases, &mut found);
        problems.extend(found);
        aliases.extend(paths.into_iter().map(|path| Alias { file, path, to: Redirect::Page(slug.clone()) }));
        let RawPage { title, description, draft: _, aliases: _ } = parsed.front;
        let (html, found) = Faulty::parts(markdown::render(&file.path, &file.text, parsed.body, links, None));
        faults.extend(found);
        pages.push(Page { slug, title, description, content_html: html.content, links: html.links });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    (pages, aliases)
}

/// Every entity of one kind, A to Z by name, each with its profile when it has one.
fn entities<P, T>(
    registry: &Registry,
    mut profiles: HashMap<Slug, P>,
    make: impl Fn(Slug, String, Option<P>) -> T,
) -> Vec<T> {
    let mut entries: Vec<&Entry> = registry.entries().iter().collect();
    entries.sort_by_cached_key(|entry| (Slug::new(&entry.name), entry.slug.clone()));
    entries
        .into_iter()
        .map(|entry| make(entry.slug.clone(), entry.name.clone(), profiles.remove(&entry.slug)))
        .collect()
}

/// Every tag, A to Z, with its articles; a tag is named as its first article writes it.
fn tags(articles: &[Arc<Article>]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    let mut index: HashMap<Slug, usize> = HashMap::default();
    for (a, article) in articles.iter().enumerate().rev() {
        for (slug, name) in &article.tags {
            let i = *index.entry(slug.clone()).or_insert_with(|| {
                tags.push(Tag { slug: slug.clone(), name: name.clone(), articles: Vec::new() });
                tags.len() - 1
            });
            tags[i].articles.push(a);
        }
    }
    for tag in &mut tags {
        tag.articles.reverse();
    }
    tags.sort_by(|a, b| a.slug.cmp(&b.slug));
    tags
}
