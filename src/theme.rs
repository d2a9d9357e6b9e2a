//! The templates: the built-in theme compiled into the binary, with a site's own
//! `templates/` overriding any of it by file name. Compiled once per build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono::format::StrftimeItems;
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::TextFile;

/// The built-in theme: this repository's `templates/`.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("player.html", include_str!("../templates/player.html")),
    ("players.html", include_str!("../templates/players.html")),
    ("club.html", include_str!("../templates/club.html")),
    ("clubs.html", include_str!("../templates/clubs.html")),
    ("source.html", include_str!("../templates/source.html")),
    ("sources.html", include_str!("../templates/sources.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("saga.html", include_str!("../templates/saga.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("style.css", include_str!("../templates/style.css")),
    ("favicon.svg", include_str!("../templates/favicon.svg")),
    ("search.html", include_str!("../templates/search.html")),
    ("windows.html", include_str!("../templates/windows.html")),
    ("window.html", include_str!("../templates/window.html")),
    ("league.html", include_str!("../templates/league.html")),
    ("contracts.html", include_str!("../templates/contracts.html")),
    ("partials/ledger.html", include_str!("../templates/partials/ledger.html")),
    ("partials/saga_table.html", include_str!("../templates/partials/saga_table.html")),
    ("partials/article_card.html", include_str!("../templates/partials/article_card.html")),
    ("partials/rumour.html", include_str!("../templates/partials/rumour.html")),
    ("partials/pagination.html", include_str!("../templates/partials/pagination.html")),
    ("partials/rumour_meta.html", include_str!("../templates/partials/rumour_meta.html")),
    ("partials/record.html", include_str!("../templates/partials/record.html")),
    ("partials/saga.html", include_str!("../templates/partials/saga.html")),
    ("partials/claim.html", include_str!("../templates/partials/claim.html")),
    ("partials/saga_row.html", include_str!("../templates/partials/saga_row.html")),
    ("partials/club_moves.html", include_str!("../templates/partials/club_moves.html")),
    ("partials/article_item.html", include_str!("../templates/partials/article_item.html")),
    ("partials/masthead.html", include_str!("../templates/partials/masthead.html")),
    ("partials/picture.html", include_str!("../templates/partials/picture.html")),
    ("partials/feed_links.html", include_str!("../templates/partials/feed_links.html")),
];

/// Each template's file and text, by name.
type Templates = BTreeMap<String, (PathBuf, String)>;

/// How dates show when a template does not say: "27 March 2025".
const DEFAULT_DATE_FORMAT: &str = "%-d %B %Y";

/// The compiled templates.
#[derive(Debug)]
pub(crate) struct Theme {
    tera: Tera,
    /// Each template's source and the file it came from, for error messages.
    sources: Templates,
}

impl Theme {
    /// Compiles the built-in theme with the site's templates over it, reporting every
    /// template that does not compile.
    pub(crate) fn new(overrides: &[TextFile]) -> Result<Self, Diagnostics> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                ((*name).to_owned(), (Path::new("(built-in theme)").join(name), (*text).to_owned()))
            })
            .collect();
        for file in overrides {
            let name = file.path.to_string_lossy().replace('\\', "/");
            sources.insert(name, (Path::new("templates").join(&file.path), file.text.clone()));
        }

        let mut problems = Diagnostics::default();
        let mut pending = sources.clone();
        let tera = loop {
            let mut tera = Tera::new();
            register_filters(&mut tera);
            match tera.add_raw_templates(pending.iter().map(|(name, (_, text))| (name, text))) {
                Ok(()) => break tera,
                Err(error) => {
                    let (name, diagnostics) = diagnose(&error, &sources);
                    problems.extend(diagnostics);
                    // Empty the broken template and try again, to find every other; the
                    // templates that include or extend it still find it.
                    match name.and_then(|name| pending.get_mut(&name)).filter(|(_, text)| !text.is_empty()) {
                        Some((_, text)) => text.clear(),
                        None => break tera,
                    }
                }
            }
        };
        problems.into_result(Self { tera, sources })
    }

    /// Renders template `name` with `context`.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| self.first(name, &e))
    }

    /// Renders the page that template `name` makes of `view`, as the bytes of its file.
    pub(crate) fn page(&self, name: &str, view: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
        let context = Context::from_serialize(view).map_err(|e| self.first(name, &e))?;
        Ok(self.render(name, &context)?.into_bytes())
    }

    /// A rendering error stops its page at its first problem. One that Tera gives no place
    /// for is put where it starts: at a component that calls itself, when the error is
    /// runaway recursion, or else at the top of template `name`.
    fn first(&self, name: &str, error: &tera::Error) -> Diagnostic {
        let (found, mut diagnostics) = diagnose(error, &self.sources);
        let first = diagnostics.swap_remove(0);
        if found.is_some() {
            return first;
        }
        let recursion = first.message().contains("recursion depth");
        if let Some((template, line, column, component)) = self_call(&self.sources).filter(|_| recursion) {
            let message = format!("the component `{component}` calls itself without end");
            return at(&self.sources, template, line, column, message)
                .with_help("call it again only under a condition that ends, such as `{% if n < 5 %}`");
        }
        at(&self.sources, name, 1, 1, first.message())
            .with_help("see docs/templates.md for what templates can use")
    }
}

