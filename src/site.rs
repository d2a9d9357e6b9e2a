//! Stage 2, model: from the files as loaded to the site as it will be shown. Pure: it
//! reads no disk and knows no clock but the `now` it is given.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::article::{Article, Draft, RawArticle};
use crate::club::{Club, ClubProfile, RawClub};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, nearest};
use crate::entity::{Directory, Entry, Kind, Registry};
use crate::frontmatter;
use crate::load::{SourceFile, Sources};
use crate::markdown::{self, Resolve, WrittenLink};
use crate::page::{Page, RESERVED, RawPage};
use crate::player::{Player, Profile, RawPlayer};
use crate::profile;
use crate::record::{self, Judgement, Record};
use crate::rumour::Deal;
use crate::saga::{self, Claim, Saga};
use crate::slug::Slug;
use crate::source::{RawSource, Source, SourceProfile};
use crate::tag::Tag;
use crate::url::{BaseUrl, Route};
use crate::view::Cards;

/// Which articles a build takes, and the base URL given on the command line.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Stands in for the config's `base_url`.
    pub(crate) base_url: Option<BaseUrl>,
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
    pub(crate) config: Config,
    /// The articles, newest first: by date, then by slug.
    pub(crate) articles: Vec<Arc<Article>>,
    /// The players, clubs and sources, each A to Z.
    pub(crate) players: Vec<Player>,
    pub(crate) clubs: Vec<Club>,
    pub(crate) sources: Vec<Source>,
    /// The sagas, newest first; shared with the next model while they hold.
    pub(crate) sagas: Arc<[Saga]>,
    /// The tags, A to Z.
    pub(crate) tags: Vec<Tag>,
    /// The standalone pages, by slug.
    pub(crate) pages: Vec<Page>,
    /// Every name content uses, for `check` to warn of those without a profile.
    directory: Directory,
    /// Where each entity stands in its list, one map per kind: players, clubs, sources.
    index: [HashMap<Slug, usize>; 3],
    /// Where each article stands in the list of articles.
    article_index: HashMap<Slug, usize>,
    /// Each article's card, made the first time a page shows it.
    pub(crate) cards: Cards,
}

/// What the model keeps of each article file from one build to the next, so that an
/// update parses and renders only the files that changed.
#[derive(Debug, Default)]
pub(crate) struct ParsedFiles {
    /// Whether updates will follow, for which what is parsed is kept; a build keeps
    /// nothing, and frees each body's record as soon as its article is made.
    for_updates: bool,
    /// Each file's front matter, checked.
    drafts: HashMap<PathBuf, Arc<Draft>>,
    /// Each file's body, rendered.
    bodies: HashMap<PathBuf, Body>,
    /// Every entity that the last model's names resolved to, of each kind: while the
    /// profiles and these stay the same, every name and wikilink resolves as it did, and
    /// no kept article needs checking. Skipping that check took an update of 10,000
    /// articles from 36 ms to 21 ms (criterion, side by side).
    entities: Option<Entities>,
}

/// Each entity of each kind, by slug and name, and whether a profile describes it.
type Entities = [Vec<(Slug, String, bool)>; 3];

impl ParsedFiles {
    /// Nothing parsed yet, and what will be is kept for the updates to come.
    pub(crate) fn for_updates() -> Self {
        Self { for_updates: true, ..Self::default() }
    }

    /// Forgets what was parsed of the file at `path`, or of every file below the folder
    /// at `path`, which changed.
    pub(crate) fn forget(&mut self, path: &Path) {
        let file = (self.drafts.remove(path), self.bodies.remove(path));
        if matches!(file, (None, None)) {
            self.drafts.retain(|file, _| !file.starts_with(path));
            self.bodies.retain(|file, _| !file.starts_with(path));
        }
    }

    /// Forgets how names resolved: a profile changed, and with it the names it gives.
    pub(crate) fn forget_entities(&mut self) {
        self.entities = None;
    }

    /// Forgets every file: what they mean depends on `config.toml`, which changed.
    pub(crate) fn clear(&mut self) {
        *self = Self::for_updates();
    }
}

/// An article made, with its body as newly rendered, by the file's path, when it was.
type Finished = (Arc<Article>, Option<(PathBuf, Body)>);

