//! Who may do what in the portfolio (DESIGN §2 and §4): a row of the permission matrix per
//! action, checked through `auth::authorize`.

use crate::auth::{Actor, Permission, Role};

/// How the acting user stands to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRelation {
    Owner,
    Member,
    Outsider,
}

impl ProjectRelation {
    /// How `user` (none when signed out or a service token) stands to a project owned by
    /// `owner` with the members `members`.
    pub fn of(user: Option<i32>, owner: i32, members: &[i32]) -> Self {
        match user {
            Some(id) if id == owner => ProjectRelation::Owner,
            Some(id) if members.contains(&id) => ProjectRelation::Member,
            _ => ProjectRelation::Outsider,
        }
    }
}

/// What the portfolio's service can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioAction {
    /// See ideas, projects and the portfolio's summary (every employee, DESIGN §2).
    View,
    /// Submit an idea, support or comment on one (every employee).
    Contribute,
    /// Decide on an idea from a site of a sector (an idea may name no site).
    AssessIdea {
        sector_id: Option<i32>,
        site_id: Option<i32>,
    },
    /// Change a project: its details, phase, benefits, members, what it stops doing.
    EditProject { relation: ProjectRelation },
    /// Start a project directly, without an idea (the REST API's `POST /projects`).
    CreateProject,
    /// Export the portfolio (CSV, XLSX).
    Export,
    /// Rename or add phases and programmes.
    ManageSettings,
}

