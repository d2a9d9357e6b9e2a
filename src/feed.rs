//! Feeds: Atom, RSS 2.0 and JSON Feed 1.1 of the latest articles site-wide, with their
//! full content; Atom of each player's, club's, source's and tag's, with their summaries:
//! those are alerts to follow one name, and a site has a thousand of them; and Atom of
//! each saga's changes of status. Every URL in them is absolute, content included, and
//! ids never change: an article's is its permalink.

use atom_syndication as atom;
use serde::Serialize;

use html_escape::{encode_quoted_attribute, encode_text};

use crate::anchor;
use crate::article::Article;
use crate::date::Date;
use crate::entity::Kind;
use crate::html;
use crate::rumour::Status;
use crate::site::Site;
use crate::update::{self, Update};
use crate::url::Route;

/// How many of the latest articles each feed carries.
pub(crate) const FEED_LENGTH: usize = 20;

/// One article, or one change of a saga's status, as every feed gives it.
struct Item {
    /// What never changes: an article's permalink, a change's place on its saga's page.
    id: String,
    title: String,
    url: String,
    published: Date,
    updated: Date,
    author: String,
    summary_html: String,
    content_html: String,
    tags: Vec<String>,
}

/// The site's Atom, RSS or JSON feed: `route` names which.
pub(crate) fn site_feed(site: &Site, route: &Route<'_>) -> Vec<u8> {
    let entries: Vec<Item> =
        (0..site.articles.len().min(FEED_LENGTH)).map(|a| entry(site, a, true)).collect();
    let base = &site.config.base_url;
    let config = &site.config;
    let home = FeedInfo {
        title: config.title.clone(),
        description: config.description.clone(),
        page: base.permalink(&Route::Feed(1)),
        feed: base.permalink(&Route::Atom),
    };
    match route {
        Route::Rss => rss(site, &home, &entries),
        Route::JsonFeed => json_feed(site, &home, &entries),
        _ => atom(site, &home, &entries),
    }
}

/// The Atom feed of one player or club: its name, its page, the feed's own route, and
/// its articles, newest first. These carry summaries: they are alerts to follow one name.
pub(crate) fn entity_feed(
    site: &Site,
    name: &str,
    page: &Route<'_>,
    feed: &Route<'_>,
    articles: &[usize],
) -> Vec<u8> {
    let config = &site.config;
    let base = &config.base_url;
    let info = FeedInfo {
        title: format!("{}: {name}", config.title),
        description: format!("Transfer news about {name}"),
        page: base.permalink(page),
        feed: base.permalink(feed),
    };
    let entries: Vec<Item> = articles.iter().take(FEED_LENGTH).map(|&a| entry(site, a, false)).collect();
    atom(site, &info, &entries)
}

/// Article `index` as the feeds give it, its body too when `whole`.
fn entry(site: &Site, index: usize, whole: bool) -> Item {
    let article = &site.articles[index];
    let (base, route) = (&site.config.base_url, Route::Article(&article.slug));
    // The page's URL is parsed only for HTML whose links are still to resolve against it:
    // most summaries were made absolute with the article.
    let absolute = |html: &str| html::absolute(html, &base.page(&route));
    Item {
        title: article.title.clone(),
        published: article.date,
        updated: article.modified(),
        author: article.author.clone().unwrap_or_else(|| site.config.title.clone()),
        summary_html: {
            let summary = match article.summary_absolute() {
                Some(absolute) => absolute.to_owned(),
                None => absolute(article.summary_html()),
            };
            if whole { summary } else { rumours(site, article) + &summary }
        },
        content_html: match whole {
            true => rumours(site, article) + &absolute(&anchor::without_anchors(&with_updates(article))),
            false => String::new(),
        },
        tags: article.tags.iter().map(|(_, name)| name.clone()).collect(),
        id: base.permalink(&route),
        url: base.permalink(&route),
    }
}

