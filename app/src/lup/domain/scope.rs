//! Which service sites a viewer of LUP sees (DESIGN §2, §5; issue 13): admins and LUP
//! coordinators see the whole organisation, a manager their sector or site.

use crate::auth::domain::{Actor, Role, Scope};

/// The sites a viewer sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visible {
    Everything,
    /// The sectors and single sites of the viewer's manager grants.
    Only {
        sectors: Vec<i32>,
        sites: Vec<i32>,
    },
}

impl Visible {
    /// What `actor` sees; `None` for those who see no coverage at all.
    pub fn of(actor: &Actor) -> Option<Visible> {
        match actor {
            Actor::System => Some(Visible::Everything),
            Actor::Anonymous => None,
            Actor::User(user) => {
                if user.has_role(Role::Admin) || user.has_role(Role::LupCoordinator) {
                    return Some(Visible::Everything);
                }
                let (mut sectors, mut sites) = (Vec::new(), Vec::new());
                for grant in user.roles.iter().filter(|g| g.role == Role::Manager) {
                    match grant.scope {
                        Scope::Sector(id) => sectors.push(id),
                        Scope::Site(id) => sites.push(id),
                        // A manager is always scoped (`ManagerNeedsScope`); were one not, they
                        // would see nothing rather than everything.
                        Scope::Everywhere => {}
                    }
                }
                (!sectors.is_empty() || !sites.is_empty())
                    .then_some(Visible::Only { sectors, sites })
            }
        }
    }

    pub fn site(&self, sector_id: i32, site_id: i32) -> bool {
        match self {
            Visible::Everything => true,
            Visible::Only { sectors, sites } => {
                sectors.contains(&sector_id) || sites.contains(&site_id)
            }
        }
    }

    /// Whether the whole sector is visible (a sector filter is allowed).
    pub fn sector(&self, sector_id: i32) -> bool {
        match self {
            Visible::Everything => true,
            Visible::Only { sectors, .. } => sectors.contains(&sector_id),
        }
    }

    pub fn is_everything(&self) -> bool {
        matches!(self, Visible::Everything)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::domain::{RoleGrant, UserActor};

    fn user(grants: Vec<RoleGrant>) -> Actor {
        Actor::User(UserActor {
            id: 7,
            name: "Marit Nilsen".into(),
            home_site_id: Some(40),
            roles: grants,
        })
    }

    #[test]
    fn coordinators_and_admins_see_everything_and_employees_nothing() {
        for role in [Role::Admin, Role::LupCoordinator] {
            let who = user(vec![RoleGrant::new(role, None, None).unwrap()]);
            assert_eq!(Visible::of(&who), Some(Visible::Everything));
        }
        assert_eq!(Visible::of(&user(vec![])), None);
        let juror = user(vec![RoleGrant::new(Role::JuryMember, None, None).unwrap()]);
        assert_eq!(Visible::of(&juror), None);
        assert_eq!(Visible::of(&Actor::Anonymous), None);
        assert_eq!(Visible::of(&Actor::System), Some(Visible::Everything));
    }

    #[test]
    fn a_manager_sees_their_sector_or_their_site() {
        let sector_manager = user(vec![RoleGrant::new(Role::Manager, Some(3), None).unwrap()]);
        let seen = Visible::of(&sector_manager).unwrap();
        assert!(seen.site(3, 40) && seen.site(3, 99));
        assert!(!seen.site(4, 41));
        assert!(seen.sector(3) && !seen.sector(4));

        let site_manager = user(vec![RoleGrant::new(Role::Manager, None, Some(40)).unwrap()]);
        let seen = Visible::of(&site_manager).unwrap();
        assert!(seen.site(3, 40));
        assert!(!seen.site(3, 41), "not the rest of the sector");
        assert!(!seen.sector(3), "nor the sector as a whole");
    }
}
