//! Source records. For each saga a source reported, its last claim on the saga is *on*
//! (any status but `off`) or *off*. Once the saga is closed the source was right when
//! that claim matches the close (`done` and on, or `off` and off) and wrong otherwise;
//! while the saga is open the claim is open.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Date;
use crate::rumour::Status;
use crate::saga::Saga;
use crate::slug::Slug;

/// How one source's last claim on one saga turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Verdict {
    Right,
    Wrong,
    Open,
}

impl Verdict {
    /// The verdict on a last claim of `claim` about `saga`.
    pub(crate) fn of(claim: Status, saga: &Saga) -> Self {
        let on = claim != Status::Off;
        match saga.status {
            Status::Done if on => Self::Right,
            Status::Off if !on => Self::Right,
            Status::Done | Status::Off => Self::Wrong,
            _ => Self::Open,
        }
    }

    /// How pages show the verdict.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Right => "Right",
            Self::Wrong => "Wrong",
            Self::Open => "Open",
        }
    }
}

/// A source's tally over every saga it reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Record {
    pub(crate) right: usize,
    pub(crate) wrong: usize,
    pub(crate) open: usize,
}

impl Record {
    pub(crate) fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Right => self.right += 1,
            Verdict::Wrong => self.wrong += 1,
            Verdict::Open => self.open += 1,
        }
    }

    /// right / (right + wrong), when anything it reported has closed.
    pub(crate) fn hit_rate(&self) -> Option<f64> {
        let decided = self.right + self.wrong;
        (decided > 0).then(|| self.right as f64 / decided as f64)
    }
}

/// One source's verdict on one saga.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Judgement {
    pub(crate) saga: usize,
    /// The source's last claim on the saga.
    pub(crate) claim: Status,
    /// Where that claim is: (article, rumour within it).
    pub(crate) at: (usize, usize),
    pub(crate) verdict: Verdict,
}

/// Every source's judgements, by source slug, each list in saga order. `cited(a, r)` gives
/// the sources whose claim is rumour `r` of article `a`, and `status(a, r)` its status.
pub(crate) fn judge<'a, Cited: IntoIterator<Item = &'a Slug>>(
    sagas: &[Saga],
    cited: impl Fn(usize, usize) -> Cited,
    status: impl Fn(usize, usize) -> Status,
) -> BTreeMap<&'a Slug, Vec<Judgement>> {
    let mut judgements: BTreeMap<&Slug, Vec<Judgement>> = BTreeMap::new();
    for (s, saga) in sagas.iter().enumerate() {
        for (source, (a, r)) in last_claims(saga, &cited) {
            let claim = status(a, r);
            let verdict = Verdict::of(claim, saga);
            judgements.entry(source).or_default().push(Judgement { saga: s, claim, at: (a, r), verdict });
        }
    }
    judgements
}

/// Each source of `saga` with where its last claim on it is, in the order the sources
/// first appear. `cited(a, r)` gives the sources whose claim is rumour `r` of article `a`.
pub(crate) fn last_claims<'a, Cited: IntoIterator<Item = &'a Slug>>(
    saga: &Saga,
    cited: impl Fn(usize, usize) -> Cited,
) -> Vec<(&'a Slug, (usize, usize))> {
    // A saga has few sources, so a list is quicker than a map.
    let mut last: Vec<(&Slug, (usize, usize))> = Vec::new();
    for &(a, r) in &saga.rumours {
        for source in cited(a, r) {
            match last.iter_mut().find(|(seen, _)| *seen == source) {
                Some((_, at)) => *at = (a, r),
                None => last.push((source, (a, r))),
            }
        }
    }
    last
}

