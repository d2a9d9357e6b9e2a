//! Players: optional profiles in `content/players/`, and the player pages are built from.

use serde::Deserialize;

use crate::date::{Date, RawDate};
use crate::diagnostic::Diagnostic;
use crate::entity::Registry;
use crate::markdown::{self, Resolve};
use crate::profile::{Names, ProfileFile};
use crate::slug::Slug;
use crate::url::Href;

/// A player profile's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlayer {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) position: Option<String>,
    pub(crate) nationality: Option<String>,
    pub(crate) born: Option<RawDate>,
    /// The last day of the player's contract.
    pub(crate) contract_until: Option<RawDate>,
    pub(crate) club: Option<String>,
    pub(crate) image: Option<Href>,
}

impl Names for RawPlayer {
    fn name(&self) -> &str {
        &self.name
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

/// What a profile says of a player.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlayerProfile {
    /// Other names the player goes by.
    pub(crate) aliases: Vec<String>,
    /// Where the player plays.
    pub(crate) position: Option<String>,
    /// The player's country.
    pub(crate) nationality: Option<String>,
    /// The player's birthday.
    pub(crate) born: Option<Date>,
    /// The last day of the player's contract.
    pub(crate) contract_until: Option<Date>,
    /// The player's club, as the profile names it; a completed move overrides it.
    pub(crate) club: Option<Slug>,
    /// A picture of the player: a URL, or a path from the site root.
    pub(crate) image: Option<Href>,
    /// The profile's body as HTML.
    pub(crate) bio_html: String,
    /// The links the body writes, for `check`.
    pub(crate) links: Vec<markdown::WrittenLink>,
}

/// A player, with or without a profile.
#[derive(Debug, Clone)]
pub(crate) struct Player {
    /// The player's URL segment: a profile's file name, else the slug of the name.
    pub(crate) slug: Slug,
    /// The player's name.
    pub(crate) name: String,
    /// The profile, when there is one.
    pub(crate) profile: Option<PlayerProfile>,
    /// The articles that name the player, by index into the site's articles (newest first).
    pub(crate) articles: Vec<usize>,
    /// The player's sagas, newest first.
    pub(crate) sagas: Vec<usize>,
    /// The club of the latest completed move, else the profile's.
    pub(crate) club: Option<Slug>,
}

impl Player {
    /// The player, before the model finds the articles, rumours and sagas that name them.
    pub(crate) fn new(slug: Slug, name: String, profile: Option<PlayerProfile>) -> Self {
        Self { slug, name, profile, articles: Vec::new(), sagas: Vec::new(), club: None }
    }
}

impl PlayerProfile {
    /// The profile in `file`, its bio rendered; the club it names is resolved in `clubs`.
    pub(crate) fn from_file(
        file: ProfileFile<'_, RawPlayer>,
        clubs: &Registry,
        zone: chrono_tz::Tz,
        links: &impl Resolve,
    ) -> Result<(Slug, Self), Vec<Diagnostic>> {
        let ProfileFile { file, parsed, slug } = file;
        let html = markdown::render(&file.path, &file.text, parsed.body.clone(), links, None)?;
        let RawPlayer { name: _, aliases, position, nationality, born, contract_until, club, image } =
            parsed.front;
        let profile = Self {
            aliases,
            position,
            nationality,
            born: born.map(|day| day.resolve(zone)),
            contract_until: contract_until.map(|day| day.resolve(zone)),
            club: club.map(|club| clubs.slug(&club)),
            image,
            bio_html: html.content,
            links: html.links,
        };
        Ok((slug, profile))
    }
}
