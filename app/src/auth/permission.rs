//! The permission matrix (DESIGN §2): every action a service function can be asked to do, and
//! who may do it, in one place. Actions on one object carry what the rule needs to know about
//! it (the idea's site and sector, how the actor stands to the project), so the rule stays
//! pure and testable; the service loads those facts first.

use crate::auth::domain::{Actor, Role, Scope, UserActor};
use crate::core::error::AppError;

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

/// Everything a service function can be asked to do, checked in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the list of sectors and service sites.
    ViewOrganisation,
    /// Create or change sectors and service sites; import and export them.
    ManageOrganisation,
    /// See and change one's own profile, password and API tokens.
    ManageOwnAccount,
    /// List, create, deactivate and anonymise users; grant and revoke roles.
    ManageUsers,
    /// Read the audit log.
    ViewAuditLog,
    /// See ideas, projects and the portfolio's summary (every employee, DESIGN §2).
    ViewPortfolio,
    /// Submit an idea, support or comment on one (every employee).
    ContributeIdeas,
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
    ExportPortfolio,
    /// Rename or add phases and programmes.
    ManagePortfolioSettings,
    /// See LUP's cohorts, groups and coverage (DESIGN §2: managers see coverage, for their
    /// sector or site; LUP coordinators and admins for all — `lup::domain::scope`).
    ViewLup,
    /// Create cohorts, gatherings and targets, enrol groups, add members, change a group's
    /// status (DESIGN §2: the LUP coordinator).
    ManageLup,
    /// Record attendance at a gathering: LUP coordinators, and the cohort's supervisors.
    RecordAttendance { supervises: bool },
    /// See prize years, categories and every submitted nomination (DESIGN §7: all employees
    /// learn from every entry).
    ViewPrize,
    /// Nominate (every employee, their own work too), vote for the people's choice.
    Nominate,
    /// Create years and categories, move dates, shortlist, see who has voted, preview and
    /// publish results (DESIGN §2: the prize committee).
    ManagePrize,
    /// Score a finalist: a juror of its category who is not recused (issue 14).
    ScoreFinalist { on_jury: bool, recused: bool },
    /// Record the chair's choice, the last tie-break: the category's chair.
    RecordChairChoice { chair: bool },
    /// See a year's tally: everyone once published (anonymous visitors too, DESIGN §2); the
    /// committee once the jury has closed (the preview); no one before.
    ViewPrizeResults { published: bool, jury_closed: bool },
}

impl UserActor {
    /// Whether one of the user's manager grants covers the site or its sector.
    pub fn manages(&self, sector_id: Option<i32>, site_id: Option<i32>) -> bool {
        self.roles.iter().any(|g| {
            g.role == Role::Manager
                && match g.scope {
                    Scope::Sector(id) => Some(id) == sector_id,
                    Scope::Site(id) => Some(id) == site_id,
                    Scope::Everywhere => false,
                }
        })
    }

    fn is_manager(&self) -> bool {
        self.has_role(Role::Manager)
    }
}

