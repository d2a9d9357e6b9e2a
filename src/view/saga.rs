//! Sagas as pages show them, and a saga's own page: one transfer, claim by claim, with how
//! likely it is while open.

use serde::Serialize;

use super::{Card, Meta, Shared, Shown, SiteView};
use crate::date::Date;
use crate::entity::Kind;
use crate::likelihood;
use crate::url::Route;

/// A saga: every rumour about one player moving to one club.
#[derive(Debug, Serialize)]
pub(crate) struct SagaView {
    /// The link to the saga's page.
    pub(crate) url: String,
    /// The player and the club, as [`Link`]s.
    pub(crate) player: Shared,
    pub(crate) to: Shared,
    /// The club the player would leave, when known.
    pub(crate) from: Option<Shared>,
    /// The latest rumour's status, or `off` when a move elsewhere closed the saga.
    pub(crate) status: &'static str,
    pub(crate) status_label: &'static str,
    /// Whether the move is done or off.
    pub(crate) closed: bool,
    /// The club whose completed move closed the saga, when one did.
    pub(crate) closed_by: Option<Shared>,
    /// The date of the saga's latest event.
    pub(crate) updated: Date,
    /// When the saga reached its status.
    pub(crate) since: Date,
    /// The fee of the latest rumour that reported one.
    pub(crate) fee: Option<String>,
    /// The kind of move, as the latest rumour that says gives it: `permanent`, `loan`,
    /// `free` or `extension`.
    pub(crate) deal: &'static str,
    /// The kind of move as readers see it, such as "Loan".
    pub(crate) deal_label: &'static str,
    /// For a saga that ended done, when the move was first reported done.
    pub(crate) done_on: Option<Date>,
    /// The status history, every rumour oldest first, on a page that tells the saga
    /// whole; else empty.
    pub(crate) rumours: Vec<Card>,
}

impl<'a> SagaView {
    /// Saga `index` of the site.
    pub(crate) fn new(site: &'a Shown<'a>, index: usize) -> Self {
        let saga = &site.sagas[index];
        let fee = crate::window::fee(site, index).map(|fee| fee.shown(&site.config.rates));
        Self {
            url: site.config.base_url.link(&Route::Saga(&saga.player, &saga.to)),
            player: Shared::entity(site, Kind::Player, &saga.player),
            to: Shared::entity(site, Kind::Club, &saga.to),
            from: saga.from.as_ref().map(|club| Shared::entity(site, Kind::Club, club)),
            status: saga.status.as_str(),
            status_label: saga.status.label(),
            closed: saga.is_closed(),
            closed_by: saga.closed_by_move_to.as_ref().map(|club| Shared::entity(site, Kind::Club, club)),
            updated: saga.updated,
            since: saga.since,
            fee,
            deal: saga.deal.as_str(),
            deal_label: saga.deal.label(),
            done_on: saga.done_on(),
            rumours: Vec::new(),
        }
    }

    /// Saga `index` of the site, with its status history. A row in a table of sagas has
    /// none: without it a club page of 10,000 articles took 0.71 ms to render, against
    /// 1.38 ms (cargo bench --bench engine, one run each, side by side).
    pub(crate) fn told(site: &'a Shown<'a>, index: usize) -> Self {
        let rumours = site.sagas[index].rumours.iter().map(|&at| Card::rumour(site, at)).collect();
        Self { rumours, ..Self::new(site, index) }
    }
}

/// Page context of `saga.html`.
#[derive(Debug, Serialize)]
pub(crate) struct SagaPage<'a> {
    pub(crate) site: SiteView<'a>,
    /// What the page says about itself: canonical URL, previews, feeds, JSON-LD.
    pub(crate) meta: Meta,
    /// The saga, with every claim oldest first, each with its date, sources and article.
    pub(crate) saga: SagaView,
    /// How likely the move is while the saga is open, and how that is reached.
    pub(crate) likelihood: Option<Likelihood>,
    /// For a saga that ended done, the sources first to report it, as [`SourceLink`]s.
    ///
    /// [`SourceLink`]: super::SourceLink
    pub(crate) first: Vec<Shared>,
    /// The link to the saga's Atom feed.
    pub(crate) feed_url: String,
    /// The saga's path, drawn.
    pub(crate) picture: Option<super::picture::Picture>,
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
        let best = site.best_backing(index).map(|source| &site.sources[source]);
        let likelihood =
            likelihood::likelihood(saga.status, best.map(|source| source.record)).map(|percent| Likelihood {
                percent,
                base: likelihood::base(saga.status).unwrap_or_default(),
                best: best.map(|source| Shared::entity(site, Kind::Source, &source.slug)),
                trust: best.map(|source| (likelihood::trust(source.record) * 100.0).round() as u32),
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
            picture: super::picture::saga_path(
                site.name(Kind::Player, &saga.player),
                &super::picture::lanes(site, &[index]),
            ),
        }
    }
}
