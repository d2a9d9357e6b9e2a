//! The templates: the built-in theme compiled into the binary, with a site's own
//! `templates/` overriding any of it by file name. Compiled once per build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono::format::StrftimeItems;
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::SourceFile;

/// The built-in theme: this repository's `templates/`.
pub(crate) const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("player.html", include_str!("../templates/player.html")),
    ("players.html", include_str!("../templates/players.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("style.css", include_str!("../templates/style.css")),
    (
        "partials/article_card.html",
        include_str!("../templates/partials/article_card.html"),
    ),
    (
        "partials/rumour.html",
        include_str!("../templates/partials/rumour.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../templates/partials/pagination.html"),
    ),
    (
        "partials/rumour_meta.html",
        include_str!("../templates/partials/rumour_meta.html"),
    ),
];

/// How dates show when a template does not say: "27 March 2025".
const DEFAULT_DATE_FORMAT: &str = "%-d %B %Y";

/// The compiled templates.
#[derive(Debug)]
pub(crate) struct Theme {
    tera: Tera,
    /// Each template's source and the file it came from, for error messages.
    sources: BTreeMap<String, (PathBuf, String)>,
}

impl Theme {
    /// Compiles the built-in theme with the site's templates over it, reporting every
    /// template that does not compile.
    pub(crate) fn new(overrides: &[SourceFile]) -> Result<Self, Diagnostics> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_owned(),
                    (Path::new("(built-in theme)").join(name), (*text).to_owned()),
                )
            })
            .collect();
        for file in overrides {
            let name = file.path.to_string_lossy().replace('\\', "/");
            sources.insert(
                name,
                (Path::new("templates").join(&file.path), file.text.clone()),
            );
        }

        let mut problems = Diagnostics::default();
        let mut pending = sources.clone();
        let tera = loop {
            let mut tera = Tera::new();
            register_filters(&mut tera);
            match tera.add_raw_templates(pending.iter().map(|(name, (_, text))| (name, text))) {
                Ok(()) => break tera,
                Err(error) => {
                    let (name, diagnostic) = diagnose(&error, &sources);
                    problems.push(diagnostic);
                    // Leave out the broken template and try again, to find every other.
                    if name.and_then(|name| pending.remove(&name)).is_none() {
                        break tera;
                    }
                }
            }
        };
        problems.into_result(Self { tera, sources })
    }

    /// Renders template `name` with `view` as its context.
    pub(crate) fn render(&self, name: &str, view: &impl Serialize) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(view).map_err(|e| diagnose(&e, &self.sources).1)?;
        self.tera
            .render(name, &context)
            .map_err(|e| diagnose(&e, &self.sources).1)
    }
}

/// Where a Tera error is, as a diagnostic, and the name of the template it is in.
fn diagnose(
    error: &tera::Error,
    sources: &BTreeMap<String, (PathBuf, String)>,
) -> (Option<String>, Diagnostic) {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename().to_owned();
            let span = report.span();
            let diagnostic = match sources.get(&name) {
                Some((path, text)) => Diagnostic::at_line_column(
                    path,
                    text,
                    span.start_line,
                    span.start_col + 1,
                    report.message(),
                )
                .with_help("see docs/templates.md for what templates can use"),
                None => Diagnostic::in_file(Path::new(&name), report.message()),
            };
            (Some(name), diagnostic)
        }
        ErrorKind::MissingParent { current, parent } => {
            let path = sources
                .get(current)
                .map_or_else(|| PathBuf::from(current), |(path, _)| path.clone());
            let message = format!("`{current}` extends `{parent}`, which does not exist");
            (
                Some(current.clone()),
                Diagnostic::in_file(&path, message)
                    .with_help("extend a template of the theme, such as `base.html`"),
            )
        }
        other => (
            None,
            Diagnostic::in_file(Path::new("templates"), other.to_string()),
        ),
    }
}

fn register_filters(tera: &mut Tera) {
    // `{{ article.date | date(format="%-d %B %Y") }}`, with chrono's format codes.
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let format: Option<&str> = kwargs.get("format")?;
            let format = format.unwrap_or(DEFAULT_DATE_FORMAT);
            let instant = DateTime::parse_from_rfc3339(value)
                .map_err(|_| tera::Error::message(format!("`{value}` is not an RFC 3339 date")))?;
            let items = StrftimeItems::new(format).parse().map_err(|_| {
                tera::Error::message(format!("`{format}` is not a chrono date format"))
            })?;
            Ok(instant.format_with_items(items.iter()).to_string())
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(name: &str, text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from(name),
            text: text.to_owned(),
        }
    }

    #[test]
    fn the_built_in_theme_compiles() {
        assert!(Theme::new(&[]).is_ok());
    }

    #[test]
    fn a_site_template_overrides_the_built_in_one() {
        let theme = Theme::new(&[template("404.html", "Lost: {{ site.title }}")]).unwrap();
        let view = serde_json_like();
        assert_eq!(theme.render("404.html", &view).unwrap(), "Lost: Mill");
    }

    #[test]
    fn every_broken_template_is_reported() {
        let errors = Theme::new(&[
            template("404.html", "{{ oops"),
            template("page.html", "{% if %}"),
        ])
        .unwrap_err();
        let paths: Vec<_> = errors
            .iter()
            .map(|d| d.path().to_string_lossy().into_owned())
            .collect();
        assert_eq!(paths, ["templates/404.html", "templates/page.html"]);
    }

    #[test]
    fn dates_format_through_chrono() {
        let mut tera = Tera::new();
        register_filters(&mut tera);
        tera.add_raw_template(
            "t",
            r#"{{ d | date }}|{{ d | date(format="%Y-%m-%d %H:%M") }}"#,
        )
        .unwrap();
        let mut context = Context::new();
        context.insert("d", "2025-03-27T18:30:00+01:00");
        assert_eq!(
            tera.render("t", &context).unwrap(),
            "27 March 2025|2025-03-27 18:30"
        );
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
        View {
            site: Site { title: "Mill" },
        }
    }
}
