//! TOML and YAML documents into serde types, with every error placed on the line and
//! column of the file it came from and reworded into what would be right.

use std::ops::Range;
use std::path::Path;

use serde::de::{DeserializeOwned, IgnoredAny};

use crate::diagnostic::{Diagnostic, nearest};

/// The two data languages a site's files may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Toml,
    Yaml,
}

/// Parses the part `range` of `text`, the whole content of the file at `path`, going on
/// past wrong values so that one run reports them all. Past each problem on a line of
/// its own, `key = value`, the line is left out, or where the key cannot be left out its
/// value is replaced by one of the right type (or its key by the one it misspells), and
/// the rest parsed again. Returns the value when the document parsed (as repaired, when
/// there were problems) and every problem found. A repair is taken only when it gets past
/// its problem without breaking the syntax, so nothing a repair causes is reported; the
/// first problem that cannot be got past, such as one of syntax, ends the parse.
pub(crate) fn parse_all<T: DeserializeOwned>(
    syntax: Syntax,
    path: &Path,
    text: &str,
    range: Range<usize>,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut problems: Vec<Diagnostic> = Vec::new();
    // The text as repaired so far; it is copied only once there is something to repair.
    let mut current: Option<String> = None;
    // The keys of the lines left out, so that their absence is not reported later.
    let mut left_out: Vec<String> = Vec::new();
    loop {
        let text = current.as_deref().unwrap_or(text);
        let problem = match parse::<T>(syntax, path, text, range.clone()) {
            Ok(value) => return (Some(value), problems),
            Err(problem) => problem,
        };
        if missing_one_of(&problem, &left_out) {
            return (None, problems);
        }
        let block = (syntax == Syntax::Yaml && problem.message() == "expected sequence start")
            .then(|| block_as_list(text, problem.line()))
            .flatten();
        if let Some((repaired, key, at)) = block {
            let message = format!("`{key}` takes a list, and is given a table");
            let help = format!("write each item after `- `, as in\n{key}:\n  - player: …\n    to: …");
            problems.push(Diagnostic::at(path, text, at, message).with_help(help));
            current = Some(repaired);
            continue;
        }
        let repaired = repair::<T>(syntax, path, text, &range, &problem);
        problems.push(problem);
        let Some((repaired, key)) = repaired else {
            return (None, problems);
        };
        left_out.extend(key);
        current = Some(repaired);
    }
}

/// Whether `problem` says that a key is missing that is, or is near, one of `keys`.
fn missing_one_of(problem: &Diagnostic, keys: &[String]) -> bool {
    let missing = problem.message().strip_prefix("missing field `").and_then(|m| m.strip_suffix('`'));
    missing.is_some_and(|field| nearest(field, keys.iter().map(String::as_str)).is_some())
}

/// A text repaired, and the key of the line left out when one was.
type Repaired = (String, Option<String>);

