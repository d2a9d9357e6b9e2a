//! Every URL of the site, from one function: a `Route` names a page, and the site's
//! `BaseUrl` turns it into a link under the base path or an absolute permalink.

use std::fmt::Write;

use crate::slug::Slug;

/// A URL that content may put in an `href` or `src`: `http`, `https`, `mailto`, or
/// relative. Read from front matter, anything else is an error at its value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub(crate) struct Href(String);

impl Href {
    pub(crate) const HELP: &str = "give an http, https or mailto URL, or a path";

    /// `text` as a link, or what is wrong with it and what would be right.
    pub(crate) fn check(text: &str) -> Result<(), String> {
        // As browsers read a URL: tabs and line breaks dropped, leading spaces and
        // control characters trimmed, the scheme's case ignored.
        let read: String = text.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        let read = read.trim_start_matches(|c: char| c <= ' ');
        let scheme = read.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        match scheme {
            Some(scheme) if !["http", "https", "mailto"].iter().any(|s| s.eq_ignore_ascii_case(scheme)) => {
                Err(format!("`{text}` is not a link a page can carry"))
            }
            _ => Ok(()),
        }
    }
}

impl std::ops::Deref for Href {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Href {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::check(&text).map_err(|error| serde::de::Error::custom(format!("{error}: {}", Self::HELP)))?;
        Ok(Self(text))
    }
}

/// The address of a page on the web, such as a report a claim comes from: `http` or
/// `https`, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub(crate) struct WebUrl(String);

impl WebUrl {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for WebUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match url::Url::parse(&text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(Self(text)),
            _ => Err(serde::de::Error::custom(format!(
                "`{text}` is not a web address: give the report's http or https URL, such as https://example.com/report"
            ))),
        }
    }
}

/// The address the site is published at; its path always ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl(url::Url);

impl BaseUrl {
    /// Parses an `http` or `https` URL; a missing final `/` is added.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let mut url = url::Url::parse(text).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{text}` is not an http or https address"));
        }
        // Pages live under the path; a query or fragment would land inside every link.
        if let Some(query) = url.query() {
            return Err(format!("`{text}` has a query, `?{query}`, which a site's address cannot carry"));
        }
        if let Some(fragment) = url.fragment() {
            return Err(format!(
                "`{text}` has a fragment, `#{fragment}`, which a site's address cannot carry"
            ));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(Self(url))
    }

    /// Parses the value of a `--base-url` flag, which is a usage error when it is wrong.
    pub(crate) fn flag(text: &str) -> Result<Self, crate::Error> {
        Self::parse(text).map_err(|problem| {
            crate::Error::Usage(format!("--base-url: {problem}; give one such as https://example.com/blog/"))
        })
    }

    /// The host name, such as `user.github.io`.
    pub(crate) fn host(&self) -> Option<&str> {
        self.0.host_str()
    }

    /// `http` or `https`.
    pub(crate) fn scheme(&self) -> &str {
        self.0.scheme()
    }

    /// The path every page lives under, such as `/transfer-blog/`.
    pub(crate) fn path(&self) -> &str {
        self.0.path()
    }

    /// The URL as text, ending with `/`.
    pub(crate) fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The link to `route` from any page of the site: its path, with the base path.
    pub(crate) fn link(&self, route: &Route<'_>) -> String {
        let mut link = self.path().to_owned();
        route.write_path(&mut link);
        link
    }

    /// The absolute URL of `route`, for feeds and anything read off the site.
    pub(crate) fn permalink(&self, route: &Route<'_>) -> String {
        let mut url = self.as_str().to_owned();
        route.write_path(&mut url);
        url
    }

    /// The absolute URL of the page at `route`, to resolve the links written on it.
    pub(crate) fn page(&self, route: &Route<'_>) -> url::Url {
        // The base is a valid URL, and a route adds a path of slugs to it.
        url::Url::parse(&self.permalink(route)).expect("a permalink is a URL")
    }
}

