//! The modelled site held in memory: the files as read, what is kept of each, the site
//! made of them and its templates. `serve` keeps one and updates it from the files that
//! change, to the same site a fresh build makes; a build models the site
//! [`once`](crate::model::once) instead.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{self, Part, SiteFiles, StaticFile};
use crate::model::model;
use crate::render;
use crate::reuse::Kept;
use crate::site::{Settings, Site};
use crate::theme::Theme;
use crate::view::{Cards, Shown};

/// A site read, modelled, and its templates compiled.
#[derive(Debug)]
pub(crate) struct Live {
    root: PathBuf,
    settings: Settings,
    files: SiteFiles,
    kept: Kept,
    pub(crate) site: Site,
    /// The cards of `site`'s pages, made as pages ask for them.
    cards: Cards,
    pub(crate) theme: Theme,
}

impl Live {
    /// Models the site at `root`, whose files are `files`.
    pub(crate) fn new(root: &Path, files: SiteFiles, settings: Settings) -> Result<Self, Diagnostics> {
        let mut kept = Kept::for_updates();
        let site = model(&files, &mut kept, &settings, None).map_err(Diagnostics::from);
        let (site, theme) = Diagnostics::both(site, Theme::new(&files.templates))?;
        let cards = Cards::new(&site);
        Ok(Self { root: root.to_path_buf(), settings, files, kept, site, cards, theme })
    }

    /// Reads again the files and folders at `paths`, each changed, added or removed, and
    /// models the site anew, parsing only what changed. On an error the site and its
    /// templates stay as they were, and the next update starts from the files as they are.
    pub(crate) fn update(&mut self, paths: &[PathBuf]) -> Result<(), Error> {
        let mut templates = false;
        for path in paths {
            let path = path.strip_prefix(&self.root).unwrap_or(path);
            match Part::of(path) {
                Part::Other => continue,
                Part::Config => self.kept.clear(),
                Part::Articles => self.kept.forget(path),
                Part::Templates => templates = true,
                Part::Profiles => self.kept.forget_entities(),
                Part::Static => {}
            }
            self.files.reload(&self.root, path)?;
        }
        let theme = templates.then(|| Theme::new(&self.files.templates));
        let site =
            model(&self.files, &mut self.kept, &self.settings, Some(&self.site)).map_err(Diagnostics::from);
        match theme {
            Some(theme) => (self.site, self.theme) = Diagnostics::both(site, theme)?,
            None => self.site = site?,
        }
        self.cards = Cards::new(&self.site);
        Ok(())
    }

    /// The file at `path` in the output folder, rendered on its own; `None` where the site
    /// has none.
    pub(crate) fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        let route = render::route_at(&self.site, path)?;
        Some(render::render_page(&Shown::new(&self.site, &self.cards), &self.theme, &route))
    }

    /// The files of `static/`, copied as they are.
    pub(crate) fn statics(&self) -> &[StaticFile] {
        &self.files.statics
    }
}