/// `text` with the line of `problem` left out or given a value of the right type, when
/// that gets the parse past the problem.
fn repair<T: DeserializeOwned>(
    syntax: Syntax,
    path: &Path,
    text: &str,
    range: &Range<usize>,
    problem: &Diagnostic,
) -> Option<Repaired> {
    let line = line_at(text, problem.line());
    let (indent, key, value) = line_entry(&text[line.clone()]).filter(|_| range.contains(&line.start))?;
    let separator = match syntax {
        Syntax::Toml => " = ",
        Syntax::Yaml => ": ",
    };
    // A value the key may take: its own text as a string, the first value the message
    // lists, or a date.
    let listed = problem.help().and_then(|help| help.split('`').nth(1)).unwrap_or("");
    let unquoted = value.trim_matches(['"', '\'']);
    let values = [unquoted, listed, "2000-01-01"];
    let mut candidates = vec![String::new()];
    if problem.message().starts_with("unknown field") && !listed.is_empty() {
        // The key as the help spells it, where it was misspelt.
        candidates.push(format!("{indent}{listed}{separator}{value}"));
    }
    for value in values.iter().filter(|value| !value.is_empty()) {
        let quoted = match syntax {
            Syntax::Toml if *value != "2000-01-01" => format!("{value:?}"),
            _ => (*value).to_owned(),
        };
        candidates.push(format!("{indent}{key}{separator}{quoted}"));
    }
    // Each replacement keeps the line's length, so that the spans of what parses stay
    // those of the file.
    let fit = |replacement: String| {
        let replacement = match replacement.len() > line.len() {
            true => replacement.replacen(" = ", "=", 1),
            false => replacement,
        };
        let padding = line.len().checked_sub(replacement.len())?;
        Some(replacement + &" ".repeat(padding))
    };
    candidates.into_iter().filter_map(fit).find_map(|replacement| {
        let mut repaired = text.to_owned();
        repaired.replace_range(line.clone(), &replacement);
        if parse::<IgnoredAny>(syntax, path, &repaired, range.clone()).is_err() {
            return None;
        }
        let past = match parse::<T>(syntax, path, &repaired, range.clone()) {
            Ok(_) => true,
            Err(next) => next.line() != problem.line() && !missing_one_of(&next, &[key.to_owned()]),
        };
        let left_out = replacement.trim().is_empty().then(|| key.to_owned());
        past.then_some((repaired, left_out))
    })
}

/// `text` with the YAML block that holds line `number`, or starts on it, written as an
/// empty list, every line keeping its length; with the block's key and where it stands.
fn block_as_list(text: &str, number: usize) -> Option<(String, String, Range<usize>)> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    // The key's line: this one, or the nearest above it that is less indented.
    let here = indent(&text[line_at(text, number)]);
    let (_, line) = (1..=number).rev().map(|n| (n, line_at(text, n))).find(|(n, line)| {
        let head = &text[line.clone()];
        head.trim_end().ends_with(':') && (*n == number || indent(head) < here)
    })?;
    let head = &text[line.clone()];
    let (indent, key) = (indent(head), head.trim().strip_suffix(':')?.to_owned());
    let at = line.start + indent..line.start + indent + key.len();
    let mut repaired = text[..line.end].to_owned();
    let mut lines = text[line.end..].split_inclusive('\n');
    // The line break after the key's line.
    repaired.push_str(lines.next().unwrap_or_default());
    let mut listed = false;
    for next in lines.by_ref() {
        let content = next.trim_end_matches(['\r', '\n']);
        let inside = content.trim().is_empty() || content.len() - content.trim_start().len() > indent;
        if !inside {
            repaired.push_str(next);
            break;
        }
        let mut blank = " ".repeat(content.len());
        if !listed && content.len() >= indent + 4 {
            blank.replace_range(indent + 2..indent + 4, "[]");
            listed = true;
        }
        repaired.push_str(&blank);
        repaired.push_str(&next[content.len()..]);
    }
    repaired.extend(lines);
    listed.then_some((repaired, key, at))
}

/// The byte range of line `number` (from 1) of `text`, without its line break.
fn line_at(text: &str, number: usize) -> Range<usize> {
    let start = crate::diagnostic::offset_of(text, number, 1);
    let end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
    start..end
}

/// The indent, key and value of a line that holds one `key = value` or `key: value`
/// entry, and nothing that goes on to other lines.
fn line_entry(line: &str) -> Option<(&str, &str, &str)> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let end = trimmed.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let (key, rest) = trimmed.split_at(end);
    let value = rest.trim_start().strip_prefix(['=', ':'])?.trim();
    let opens = ['[', '{', '|', '>', '"', '\''];
    let only_opens = value.len() == 1 && value.starts_with(opens);
    let whole = !value.is_empty() && !only_opens && !value.starts_with("\"\"\"") && !value.starts_with("'''");
    (!key.is_empty() && whole).then_some((indent, key, value))
}

