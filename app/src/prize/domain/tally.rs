//! The jury's tally (issue 14, DESIGN §7), deterministic and exact:
//!
//! 1. A juror's score for a finalist is the weighted mean of their criterion scores,
//!    Σ weight × score / Σ weight.
//! 2. A finalist's score is the mean of those juror scores over its non-recused jurors who
//!    voted (a recused juror is left out, not counted as zero: the tally normalises for the
//!    missing score).
//! 3. Higher score first. Equal scores (compared exactly, as fractions) are broken by the
//!    number of jurors who gave the finalist their highest score ("first places"), then by the
//!    chair's recorded choice. What is still equal shares a place.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A criterion of the category and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeightedCriterion {
    pub id: i32,
    pub weight: u32,
}

/// One juror's scores for one finalist, by criterion id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastBallot {
    pub juror_id: i32,
    pub nomination_id: i32,
    pub scores: BTreeMap<i32, u8>,
}

/// Everything the tally of one category reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TallyInput {
    pub criteria: Vec<WeightedCriterion>,
    pub finalists: Vec<i32>,
    pub jurors: Vec<i32>,
    /// (juror, nomination) pairs that are recused.
    pub recused: BTreeSet<(i32, i32)>,
    pub ballots: Vec<CastBallot>,
    pub chair_choice: Option<i32>,
}

/// Which rule decided a finalist's place against an equal score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// No other finalist had the same score.
    None,
    /// More (or fewer) jurors gave it their highest score.
    FirstPlaces,
    /// The chair's recorded choice.
    Chair,
    /// Still equal: the place is shared.
    Shared,
}

impl TieBreak {
    pub fn as_str(self) -> &'static str {
        match self {
            TieBreak::None => "none",
            TieBreak::FirstPlaces => "first_places",
            TieBreak::Chair => "chair",
            TieBreak::Shared => "shared",
        }
    }
}

pub use crate::core::fraction::Fraction;

/// A finalist's line in the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub nomination_id: i32,
    /// 1 for the winner; equal finalists share a place.
    pub place: u32,
    /// None when no non-recused juror scored it.
    pub score: Option<Fraction>,
    /// Mean score per criterion (criterion id, mean), over the same jurors.
    pub criterion_means: Vec<(i32, Option<Fraction>)>,
    pub jurors_counted: u32,
    pub first_places: u32,
    pub tie_break: TieBreak,
}

