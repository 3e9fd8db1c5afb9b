use serde::{Deserialize, Serialize};

use crate::auth::{GrantError, Role, RoleGrant};
use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Email, Language};

/// Longest accepted user name, in characters.
pub const MAX_USER_NAME_CHARS: usize = 200;

/// A role as submitted (API, CSV, admin form): a name and an optional scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleInput {
    pub role: String,
    pub sector_id: Option<i32>,
    pub site_id: Option<i32>,
}

impl RoleInput {
    pub fn parse(&self) -> Result<RoleGrant, FieldError> {
        let role = Role::parse(&self.role).ok_or(FieldError::UnknownRole)?;
        RoleGrant::new(role, self.sector_id, self.site_id).map_err(|e| match e {
            GrantError::ManagerNeedsScope => FieldError::ManagerNeedsScope,
            GrantError::ScopeNotAllowed => FieldError::ScopeNotAllowed,
        })
    }
}

/// The parts of a new user that need no database to check. The password is checked by the
/// service (its policy needs the server-only strength estimate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserFields {
    pub name: String,
    pub email: Email,
    pub home_site_id: Option<i32>,
    pub language: Language,
    pub roles: Vec<RoleGrant>,
}

impl NewUserFields {
    pub fn parse(
        name: &str,
        email: &str,
        home_site_id: Option<i32>,
        roles: &[RoleInput],
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_user_name(name, &mut errors);
        let email = Email::parse(email)
            .map_err(|e| errors.insert("email".into(), e))
            .ok();
        let mut grants = Vec::new();
        for (i, input) in roles.iter().enumerate() {
            match input.parse() {
                Ok(grant) if !grants.contains(&grant) => grants.push(grant),
                Ok(_) => {}
                Err(e) => {
                    errors.insert(format!("roles[{i}]"), e);
                }
            }
        }
        match email {
            Some(email) if errors.is_empty() => Ok(Self {
                name,
                email,
                home_site_id,
                language: Language::Nb,
                roles: grants,
            }),
            _ => Err(errors),
        }
    }
}

/// A person's name: trimmed, required, at most [`MAX_USER_NAME_CHARS`] characters.
fn parse_user_name(raw: &str, errors: &mut FieldErrors) -> String {
    let name = raw.trim().to_owned();
    if name.is_empty() {
        errors.insert("name".into(), FieldError::Required);
    } else if name.chars().count() > MAX_USER_NAME_CHARS {
        errors.insert("name".into(), FieldError::TooLong);
    }
    name
}

/// What a user may change about themselves on their profile page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFields {
    pub name: String,
    pub home_site_id: Option<i32>,
    pub language: Language,
}

impl ProfileFields {
    pub fn parse(
        name: &str,
        home_site_id: Option<i32>,
        language: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = parse_user_name(name, &mut errors);
        let language = Language::parse(language);
        if language.is_none() {
            errors.insert("language".into(), FieldError::InvalidChoice);
        }
        match language {
            Some(language) if errors.is_empty() => Ok(Self {
                name,
                home_site_id,
                language,
            }),
            _ => Err(errors),
        }
    }
}

/// The replacement name of an anonymised user (DESIGN §9: history stays, the person goes).
pub fn anonymised_name(user_id: i32) -> String {
    format!("Anonymisert bruker {user_id}")
}

/// The replacement e-mail of an anonymised user: unique, and in a domain that can never
/// receive mail (RFC 2606).
pub fn anonymised_email(user_id: i32) -> String {
    format!("anonymisert-{user_id}@ideverket.invalid")
}

/// A user as the admin sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub home_site_id: Option<i32>,
    pub language: Language,
    pub active: bool,
    /// Set once the person left and was anonymised; the account then never signs in again.
    pub anonymised: bool,
    pub roles: Vec<RoleGrant>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Scope;

    #[test]
    fn new_user_collects_every_field_error() {
        let roles = [RoleInput {
            role: "wizard".into(),
            sector_id: None,
            site_id: None,
        }];
        let errors = NewUserFields::parse(" ", "nope", None, &roles).unwrap_err();
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
        assert_eq!(errors.get("email"), Some(&FieldError::InvalidEmail));
        assert_eq!(errors.get("roles[0]"), Some(&FieldError::UnknownRole));
    }

    #[test]
    fn manager_role_needs_a_scope() {
        let roles = [RoleInput {
            role: "manager".into(),
            sector_id: None,
            site_id: None,
        }];
        let errors = NewUserFields::parse("Kari", "kari@baerum.no", None, &roles).unwrap_err();
        assert_eq!(errors.get("roles[0]"), Some(&FieldError::ManagerNeedsScope));
    }

    #[test]
    fn duplicate_roles_are_kept_once() {
        let editor = RoleInput {
            role: "editor".into(),
            sector_id: None,
            site_id: None,
        };
        let manager = RoleInput {
            role: "manager".into(),
            sector_id: Some(2),
            site_id: None,
        };
        let user = NewUserFields::parse(
            "Kari",
            "kari@baerum.no",
            Some(1),
            &[editor.clone(), manager, editor],
        )
        .unwrap();
        assert_eq!(user.roles.len(), 2);
        assert_eq!(user.roles[1].scope, Scope::Sector(2));
    }

    #[test]
    fn profile_needs_a_name_and_a_known_language() {
        let errors = ProfileFields::parse("", None, "de").unwrap_err();
        assert_eq!(errors.get("name"), Some(&FieldError::Required));
        assert_eq!(errors.get("language"), Some(&FieldError::InvalidChoice));
        let ok = ProfileFields::parse(" Kari ", Some(3), "en").unwrap();
        assert_eq!((ok.name.as_str(), ok.language), ("Kari", Language::En));
    }

    #[test]
    fn anonymised_identity_is_unique_per_user_and_undeliverable() {
        assert_ne!(anonymised_email(1), anonymised_email(2));
        assert!(Email::parse(&anonymised_email(7)).is_ok());
        assert!(anonymised_email(7).ends_with(".invalid"));
        assert!(!anonymised_name(7).is_empty());
    }
}