/// An article's body as rendered, and what it was rendered with: the slug of its page,
/// against which its summary's links resolve, and the URL each of its wikilinks led to;
/// and the article made of it, with the slug each name of its front matter resolved to.
#[derive(Debug)]
struct Body {
    slug: Slug,
    wikilinks: Vec<(String, String)>,
    html: Arc<markdown::Html>,
    names: Vec<Slug>,
    article: Arc<Article>,
}

impl Body {
    fn new(
        draft: &Draft,
        wikilinks: Vec<(String, String)>,
        html: Arc<markdown::Html>,
        directory: &Directory,
    ) -> Self {
        let article = Arc::new(draft.finish(directory, html.clone()));
        let names = draft.names().map(|(kind, name)| directory.registry(kind).slug(name)).collect();
        Self { slug: draft.slug.clone(), wikilinks, html, names, article }
    }

    /// The same body, made into the article `draft` now is.
    fn finish(&self, draft: &Draft, directory: &Directory) -> Self {
        Self::new(draft, self.wikilinks.clone(), self.html.clone(), directory)
    }

    /// Whether each name of `draft` resolves in `directory` to the entity it did when
    /// the article was made: then the article is as it was.
    fn names_resolve(&self, draft: &Draft, directory: &Directory) -> bool {
        draft.names().count() == self.names.len()
            && draft.names().zip(&self.names).all(|((kind, name), slug)| {
                directory.registry(kind).find(name).is_some_and(|entry| entry.slug == *slug)
            })
    }

    /// Whether rendering the body for the page at `slug` now would give the same HTML.
    fn holds(&self, slug: &Slug, links: &Links<'_>) -> bool {
        self.slug == *slug
            && self.wikilinks.iter().all(|(target, url)| links.resolve(target).as_ref() == Ok(url))
    }
}

/// Resolves wikilinks through `links`, noting each one that leads somewhere.
struct Recorded<'a> {
    links: &'a Links<'a>,
    wikilinks: RefCell<Vec<(String, String)>>,
}

impl Resolve for Recorded<'_> {
    fn resolve(&self, target: &str) -> Result<String, (String, String)> {
        let url = self.links.resolve(target)?;
        self.wikilinks.borrow_mut().push((target.to_owned(), url.clone()));
        Ok(url)
    }
}

