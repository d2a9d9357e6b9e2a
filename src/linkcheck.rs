//! `check`'s walk of the built site: every internal `href` and `src` must lead to a page
//! or file of the site, and every `#fragment` to an id on that page. A broken link written
//! in Markdown is reported where it is written; one from a template, on the page it is in.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use url::Url;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::html::Scan;
use crate::load::StaticFile;
use crate::site::Site;
use crate::url::BaseUrl;

/// Every broken internal link of the built site: `built` lists every file rendered, with
/// the scan of each page.
pub(crate) fn check(site: &Site, built: &[(String, Option<Scan>)], statics: &[StaticFile]) -> Diagnostics {
    let files: HashSet<&str> = built
        .iter()
        .map(|(path, _)| path.as_str())
        .chain(statics.iter().map(|f| f.output_path.as_str()))
        .collect();
    let pages: HashMap<&str, &Scan> =
        built.iter().filter_map(|(path, scan)| Some((path.as_str(), scan.as_ref()?))).collect();
    let base = &site.config.base_url;

    let mut broken: Vec<(&str, &str, Broken)> = pages
        .par_iter()
        .flat_map_iter(|(&page, scan)| {
            let files = &files;
            let pages = &pages;
            scan.links.iter().filter_map(move |link| {
                follow(base, page, link, files, pages).err().map(|why| (page, link.as_str(), why))
            })
        })
        .collect();
    broken.sort();

    let mut written: HashMap<&str, Vec<(&str, &Diagnostic)>> = HashMap::new();
    for link in site.written_links() {
        written.entry(link.dest.as_str()).or_default().push((&link.written, &link.at));
    }
    // A link written in Markdown leads where it leads from every page that shows it, as a
    // summary on the feed does: it is reported once, where it is written.
    let reported: HashSet<&str> = broken
        .iter()
        .filter(|(_, link, _)| written.contains_key(link))
        .filter_map(|(_, _, why)| why.target.as_deref())
        .collect();
    let mut problems = Diagnostics::default();
    for (page, link, why) in &broken {
        let Broken { why, target } = why;
        match written.get(link) {
            Some(places) => {
                for (as_written, at) in places {
                    let message = format!("broken link `{as_written}`: {why}");
                    let help = match target.as_deref().and_then(|target| target.split_once('#')) {
                        Some(_) => {
                            "link to an id the page has: a heading's is its text in lower case, \
                                    with hyphens, such as #the-deal"
                        }
                        None => {
                            "link from the site's root to a page, such as /articles/SLUG/ or \
                                 /players/NAME/, or to a file of static/, such as /images/a.png"
                        }
                    };
                    problems.push((*at).clone().with_message(message).with_help(help));
                }
            }
            None if target.as_deref().is_some_and(|target| reported.contains(target)) => {}
            None => problems.push(
                Diagnostic::in_file(Path::new(page), format!("broken link `{link}`: {why}"))
                    .with_help("the link is in the template this page is built from"),
            ),
        }
    }
    problems.sorted()
}

/// Why a link leads nowhere, and where it leads (its path and fragment) when it is a URL.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Broken {
    why: String,
    target: Option<String>,
}

/// Where an internal link leads, or why it leads nowhere. Links to other sites, and to
/// anything but http(s), are not followed.
fn follow(
    base: &BaseUrl,
    page: &str,
    link: &str,
    files: &HashSet<&str>,
    pages: &HashMap<&str, &Scan>,
) -> Result<(), Broken> {
    let Some(target) = here_to(base, page, link)? else { return Ok(()) };
    let at = |why: String| Broken { why, target: Some(target[url::Position::BeforePath..].to_owned()) };
    reach(base, &target, files, pages).map_err(at)
}

/// The URL `link` leads to from `page`, or why it is none.
fn here_to(base: &BaseUrl, page: &str, link: &str) -> Result<Option<Url>, Broken> {
    let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
    let here =
        format!("{}{}", base.as_str(), if folder.is_empty() { String::new() } else { format!("{folder}/") });
    let Ok(here) = Url::parse(&here) else { return Ok(None) };
    here.join(link).map(Some).map_err(|_| Broken { why: "it is not a valid URL".to_owned(), target: None })
}

/// Whether `target` is a page or file of the site, with the id its fragment names; links to
/// other sites, and to anything but http(s), are not followed.
fn reach(
    base: &BaseUrl,
    target: &Url,
    files: &HashSet<&str>,
    pages: &HashMap<&str, &Scan>,
) -> Result<(), String> {
    let Ok(root) = Url::parse(base.as_str()) else { return Ok(()) };
    if !matches!(target.scheme(), "http" | "https") || target.origin() != root.origin() {
        return Ok(());
    }
    let Some(rest) = target.path().strip_prefix(base.path()) else {
        return Err(format!("it leads outside the site, which lives under {}", base.path()));
    };
    let rest = percent_decode_str(rest).decode_utf8_lossy();
    let file = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else if files.contains(rest.as_ref()) {
        rest.into_owned()
    } else {
        format!("{rest}/index.html")
    };
    if !files.contains(file.as_str()) {
        return Err(format!("nothing is built at {}", target.path()));
    }
    match target.fragment().filter(|fragment| !fragment.is_empty()) {
        Some(fragment) => {
            let fragment = percent_decode_str(fragment).decode_utf8_lossy();
            let has_id = pages.get(file.as_str()).is_some_and(|scan| scan.ids.contains(fragment.as_ref()));
            if has_id { Ok(()) } else { Err(format!("{} has no #{fragment}", target.path())) }
        }
        None => Ok(()),
    }
}
