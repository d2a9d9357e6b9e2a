//! Finding the one entity a name means. Names match by name or alias, ignoring case,
//! accents and punctuation ("modric" finds "Luka Modrić"), so that one player, club or
//! source never splits into two pages.

use std::fmt;

use crate::HashMap;
use crate::diagnostic::{Diagnostic, nearest};
use crate::load::TextFile;
use crate::markdown::Resolve;
use crate::slug::Slug;
use crate::url::{BaseUrl, Route};

/// The kinds of named thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    // Each kind's number indexes the site's per-kind tables.
    Player = 0,
    Club = 1,
    Source = 2,
}

impl Kind {
    pub(crate) const ALL: [Kind; 3] = [Kind::Player, Kind::Club, Kind::Source];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Player => "player",
            Self::Club => "club",
            Self::Source => "source",
        }
    }

    /// The folder of `content/` that holds this kind's profiles.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Self::Player => "players",
            Self::Club => "clubs",
            Self::Source => "sources",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One named thing: a profile's, or a name that content uses without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) slug: Slug,
    pub(crate) name: String,
    pub(crate) has_profile: bool,
    /// Where content first names an entity that has no profile.
    pub(crate) first_mention: Option<Diagnostic>,
}

/// The entities of one kind, by every name they go by.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    entries: Vec<Entry>,
    by_key: HashMap<Slug, usize>,
    /// Names exactly as content wrote them, once found: most names are written the same
    /// way every time, and this spares making their key again. Without it an update after
    /// an edit to one of 10,000 articles took 37.2 ms against 26.2 ms (criterion).
    written: HashMap<String, usize>,
    /// Whether a profiled entity is also found by the last word of its name, as people are.
    by_surname: Option<HashMap<Slug, Option<usize>>>,
}

/// A profile whose name or alias another profile already has.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Taken<'a> {
    pub(crate) name: &'a str,
    pub(crate) by: &'a Entry,
}

/// The form of a name that matching compares.
fn key(name: &str) -> Option<Slug> {
    Slug::new(name)
}

impl Registry {
    /// A registry of people, who are also found by surname alone when only one has it.
    pub(crate) fn people() -> Self {
        Self { by_surname: Some(HashMap::default()), ..Self::default() }
    }

