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
mod manifest;
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
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use cli::Cli;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
pub use fs::FsError;

use site::{Settings, Site};
use theme::Theme;

/// The most articles, or other items about as quick, that one thread takes at a time from
/// a list that both work through. Left to itself, rayon cuts a list of many thousands into
/// quarters that no other thread can help with once begun, and one core is left idle
/// while the other ends its quarter: for as long as half a second at 100,000 articles when
/// the host slows one core down.
pub(crate) const ARTICLES_AT_ONCE: usize = 64;

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
    /// What becomes of the build's memory once the output is written.
    pub memory: Memory,
}

/// What becomes of a build's memory once its output is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Memory {
    /// Freed, for a process that goes on after the build.
    #[default]
    Free,
    /// Left for the operating system to take back, for a process that exits right after
    /// the build, as the command does: freeing a large site piece by piece takes a while.
    Leave,
}

impl Memory {
    /// Frees `value`, or leaves it for the operating system.
    pub(crate) fn release<T>(self, value: T) {
        match self {
            Self::Free => drop(value),
            Self::Leave => std::mem::forget(value),
        }
    }
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
    /// Parsing and resolving it, and compiling the templates.
    pub model: Duration,
    /// Rendering the pages, each written into the staging folder as it is done.
    pub render: Duration,
    /// Copying `static/` and swapping the staging folder in for the output.
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
    let errors_only = |error| match error {
        Error::Content(problems) => Error::Content(problems.errors()),
        other => other,
    };
    // What the spare beside the output holds is read while the site is made.
    let (modelled, spare) =
        rayon::join(|| model(&options.root, &settings), || write::Spare::read(&options.output));
    let (sources, mut site, theme, mut timings) = modelled.map_err(errors_only)?;
    // The model holds all it needs of the content; only the static files are still to
    // copy, and the rest is freed now rather than at the end.
    let statics = sources.into_statics();

    let clock = Instant::now();
    let staging = write::Staging::begin(&options.output, spare)?;
    render_into(&staging, &mut site, &theme, options.memory).map_err(errors_only)?;
    timings.render = clock.elapsed();

    let clock = Instant::now();
    let (articles, players) = (site.articles.len(), site.players.len());
    // Freeing a large site takes a while; it is done while the output is swapped in.
    let (files, ()) = rayon::join(|| staging.finish(&statics), || options.memory.release(site));
    let files = files?;
    timings.write = clock.elapsed();

    Ok(BuildReport { articles, players, files, timings })
}

/// Renders every page of `site` into `staging`. Into a fresh folder, the pages' folders
/// are made ahead of them, on a thread of their own.
fn render_into(
    staging: &write::Staging,
    site: &mut Site,
    theme: &Theme,
    memory: Memory,
) -> Result<(), Error> {
    let folders = if staging.is_fresh() { render::folders(site) } else { Vec::new() };
    std::thread::scope(|scope| {
        if !folders.is_empty() {
            scope.spawn(|| staging.make_folders_ahead(&folders));
        }
        render::render(site, theme, memory, &|document| staging.put(document))
    })
}

/// Checks the site at `root` as a build would, drafts and future articles included,
/// without writing anything: its content and templates, and every internal link of the
/// pages it would build. Returns the warnings: names that no profile describes.
pub fn check(root: &Path) -> Result<CheckReport, Error> {
    let settings = Settings { base_url: None, drafts: true, future: true, now: chrono::Utc::now() };
    let (sources, mut site, theme, _) = model(root, &settings)?;
    let built: Mutex<Vec<(String, Option<html::Scan>)>> = Mutex::new(Vec::new());
    render::render(&mut site, &theme, Memory::Free, &|document| {
        let scan =
            document.path.ends_with(".html").then(|| html::scan(&String::from_utf8_lossy(&document.bytes)));
        built.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((document.path, scan));
        Ok(())
    })?;
    let built = built.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut problems = write::conflicts(built.iter().map(|(path, _)| path.as_str()), &sources.statics);
    problems.extend(linkcheck::check(&site, &built, &sources.statics));
    if !problems.is_empty() {
        problems.extend(site.warnings());
        return Err(Error::Content(problems.sorted()));
    }
    Ok(CheckReport {
        articles: site.articles.len(),
        files: built.len() + sources.statics.len(),
        warnings: site.warnings(),
    })
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

/// Stages 1 and 2: the site read and modelled, and its templates compiled.
fn model(root: &Path, settings: &Settings) -> Result<(load::Sources, Site, Theme, Timings), Error> {
    let mut timings = Timings::default();

    let clock = Instant::now();
    let mut sources = load::load(root)?;
    let articles = std::mem::take(&mut sources.articles);
    timings.load = clock.elapsed();

    let clock = Instant::now();
    let (site, theme) =
        rayon::join(|| Site::build(&sources, articles, settings), || Theme::new(&sources.templates));
    let (site, theme) = both(site, theme)?;
    timings.model = clock.elapsed();
    Ok((sources, site, theme, timings))
}

/// Each stage on its own, for the benchmarks in `benches/`; not a stable interface.
#[doc(hidden)]
pub mod stages {
    use std::path::Path;

    use crate::{Error, Memory, Settings, Site, Theme, load, render, write};

    /// A site as read from disk.
    pub struct Loaded(load::Sources);

    /// A site modelled, with its templates compiled.
    pub struct Modelled(Site, Theme);

    fn settings() -> Settings {
        Settings { base_url: None, drafts: false, future: false, now: chrono::Utc::now() }
    }

    /// Stage 1: reads the site at `root`.
    pub fn load(root: &Path) -> Result<Loaded, Error> {
        Ok(Loaded(load::load(root)?))
    }

    /// Stage 2: models a loaded site (its articles are copied, as the model consumes them).
    pub fn model(loaded: &Loaded) -> Result<Modelled, Error> {
        let site = Site::build(&loaded.0, loaded.0.articles.clone(), &settings())?;
        Ok(Modelled(site, Theme::new(&loaded.0.templates)?))
    }

    /// Stage 3: renders every page and file, keeping none; returns how many bytes they are.
    /// Rendering takes the article bodies out of the model, so it takes a model of its own.
    pub fn render(mut modelled: Modelled) -> Result<usize, Error> {
        let bytes = std::sync::atomic::AtomicUsize::new(0);
        render::render(&mut modelled.0, &modelled.1, Memory::Free, &|document| {
            bytes.fetch_add(document.bytes.len(), std::sync::atomic::Ordering::Relaxed);
            Ok(())
        })?;
        Ok(bytes.into_inner())
    }

    /// Stages 3 and 4: renders and writes the site into `output`.
    pub fn render_and_write(mut modelled: Modelled, output: &Path) -> Result<usize, Error> {
        let staging = write::Staging::begin(output, write::Spare::read(output))?;
        crate::render_into(&staging, &mut modelled.0, &modelled.1, Memory::Free)?;
        staging.finish(&[])
    }
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
