//! A reviewer's assessment of an application (DESIGN §6): first the conflicts the app flags
//! by itself, then either a declared conflict (the reviewer steps aside) or a score of 1–5
//! on every criterion with a comment.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{parse_optional_text, parse_scores};

pub const MIN_SCORE: i64 = 1;
pub const MAX_SCORE: i64 = 5;
pub const MAX_COMMENT_CHARS: usize = 4_000;

/// Why a reviewer may not assess an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictFlag {
    /// The reviewer applied.
    Applicant,
    /// The reviewer is on the application's team.
    TeamMember,
    /// The reviewer's home site is the application's service site.
    SameSite,
    /// The reviewer manages the application's site or its sector: the applicant's line
    /// manager, who anchors it.
    LineManager,
    /// The reviewer is the owner or a member of the portfolio project it is linked to.
    ProjectMember,
    /// The reviewer declared a conflict of their own.
    Declared,
}

impl ConflictFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictFlag::Applicant => "applicant",
            ConflictFlag::TeamMember => "team_member",
            ConflictFlag::SameSite => "same_site",
            ConflictFlag::LineManager => "line_manager",
            ConflictFlag::ProjectMember => "project_member",
            ConflictFlag::Declared => "declared",
        }
    }
}

/// What the conflict rules read of an application.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationFacts {
    pub applicant_id: i32,
    pub site_id: Option<i32>,
    /// The sector of that site.
    pub sector_id: Option<i32>,
    /// The applicant's own home site and its sector, which the application may not name.
    pub applicant_site_id: Option<i32>,
    pub applicant_sector_id: Option<i32>,
    pub team: Vec<i32>,
    /// The owner and members of the linked project.
    pub project_people: Vec<i32>,
}

/// What the conflict rules read of a reviewer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewerFacts {
    pub id: i32,
    pub home_site_id: Option<i32>,
    /// Sites and sectors the reviewer holds the manager role for.
    pub managed_sites: Vec<i32>,
    pub managed_sectors: Vec<i32>,
    /// Whether they declared a conflict with this application.
    pub declared: bool,
}

/// Every conflict between the reviewer and the application, in a fixed order: the app flags
/// the first five by itself (DESIGN §6), the reviewer declares the last. Any one of them
/// recuses the reviewer.
pub fn conflict_flags(reviewer: &ReviewerFacts, application: &ApplicationFacts) -> Vec<ConflictFlag> {
    let mut flags = Vec::new();
    if reviewer.id == application.applicant_id {
        flags.push(ConflictFlag::Applicant);
    }
    if application.team.contains(&reviewer.id) {
        flags.push(ConflictFlag::TeamMember);
    }
    // The application's site and the applicant's own: an applicant cannot name another site
    // to step round a colleague or their own manager.
    let sites = [application.site_id, application.applicant_site_id];
    let sectors = [application.sector_id, application.applicant_sector_id];
    if reviewer.home_site_id.is_some() && sites.contains(&reviewer.home_site_id) {
        flags.push(ConflictFlag::SameSite);
    }
    let manages_site = sites
        .iter()
        .flatten()
        .any(|site| reviewer.managed_sites.contains(site));
    let manages_sector = sectors
        .iter()
        .flatten()
        .any(|sector| reviewer.managed_sectors.contains(sector));
    if manages_site || manages_sector {
        flags.push(ConflictFlag::LineManager);
    }
    if application.project_people.contains(&reviewer.id) {
        flags.push(ConflictFlag::ProjectMember);
    }
    if reviewer.declared {
        flags.push(ConflictFlag::Declared);
    }
    flags
}

/// A review as parsed: a declared conflict, or a score on every criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Review {
    Conflict { reason: Option<String> },
    Scored {
        scores: BTreeMap<i32, u8>,
        comment: Option<String>,
    },
}

/// A review as typed (radio buttons `scores[<criterion id>]`) or sent. With `conflict` set
/// the scores are not read and the comment is the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub conflict: bool,
    pub scores: BTreeMap<String, String>,
    pub comment: String,
}

impl ReviewForm {
    /// The review for a call with the criteria `criteria`: every criterion scored 1–5, no
    /// other key. Refusals are keyed `scores[<id>]`.
    pub fn parse_for(self, criteria: &[i32]) -> Result<Review, FieldErrors> {
        let mut errors = FieldErrors::new();
        let comment = parse_optional_text(&self.comment, MAX_COMMENT_CHARS)
            .map_err(|e| errors.insert("comment".into(), e))
            .ok()
            .flatten();
        if self.conflict {
            // A declared conflict carries no scores: both at once is not a review.
            if !self.scores.is_empty() {
                errors.insert("scores".into(), FieldError::OneOfTwo);
            }
            return if errors.is_empty() {
                Ok(Review::Conflict { reason: comment })
            } else {
                Err(errors)
            };
        }
        let scores = parse_scores(&self.scores, criteria, (MIN_SCORE, MAX_SCORE), &mut errors);
        if errors.is_empty() {
            Ok(Review::Scored { scores, comment })
        } else {
            Err(errors)
        }
    }
}

