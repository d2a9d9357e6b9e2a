//! The command line: one `Args` struct per command, each with its own `run`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::{BuildOptions, Error, Include, InitOptions, NewArticle, ServeOptions};

/// A static site generator for football transfer blogs.
#[derive(Debug, Parser)]
#[command(name = "rumourmill", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Check content and templates without writing anything.
    Check(CheckArgs),
    /// Serve the site from memory, and reload open pages when its files change.
    Serve(ServeArgs),
    /// Write a new article, its front matter filled in.
    New(NewArgs),
    /// Make a new site: config, an example article and profiles, the Pages workflow.
    Init(InitArgs),
}

impl Cli {
    /// Runs the command the user chose.
    pub fn run(self) -> Result<(), Error> {
        match self.command {
            Command::Build(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Init(args) => args.run(),
        }
    }
}

/// Where the site is: shared by every command that reads one.
#[derive(Debug, Args)]
struct SiteArgs {
    /// The site's folder, holding config.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

/// Which articles to take beyond the published ones.
#[derive(Debug, Args)]
struct IncludeArgs {
    /// Also build articles and pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
    /// Also build articles dated in the future.
    #[arg(long)]
    future: bool,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish at this URL instead of config.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[command(flatten)]
    include: IncludeArgs,
    /// Also print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
}

impl BuildArgs {
    fn run(self) -> Result<(), Error> {
        let output = self.output.unwrap_or_else(|| self.site.root.join("public"));
        let options = BuildOptions {
            root: self.site.root,
            output: output.clone(),
            base_url: self.base_url,
            include: Include { drafts: self.include.drafts, future: self.include.future },
        };
        let report = crate::build(&options)?;
        println!(
            "Built {}, {} and {} into {} in {} ms",
            counted(report.articles, "article"),
            counted(report.players, "player"),
            counted(report.files, "file"),
            output.display(),
            report.timings.total().as_millis()
        );
        eprint!("{}", report.held_back);
        if self.timings {
            let t = report.timings;
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            println!(
                "load {:.0} ms, model {:.0} ms, render {:.0} ms, write {:.0} ms",
                ms(t.load),
                ms(t.model),
                ms(t.render),
                ms(t.write)
            );
        }
        Ok(())
    }
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Check the site as built for this URL instead of config.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

impl CheckArgs {
    fn run(self) -> Result<(), Error> {
        let report = crate::check(&self.site.root, self.base_url.as_deref())?;
        if !report.warnings.is_empty() {
            eprintln!("{}", report.warnings);
        }
        println!(
            "Checked {} and {}: no errors",
            counted(report.articles, "article"),
            counted(report.files, "file")
        );
        Ok(())
    }
}

/// "1 article", "2 articles".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The address to listen on; other than loopback, other machines can see the site.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_name = "ADDRESS")]
    bind: IpAddr,
    /// The port to listen on; 0 takes any free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    #[command(flatten)]
    include: IncludeArgs,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

impl ServeArgs {
    fn run(self) -> Result<(), Error> {
        crate::serve(&ServeOptions {
            root: self.site.root,
            address: SocketAddr::new(self.bind, self.port),
            include: Include { drafts: self.include.drafts, future: self.include.future },
            open: self.open,
        })
    }
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The article's headline.
    title: String,
    #[command(flatten)]
    site: SiteArgs,
    /// A player the article is about; give it once for each.
    #[arg(long = "player", value_name = "NAME")]
    players: Vec<String>,
    /// A club the article is about; give it once for each. With a player, the first
    /// club is where the player is and the last where the rumour takes them.
    #[arg(long = "club", value_name = "NAME")]
    clubs: Vec<String>,
    /// Its date, such as 2025-07-01 or 2025-07-01T09:30:00 [default: now, in the site's time zone].
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Mark it a draft, built only with --drafts.
    #[arg(long)]
    draft: bool,
}

impl NewArgs {
    fn run(self) -> Result<(), Error> {
        let path = crate::new_article(&NewArticle {
            root: self.site.root,
            title: self.title,
            players: self.players,
            clubs: self.clubs,
            date: self.date,
            draft: self.draft,
        })?;
        println!("{}", path.display());
        Ok(())
    }
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder to make the site in: new, or empty.
    dir: PathBuf,
    /// The site's name.
    #[arg(long, default_value = "Transfer Rumours")]
    title: String,
    /// The address the site is published at; the Pages workflow uses the one Pages gives.
    #[arg(long, value_name = "URL", default_value = "https://example.com/")]
    base_url: String,
}

impl InitArgs {
    fn run(self) -> Result<(), Error> {
        let options = InitOptions { dir: self.dir, title: self.title, base_url: self.base_url };
        let written = crate::init(&options)?;
        let dir = options.dir.display();
        println!("Made a site in {dir}: {} files, with an example article to replace.", written.len());
        println!("Next: cd {dir} && rumourmill serve");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