/// Parses the part `range` of `text`, the whole content of the file at `path`.
pub(crate) fn parse<T: DeserializeOwned>(
    syntax: Syntax,
    path: &Path,
    text: &str,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    let document = &text[range.clone()];
    match syntax {
        Syntax::Toml => toml::from_str(document).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            let at = range.start + span.start..range.start + span.end;
            // A date written day first, unquoted, reads as neither a date nor text.
            let value = text.get(at.clone()).unwrap_or_default();
            let message = match error.message().starts_with("string values must be quoted") {
                true if crate::date::year_first(value).is_some() => format!("invalid date `{value}`"),
                _ => error.message().to_owned(),
            };
            explain(Diagnostic::at(path, text, at, ""), &message)
        }),
        Syntax::Yaml => serde_saphyr::from_str(document).map_err(|error| {
            let (line, column) =
                error.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            let at = range.start + crate::diagnostic::offset_of(document, line, column);
            let message = error.without_snippet().to_string();
            let message = match message.rsplit_once(" at line ") {
                Some((message, _)) => message.to_owned(),
                None => message,
            };
            explain(Diagnostic::at(path, text, at..at, ""), &message)
        }),
    }
}

/// Rewords serde's messages for unknown names into the name and its likely correction.
fn explain(at: Diagnostic, message: &str) -> Diagnostic {
    let unknown = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix).map(|rest| (*prefix, rest)));
    let Some((prefix, rest)) = unknown else {
        if let Some(date) = message.strip_prefix("invalid date `").and_then(|rest| rest.split_once('`')) {
            let help = crate::date::year_first(date.0);
            return rebuild(
                at,
                format!("invalid date `{}`, expected {}", date.0, crate::date::EXPECTED),
                help,
            );
        }
        if let Some(reworded) = wrong_type(message) {
            return rebuild(at, reworded.0, Some(reworded.1));
        }
        let missing = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`'));
        let help = missing.map(|field| format!("add `{field}`")).or_else(|| {
            let wanted = [
                ("expected a sequence", "write a list, such as [\"a\", \"b\"]"),
                ("boolean", "write `true` or `false`"),
                ("expected i64", "write a whole number, such as 10"),
                ("expected u8", "write a whole number, such as 1"),
                ("expected a string", "write text in quotes, such as \"Real Madrid\""),
                (
                    "invalid basic string",
                    "end the text with `\"` on its line, or write text of many lines between `\"\"\"`",
                ),
            ];
            wanted.iter().find(|(said, _)| message.contains(said)).map(|(_, help)| (*help).to_owned())
        });
        return rebuild(at, message.to_owned(), help);
    };
    let Some((name, expected)) = rest.split_once('`') else {
        return rebuild(at, message.to_owned(), None);
    };
    let candidates = expected_names(expected);
    let what = if prefix.contains("field") { "field" } else { "value" };
    let help = match nearest(name, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if candidates.is_empty() => format!("remove the {what} `{name}`"),
        None => format!("expected one of {}", list(&candidates)),
    };
    rebuild(at, format!("unknown {what} `{name}`"), Some(help))
}

/// serde's "invalid type: string \"ten\", expected i64" as what was written and what
/// belongs there, with what to write.
fn wrong_type(message: &str) -> Option<(String, String)> {
    let (found, expected) = message.strip_prefix("invalid type: ")?.split_once(", expected ")?;
    let (wanted, write) = match expected {
        "i64" | "u64" | "u8" | "usize" | "i32" | "u32" => ("a whole number", "a whole number, such as 10"),
        "a boolean" => ("`true` or `false`", "`true` or `false`, without quotes"),
        "a string" => ("text", "text in quotes, such as \"Real Madrid\""),
        "a sequence" => ("a list", "a list, such as [\"a\", \"b\"]"),
        _ => return None,
    };
    let found = match found.split_once(' ') {
        Some(("string", text)) => format!("the text {text}"),
        Some(("integer" | "floating", _)) => {
            format!("the number {}", found.rsplit(' ').next()?.trim_matches('`'))
        }
        Some(("boolean", value)) => value.to_owned(),
        _ => format!("a {found}"),
    };
    Some((format!("{found} is not {wanted}"), format!("write {write}")))
}

