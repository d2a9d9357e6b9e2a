//! The search index under `/search/`, made from the model with every build: no page is
//! parsed again, and no tool beyond this one runs.
//!
//! A phone fetches only what its query needs. The index is three kinds of file:
//!
//! - `entities.json`: every player, club and source with its names, for the page to
//!   match a misspelt name against and to offer as filters;
//! - `terms/N.json`: a shard of the inverted index, `{"term": [article, ...]}`. A word's
//!   shard is chosen by its first two letters, so that every spelling near it ("mbape",
//!   "mbappe") is in the one shard the page fetches; a filter term such as
//!   `p:kylian-mbappe` or `st:done` by the whole of it. The number of shards grows with
//!   the site, keeping each a few kilobytes;
//! - `articles/N.json`: what a result shows (path, headline, date, statuses) for a run of
//!   [`CHUNK`] articles, newest first, so that an article's number is its place in the feed.
//!
//! The page matches words with MiniSearch (vendored in the theme), which does the fuzzy
//! and prefix matching; `templates/search/search.js` holds the rest.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::HashMap;
use crate::entity::Kind;
use crate::markdown::plain_text;
use crate::site::Site;
use crate::url::Route;

/// How many articles one file of result lines holds.
pub(crate) const CHUNK: usize = 100;

/// Words too common to find anything by.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "his", "in",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to", "was", "will", "with",
];

/// The files of the search index, each as it is written.
#[derive(Debug)]
pub(crate) struct Index {
    entities: String,
    shards: Vec<String>,
    chunks: Vec<String>,
}

/// How many shards of terms a site of `articles` articles has: about one for every forty
/// articles, a power of two.
pub(crate) fn shards(articles: usize) -> usize {
    (articles / 40).next_power_of_two().clamp(16, 4096)
}

/// How many files of result lines a site of `articles` articles has.
pub(crate) fn chunks(articles: usize) -> usize {
    articles.div_ceil(CHUNK).max(1)
}

/// The shard of `term` among `shards`: FNV-1a of its first two characters (of all of it
/// for a filter term), as `search.js` computes it.
pub(crate) fn shard_of(term: &str, shards: usize) -> usize {
    let key = match term.contains(':') {
        true => term,
        false => term.char_indices().nth(2).map_or(term, |(end, _)| &term[..end]),
    };
    let hash =
        key.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193));
    hash as usize % shards
}

/// `text` in lower-case ASCII, as the index keeps words: "Ødegaard" is "odegaard".
/// `search.js` folds a query the same way.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = deunicode::deunicode(text);
    folded.make_ascii_lowercase();
    folded
}

/// The words of `folded` text that the index keeps: two characters or more, common words
/// left out.
pub(crate) fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| word.len() >= 2 && !STOP_WORDS.contains(word))
}

#[derive(Serialize)]
struct EntityLine<'a> {
    /// `p`, `c` or `s`.
    k: &'static str,
    slug: &'a str,
    name: &'a str,
    /// The profile's other names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aka: Vec<&'a str>,
    url: String,
    /// How many articles name it.
    n: usize,
}

/// One result line: path, headline, date (`YYYY-MM-DD`), and the statuses it reports.
type ResultLine<'a> = (String, &'a str, String, Vec<&'static str>);

