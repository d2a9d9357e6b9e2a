//! The site's Atom feed of its latest articles.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};

use crate::date::Date;
use crate::site::Site;
use crate::url::Route;

/// How many of the latest articles the feed carries.
const FEED_LENGTH: usize = 20;

/// `/atom.xml`: the latest articles, newest first, with absolute links.
pub(crate) fn atom(site: &Site) -> Vec<u8> {
    let config = &site.config;
    let base = &config.base_url;
    let latest = &site.articles[..site.articles.len().min(FEED_LENGTH)];
    let entries: Vec<Entry> = latest
        .iter()
        .map(|article| {
            let url = base.permalink(&Route::Article(&article.slug));
            let author = article.author.clone().unwrap_or_else(|| config.title.clone());
            Entry {
                id: url.clone(),
                title: Text::plain(article.title.clone()),
                updated: instant(article.updated.unwrap_or(article.date)),
                published: Some(instant(article.date)),
                authors: vec![Person { name: author, ..Person::default() }],
                links: vec![Link {
                    href: url,
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Link::default()
                }],
                summary: Some(Text::html(article.summary_html.clone())),
                content: Some(Content {
                    value: Some(article.content_html.clone()),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect();
    // The newest change, so that the same articles always give the same feed.
    let updated = latest.iter().map(|a| a.updated.unwrap_or(a.date)).max();
    let feed = Feed {
        id: base.as_str().to_owned(),
        title: Text::plain(config.title.clone()),
        subtitle: (!config.description.is_empty()).then(|| Text::plain(config.description.clone())),
        updated: updated.map_or_else(FixedDateTime::default, instant),
        links: vec![
            Link {
                href: base.permalink(&Route::Atom),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: base.as_str().to_owned(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
        ],
        lang: Some(config.language.clone()),
        entries,
        ..Feed::default()
    };
    feed.to_string().into_bytes()
}

fn instant(date: Date) -> FixedDateTime {
    date.as_datetime()
}
