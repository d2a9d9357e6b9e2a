//! rumourmill: a static site generator for football transfer blogs.
//!
//! A build runs four stages, each passing its value to the next:
//!
//! ```text
//! load (disk -> Sources) -> model (Sources -> Site) -> render (Site -> Documents) -> write (Documents -> disk)
//! ```
//!
//! Only `load` reads the disk and only `write` writes it; `model` and `render` are pure.

mod article;
mod cli;
mod club;
mod config;
mod data;
mod date;
mod diagnostic;
mod entity;
mod error;
mod feed;
mod format;
mod frontmatter;
mod fs;
mod html;
mod linkcheck;
mod load;
mod markdown;
mod page;
mod player;
mod profile;
mod record;
mod render;
mod rumour;
mod saga;
mod site;
mod sitemap;
mod slug;
mod source;
mod tag;
mod theme;
mod url;
mod view;
mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use cli::Cli;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
pub use fs::FsError;

use site::{Settings, Site};
use theme::Theme;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder.
    pub root: PathBuf,
    /// The output folder.
    pub output: PathBuf,
    /// Stands in for the config's `base_url`.
    pub base_url: Option<String>,
    /// Which unpublished articles to build.
    pub include: Include,
}

/// Which unpublished articles a build takes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Include {
    /// Articles and pages marked `draft`.
    pub drafts: bool,
    /// Articles dated after now.
    pub future: bool,
}

/// What a build made, and how long each stage took.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Articles built.
    pub articles: usize,
    /// Player pages built.
    pub players: usize,
    /// Files written.
    pub files: usize,
    /// Time per stage.
    pub timings: Timings,
}

/// Wall time of each stage of a build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading the site.
    pub load: Duration,
    /// Parsing and resolving it.
    pub model: Duration,
    /// Rendering the pages.
    pub render: Duration,
    /// Writing the output.
    pub write: Duration,
}

impl Timings {
    /// The whole build.
    pub fn total(&self) -> Duration {
        self.load + self.model + self.render + self.write
    }
}

/// Builds the site at `options.root` into `options.output`. On any error the previous
/// output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let settings = Settings {
        base_url: options.base_url.clone(),
        drafts: options.include.drafts,
        future: options.include.future,
        now: chrono::Utc::now(),
    };
    // A build fails on errors alone; warnings are for `check`.
    let prepared = prepare(&options.root, &settings).map_err(|error| match error {
        Error::Content(problems) => Error::Content(problems.errors()),
        other => other,
    })?;
    let Prepared { site, plan, mut timings } = prepared;

    let clock = Instant::now();
    write::write(&options.output, &plan)?;
    timings.write = clock.elapsed();

    Ok(BuildReport { articles: site.articles.len(), players: site.players.len(), files: plan.len(), timings })
}

/// Checks the site at `root` as a build would, drafts and future articles included,
/// without writing anything. Returns the warnings: names that no profile describes.
pub fn check(root: &Path) -> Result<CheckReport, Error> {
    let settings = Settings { base_url: None, drafts: true, future: true, now: chrono::Utc::now() };
    let Prepared { site, plan, .. } = prepare(root, &settings)?;
    let broken = linkcheck::check(&site, &plan);
    if !broken.is_empty() {
        let mut problems = broken;
        problems.extend(site.warnings);
        return Err(Error::Content(problems.sorted()));
    }
    Ok(CheckReport { articles: site.articles.len(), files: plan.len(), warnings: site.warnings })
}

/// What `check` found in a site that builds.
#[derive(Debug)]
pub struct CheckReport {
    /// Articles checked.
    pub articles: usize,
    /// Files a build would write.
    pub files: usize,
    /// Names that no profile describes, each with the nearest known names.
    pub warnings: Diagnostics,
}

/// A site read, modelled and rendered, ready to write.
struct Prepared {
    site: Site,
    plan: write::Plan,
    timings: Timings,
}

fn prepare(root: &Path, settings: &Settings) -> Result<Prepared, Error> {
    let mut timings = Timings::default();

    let clock = Instant::now();
    let sources = load::load(root)?;
    timings.load = clock.elapsed();

    let clock = Instant::now();
    let (site, theme) = rayon::join(|| Site::build(&sources, settings), || Theme::new(&sources.templates));
    let (site, theme) = both(site, theme)?;
    timings.model = clock.elapsed();

    let clock = Instant::now();
    let documents = render::render(&site, &theme)?;
    let plan = write::Plan::new(documents, &sources.statics)?;
    timings.render = clock.elapsed();

    Ok(Prepared { site, plan, timings })
}

/// Both values, or the problems of either or both together.
fn both<A, B>(a: Result<A, Diagnostics>, b: Result<B, Diagnostics>) -> Result<(A, B), Diagnostics> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut problems = Diagnostics::default();
            problems.extend(a.err().into_iter().flatten());
            problems.extend(b.err().into_iter().flatten());
            problems.into_result(()).map(|()| unreachable!("at least one side failed"))
        }
    }
}
