//! A juror's ballot (DESIGN §7): an integer score 1–5 on every criterion of the category,
//! with an optional comment; and who must not cast one (recusal).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::FieldErrors;
use crate::core::parse::{parse_optional_text, parse_scores};

pub const MIN_SCORE: i64 = 1;
pub const MAX_SCORE: i64 = 5;
pub const MAX_COMMENT_CHARS: usize = 2000;
pub const MAX_REASON_CHARS: usize = 1000;

/// A ballot as parsed against the category's criteria: one score per criterion, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub scores: BTreeMap<i32, u8>,
    pub comment: Option<String>,
}

/// A ballot as typed (radio buttons `scores[<criterion id>]`) or sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotForm {
    pub scores: BTreeMap<String, String>,
    pub comment: String,
}

impl BallotForm {
    /// The ballot for a category with the criteria `criteria`: every criterion scored 1–5,
    /// no other key. Refusals are keyed `scores[<id>]`.
    pub fn parse_for(self, criteria: &[i32]) -> Result<Ballot, FieldErrors> {
        let mut errors = FieldErrors::new();
        let scores = parse_scores(&self.scores, criteria, (MIN_SCORE, MAX_SCORE), &mut errors);
        let comment = parse_optional_text(&self.comment, MAX_COMMENT_CHARS)
            .map_err(|e| errors.insert("comment".into(), e))
            .ok()
            .flatten();
        if errors.is_empty() {
            Ok(Ballot { scores, comment })
        } else {
            Err(errors)
        }
    }
}

/// Why a juror may not score a nomination (issue 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recusal {
    Nominator,
    Nominee,
    ProjectMember,
    SameSite,
    Declared,
}

impl Recusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Recusal::Nominator => "nominator",
            Recusal::Nominee => "nominee",
            Recusal::ProjectMember => "project_member",
            Recusal::SameSite => "same_site",
            Recusal::Declared => "declared",
        }
    }

    pub fn parse(raw: &str) -> Option<Recusal> {
        [
            Recusal::Nominator,
            Recusal::Nominee,
            Recusal::ProjectMember,
            Recusal::SameSite,
            Recusal::Declared,
        ]
        .into_iter()
        .find(|r| r.as_str() == raw)
    }
}

/// What recusal needs to know of a nomination.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NominationFacts {
    pub nominator_id: i32,
    pub nominee_user_id: Option<i32>,
    /// The nominated project's owner and members.
    pub project_people: Vec<i32>,
    pub site_id: i32,
    /// Jurors who declared a conflict with it.
    pub declared: Vec<i32>,
    /// Recusals recorded earlier (the entry made or changed, the shortlist, a declared
    /// conflict; issue 23), with the reason then.
    pub recorded: Vec<(i32, Recusal)>,
}

/// Whether the juror (`juror_id`, home site `juror_site`) is recused from the nomination,
/// and why (the first reason in the order of [`Recusal`]).
pub fn recusal(juror_id: i32, juror_site: Option<i32>, n: &NominationFacts) -> Option<Recusal> {
    if n.nominator_id == juror_id {
        Some(Recusal::Nominator)
    } else if n.nominee_user_id == Some(juror_id) {
        Some(Recusal::Nominee)
    } else if n.project_people.contains(&juror_id) {
        Some(Recusal::ProjectMember)
    } else if juror_site == Some(n.site_id) {
        Some(Recusal::SameSite)
    } else if n.declared.contains(&juror_id) {
        Some(Recusal::Declared)
    } else {
        // A recorded recusal holds for the year: a juror cannot lift it by moving to another
        // site or leaving the project.
        n.recorded
            .iter()
            .find(|(juror, _)| *juror == juror_id)
            .map(|(_, why)| *why)
    }
}

// A ballot is read as typed; its scores are judged against the category's criteria.
crate::parsed_input!(BallotForm);

/// The fewest jurors who should be able to score a finalist: with one, a single juror decides
/// its score alone; with none it cannot place (issue 30: the committee is warned).
pub const MIN_ELIGIBLE_JURORS: u32 = 2;

