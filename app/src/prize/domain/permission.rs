//! Who may do what with the prize (DESIGN §2 and §7): a row of the permission matrix per
//! action, checked through `auth::authorize`.

use crate::auth::{Actor, Permission, Role};

/// What the prize's service can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrizeAction {
    /// See prize years, categories and every submitted nomination (DESIGN §7: all employees
    /// learn from every entry).
    View,
    /// See a year, and a finalist of it: every employee; everyone once its results are
    /// published (DESIGN §2: visitors see winners and finalists once announced).
    ViewPublished { published: bool },
    /// Nominate (every employee, their own work too), vote for the people's choice.
    Nominate,
    /// Create years and categories, move dates, shortlist, see who has voted, preview and
    /// publish results (DESIGN §2: the prize committee).
    Manage,
    /// Score a finalist: a juror of its category who is not recused (issue 14).
    Score { on_jury: bool, recused: bool },
    /// Record the chair's choice, the last tie-break: the category's chair.
    RecordChairChoice { chair: bool },
    /// See a year's tally: everyone once published (anonymous visitors too, DESIGN §2); the
    /// committee once the jury has closed (the preview); no one before.
    ViewResults { published: bool, jury_closed: bool },
}

impl Permission for PrizeAction {
    fn allows(&self, actor: &Actor) -> bool {
        let signed_in = actor.user().is_some();
        let committee = actor.is_admin() || actor.holds(Role::PrizeCommittee);
        match *self {
            PrizeAction::View => actor.is_employee(),
            PrizeAction::ViewPublished { published } => published || actor.is_employee(),
            PrizeAction::Nominate => signed_in,
            PrizeAction::Manage => committee,
            // DESIGN §7: a juror never scores what they have a conflict with, admins neither.
            PrizeAction::Score { on_jury, recused } => signed_in && on_jury && !recused,
            PrizeAction::RecordChairChoice { chair } => signed_in && chair,
            PrizeAction::ViewResults {
                published,
                jury_closed,
            } => published || (jury_closed && committee),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::permission::testing::user_with;
    use crate::auth::{Actor, Role, authorize};
    use crate::core::error::AppError;

    #[test]
    fn the_prize_is_run_by_the_committee_scored_by_unrecused_jurors_and_sealed_until_published() {
        for (who, view, manage) in [
            (user_with(&[Role::PrizeCommittee]), true, true),
            (user_with(&[Role::Admin]), true, true),
            (user_with(&[Role::JuryMember]), true, false),
            (user_with(&[]), true, false),
            (Actor::Anonymous, false, false),
        ] {
            assert_eq!(authorize(&who, PrizeAction::View).is_ok(), view, "{who:?}");
            assert_eq!(
                authorize(&who, PrizeAction::Nominate).is_ok(),
                view && !matches!(who, Actor::System),
                "{who:?}"
            );
            assert_eq!(
                authorize(&who, PrizeAction::Manage).is_ok(),
                manage,
                "{who:?}"
            );
            let preview = PrizeAction::ViewResults {
                published: false,
                jury_closed: true,
            };
            assert_eq!(authorize(&who, preview).is_ok(), manage, "{who:?}");
            let published = PrizeAction::ViewResults {
                published: true,
                jury_closed: true,
            };
            assert_eq!(
                authorize(&who, published),
                Ok(()),
                "published results are public"
            );
            let sealed = PrizeAction::ViewResults {
                published: false,
                jury_closed: false,
            };
            assert_eq!(authorize(&who, sealed), Err(AppError::Forbidden), "{who:?}");
        }
        for (who, unpublished) in [(user_with(&[]), true), (Actor::Anonymous, false)] {
            let seen = |published| authorize(&who, PrizeAction::ViewPublished { published }).is_ok();
            assert!(seen(true), "a published year is public: {who:?}");
            assert_eq!(seen(false), unpublished, "{who:?}");
        }
        let juror = user_with(&[Role::JuryMember]);
        let score = |on_jury, recused| PrizeAction::Score { on_jury, recused };
        assert_eq!(authorize(&juror, score(true, false)), Ok(()));
        assert_eq!(
            authorize(&juror, score(true, true)),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&juror, score(false, false)),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&user_with(&[Role::Admin]), score(false, false)),
            Err(AppError::Forbidden),
            "an admin is no juror"
        );
        assert_eq!(
            authorize(&user_with(&[]), PrizeAction::RecordChairChoice { chair: true }),
            Ok(())
        );
        assert_eq!(
            authorize(&Actor::Anonymous, PrizeAction::RecordChairChoice { chair: true }),
            Err(AppError::Forbidden)
        );
    }
}
