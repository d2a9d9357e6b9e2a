//! Problems found in a site's own files: where each one is, what is wrong and what would
//! be right. Every stage reports through these, so all problems of a build print alike.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// One problem in one file, at a line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic(Box<Details>);

// Boxed, so that results carrying a diagnostic stay one pointer wide.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    path: PathBuf,
    line: usize,
    column: usize,
    line_text: String,
    /// The marked part of `line_text`, in bytes; `None` for a problem with a whole file
    /// whose text there is none of to show.
    marked: Option<Range<usize>>,
    message: String,
    help: Option<String>,
    warning: bool,
}

impl Diagnostic {
    /// A problem at `range`, a byte range of `text`, the whole content of the file at `path`.
    pub(crate) fn at(path: &Path, text: &str, range: Range<usize>, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        // A problem in the carriage returns that end a line is shown at the line's end.
        let start = start.min(line_start + line_text.len());
        let end = floor_char_boundary(text, range.end.clamp(start, line_start + line_text.len()));
        Self(Box::new(Details {
            path: path.to_path_buf(),
            line: text[..line_start].matches('\n').count() + 1,
            column: text[line_start..start].chars().count() + 1,
            line_text: line_text.to_owned(),
            marked: Some(start - line_start..end - line_start),
            message: message.into(),
            help: None,
            warning: false,
        }))
    }

    /// A problem at a 1-based line and column (counted in characters) of `text`.
    pub(crate) fn at_line_column(
        path: &Path,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let offset = offset_of(text, line, column);
        Self::at(path, text, offset..offset, message)
    }

    /// A problem with a whole file that has no text to show, such as one that is missing
    /// or is not UTF-8.
    pub(crate) fn in_file(path: &Path, message: impl Into<String>) -> Self {
        let mut diagnostic = Self::at(path, "", 0..0, message);
        diagnostic.0.marked = None;
        diagnostic
    }

    /// Replaces what is wrong.
    #[must_use]
    pub(crate) fn with_message(mut self, message: impl Into<String>) -> Self {
        self.0.message = message.into();
        self
    }

    /// Adds what would be right.
    #[must_use]
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    /// Makes this a warning: worth knowing, but no reason to fail.
    #[must_use]
    pub(crate) fn warning(mut self) -> Self {
        self.0.warning = true;
        self
    }

    /// Whether this is a warning rather than an error.
    pub fn is_warning(&self) -> bool {
        self.0.warning
    }

    /// The file the problem is in, as the site names it (relative to its root).
    pub fn path(&self) -> &Path {
        &self.0.path
    }

    /// The 1-based line.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// The 1-based column, in characters.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// What would be right, when there is something to say.
    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    fn sort_key(&self) -> (&Path, usize, usize, &str) {
        (&self.0.path, self.0.line, self.0.column, &self.0.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        let path = d.path.to_string_lossy().replace('\\', "/");
        let level = if d.warning { Level::WARNING } else { Level::ERROR };
        let title = level.primary_title(&d.message);
        let mut report = vec![match &d.marked {
            Some(marked) => title.element(
                Snippet::source(&d.line_text)
                    .line_start(d.line)
                    .path(&path)
                    .annotation(AnnotationKind::Primary.span(marked.clone())),
            ),
            None => title.element(Origin::path(&path).line(d.line).char_column(d.column)),
        }];
        if let Some(help) = &d.help {
            report.push(Group::with_title(Level::HELP.secondary_title(help)));
        }
        // The header line carries `path:line:col`; annotate-snippets counts columns the same
        // way, so the two agree.
        write!(f, "{}", Renderer::plain().render(&report))
    }
}

/// All the problems of a build, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, sorted by file, line and column.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// The values of `results`, keeping the problems of the rest.
    pub(crate) fn collect<T>(&mut self, results: Vec<Result<T, Vec<Diagnostic>>>) -> Vec<T> {
        let mut values = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(value) => values.push(value),
                Err(errors) => self.extend(errors),
            }
        }
        values
    }

    /// Both values, or the problems of either or both together.
    pub(crate) fn both<A, B>(a: Result<A, Self>, b: Result<B, Self>) -> Result<(A, B), Self> {
        match (a, b) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (a, b) => {
                let mut problems = Self::default();
                problems.extend(a.err().into_iter().flatten());
                problems.extend(b.err().into_iter().flatten());
                Err(problems.sorted())
            }
        }
    }

    /// `Ok(value)` when nothing was found, else every problem, sorted so that output does
    /// not depend on the order in which threads found them.
    pub(crate) fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() { Ok(value) } else { Err(self.sorted()) }
    }

    /// The problems sorted by file, line and column, each once.
    #[must_use]
    pub(crate) fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup();
        self
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| !d.is_warning())
    }

    /// Only the errors.
    #[must_use]
    pub fn errors(self) -> Self {
        Self(self.0.into_iter().filter(|d| !d.is_warning()).collect())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}\n")?;
        }
        let warnings = self.0.iter().filter(|d| d.is_warning()).count();
        let errors = self.0.len() - warnings;
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        match (errors, warnings) {
            (0, w) => write!(f, "warning: {w} warning{}", plural(w)),
            (e, 0) => write!(f, "error: {e} problem{} found", plural(e)),
            (e, w) => write!(f, "error: {e} problem{} found, and {w} warning{}", plural(e), plural(w)),
        }
    }
}

/// The nearest of `candidates` to `wanted`, when one is near enough to be a likely typo.
pub(crate) fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&wanted, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// The byte offset of a 1-based line and column (in characters) in `text`.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    let within: usize =
        rest.chars().take_while(|c| *c != '\n').take(column.saturating_sub(1)).map(char::len_utf8).sum();
    line_start + within
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_by_line_and_character() {
        let text = "first\nsécond = 1\nthird";
        let d = Diagnostic::at(Path::new("a.md"), text, 15..16, "bad");
        assert_eq!((d.line(), d.column()), (2, 9));
        assert_eq!(offset_of(text, 2, 9), 15);
    }

    #[test]
    fn a_problem_among_the_carriage_returns_ending_a_line_is_shown_at_its_end() {
        let text = "title = \"a\r\r\r\nb\"";
        for start in 0..text.len() {
            let d = Diagnostic::at(Path::new("config.toml"), text, start..start + 2, "bad");
            assert!(d.to_string().contains("config.toml:"), "{d}");
        }
        let d = Diagnostic::at(Path::new("config.toml"), text, 12..14, "bad");
        assert_eq!((d.line(), d.column()), (1, 11));
    }

    #[test]
    fn renders_path_line_column_and_help() {
        let text = "+++\ntittle = \"x\"\n+++\n";
        let d = Diagnostic::at(Path::new("content/a.md"), text, 4..10, "unknown field `tittle`")
            .with_help("did you mean `title`?");
        let shown = d.to_string();
        assert!(shown.starts_with("error: unknown field `tittle`\n"), "{shown}");
        assert!(shown.contains("--> content/a.md:2:1"), "{shown}");
        assert!(shown.contains("2 | tittle = \"x\""), "{shown}");
        assert!(shown.contains("help: did you mean `title`?"), "{shown}");
    }

    #[test]
    fn suggests_only_near_names() {
        assert_eq!(nearest("tittle", ["title", "date", "tags"]), Some("title"));
        assert_eq!(nearest("zzz", ["title", "date"]), None);
    }
}
