//! The templates: the built-in theme compiled into the binary, with a site's own
//! `templates/` overriding any of it by file name. Compiled once per build.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap as HashMap;

use chrono::format::{Fixed, Item, Numeric, StrftimeItems};
use chrono::{DateTime, NaiveDate};
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::view::settled_string;

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
    ("tags.html", include_str!("../templates/tags.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("style.css", include_str!("../templates/style.css")),
    ("partials/article_card.html", include_str!("../templates/partials/article_card.html")),
    ("partials/rumour.html", include_str!("../templates/partials/rumour.html")),
    ("partials/pagination.html", include_str!("../templates/partials/pagination.html")),
    ("partials/rumour_meta.html", include_str!("../templates/partials/rumour_meta.html")),
    ("partials/record.html", include_str!("../templates/partials/record.html")),
    ("partials/saga.html", include_str!("../templates/partials/saga.html")),
    ("partials/saga_row.html", include_str!("../templates/partials/saga_row.html")),
    ("partials/club_moves.html", include_str!("../templates/partials/club_moves.html")),
    ("partials/article_item.html", include_str!("../templates/partials/article_item.html")),
    ("partials/masthead.html", include_str!("../templates/partials/masthead.html")),
    ("partials/feed_links.html", include_str!("../templates/partials/feed_links.html")),
];

/// Each template's file and text, by name.
type Sources = BTreeMap<String, (PathBuf, String)>;

/// How dates show when a template does not say: "27 March 2025".
const DEFAULT_DATE_FORMAT: &str = "%-d %B %Y";

/// The compiled templates.
#[derive(Debug)]
pub(crate) struct Theme {
    tera: Tera,
    /// Each template's source and the file it came from, for error messages.
    sources: Sources,
    /// How long each template's last page was, to make room for the next at once.
    sizes: BTreeMap<String, AtomicUsize>,
}

impl Theme {
    /// Compiles the built-in theme with the site's templates over it, reporting every
    /// template that does not compile.
    pub(crate) fn new(overrides: &[SourceFile]) -> Result<Self, Diagnostics> {
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
                    // Leave out the broken template and try again, to find every other.
                    if name.and_then(|name| pending.remove(&name)).is_none() {
                        break tera;
                    }
                }
            }
        };
        let sizes = sources.keys().map(|name| (name.clone(), AtomicUsize::new(0))).collect();
        problems.into_result(Self { tera, sources, sizes })
    }

    /// Renders template `name` with `context`.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| self.first(&e))
    }

    /// Renders the page that template `name` makes of `view`, as the bytes of its file.
    pub(crate) fn page(&self, name: &str, view: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
        let context = Context::from_serialize(view).map_err(|e| self.first(&e))?;
        // Pages of one template are alike in length: room for the last one and a quarter
        // more spares growing the buffer many times over.
        let size = self.sizes.get(name);
        let last = size.map_or(0, |size| size.load(Ordering::Relaxed));
        let mut bytes = Vec::with_capacity(last + last / 4);
        self.tera.render_to(name, &context, &mut bytes).map_err(|e| self.first(&e))?;
        if let Some(size) = size {
            size.store(bytes.len(), Ordering::Relaxed);
        }
        Ok(bytes)
    }

    /// A rendering error stops its page at its first problem.
    fn first(&self, error: &tera::Error) -> Diagnostic {
        diagnose(error, &self.sources).1.swap_remove(0)
    }
}

