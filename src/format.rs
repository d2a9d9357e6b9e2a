//! TOML and YAML documents into serde types, with every error placed on the line and
//! column of the file it came from and reworded into what would be right.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, nearest};

/// The two data languages a site's files may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Toml,
    Yaml,
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
            explain(Diagnostic::at(path, text, at, ""), error.message())
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
        let missing = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`'));
        let help = missing.map(|field| format!("add `{field}`"));
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

    #[test]
    fn offsets_count_from_the_start_of_the_file() {
        let text = "+++\ntitle = 3\n+++\n";
        let d = parse::<Sample>(Syntax::Toml, Path::new("a"), text, 4..14).unwrap_err();
        assert_eq!((d.line(), d.column()), (2, 9));
    }
}
