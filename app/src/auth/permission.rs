//! The permission matrix (DESIGN §2): every action a service function can be asked to do, and
//! who may do it. The platform's actions are [`Action`]; each strand declares its own next to
//! its domain (`<strand>::domain::permission`), so a new feature adds its rules in its own
//! folder. Actions on one object carry what the rule needs to know about it (the idea's site
//! and sector, how the actor stands to the project), so the rule stays pure and testable; the
//! service loads those facts first. Every check goes through [`authorize`].

use crate::auth::domain::{Actor, Role, Scope, UserActor};
use crate::core::error::AppError;

/// One row of the permission matrix: whether `actor` may do this.
pub trait Permission: std::fmt::Debug + Sync {
    fn allows(&self, actor: &Actor) -> bool;
}

/// What the platform does: the organisation, accounts, users and the audit log.
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
}

impl Permission for Action {
    fn allows(&self, actor: &Actor) -> bool {
        match self {
            // The municipality's organisation (sectors and service sites) is public information.
            Action::ViewOrganisation => true,
            Action::ManageOwnAccount => actor.user().is_some(),
            Action::ManageOrganisation | Action::ManageUsers | Action::ViewAuditLog => {
                actor.is_admin()
            }
        }
    }
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
}

impl Actor {
    /// Whether the actor is a user holding `role` (anywhere).
    pub fn holds(&self, role: Role) -> bool {
        self.user().is_some_and(|u| u.has_role(role))
    }

    /// Whether the actor is an employee: a signed-in user, or the server itself (demo data,
    /// commands), which has no account.
    pub fn is_employee(&self) -> bool {
        !matches!(self, Actor::Anonymous)
    }
}

/// The permission matrix (DESIGN §2). Returns `Forbidden` when `actor` may not do `action`.
pub fn authorize(actor: &Actor, action: impl Permission) -> Result<(), AppError> {
    if action.allows(actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Actors for the strands' matrix tests.
#[cfg(test)]
pub mod testing {
    use crate::auth::domain::{Actor, Role, RoleGrant, UserActor};

    /// A user with `roles`; a manager's scope is sector 3.
    pub fn user_with(roles: &[Role]) -> Actor {
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

    /// A manager of the site `site` only.
    pub fn site_manager(site: i32) -> Actor {
        Actor::User(UserActor {
            id: 8,
            name: "Per Hansen".into(),
            home_site_id: Some(site),
            roles: vec![RoleGrant::new(Role::Manager, None, Some(site)).unwrap()],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::testing::user_with;
    use super::*;

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
}
