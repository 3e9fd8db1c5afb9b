//! The council's ranking of a call's applications (DESIGN §6), deterministic and exact:
//!
//! 1. A reviewer's score for an application is the weighted mean of their criterion scores,
//!    Σ weight × score / Σ weight.
//! 2. An application's score is the mean of those scores over the reviews that count: by a
//!    reviewer without a conflict, every criterion scored.
//! 3. Its spread is the standard deviation of those reviewers' scores (over the reviewers,
//!    not a sample estimate): how far they disagree, for the council to discuss.
//! 4. Higher score first; equal scores (compared exactly, as fractions) are ordered by the
//!    number of reviews, more first; what is still equal shares a place. Applications no
//!    reviewer has scored come last, sharing the place after the scored ones.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::fraction::Fraction;

/// A criterion of the call and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeightedCriterion {
    pub id: i32,
    pub weight: u32,
}

/// An application before the council: its id and the scores of each review that counts
/// (criterion id → 1..5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i32,
    pub reviews: Vec<BTreeMap<i32, u8>>,
}

/// An application's line in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub id: i32,
    /// 1 first; equal applications share a place.
    pub place: u32,
    /// The weighted mean score in hundredths (4.25 → 425), `None` when no review counts.
    pub score_hundredths: Option<i64>,
    /// The reviewers' standard deviation in hundredths, `None` when no review counts.
    pub spread_hundredths: Option<i64>,
    pub reviews: u32,
}

