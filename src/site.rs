//! The site as it will be shown: every article, entity, saga, tag and page, in the order
//! pages list them, and where each one stands. The model stage makes it; the render stage
//! only reads it.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::HashMap;
use crate::alias::Redirect;
use crate::article::{Article, HeldBack};
use crate::club::Club;
use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::entity::{Directory, Kind};
use crate::likelihood;
use crate::markdown::WrittenLink;
use crate::near_miss::{self, Profiled};
use crate::page::Page;
use crate::player::Player;
use crate::record;
use crate::rumour::Status;
use crate::saga::Saga;
use crate::slug::Slug;
use crate::source::Source;
use crate::tag::Tag;
use crate::url::BaseUrl;

/// Which articles a build takes, and the base URL given on the command line.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Stands in for the config's `base_url`.
    pub(crate) base_url: Option<BaseUrl>,
    /// Build articles and pages marked `draft`.
    pub(crate) drafts: bool,
    /// Build articles dated after `now`.
    pub(crate) future: bool,
    /// The moment the build counts as now.
    pub(crate) now: DateTime<Utc>,
}

/// Everything the site shows, in the order it shows it.
#[derive(Debug)]
pub(crate) struct Site {
    pub(crate) config: Config,
    /// The articles, newest first: by date, then by slug.
    pub(crate) articles: Vec<Arc<Article>>,
    /// The players, clubs and sources, each A to Z.
    pub(crate) players: Vec<Player>,
    pub(crate) clubs: Vec<Club>,
    pub(crate) sources: Vec<Source>,
    /// The sagas, newest first; shared with the next model while they hold.
    pub(crate) sagas: Arc<[Saga]>,
    /// The tags, A to Z.
    pub(crate) tags: Vec<Tag>,
    /// The standalone pages, by slug.
    pub(crate) pages: Vec<Page>,
    /// Every name content uses, for `check` to warn of those without a profile.
    pub(crate) directory: Directory,
    /// Where each entity stands in its list.
    pub(crate) index: Index,
    /// Where each article stands in the list of articles.
    pub(crate) article_index: HashMap<Slug, usize>,
    /// The articles left out, as drafts or dated after now.
    pub(crate) held_back: HeldBack,
    /// The old paths of articles and pages, as routes write them, with where each leads.
    pub(crate) aliases: BTreeMap<String, Redirect>,
    /// Every league that a window or a club names, A to Z.
    pub(crate) leagues: Vec<crate::window::League>,
}

/// Where each player, club and source stands in its list, one map per kind.
pub(crate) type Index = [HashMap<Slug, usize>; 3];

impl Site {
    /// Every name that no profile describes: an error where it is near a profiled name,
    /// which `check` fails on, and a warning otherwise.
    pub(crate) fn unprofiled(&self) -> Diagnostics {
        near_miss::unprofiled(&self.directory)
    }

    /// Every link the site's Markdown writes, with where it is written.
    pub(crate) fn written_links(&self) -> impl Iterator<Item = &WrittenLink> {
        let articles = self.articles.iter().flat_map(|a| a.links());
        let pages = self.pages.iter().flat_map(|p| &p.links);
        let players = self.players.iter().filter_map(|p| p.profile.as_ref()).flat_map(|p| &p.links);
        let clubs = self.clubs.iter().filter_map(|c| c.profile.as_ref()).flat_map(|p| &p.links);
        let sources = self.sources.iter().filter_map(|s| s.profile.as_ref()).flat_map(|p| &p.links);
        articles.chain(pages).chain(players).chain(clubs).chain(sources)
    }

    /// The name of the profiled entity of `kind` that `name` means, by name or alias;
    /// else the profiled name that `name` is likely a misspelling of, if there is one.
    pub(crate) fn profiled(&self, kind: Kind, name: &str) -> Result<&str, Option<&str>> {
        let registry = self.directory.registry(kind);
        match registry.find(name).filter(|entry| entry.has_profile) {
            Some(entry) => Ok(&entry.name),
            None => Err(Slug::new(name).and_then(|slug| Profiled::new(registry).meant(&slug))),
        }
    }

    /// Where the entity with this slug stands in its list.
    pub(crate) fn position(&self, kind: Kind, slug: &Slug) -> Option<usize> {
        self.index[kind as usize].get(slug).copied()
    }