impl Index {
    /// The index of `site`.
    pub(crate) fn new(site: &Site) -> Self {
        let base = &site.config.base_url;
        let shard_count = shards(site.articles.len());
        // Each article's terms, made in parallel; then merged in article order, so that
        // every posting list is sorted newest first.
        let per_article: Vec<Vec<String>> =
            site.articles.par_iter().map(|a| article_terms(site, a)).collect();
        let mut terms: HashMap<String, Vec<u32>> = HashMap::default();
        for (n, article_terms) in per_article.into_iter().enumerate() {
            let n = u32::try_from(n).expect("fewer than four billion articles");
            for term in article_terms {
                match terms.get_mut(&term) {
                    Some(articles) => articles.push(n),
                    None => drop(terms.insert(term, vec![n])),
                }
            }
        }
        let mut shard_maps: Vec<BTreeMap<&str, &[u32]>> = vec![BTreeMap::new(); shard_count];
        for (term, articles) in &terms {
            shard_maps[shard_of(term, shard_count)].insert(term, articles);
        }
        let shards = shard_maps.iter().map(to_json).collect();

        let chunks = (0..chunks(site.articles.len()))
            .map(|c| {
                let lines: Vec<ResultLine<'_>> = site
                    .articles
                    .iter()
                    .skip(c * CHUNK)
                    .take(CHUNK)
                    .map(|article| {
                        let mut statuses: Vec<&'static str> =
                            article.rumours.iter().map(|r| r.status.as_str()).collect();
                        statuses.dedup();
                        let url = base.link(&Route::Article(&article.slug));
                        (url, article.title.as_str(), article.date.day().to_string(), statuses)
                    })
                    .collect();
                to_json(&lines)
            })
            .collect();

        let players = site.players.iter().map(|p| {
            let aka = p.profile.iter().flat_map(|profile| &profile.aliases).map(String::as_str).collect();
            line("p", &p.slug, &p.name, aka, base.link(&Route::Player(&p.slug)), p.articles.len())
        });
        let clubs = site.clubs.iter().map(|c| {
            let aka = c.profile.iter().flat_map(|profile| &profile.aliases).map(String::as_str).collect();
            line("c", &c.slug, &c.name, aka, base.link(&Route::Club(&c.slug)), c.articles.len())
        });
        let sources = site.sources.iter().map(|s| {
            line("s", &s.slug, &s.name, Vec::new(), base.link(&Route::Source(&s.slug)), s.articles.len())
        });
        let entities: Vec<EntityLine<'_>> = players.chain(clubs).chain(sources).collect();
        Self { entities: to_json(&entities), shards, chunks }
    }

    /// The file at `file` of the index.
    pub(crate) fn file(&self, file: File) -> Vec<u8> {
        match file {
            File::Entities => self.entities.clone().into_bytes(),
            File::Terms(n) => self.shards[n].clone().into_bytes(),
            File::Articles(n) => self.chunks[n].clone().into_bytes(),
        }
    }
}

fn line<'a>(
    k: &'static str,
    slug: &'a crate::slug::Slug,
    name: &'a str,
    aka: Vec<&'a str>,
    url: String,
    n: usize,
) -> EntityLine<'a> {
    EntityLine { k, slug: slug.as_str(), name, aka, url, n }
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("the search index serializes")
}

/// Every term of `article`, once each: the words of its headline, summary, tags and the
/// names of what it names, and a filter term for each player, club, source and status.
fn article_terms(site: &Site, article: &crate::article::Article) -> Vec<String> {
    let mut text = String::with_capacity(512);
    text.push_str(&article.title);
    text.push(' ');
    text.push_str(&plain_text(article.summary_html()));
    for (_, tag) in &article.tags {
        text.push(' ');
        text.push_str(tag);
    }
    let named = [
        (Kind::Player, &article.players, "p"),
        (Kind::Club, &article.clubs, "c"),
        (Kind::Source, &article.sources, "s"),
    ];
    let mut terms: Vec<String> = Vec::new();
    for (kind, slugs, prefix) in named {
        for slug in slugs {
            text.push(' ');
            text.push_str(site.name(kind, slug));
            let mut term = String::with_capacity(prefix.len() + 1 + slug.as_str().len());
            let _ = write!(term, "{prefix}:{slug}");
            terms.push(term);
        }
    }
    terms.extend(article.rumours.iter().map(|r| format!("st:{}", r.status.as_str())));
    let folded = fold(&text);
    let mut found: Vec<&str> = words(&folded).collect();
    found.sort_unstable();
    found.dedup();
    terms.sort_unstable();
    terms.dedup();
    terms.extend(found.into_iter().map(str::to_owned));
    terms
}

/// A file of the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum File {
    Entities,
    Terms(usize),
    Articles(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_accents_and_drop_common_words() {
        let folded = fold("Mbappé signs for the Real Madrid of Ødegaard, Æsir");
        let found: Vec<&str> = words(&folded).collect();
        assert_eq!(found, ["mbappe", "signs", "real", "madrid", "odegaard", "aesir"]);
    }

    #[test]
    fn spellings_that_share_two_letters_share_a_shard() {
        assert_eq!(shard_of("mbappe", 256), shard_of("mbape", 256));
        // FNV-1a of "mb", as search.js computes it.
        assert_eq!(shard_of("mb", 1 << 32), 0x652e_25ee);
    }

    #[test]
    fn shards_grow_with_the_site() {
        assert_eq!(shards(10), 16);
        assert_eq!(shards(10_000), 256);
        assert_eq!(shards(100_000), 4096);
    }
}
