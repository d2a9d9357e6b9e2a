//! How likely an open saga is to end done: a percentage from the status it has reached,
//! moved by the record of the best source behind it. `docs/transfers.md` gives the rule
//! with a worked example.
//!
//! Each status has a base: how often, in the editor's judgement, a move at that stage goes
//! through. The backing sources are those whose last claim on the saga says the move is
//! on; the best of them, by its record smoothed as (right + 1) / (right + wrong + 2), so
//! that a source with no record counts as a coin toss, moves the base: up towards 100 by
//! as much as it is better than a coin toss, down towards 0 by as much as it is worse.
//! With no backing source the base stands.

use crate::record::Record;
use crate::rumour::Status;

/// The base of each open status, in percent.
pub(crate) fn base(status: Status) -> Option<u32> {
    match status {
        Status::Rumour => Some(10),
        Status::Interest => Some(20),
        Status::Talks => Some(35),
        Status::Bid => Some(50),
        Status::Agreed => Some(75),
        Status::Medical => Some(90),
        Status::Done | Status::Off => None,
    }
}

/// How far `record` is to be trusted, from 0 to 1: (right + 1) / (right + wrong + 2).
pub(crate) fn trust(record: Record) -> f64 {
    (record.right as f64 + 1.0) / ((record.right + record.wrong) as f64 + 2.0)
}

/// The likelihood, in percent, of a saga at `status` backed by sources of the records
/// `backing`; `None` for a closed saga, which has an outcome instead.
pub(crate) fn likelihood(status: Status, backing: impl IntoIterator<Item = Record>) -> Option<u32> {
    let base = f64::from(base(status)?);
    let best = backing.into_iter().map(trust).max_by(f64::total_cmp).unwrap_or(0.5);
    // Better than a coin toss closes that share of the gap to 100; worse, of the gap to 0.
    let moved = if best >= 0.5 { base + (100.0 - base) * (best - 0.5) } else { base * (0.5 + best) };
    // Between 0 and 100 by construction; rounded to a whole percent.
    Some(moved.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OPEN: [Status; 6] =
        [Status::Rumour, Status::Interest, Status::Talks, Status::Bid, Status::Agreed, Status::Medical];

    fn record(right: usize, wrong: usize) -> Record {
        Record { right, wrong, open: 0 }
    }

    #[test]
    fn the_worked_example_of_the_docs() {
        // Talks, backed by a source right 9 times and wrong once, and one with no record.
        assert_eq!(likelihood(Status::Talks, [record(9, 1), record(0, 0)]), Some(57));
        assert_eq!(likelihood(Status::Talks, []), Some(35));
        assert_eq!(likelihood(Status::Done, [record(9, 1)]), None);
    }

    #[test]
    fn a_source_always_wrong_halves_the_base_at_most() {
        assert_eq!(likelihood(Status::Bid, [record(0, 1000)]), Some(25));
    }

    fn records() -> impl Strategy<Value = Vec<Record>> {
        proptest::collection::vec((0..50usize, 0..50usize).prop_map(|(r, w)| record(r, w)), 0..4)
    }

    proptest! {
        #[test]
        fn a_later_status_never_lowers_it(backing in records(), a in 0..6usize, b in 0..6usize) {
            let (earlier, later) = (OPEN[a.min(b)], OPEN[a.max(b)]);
            let earlier = likelihood(earlier, backing.clone()).unwrap();
            let later = likelihood(later, backing).unwrap();
            prop_assert!(later >= earlier, "{later} < {earlier}");
            prop_assert!(later <= 100);
        }

        #[test]
        fn a_backing_source_with_a_better_record_never_lowers_it(
            backing in records(),
            status in 0..6usize,
            which in 0..4usize,
            more_right in 0..20usize,
            fewer_wrong in 0..20usize,
        ) {
            prop_assume!(!backing.is_empty());
            let which = which % backing.len();
            let mut better = backing.clone();
            let source = &mut better[which];
            source.right += more_right;
            source.wrong = source.wrong.saturating_sub(fewer_wrong);
            let before = likelihood(OPEN[status], backing).unwrap();
            let after = likelihood(OPEN[status], better).unwrap();
            prop_assert!(after >= before, "{after} < {before}");
        }
    }
}
