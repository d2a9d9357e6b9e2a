//! The links within a page: each heading's anchor, and footnotes with their way back.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::HashMap;
use crate::slug::Slug;

/// The body's footnotes as a reader can follow them: each marker numbered in order and
/// linked to its note, each note linked back to the first marker that refers to it.
pub(crate) fn footnotes(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events
        .iter()
        .any(|event| matches!(event, Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))))
    {
        return events;
    }
    let mut numbers: HashMap<CowStr<'_>, (usize, bool)> = HashMap::default();
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let html = match event {
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let (n, referred) = numbers.entry(label).or_insert((next, false));
                let id = if *referred { String::new() } else { format!(r#" id="fnref-{n}""#) };
                *referred = true;
                Event::InlineHtml(
                    format!(r##"<sup class="footnote-ref"><a href="#fn-{n}"{id}>{n}</a></sup>"##).into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let next = numbers.len() + 1;
                let &mut (n, referred) = numbers.entry(label).or_insert((next, false));
                open.push((n, referred));
                Event::Html(
                    format!(r#"<div class="footnote" id="fn-{n}"><span class="footnote-label">{n}.</span> "#)
                        .into(),
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let back = match open.pop() {
                    Some((n, true)) => {
                        format!(
                            r##" <a class="footnote-back" href="#fnref-{n}" aria-label="Back to the text">↩</a>"##
                        )
                    }
                    _ => String::new(),
                };
                Event::Html(format!("{back}</div>\n").into())
            }
            event => event,
        };
        out.push(html);
    }
    out
}

/// `html` without the links that headings carry to themselves, for feeds: a feed
/// reader shows them as stray `#`s.
pub(crate) fn without_anchors(html: &str) -> std::borrow::Cow<'_, str> {
    const START: &str = r##" <a class="anchor" href="#"##;
    const END: &str = "</a>";
    if !html.contains(START) {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(START) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.find(END) {
            Some(end) => rest = &rest[end + END.len()..],
            None => break,
        }
    }
    out.push_str(rest);
    out.into()
}

/// Gives a heading an id (its own `{#id}`, else one made from its text, unique in the
/// page) and a link to itself.
pub(crate) fn anchor<'a>(mut held: Vec<Event<'a>>, used: &mut HashSet<String>) -> Vec<Event<'a>> {
    let text: String = held
        .iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    let Some(Event::Start(Tag::Heading { id, .. })) = held.first_mut() else {
        return held;
    };
    let base = match id {
        Some(id) => id.to_string(),
        None => Slug::new(&text).map_or_else(|| "section".to_owned(), |slug| slug.to_string()),
    };
    let mut unique = base.clone();
    let mut n = 1;
    while !used.insert(unique.clone()) {
        unique = format!("{base}-{n}");
        n += 1;
    }
    let link = format!(r##" <a class="anchor" href="#{unique}" aria-label="Link to this section">#</a>"##);
    *id = Some(CowStr::from(unique));
    let end = held.len() - 1;
    held.insert(end, Event::InlineHtml(CowStr::from(link)));
    held
}
