//! Names without a profile that are likely a profiled name misspelt, which would split
//! one player or club in two. Football is full of different people and clubs whose names
//! share a word or most of their letters (Manchester City and Manchester United, Genk and
//! Gent, Pedro and Pedri), so the rule is narrow: it takes the slips of a hand, not
//! likeness. `docs/transfers.md` states it for authors.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, nearest};
use crate::entity::{Directory, Entry, Kind, Registry};
use crate::slug::Slug;

/// The shortest word of a name in which a slip counts: in shorter ones (FC, AC, 04) one
/// letter makes another name.
const SHORTEST_WORD: usize = 4;

/// The shortest word of a name in which one wrong letter counts: in shorter ones it more
/// often makes another real name (Pedro and Pedri, Vitinha and Vitinho, Rodrigo and
/// Rodrygo) than a slip.
const SHORTEST_WRONG_LETTER: usize = 8;

/// Whether `written` is likely `name` misspelt, both as slugs: the same words but for one
/// of at least [`SHORTEST_WORD`] letters, in which a letter is dropped or added (not the
/// first), two side by side are swapped, or, in a word of [`SHORTEST_WRONG_LETTER`] or
/// more, one is wrong; or the same letters with the words split in other places.
pub(crate) fn misspelling(written: &Slug, name: &Slug) -> bool {
    if written == name {
        return false;
    }
    let (written, name) = (written.as_str(), name.as_str());
    if written.replace('-', "") == name.replace('-', "") {
        return true;
    }
    if written.split('-').count() != name.split('-').count() {
        return false;
    }
    let mut differing = written.split('-').zip(name.split('-')).filter(|(a, b)| a != b);
    match (differing.next(), differing.next()) {
        (Some((written, name)), None) => slip(written, name),
        _ => false,
    }
}

/// Whether the word `written` is the word `name` with one slip of the hand.
fn slip(written: &str, name: &str) -> bool {
    let (w, n): (Vec<char>, Vec<char>) = (written.chars().collect(), name.chars().collect());
    if n.len() < SHORTEST_WORD {
        return false;
    }
    // The letters the two have in common at the start and at the end.
    let start = w.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let end = w.iter().rev().zip(n.iter().rev()).take_while(|(a, b)| a == b).count();
    let rest = |word: &[char]| word.len().saturating_sub(start + end.min(word.len() - start));
    match (w.len() as isize - n.len() as isize, rest(&w), rest(&n)) {
        // One letter dropped or added, anywhere but at the start.
        (-1, 0, _) | (1, _, 0) => start > 0,
        // Two letters side by side swapped, or one wrong.
        (0, 2, 2) => w[start] == n[start + 1] && w[start + 1] == n[start],
        (0, 1, 1) => n.len() >= SHORTEST_WRONG_LETTER,
        _ => false,
    }
}

/// A problem for every name content uses that no profile describes, so that a typo does
/// not split one entity in two: an error for `check` where the name is a [`misspelling`] of
/// a profiled one, else a warning with the nearest known name.
pub(crate) fn unprofiled(directory: &Directory) -> Diagnostics {
    let mut found = Diagnostics::default();
    for kind in Kind::ALL {
        let registry = directory.registry(kind);
        let entries = registry.entries();
        let profiled = Profiled::new(registry);
        let near = near_names(entries);
        let problems: Vec<Diagnostic> = entries
            .par_iter()
            .zip(near)
            .filter_map(|(entry, near)| {
                let mention = entry.first_mention.as_ref()?;
                if let Some(meant) = profiled.meant(&entry.slug) {
                    let message = format!(
                        "the {kind} `{}` has no profile, but is close to `{meant}`, which has",
                        entry.name
                    );
                    let help =
                        format!("write `{meant}`, or give `{}` a profile or make it an alias", entry.name);
                    return Some(mention.clone().with_message(message).with_help(help));
                }
                let message = format!("no profile for the {kind} `{}`", entry.name);
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("describe it in content/{}/{}.md", kind.folder(), entry.slug),
                };
                Some(mention.clone().with_message(message).with_help(help).warning())
            })
            .collect();
        found.extend(problems);
    }
    found.sorted()
}

/// The names and aliases of the profiled entities of one kind, by how many words and
/// letters they have, so that a name is compared only with those a slip could make it.
pub(crate) struct Profiled<'a> {
    by_shape: HashMap<(usize, usize), Vec<(&'a Slug, &'a Entry)>>,
    by_letters: HashMap<String, Vec<(&'a Slug, &'a Entry)>>,
}

impl<'a> Profiled<'a> {
    pub(crate) fn new(registry: &'a Registry) -> Self {
        let mut by_shape: HashMap<_, Vec<_>> = HashMap::new();
        let mut by_letters: HashMap<_, Vec<_>> = HashMap::new();
        for (key, entry) in registry.profiled_keys() {
            by_shape.entry(shape(key)).or_default().push((key, entry));
            by_letters.entry(key.as_str().replace('-', "")).or_default().push((key, entry));
        }
        Self { by_shape, by_letters }
    }