/// Where a Tera error is, as diagnostics, and the name of the template it is in.
fn diagnose(error: &tera::Error, sources: &Templates) -> (Option<String>, Vec<Diagnostic>) {
    let help = "see docs/templates.md for what templates can use";
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename().to_owned();
            let span = report.span();
            let diagnostic =
                at(sources, &name, span.start_line, span.start_col + 1, report.message()).with_help(help);
            (Some(name), vec![diagnostic])
        }
        ErrorKind::MissingParent { current, parent } => {
            let message = format!("`{current}` extends `{parent}`, which does not exist");
            let diagnostic = at(sources, current, 1, 1, message)
                .with_help("extend a template of the theme, such as `base.html`");
            (Some(current.clone()), vec![diagnostic])
        }
        // The chain of parents starts after the template and ends where the loop closes.
        ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            let path: Vec<&str> = std::iter::once(tpl).chain(inheritance_chain).map(String::as_str).collect();
            let (diagnostic, from) = loop_at(sources, "extends", &path);
            (Some(from), vec![diagnostic])
        }
        // The chain of includes starts at the template and ends where the loop closes.
        ErrorKind::CircularInclude { include_chain, .. } => {
            let path: Vec<&str> = include_chain.iter().map(String::as_str).collect();
            let (diagnostic, from) = loop_at(sources, "include", &path);
            (Some(from), vec![diagnostic])
        }
        // Unknown filters, tests, functions and included templates come as one message of
        // reports, each naming its place as `--> name:line:column`.
        ErrorKind::Msg(message) => {
            let reports: Option<Vec<(String, Diagnostic)>> = message
                .split("\n\n")
                .filter(|block| !block.trim().is_empty())
                .map(|block| {
                    let mut lines = block.lines();
                    let what = lines.next()?.strip_prefix("error: ")?;
                    let place = lines.next()?.trim().strip_prefix("--> ")?;
                    let (place, column) = place.rsplit_once(':')?;
                    let (name, line) = place.rsplit_once(':')?;
                    let diagnostic =
                        at(sources, name, line.parse().ok()?, column.parse().ok()?, what).with_help(help);
                    Some((name.to_owned(), diagnostic))
                })
                .collect();
            match reports {
                Some(reports) if !reports.is_empty() => {
                    let name = reports[0].0.clone();
                    (Some(name), reports.into_iter().map(|(_, d)| d).collect())
                }
                _ => (None, vec![Diagnostic::in_file(Path::new("templates"), message.clone())]),
            }
        }
        other => (None, vec![Diagnostic::in_file(Path::new("templates"), other.to_string())]),
    }
}

/// Where a component calls itself within its own body: the template, line and column of
/// the call, and the component's name.
fn self_call(sources: &Templates) -> Option<(&str, usize, usize, &str)> {
    sources.iter().find_map(|(template, (_, text))| {
        text.match_indices("{% component ").find_map(|(start, tag)| {
            let rest = &text[start + tag.len()..];
            let component = &rest[..rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?];
            let body = &rest[..rest.find("{% endcomponent").unwrap_or(rest.len())];
            let call = start + tag.len() + body.find(&format!("<{component}"))?;
            let line = text[..call].matches('\n').count() + 1;
            let column = text[..call].rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Some((template.as_str(), line, column, component))
        })
    })
}

/// Where the loop of templates `path` closes: the `{% tag "to" %}` in `from`, the last
/// two of the path. Returns the diagnostic and the name of `from`.
fn loop_at(sources: &Templates, tag: &str, path: &[&str]) -> (Diagnostic, String) {
    let (from, to) = match path {
        [.., from, to] => (*from, *to),
        _ => (path.first().copied().unwrap_or(""), path.first().copied().unwrap_or("")),
    };
    let text = sources.get(from).map_or("", |(_, text)| text.as_str());
    let quoted = [format!("\"{to}\""), format!("'{to}'")];
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(n, line)| {
            let at = line.find(tag).filter(|_| quoted.iter().any(|q| line.contains(q.as_str())))?;
            Some((n + 1, line[..at].chars().count() + 1))
        })
        .unwrap_or((1, 1));
    let (does, verb) = if tag == "extends" { ("extends", "extend") } else { ("includes", "include") };
    let message = format!("`{from}` {does} `{to}`, which leads back to it: {}", path.join(" → "));
    let help = format!(
        "a template cannot {verb} itself, directly or through others: remove one `{tag}` of the loop"
    );
    (at(sources, from, line, column, message).with_help(help), from.to_owned())
}

/// A diagnostic at a line and column of template `name`.
fn at(sources: &Templates, name: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
    match sources.get(name) {
        Some((path, text)) => Diagnostic::at_line_column(path, text, line, column, message),
        None => Diagnostic::in_file(Path::new(name), message),
    }
}