crate::parsed_input!(ReviewForm);

#[cfg(test)]
mod tests {
    use super::*;

    fn application() -> ApplicationFacts {
        ApplicationFacts {
            applicant_id: 1,
            site_id: Some(10),
            sector_id: Some(100),
            applicant_site_id: Some(20),
            applicant_sector_id: Some(200),
            team: vec![2],
            project_people: vec![3],
        }
    }

    fn reviewer(id: i32) -> ReviewerFacts {
        ReviewerFacts {
            id,
            home_site_id: Some(99),
            ..Default::default()
        }
    }

    #[test]
    fn the_app_flags_the_applicant_the_team_the_site_the_line_manager_and_the_project() {
        let app = application();
        assert_eq!(conflict_flags(&reviewer(1), &app), [ConflictFlag::Applicant]);
        assert_eq!(conflict_flags(&reviewer(2), &app), [ConflictFlag::TeamMember]);
        assert_eq!(
            conflict_flags(&reviewer(3), &app),
            [ConflictFlag::ProjectMember]
        );
        let colleague = ReviewerFacts {
            home_site_id: Some(10),
            ..reviewer(4)
        };
        assert_eq!(conflict_flags(&colleague, &app), [ConflictFlag::SameSite]);
        let site_manager = ReviewerFacts {
            managed_sites: vec![10],
            ..reviewer(5)
        };
        let sector_manager = ReviewerFacts {
            managed_sectors: vec![100],
            ..reviewer(6)
        };
        assert_eq!(
            conflict_flags(&site_manager, &app),
            [ConflictFlag::LineManager]
        );
        assert_eq!(
            conflict_flags(&sector_manager, &app),
            [ConflictFlag::LineManager]
        );
        let other_sector = ReviewerFacts {
            managed_sectors: vec![101],
            managed_sites: vec![11],
            ..reviewer(7)
        };
        assert!(conflict_flags(&other_sector, &app).is_empty());
        // The applicant's own site and manager count whatever site the application names.
        let applicants_colleague = ReviewerFacts {
            home_site_id: Some(20),
            ..reviewer(8)
        };
        assert_eq!(
            conflict_flags(&applicants_colleague, &app),
            [ConflictFlag::SameSite]
        );
        let applicants_manager = ReviewerFacts {
            managed_sectors: vec![200],
            ..reviewer(9)
        };
        assert_eq!(
            conflict_flags(&applicants_manager, &app),
            [ConflictFlag::LineManager]
        );
        let declared = ReviewerFacts {
            declared: true,
            home_site_id: Some(10),
            ..reviewer(2)
        };
        assert_eq!(
            conflict_flags(&declared, &app),
            [
                ConflictFlag::TeamMember,
                ConflictFlag::SameSite,
                ConflictFlag::Declared
            ]
        );
    }

    #[test]
    fn no_home_site_is_no_shared_site() {
        let app = ApplicationFacts {
            site_id: None,
            applicant_site_id: None,
            ..application()
        };
        let reviewer = ReviewerFacts {
            home_site_id: None,
            ..reviewer(9)
        };
        assert!(conflict_flags(&reviewer, &app).is_empty());
    }

    #[test]
    fn a_review_scores_every_criterion_once_or_declares_a_conflict() {
        let form = |scores: &[(&str, &str)]| ReviewForm {
            conflict: false,
            scores: scores
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            comment: " Godt ".into(),
        };
        assert_eq!(
            form(&[("1", "5"), ("2", "1")]).parse_for(&[1, 2]),
            Ok(Review::Scored {
                scores: [(1, 5), (2, 1)].into(),
                comment: Some("Godt".into())
            })
        );
        let errors = form(&[("1", "6"), ("3", "2")]).parse_for(&[1, 2]).unwrap_err();
        assert_eq!(errors.get("scores[1]"), Some(&FieldError::OutOfRange));
        assert_eq!(errors.get("scores[2]"), Some(&FieldError::Required));
        assert_eq!(errors.get("scores[3]"), Some(&FieldError::UnknownReference));
        let both = ReviewForm {
            conflict: true,
            ..form(&[("1", "9")])
        };
        assert_eq!(
            both.parse_for(&[1, 2]).unwrap_err().get("scores"),
            Some(&FieldError::OneOfTwo)
        );
        let conflict = ReviewForm {
            conflict: true,
            ..form(&[])
        };
        assert_eq!(
            conflict.parse_for(&[1, 2]),
            Ok(Review::Conflict {
                reason: Some("Godt".into())
            })
        );
    }
}
