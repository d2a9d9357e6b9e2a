//! Clubs: optional profiles in `content/clubs/`, and the club pages are built from.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Resolve};
use crate::profile::{Names, ProfileFile};
use crate::slug::Slug;

/// A club profile's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawClub {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) country: Option<String>,
    pub(crate) league: Option<String>,
}

impl Names for RawClub {
    fn name(&self) -> &str {
        &self.name
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

/// What a profile says of a club.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClubProfile {
    pub(crate) aliases: Vec<String>,
    pub(crate) country: Option<String>,
    pub(crate) league: Option<String>,
    /// The profile's body as HTML.
    pub(crate) about_html: String,
    /// The links the body writes, for `check`.
    pub(crate) links: Vec<markdown::WrittenLink>,
}

/// A club, with or without a profile.
#[derive(Debug, Clone)]
pub(crate) struct Club {
    pub(crate) slug: Slug,
    pub(crate) name: String,
    pub(crate) profile: Option<ClubProfile>,
    /// The articles that name the club, newest first.
    pub(crate) articles: Vec<usize>,
    /// The sagas of moves to the club, newest first.
    pub(crate) sagas_in: Vec<usize>,
    /// The sagas of moves away from the club, newest first.
    pub(crate) sagas_out: Vec<usize>,
}

impl Club {
    /// The club, before the model finds the articles and sagas that name it.
    pub(crate) fn new(slug: Slug, name: String, profile: Option<ClubProfile>) -> Self {
        Self { slug, name, profile, articles: Vec::new(), sagas_in: Vec::new(), sagas_out: Vec::new() }
    }
}

impl ClubProfile {
    /// The profile in `file`, its body rendered.
    pub(crate) fn from_file(
        file: ProfileFile<'_, RawClub>,
        links: &impl Resolve,
    ) -> Result<(Slug, Self), Vec<Diagnostic>> {
        let ProfileFile { file, parsed, slug } = file;
        let html = markdown::render(&file.path, &file.text, parsed.body.clone(), links, None)?;
        let RawClub { name: _, aliases, country, league } = parsed.front;
        Ok((slug, Self { aliases, country, league, about_html: html.content, links: html.links }))
    }
}
