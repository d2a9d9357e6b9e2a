//! rumourmill: a static site generator for football transfer blogs.
//!
//! A build runs four stages, each passing its value to the next:
//!
//! ```text
//! load (disk -> SiteFiles) -> model (SiteFiles -> Site) -> render (Site -> Documents) -> write (Documents -> disk)
//! ```
//!
//! Only `load` reads the disk and only `write` writes it; `model` and `render` are pure.
//! Any one page renders on its own from the model, and the model updates itself from the
//! files that change, which is what `serve` is made of.

mod alias;
mod anchor;
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
#[doc(hidden)]
pub mod fuzz;
mod html;
mod init;
mod likelihood;
mod linkcheck;
mod live;
mod load;
mod markdown;
mod model;
mod money;
mod near_miss;
mod new;
mod page;
mod player;
mod profile;
mod record;
mod render;
mod reuse;
mod rumour;
mod saga;
mod search;
mod serve;
mod site;
mod sitemap;
mod slug;
mod source;
mod tag;
mod theme;
mod update;
mod url;
mod view;
mod window;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use article::HeldBack;
pub use cli::Cli;
pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
pub use fs::FsError;
pub use init::{InitOptions, init};
pub use new::{NewArticle, new_article};
pub use serve::{ServeOptions, serve};

use site::Settings;

/// The hash map of the model, whose keys are names, slugs and paths. Fx hashes such short
/// keys faster than the standard hasher, whose guard against crafted keys a site does not
/// need: an update after a body edit of 10,000 articles took 15.0 ms with it and 25.7 ms
/// with the standard one (criterion, one run after the other).
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
use url::BaseUrl;

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
    /// The articles left out.
    pub held_back: HeldBack,
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
    let base_url = options.base_url.as_deref().map(BaseUrl::flag).transpose()?;
    let settings = Settings {
        base_url,
        drafts: options.include.drafts,
        future: options.include.future,
        now: chrono::Utc::now(),
    };
    let mut timings = Timings::default();
    let clock = Instant::now();
    let files = load::load(&options.root)?;
    timings.load = clock.elapsed();

    let clock = Instant::now();
    let (site, theme, statics) = model::once(files, &settings).map_err(|e| Error::from(e).errors_only())?;
    timings.model = clock.elapsed();

    let clock = Instant::now();
    let staging = write::Staging::begin(&options.output)?;
    render::render_all(&site, &theme, &|document| staging.put(document)).map_err(Error::errors_only)?;
    timings.render = clock.elapsed();

    let clock = Instant::now();
    let files = staging.finish(&statics)?;
    timings.write = clock.elapsed();

    let (articles, players) = (site.articles.len(), site.players.len());
    Ok(BuildReport { articles, players, files, held_back: site.held_back, timings })
}

/// Checks the site at `root` as a build at `base_url` (else the config's) would, drafts
/// and future articles included, without writing anything: its content and templates, and
/// every internal link of the pages it would build. Fails on a name without a profile
/// that is likely a profiled name misspelt; returns the warnings: the other names that no
/// profile describes.
pub fn check(root: &Path, base_url: Option<&str>) -> Result<CheckReport, Error> {
    let base_url = base_url.map(BaseUrl::flag).transpose()?;
    let settings = Settings { base_url, drafts: true, future: true, now: chrono::Utc::now() };
    let files = load::load(root)?;
    let placeholders = new::placeholders(&files.articles);
    let site = model::model(&files, &mut reuse::Kept::default(), &settings, None);
    let (site, theme, mut problems) = match (site, theme::Theme::new(&files.templates)) {
        (Ok(site), Ok(theme)) => (site, theme, Diagnostics::default()),
        // Faults that leave every page whole hide no broken link: the site is crawled
        // all the same, and its near misses are reported below as errors.
        (Err(model::Unbuilt { problems, site: Some(site) }), Ok(theme)) => (*site, theme, problems.errors()),
        (site, theme) => {
            let mut problems = Diagnostics::default();
            problems.extend(site.err().into_iter().flat_map(|unbuilt| unbuilt.problems));
            problems.extend(theme.err().into_iter().flatten());
            return Err(Error::Content(problems.sorted()));
        }
    };
    let statics = files.statics;
    let built: Mutex<Vec<(String, Option<html::Scan>)>> = Mutex::new(Vec::new());
    render::render_all(&site, &theme, &|document| {
        let scan =
            document.path.ends_with(".html").then(|| html::scan(&String::from_utf8_lossy(&document.bytes)));
        built.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((document.path, scan));
        Ok(())
    })?;
    let built = built.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    problems.extend(write::conflicts(built.iter().map(|(path, _)| path.as_str()), &statics));
    problems.extend(linkcheck::check(&site, &built, &statics));
    let mut warnings = site.unprofiled();
    warnings.extend(placeholders);
    warnings.extend(window::unwindowed(&site));
    if !problems.is_empty() || warnings.has_errors() {
        problems.extend(warnings);
        return Err(Error::Content(problems.sorted()));
    }
    Ok(CheckReport {
        articles: site.articles.len(),
        files: built.len() + statics.len(),
        warnings: warnings.sorted(),
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

/// The engine that `build` and `serve` share, for the benchmarks in `benches/`; not a
/// stable interface.
#[doc(hidden)]
pub mod engine {
    use std::path::{Path, PathBuf};

    use crate::{Error, Settings, live, render};

    /// A site modelled in memory.
    #[derive(Debug)]
    pub struct Engine(live::Live);

    impl Engine {
        /// Reads and models the site at `root`, as `build` would.
        pub fn load(root: &Path) -> Result<Self, Error> {
            let settings = Settings { base_url: None, drafts: false, future: false, now: chrono::Utc::now() };
            Ok(Self(live::load(root, settings)?))
        }

        /// Models the site anew after the files at `paths` changed.
        pub fn update(&mut self, paths: &[PathBuf]) -> Result<(), Error> {
            self.0.update(paths)
        }

        /// The file at `path` in the output folder, rendered on its own.
        pub fn render(&self, path: &str) -> Option<Result<Vec<u8>, Error>> {
            Some(self.0.render(path)?.map_err(|problem| Error::Content(problem.into())))
        }

        /// Where every file the site renders goes in the output folder.
        pub fn paths(&self) -> Vec<String> {
            render::routes(&self.0.site).iter().map(|route| route.output_path()).collect()
        }
    }
}
