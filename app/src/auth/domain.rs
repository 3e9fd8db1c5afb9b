use serde::{Deserialize, Serialize};

/// Roles a user can hold (DESIGN §2). Every signed-in user is also an employee; project owner
/// and member are per project and come with the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    FundReviewer,
    InnovationCouncil,
    JuryMember,
    PrizeCommittee,
    LupCoordinator,
    Manager,
    Editor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::FundReviewer,
        Role::InnovationCouncil,
        Role::JuryMember,
        Role::PrizeCommittee,
        Role::LupCoordinator,
        Role::Manager,
        Role::Editor,
        Role::Admin,
    ];

    /// The stable name stored in the database and used in the API and CSV files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::FundReviewer => "fund_reviewer",
            Role::InnovationCouncil => "innovation_council",
            Role::JuryMember => "jury_member",
            Role::PrizeCommittee => "prize_committee",
            Role::LupCoordinator => "lup_coordinator",
            Role::Manager => "manager",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// Where a role applies. Only managers are scoped (to a sector or a site).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Everywhere,
    Sector(i32),
    Site(i32),
}

/// One role held by a user, with its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub scope: Scope,
}

/// Why a role grant was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GrantError {
    /// DESIGN §2: a manager sees "their sector / site", so the scope is required.
    ManagerNeedsScope,
    /// Scopes belong to managers only.
    ScopeNotAllowed,
}

impl RoleGrant {
    /// Builds a grant from its stored parts: a role name and an optional sector or site.
    pub fn new(
        role: Role,
        sector_id: Option<i32>,
        site_id: Option<i32>,
    ) -> Result<Self, GrantError> {
        let scope = match (sector_id, site_id) {
            (None, None) => Scope::Everywhere,
            (Some(sector), None) => Scope::Sector(sector),
            (None, Some(site)) => Scope::Site(site),
            (Some(_), Some(_)) => return Err(GrantError::ScopeNotAllowed),
        };
        match (role, scope) {
            (Role::Manager, Scope::Everywhere) => Err(GrantError::ManagerNeedsScope),
            (Role::Manager, _) | (_, Scope::Everywhere) => Ok(Self { role, scope }),
            _ => Err(GrantError::ScopeNotAllowed),
        }
    }

    pub fn sector_id(&self) -> Option<i32> {
        match self.scope {
            Scope::Sector(id) => Some(id),
            _ => None,
        }
    }

    pub fn site_id(&self) -> Option<i32> {
        match self.scope {
            Scope::Site(id) => Some(id),
            _ => None,
        }
    }
}

/// A signed-in user as the service layer sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserActor {
    pub id: i32,
    pub name: String,
    pub home_site_id: Option<i32>,
    pub roles: Vec<RoleGrant>,
}

impl UserActor {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }
}

/// The acting party of a request or command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A visitor who has not signed in.
    Anonymous,
    /// A signed-in user (an employee, with any further roles).
    User(UserActor),
    /// The server itself, acting for an operator at the command line (migrate, seed).
    System,
}

impl Actor {
    pub fn user(&self) -> Option<&UserActor> {
        match self {
            Actor::User(user) => Some(user),
            _ => None,
        }
    }

    pub fn user_id(&self) -> Option<i32> {
        self.user().map(|u| u.id)
    }

    pub(crate) fn is_admin(&self) -> bool {
        match self {
            Actor::System => true,
            Actor::User(user) => user.has_role(Role::Admin),
            Actor::Anonymous => false,
        }
    }
}

/// Failed sign-ins allowed per account within [`RATE_WINDOW_SECS`].
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// Failed sign-ins allowed per client address within [`RATE_WINDOW_SECS`].
pub const MAX_FAILURES_PER_CLIENT: u64 = 20;
/// Length of the rate-limit window.
pub const RATE_WINDOW_SECS: i64 = 15 * 60;

/// DESIGN §9 login rate limiting: given the failures in the window (count and the oldest
/// one's age in seconds), how long the caller must wait, or None when they may try.
pub fn retry_after(failures: u64, oldest_age_secs: i64, limit: u64) -> Option<i64> {
    (failures >= limit).then(|| (RATE_WINDOW_SECS - oldest_age_secs).max(1))
}

#[cfg(feature = "ssr")]
impl From<&Actor> for crate::core::audit_trail::Acting {
    fn from(actor: &Actor) -> Self {
        match actor {
            Actor::User(user) => Self::User(user.id),
            Actor::Anonymous => Self::Anonymous,
            Actor::System => Self::System,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manager_needs_a_sector_or_a_site() {
        assert_eq!(
            RoleGrant::new(Role::Manager, None, None),
            Err(GrantError::ManagerNeedsScope)
        );
        assert_eq!(
            RoleGrant::new(Role::Manager, Some(2), None).map(|g| g.scope),
            Ok(Scope::Sector(2))
        );
        assert_eq!(
            RoleGrant::new(Role::Manager, None, Some(9)).map(|g| g.scope),
            Ok(Scope::Site(9))
        );
        assert_eq!(
            RoleGrant::new(Role::Manager, Some(2), Some(9)),
            Err(GrantError::ScopeNotAllowed)
        );
    }

    #[test]
    fn other_roles_take_no_scope() {
        assert_eq!(
            RoleGrant::new(Role::Editor, Some(2), None),
            Err(GrantError::ScopeNotAllowed)
        );
        assert_eq!(
            RoleGrant::new(Role::Editor, None, None).map(|g| g.scope),
            Ok(Scope::Everywhere)
        );
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn no_wait_below_the_limit() {
        assert_eq!(
            retry_after(MAX_FAILURES_PER_ACCOUNT - 1, 10, MAX_FAILURES_PER_ACCOUNT),
            None
        );
    }

    #[test]
    fn wait_until_the_oldest_failure_leaves_the_window() {
        assert_eq!(retry_after(5, 60, 5), Some(RATE_WINDOW_SECS - 60));
        assert_eq!(retry_after(9, RATE_WINDOW_SECS, 5), Some(1));
    }
}