impl Site {
    /// Builds the model of the site, or reports every problem found on the way. What
    /// `parsed` holds of an article file is taken as it is, and what is parsed anew is
    /// added to it; the sagas and records of `previous`, the site as last modelled, are
    /// taken as they are while they hold.
    pub(crate) fn build(
        sources: &Sources,
        parsed: &mut ParsedFiles,
        settings: &Settings,
        previous: Option<&Site>,
    ) -> Result<Self, Diagnostics> {
        let mut problems = Diagnostics::default();
        let config = match &sources.config {
            Some(file) => Config::parse(file, settings.base_url.as_ref()),
            None => Err(Diagnostic::in_file(Path::new(CONFIG_FILE), "the site has no config.toml")
                .with_help("create config.toml with `title` and `base_url`")
                .into()),
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

        let drafts = check_articles(&sources.articles, parsed, zone, settings, &mut problems);
        let mut directory = Directory::new();
        let players = profile::load::<RawPlayer>(&sources.players, &mut directory.players, &mut problems);
        let clubs = profile::load::<RawClub>(&sources.clubs, &mut directory.clubs, &mut problems);
        let source_profiles =
            profile::load::<RawSource>(&sources.sources, &mut directory.sources, &mut problems);
        for player in &players {
            if let Some(club) = &player.parsed.front.club {
                directory.clubs.find_or_add(club, || {
                    mention(player.file, player.parsed.front_range.clone(), club, None)
                });
            }
        }
        // Each name in the articles' order.
        for (file, draft) in &drafts {
            for (kind, name) in draft.names() {
                let front = draft.parsed.front_range.clone();
                directory.registry_mut(kind).find_or_add(name, || mention(file, front, name, Some(kind)));
            }
        }
        for (file, draft) in &drafts {
            problems.extend(moves_nowhere(file, draft, &directory));
        }
        let links = Links { directory: &directory, base_url };

        let resolved: Entities = Kind::ALL.map(|kind| {
            let entries = directory.registry(kind).entries();
            entries.iter().map(|e| (e.slug.clone(), e.name.clone(), e.has_profile)).collect()
        });
        let resolve_as_before = parsed.entities.as_ref() == Some(&resolved);
        parsed.entities = Some(resolved);
        let (bodies, keep) = (&parsed.bodies, parsed.for_updates);
        let rendered: Vec<Result<Finished, Vec<Diagnostic>>> = drafts
            .par_iter()
            .map(|(file, draft)| {
                let kept = bodies
                    .get(&file.path)
                    .filter(|body| resolve_as_before || body.holds(&draft.slug, &links));
                match kept {
                    Some(body) if resolve_as_before || body.names_resolve(draft, &directory) => {
                        return Ok((body.article.clone(), None));
                    }
                    Some(body) => {
                        let body = body.finish(draft, &directory);
                        return Ok((body.article.clone(), Some((file.path.clone(), body))));
                    }
                    None => {}
                }
                // Feeds show the summary with its links absolute.
                let page = base_url.page(&Route::Article(&draft.slug));
                let recorded = Recorded { links: &links, wikilinks: RefCell::default() };
                let text = draft.parsed.body.clone();
                let html = Arc::new(markdown::render(&file.path, &file.text, text, &recorded, Some(&page))?);
                let body = Body::new(draft, recorded.wikilinks.take(), html, &directory);
                Ok((body.article.clone(), keep.then(|| (file.path.clone(), body))))
            })
            .collect();
        let players: Vec<_> =
            players.into_par_iter().map(|p| Profile::from_file(p, &directory.clubs, zone, &links)).collect();
        let clubs: Vec<_> = clubs.into_par_iter().map(|c| ClubProfile::from_file(c, &links)).collect();
        let source_profiles: Vec<_> =
            source_profiles.into_par_iter().map(|s| SourceProfile::from_file(s, &links)).collect();
        let mut articles = Vec::with_capacity(rendered.len());
        for (article, body) in collect(rendered, &mut problems) {
            articles.push(article);
            parsed.bodies.extend(body);
        }
        articles.par_sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

        let players: HashMap<Slug, Profile> = collect(players, &mut problems).into_iter().collect();
        let clubs: HashMap<Slug, ClubProfile> = collect(clubs, &mut problems).into_iter().collect();
        let source_profiles: HashMap<Slug, SourceProfile> =
            collect(source_profiles, &mut problems).into_iter().collect();
        let pages = pages(&sources.pages, settings, &links, &mut problems);

        if !problems.is_empty() {
            // Near misses fail `check`, not a build: here they are only warnings.
            problems.extend(unprofiled(&directory).into_iter().map(Diagnostic::warning));
            return Err(problems.sorted());
        }
        // A missing or broken config always leaves a problem behind.
        let config = config.ok_or_else(Diagnostics::default)?;
        let mut site = Self {
            config,
            players: entities(&directory.players, players, |slug, name, profile| Player {
                slug,
                name,
                profile,
                articles: Vec::new(),
                timeline: Vec::new(),
                sagas: Vec::new(),
                club: None,
            }),
            clubs: entities(&directory.clubs, clubs, |slug, name, profile| Club {
                slug,
                name,
                profile,
                articles: Vec::new(),
                sagas_in: Vec::new(),
                sagas_out: Vec::new(),
            }),
            sources: entities(&directory.sources, source_profiles, |slug, name, profile| Source {
                slug,
                name,
                profile,
                articles: Vec::new(),
                judgements: Vec::new(),
                record: Record::default(),
            }),
            tags: tags(&articles),
            articles,
            sagas: Arc::default(),
            pages,
            directory,
            index: Default::default(),
            article_index: HashMap::default(),
            cards: Cards::default(),
        };
        site.index = site.build_index();
        site.article_index = site.articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();
        site.relate(previous.filter(|previous| same_claims(&previous.articles, &site.articles)));
        site.cards = Cards::new(&site);
        Ok(site)
    }

    /// Every name that no profile describes: an error where it is near a profiled name,
    /// which `check` fails on, and a warning otherwise.
    pub(crate) fn unprofiled(&self) -> Diagnostics {
        unprofiled(&self.directory)
    }

    /// Every link the site's Markdown writes, with where it is written.
    pub(crate) fn written_links(&self) -> impl Iterator<Item = &WrittenLink> {
        let articles = self.articles.iter().flat_map(|a| a.links());
        let pages = self.pages.iter().flat_map(|p| &p.links);
        let players = self.players.iter().filter_map(|p| p.profile.as_ref()).flat_map(|p| &p.links);
        let clubs = self.clubs.iter().filter_map(|c| c.profile.as_ref()).flat_map(|p| &p.links);
        let sources = self.sources.iter().filter_map(|s| s.profile.as_ref()).flat_map(|p| &p.links);
        articles.chain(pages).chain(players).chain(clubs).chain(sources)
    }

    /// The name of the profiled entity of `kind` that `name` means, by name or alias;
    /// else the nearest profiled name, if one is near enough to be a likely typo.
    pub(crate) fn profiled(&self, kind: Kind, name: &str) -> Result<&str, Option<&str>> {
        let registry = self.directory.registry(kind);
        match registry.find(name).filter(|entry| entry.has_profile) {
            Some(entry) => Ok(&entry.name),
            None => {
                let profiled = registry.entries().iter().filter(|e| e.has_profile).map(|e| e.name.as_str());
                Err(nearest(name, profiled))
            }
        }
    }

    /// Where the entity with this slug stands in its list.
    pub(crate) fn position(&self, kind: Kind, slug: &Slug) -> Option<usize> {
        self.index[kind as usize].get(slug).copied()
    }

    /// Where the article with this slug stands in the list of articles.
    pub(crate) fn article_position(&self, slug: &Slug) -> Option<usize> {
        self.article_index.get(slug).copied()
    }

    /// Where the page with this slug stands in the list of pages, which is sorted by slug.
    pub(crate) fn page_position(&self, slug: &Slug) -> Option<usize> {
        self.pages.binary_search_by(|page| page.slug.cmp(slug)).ok()
    }

    /// Where the tag with this slug stands in the list of tags, which is sorted by slug.
    pub(crate) fn tag_position(&self, slug: &Slug) -> Option<usize> {
        self.tags.binary_search_by(|tag| tag.slug.cmp(slug)).ok()
    }

    fn build_index(&self) -> [HashMap<Slug, usize>; 3] {
        fn positions<'a>(slugs: impl Iterator<Item = &'a Slug>) -> HashMap<Slug, usize> {
            slugs.enumerate().map(|(i, slug)| (slug.clone(), i)).collect()
        }
        [
            positions(self.players.iter().map(|p| &p.slug)),
            positions(self.clubs.iter().map(|c| &c.slug)),
            positions(self.sources.iter().map(|s| &s.slug)),
        ]
    }