/// Reads and models the site at `root`.
pub(crate) fn load(root: &Path, settings: Settings) -> Result<Live, Error> {
    Ok(Live::new(root, load::load(root)?, settings)?)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::render::{render_page, route_at, routes};

    /// Each player's profile slug, name and the aliases it may be given.
    const PLAYERS: [(&str, &str, [&str; 2]); 3] = [
        ("jonas-penalver", "Jonás Peñalver", ["Peñita", "El Nueve"]),
        ("marco-rossi", "Marco Rossi", ["Il Lupo", "Rossi Jr"]),
        ("tom-ode", "Tom Ode", ["Odie", "Tommy"]),
    ];
    /// How articles write players: names, aliases, and names no profile has.
    const PLAYER_NAMES: [&str; 8] =
        ["Jonás Peñalver", "Peñita", "Marco Rossi", "Il Lupo", "Rossi Jr", "Tom Ode", "Tommy", "Ali Ibáñez"];
    const CLUBS: [&str; 5] = ["Real Madrid", "Madrid", "Santos FC", "Benfica", "Chelsea"];
    /// Which club each of [`CLUBS`] is: the first two name one club.
    const CLUB_OF: [usize; 5] = [0, 0, 2, 3, 4];
    const SOURCES: [&str; 3] = ["Transfer Oracle", "Daily Gossip", "The Wire"];
    const STATUSES: [&str; 8] = ["rumour", "interest", "talks", "bid", "agreed", "medical", "done", "off"];

    #[derive(Debug, Clone)]
    struct RumourSpec {
        player: usize,
        from: Option<usize>,
        to: usize,
        status: usize,
        sources: Vec<usize>,
        /// How many days before the article the claim was made, when it says.
        claimed: Option<u32>,
        /// The outlet the first source was read in, with a link to its report.
        relay: Option<usize>,
        /// A fee in numbers: millions, and whether in pounds (with add-ons) or euros.
        fee: Option<(u32, bool)>,
    }

    #[derive(Debug, Clone)]
    struct ArticleSpec {
        title: String,
        day: u32,
        body: String,
        /// A wikilink to the player of the article's first rumour, under the name it uses.
        wikilink: bool,
        players: Vec<usize>,
        rumours: Vec<RumourSpec>,
        /// Its updates: each an hour of its day and whether it is a correction.
        updates: Vec<(u32, bool)>,
        /// Which of its old paths it keeps as an alias, if any.
        alias: Option<usize>,
    }

    #[derive(Debug, Clone)]
    enum Edit {
        /// A change to the article picked by the number.
        Article(usize, Change),
        Add(ArticleSpec),
        Delete(usize),
        Profile(usize),
        Alias(usize, usize),
        /// Which of [`WINDOWS`] `config.toml` gives.
        Windows(usize),
        /// The league of Real Madrid's profile: one with windows, one without, or none.
        League(Option<bool>),
        /// A player's contract, to a day of 2025, or none.
        Contract(usize, Option<u32>),
    }

    /// The windows `config.toml` may give: none, one, or two of two leagues.
    const WINDOWS: [&str; 3] = [
        "",
        "\n[[windows]]\nleague = \"La Liga\"\nname = \"Winter\"\nopens = 2025-01-05\ncloses = 2025-01-20T23:00:00+01:00\n",
        "\n[[windows]]\nleague = \"La Liga\"\nname = \"Early\"\nopens = 2025-01-01\ncloses = 2025-01-10\n\n[[windows]]\nleague = \"Serie A\"\nname = \"Winter\"\nopens = 2025-01-01\ncloses = 2025-01-31\n",
    ];

    /// A change to one article; those to a rumour change its first, or its last.
    #[derive(Debug, Clone)]
    enum Change {
        Body(String),
        Title(String),
        Date(u32),
        AddRumour(RumourSpec),
        RemoveRumour,
        Status(usize),
        Destination(usize),
        Sources(Vec<usize>),
        ClaimDate(Option<u32>),
        Relay(Option<usize>),
        Updates(Vec<(u32, bool)>),
        Alias(Option<usize>),
        Fee(Option<(u32, bool)>),
    }

    fn rumour() -> impl Strategy<Value = RumourSpec> {
        (0..PLAYER_NAMES.len(), proptest::option::of(0..CLUBS.len()), 0..CLUBS.len(), 0..STATUSES.len())
            .prop_flat_map(|(player, from, to, status)| {
                (
                    proptest::collection::vec(0..SOURCES.len(), 0..3),
                    proptest::option::of(0..4u32),
                    proptest::option::of(0..SOURCES.len()),
                    fee(),
                )
                    .prop_map(move |(sources, claimed, relay, fee)| RumourSpec {
                        player,
                        from,
                        to,
                        status,
                        sources,
                        claimed,
                        relay,
                        fee,
                    })
            })
    }

    fn fee() -> impl Strategy<Value = Option<(u32, bool)>> {
        proptest::option::of((1..90u32, any::<bool>()))
    }

    fn article() -> impl Strategy<Value = ArticleSpec> {
        (
            "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,3}",
            1..28u32,
            "[a-z]{1,8}( [a-z]{1,8}){0,6}",
            any::<bool>(),
            proptest::collection::vec(0..PLAYER_NAMES.len(), 0..2),
            proptest::collection::vec(rumour(), 0..3),
            updates(),
            proptest::option::of(0..2usize),
        )
            .prop_map(|(title, day, body, wikilink, players, rumours, updates, alias)| ArticleSpec {
                title,
                day,
                body,
                wikilink,
                players,
                rumours,
                updates,
                alias,
            })
    }

    fn updates() -> impl Strategy<Value = Vec<(u32, bool)>> {
        proptest::collection::vec((1..24u32, any::<bool>()), 0..3)
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            "[a-z]{1,8}( [a-z]{1,8}){0,6}".prop_map(Change::Body),
            "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,3}".prop_map(Change::Title),
            (1..28u32).prop_map(Change::Date),
            rumour().prop_map(Change::AddRumour),
            Just(Change::RemoveRumour),
            (0..STATUSES.len()).prop_map(Change::Status),
            (0..CLUBS.len()).prop_map(Change::Destination),
            proptest::collection::vec(0..SOURCES.len(), 0..3).prop_map(Change::Sources),
            proptest::option::of(0..4u32).prop_map(Change::ClaimDate),
            proptest::option::of(0..SOURCES.len()).prop_map(Change::Relay),
            updates().prop_map(Change::Updates),
            proptest::option::of(0..2usize).prop_map(Change::Alias),
            fee().prop_map(Change::Fee),
        ]
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let at = 0..16usize;
        prop_oneof![
            // As many changes to an article as there are kinds of them, each as likely as
            // adding or deleting an article.
            13 => (at.clone(), change()).prop_map(|(a, change)| Edit::Article(a, change)),
            1 => article().prop_map(Edit::Add),
            1 => at.prop_map(Edit::Delete),
            1 => (0..PLAYERS.len()).prop_map(Edit::Profile),
            1 => (0..PLAYERS.len(), 0..4usize).prop_map(|(p, aliases)| Edit::Alias(p, aliases)),
            1 => (0..WINDOWS.len()).prop_map(Edit::Windows),
            1 => proptest::option::of(any::<bool>()).prop_map(Edit::League),
            1 => (0..PLAYERS.len(), proptest::option::of(1..365u32)).prop_map(|(p, day)| Edit::Contract(p, day)),
        ]
    }

    /// A small transfer blog on disk, whose files the test rewrites as it edits it.
    struct Blog {
        root: PathBuf,
        /// Every article ever written, by number; `None` once deleted.
        articles: Vec<Option<ArticleSpec>>,
        /// Each player's profile, if it has one, with which of its aliases it gives:
        /// none, the first, the second or both.
        profiles: [Option<usize>; 3],
        /// Each player's contract, as a day of 2025.
        contracts: [Option<u32>; 3],
    }

    impl Blog {
        fn new(root: &Path, articles: Vec<ArticleSpec>, profiles: [Option<usize>; 3]) -> Self {
            let write = |path: &str, text: &str| {
                let path = root.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            };
            write("config.toml", &Self::config(0));
            write("content/clubs/real-madrid.md", &Self::madrid(Some(true)));
            write(
                "content/clubs/santos.md",
                "+++\nname = \"Santos\"\naliases = [\"Santos FC\"]\n+++\nOf [[Real Madrid]]'s rivals, none.\n",
            );
            std::fs::create_dir_all(root.join("content/articles")).unwrap();
            std::fs::create_dir_all(root.join("content/players")).unwrap();
            write("content/sources/transfer-oracle.md", "+++\nname = \"Transfer Oracle\"\ntier = 2\n+++\n");
            let blog = Self {
                root: root.to_path_buf(),
                articles: articles.into_iter().map(Some).collect(),
                profiles,
                contracts: [None; 3],
            };
            for n in 0..blog.articles.len() {
                blog.write_article(n);
            }
            for p in 0..PLAYERS.len() {
                blog.write_profile(p);
            }
            blog
        }

        fn config(windows: usize) -> String {
            format!(
                "title = \"Mill\"\nbase_url = \"https://example.com/mill/\"\ntimezone = \"Europe/Madrid\"\npaginate_by = 3\n\n[rates]\nGBP = 1.17\n{}",
                WINDOWS[windows]
            )
        }

        /// Real Madrid's profile: in La Liga, which may have windows, in the Eredivisie,
        /// which has none, or in no league.
        fn madrid(league: Option<bool>) -> String {
            let league = match league {
                Some(true) => "league = \"La Liga\"\n",
                Some(false) => "league = \"Eredivisie\"\n",
                None => "",
            };
            format!("+++\nname = \"Real Madrid\"\naliases = [\"Madrid\"]\n{league}+++\n")
        }

        fn article_path(n: usize) -> PathBuf {
            PathBuf::from(format!("content/articles/2025-01-01-a{n}.md"))
        }

        fn write_article(&self, n: usize) -> PathBuf {
            let path = Self::article_path(n);
            let Some(spec) = &self.articles[n] else {
                let _ = std::fs::remove_file(self.root.join(&path));
                return path;
            };
            let quoted = |names: &mut dyn Iterator<Item = &str>| {
                names.map(|name| format!("\"{name}\"")).collect::<Vec<_>>().join(", ")
            };
            let mut text = format!("+++\ntitle = \"{}\"\ndate = 2025-01-{:02}\n", spec.title, spec.day);
            if let Some(k) = spec.alias {
                writeln!(text, "aliases = [\"/old/a{n}-{k}/\"]").unwrap();
            }
            let players = quoted(&mut spec.players.iter().map(|&p| PLAYER_NAMES[p]));
            writeln!(text, "players = [{players}]").unwrap();
            for rumour in &spec.rumours {
                writeln!(text, "\n[[rumours]]\nplayer = \"{}\"", PLAYER_NAMES[rumour.player]).unwrap();
                // A move from a club to itself is an error; such a rumour names no `from`.
                if let Some(from) = rumour.from.filter(|&from| CLUB_OF[from] != CLUB_OF[rumour.to]) {
                    writeln!(text, "from = \"{}\"", CLUBS[from]).unwrap();
                }
                writeln!(text, "to = \"{}\"\nstatus = \"{}\"", CLUBS[rumour.to], STATUSES[rumour.status])
                    .unwrap();
                if let Some(before) = rumour.claimed {
                    writeln!(text, "date = 2025-01-{:02}", spec.day.saturating_sub(before).max(1)).unwrap();
                }
                let mut sources: Vec<String> =
                    rumour.sources.iter().map(|&s| format!("\"{}\"", SOURCES[s])).collect();
                if let (Some(first), Some(relay)) = (rumour.sources.first(), rumour.relay) {
                    let via = match relay == *first {
                        true => String::new(),
                        false => format!(", via = \"{}\"", SOURCES[relay]),
                    };
                    sources[0] = format!(
                        "{{ name = \"{}\", url = \"https://example.com/r{relay}\"{via} }}",
                        SOURCES[*first]
                    );
                }
                writeln!(text, "sources = [{}]", sources.join(", ")).unwrap();
                match rumour.fee {
                    Some((millions, true)) => writeln!(
                        text,
                        "fee = {{ amount = {millions}_000_000, currency = \"GBP\", add_ons = 1_500_000 }}"
                    ),
                    Some((millions, false)) => {
                        writeln!(text, "fee = {{ amount = {millions}_250_000, currency = \"EUR\" }}")
                    }
                    None => Ok(()),
                }
                .unwrap();
            }
            for &(hour, correction) in &spec.updates {
                let kind = if correction { "correction" } else { "update" };
                writeln!(text, "\n[[updates]]\nat = 2025-01-{:02}T{hour:02}:00:00\nkind = \"{kind}\"\ntext = \"At {hour}h, *news*.\"", spec.day).unwrap();
            }
            writeln!(text, "+++\n\n{}", spec.body).unwrap();
            if let Some(first) = spec.rumours.first().filter(|_| spec.wikilink) {
                writeln!(text, "\nSee [[{}]].", PLAYER_NAMES[first.player]).unwrap();
            }
            std::fs::write(self.root.join(&path), text).unwrap();
            path
        }

        fn write_profile(&self, p: usize) -> PathBuf {
            let (slug, name, aliases) = PLAYERS[p];
            let path = PathBuf::from(format!("content/players/{slug}.md"));
            let Some(given) = self.profiles[p] else {
                let _ = std::fs::remove_file(self.root.join(&path));
                return path;
            };
            let aliases: Vec<String> = aliases
                .iter()
                .enumerate()
                .filter(|(i, _)| given & (1 << i) != 0)
                .map(|(_, a)| format!("\"{a}\""))
                .collect();
            let contract = self.contracts[p]
                .and_then(|day| chrono::NaiveDate::from_yo_opt(2025, day))
                .map(|day| format!("contract_until = {day}\n"))
                .unwrap_or_default();
            let text = format!(
                "+++\nname = \"{name}\"\naliases = [{}]\n{contract}+++\nPlays for [[Santos]].\n",
                aliases.join(", ")
            );
            std::fs::write(self.root.join(&path), text).unwrap();
            path
        }

        /// Applies `edit`, and returns the path of the file it changed.
        fn apply(&mut self, edit: Edit) -> Option<PathBuf> {
            let live: Vec<usize> = (0..self.articles.len()).filter(|&n| self.articles[n].is_some()).collect();
            let pick = |at: usize| live.get(at % live.len().max(1)).copied();
            let n = match edit {
                Edit::Article(at, change) => {
                    let n = pick(at)?;
                    let a = self.articles[n].as_mut()?;
                    match change {
                        Change::Body(body) => a.body = body,
                        Change::Title(title) => a.title = title,
                        Change::Date(day) => a.day = day,
                        Change::AddRumour(rumour) => a.rumours.push(rumour),
                        Change::RemoveRumour => drop(a.rumours.pop()),
                        Change::Status(status) => a.rumours.first_mut()?.status = status,
                        Change::Destination(club) => a.rumours.last_mut()?.to = club,
                        Change::Sources(sources) => a.rumours.first_mut()?.sources = sources,
                        Change::ClaimDate(claimed) => a.rumours.first_mut()?.claimed = claimed,
                        Change::Relay(relay) => a.rumours.first_mut()?.relay = relay,
                        Change::Updates(updates) => a.updates = updates,
                        Change::Alias(alias) => a.alias = alias,
                        Change::Fee(fee) => a.rumours.last_mut()?.fee = fee,
                    }
                    n
                }
                Edit::Add(spec) => {
                    self.articles.push(Some(spec));
                    self.articles.len() - 1
                }
                Edit::Delete(at) => {
                    let n = pick(at)?;
                    self.articles[n] = None;
                    n
                }
                Edit::Profile(p) => {
                    self.profiles[p] = if self.profiles[p].is_some() { None } else { Some(0) };
                    return Some(self.write_profile(p));
                }
                Edit::Alias(p, aliases) => {
                    self.profiles[p] = Some(aliases);
                    return Some(self.write_profile(p));
                }
                Edit::Windows(windows) => {
                    std::fs::write(self.root.join("config.toml"), Self::config(windows)).unwrap();
                    return Some(PathBuf::from("config.toml"));
                }
                Edit::League(league) => {
                    let path = PathBuf::from("content/clubs/real-madrid.md");
                    std::fs::write(self.root.join(&path), Self::madrid(league)).unwrap();
                    return Some(path);
                }
                Edit::Contract(p, day) => {
                    self.contracts[p] = day;
                    return Some(self.write_profile(p));
                }
            };
            Some(self.write_article(n))
        }
    }

    fn settings() -> Settings {
        let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().to_utc();
        Settings { base_url: None, drafts: false, future: false, now }
    }

    /// Every page and file of the model, rendered alone, by where it goes.
    fn pages(model: &Live) -> Vec<(String, Result<Vec<u8>, Diagnostic>)> {
        let site = Shown::new(&model.site, &model.cards);
        routes(&model.site)
            .iter()
            .map(|route| (route.output_path(), render_page(&site, &model.theme, route)))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn an_updated_model_renders_what_a_fresh_one_does(
            articles in proptest::collection::vec(article(), 1..6),
            profiles in proptest::array::uniform3(proptest::option::of(0..4usize)),
            edits in proptest::collection::vec(edit(), 1..8),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut blog = Blog::new(dir.path(), articles, profiles);
            let mut model = load(dir.path(), settings()).unwrap();
            let mut last = Ok(());
            for edit in edits {
                if let Some(path) = blog.apply(edit) {
                    last = model.update(&[dir.path().join(path)]);
                }
            }
            match load(dir.path(), settings()) {
                Ok(fresh) => {
                    prop_assert!(last.is_ok(), "{:?}", last);
                    prop_assert_eq!(pages(&model), pages(&fresh));
                }
                Err(error) => prop_assert!(last.is_err(), "a fresh model fails with {}", error),
            }
        }
    }

    /// Every fixture site, built whole and rendered one page at a time, gives the same
    /// bytes; and each page is found again by where it goes.
    #[test]
    fn every_page_rendered_alone_is_the_page_a_build_writes() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for name in ["basic", "minimal", "transfers", "claims", "money"] {
            let root = fixtures.join(name);
            let dir = tempfile::tempdir().unwrap();
            let output = dir.path().join("public");
            let options = crate::BuildOptions {
                root: root.clone(),
                output: output.clone(),
                base_url: None,
                include: crate::Include::default(),
            };
            crate::build(&options).unwrap();
            let model = load(&root, Settings { now: chrono::Utc::now(), ..settings() }).unwrap();
            let routes = routes(&model.site);
            assert!(routes.len() > 20, "{name}: {} routes", routes.len());
            for route in &routes {
                let path = route.output_path();
                assert_eq!(route_at(&model.site, &path), Some(*route), "{name}: {path}");
                let alone = model.render(&path).unwrap().unwrap();
                assert!(alone == std::fs::read(output.join(&path)).unwrap(), "{name}: {path} differs");
            }
            for missing in [
                "page/1/index.html",
                "players/nobody/index.html",
                "Articles/x/index.html",
                "x.html",
                "players/x/page/2/index.html",
                "sagas/x-to-y/index.html",
                "old/index.html",
            ] {
                assert!(model.render(missing).is_none(), "{name}: {missing}");
            }
        }
    }
}