/// Ranks the candidates by the module's rules. Reviews missing a criterion of `criteria`
/// do not count.
pub fn rank(criteria: &[WeightedCriterion], candidates: &[Candidate]) -> Vec<Ranked> {
    let total_weight: u64 = criteria.iter().map(|c| u64::from(c.weight)).sum();
    let weighted_sum = |scores: &BTreeMap<i32, u8>| -> Option<u64> {
        criteria
            .iter()
            .map(|c| {
                scores
                    .get(&c.id)
                    .map(|&s| u64::from(c.weight) * u64::from(s))
            })
            .sum()
    };
    #[derive(Debug)]
    struct Line {
        id: i32,
        score: Option<Fraction>,
        spread: Option<i64>,
        reviews: u32,
    }
    let mut lines: Vec<Line> = candidates
        .iter()
        .map(|c| {
            let sums: Vec<u64> = c.reviews.iter().filter_map(weighted_sum).collect();
            let reviews = u32::try_from(sums.len()).unwrap_or(u32::MAX);
            if sums.is_empty() || total_weight == 0 {
                return Line {
                    id: c.id,
                    score: None,
                    spread: None,
                    reviews,
                };
            }
            let n = sums.len() as u64;
            let score = Fraction {
                num: sums.iter().sum(),
                den: n * total_weight,
            };
            Line {
                id: c.id,
                score: Some(score),
                spread: Some(spread_hundredths(&sums, total_weight)),
                reviews,
            }
        })
        .collect();
    let order = |a: &Line, b: &Line| match (&a.score, &b.score) {
        (Some(x), Some(y)) => y
            .cmp_value(x)
            .then_with(|| b.reviews.cmp(&a.reviews)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    lines.sort_by(|a, b| order(a, b).then_with(|| a.id.cmp(&b.id)));
    let mut ranked: Vec<Ranked> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let place = match i.checked_sub(1).map(|p| &lines[p]) {
            Some(before) if order(before, line) == Ordering::Equal => {
                ranked.last().map_or(1, |r| r.place)
            }
            _ => u32::try_from(i + 1).unwrap_or(u32::MAX),
        };
        ranked.push(Ranked {
            id: line.id,
            place,
            score_hundredths: line.score.map(|s| s.hundredths()),
            spread_hundredths: line.spread,
            reviews: line.reviews,
        });
    }
    ranked
}

/// The standard deviation over the reviewers of the scores `sum / weight`, in hundredths,
/// rounded to the nearest. Scores are at most 5 and reviewers a few, so `f64` is exact to
/// far below a hundredth here; the ranking itself compares exact fractions.
fn spread_hundredths(sums: &[u64], weight: u64) -> i64 {
    let n = sums.len() as f64;
    let scores: Vec<f64> = sums.iter().map(|&s| s as f64 / weight as f64).collect();
    let mean = scores.iter().sum::<f64>() / n;
    let variance = scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n;
    (variance.sqrt() * 100.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRITERIA: [WeightedCriterion; 2] = [
        WeightedCriterion { id: 1, weight: 3 },
        WeightedCriterion { id: 2, weight: 1 },
    ];

    fn review(a: u8, b: u8) -> BTreeMap<i32, u8> {
        [(1, a), (2, b)].into()
    }

    #[test]
    fn the_weighted_mean_of_the_reviewers_weighted_means_with_their_spread() {
        // Reviewer scores: (3·5 + 1·1)/4 = 4, (3·3 + 1·3)/4 = 3 → mean 3.5, spread 0.5.
        let ranked = rank(
            &CRITERIA,
            &[Candidate {
                id: 7,
                reviews: vec![review(5, 1), review(3, 3)],
            }],
        );
        assert_eq!(
            ranked,
            [Ranked {
                id: 7,
                place: 1,
                score_hundredths: Some(350),
                spread_hundredths: Some(50),
                reviews: 2,
            }]
        );
    }

    #[test]
    fn a_review_missing_a_criterion_does_not_count_and_an_unreviewed_application_comes_last() {
        let incomplete: BTreeMap<i32, u8> = [(1, 5)].into();
        let ranked = rank(
            &CRITERIA,
            &[
                Candidate {
                    id: 1,
                    reviews: vec![incomplete],
                },
                Candidate {
                    id: 2,
                    reviews: vec![review(1, 1)],
                },
                Candidate {
                    id: 3,
                    reviews: vec![],
                },
            ],
        );
        let lines: Vec<(i32, u32, Option<i64>, u32)> = ranked
            .iter()
            .map(|r| (r.id, r.place, r.score_hundredths, r.reviews))
            .collect();
        assert_eq!(
            lines,
            [(2, 1, Some(100), 1), (1, 2, None, 0), (3, 2, None, 0)]
        );
    }

    #[test]
    fn equal_scores_go_to_the_one_with_more_reviews_then_share_a_place() {
        // 2 and 3 both score exactly 4 (3·4+1·4)/4; 2 has two reviews, 3 one; 4 ties with 3.
        let ranked = rank(
            &CRITERIA,
            &[
                Candidate {
                    id: 3,
                    reviews: vec![review(4, 4)],
                },
                Candidate {
                    id: 2,
                    reviews: vec![review(5, 1), review(4, 4)],
                },
                Candidate {
                    id: 4,
                    reviews: vec![review(4, 4)],
                },
                Candidate {
                    id: 1,
                    reviews: vec![review(5, 5)],
                },
            ],
        );
        let places: Vec<(i32, u32)> = ranked.iter().map(|r| (r.id, r.place)).collect();
        assert_eq!(places, [(1, 1), (2, 2), (3, 3), (4, 3)]);
        assert_eq!(ranked[1].reviews, 2);
        assert_eq!(ranked[1].spread_hundredths, Some(0), "both reviewers gave 4");
    }

    #[test]
    fn scores_a_hair_apart_are_not_a_tie() {
        // 13/4 = 3.25 against (13+14)/8 = 3.375: exact fractions, not rounded hundredths.
        let ranked = rank(
            &CRITERIA,
            &[
                Candidate {
                    id: 1,
                    reviews: vec![review(3, 4)],
                },
                Candidate {
                    id: 2,
                    reviews: vec![review(3, 4), review(3, 5)],
                },
            ],
        );
        let places: Vec<(i32, u32)> = ranked.iter().map(|r| (r.id, r.place)).collect();
        assert_eq!(places, [(2, 1), (1, 2)]);
    }
}