    /// The name of the entity of `kind` with this slug, which the model resolved.
    pub(crate) fn name(&self, kind: Kind, slug: &Slug) -> &str {
        let at = self.position(kind, slug).expect("a known entity");
        match kind {
            Kind::Player => &self.players[at].name,
            Kind::Club => &self.clubs[at].name,
            Kind::Source => &self.sources[at].name,
        }
    }

    /// Where the article with this slug stands in the list of articles, which is newest
    /// first by date, then by slug.
    pub(crate) fn article_position(&self, slug: &Slug) -> Option<usize> {
        self.article_index.get(slug).copied()
    }

    /// Where the page with this slug stands in the list of pages, which is sorted by slug.
    pub(crate) fn page_position(&self, slug: &Slug) -> Option<usize> {
        self.pages.binary_search_by(|page| page.slug.cmp(slug)).ok()
    }

    /// Where the tag with this slug stands in the list of tags, which is sorted by slug.
    pub(crate) fn tag_position(&self, slug: &Slug) -> Option<usize> {
        self.tags.binary_search_by(|tag| tag.slug.cmp(slug)).ok()
    }

    /// Where the saga of `player` moving to `club` stands in the list of sagas.
    pub(crate) fn saga_position(&self, player: &Slug, club: &Slug) -> Option<usize> {
        let player = &self.players[self.position(Kind::Player, player)?];
        player.sagas.iter().copied().find(|&s| &self.sagas[s].to == club)
    }

    /// The saga whose page is `/sagas/SEGMENT/`: the player's slug, `-to-`, the club's.
    pub(crate) fn saga_at(&self, segment: &str) -> Option<usize> {
        // Either slug may hold `-to-`, so each place it stands is tried.
        segment.match_indices("-to-").find_map(|(at, _)| {
            let player = Slug::new(&segment[..at])?;
            let club = Slug::new(&segment[at + 4..])?;
            self.saga_position(&player, &club)
        })
    }

    /// The sources whose claim is rumour `r` of article `a`.
    fn cited(&self, a: usize, r: usize) -> impl Iterator<Item = &Slug> {
        self.articles[a].rumours[r].sources.iter().map(|cited| &cited.source)
    }

    /// How likely open saga `s` is to end done, in percent; `None` once it is closed.
    pub(crate) fn likelihood(&self, s: usize) -> Option<u32> {
        let best = self.best_backing(s).map(|source| self.sources[source].record);
        likelihood::likelihood(self.sagas[s].status, best)
    }

    /// Where the source with the best record stands among the sources, of those whose
    /// last claim on saga `s` is that the move is on; of two as good, the first to claim.
    pub(crate) fn best_backing(&self, s: usize) -> Option<usize> {
        let backing = record::last_claims(&self.sagas[s], |a, r| self.cited(a, r))
            .into_iter()
            .filter(|&(_, (a, r))| self.articles[a].rumours[r].status != Status::Off)
            .filter_map(|(source, _)| self.position(Kind::Source, source));
        backing.rev().max_by(|&a, &b| {
            let trust = |s: usize| likelihood::trust(self.sources[s].record);
            trust(a).total_cmp(&trust(b))
        })
    }

    /// The sources first to report saga `s`, when it ended done.
    pub(crate) fn first_to_report(&self, s: usize) -> Vec<&Slug> {
        record::first_to_report(
            &self.sagas[s],
            |a, r| self.cited(a, r),
            |a, r| (self.articles[a].rumours[r].status, self.articles[a].rumours[r].date),
        )
    }

    /// Where each of `players`, `clubs` and `sources` stands in its list.
    pub(crate) fn index(players: &[Player], clubs: &[Club], sources: &[Source]) -> Index {
        fn positions<'a>(slugs: impl Iterator<Item = &'a Slug>) -> HashMap<Slug, usize> {
            slugs.enumerate().map(|(i, slug)| (slug.clone(), i)).collect()
        }
        [
            positions(players.iter().map(|p| &p.slug)),
            positions(clubs.iter().map(|c| &c.slug)),
            positions(sources.iter().map(|s| &s.slug)),
        ]
    }
}