/// Where a Tera error is, as diagnostics, and the name of the template it is in.
fn diagnose(error: &tera::Error, sources: &Sources) -> (Option<String>, Vec<Diagnostic>) {
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

/// A diagnostic at a line and column of template `name`.
fn at(sources: &Sources, name: &str, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
    match sources.get(name) {
        Some((path, text)) => Diagnostic::at_line_column(path, text, line, column, message),
        None => Diagnostic::in_file(Path::new(name), message),
    }
}

fn register_filters(tera: &mut Tera) {
    // Tera's own `safe` copies the string it marks; an article's body is many kilobytes,
    // and every page writes some HTML through `safe`. A string is marked as it is.
    tera.register_filter("safe", |value: tera::Value, _: Kwargs, _: &State| {
        if value.as_str().is_some() {
            value.mark_safe()
        } else {
            tera::Value::safe_string(&value.to_string())
        }
    });
    // `{{ article.date | date(format="%-d %B %Y") }}`, with chrono's format codes.
    tera.register_filter("date", |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<tera::Value> {
        let format: Option<&str> = kwargs.get("format")?;
        show_date(value, format.unwrap_or(DEFAULT_DATE_FORMAT))
    });
}

/// Most dates written in one build are shown on many pages; each thread keeps up to this
/// many of them as shown, and starts afresh when it has more.
const SHOWN_DATES: usize = 1 << 16;

/// A date format parsed, and the dates shown in it so far on this thread, as template
/// values: a short string is copied, a long one shared.
struct DateFormat {
    items: Vec<Item<'static>>,
    shown: Shown,
}

/// The dates a format has shown: by day when it shows nothing finer than the day, as
/// "27 March 2025" does, since every time of one day then reads the same; else by date.
enum Shown {
    Days(HashMap<NaiveDate, tera::Value>),
    Dates(HashMap<String, tera::Value>),
}

impl DateFormat {
    fn new(format: &str) -> TeraResult<Self> {
        let items = StrftimeItems::new(format)
            .parse_to_owned()
            .map_err(|_| tera::Error::message(format!("`{format}` is not a chrono date format")))?;
        let shown = if items.iter().all(shows_the_day_at_most) {
            Shown::Days(HashMap::default())
        } else {
            Shown::Dates(HashMap::default())
        };
        Ok(Self { items, shown })
    }

    /// `value`, an RFC 3339 date, as this format shows it.
    fn show(&mut self, value: &str) -> TeraResult<tera::Value> {
        if let Shown::Dates(dates) = &self.shown
            && let Some(shown) = dates.get(value)
        {
            return Ok(shown.clone());
        }
        // A date kept by its day is still parsed, so that a value that is no date is
        // always refused, whatever was shown before it.
        let instant = DateTime::parse_from_rfc3339(value)
            .map_err(|_| tera::Error::message(format!("`{value}` is not an RFC 3339 date")))?;
        let items = self.items.iter();
        match &mut self.shown {
            Shown::Dates(dates) => {
                let shown = settled_string(instant.format_with_items(items).to_string().into());
                Ok(keep(dates, value.to_owned(), shown))
            }
            Shown::Days(days) => {
                let day = instant.date_naive();
                if let Some(shown) = days.get(&day) {
                    return Ok(shown.clone());
                }
                let shown = settled_string(day.format_with_items(items).to_string().into());
                Ok(keep(days, day, shown))
            }
        }
    }
}

/// Whether a format item shows nothing finer than the day, nor the time zone.
fn shows_the_day_at_most(item: &Item<'_>) -> bool {
    match item {
        Item::Literal(_) | Item::OwnedLiteral(_) | Item::Space(_) | Item::OwnedSpace(_) => true,
        Item::Numeric(numeric, _) => matches!(
            numeric,
            Numeric::Year
                | Numeric::YearDiv100
                | Numeric::YearMod100
                | Numeric::IsoYear
                | Numeric::IsoYearDiv100
                | Numeric::IsoYearMod100
                | Numeric::Month
                | Numeric::Day
                | Numeric::WeekFromSun
                | Numeric::WeekFromMon
                | Numeric::IsoWeek
                | Numeric::NumDaysFromSun
                | Numeric::WeekdayFromMon
                | Numeric::Ordinal
        ),
        Item::Fixed(fixed) => matches!(
            fixed,
            Fixed::ShortMonthName | Fixed::LongMonthName | Fixed::ShortWeekdayName | Fixed::LongWeekdayName
        ),
        Item::Error => false,
    }
}

/// `shown`, kept in `cache` under `key`; the cache starts afresh when it is full.
fn keep<K: std::hash::Hash + Eq>(
    cache: &mut HashMap<K, tera::Value>,
    key: K,
    shown: tera::Value,
) -> tera::Value {
    if cache.len() == SHOWN_DATES {
        cache.clear();
    }
    cache.insert(key, shown.clone());
    shown
}

thread_local! {
    static DATE_FORMATS: RefCell<HashMap<String, DateFormat>> = RefCell::default();
}

/// The RFC 3339 date `value` in chrono's `format`. Each format is parsed once, and each
/// date formatted once, as lists show thousands of dates in a few formats.
fn show_date(value: &str, format: &str) -> TeraResult<tera::Value> {
    DATE_FORMATS.with_borrow_mut(|formats| {
        if !formats.contains_key(format) {
            formats.insert(format.to_owned(), DateFormat::new(format)?);
        }
        formats.get_mut(format).expect("inserted above").show(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(name: &str, text: &str) -> SourceFile {
        SourceFile { path: PathBuf::from(name), text: text.to_owned() }
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

    #[test]
    fn safe_marks_html_and_writes_other_values_as_text() {
        let mut tera = Tera::new();
        register_filters(&mut tera);
        let text = "{{ html }}|{{ html | safe }}|{{ long | safe }}|{{ n | safe }}|{{ list | safe }}|{{ html | safe | upper }}";
        tera.add_raw_template("t.html", text).unwrap();
        let mut context = Context::new();
        context.insert("html", "<b>Done</b>");
        context.insert("long", "<p>A paragraph long enough to be kept on the heap</p>");
        context.insert("n", &3);
        context.insert("list", &["<i>"]);
        assert_eq!(
            tera.render("t.html", &context).unwrap(),
            r#"&lt;b&gt;Done&lt;/b&gt;|<b>Done</b>|<p>A paragraph long enough to be kept on the heap</p>|3|["<i>"]|<B>DONE</B>"#
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
        View { site: Site { title: "Mill" } }
    }
}