    /// The name of the profiled entity that `slug` is a misspelling of, by its name or an
    /// alias; the first by name where there are several.
    pub(crate) fn meant(&self, slug: &Slug) -> Option<&'a str> {
        let (words, letters) = shape(slug);
        let alike = (letters.saturating_sub(1)..=letters + 1)
            .filter_map(|letters| self.by_shape.get(&(words, letters)))
            .chain(self.by_letters.get(&slug.as_str().replace('-', "")))
            .flatten();
        alike.filter(|(key, _)| misspelling(slug, key)).map(|(_, entry)| entry.name.as_str()).min()
    }
}

/// How many words and letters a slug has.
fn shape(slug: &Slug) -> (usize, usize) {
    (slug.as_str().split('-').count(), slug.as_str().chars().filter(|c| *c != '-').count())
}

/// For each entry, the nearest other name, for a warning to suggest. A typo leaves most
/// of a name alike, so it sorts near the right name either by the name or by the name read
/// backwards; only those neighbours are compared, not every pair.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(name: &str) -> Slug {
        Slug::new(name).unwrap()
    }

    /// The names of a list in `tests/names/`, one a line, less its comments.
    fn names(list: &str) -> Vec<&str> {
        list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
    }

    /// The pairs of a list in `tests/names/`, as `written = name`.
    fn pairs(list: &str) -> Vec<(&str, &str)> {
        names(list).into_iter().map(|line| line.split_once(" = ").expect("written = name")).collect()
    }

    const CLUBS: &str = include_str!("../tests/names/clubs.txt");
    const PLAYERS: &str = include_str!("../tests/names/players.txt");
    const MISSPELLINGS: &str = include_str!("../tests/names/misspellings.txt");
    const VARIANTS: &str = include_str!("../tests/names/variants.txt");

    #[test]
    fn slips_of_the_hand_are_misspellings() {
        for (written, name) in [
            ("Arsneal", "Arsenal"),
            ("Liverpol", "Liverpool"),
            ("Tottenham Hotspurs", "Tottenham Hotspur"),
            ("Kylian Mbape", "Kylian Mbappé"),
            ("Robert Lewandowsky", "Robert Lewandowski"),
            ("Vandijk", "Van Dijk"),
        ] {
            assert!(misspelling(&slug(written), &slug(name)), "{written} for {name}");
        }
    }

    #[test]
    fn other_real_names_are_not() {
        for (written, name) in [
            ("Manchester City", "Manchester United"),
            ("Bayer Leverkusen", "Bayern Munich"),
            ("Inter Milan", "Inter Miami"),
            ("Pedro", "Pedri"),
            ("Rodrigo", "Rodri"),
            ("Rodrigo", "Rodrygo"),
            ("Raphinha", "Rafinha"),
            ("Ethan Mbappé", "Kylian Mbappé"),
            ("Genk", "Gent"),
            ("Angers", "Rangers"),
            ("Kyle Walker-Peters", "Kyle Walker"),
        ] {
            assert!(!misspelling(&slug(written), &slug(name)), "{written} for {name}");
            assert!(!misspelling(&slug(name), &slug(written)), "{name} for {written}");
        }
    }

    /// Every real club and player of `tests/names/`, written where any other has a profile:
    /// none is taken for another misspelt.
    #[test]
    fn no_real_name_is_taken_for_another() {
        for list in [CLUBS, PLAYERS] {
            let names: Vec<(&str, Slug)> = names(list).into_iter().map(|name| (name, slug(name))).collect();
            let taken: Vec<String> = names
                .iter()
                .flat_map(|(a, slug_a)| {
                    let others = names.iter().filter(|(_, slug_b)| misspelling(slug_a, slug_b));
                    others.map(move |(b, _)| format!("{a} for {b}"))
                })
                .collect();
            assert!(names.len() >= 190, "{} names", names.len());
            assert_eq!(taken, Vec::<String>::new());
        }
    }

    /// At least nine in ten of the misspellings in `tests/names/misspellings.txt` are taken
    /// for the name meant, and none for another.
    #[test]
    fn real_misspellings_are_caught() {
        let pairs = pairs(MISSPELLINGS);
        let mut missed = Vec::new();
        for (written, meant) in &pairs {
            if !misspelling(&slug(written), &slug(meant)) {
                missed.push(*written);
            }
        }
        let caught = pairs.len() - missed.len();
        assert!(caught * 10 >= pairs.len() * 9, "caught {caught} of {}; missed {missed:?}", pairs.len());
    }

    /// Accents, case, hyphens and spaces make the same slug, so the same entity.
    #[test]
    fn variants_are_the_same_name() {
        for (written, name) in pairs(VARIANTS) {
            assert_eq!(slug(written), slug(name), "{written}");
        }
    }
}
