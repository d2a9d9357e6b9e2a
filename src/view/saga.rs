//! A saga's page: one transfer, claim by claim, with how likely it is while open.

use serde::Serialize;

use super::entity::SagaView;
use super::{Meta, Shared, Shown, SiteView};
use crate::entity::Kind;
use crate::likelihood;
use crate::url::Route;

/// Page context of `saga.html`.
#[derive(Debug, Serialize)]
pub(crate) struct SagaPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    /// The saga, with every claim oldest first, each with its date, sources and article.
    pub(crate) saga: SagaView<'a>,
    /// How likely the move is while the saga is open, and how that is reached.
    pub(crate) likelihood: Option<Likelihood>,
    /// For a saga that ended done, the sources first to report it, as [`SourceLink`]s.
    ///
    /// [`SourceLink`]: super::SourceLink
    pub(crate) first: Vec<Shared>,
    /// The link to the saga's Atom feed.
    pub(crate) feed_url: String,
}

/// An open saga's likelihood and the figures it is made of.
#[derive(Debug, Serialize)]
pub(crate) struct Likelihood {
    /// The likelihood, in percent.
    pub(crate) percent: u32,
    /// The base of the saga's status, in percent.
    pub(crate) base: u32,
    /// The backing source with the best record, as a [`SourceLink`](super::SourceLink),
    /// when any source backs the saga.
    pub(crate) best: Option<Shared>,
    /// How far that source is trusted, in percent: (right + 1) / (right + wrong + 2).
    pub(crate) trust: Option<u32>,
}

impl<'a> SagaPage<'a> {
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let saga = &site.sagas[index];
        let likelihood = site.likelihood(index).map(|percent| {
            let best = site.best_backing(index);
            Likelihood {
                percent,
                base: likelihood::base(saga.status).unwrap_or_default(),
                best: best.map(|source| Shared::entity(site, Kind::Source, &site.sources[source].slug)),
                trust: best
                    .map(|source| (likelihood::trust(site.sources[source].record) * 100.0).round() as u32),
            }
        });
        Self {
            site: SiteView::new(site),
            meta: Meta::saga(site, index),
            saga: SagaView::told(site, index),
            likelihood,
            first: site
                .first_to_report(index)
                .iter()
                .map(|s| Shared::entity(site, Kind::Source, s))
                .collect(),
            feed_url: site.config.base_url.link(&Route::SagaAtom(&saga.player, &saga.to)),
        }
    }
}