    /// Adds a profile, found by its file slug, its name and each alias. Every profile must
    /// be added before any name is looked up.
    pub(crate) fn add_profile<'a>(
        &'a mut self,
        slug: Slug,
        name: &'a str,
        aliases: &'a [String],
    ) -> Result<(), Taken<'a>> {
        let index = self.entries.len();
        let names = std::iter::once(name).chain(aliases.iter().map(String::as_str));
        let keys: Vec<(Slug, &str)> = std::iter::once((slug.clone(), name))
            .chain(names.filter_map(|name| key(name).map(|key| (key, name))))
            .collect();
        if let Some((name, &other)) = keys.iter().find_map(|(key, name)| Some((*name, self.by_key.get(key)?)))
        {
            return Err(Taken { name, by: &self.entries[other] });
        }
        for (key, _) in keys {
            self.by_key.insert(key, index);
        }
        if let Some(by_surname) = &mut self.by_surname
            && let Some(surname) = name.split_whitespace().last().and_then(key)
        {
            by_surname.entry(surname).and_modify(|found| *found = None).or_insert(Some(index));
        }
        self.entries.push(Entry { slug, name: name.to_owned(), has_profile: true, first_mention: None });
        Ok(())
    }

    /// The entity `name` means: a profile's name or alias, a name already seen, or the one
    /// person with that surname.
    pub(crate) fn find(&self, name: &str) -> Option<&Entry> {
        self.position(name).map(|index| &self.entries[index])
    }

    /// Where the entity `name` means stands among the entries.
    fn position(&self, name: &str) -> Option<usize> {
        if let Some(&index) = self.written.get(name) {
            return Some(index);
        }
        let found = key(name).and_then(|key| self.by_key.get(&key).copied());
        found.or_else(|| self.surname_position(name))
    }

    /// The entity whose name or alias has the matching form `key`.
    fn find_key(&self, key: &Slug) -> Option<&Entry> {
        Some(&self.entries[*self.by_key.get(key)?])
    }

    fn surname_position(&self, name: &str) -> Option<usize> {
        *self.by_surname.as_ref()?.get(&key(name)?)?
    }

    /// The entity `name` means, adding one without a profile when none matches; `mention`
    /// says where the name stands, for `check` to point at. `None` when the name has no
    /// letters or digits to match by.
    pub(crate) fn find_or_add(&mut self, name: &str, mention: impl FnOnce() -> Diagnostic) -> Option<&Entry> {
        let index = match self.position(name) {
            Some(index) => index,
            None => {
                let slug = key(name)?;
                let index = self.entries.len();
                self.by_key.insert(slug.clone(), index);
                let trimmed = name.trim().to_owned();
                self.entries.push(Entry {
                    slug,
                    name: trimmed,
                    has_profile: false,
                    first_mention: Some(mention()),
                });
                index
            }
        };
        // What a name finds never changes once every profile is in: later names only add
        // entities of their own.
        if !self.written.contains_key(name) {
            self.written.insert(name.to_owned(), index);
        }
        Some(&self.entries[index])
    }

    /// Every name and alias of a profile, as the form matching compares, with its entity.
    pub(crate) fn profiled_keys(&self) -> impl Iterator<Item = (&Slug, &Entry)> {
        let entries = self.by_key.iter().map(|(key, &index)| (key, &self.entries[index]));
        entries.filter(|(_, entry)| entry.has_profile)
    }

    /// Every entity, in the order added.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The slug of an entity known to be here; names are resolved before they are used.
    pub(crate) fn slug(&self, name: &str) -> Slug {
        self.find(name).map_or_else(|| key(name).expect("a name with letters"), |entry| entry.slug.clone())
    }
}

/// The players, clubs and sources, by name.
#[derive(Debug)]
pub(crate) struct Directory {
    pub(crate) players: Registry,
    pub(crate) clubs: Registry,
    pub(crate) sources: Registry,
}

/// Why a `[[wikilink]]` does not lead anywhere: what is wrong and what would be right.
pub(crate) type LinkError = (String, String);

impl Directory {
    pub(crate) fn new() -> Self {
        Self { players: Registry::people(), clubs: Registry::default(), sources: Registry::default() }
    }

    pub(crate) fn registry(&self, kind: Kind) -> &Registry {
        match kind {
            Kind::Player => &self.players,
            Kind::Club => &self.clubs,
            Kind::Source => &self.sources,
        }
    }

    pub(crate) fn registry_mut(&mut self, kind: Kind) -> &mut Registry {
        match kind {
            Kind::Player => &mut self.players,
            Kind::Club => &mut self.clubs,
            Kind::Source => &mut self.sources,
        }
    }

