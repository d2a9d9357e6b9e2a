//! Finding the one entity a name means. Names match by name or alias, ignoring case,
//! accents and punctuation ("modric" finds "Luka Modrić"), so that one player never splits
//! into two pages.

use std::collections::HashMap;

use crate::slug::Slug;

/// One named thing: a profile's, or a name that articles use without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) slug: Slug,
    pub(crate) name: String,
    pub(crate) has_profile: bool,
}

/// The entities of one kind, by every name they go by.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    entries: Vec<Entry>,
    by_key: HashMap<Slug, usize>,
    /// Profiled entities by the last word of their name; `None` where two share it.
    by_surname: HashMap<Slug, Option<usize>>,
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
        if let Some((name, &other)) = keys
            .iter()
            .find_map(|(key, name)| Some((*name, self.by_key.get(key)?)))
        {
            return Err(Taken {
                name,
                by: &self.entries[other],
            });
        }
        for (key, _) in keys {
            self.by_key.insert(key, index);
        }
        if let Some(surname) = name.split_whitespace().last().and_then(key) {
            self.by_surname
                .entry(surname)
                .and_modify(|found| *found = None)
                .or_insert(Some(index));
        }
        self.entries.push(Entry {
            slug,
            name: name.to_owned(),
            has_profile: true,
        });
        Ok(())
    }

    /// The entity `name` means: a profile's name or alias, the one profile with that
    /// surname, or a name already seen.
    pub(crate) fn find(&self, name: &str) -> Option<&Entry> {
        let key = key(name)?;
        let index = self
            .by_key
            .get(&key)
            .copied()
            .or_else(|| self.by_surname.get(&key).copied().flatten())?;
        Some(&self.entries[index])
    }

    /// The entity `name` means, adding one without a profile when none matches. `None`
    /// when the name has no letters or digits to match by.
    pub(crate) fn find_or_add(&mut self, name: &str) -> Option<&Entry> {
        if self.find(name).is_none() {
            let slug = key(name)?;
            self.by_key.insert(slug.clone(), self.entries.len());
            self.entries.push(Entry {
                slug,
                name: name.trim().to_owned(),
                has_profile: false,
            });
        }
        self.find(name)
    }

    /// Every entity, in the order added.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let mut registry = Registry::default();
        let aliases = vec!["Trent".to_owned(), "TAA".to_owned()];
        let trent = Slug::new("trent-alexander-arnold").unwrap();
        registry
            .add_profile(trent, "Trent Alexander-Arnold", &aliases)
            .unwrap();
        registry
            .add_profile(Slug::new("luka-modric").unwrap(), "Luka Modrić", &[])
            .unwrap();
        registry
    }

    #[test]
    fn names_match_ignoring_case_accents_and_punctuation() {
        let registry = registry();
        for name in [
            "trent alexander arnold",
            "TAA",
            "Trent",
            "Alexander-Arnold",
            "trent-alexander-arnold",
        ] {
            assert_eq!(
                registry.find(name).unwrap().slug.as_str(),
                "trent-alexander-arnold",
                "{name}"
            );
        }
        assert_eq!(
            registry.find("LUKA MODRIC").unwrap().slug.as_str(),
            "luka-modric"
        );
        assert_eq!(
            registry.find("Modric").unwrap().slug.as_str(),
            "luka-modric"
        );
    }

    #[test]
    fn a_name_without_a_profile_is_one_entity_however_it_is_spelt() {
        let mut registry = registry();
        let first = registry.find_or_add("Jonás Peñalver").unwrap().clone();
        let again = registry.find_or_add("jonas penalver").unwrap().clone();
        assert_eq!(first, again);
        assert_eq!(first.name, "Jonás Peñalver");
        assert!(!first.has_profile);
        assert_eq!(registry.entries().len(), 3);
    }

    #[test]
    fn a_shared_surname_matches_no_one() {
        let mut registry = Registry::default();
        registry
            .add_profile(Slug::new("a").unwrap(), "Bernardo Silva", &[])
            .unwrap();
        registry
            .add_profile(Slug::new("b").unwrap(), "Thiago Silva", &[])
            .unwrap();
        assert!(registry.find("Silva").is_none());
    }

    #[test]
    fn two_profiles_cannot_claim_one_name() {
        let mut registry = registry();
        let aliases = vec!["Trent".to_owned()];
        let taken = registry
            .add_profile(Slug::new("trent-2").unwrap(), "Trent Two", &aliases)
            .unwrap_err();
        assert_eq!(taken.name, "Trent");
        assert_eq!(taken.by.name, "Trent Alexander-Arnold");
    }
}