/// A page or file of the built site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    /// Page `n` (from 1) of the rumour feed.
    Feed(usize),
    /// An article.
    Article(&'a Slug),
    /// The players A-Z.
    Players,
    /// A player.
    Player(&'a Slug),
    /// The clubs A-Z.
    Clubs,
    /// A club.
    Club(&'a Slug),
    /// The sources and their records.
    Sources,
    /// A source.
    Source(&'a Slug),
    /// Every tag.
    Tags,
    /// A tag's articles.
    Tag(&'a Slug),
    /// A standalone page.
    Page(&'a Slug),
    /// The site's feeds.
    Atom,
    Rss,
    JsonFeed,
    /// A saga: the player's slug and the club's.
    Saga(&'a Slug, &'a Slug),
    /// The Atom feeds of a player, a club, a source, a tag and a saga.
    PlayerAtom(&'a Slug),
    ClubAtom(&'a Slug),
    SourceAtom(&'a Slug),
    TagAtom(&'a Slug),
    SagaAtom(&'a Slug, &'a Slug),
    /// The open data.
    Data(Data),
    /// The machine files.
    Sitemap,
    Robots,
    /// The page for addresses the site does not have.
    NotFound,
    /// The theme's stylesheet.
    Style,
    /// The theme's icon.
    Favicon,
    /// The transfer windows, newest first; a window; a league.
    Windows,
    Window(&'a Slug),
    League(&'a Slug),
    /// The players by the end of their contracts.
    Contracts,
    /// The search page, its scripts and the files of its index.
    Search,
    Script(Script),
    SearchFile(crate::search::File),
    /// The file that tells GitHub Pages not to run the site through Jekyll.
    NoJekyll,
    /// The custom domain, for GitHub Pages.
    Cname,
    /// A file by its path from the site root, such as `images/trent.jpg`.
    File(&'a str),
    /// Page `n`, from 2, of the articles of a player, club, source or tag.
    Paged(Listed, &'a Slug, usize),
    /// A page that sends readers from an old path, such as `2025/06/old-slug/`, to the
    /// article or page that took it as an alias.
    Alias(&'a str),
}

/// The pages that list their articles a page at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Listed {
    Player,
    Club,
    Source,
    Tag,
}

impl Listed {
    /// Page `n`, from 1, of the listing of `slug`: the first is the listing's own page.
    pub(crate) fn page(self, slug: &Slug, n: usize) -> Route<'_> {
        match (self, n) {
            (_, 2..) => Route::Paged(self, slug, n),
            (Self::Player, _) => Route::Player(slug),
            (Self::Club, _) => Route::Club(slug),
            (Self::Source, _) => Route::Source(slug),
            (Self::Tag, _) => Route::Tag(slug),
        }
    }

    fn folder(self) -> &'static str {
        match self {
            Self::Player => "players",
            Self::Club => "clubs",
            Self::Source => "sources",
            Self::Tag => "tags",
        }
    }
}

/// The scripts of the theme, which only the search page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// The search page's own.
    Search,
    /// MiniSearch, which matches words as readers spell them.
    MiniSearch,
}

/// The files of open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Data {
    Sagas,
    Sources,
    Players,
    Windows,
}

impl Route<'_> {
    /// The path from the site root, without a leading `/`; pages end with `/`.
    fn write_path(&self, out: &mut String) {
        // Most routes are a folder, then perhaps a slug and what follows it.
        let (folder, slug, after) = match *self {
            Self::Feed(1) => ("", None, ""),
            Self::Feed(n) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "page/{n}/");
                return;
            }
            Self::Saga(player, club) | Self::SagaAtom(player, club) => {
                let _ = write!(out, "sagas/{player}-to-{club}/");
                if matches!(self, Self::SagaAtom(..)) {
                    out.push_str("atom.xml");
                }
                return;
            }
            Self::SearchFile(file) => {
                let _ = match file {
                    crate::search::File::Entities => write!(out, "search/entities.json"),
                    crate::search::File::Terms(n) => write!(out, "search/terms/{n}.json"),
                    crate::search::File::Articles(n) => write!(out, "search/articles/{n}.json"),
                };
                return;
            }
            Self::Paged(listed, slug, n) => {
                let _ = write!(out, "{}/{slug}/page/{n}/", listed.folder());
                return;
            }
            Self::Article(slug) => ("articles/", Some(slug), "/"),
            Self::Players => ("players/", None, ""),
            Self::Player(slug) => ("players/", Some(slug), "/"),
            Self::Clubs => ("clubs/", None, ""),
            Self::Club(slug) => ("clubs/", Some(slug), "/"),
            Self::Sources => ("sources/", None, ""),
            Self::Source(slug) => ("sources/", Some(slug), "/"),
            Self::Tags => ("tags/", None, ""),
            Self::Tag(slug) => ("tags/", Some(slug), "/"),
            Self::Page(slug) => ("", Some(slug), "/"),
            Self::Atom => ("atom.xml", None, ""),
            Self::Rss => ("rss.xml", None, ""),
            Self::JsonFeed => ("feed.json", None, ""),
            Self::PlayerAtom(slug) => ("players/", Some(slug), "/atom.xml"),
            Self::ClubAtom(slug) => ("clubs/", Some(slug), "/atom.xml"),
            Self::SourceAtom(slug) => ("sources/", Some(slug), "/atom.xml"),
            Self::TagAtom(slug) => ("tags/", Some(slug), "/atom.xml"),
            Self::Data(Data::Sagas) => ("data/sagas.json", None, ""),
            Self::Data(Data::Sources) => ("data/sources.json", None, ""),
            Self::Data(Data::Players) => ("data/players.json", None, ""),
            Self::Data(Data::Windows) => ("data/windows.json", None, ""),
            Self::Windows => ("windows/", None, ""),
            Self::Window(slug) => ("windows/", Some(slug), "/"),
            Self::League(slug) => ("leagues/", Some(slug), "/"),
            Self::Contracts => ("contracts/", None, ""),
            Self::Sitemap => ("sitemap.xml", None, ""),
            Self::Robots => ("robots.txt", None, ""),
            Self::NotFound => ("404.html", None, ""),
            Self::Style => ("style.css", None, ""),
            Self::Favicon => ("favicon.svg", None, ""),
            Self::Search => ("search/", None, ""),
            Self::Script(Script::Search) => ("search/search.js", None, ""),
            Self::Script(Script::MiniSearch) => ("search/minisearch.js", None, ""),
            Self::NoJekyll => (".nojekyll", None, ""),
            Self::Cname => ("CNAME", None, ""),
            Self::File(path) | Self::Alias(path) => (path.trim_start_matches('/'), None, ""),
        };
        let slug = slug.map_or("", Slug::as_str);
        out.push_str(folder);
        out.push_str(slug);
        out.push_str(after);
    }

    /// Where the route's file goes in the output folder, with `/` between parts.
    pub(crate) fn output_path(&self) -> String {
        let mut path = String::new();
        self.write_path(&mut path);
        if path.is_empty() || path.ends_with('/') {
            path.push_str("index.html");
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_live_under_the_base_path() {
        let base = BaseUrl::parse("https://example.github.io/transfer-blog").unwrap();
        let slug = Slug::new("trent-real-madrid").unwrap();
        assert_eq!(base.link(&Route::Feed(1)), "/transfer-blog/");
        assert_eq!(base.link(&Route::Feed(3)), "/transfer-blog/page/3/");
        assert_eq!(base.link(&Route::Article(&slug)), "/transfer-blog/articles/trent-real-madrid/");
        assert_eq!(base.permalink(&Route::Atom), "https://example.github.io/transfer-blog/atom.xml");
    }

    #[test]
    fn pages_are_folders_with_an_index() {
        let slug = Slug::new("about").unwrap();
        assert_eq!(Route::Feed(1).output_path(), "index.html");
        assert_eq!(Route::Page(&slug).output_path(), "about/index.html");
        assert_eq!(Route::Atom.output_path(), "atom.xml");
    }

    #[test]
    fn rejects_what_cannot_be_published() {
        assert!(BaseUrl::parse("ftp://example.com/").is_err());
        assert!(BaseUrl::parse("example.com").is_err());
        assert_eq!(
            BaseUrl::parse("https://example.com/blog?x=1"),
            Err("`https://example.com/blog?x=1` has a query, `?x=1`, which a site's address cannot carry"
                .into())
        );
        assert_eq!(
            BaseUrl::parse("https://example.com/blog/#top"),
            Err(
                "`https://example.com/blog/#top` has a fragment, `#top`, which a site's address cannot carry"
                    .into()
            )
        );
    }

    proptest::proptest! {
        #[test]
        fn every_route_links_under_the_base_and_writes_inside_the_output(
            host in "[a-z][a-z0-9-]{0,12}(\\.[a-z]{2,6}){1,2}",
            port in proptest::option::of(1u16..),
            path in proptest::collection::vec("[A-Za-z0-9._~-]{1,10}", 0..3),
            slash in proptest::bool::ANY,
            name in "\\PC{1,30}",
            page in 1usize..100_000,
        ) {
            let port = port.map_or_else(String::new, |p| format!(":{p}"));
            let path: String = path.iter().filter(|p| !p.chars().all(|c| c == '.')).map(|p| format!("/{p}")).collect();
            let given = format!("https://{host}{port}{path}{}", if slash { "/" } else { "" });
            let base = BaseUrl::parse(&given).unwrap();
            proptest::prop_assert_eq!(&BaseUrl::parse(base.as_str()).unwrap(), &base);
            let Some(slug) = Slug::new(&name) else { return Ok(()) };
            let file = format!("images/{slug}.jpg");
            let routes = [
                Route::Feed(page), Route::Article(&slug), Route::Player(&slug), Route::Club(&slug),
                Route::Source(&slug), Route::Tag(&slug), Route::Page(&slug), Route::PlayerAtom(&slug),
                Route::ClubAtom(&slug), Route::SourceAtom(&slug), Route::TagAtom(&slug), Route::Saga(&slug, &slug),
                Route::SagaAtom(&slug, &slug), Route::Paged(Listed::Tag, &slug, page + 1), Route::Atom, Route::Data(Data::Sagas), Route::File(&file),
            ];
            for route in routes {
                let link = base.link(&route);
                let permalink = base.permalink(&route);
                proptest::prop_assert!(link.starts_with(base.path()), "{link}");
                // The URL is written as a browser would read it: parsing changes nothing.
                let parsed = url::Url::parse(&permalink).unwrap();
                proptest::prop_assert_eq!(parsed.as_str(), permalink.as_str());
                proptest::prop_assert_eq!(parsed.path(), link.as_str());
                let page = base.page(&route);
                proptest::prop_assert_eq!(page.as_str(), permalink.as_str());
                let output = route.output_path();
                proptest::prop_assert!(!output.starts_with('/'), "{output}");
                proptest::prop_assert!(output.split('/').all(|part| !part.is_empty() && part != "." && part != ".."), "{output}");
                let written = format!("{}{output}", base.path());
                proptest::prop_assert_eq!(written.trim_end_matches("index.html"), link.as_str());
            }
        }
    }
}