/// Per finalist, how many of the jury may score it (not recused), where that is fewer than
/// [`MIN_ELIGIBLE_JURORS`]: in the finalists' order.
pub fn thin_juries(
    jurors: &[i32],
    finalists: &[i32],
    recused: &std::collections::BTreeSet<(i32, i32)>,
) -> Vec<(i32, u32)> {
    finalists
        .iter()
        .map(|&n| {
            let eligible = jurors.iter().filter(|&&j| !recused.contains(&(j, n))).count();
            (n, u32::try_from(eligible).unwrap_or(u32::MAX))
        })
        .filter(|(_, eligible)| *eligible < MIN_ELIGIBLE_JURORS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finalists_fewer_than_two_jurors_may_score_are_named() {
        let jurors = [1, 2, 3];
        let recused: std::collections::BTreeSet<(i32, i32)> =
            [(1, 10), (2, 10), (3, 10), (1, 11), (2, 11), (1, 12)].into();
        // 10: all three recused; 11: one left; 12: two left; 13: all three.
        assert_eq!(
            thin_juries(&jurors, &[10, 11, 12, 13], &recused),
            [(10, 0), (11, 1)]
        );
        assert_eq!(thin_juries(&[], &[10], &recused), [(10, 0)], "no jury at all");
        assert!(thin_juries(&jurors, &[], &recused).is_empty());
    }
    use crate::core::error::FieldError;

    fn form(pairs: &[(&str, &str)]) -> BallotForm {
        BallotForm {
            scores: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            comment: String::new(),
        }
    }

    #[test]
    fn a_ballot_scores_every_criterion_from_one_to_five() {
        let ballot = form(&[("1", "5"), ("2", "1")]).parse_for(&[1, 2]).unwrap();
        assert_eq!(ballot.scores, BTreeMap::from([(1, 5), (2, 1)]));
        assert_eq!(ballot.comment, None);
    }

    #[test]
    fn scores_outside_one_to_five_a_missing_or_unknown_criterion_are_refused() {
        let errors = form(&[("1", "6"), ("9", "3")])
            .parse_for(&[1, 2])
            .unwrap_err();
        assert_eq!(errors.get("scores[1]"), Some(&FieldError::OutOfRange));
        assert_eq!(errors.get("scores[2]"), Some(&FieldError::Required));
        assert_eq!(errors.get("scores[9]"), Some(&FieldError::UnknownReference));
        let zero = form(&[("1", "0"), ("2", "x")])
            .parse_for(&[1, 2])
            .unwrap_err();
        assert_eq!(zero.get("scores[1]"), Some(&FieldError::OutOfRange));
        assert_eq!(zero.get("scores[2]"), Some(&FieldError::InvalidNumber));
    }

    #[test]
    fn recusal_covers_nominator_nominee_project_site_and_declared() {
        let n = NominationFacts {
            nominator_id: 1,
            nominee_user_id: Some(2),
            project_people: vec![3],
            site_id: 40,
            declared: vec![5],
            recorded: vec![(7, Recusal::SameSite)],
        };
        assert_eq!(recusal(1, None, &n), Some(Recusal::Nominator));
        assert_eq!(recusal(2, None, &n), Some(Recusal::Nominee));
        assert_eq!(recusal(3, None, &n), Some(Recusal::ProjectMember));
        assert_eq!(recusal(4, Some(40), &n), Some(Recusal::SameSite));
        assert_eq!(recusal(5, Some(41), &n), Some(Recusal::Declared));
        assert_eq!(recusal(6, Some(41), &n), None);
        assert_eq!(recusal(6, None, &n), None);
    }

    #[test]
    fn a_recusal_recorded_at_the_shortlist_outlasts_the_facts_behind_it() {
        let n = NominationFacts {
            nominator_id: 1,
            site_id: 40,
            recorded: vec![(7, Recusal::SameSite), (8, Recusal::ProjectMember)],
            ..Default::default()
        };
        assert_eq!(
            recusal(7, Some(41), &n),
            Some(Recusal::SameSite),
            "moved away"
        );
        assert_eq!(
            recusal(8, None, &n),
            Some(Recusal::ProjectMember),
            "left the project"
        );
        assert_eq!(
            recusal(9, Some(40), &n),
            Some(Recusal::SameSite),
            "facts of today count too"
        );
        assert_eq!(recusal(9, Some(41), &n), None);
        for r in [Recusal::Nominator, Recusal::SameSite, Recusal::Declared] {
            assert_eq!(Recusal::parse(r.as_str()), Some(r));
        }
        assert_eq!(Recusal::parse("other"), None);
    }
}