    /// The entity a wikilink's target names: `Name`, or `kind:Name` (such as
    /// `club:Santos`) where a name belongs to two kinds. A name of two kinds means the one
    /// that the page's own front matter names, in `named`, when it names one only; and a
    /// club and a source of one name are the club, speaking for itself.
    pub(crate) fn resolve(&self, target: &str, named: &[(Kind, Slug)]) -> Result<(Kind, &Entry), LinkError> {
        if let Some((prefix, name)) = target.split_once(':') {
            let prefix = prefix.trim();
            if let Some(kind) = Kind::ALL.into_iter().find(|kind| kind.as_str() == prefix) {
                return self.registry(kind).find(name).map(|entry| (kind, entry)).ok_or_else(|| {
                    let message = format!("no {kind} is called `{}`", name.trim());
                    (message, self.suggest(name, &[kind]))
                });
            }
        }
        let target_key = key(target);
        let exact: Vec<(Kind, &Entry)> = Kind::ALL
            .into_iter()
            .filter_map(|kind| Some((kind, self.registry(kind).find_key(target_key.as_ref()?)?)))
            .collect();
        let by_surname = || {
            self.players.surname_position(target).map(|index| (Kind::Player, &self.players.entries[index]))
        };
        // One entity, where a club and a source of one name are the club.
        fn one<'e>(of: &[(Kind, &'e Entry)]) -> Option<(Kind, &'e Entry)> {
            match of {
                [one] | [one @ (Kind::Club, _), (Kind::Source, _)] => Some(*one),
                _ => None,
            }
        }
        let on_page: Vec<(Kind, &Entry)> = exact
            .iter()
            .copied()
            .filter(|(kind, entry)| named.iter().any(|(k, slug)| k == kind && *slug == entry.slug))
            .collect();
        if let Some(one) = one(&exact).or_else(|| one(&on_page)) {
            return Ok(one);
        }
        match exact.as_slice() {
            [(a, first), (b, second), ..] => {
                // Where content names each one without a profile, so the author can find it.
                let named: Vec<String> = [(a, first), (b, second)]
                    .iter()
                    .filter_map(|(kind, entry)| {
                        let at = entry.first_mention.as_ref()?;
                        Some(format!("; it is named as a {kind} at {}:{}", at.path().display(), at.line()))
                    })
                    .collect();
                Err((
                    format!("`{target}` is both the {a} {} and the {b} {}", first.name, second.name),
                    format!("say which: [[{a}:{target}]] or [[{b}:{target}]]{}", named.concat()),
                ))
            }
            _ => by_surname().ok_or_else(|| {
                (format!("no player, club or source is called `{target}`"), self.suggest(target, &Kind::ALL))
            }),
        }
    }

    fn suggest(&self, target: &str, kinds: &[Kind]) -> String {
        let names =
            kinds.iter().flat_map(|&kind| self.registry(kind).entries().iter().map(|e| e.name.as_str()));
        match nearest(target, names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "link to a player, club or source with a profile or named in an article's front matter"
                .to_owned(),
        }
    }
}

/// Where `name` first stands as a value in a file's front matter, for `check` to point
/// at: quoted if it is quoted anywhere, else on a line that is not prose such as a title.
pub(crate) fn mention(
    file: &TextFile,
    front: std::ops::Range<usize>,
    name: &str,
    kind: Option<Kind>,
) -> Diagnostic {
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

/// Resolves `[[wikilinks]]` to the pages of players, clubs and sources.
pub(crate) struct Links<'a> {
    pub(crate) directory: &'a Directory,
    pub(crate) base_url: &'a BaseUrl,
    /// The entities the page's own front matter names, by kind.
    pub(crate) named: Vec<(Kind, Slug)>,
}

impl<'a> Links<'a> {
    pub(crate) fn new(directory: &'a Directory, base_url: &'a BaseUrl) -> Self {
        Self { directory, base_url, named: Vec::new() }
    }

    /// The same, for a page whose front matter gives `names`.
    pub(crate) fn naming<'n>(&self, names: impl Iterator<Item = (Kind, &'n str)>) -> Self {
        let named = names.map(|(kind, name)| (kind, self.directory.registry(kind).slug(name))).collect();
        Self { directory: self.directory, base_url: self.base_url, named }
    }
}

