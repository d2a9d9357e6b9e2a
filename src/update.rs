//! Updates and corrections: notes added to an article after it was published, as a live
//! blog adds news through the day and a newsroom logs its corrections.

use serde::Deserialize;

use crate::date::{Date, RawDate};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::Parsed;
use crate::load::TextFile;
use crate::markdown;
use crate::url::Href;

/// An `[[updates]]` entry as front matter writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUpdate {
    at: RawDate,
    /// Inline Markdown.
    text: String,
    #[serde(default)]
    kind: UpdateKind,
}

/// What a note added to an article after it was published is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UpdateKind {
    /// News since: shown at the top, newest first, as a live blog does.
    #[default]
    Update,
    /// A fix of what the article said: shown at the foot, labelled and dated.
    Correction,
}

impl UpdateKind {
    /// The word templates use.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Update => "update",
            Self::Correction => "correction",
        }
    }

    /// The word readers see.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Update => "Update",
            Self::Correction => "Correction",
        }
    }
}

/// A note added to an article after it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Update {
    pub(crate) at: Date,
    pub(crate) kind: UpdateKind,
    /// The text, as one HTML paragraph.
    pub(crate) html: String,
}

/// The updates `raws` of the front matter `parsed` of `file`, newest first, each checked:
/// dated after the article, `date`, and with links a page can carry.
pub(crate) fn check<T>(
    file: &TextFile,
    parsed: &Parsed<T>,
    raws: &[RawUpdate],
    date: Date,
    zone: chrono_tz::Tz,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Update> {
    let mut updates = Vec::with_capacity(raws.len());
    for (n, raw) in raws.iter().enumerate() {
        let at = raw.at.resolve(zone);
        let mut problem = |key: &str, message: String, help: &str| {
            let place = parsed.locate(&file.text, key, n);
            problems.push(Diagnostic::at(&file.path, &file.text, place, message).with_help(help));
        };
        if at < date {
            let message = format!("the update's time, {at}, is before the article's date, {date}");
            problem("at", message, "an update comes after the article it updates: give the time it was made");
        }
        match markdown::inline(&raw.text) {
            Ok(html) if !raw.text.trim().is_empty() => updates.push(Update { at, kind: raw.kind, html }),
            Ok(_) => problem("text", "the update has no text".to_owned(), "write what changed, in a line"),
            Err(message) => problem("text", message, Href::HELP),
        }
    }
    // A stable sort: two updates at one time keep the order written.
    updates.sort_by_key(|update| std::cmp::Reverse(update.at));
    updates
}

/// The updates of `updates`, newest first, and the corrections, oldest first: the order
/// in which the top and the foot of an article show them.
pub(crate) fn split(updates: &[Update]) -> (Vec<&Update>, Vec<&Update>) {
    let (mut corrections, updates): (Vec<&Update>, Vec<&Update>) =
        updates.iter().partition(|update| update.kind == UpdateKind::Correction);
    corrections.reverse();
    (updates, corrections)
}