/// The permission matrix (DESIGN §2). Returns `Forbidden` when `actor` may not do `action`.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), AppError> {
    let user = actor.user();
    let has = |role| user.is_some_and(|u| u.has_role(role));
    let allowed = match action {
        // The municipality's organisation (sectors and service sites) is public information.
        Action::ViewOrganisation => true,
        Action::ManageOwnAccount => user.is_some(),
        // Every employee; and the server itself (demo data, commands), which has no account.
        Action::ViewPortfolio | Action::ContributeIdeas => !matches!(actor, Actor::Anonymous),
        Action::ManageOrganisation | Action::ManageUsers | Action::ViewAuditLog => actor.is_admin(),
        // DESIGN §4: a manager of the idea's sector or site, or the innovation council.
        Action::AssessIdea { sector_id, site_id } => {
            actor.is_admin()
                || has(Role::InnovationCouncil)
                || user.is_some_and(|u| u.manages(sector_id, site_id))
        }
        // DESIGN §2: the project's owner and members edit it.
        Action::EditProject { relation } => {
            actor.is_admin() || (user.is_some() && relation != ProjectRelation::Outsider)
        }
        // DESIGN §2: managers export; the council steers the portfolio. Those who may accept
        // an idea into a project may also start one directly.
        Action::ExportPortfolio | Action::CreateProject => {
            actor.is_admin()
                || has(Role::InnovationCouncil)
                || user.is_some_and(UserActor::is_manager)
        }
        Action::ManagePortfolioSettings => actor.is_admin(),
        Action::ViewLup => {
            actor.is_admin() || has(Role::LupCoordinator) || user.is_some_and(UserActor::is_manager)
        }
        Action::ManageLup => actor.is_admin() || has(Role::LupCoordinator),
        Action::RecordAttendance { supervises } => {
            actor.is_admin() || has(Role::LupCoordinator) || (user.is_some() && supervises)
        }
        Action::ViewPrize => !matches!(actor, Actor::Anonymous),
        Action::Nominate => user.is_some(),
        Action::ManagePrize => actor.is_admin() || has(Role::PrizeCommittee),
        // DESIGN §7: a juror never scores what they have a conflict with, admins neither.
        Action::ScoreFinalist { on_jury, recused } => user.is_some() && on_jury && !recused,
        Action::RecordChairChoice { chair } => user.is_some() && chair,
        Action::ViewPrizeResults {
            published,
            jury_closed,
        } => published || (jury_closed && (actor.is_admin() || has(Role::PrizeCommittee))),
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::domain::RoleGrant;

    /// A user with `roles`; a manager's scope is sector 3.
    fn user_with(roles: &[Role]) -> Actor {
        Actor::User(UserActor {
            id: 7,
            name: "Kari Nordmann".into(),
            home_site_id: Some(1),
            roles: roles
                .iter()
                .map(|&role| {
                    let sector = (role == Role::Manager).then_some(3);
                    RoleGrant::new(role, sector, None).unwrap()
                })
                .collect(),
        })
    }

    fn site_manager(site: i32) -> Actor {
        Actor::User(UserActor {
            id: 8,
            name: "Per Hansen".into(),
            home_site_id: Some(site),
            roles: vec![RoleGrant::new(Role::Manager, None, Some(site)).unwrap()],
        })
    }

    #[test]
    fn anyone_may_view_the_organisation() {
        assert_eq!(
            authorize(&Actor::Anonymous, Action::ViewOrganisation),
            Ok(())
        );
        assert_eq!(authorize(&user_with(&[]), Action::ViewOrganisation), Ok(()));
    }

    #[test]
    fn only_admins_and_the_system_manage_the_organisation_and_users() {
        for action in [
            Action::ManageOrganisation,
            Action::ManageUsers,
            Action::ViewAuditLog,
        ] {
            assert_eq!(authorize(&Actor::System, action), Ok(()));
            assert_eq!(authorize(&user_with(&[Role::Admin]), action), Ok(()));
            assert_eq!(
                authorize(&Actor::Anonymous, action),
                Err(AppError::Forbidden)
            );
            for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
                assert_eq!(
                    authorize(&user_with(&[role]), action),
                    Err(AppError::Forbidden)
                );
            }
        }
    }

    #[test]
    fn only_signed_in_users_manage_their_own_account() {
        assert_eq!(authorize(&user_with(&[]), Action::ManageOwnAccount), Ok(()));
        assert_eq!(
            authorize(&Actor::Anonymous, Action::ManageOwnAccount),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&Actor::System, Action::ManageOwnAccount),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn every_employee_sees_the_portfolio_and_contributes_ideas_but_no_visitor() {
        for action in [Action::ViewPortfolio, Action::ContributeIdeas] {
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
        let idea = Action::AssessIdea {
            sector_id: Some(3),
            site_id: Some(40),
        };
        let elsewhere = Action::AssessIdea {
            sector_id: Some(4),
            site_id: Some(41),
        };
        let no_site = Action::AssessIdea {
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
        let edit = |relation| Action::EditProject { relation };
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
                authorize(&who, Action::CreateProject).is_ok(),
                allowed,
                "{who:?}"
            );
        }
    }

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
            assert_eq!(authorize(&who, Action::ViewLup).is_ok(), view, "{who:?}");
            assert_eq!(
                authorize(&who, Action::ManageLup).is_ok(),
                manage,
                "{who:?}"
            );
            assert_eq!(
                authorize(&who, Action::RecordAttendance { supervises: false }).is_ok(),
                manage,
                "{who:?}"
            );
        }
        let supervisor = Action::RecordAttendance { supervises: true };
        assert_eq!(authorize(&user_with(&[]), supervisor), Ok(()));
        assert_eq!(
            authorize(&Actor::Anonymous, supervisor),
            Err(AppError::Forbidden),
            "a visitor supervises nothing, whatever a caller claims"
        );
    }

    #[test]
    fn the_prize_is_run_by_the_committee_scored_by_unrecused_jurors_and_sealed_until_published() {
        for (who, view, manage) in [
            (user_with(&[Role::PrizeCommittee]), true, true),
            (user_with(&[Role::Admin]), true, true),
            (user_with(&[Role::JuryMember]), true, false),
            (user_with(&[]), true, false),
            (Actor::Anonymous, false, false),
        ] {
            assert_eq!(authorize(&who, Action::ViewPrize).is_ok(), view, "{who:?}");
            assert_eq!(
                authorize(&who, Action::Nominate).is_ok(),
                view && !matches!(who, Actor::System),
                "{who:?}"
            );
            assert_eq!(
                authorize(&who, Action::ManagePrize).is_ok(),
                manage,
                "{who:?}"
            );
            let preview = Action::ViewPrizeResults {
                published: false,
                jury_closed: true,
            };
            assert_eq!(authorize(&who, preview).is_ok(), manage, "{who:?}");
            let published = Action::ViewPrizeResults {
                published: true,
                jury_closed: true,
            };
            assert_eq!(
                authorize(&who, published),
                Ok(()),
                "published results are public"
            );
            let sealed = Action::ViewPrizeResults {
                published: false,
                jury_closed: false,
            };
            assert_eq!(authorize(&who, sealed), Err(AppError::Forbidden), "{who:?}");
        }
        let juror = user_with(&[Role::JuryMember]);
        let score = |on_jury, recused| Action::ScoreFinalist { on_jury, recused };
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
            authorize(&user_with(&[]), Action::RecordChairChoice { chair: true }),
            Ok(())
        );
        assert_eq!(
            authorize(&Actor::Anonymous, Action::RecordChairChoice { chair: true }),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn managers_and_the_council_export_and_only_admins_change_the_phases() {
        assert_eq!(
            authorize(&user_with(&[Role::Manager]), Action::ExportPortfolio),
            Ok(())
        );
        assert_eq!(
            authorize(&site_manager(40), Action::ExportPortfolio),
            Ok(())
        );
        assert_eq!(
            authorize(
                &user_with(&[Role::InnovationCouncil]),
                Action::ExportPortfolio
            ),
            Ok(())
        );
        assert_eq!(
            authorize(&user_with(&[]), Action::ExportPortfolio),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(&user_with(&[Role::Admin]), Action::ManagePortfolioSettings),
            Ok(())
        );
        assert_eq!(
            authorize(
                &user_with(&[Role::InnovationCouncil]),
                Action::ManagePortfolioSettings
            ),
            Err(AppError::Forbidden)
        );
    }
}
