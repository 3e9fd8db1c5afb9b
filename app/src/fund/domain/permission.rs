//! Who may do what with the research and innovation fund (DESIGN §2 and §6): a row of the
//! permission matrix per action, checked through `auth::authorize`.

use crate::auth::{Actor, Permission, Role};

/// What the fund's service can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundAction {
    /// See the calls and one's own applications (every employee).
    View,
    /// Apply to an open call (every signed-in employee, DESIGN §2).
    Apply,
    /// Set the yearly budgets, create calls, move their dates and raise their budgets,
    /// record reports, payments and returned money, follow up guidance (the fund's
    /// administrators: the innovation council and admins).
    Manage,
    /// Change an application: its applicant, while it is a draft.
    EditApplication { applicant: bool, draft: bool },
    /// Read one application: its applicant and team (drafts too); once submitted, the line
    /// manager who anchors it, its call's reviewers and the council.
    ViewApplication {
        applicant_or_team: bool,
        line_manager: bool,
        reviewer: bool,
        submitted: bool,
    },
    /// Confirm an application's anchoring in the line organisation: a manager of its site or
    /// of the site's sector (DESIGN §6), never its applicant or one of its team.
    Anchor { line_manager: bool, applicant: bool },
    /// Score an application: a reviewer of its call with no conflict (DESIGN §6).
    Review { assigned: bool, conflicted: bool },
    /// Rank the applications, set recommended amounts, record the decision (the innovation
    /// council, DESIGN §2; admins stand in).
    Recommend,
}

impl Permission for FundAction {
    fn allows(&self, actor: &Actor) -> bool {
        let signed_in = actor.user().is_some();
        let council = actor.is_admin() || actor.holds(Role::InnovationCouncil);
        match *self {
            FundAction::View => actor.is_employee(),
            FundAction::Apply => signed_in,
            FundAction::Manage | FundAction::Recommend => council,
            FundAction::EditApplication { applicant, draft } => signed_in && applicant && draft,
            FundAction::ViewApplication {
                applicant_or_team,
                line_manager,
                reviewer,
                submitted,
            } => {
                signed_in
                    && (applicant_or_team || (submitted && (line_manager || reviewer || council)))
            }
            FundAction::Anchor {
                line_manager,
                applicant,
            } => signed_in && line_manager && !applicant,
            // DESIGN §6: a conflicted reviewer neither scores nor sees scores; an admin is
            // no reviewer.
            FundAction::Review {
                assigned,
                conflicted,
            } => signed_in && assigned && !conflicted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::permission::testing::{site_manager, user_with};
    use crate::auth::{Actor, Role, authorize};

    #[test]
    fn the_fund_is_run_by_the_council_scored_by_unconflicted_reviewers_and_open_to_every_employee()
    {
        for (who, view, apply, manage) in [
            (user_with(&[Role::InnovationCouncil]), true, true, true),
            (user_with(&[Role::Admin]), true, true, true),
            (user_with(&[Role::FundReviewer]), true, true, false),
            (user_with(&[Role::Manager]), true, true, false),
            (user_with(&[]), true, true, false),
            (Actor::Anonymous, false, false, false),
        ] {
            assert_eq!(authorize(&who, FundAction::View).is_ok(), view, "{who:?}");
            assert_eq!(authorize(&who, FundAction::Apply).is_ok(), apply, "{who:?}");
            assert_eq!(authorize(&who, FundAction::Manage).is_ok(), manage, "{who:?}");
            assert_eq!(
                authorize(&who, FundAction::Recommend).is_ok(),
                manage,
                "{who:?}"
            );
            let submitted = FundAction::ViewApplication {
                applicant_or_team: false,
                line_manager: false,
                reviewer: false,
                submitted: true,
            };
            assert_eq!(authorize(&who, submitted).is_ok(), manage, "{who:?}");
            let draft = FundAction::ViewApplication {
                applicant_or_team: false,
                line_manager: false,
                reviewer: false,
                submitted: false,
            };
            assert!(authorize(&who, draft).is_err(), "another's draft: {who:?}");
            let own_draft = FundAction::ViewApplication {
                applicant_or_team: true,
                line_manager: false,
                reviewer: false,
                submitted: false,
            };
            assert_eq!(authorize(&who, own_draft).is_ok(), apply, "{who:?}");
        }
        let reviewer = user_with(&[Role::FundReviewer]);
        let review = |assigned, conflicted| FundAction::Review {
            assigned,
            conflicted,
        };
        assert!(authorize(&reviewer, review(true, false)).is_ok());
        assert!(authorize(&reviewer, review(true, true)).is_err());
        assert!(authorize(&reviewer, review(false, false)).is_err());
        assert!(
            authorize(&user_with(&[Role::Admin]), review(false, false)).is_err(),
            "an admin is no reviewer"
        );
        let manager = site_manager(4);
        let anchor = |line_manager, applicant| FundAction::Anchor {
            line_manager,
            applicant,
        };
        assert!(authorize(&manager, anchor(true, false)).is_ok());
        assert!(
            authorize(&manager, anchor(true, true)).is_err(),
            "no one anchors their own application"
        );
        assert!(authorize(&manager, anchor(false, false)).is_err());
        assert!(authorize(&Actor::Anonymous, anchor(true, false)).is_err());
        let edit = |applicant, draft| FundAction::EditApplication { applicant, draft };
        assert!(authorize(&reviewer, edit(true, true)).is_ok());
        assert!(
            authorize(&reviewer, edit(true, false)).is_err(),
            "a submitted application is locked"
        );
        assert!(
            authorize(&user_with(&[Role::Admin]), edit(false, true)).is_err(),
            "not even an admin edits another's application"
        );
    }
}
