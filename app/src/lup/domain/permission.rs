//! Who may do what in LUP (DESIGN §2 and §5): a row of the permission matrix per action,
//! checked through `auth::authorize`.

use crate::auth::{Actor, Permission, Role};

/// What LUP's service can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LupAction {
    /// See LUP's cohorts, groups and coverage (DESIGN §2: managers see coverage, for their
    /// sector or site; LUP coordinators and admins for all — `lup::domain::scope`).
    View,
    /// Create cohorts, gatherings and targets, enrol groups, add members, change a group's
    /// status (DESIGN §2: the LUP coordinator).
    Manage,
    /// Record attendance at a gathering: LUP coordinators, and the cohort's supervisors.
    RecordAttendance { supervises: bool },
}

impl Permission for LupAction {
    fn allows(&self, actor: &Actor) -> bool {
        let coordinates = actor.is_admin() || actor.holds(Role::LupCoordinator);
        match *self {
            LupAction::View => coordinates || actor.holds(Role::Manager),
            LupAction::Manage => coordinates,
            LupAction::RecordAttendance { supervises } => {
                coordinates || (actor.user().is_some() && supervises)
            }
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
    fn lup_is_run_by_coordinators_followed_by_managers_and_attended_by_supervisors() {
        for (who, view, manage) in [
            (user_with(&[Role::LupCoordinator]), true, true),
            (user_with(&[Role::Admin]), true, true),
            (user_with(&[Role::Manager]), true, false),
            (user_with(&[Role::InnovationCouncil]), false, false),
            (user_with(&[]), false, false),
            (Actor::Anonymous, false, false),
        ] {
            assert_eq!(authorize(&who, LupAction::View).is_ok(), view, "{who:?}");
            assert_eq!(
                authorize(&who, LupAction::Manage).is_ok(),
                manage,
                "{who:?}"
            );
            assert_eq!(
                authorize(&who, LupAction::RecordAttendance { supervises: false }).is_ok(),
                manage,
                "{who:?}"
            );
        }
        let supervisor = LupAction::RecordAttendance { supervises: true };
        assert_eq!(authorize(&user_with(&[]), supervisor), Ok(()));
        assert_eq!(
            authorize(&Actor::Anonymous, supervisor),
            Err(AppError::Forbidden),
            "a visitor supervises nothing, whatever a caller claims"
        );
    }
}
