//! Splits a content file into its front matter (TOML between `+++` lines or YAML between
//! `---` lines) and its Markdown body, and parses the front matter into a raw serde type.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::format::{self, Syntax};
use crate::load::TextFile;

/// A content file's front matter, parsed, and where its body starts.
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    pub(crate) front: T,
    /// The front matter's text, between the fences, as a byte range of the file.
    pub(crate) front_range: Range<usize>,
    /// The Markdown after the closing fence, as a byte range of the file.
    pub(crate) body: Range<usize>,
}

impl<T> Parsed<T> {
    /// Where the `nth` (from 0) occurrence of `key` stands in the front matter, for
    /// problems found after parsing; the opening fence when it is not there.
    pub(crate) fn locate(&self, text: &str, key: &str, nth: usize) -> Range<usize> {
        let mut offset = self.front_range.start;
        let mut seen = 0;
        for line in text[self.front_range.clone()].split_inclusive('\n') {
            let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
            let indent = line.len() - trimmed.len();
            let is_key =
                trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(['=', ':']));
            if is_key {
                if seen == nth {
                    return offset + indent..offset + indent + key.len();
                }
                seen += 1;
            }
            offset += line.len();
        }
        0..self.front_range.start.saturating_sub(1)
    }
}

/// Splits `file` and parses its front matter. Gives what parsed with the problems found
/// on the way, or only the problems when nothing could be parsed; see
/// [`format::parse_all`] for how far past a problem it goes.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &TextFile,
) -> Result<(Parsed<T>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = file.text.as_str();
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
    let fence = text[start..first_line_end].trim_end();
    let syntax = match fence {
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
        _ => {
            return Err(vec![Diagnostic::at(&file.path, text, start..first_line_end, "the file has no front matter")
                .with_help("start the file with a `+++` line, then TOML such as `title = \"...\"` and `date = 2025-03-27`, then another `+++` line")]);
        }
    };
    let front_start = first_line_end;
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let (front, problems) = format::parse_all(syntax, &file.path, text, front_start..offset);
            let Some(front) = front else {
                return Err(problems);
            };
            let parsed =
                Parsed { front, front_range: front_start..offset, body: offset + line.len()..text.len() };
            return Ok((parsed, problems));
        }
        offset += line.len();
    }
    Err(vec![
        Diagnostic::at(&file.path, text, start..start + fence.len(), "the front matter is never closed")
            .with_help(format!("end the front matter with a line `{fence}`")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[derive(Debug, serde::Deserialize)]
    struct Front {
        title: String,
    }

    fn file(text: &str) -> TextFile {
        TextFile { path: PathBuf::from("a.md"), text: text.to_owned() }
    }

    #[test]
    fn toml_and_yaml_give_the_same_front_matter() {
        let toml = file("+++\ntitle = \"Done deal\"\n+++\nBody\n");
        let yaml = file("---\ntitle: Done deal\n---\nBody\n");
        for file in [toml, yaml] {
            let (parsed, problems) = parse::<Front>(&file).unwrap();
            assert!(problems.is_empty());
            assert_eq!(parsed.front.title, "Done deal");
            assert_eq!(&file.text[parsed.body], "Body\n");
        }
    }

    #[test]
    fn an_unclosed_fence_points_at_the_opening_line() {
        let error = parse::<Front>(&file("+++\ntitle = \"x\"\n")).unwrap_err().remove(0);
        assert_eq!((error.line(), error.column()), (1, 1));
        assert_eq!(error.message(), "the front matter is never closed");
    }
}
