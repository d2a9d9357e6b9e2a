//! Sagas: every rumour about one player moving to one club, in date order. A saga's
//! status is its latest rumour's; `done` or `off` closes it, and a `done` move of the
//! same player to another club closes it as `off`.

use rayon::prelude::*;

use crate::HashMap;
use crate::date::Date;
use crate::rumour::{Deal, Status};
use crate::slug::Slug;

/// One rumour, as sagas see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim<'a> {
    pub(crate) player: &'a Slug,
    pub(crate) from: Option<&'a Slug>,
    pub(crate) to: &'a Slug,
    pub(crate) status: Status,
    /// The kind of move, when the rumour says.
    pub(crate) deal: Option<Deal>,
    pub(crate) date: Date,
    /// Where the rumour is: (article, rumour within it).
    pub(crate) at: (usize, usize),
}

/// All rumours about one player moving to one club.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Saga {
    pub(crate) player: Slug,
    pub(crate) to: Slug,
    /// The club the player would leave, as the latest rumour that says gives it.
    pub(crate) from: Option<Slug>,
    /// The rumours, oldest first: (article, rumour within it).
    pub(crate) rumours: Vec<(usize, usize)>,
    /// The latest rumour's status, or `Off` once a move elsewhere closed the saga.
    pub(crate) status: Status,
    /// The club whose completed move closed the saga, when one did.
    pub(crate) closed_by_move_to: Option<Slug>,
    /// The date of the latest event: a rumour, or the move that closed it.
    pub(crate) updated: Date,
    /// The kind of move, as the latest rumour that says gives it.
    pub(crate) deal: Deal,
    /// When the saga reached its status: the first claim of it since the saga was last
    /// anything else, or the move elsewhere that closed it. Later claims that restate the
    /// status do not move it.
    pub(crate) since: Date,
}

impl Saga {
    /// Whether the saga is over: the move is done, or off.
    pub(crate) fn is_closed(&self) -> bool {
        matches!(self.status, Status::Done | Status::Off)
    }

    /// For a saga that ended done, when the move was first reported done.
    pub(crate) fn done_on(&self) -> Option<Date> {
        (self.status == Status::Done).then_some(self.since)
    }
}

