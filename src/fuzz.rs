//! Entry points for the fuzz targets in `fuzz/`: each takes any text as one file of a
//! site and runs it through what reads that file. Whatever the text, they return; an
//! error is rendered the way a build prints it, so its location is exercised too.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{TimeZone, Utc};

use crate::article::{ParsedArticle, RawArticle};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::Diagnostics;
use crate::load::{SiteFiles, TextFile};
use crate::model::model;
use crate::player::RawPlayer;
use crate::reuse::Kept;
use crate::site::Settings;
use crate::theme::Theme;
use crate::{frontmatter, profile, render};

const CONFIG: &str =
    "title = \"Fuzz\"\nbase_url = \"https://example.com/blog/\"\ntimezone = \"Europe/Madrid\"\n";
const PLAYER: &str = "+++\nname = \"Viktor Gyökeres\"\naliases = [\"Gyokeres\"]\n+++\nA striker.\n";

fn file(path: &str, text: &str) -> TextFile {
    TextFile { path: PathBuf::from(path), text: text.to_owned() }
}

/// Splits and parses `text` as an article's front matter and as a player profile's.
pub fn front_matter(text: &str) {
    let article = file("content/articles/2025-03-27-fuzz.md", text);
    let mut problems: Diagnostics = match frontmatter::parse::<RawArticle>(&article) {
        Ok((parsed, found)) => {
            let more = ParsedArticle::new(&article, parsed, chrono_tz::Tz::Europe__Madrid, None).err();
            found.into_iter().chain(more.into_iter().flatten()).collect()
        }
        Err(found) => found.into_iter().collect(),
    };
    let _ = profile::parse_named::<RawPlayer>(&file("content/players/fuzz.md", text), &mut problems);
    let _ = problems.to_string();
}

/// Models a site whose one article is `text`, beside a player profile, and renders every
/// page of it with the built-in theme.
pub fn article(text: &str) {
    // Compiling the theme takes longer than the rest; it is the same for every input.
    static THEME: OnceLock<Theme> = OnceLock::new();
    let theme = THEME.get_or_init(|| Theme::new(&[]).expect("the built-in theme compiles"));
    let files = SiteFiles {
        config: Some(file(CONFIG_FILE, CONFIG)),
        articles: vec![file("content/articles/2025-03-27-fuzz.md", text)],
        players: vec![file("content/players/viktor-gyokeres.md", PLAYER)],
        ..SiteFiles::default()
    };
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().unwrap_or_default();
    let settings = Settings { base_url: None, drafts: true, future: true, now };
    // A site with faults is rendered as well, as `check` renders it.
    let site = match model(&files, &mut Kept::default(), &settings, None) {
        Ok(site) => Some(site),
        Err(unbuilt) => {
            let _ = unbuilt.problems.to_string();
            unbuilt.site.map(|site| *site)
        }
    };
    if let Some(site) = site
        && let Err(error) = render::render_all(&site, theme, &|_| Ok(()))
    {
        let _ = error.to_string();
    }
}

/// Parses `text` as `config.toml`.
pub fn config(text: &str) {
    if let Err(problems) = Config::parse(&file(CONFIG_FILE, text), None) {
        let _ = problems.to_string();
    }
}