/// The Atom feed of saga `index`: an entry for each change of its status, newest first,
/// so that a feed reader shows a change once, when it happens. A change is the first claim
/// of a status after another, or the move elsewhere that closed the saga.
pub(crate) fn saga_feed(site: &Site, index: usize) -> Vec<u8> {
    let saga = &site.sagas[index];
    let base = &site.config.base_url;
    let name = |kind, slug| site.name(kind, slug);
    let (player, club) = (name(Kind::Player, &saga.player), name(Kind::Club, &saga.to));
    let page = Route::Saga(&saga.player, &saga.to);
    let info = FeedInfo {
        title: format!("{}: {player} to {club}", site.config.title),
        description: format!("Each change in the saga of {player}'s move to {club}"),
        page: base.permalink(&page),
        feed: base.permalink(&Route::SagaAtom(&saga.player, &saga.to)),
    };
    let change = |status: Status, date: Date, summary_html: String, url: String| {
        let id = format!("{}#{}-{}", info.page, status.as_str(), date.day());
        let title = format!("{}: {player} to {club}", status.label());
        Item {
            id,
            title,
            url,
            published: date,
            updated: date,
            author: site.config.title.clone(),
            summary_html,
            content_html: String::new(),
            tags: Vec::new(),
        }
    };
    let mut entries: Vec<Item> = Vec::new();
    let mut was = None;
    for &(a, r) in &saga.rumours {
        let (article, rumour) = (&site.articles[a], &site.articles[a].rumours[r]);
        if was == Some(rumour.status) {
            continue;
        }
        was = Some(rumour.status);
        let url = base.permalink(&Route::Article(&article.slug));
        let mut summary = format!(
            "<p>Reported in <a href=\"{}\">{}</a>",
            encode_quoted_attribute(&url),
            encode_text(&article.title)
        );
        for (n, cited) in rumour.sources.iter().enumerate() {
            summary.push_str(if n == 0 { ", per " } else { ", " });
            summary.push_str(&encode_text(name(Kind::Source, &cited.source)));
            if let Some(via) = &cited.via {
                summary.push_str(" via ");
                summary.push_str(&encode_text(name(Kind::Source, via)));
            }
        }
        summary.push_str(".</p>");
        entries.push(change(rumour.status, rumour.date, summary, url));
    }
    if let Some(to) = &saga.closed_by_move_to {
        let other = name(Kind::Club, to);
        let summary = format!("<p>{} joined {} instead.</p>", encode_text(player), encode_text(other));
        entries.push(change(Status::Off, saga.updated, summary, info.page.clone()));
    }
    // Two changes to one status on one day keep ids of their own.
    for n in 1..entries.len() {
        let repeats = entries[..n].iter().filter(|e| e.id.starts_with(&entries[n].id)).count();
        if repeats > 0 {
            entries[n].id = format!("{}-{}", entries[n].id, repeats + 1);
        }
    }
    entries.reverse();
    entries.truncate(FEED_LENGTH);
    atom(site, &info, &entries)
}