/// The sources first to report `saga`, a saga that ended done: those of its earliest
/// claim that the move was on, and of every other claim of that date, each once. None for
/// a saga that did not end done. `cited` is as for [`last_claims`]; `claim(a, r)` gives
/// the status and date of rumour `r` of article `a`.
pub(crate) fn first_to_report<'a, Cited: IntoIterator<Item = &'a Slug>>(
    saga: &Saga,
    cited: impl Fn(usize, usize) -> Cited,
    claim: impl Fn(usize, usize) -> (Status, Date),
) -> Vec<&'a Slug> {
    if saga.status != Status::Done {
        return Vec::new();
    }
    let mut first: Vec<&Slug> = Vec::new();
    let mut earliest = None;
    // The claims are in date order: the first with a source sets the date.
    for &(a, r) in &saga.rumours {
        let (status, date) = claim(a, r);
        if status == Status::Off || earliest.is_some_and(|earliest| earliest != date) {
            continue;
        }
        let before = first.len();
        for source in cited(a, r) {
            if !first.contains(&source) {
                first.push(source);
            }
        }
        if first.len() > before {
            earliest = Some(date);
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saga::tests::{day, slug};
    use crate::saga::{Claim, sagas};
    use proptest::prelude::*;

    const STATUSES: [Status; 8] = [
        Status::Rumour,
        Status::Interest,
        Status::Talks,
        Status::Bid,
        Status::Agreed,
        Status::Medical,
        Status::Done,
        Status::Off,
    ];

    /// A rumour for the tests: player, club, status, day of 2025, sources.
    type Rumour = (usize, usize, usize, u32, Vec<usize>);

    /// Judges `rumours`, each its own article.
    fn run(rumours: &[Rumour], slugs: &[Slug]) -> (Vec<Saga>, BTreeMap<Slug, Vec<Judgement>>) {
        let claims: Vec<Claim<'_>> = rumours
            .iter()
            .enumerate()
            .map(|(n, (player, club, status, date, _))| Claim {
                player: &slugs[*player],
                from: None,
                to: &slugs[10 + club],
                status: STATUSES[*status],
                deal: None,
                date: day(&format!("2025-01-{:02}", date + 1)),
                at: (n, 0),
            })
            .collect();
        let sources: Vec<Vec<Slug>> =
            rumours.iter().map(|r| r.4.iter().map(|s| slugs[20 + s].clone()).collect()).collect();
        let sagas = sagas(&claims);
        let judged = judge(&sagas, |a, _| &sources[a], |a, _| STATUSES[rumours[a].2]);
        let judged = judged.into_iter().map(|(k, v)| (k.clone(), v)).collect();
        (sagas, judged)
    }

    fn slugs() -> Vec<Slug> {
        (0..30).map(|n| slug(&format!("e{n}"))).collect()
    }

    #[test]
    fn a_source_right_on_one_saga_and_wrong_on_another() {
        let slugs = slugs();
        // Source 0 says player 0 goes to club 0 (done there) and to club 1 (off by the move).
        let rumours = [(0, 1, 3, 0, vec![0]), (0, 0, 6, 5, vec![0])];
        let (_, judged) = run(&rumours, &slugs);
        let mut record = Record::default();
        judged[&slugs[20]].iter().for_each(|j| record.add(j.verdict));
        assert_eq!(record, Record { right: 1, wrong: 1, open: 0 });
        assert_eq!(record.hit_rate(), Some(0.5));
    }

    #[test]
    fn a_denial_that_holds_is_right() {
        let slugs = slugs();
        // Source 0 reports talks, then denies; the move is done elsewhere.
        let rumours = [(0, 0, 2, 0, vec![0]), (0, 0, 7, 1, vec![0]), (0, 1, 6, 2, vec![1])];
        let (_, judged) = run(&rumours, &slugs);
        assert_eq!(judged[&slugs[20]][0].verdict, Verdict::Right);
        assert_eq!(judged[&slugs[20]][0].claim, Status::Off);
    }

    #[test]
    fn a_denial_overturned_by_the_move_is_wrong() {
        let slugs = slugs();
        let rumours = [(0, 0, 7, 0, vec![0]), (0, 0, 6, 1, vec![1])];
        let (_, judged) = run(&rumours, &slugs);
        assert_eq!(judged[&slugs[20]][0].verdict, Verdict::Wrong);
        assert_eq!(judged[&slugs[21]][0].verdict, Verdict::Right);
    }

    #[test]
    fn an_open_saga_keeps_every_claim_open() {
        let slugs = slugs();
        let (_, judged) = run(&[(0, 0, 1, 0, vec![0, 1])], &slugs);
        assert!(judged.values().flatten().all(|j| j.verdict == Verdict::Open));
        assert_eq!(Record::default().hit_rate(), None);
    }

    #[test]
    fn each_sources_judgements_are_in_saga_order() {
        let slugs = slugs();
        // Every player to every club, each rumour from two sources.
        let rumours: Vec<Rumour> =
            (0..100).map(|n| (n / 10, n % 10, n % 8, (n % 20) as u32, vec![n % 3, 3])).collect();
        let (sagas, judged) = run(&rumours, &slugs);
        assert_eq!(sagas.len(), 100);
        assert_eq!(judged[&slugs[23]].len(), 100);
        for judgements in judged.values() {
            assert!(judgements.is_sorted_by_key(|j| j.saga));
        }
    }

    fn rumour() -> impl Strategy<Value = Rumour> {
        (0..3usize, 0..4usize, 0..8usize, 0..20u32, proptest::collection::btree_set(0..4usize, 0..3))
            .prop_map(|(p, c, s, d, sources)| (p, c, s, d, sources.into_iter().collect()))
    }

    proptest! {
        #[test]
        fn every_saga_a_source_reported_is_counted_once(rumours in proptest::collection::vec(rumour(), 0..40)) {
            let slugs = slugs();
            let (sagas, judged) = run(&rumours, &slugs);
            for (source, judgements) in &judged {
                let mut record = Record::default();
                judgements.iter().for_each(|j| record.add(j.verdict));
                let reported = sagas
                    .iter()
                    .filter(|saga| saga.rumours.iter().any(|&(a, _)| rumours[a].4.iter().any(|s| &slugs[20 + s] == source)))
                    .count();
                prop_assert_eq!(record.right + record.wrong + record.open, reported);
                if let Some(rate) = record.hit_rate() {
                    prop_assert!((0.0..=1.0).contains(&rate));
                }
            }
        }

        #[test]
        fn a_saga_is_closed_exactly_when_its_status_is_done_or_off(rumours in proptest::collection::vec(rumour(), 1..40)) {
            let (sagas, judged) = run(&rumours, &slugs());
            for saga in &sagas {
                prop_assert_eq!(saga.is_closed(), matches!(saga.status, Status::Done | Status::Off));
            }
            for judgement in judged.values().flatten() {
                prop_assert_eq!(judgement.verdict == Verdict::Open, !sagas[judgement.saga].is_closed());
            }
        }
    }
}