fn register_filters(tera: &mut Tera) {
    // `{{ article.date | date(format="%-d %B %Y") }}`, with chrono's format codes.
    tera.register_filter("date", |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let format: Option<&str> = kwargs.get("format")?;
        show_date(value, format.unwrap_or(DEFAULT_DATE_FORMAT))
    });
    // The date, with the time of day when it has one: "26 July 2025, 18:30".
    tera.register_filter("when", |value: &str, _: Kwargs, _: &State| -> TeraResult<String> {
        let midnight = value.get(11..19) == Some("00:00:00");
        show_date(value, if midnight { DEFAULT_DATE_FORMAT } else { "%-d %B %Y, %H:%M" })
    });
}

/// The RFC 3339 date `value` in chrono's `format`.
fn show_date(value: &str, format: &str) -> TeraResult<String> {
    let items = StrftimeItems::new(format)
        .parse()
        .map_err(|_| tera::Error::message(format!("`{format}` is not a chrono date format")))?;
    let instant = DateTime::parse_from_rfc3339(value)
        .map_err(|_| tera::Error::message(format!("`{value}` is not an RFC 3339 date")))?;
    Ok(instant.format_with_items(items.iter()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(name: &str, text: &str) -> TextFile {
        TextFile { path: PathBuf::from(name), text: text.to_owned() }
    }

    #[test]
    fn the_built_in_theme_compiles() {
        if let Err(errors) = Theme::new(&[]) {
            panic!("{errors}");
        }
    }

    #[test]
    fn a_site_template_overrides_the_built_in_one() {
        let theme = Theme::new(&[template("404.html", "Lost: {{ site.title }}")]).unwrap();
        let context = Context::from_serialize(&serde_json_like()).unwrap();
        assert_eq!(theme.render("404.html", &context).unwrap(), "Lost: Mill");
    }

    #[test]
    fn every_broken_template_is_reported() {
        let errors =
            Theme::new(&[template("404.html", "{{ oops"), template("page.html", "{% if %}")]).unwrap_err();
        let paths: Vec<_> = errors.iter().map(|d| d.path().to_string_lossy().into_owned()).collect();
        assert_eq!(paths, ["templates/404.html", "templates/page.html"]);
    }

    #[test]
    fn unknown_filters_and_includes_are_placed_in_their_template() {
        let broken =
            template("404.html", "<p>\n{{ site.title | shout }}\n{% include \"nowhere.html\" %}</p>");
        let errors = Theme::new(&[broken]).unwrap_err();
        let found: Vec<_> = errors.iter().map(|d| (d.line(), d.message().to_owned())).collect();
        assert_eq!(
            found,
            [(2, "Unknown filter `shout`".to_owned()), (3, "Unknown template `nowhere.html`".to_owned())]
        );
        assert!(errors.iter().all(|d| d.path() == Path::new("templates/404.html")));
    }

    #[test]
    fn dates_format_through_chrono() {
        let mut tera = Tera::new();
        register_filters(&mut tera);
        tera.add_raw_template("t", r#"{{ d | date }}|{{ d | date(format="%Y-%m-%d %H:%M") }}"#).unwrap();
        tera.add_raw_template("bad", r#"{{ d | date(format="%Q") }}"#).unwrap();
        let mut context = Context::new();
        context.insert("d", "2025-03-27T18:30:00+01:00");
        assert_eq!(tera.render("t", &context).unwrap(), "27 March 2025|2025-03-27 18:30");
        // A format parsed once, and a date shown once, read the same the next time.
        assert_eq!(tera.render("t", &context).unwrap(), "27 March 2025|2025-03-27 18:30");
        context.insert("d", "2026-01-02T08:05:00+00:00");
        assert_eq!(tera.render("t", &context).unwrap(), "2 January 2026|2026-01-02 08:05");
        // Another time of a day already shown keeps its own time where the format shows it.
        context.insert("d", "2026-01-02T23:59:00+00:00");
        assert_eq!(tera.render("t", &context).unwrap(), "2 January 2026|2026-01-02 23:59");
        // The day is the date's own, in its offset, not in UTC.
        context.insert("d", "2026-01-03T00:30:00+01:00");
        assert_eq!(tera.render("t", &context).unwrap(), "3 January 2026|2026-01-03 00:30");
        context.insert("d", "2026-01-02T99:00:00+00:00");
        let error = tera.render("t", &context).unwrap_err();
        assert!(format!("{error:?}").contains("is not an RFC 3339 date"), "{error:?}");
        context.insert("d", "2 January 2026");
        let error = tera.render("t", &context).unwrap_err();
        assert!(format!("{error:?}").contains("`2 January 2026` is not an RFC 3339 date"), "{error:?}");
        let error = tera.render("bad", &context).unwrap_err();
        assert!(format!("{error:?}").contains("`%Q` is not a chrono date format"), "{error:?}");
    }

    #[derive(Serialize)]
    struct Site {
        title: &'static str,
    }

    #[derive(Serialize)]
    struct View {
        site: Site,
    }

    fn serde_json_like() -> View {
        View { site: Site { title: "Mill" } }
    }
}
