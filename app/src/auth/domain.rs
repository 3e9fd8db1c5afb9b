use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The acting party of a request or command. Sign-in (users and roles, DESIGN §2) arrives with
/// the identity feature; until then a web request is anonymous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A visitor who has not signed in.
    Anonymous,
    /// The server itself, acting for an operator at the command line (migrate, seed).
    System,
}

/// Everything a service function can be asked to do, checked in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the list of sectors and service sites.
    ViewOrganisation,
    /// Create or change sectors and service sites.
    ManageOrganisation,
}

/// The permission matrix (DESIGN §2). Returns `Forbidden` when `actor` may not do `action`.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), AppError> {
    let allowed = match action {
        // The municipality's organisation (sectors and service sites) is public information.
        Action::ViewOrganisation => true,
        Action::ManageOrganisation => matches!(actor, Actor::System),
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

    #[test]
    fn anyone_may_view_the_organisation() {
        assert_eq!(
            authorize(&Actor::Anonymous, Action::ViewOrganisation),
            Ok(())
        );
        assert_eq!(authorize(&Actor::System, Action::ViewOrganisation), Ok(()));
    }

    #[test]
    fn anonymous_visitor_may_not_manage_the_organisation() {
        assert_eq!(
            authorize(&Actor::Anonymous, Action::ManageOrganisation),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn system_may_manage_the_organisation() {
        assert_eq!(
            authorize(&Actor::System, Action::ManageOrganisation),
            Ok(())
        );
    }
}
