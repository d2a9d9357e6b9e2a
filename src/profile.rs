//! Profiles: the optional files in `content/players/`, `content/clubs/` and
//! `content/sources/` that describe an entity. A profile's slug is its file name.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::entity::Registry;
use crate::frontmatter::{self, Parsed};
use crate::load::TextFile;
use crate::slug::Slug;

/// The names a profile's front matter gives its entity.
pub(crate) trait Names: DeserializeOwned + Send {
    fn name(&self) -> &str;
    fn aliases(&self) -> &[String];
}

/// A profile whose front matter is read, with the slug its file name gives.
#[derive(Debug)]
pub(crate) struct ProfileFile<'a, R> {
    pub(crate) file: &'a TextFile,
    pub(crate) parsed: Parsed<R>,
    pub(crate) slug: Slug,
}

/// Reads every profile of one kind into `registry`, reporting any whose front matter is
/// wrong or whose names another profile already has.
pub(crate) fn load<'a, R: Names>(
    files: &'a [TextFile],
    registry: &mut Registry,
    problems: &mut Diagnostics,
) -> Vec<ProfileFile<'a, R>> {
    // The front matter is read in parallel; the names are taken in file order.
    let parsed: Vec<_> = files
        .par_iter()
        .map(|file| {
            let mut found = Diagnostics::default();
            (parse_named::<R>(file, &mut found), found)
        })
        .collect();
    let mut profiles = Vec::new();
    let mut paths: HashMap<Slug, &Path> = HashMap::new();
    for (file, (named, found)) in files.iter().zip(parsed) {
        problems.extend(found);
        let Some((parsed, slug)) = named else {
            continue;
        };
        let front = &parsed.front;
        if let Err(taken) = registry.add_profile(slug.clone(), front.name(), front.aliases()) {
            let key = if taken.name == front.name() { "name" } else { "aliases" };
            let at = parsed.locate(&file.text, key, 0);
            let other = paths.get(&taken.by.slug).map_or_else(String::new, |p| format!(" ({})", p.display()));
            let message = format!("another profile, {}{other}, goes by `{}`", taken.by.name, taken.name);
            problems.push(
                Diagnostic::at(&file.path, &file.text, at, message)
                    .with_help("merge the two profiles, or give each names the other does not use"),
            );
            continue;
        }
        paths.insert(slug.clone(), &file.path);
        profiles.push(ProfileFile { file, parsed, slug });
    }
    profiles
}

/// Parses a file whose name is its slug, such as a profile or a standalone page.
pub(crate) fn parse_named<R: DeserializeOwned>(
    file: &TextFile,
    problems: &mut Diagnostics,
) -> Option<(Parsed<R>, Slug)> {
    // A profile with wrong values is kept as far as it parsed, so that the names it gives
    // are known and no wikilink to them is reported as well.
    let (parsed, found) = frontmatter::parse::<R>(file).map_err(|found| problems.extend(found)).ok()?;
    problems.extend(found);
    let stem = file.path.file_stem().unwrap_or_default().to_string_lossy();
    match Slug::new(&stem) {
        Some(slug) => Some((parsed, slug)),
        None => {
            problems.push(
                Diagnostic::at(&file.path, &file.text, 0..0, "the file name gives no slug")
                    .with_help("name the file with letters and digits, such as `real-madrid.md`"),
            );
            None
        }
    }
}