impl Resolve for Links<'_> {
    fn resolve(&self, target: &str) -> Result<String, (String, String)> {
        let (kind, entry) = self.directory.resolve(target, &self.named)?;
        let route = match kind {
            Kind::Player => Route::Player(&entry.slug),
            Kind::Club => Route::Club(&entry.slug),
            Kind::Source => Route::Source(&entry.slug),
        };
        Ok(self.base_url.link(&route))
    }

    fn rooted(&self, path: &str) -> String {
        format!("{}{}", self.base_url.path(), path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn here() -> Diagnostic {
        Diagnostic::in_file(Path::new("a.md"), "")
    }

    fn registry() -> Registry {
        let mut registry = Registry::people();
        let aliases = vec!["Trent".to_owned(), "TAA".to_owned()];
        let trent = Slug::new("trent-alexander-arnold").unwrap();
        registry.add_profile(trent, "Trent Alexander-Arnold", &aliases).unwrap();
        registry.add_profile(Slug::new("luka-modric").unwrap(), "Luka Modrić", &[]).unwrap();
        registry
    }

    #[test]
    fn names_match_ignoring_case_accents_and_punctuation() {
        let registry = registry();
        for name in ["trent alexander arnold", "TAA", "Trent", "Alexander-Arnold", "trent-alexander-arnold"] {
            assert_eq!(registry.find(name).unwrap().slug.as_str(), "trent-alexander-arnold", "{name}");
        }
        assert_eq!(registry.find("LUKA MODRIC").unwrap().slug.as_str(), "luka-modric");
        assert_eq!(registry.find("Modric").unwrap().slug.as_str(), "luka-modric");
    }

    #[test]
    fn a_name_without_a_profile_is_one_entity_however_it_is_spelt() {
        let mut registry = registry();
        let first = registry.find_or_add("Jonás Peñalver", here).unwrap().clone();
        let again = registry.find_or_add("jonas penalver", || unreachable!()).unwrap().clone();
        assert_eq!(first, again);
        assert_eq!(first.name, "Jonás Peñalver");
        assert!(!first.has_profile);
        assert_eq!(registry.entries().len(), 3);
    }

    #[test]
    fn a_name_finds_the_same_entity_every_time_it_is_written() {
        let mut registry = registry();
        let by_surname = registry.find_or_add("Modric", || unreachable!()).unwrap().slug.clone();
        registry.find_or_add("Jonás Peñalver", here).unwrap();
        for _ in 0..2 {
            assert_eq!(registry.find_or_add("Modric", || unreachable!()).unwrap().slug, by_surname);
            assert_eq!(registry.find("Modric").unwrap().slug, by_surname);
            assert_eq!(registry.find("JONAS PENALVER").unwrap().slug.as_str(), "jonas-penalver");
        }
        assert_eq!(registry.entries().len(), 3);
    }

    #[test]
    fn a_shared_surname_matches_no_one() {
        let mut registry = Registry::people();
        registry.add_profile(Slug::new("a").unwrap(), "Bernardo Silva", &[]).unwrap();
        registry.add_profile(Slug::new("b").unwrap(), "Thiago Silva", &[]).unwrap();
        assert!(registry.find("Silva").is_none());
    }

    #[test]
    fn clubs_are_not_found_by_their_last_word() {
        let mut clubs = Registry::default();
        clubs.add_profile(Slug::new("real-madrid").unwrap(), "Real Madrid", &[]).unwrap();
        assert!(clubs.find("Madrid").is_none());
    }

    #[test]
    fn two_profiles_cannot_claim_one_name() {
        let mut registry = registry();
        let aliases = vec!["Trent".to_owned()];
        let taken = registry.add_profile(Slug::new("trent-2").unwrap(), "Trent Two", &aliases).unwrap_err();
        assert_eq!(taken.name, "Trent");
        assert_eq!(taken.by.name, "Trent Alexander-Arnold");
    }

    #[test]
    fn wikilinks_find_any_kind_and_ask_when_two_share_a_name() {
        let mut directory = Directory::new();
        directory.players.add_profile(Slug::new("santos").unwrap(), "Santos", &[]).unwrap();
        directory
            .clubs
            .add_profile(Slug::new("santos-fc").unwrap(), "Santos FC", &["Santos".to_owned()])
            .unwrap();
        directory.sources.add_profile(Slug::new("as").unwrap(), "AS", &[]).unwrap();

        assert_eq!(directory.resolve("AS", &[]).unwrap().0, Kind::Source);
        assert_eq!(directory.resolve("Santos FC", &[]).unwrap().0, Kind::Club);
        let (message, help) = directory.resolve("Santos", &[]).unwrap_err();
        assert_eq!(message, "`Santos` is both the player Santos and the club Santos FC");
        assert_eq!(help, "say which: [[player:Santos]] or [[club:Santos]]");
        assert_eq!(directory.resolve("club:Santos", &[]).unwrap().1.slug.as_str(), "santos-fc");
        assert_eq!(directory.resolve("player: Santos", &[]).unwrap().1.slug.as_str(), "santos");
        let (message, help) = directory.resolve("Santoss FC", &[]).unwrap_err();
        assert_eq!(
            (message.as_str(), help.as_str()),
            ("no player, club or source is called `Santoss FC`", "did you mean `Santos FC`?")
        );
        // A page whose front matter names one of the two means that one.
        let names_the_club = [(Kind::Club, Slug::new("santos-fc").unwrap())];
        assert_eq!(directory.resolve("Santos", &names_the_club).unwrap().1.slug.as_str(), "santos-fc");
    }

    #[test]
    fn a_name_of_two_kinds_asks_which_though_only_one_has_a_profile() {
        let mut directory = Directory::new();
        let norte = Slug::new("atletico-norte").unwrap();
        directory.clubs.add_profile(norte, "Atlético Norte", &["Norte".to_owned()]).unwrap();
        directory.players.find_or_add("Norte", here);
        let (message, help) = directory.resolve("Norte", &[]).unwrap_err();
        assert_eq!(message, "`Norte` is both the player Norte and the club Atlético Norte");
        assert_eq!(help, "say which: [[player:Norte]] or [[club:Norte]]; it is named as a player at a.md:1");
        let names_the_player = [(Kind::Player, Slug::new("norte").unwrap())];
        assert_eq!(directory.resolve("Norte", &names_the_player).unwrap().0, Kind::Player);
        // A club cited as the source of its own statement is the club.
        directory.sources.find_or_add("Atlético Norte", here);
        assert_eq!(directory.resolve("Atletico Norte", &[]).unwrap().0, Kind::Club);
    }

    /// A club registry with profiles for `profiled`, and the names content writes.
    fn clubs(profiled: &[&str], written: &[&str]) -> Directory {
        let mut directory = Directory::new();
        for name in profiled {
            directory.clubs.add_profile(Slug::new(name).unwrap(), name, &[]).unwrap();
        }
        for name in written {
            directory.clubs.find_or_add(name, here);
        }
        directory
    }

    #[test]
    fn a_misspelt_profiled_name_is_an_error_and_another_name_a_warning() {
        let directory = clubs(&["Arsenal", "Liverpool"], &["Arsneal", "Bournemouth", "Liverpool"]);
        let found = crate::near_miss::unprofiled(&directory);
        let said: Vec<(bool, &str, Option<&str>)> =
            found.iter().map(|d| (d.is_warning(), d.message(), d.help())).collect();
        assert_eq!(
            said,
            [
                (
                    true,
                    "no profile for the club `Bournemouth`",
                    Some("describe it in content/clubs/bournemouth.md")
                ),
                (
                    false,
                    "the club `Arsneal` has no profile, but is close to `Arsenal`, which has",
                    Some("write `Arsenal`, or give `Arsneal` a profile or make it an alias")
                ),
            ]
        );
    }

    #[test]
    fn a_name_is_pointed_at_where_front_matter_gives_it_as_a_value() {
        let text = "+++\ntitle = \"Real Madrid close in\"\n\n[[rumours]]\nplayer = \"Trent\"\nto = \"Real Madrid\"\n+++\n";
        let file = TextFile { path: "content/articles/a.md".into(), text: text.to_owned() };
        let at = mention(&file, 0..text.len(), "Real Madrid", Some(Kind::Club));
        assert_eq!((at.line(), at.column()), (6, 7), "on the `to` line, not in the title");
    }

    #[test]
    fn a_wikilink_leads_to_its_entity_page_under_the_base_path() {
        let directory = clubs(&["Real Madrid"], &["Atlético Madrid"]);
        let base_url = BaseUrl::parse("https://user.github.io/my-blog/").unwrap();
        let links = Links::new(&directory, &base_url);
        assert_eq!(links.resolve("real madrid"), Ok("/my-blog/clubs/real-madrid/".to_owned()));
        assert_eq!(links.resolve("Atletico Madrid"), Ok("/my-blog/clubs/atletico-madrid/".to_owned()));
        assert!(links.resolve("Real Betis").is_err());
    }
}