fn rebuild(at: Diagnostic, message: String, help: Option<String>) -> Diagnostic {
    let diagnostic = at.with_message(message);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// The names listed after "expected" in serde's wording: "one of `a`, `b`", "`a` or `b`",
/// or, from the YAML parser, "one of a, b".
fn expected_names(expected: &str) -> Vec<&str> {
    let Some((_, names)) = expected.split_once("expected ") else {
        return Vec::new();
    };
    let names = names.strip_prefix("one of ").unwrap_or(names);
    names
        .split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|name| name.trim().trim_matches('`'))
        .filter(|name| !name.is_empty())
        .collect()
}

/// `a`, `b` and `c`, for messages.
pub(crate) fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: Option<String>,
        date: Option<String>,
    }

    fn error(syntax: Syntax, text: &str) -> Diagnostic {
        parse::<Sample>(syntax, Path::new("a"), text, 0..text.len()).unwrap_err()
    }

    #[test]
    fn unknown_toml_field_suggests_the_near_one() {
        let d = error(Syntax::Toml, "title = \"x\"\ntittle = \"y\"\n");
        assert_eq!((d.line(), d.column()), (2, 1));
        assert_eq!(d.message(), "unknown field `tittle`");
        assert_eq!(d.help(), Some("did you mean `title`?"));
    }

    #[test]
    fn unknown_yaml_field_suggests_the_near_one() {
        let d = error(Syntax::Yaml, "title: x\ndat: y\n");
        assert_eq!((d.line(), d.column()), (2, 1));
        assert_eq!(d.message(), "unknown field `dat`");
        assert_eq!(d.help(), Some("did you mean `date`?"));
    }

    #[test]
    fn unrelated_field_lists_the_known_ones() {
        let d = error(Syntax::Toml, "colour = \"red\"\n");
        assert_eq!(d.help(), Some("expected one of `title` or `date`"));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Required {
        title: String,
        count: u8,
        tags: Option<Vec<String>>,
    }

    fn all(syntax: Syntax, text: &str) -> (Option<Required>, Vec<(usize, String)>) {
        let (value, problems) = parse_all::<Required>(syntax, Path::new("a"), text, 0..text.len());
        (value, problems.iter().map(|d| (d.line(), d.message().to_owned())).collect())
    }

    #[test]
    fn every_wrong_value_is_reported_and_nothing_the_recovery_causes() {
        let (value, problems) = all(Syntax::Toml, "titel = \"x\"\ncount = \"many\"\ncolour = 1\ntags = 3\n");
        let mut lines: Vec<usize> = problems.iter().map(|(line, _)| *line).collect();
        lines.sort_unstable();
        assert_eq!(lines, [1, 2, 3, 4], "{problems:?}");
        assert!(problems.contains(&(1, "unknown field `titel`".to_owned())));
        // `count` takes no value this text could stand in for, so nothing parses in the end.
        assert!(value.is_none());

        let (_, problems) = all(Syntax::Yaml, "title: x\ncount: many\ncolour: 1\n");
        assert_eq!(problems.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [2, 3], "{problems:?}");

        // A wrong value spread over lines cannot be left out: the parse stops there.
        let (value, problems) = all(Syntax::Toml, "title = \"x\"\ncount = 1\ntags = [\n  1,\n]\nextra = 1\n");
        assert!(value.is_none());
        assert_eq!(problems.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [6, 4], "{problems:?}");
    }

    #[test]
    fn offsets_count_from_the_start_of_the_file() {
        let text = "+++\ntitle = 3\n+++\n";
        let d = parse::<Sample>(Syntax::Toml, Path::new("a"), text, 4..14).unwrap_err();
        assert_eq!((d.line(), d.column()), (2, 9));
    }
}
