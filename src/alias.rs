//! Aliases: the old paths of articles and pages. Each is a page that sends readers on to
//! where the article or page is now; a path the site already has cannot be one.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::frontmatter::Parsed;
use crate::load::{StaticFile, TextFile};
use crate::render;
use crate::site::Site;
use crate::slug::Slug;
use crate::url::Route;

/// Where an alias sends readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Redirect {
    Article(Slug),
    Page(Slug),
}

impl Redirect {
    pub(crate) fn route(&self) -> Route<'_> {
        match self {
            Self::Article(slug) => Route::Article(slug),
            Self::Page(slug) => Route::Page(slug),
        }
    }
}

/// An alias as front matter gives it: the file it is written in, its path as routes
/// write it, and where it leads.
pub(crate) struct Alias<'f> {
    pub(crate) file: &'f TextFile,
    pub(crate) path: String,
    pub(crate) to: Redirect,
}

/// The path from the site's root that an alias, such as `/2025/06/old-slug/`, names, as
/// a route writes it (`2025/06/old-slug/`), or what is wrong with it.
pub(crate) fn path(alias: &str) -> Result<String, String> {
    let Some(path) = alias.strip_prefix('/') else {
        return Err(format!("the alias `{alias}` is not a path from the site's root"));
    };
    if path.contains(['?', '#', '\\']) || path.chars().any(char::is_whitespace) {
        return Err(format!("the alias `{alias}` has a character a path cannot take here"));
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err(format!("the alias `{alias}` is not a plain path: it has an empty, `.` or `..` part"));
    }
    // A file name is kept; anything else is a folder with an index.
    Ok(match path.ends_with(".html") {
        true => path.to_owned(),
        false => format!("{}/", path.trim_end_matches('/')),
    })
}

/// The paths of `aliases`, from the front matter `parsed` of `file`, as routes write
/// them; a problem at the `aliases` line for each that is not a path from the site's root.
pub(crate) fn check<T>(
    file: &TextFile,
    parsed: &Parsed<T>,
    aliases: &[String],
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut paths = Vec::with_capacity(aliases.len());
    for alias in aliases {
        match path(alias) {
            Ok(path) => paths.push(path),
            Err(message) => {
                let at = parsed.locate(&file.text, "aliases", 0);
                let help = match alias.starts_with('/') {
                    true => {
                        "write the old path from the site's root, such as \"/2025/06/old-slug/\"".to_owned()
                    }
                    false => format!("write the old path from the site's root: \"/{alias}\""),
                };
                problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
            }
        }
    }
    paths
}

/// Each alias of `aliases` by its path, with where it leads, or a problem for each that
/// takes a path the site has: a page's, a static file's or another alias's.
pub(crate) fn redirects(
    site: &Site,
    aliases: Vec<Alias<'_>>,
    statics: &[StaticFile],
) -> Result<BTreeMap<String, Redirect>, Diagnostics> {
    let mut redirects = BTreeMap::new();
    let mut problems = Diagnostics::default();
    for Alias { file, path, to } in aliases {
        let output = Route::Alias(&path).output_path();
        let taken = match render::route_at(site, &output) {
            Some(route) => Some(format!("the page at {}", site.config.base_url.link(&route))),
            None if statics.iter().any(|s| s.output_path == output) => {
                Some(format!("the file static/{output}"))
            }
            None if redirects.contains_key(&path) => Some("another alias".to_owned()),
            None => None,
        };
        match taken {
            None => {
                redirects.insert(path, to);
            }
            Some(taken) => {
                let written = format!("/{}", path.trim_end_matches('/'));
                let at = file.text.find(&written).map_or(0..0, |at| at..at + written.len());
                let message = format!("the alias `/{path}` is a path the site already has: {taken}");
                problems.push(
                    Diagnostic::at(&file.path, &file.text, at, message)
                        .with_help("give the old path the article or page had, which nothing else has now"),
                );
            }
        }
    }
    problems.into_result(redirects)
}

/// The page at an alias: it sends browsers on to `url` at once, and tells search engines
/// that `url` is the page and this one is not to be listed.
pub(crate) fn page(url: &str, language: &str) -> Vec<u8> {
    let url = html_escape::encode_double_quoted_attribute(url);
    let language = html_escape::encode_double_quoted_attribute(language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{url}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n\
         <body><p>This page has moved to <a href=\"{url}\">{url}</a>.</p></body>\n</html>\n"
    )
    .into_bytes()
}
