use serde::{Deserialize, Serialize};

use crate::auth::{GrantError, Role, RoleGrant};
use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Email, Input, Language, parse_optional_id};

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

/// A person's name: one clean line that a list of people can hold
/// (`core::parse::parse_person_name`), at most [`MAX_USER_NAME_CHARS`] characters.
fn parse_user_name(raw: &str, errors: &mut FieldErrors) -> String {
    crate::core::parse::parse_person_name(raw, MAX_USER_NAME_CHARS).unwrap_or_else(|e| {
        errors.insert("name".into(), e);
        raw.trim().to_owned()
    })
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

crate::parsed_input!(NewUserFields, ProfileFields, RoleGrant);

/// The admin's new-user form as posted: every field is text, an empty select is "". It has one
/// role field, so a refusal of `roles[0]` is reported against `role`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserForm {
    pub name: String,
    pub email: String,
    pub home_site_id: String,
    pub role: String,
    pub sector_id: String,
}

impl Input for NewUserForm {
    type Parsed = NewUserFields;
    fn parse(self) -> Result<NewUserFields, FieldErrors> {
        let optional_id = |raw: &str, field: &str| {
            parse_optional_id(raw).map_err(|e| FieldErrors::from([(field.to_owned(), e)]))
        };
        let home_site_id = optional_id(&self.home_site_id, "home_site_id")?;
        let roles: Vec<RoleInput> = match self.role.trim() {
            "" => Vec::new(),
            role => vec![RoleInput {
                role: role.to_owned(),
                sector_id: optional_id(&self.sector_id, "sector_id")?,
                site_id: None,
            }],
        };
        NewUserFields::parse(&self.name, &self.email, home_site_id, &roles).map_err(|errors| {
            errors
                .into_iter()
                .map(|(field, error)| {
                    if field.starts_with("roles[") {
                        ("role".to_owned(), error)
                    } else {
                        (field, error)
                    }
                })
                .collect()
        })
    }
}

/// The profile form as posted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileForm {
    pub name: String,
    pub home_site_id: String,
    pub language: String,
}

impl Input for ProfileForm {
    type Parsed = ProfileFields;
    fn parse(self) -> Result<ProfileFields, FieldErrors> {
        let home_site_id = parse_optional_id(&self.home_site_id)
            .map_err(|e| FieldErrors::from([("home_site_id".to_owned(), e)]))?;
        ProfileFields::parse(&self.name, home_site_id, &self.language)
    }
}

/// A role as the REST API sends it: every refusal is about `role`.
impl Input for RoleInput {
    type Parsed = RoleGrant;
    fn parse(self) -> Result<RoleGrant, FieldErrors> {
        RoleInput::parse(&self).map_err(|e| FieldErrors::from([("role".to_owned(), e)]))
    }
}

/// The role form as posted: a role name and, for a manager, `sector:ID` or `site:ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleForm {
    pub role: String,
    pub scope: String,
}

impl Input for RoleForm {
    type Parsed = RoleGrant;
    fn parse(self) -> Result<RoleGrant, FieldErrors> {
        let refuse = |field: &str, e: FieldError| FieldErrors::from([(field.to_owned(), e)]);
        let id = |raw: &str| {
            raw.parse::<i32>()
                .map_err(|_| refuse("scope", FieldError::UnknownReference))
        };
        let (sector_id, site_id) = match self.scope.split_once(':') {
            None if self.scope.trim().is_empty() => (None, None),
            Some(("sector", raw)) => (Some(id(raw)?), None),
            Some(("site", raw)) => (None, Some(id(raw)?)),
            _ => return Err(refuse("scope", FieldError::UnknownReference)),
        };
        let input = RoleInput {
            role: self.role,
            sector_id,
            site_id,
        };
        RoleInput::parse(&input).map_err(|e| match e {
            FieldError::UnknownRole => refuse("role", e),
            _ => refuse("scope", e),
        })
    }
}

/// The confirmation a step that cannot be undone needs (anonymisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirmed;

crate::parsed_input!(Confirmed);

/// The confirmation box as posted: ticked sends a value, unticked sends nothing.
pub struct ConfirmBox(pub Option<String>);

impl Input for ConfirmBox {
    type Parsed = Confirmed;
    fn parse(self) -> Result<Confirmed, FieldErrors> {
        self.0
            .map(|_| Confirmed)
            .ok_or_else(|| FieldErrors::from([("confirm".to_owned(), FieldError::Required)]))
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

/// A new account's fields with the password to set: read together, so the service judges
/// both after its permission check.
pub struct WithPassword<I> {
    pub fields: I,
    pub password: String,
}

impl<I: Input<Parsed = NewUserFields>> Input for WithPassword<I> {
    type Parsed = (NewUserFields, String);
    fn parse(self) -> Result<Self::Parsed, FieldErrors> {
        Ok((self.fields.parse()?, self.password))
    }
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

    #[test]
    fn a_manager_form_without_scope_is_refused_beside_the_scope() {
        let form = |role: &str, scope: &str| RoleForm {
            role: role.into(),
            scope: scope.into(),
        };
        let errors = form("manager", "").parse().unwrap_err();
        assert_eq!(errors.get("scope"), Some(&FieldError::ManagerNeedsScope));
        let errors = form("pope", "").parse().unwrap_err();
        assert_eq!(errors.get("role"), Some(&FieldError::UnknownRole));
        let errors = form("manager", "sector:x").parse().unwrap_err();
        assert_eq!(errors.get("scope"), Some(&FieldError::UnknownReference));
        assert!(form("manager", "site:3").parse().is_ok());
    }

    #[test]
    fn the_new_user_form_reports_its_one_role_field_as_role() {
        let form = NewUserForm {
            name: "Nora".into(),
            email: "nora@ideverket.example".into(),
            home_site_id: String::new(),
            role: "manager".into(),
            sector_id: String::new(),
        };
        let errors = form.clone().parse().unwrap_err();
        assert_eq!(errors.get("role"), Some(&FieldError::ManagerNeedsScope));
        let bad_site = NewUserForm {
            home_site_id: "sandvika".into(),
            ..form
        };
        assert_eq!(
            bad_site.parse().unwrap_err().get("home_site_id"),
            Some(&FieldError::UnknownReference)
        );
    }

    #[test]
    fn an_unticked_confirmation_is_required() {
        assert_eq!(
            ConfirmBox(None).parse().unwrap_err().get("confirm"),
            Some(&FieldError::Required)
        );
        assert_eq!(ConfirmBox(Some("yes".into())).parse(), Ok(Confirmed));
    }
}