/// The rumours `article` reports, as a list that opens its entry: status, player, move,
/// fee and sources, so that a feed reader shows the news without the page.
fn rumours(site: &Site, article: &Article) -> String {
    if article.rumours.is_empty() {
        return String::new();
    }
    let name = |kind, slug| encode_text(site.name(kind, slug)).into_owned();
    let mut html = String::from("<ul>");
    for rumour in &article.rumours {
        let from =
            rumour.from.as_ref().map(|from| format!("{} → ", name(Kind::Club, from))).unwrap_or_default();
        html.push_str(&format!(
            "<li><strong>{}</strong>: {}, {from}{}",
            rumour.status.label(),
            name(Kind::Player, &rumour.player),
            name(Kind::Club, &rumour.to)
        ));
        if let Some(fee) = &rumour.fee {
            html.push_str(&format!(" ({})", encode_text(&fee.shown(&site.config.rates))));
        }
        for (n, cited) in rumour.sources.iter().enumerate() {
            html.push_str(if n == 0 { ", per " } else { ", " });
            html.push_str(&name(Kind::Source, &cited.source));
            if let Some(via) = &cited.via {
                html.push_str(" via ");
                html.push_str(&name(Kind::Source, via));
            }
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// The body of `article` as feeds carry it: its updates first, newest first, and its
/// corrections last, each with its time.
fn with_updates(article: &Article) -> std::borrow::Cow<'_, str> {
    if article.updates.is_empty() {
        return article.content_html().into();
    }
    let note = |update: &&Update| {
        let at = update.at.as_datetime().format("%-d %B %Y, %H:%M");
        // The text is one paragraph: the label goes inside it.
        let text = update.html.trim_start_matches("<p>");
        format!("<p><strong>{}, {at}:</strong> {text}", update.kind.label())
    };
    let (updates, corrections) = update::split(&article.updates);
    let mut html: String = updates.iter().map(note).collect();
    html.push_str(article.content_html());
    html.extend(corrections.iter().map(note));
    html.into()
}

/// What a feed says of itself.
struct FeedInfo {
    title: String,
    description: String,
    /// The page the feed follows.
    page: String,
    /// The feed's own address.
    feed: String,
}

fn atom(site: &Site, info: &FeedInfo, entries: &[Item]) -> Vec<u8> {
    let link = |href: &str, rel: &str, mime: &str| atom::Link {
        href: href.to_owned(),
        rel: rel.to_owned(),
        mime_type: Some(mime.to_owned()),
        ..atom::Link::default()
    };
    let feed = atom::Feed {
        id: info.feed.clone(),
        title: atom::Text::plain(info.title.clone()),
        subtitle: (!info.description.is_empty()).then(|| atom::Text::plain(info.description.clone())),
        // The newest change among the entries, so that the same articles always give the
        // same feed.
        // A feed with no entries is as new as the site.
        updated: entries
            .iter()
            .map(|entry| entry.updated)
            .max()
            .or_else(|| site.articles.iter().map(|article| article.modified()).max())
            .map_or_else(atom::FixedDateTime::default, |date| date.as_datetime()),
        authors: vec![atom::Person { name: site.config.title.clone(), ..atom::Person::default() }],
        links: vec![
            link(&info.feed, "self", "application/atom+xml"),
            link(&info.page, "alternate", "text/html"),
        ],
        lang: Some(site.config.language.clone()),
        generator: Some(generator()),
        entries: entries.iter().map(atom_entry).collect(),
        ..atom::Feed::default()
    };
    // Writing into memory cannot fail.
    let xml = feed.write_to(Vec::new()).expect("an Atom feed writes into memory");
    xml_safe(String::from_utf8(xml).expect("the Atom writer writes UTF-8"))
}

/// `xml` without the characters XML 1.0 does not allow: control characters other than
/// tab and line breaks, U+FFFE and U+FFFF. Content may hold them; a feed reader refuses
/// a feed that does. Markup never uses them, so only text loses them.
fn xml_safe(mut xml: String) -> Vec<u8> {
    // Most feeds have none, and looking is cheaper than copying every character.
    let control = xml.bytes().any(|b| b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r'));
    if !control && !xml.contains(['\u{FFFE}', '\u{FFFF}']) {
        return xml.into_bytes();
    }
    xml.retain(|c| c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}') || matches!(c, '\t' | '\n' | '\r'));
    xml.into_bytes()
}

fn atom_entry(entry: &Item) -> atom::Entry {
    let link = atom::Link {
        href: entry.url.clone(),
        rel: "alternate".to_owned(),
        mime_type: Some("text/html".to_owned()),
        ..atom::Link::default()
    };
    atom::Entry {
        id: entry.id.clone(),
        title: atom::Text::plain(entry.title.clone()),
        updated: entry.updated.as_datetime(),
        published: Some(entry.published.as_datetime()),
        authors: vec![atom::Person { name: entry.author.clone(), ..atom::Person::default() }],
        links: vec![link],
        categories: entry
            .tags
            .iter()
            .map(|tag| atom::Category { term: tag.clone(), ..atom::Category::default() })
            .collect(),
        summary: Some(atom::Text::html(entry.summary_html.clone())),
        content: (!entry.content_html.is_empty()).then(|| atom::Content {
            value: Some(entry.content_html.clone()),
            content_type: Some("html".to_owned()),
            ..atom::Content::default()
        }),
        ..atom::Entry::default()
    }
}

fn generator() -> atom::Generator {
    atom::Generator {
        value: "rumourmill".to_owned(),
        uri: None,
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
    }
}

fn rss(site: &Site, info: &FeedInfo, entries: &[Item]) -> Vec<u8> {
    let mut channel = rss::Channel::default();
    channel.set_title(info.title.clone());
    channel.set_link(info.page.clone());
    channel.set_description(if info.description.is_empty() {
        info.title.clone()
    } else {
        info.description.clone()
    });
    channel.set_language(site.config.language.clone());
    channel.set_generator(format!("rumourmill {}", env!("CARGO_PKG_VERSION")));
    channel.set_last_build_date(
        entries.iter().map(|entry| entry.updated).max().map(|date| date.as_datetime().to_rfc2822()),
    );
    let mut self_link = atom::Link::default();
    self_link.set_href(site.config.base_url.permalink(&Route::Rss));
    self_link.set_rel("self");
    self_link.set_mime_type(Some("application/rss+xml".to_owned()));
    let mut atom_ext = rss::extension::atom::AtomExtension::default();
    atom_ext.set_links(vec![self_link]);
    channel.set_atom_ext(atom_ext);
    channel.set_items(
        entries
            .iter()
            .map(|entry| {
                let mut item = rss::Item::default();
                item.set_title(entry.title.clone());
                item.set_link(entry.url.clone());
                let mut guid = rss::Guid::default();
                guid.set_value(entry.id.clone());
                guid.set_permalink(true);
                item.set_guid(guid);
                item.set_pub_date(entry.published.as_datetime().to_rfc2822());
                item.set_description(entry.summary_html.clone());
                item.set_content(entry.content_html.clone());
                let mut creator = rss::extension::dublincore::DublinCoreExtension::default();
                creator.set_creators(vec![entry.author.clone()]);
                item.set_dublin_core_ext(creator);
                item.set_categories(
                    entry
                        .tags
                        .iter()
                        .map(|tag| {
                            let mut category = rss::Category::default();
                            category.set_name(tag.clone());
                            category
                        })
                        .collect::<Vec<_>>(),
                );
                item
            })
            .collect::<Vec<_>>(),
    );
    xml_safe(channel.to_string())
}

/// JSON Feed 1.1, <https://www.jsonfeed.org/version/1.1/>.
#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    authors: [JsonAuthor<'a>; 1],
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    summary: String,
    date_published: Date,
    date_modified: Date,
    authors: [JsonAuthor<'a>; 1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
}

fn json_feed(site: &Site, info: &FeedInfo, entries: &[Item]) -> Vec<u8> {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &info.title,
        home_page_url: &info.page,
        feed_url: site.config.base_url.permalink(&Route::JsonFeed),
        description: &info.description,
        language: &site.config.language,
        authors: [JsonAuthor { name: &site.config.title }],
        items: entries
            .iter()
            .map(|entry| JsonItem {
                id: &entry.id,
                url: &entry.url,
                title: &entry.title,
                content_html: &entry.content_html,
                summary: crate::markdown::plain_text(&entry.summary_html),
                date_published: entry.published,
                date_modified: entry.updated,
                authors: [JsonAuthor { name: &entry.author }],
                tags: &entry.tags,
            })
            .collect(),
    };
    // Plain structs of strings and dates always serialize.
    let mut bytes = serde_json::to_vec_pretty(&feed).expect("a feed serializes");
    bytes.push(b'\n');
    bytes
}