    /// Links every entity to the articles, rumours and sagas that name it, and scores
    /// every source: with the sagas and judgements of `previous` when it is given, a
    /// site whose articles make the same claims.
    fn relate(&mut self, previous: Option<&Site>) {
        let index = std::mem::take(&mut self.index);
        let at = |kind: Kind, slug: &Slug| index[kind as usize][slug];
        let Self { articles, players, clubs, sources, .. } = self;

        // Articles are newest first; claims and timelines read oldest first, and an
        // article's rumours in the order it gives them.
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
                    date: article.date,
                    at: (a, r),
                })
            })
            .collect();
        // The sagas take the longest; the lists of each kind of entity are made meanwhile,
        // the kinds side by side, and the sources judged while the sagas are filed: of
        // 10,000 articles, an update after a rumour's status changes takes 28 ms this way
        // and 32 ms one step after another, after a body edit 18 ms and 20 ms (criterion,
        // side by side, medians of two runs).
        let players_lists = || {
            for (a, article) in articles.iter().enumerate() {
                for slug in &article.players {
                    players[at(Kind::Player, slug)].articles.push(a);
                }
            }
            for claim in &claims {
                players[at(Kind::Player, claim.player)].timeline.push(claim.at);
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
                        |a, r| &articles[a].rumours[r].sources,
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
        self.sagas = sagas;
        self.index = index;
    }
}