/// Ranks the finalists of one category (see the module's rules).
pub fn tally(input: &TallyInput) -> Vec<Ranked> {
    let total_weight: u64 = input.criteria.iter().map(|c| u64::from(c.weight)).sum();
    let counts = |b: &&CastBallot| {
        input.jurors.contains(&b.juror_id)
            && input.finalists.contains(&b.nomination_id)
            && !input.recused.contains(&(b.juror_id, b.nomination_id))
            && input.criteria.iter().all(|c| b.scores.contains_key(&c.id))
    };
    let counted: Vec<&CastBallot> = input.ballots.iter().filter(counts).collect();
    // Each juror's weighted sum per finalist (over Σ weight, the same for every ballot).
    let weighted = |b: &CastBallot| -> u64 {
        input
            .criteria
            .iter()
            .map(|c| u64::from(c.weight) * u64::from(b.scores.get(&c.id).copied().unwrap_or(0)))
            .sum()
    };
    let mut first_places: BTreeMap<i32, u32> = BTreeMap::new();
    let jurors: BTreeSet<i32> = counted.iter().map(|b| b.juror_id).collect();
    for juror in jurors {
        let own: Vec<(&CastBallot, u64)> = counted
            .iter()
            .filter(|b| b.juror_id == juror)
            .map(|b| (*b, weighted(b)))
            .collect();
        let best = own.iter().map(|(_, w)| *w).max().unwrap_or(0);
        for (b, w) in own {
            if w == best {
                *first_places.entry(b.nomination_id).or_default() += 1;
            }
        }
    }
    let mut lines: Vec<Ranked> = input
        .finalists
        .iter()
        .map(|&id| {
            let mine: Vec<&&CastBallot> =
                counted.iter().filter(|b| b.nomination_id == id).collect();
            let n = mine.len() as u64;
            let score = (n > 0 && total_weight > 0).then(|| Fraction {
                num: mine.iter().map(|b| weighted(b)).sum(),
                den: total_weight * n,
            });
            let criterion_means = input
                .criteria
                .iter()
                .map(|c| {
                    let mean = (n > 0).then(|| Fraction {
                        num: mine
                            .iter()
                            .map(|b| u64::from(b.scores.get(&c.id).copied().unwrap_or(0)))
                            .sum(),
                        den: n,
                    });
                    (c.id, mean)
                })
                .collect();
            Ranked {
                nomination_id: id,
                place: 0,
                score,
                criterion_means,
                jurors_counted: u32::try_from(n).unwrap_or(u32::MAX),
                first_places: first_places.get(&id).copied().unwrap_or(0),
                tie_break: TieBreak::None,
            }
        })
        .collect();
    let by_score = |a: &Ranked, b: &Ranked| match (&a.score, &b.score) {
        (Some(x), Some(y)) => y.cmp_value(x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let chair = input.chair_choice;
    let chosen = |r: &Ranked| chair == Some(r.nomination_id);
    // Better first: score, then first places, then the chair's choice.
    let order = |a: &Ranked, b: &Ranked| {
        by_score(a, b)
            .then(b.first_places.cmp(&a.first_places))
            .then(chosen(b).cmp(&chosen(a)))
    };
    let snapshot = lines.clone();
    for line in &mut lines {
        let ahead = snapshot
            .iter()
            .filter(|o| order(o, line) == Ordering::Less)
            .count();
        line.place = u32::try_from(ahead).unwrap_or(u32::MAX) + 1;
        let same_score: Vec<&Ranked> = snapshot
            .iter()
            .filter(|o| {
                o.nomination_id != line.nomination_id && by_score(o, line) == Ordering::Equal
            })
            .collect();
        let same_places: Vec<&&Ranked> = same_score
            .iter()
            .filter(|o| o.first_places == line.first_places)
            .collect();
        line.tie_break = if same_score.is_empty() {
            TieBreak::None
        } else if same_places.is_empty() {
            TieBreak::FirstPlaces
        } else if chosen(line) || same_places.iter().any(|o| chosen(o)) {
            // The chair's choice separates it from the others only if one of those left
            // equal is the chosen one; the rest of them stay equal among themselves.
            if chosen(line) || same_places.len() == 1 {
                TieBreak::Chair
            } else {
                TieBreak::Shared
            }
        } else {
            TieBreak::Shared
        };
    }
    lines.sort_by(|a, b| order(a, b).then(a.nomination_id.cmp(&b.nomination_id)));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot(juror_id: i32, nomination_id: i32, scores: &[(i32, u8)]) -> CastBallot {
        CastBallot {
            juror_id,
            nomination_id,
            scores: scores.iter().copied().collect(),
        }
    }

    fn input(ballots: Vec<CastBallot>) -> TallyInput {
        TallyInput {
            criteria: vec![
                WeightedCriterion { id: 1, weight: 3 },
                WeightedCriterion { id: 2, weight: 1 },
            ],
            finalists: vec![10, 20],
            jurors: vec![100, 200, 300],
            recused: BTreeSet::new(),
            ballots,
            chair_choice: None,
        }
    }

    #[test]
    fn weights_count_in_each_jurors_score() {
        // 10: (3·5 + 1·1)/4 = 4.00; 20: (3·1 + 1·5)/4 = 2.00 — weights, not plain means.
        let ranked = tally(&input(vec![
            ballot(100, 10, &[(1, 5), (2, 1)]),
            ballot(100, 20, &[(1, 1), (2, 5)]),
        ]));
        assert_eq!(ranked[0].nomination_id, 10);
        assert_eq!(ranked[0].score.unwrap().hundredths(), 400);
        assert_eq!(ranked[1].score.unwrap().hundredths(), 200);
        assert_eq!(ranked[0].place, 1);
        assert_eq!(ranked[1].place, 2);
        assert_eq!(ranked[0].criterion_means[0].1.unwrap().hundredths(), 500);
    }

    #[test]
    fn a_recused_juror_is_left_out_not_counted_as_zero() {
        let mut i = input(vec![
            ballot(100, 10, &[(1, 4), (2, 4)]),
            ballot(200, 10, &[(1, 1), (2, 1)]),
            ballot(100, 20, &[(1, 3), (2, 3)]),
            ballot(200, 20, &[(1, 3), (2, 3)]),
        ]);
        i.recused.insert((200, 10));
        let ranked = tally(&i);
        let ten = ranked.iter().find(|r| r.nomination_id == 10).unwrap();
        assert_eq!(ten.jurors_counted, 1);
        assert_eq!(ten.score.unwrap().hundredths(), 400);
        assert_eq!(ranked[0].nomination_id, 10);
    }

    #[test]
    fn ballots_of_non_jurors_non_finalists_or_incomplete_are_not_counted() {
        let ranked = tally(&input(vec![
            ballot(999, 10, &[(1, 5), (2, 5)]),
            ballot(100, 30, &[(1, 5), (2, 5)]),
            ballot(100, 20, &[(1, 5)]),
        ]));
        assert!(
            ranked
                .iter()
                .all(|r| r.jurors_counted == 0 && r.score.is_none())
        );
        assert!(
            ranked
                .iter()
                .all(|r| r.place == 1 && r.tie_break == TieBreak::Shared)
        );
    }

    #[test]
    fn equal_scores_are_broken_by_first_places() {
        // Both average 3.5 over two jurors; juror 100 and 300 put 20 first, 200 puts 10.
        let ranked = tally(&input(vec![
            ballot(100, 10, &[(1, 3), (2, 3)]),
            ballot(100, 20, &[(1, 4), (2, 4)]),
            ballot(200, 10, &[(1, 5), (2, 5)]),
            ballot(200, 20, &[(1, 2), (2, 2)]),
            ballot(300, 10, &[(1, 2), (2, 2)]),
            ballot(300, 20, &[(1, 4), (2, 4)]),
        ]));
        assert_eq!(
            ranked[0]
                .score
                .unwrap()
                .cmp_value(&ranked[1].score.unwrap()),
            Ordering::Equal
        );
        assert_eq!(ranked[0].nomination_id, 20);
        assert_eq!(ranked[0].first_places, 2);
        assert_eq!(ranked[0].tie_break, TieBreak::FirstPlaces);
        assert_eq!(ranked[1].place, 2);
    }

    #[test]
    fn then_by_the_chairs_choice_and_else_the_place_is_shared() {
        let ballots = vec![
            ballot(100, 10, &[(1, 4), (2, 4)]),
            ballot(100, 20, &[(1, 4), (2, 4)]),
        ];
        let shared = tally(&input(ballots.clone()));
        assert!(
            shared
                .iter()
                .all(|r| r.place == 1 && r.tie_break == TieBreak::Shared)
        );
        let mut chaired = input(ballots);
        chaired.chair_choice = Some(20);
        let ranked = tally(&chaired);
        assert_eq!(ranked[0].nomination_id, 20);
        assert_eq!((ranked[0].place, ranked[1].place), (1, 2));
        assert_eq!(ranked[0].tie_break, TieBreak::Chair);
        assert_eq!(ranked[1].tie_break, TieBreak::Chair);
    }

    #[test]
    fn the_same_ballots_in_any_order_give_the_same_ranking() {
        let mut ballots = vec![
            ballot(100, 10, &[(1, 3), (2, 5)]),
            ballot(200, 10, &[(1, 4), (2, 2)]),
            ballot(100, 20, &[(1, 5), (2, 1)]),
            ballot(300, 20, &[(1, 2), (2, 4)]),
        ];
        let first = tally(&input(ballots.clone()));
        ballots.reverse();
        let mut shuffled = input(ballots);
        shuffled.finalists.reverse();
        assert_eq!(tally(&shuffled), first);
    }

    #[test]
    fn hundredths_round_half_up() {
        assert_eq!(Fraction { num: 17, den: 4 }.hundredths(), 425);
        assert_eq!(Fraction { num: 10, den: 3 }.hundredths(), 333);
        assert_eq!(Fraction { num: 2, den: 3 }.hundredths(), 67);
        assert_eq!(Fraction { num: 1, den: 0 }.hundredths(), 0);
    }
}