/// Groups claims into sagas, ordered newest first (by their latest event, then by player
/// and club). Claims of one date are taken in the order given.
pub(crate) fn sagas(claims: &[Claim<'_>]) -> Vec<Saga> {
    let mut ordered: Vec<&Claim<'_>> = claims.iter().collect();
    // A stable sort keeps the given order among claims of one date.
    ordered.sort_by_key(|claim| claim.date);

    // The order of the groups is of no matter: the sagas are sorted in full below.
    let mut groups: HashMap<(&Slug, &Slug), Vec<&Claim<'_>>> = HashMap::default();
    let mut done_moves: HashMap<&Slug, Vec<&Claim<'_>>> = HashMap::default();
    for &claim in &ordered {
        groups.entry((claim.player, claim.to)).or_default().push(claim);
        if claim.status == Status::Done {
            done_moves.entry(claim.player).or_default().push(claim);
        }
    }

    let mut sagas: Vec<Saga> = groups
        .into_par_iter()
        .map(|((player, to), claims)| {
            let moves = done_moves.get(player).map_or(&[][..], Vec::as_slice);
            close(player, to, &claims, moves)
        })
        .collect();
    sagas.par_sort_unstable_by(|a, b| {
        b.updated.cmp(&a.updated).then_with(|| a.player.cmp(&b.player)).then_with(|| a.to.cmp(&b.to))
    });
    sagas
}

/// Plays one saga's claims and the player's completed moves elsewhere in date order. A
/// move elsewhere closes the saga only when it is later than the saga's latest claim, so
/// an article that reports a completed move and new interest in one go leaves the
/// interest open.
fn close(player: &Slug, to: &Slug, claims: &[&Claim<'_>], moves: &[&Claim<'_>]) -> Saga {
    let last = claims[claims.len() - 1];
    let mut status = last.status;
    let mut updated = last.date;
    let mut closed_by_move_to = None;
    let is_open = !matches!(status, Status::Done | Status::Off);
    if is_open {
        let elsewhere = moves.iter().find(|done| done.to != to && done.date > last.date);
        if let Some(done) = elsewhere {
            status = Status::Off;
            updated = done.date;
            closed_by_move_to = Some(done.to.clone());
        }
    }
    let since = match closed_by_move_to {
        Some(_) => updated,
        None => {
            claims.iter().rev().take_while(|claim| claim.status == status).last().map_or(updated, |c| c.date)
        }
    };
    Saga {
        player: player.clone(),
        to: to.clone(),
        from: claims.iter().rev().find_map(|claim| claim.from.cloned()),
        rumours: claims.iter().map(|claim| claim.at).collect(),
        status,
        closed_by_move_to,
        updated,
        deal: claims.iter().rev().find_map(|claim| claim.deal).unwrap_or_default(),
        since,
    }
}

/// The club each player's latest completed move took them to, in one pass over the
/// claims; of two moves on one date, the later claim's.
pub(crate) fn current_clubs<'a>(claims: &[Claim<'a>]) -> HashMap<&'a Slug, &'a Slug> {
    let mut latest: HashMap<&Slug, (Date, &Slug)> = HashMap::default();
    for claim in claims.iter().filter(|claim| claim.status == Status::Done) {
        let entry = latest.entry(claim.player).or_insert((claim.date, claim.to));
        if claim.date >= entry.0 {
            *entry = (claim.date, claim.to);
        }
    }
    latest.into_iter().map(|(player, (_, club))| (player, club)).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono_tz::Tz;

    pub(crate) fn slug(text: &str) -> Slug {
        Slug::new(text).unwrap()
    }

    pub(crate) fn day(text: &str) -> Date {
        text.parse::<crate::date::RawDate>().unwrap().resolve(Tz::UTC)
    }

    fn claim<'a>(player: &'a Slug, to: &'a Slug, status: Status, date: &str, n: usize) -> Claim<'a> {
        Claim { player, from: None, to, status, deal: None, date: day(date), at: (n, 0) }
    }

    #[test]
    fn status_is_the_latest_rumours() {
        let (trent, madrid) = (slug("trent"), slug("real-madrid"));
        let claims = [
            claim(&trent, &madrid, Status::Interest, "2024-10-01", 0),
            claim(&trent, &madrid, Status::Agreed, "2025-03-27", 1),
        ];
        let sagas = sagas(&claims);
        assert_eq!(sagas.len(), 1);
        assert_eq!(sagas[0].status, Status::Agreed);
        assert!(!sagas[0].is_closed());
        assert_eq!(sagas[0].rumours, [(0, 0), (1, 0)]);
    }

    #[test]
    fn done_and_off_close_a_saga() {
        let (a, b, c) = (slug("a"), slug("b"), slug("c"));
        let claims =
            [claim(&a, &b, Status::Done, "2025-01-01", 0), claim(&a, &c, Status::Off, "2025-01-02", 1)];
        assert!(sagas(&claims).iter().all(Saga::is_closed));
    }

    #[test]
    fn a_done_move_elsewhere_closes_open_sagas_as_off() {
        let (p, chelsea, city, madrid) = (slug("p"), slug("chelsea"), slug("man-city"), slug("madrid"));
        let claims = [
            claim(&p, &chelsea, Status::Bid, "2025-01-01", 0),
            claim(&p, &city, Status::Off, "2025-01-02", 1),
            claim(&p, &madrid, Status::Done, "2025-02-01", 2),
        ];
        let sagas = sagas(&claims);
        let chelsea_saga = sagas.iter().find(|s| s.to == chelsea).unwrap();
        assert_eq!(chelsea_saga.status, Status::Off);
        assert_eq!(chelsea_saga.closed_by_move_to, Some(madrid.clone()));
        assert_eq!(chelsea_saga.updated, day("2025-02-01"));
        let city_saga = sagas.iter().find(|s| s.to == city).unwrap();
        assert_eq!(city_saga.closed_by_move_to, None, "already closed by its own denial");
    }

    #[test]
    fn a_deal_keeps_its_kind_and_the_date_it_was_first_reported_done() {
        let (p, a, b) = (slug("p"), slug("a"), slug("b"));
        let loan = |status, date, n| Claim { deal: Some(Deal::Loan), ..claim(&p, &a, status, date, n) };
        let claims = [
            loan(Status::Talks, "2025-01-01", 0),
            claim(&p, &a, Status::Off, "2025-01-05", 1),
            claim(&p, &b, Status::Done, "2025-06-01", 2),
            claim(&p, &b, Status::Done, "2025-08-01", 3),
        ];
        let sagas = sagas(&claims);
        let to_a = sagas.iter().find(|s| s.to == a).unwrap();
        assert_eq!((to_a.deal, to_a.done_on()), (Deal::Loan, None), "an `off` claim keeps the loan");
        let to_b = sagas.iter().find(|s| s.to == b).unwrap();
        assert_eq!((to_b.deal, to_b.done_on()), (Deal::Permanent, Some(day("2025-06-01"))));
        assert_eq!(to_b.updated, day("2025-08-01"));
    }

    #[test]
    fn interest_reported_with_a_completed_move_stays_open() {
        let (p, madrid, chelsea) = (slug("p"), slug("madrid"), slug("chelsea"));
        let claims = [
            claim(&p, &madrid, Status::Done, "2026-01-18", 0),
            claim(&p, &chelsea, Status::Interest, "2026-01-18", 0),
        ];
        let chelsea_saga = sagas(&claims).into_iter().find(|s| s.to == chelsea).unwrap();
        assert_eq!(chelsea_saga.status, Status::Interest);
    }

    #[test]
    fn a_later_rumour_reopens_a_saga_closed_by_a_move_elsewhere() {
        let (p, a, b) = (slug("p"), slug("a"), slug("b"));
        let claims = [
            claim(&p, &a, Status::Talks, "2025-01-01", 0),
            claim(&p, &b, Status::Done, "2025-02-01", 1),
            claim(&p, &a, Status::Interest, "2026-01-01", 2),
        ];
        let saga = sagas(&claims).into_iter().find(|s| s.to == a).unwrap();
        assert_eq!(saga.status, Status::Interest);
    }

    #[test]
    fn a_sagas_claims_go_by_date_and_those_of_one_date_as_given() {
        let (p, a, b) = (slug("p"), slug("a"), slug("b"));
        // Many claims, out of date order and many on each date.
        let dates: Vec<String> = (1..=5).rev().map(|d| format!("2025-01-0{d}")).collect();
        let claims: Vec<Claim<'_>> = (0..6000)
            .map(|n| claim(&p, if n % 2 == 0 { &a } else { &b }, Status::Talks, &dates[n * 7 % 5], n))
            .collect();
        let mut expected: Vec<&Claim<'_>> = claims.iter().filter(|c| *c.to == a).collect();
        expected.sort_by_key(|c| c.date);
        let saga = sagas(&claims).into_iter().find(|s| s.to == a).unwrap();
        assert_eq!(saga.rumours, expected.iter().map(|c| c.at).collect::<Vec<_>>());
        assert_eq!(saga.updated, day("2025-01-05"));
    }

    #[test]
    fn newest_sagas_come_first_and_the_current_club_follows_the_latest_done_move() {
        let (p, a, b) = (slug("p"), slug("a"), slug("b"));
        let claims =
            [claim(&p, &a, Status::Done, "2024-07-01", 0), claim(&p, &b, Status::Done, "2025-07-01", 1)];
        let order: Vec<_> = sagas(&claims).into_iter().map(|s| s.to).collect();
        assert_eq!(order, [b.clone(), a.clone()]);
        let clubs = current_clubs(&claims);
        assert_eq!(clubs.get(&p), Some(&&b));
        assert_eq!(clubs.get(&slug("nobody")), None);
    }
}