/// Whether the articles `was` and `is` make the same claims, from which the same sagas
/// and records follow: each article stands where it stood, with the same slug, date and
/// rumours, as after an edit to a body. Taking the sagas and records of the site before
/// then took an update after a body edit of 10,000 articles from 26 ms to 19 ms
/// (criterion, side by side, medians of four runs).
fn same_claims(was: &[Arc<Article>], is: &[Arc<Article>]) -> bool {
    was.len() == is.len()
        && was.iter().zip(is).all(|(was, is)| {
            Arc::ptr_eq(was, is) || (was.slug == is.slug && was.date == is.date && was.rumours == is.rumours)
        })
}

/// The values of `results`, reporting the problems of the rest.
fn collect<T>(results: Vec<Result<T, Vec<Diagnostic>>>, problems: &mut Diagnostics) -> Vec<T> {
    let mut values = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(errors) => problems.extend(errors),
        }
    }
    values
}

/// Where `name` first stands as a value in a file's front matter, for `check` to point
/// at: quoted if it is quoted anywhere, else on a line that is not prose such as a title.
fn mention(file: &SourceFile, front: std::ops::Range<usize>, name: &str, kind: Option<Kind>) -> Diagnostic {
    let text = &file.text[front.clone()];
    // The keys that name an entity of the kind, where the name is looked for first.
    let keys: &[&str] = match kind {
        Some(Kind::Player) => &["player"],
        Some(Kind::Club) => &["club", "from", "to"],
        Some(Kind::Source) => &["sources"],
        None => &[],
    };
    fn key(line: &str) -> &str {
        line.trim_start().trim_start_matches("- ")
    }
    // The offset in `text` of the name on the first line where `find` finds it.
    let first = |find: &dyn Fn(&str) -> Option<usize>| {
        let mut offset = 0;
        text.split_inclusive('\n').find_map(|line| {
            let found = find(line).map(|i| offset + i);
            offset += line.len();
            found
        })
    };
    let quoted =
        |line: &str| ['"', '\''].into_iter().find_map(|q| line.find(&format!("{q}{name}{q}")).map(|i| i + 1));
    let keyed = |line: &str| keys.iter().any(|k| key(line).starts_with(k));
    let prose = |line: &str| ["title", "summary", "slug", "author"].iter().any(|k| key(line).starts_with(k));
    let start = first(&|line| quoted(line).filter(|_| keyed(line)))
        .or_else(|| first(&quoted))
        .or_else(|| first(&|line| line.find(name).filter(|_| !prose(line))))
        .map_or(front.start, |i| front.start + i);
    Diagnostic::at(&file.path, &file.text, start..start + name.len(), "")
}