impl Permission for PortfolioAction {
    fn allows(&self, actor: &Actor) -> bool {
        let user = actor.user();
        let is_manager = user.is_some_and(|u| u.has_role(Role::Manager));
        match *self {
            // Every employee; and the server itself (demo data, commands), which has no account.
            PortfolioAction::View | PortfolioAction::Contribute => actor.is_employee(),
            // DESIGN §4: a manager of the idea's sector or site, or the innovation council.
            PortfolioAction::AssessIdea { sector_id, site_id } => {
                actor.is_admin()
                    || actor.holds(Role::InnovationCouncil)
                    || user.is_some_and(|u| u.manages(sector_id, site_id))
            }
            // DESIGN §2: the project's owner and members edit it.
            PortfolioAction::EditProject { relation } => {
                actor.is_admin() || (user.is_some() && relation != ProjectRelation::Outsider)
            }
            // DESIGN §2: managers export; the council steers the portfolio. Those who may
            // accept an idea into a project may also start one directly.
            PortfolioAction::Export | PortfolioAction::CreateProject => {
                actor.is_admin() || actor.holds(Role::InnovationCouncil) || is_manager
            }
            PortfolioAction::ManageSettings => actor.is_admin(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::permission::testing::{site_manager, user_with};
    use crate::auth::{Actor, Role, authorize};
    use crate::core::error::AppError;

    #[test]
    fn every_employee_sees_the_portfolio_and_contributes_ideas_but_no_visitor() {
        for action in [PortfolioAction::View, PortfolioAction::Contribute] {
            assert_eq!(authorize(&user_with(&[]), action), Ok(()));
            assert_eq!(authorize(&Actor::System, action), Ok(()));
            assert_eq!(
                authorize(&Actor::Anonymous, action),
                Err(AppError::Forbidden)
            );
        }
    }

    #[test]
    fn an_idea_is_assessed_by_its_sectors_or_sites_manager_or_the_council() {
        let idea = PortfolioAction::AssessIdea {
            sector_id: Some(3),
            site_id: Some(40),
        };
        let elsewhere = PortfolioAction::AssessIdea {
            sector_id: Some(4),
            site_id: Some(41),
        };
        let no_site = PortfolioAction::AssessIdea {
            sector_id: None,
            site_id: None,
        };
        assert_eq!(authorize(&user_with(&[Role::Manager]), idea), Ok(()));
        assert_eq!(authorize(&site_manager(40), idea), Ok(()));
        assert_eq!(
            authorize(&user_with(&[Role::Manager]), elsewhere),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&site_manager(40), elsewhere),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&user_with(&[Role::Manager]), no_site),
            Err(AppError::Forbidden)
        );
        for action in [idea, elsewhere, no_site] {
            assert_eq!(
                authorize(&user_with(&[Role::InnovationCouncil]), action),
                Ok(())
            );
            assert_eq!(authorize(&user_with(&[Role::Admin]), action), Ok(()));
            for role in [
                Role::Editor,
                Role::JuryMember,
                Role::FundReviewer,
                Role::LupCoordinator,
            ] {
                assert_eq!(
                    authorize(&user_with(&[role]), action),
                    Err(AppError::Forbidden)
                );
            }
            assert_eq!(authorize(&user_with(&[]), action), Err(AppError::Forbidden));
        }
    }

    #[test]
    fn a_project_is_edited_by_its_owner_and_members_only() {
        let edit = |relation| PortfolioAction::EditProject { relation };
        assert_eq!(
            authorize(&user_with(&[]), edit(ProjectRelation::Owner)),
            Ok(())
        );
        assert_eq!(
            authorize(&user_with(&[]), edit(ProjectRelation::Member)),
            Ok(())
        );
        assert_eq!(
            authorize(&user_with(&[Role::Admin]), edit(ProjectRelation::Outsider)),
            Ok(())
        );
        for roles in [
            &[][..],
            &[Role::Manager],
            &[Role::InnovationCouncil],
            &[Role::Editor],
        ] {
            assert_eq!(
                authorize(&user_with(roles), edit(ProjectRelation::Outsider)),
                Err(AppError::Forbidden),
                "{roles:?}"
            );
        }
        // A visitor is never a member, whatever a caller claims.
        assert_eq!(
            authorize(&Actor::Anonymous, edit(ProjectRelation::Owner)),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn a_users_relation_to_a_project_comes_from_its_owner_and_members() {
        let members = [4, 9];
        assert_eq!(
            ProjectRelation::of(Some(2), 2, &members),
            ProjectRelation::Owner
        );
        // The owner stays the owner when also listed as a member.
        assert_eq!(
            ProjectRelation::of(Some(4), 4, &members),
            ProjectRelation::Owner
        );
        assert_eq!(
            ProjectRelation::of(Some(9), 2, &members),
            ProjectRelation::Member
        );
        assert_eq!(
            ProjectRelation::of(Some(5), 2, &members),
            ProjectRelation::Outsider
        );
        assert_eq!(
            ProjectRelation::of(None, 2, &members),
            ProjectRelation::Outsider
        );
    }

    #[test]
    fn those_who_accept_ideas_may_start_a_project_directly_and_no_one_else() {
        for (who, allowed) in [
            (user_with(&[Role::Manager]), true),
            (user_with(&[Role::InnovationCouncil]), true),
            (user_with(&[Role::Admin]), true),
            (user_with(&[]), false),
            (user_with(&[Role::JuryMember]), false),
            (Actor::Anonymous, false),
        ] {
            assert_eq!(
                authorize(&who, PortfolioAction::CreateProject).is_ok(),
                allowed,
                "{who:?}"
            );
        }
    }

    #[test]
    fn managers_and_the_council_export_and_only_admins_change_the_phases() {
        assert_eq!(
            authorize(&user_with(&[Role::Manager]), PortfolioAction::Export),
            Ok(())
        );
        assert_eq!(
            authorize(&site_manager(40), PortfolioAction::Export),
            Ok(())
        );
        assert_eq!(
            authorize(
                &user_with(&[Role::InnovationCouncil]),
                PortfolioAction::Export
            ),
            Ok(())
        );
        assert_eq!(
            authorize(&user_with(&[]), PortfolioAction::Export),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&user_with(&[Role::Admin]), PortfolioAction::ManageSettings),
            Ok(())
        );
        assert_eq!(
            authorize(
                &user_with(&[Role::InnovationCouncil]),
                PortfolioAction::ManageSettings
            ),
            Err(AppError::Forbidden)
        );
    }
}