/// A problem for each rumour of `draft` whose `from` and `to` are one club, other than
/// an extension of a contract.
fn moves_nowhere(file: &SourceFile, draft: &Draft, directory: &Directory) -> Vec<Diagnostic> {
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

/// Parses and checks every article, keeping those this build takes, in path order.
/// What `parsed` holds of a file is taken as it is, and what is parsed anew added to it.
fn check_articles<'a>(
    files: &'a [SourceFile],
    parsed: &mut ParsedFiles,
    zone: chrono_tz::Tz,
    settings: &Settings,
    problems: &mut Diagnostics,
) -> Vec<(&'a SourceFile, Arc<Draft>)> {
    let known = &parsed.drafts;
    let checked: Vec<_> = files
        .par_iter()
        .map(|file| {
            if let Some(draft) = known.get(&file.path) {
                return Ok(((file, draft.clone(), false), Vec::new()));
            }
            // An article with wrong values is kept as far as it parsed, so that its body
            // is checked and the names it gives are known: one build reports everything.
            let (front, mut found) = frontmatter::parse::<RawArticle>(file)?;
            match Draft::new(file, front, zone) {
                Ok(draft) => Ok(((file, Arc::new(draft), found.is_empty()), found)),
                Err(more) => {
                    found.extend(more);
                    Err(found)
                }
            }
        })
        .collect();
    let checked: Vec<_> = collect(checked, problems)
        .into_iter()
        .map(|(checked, found)| {
            problems.extend(found);
            checked
        })
        .collect();
    let now = settings.now;
    let mut kept: Vec<(&SourceFile, Arc<Draft>)> = Vec::with_capacity(checked.len());
    let mut slugs: HashMap<&Slug, &Path> = HashMap::default();
    // What is parsed anew is kept for the next update, when it parsed whole.
    for (file, draft, whole) in &checked {
        if *whole && parsed.for_updates {
            parsed.drafts.insert(file.path.clone(), draft.clone());
        }
        if (draft.is_draft() && !settings.drafts) || (draft.date.as_datetime() > now && !settings.future) {
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
        kept.push((file, draft.clone()));
    }
    kept
}

fn pages(
    files: &[SourceFile],
    settings: &Settings,
    links: &Links<'_>,
    problems: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages = Vec::new();
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
        let RawPage { title, description, draft } = parsed.front;
        if draft && !settings.drafts {
            continue;
        }
        match markdown::render(&file.path, &file.text, parsed.body, links, None) {
            Ok(html) => {
                pages.push(Page { slug, title, description, content_html: html.content, links: html.links })
            }
            Err(errors) => problems.extend(errors),
        }
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages
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

/// A warning for every name content uses that no profile describes, with the nearest
/// known name, so that a typo does not split one entity in two. A name near one that has
/// a profile is likely that entity misspelt, and is an error for `check`.
fn unprofiled(directory: &Directory) -> Diagnostics {
    let mut found = Diagnostics::default();
    for kind in Kind::ALL {
        let registry = directory.registry(kind);
        let entries = registry.entries();
        let near = near_names(entries);
        let problems: Vec<Diagnostic> = entries
            .par_iter()
            .zip(near)
            .filter_map(|(entry, near)| {
                let mention = entry.first_mention.as_ref()?;
                let near_miss = near.is_some_and(|near| registry.find(near).is_some_and(|e| e.has_profile));
                let (message, help) = match near {
                    Some(near) if near_miss => (
                        format!(
                            "the {kind} `{}` has no profile, but is close to `{near}`, which has",
                            entry.name
                        ),
                        format!("write `{near}`, or give `{}` a profile or make it an alias", entry.name),
                    ),
                    Some(near) => (
                        format!("no profile for the {kind} `{}`", entry.name),
                        format!("did you mean `{near}`?"),
                    ),
                    None => (
                        format!("no profile for the {kind} `{}`", entry.name),
                        format!("describe it in content/{}/{}.md", kind.folder(), entry.slug),
                    ),
                };
                let problem = mention.clone().with_message(message).with_help(help);
                Some(if near_miss { problem } else { problem.warning() })
            })
            .collect();
        found.extend(problems);
    }
    found.sorted()
}

/// For each entry, the nearest other name that is likely the same entity misspelt. A typo
/// leaves most of a name alike, so it sorts near the right name either by the name or by
/// the name read backwards; only those neighbours are compared, not every pair.
fn near_names(entries: &[Entry]) -> Vec<Option<&str>> {
    const WINDOW: usize = 6;
    let keys: Vec<String> = entries.iter().map(|e| e.slug.as_str().to_owned()).collect();
    let mut forwards: Vec<usize> = (0..entries.len()).collect();
    forwards.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let reversed: Vec<String> = keys.iter().map(|key| key.chars().rev().collect()).collect();
    let mut backwards: Vec<usize> = (0..entries.len()).collect();
    backwards.sort_by(|&a, &b| reversed[a].cmp(&reversed[b]));
    let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for order in [&forwards, &backwards] {
        for (position, &entry) in order.iter().enumerate() {
            let around = position.saturating_sub(WINDOW)..(position + WINDOW + 1).min(order.len());
            candidates[entry].extend(order[around].iter().filter(|&&other| other != entry));
        }
    }
    candidates
        .into_par_iter()
        .enumerate()
        .map(|(entry, others)| {
            nearest(&entries[entry].name, others.iter().map(|&other| entries[other].name.as_str()))
        })
        .collect()
}

/// Resolves `[[wikilinks]]` to the pages of players, clubs and sources.
struct Links<'a> {
    directory: &'a Directory,
    base_url: &'a BaseUrl,
}

impl Resolve for Links<'_> {
    fn resolve(&self, target: &str) -> Result<String, (String, String)> {
        let (kind, entry) = self.directory.resolve(target)?;
        let route = match kind {
            Kind::Player => Route::Player(&entry.slug),
            Kind::Club => Route::Club(&entry.slug),
            Kind::Source => Route::Source(&entry.slug),
        };
        Ok(self.base_url.link(&route))
    }
}
