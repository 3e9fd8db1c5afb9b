//! Single sign-on with the municipality's identity provider (issue 31): who a person signing
//! in through OpenID Connect is, as pure rules. The protocol (discovery, the code flow with
//! PKCE, the ID token's signature, audience, expiry and nonce) is checked by the
//! `openidconnect` crate in the server; what reaches this module is the verified token's
//! claims. The accounts it finds, links and creates are written by `users::service::sso`.

use serde::{Deserialize, Serialize};

use crate::auth::Role;
use crate::core::parse::{Email, parse_person_name};

/// The longest `sub` kept (OpenID Connect Core §2: at most 255 ASCII characters).
pub const MAX_SUBJECT_CHARS: usize = 255;
/// The longest name taken from the provider.
pub const MAX_NAME_CHARS: usize = 200;

/// What a verified ID token says of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderClaims {
    /// The provider's issuer URL: with `subject`, the stable key of the person.
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    /// Whether the provider vouches for the address (`email_verified`). Entra ID does not send
    /// the claim; such a provider is trusted for its addresses by configuration.
    pub email_verified: Option<bool>,
    pub name: Option<String>,
    /// Group ids (Entra ID: object ids) the person is in, when the provider sends them.
    pub groups: Vec<String>,
}

/// How the municipality lets people in through the provider (the server's configuration).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SsoRules {
    /// A person the provider knows and Idéverket does not becomes an employee on their first
    /// sign-in (just in time); otherwise they are refused until an administrator adds them.
    pub create_unknown: bool,
    /// Addresses the provider sends without `email_verified` are taken as verified (Entra ID
    /// sends no such claim: its addresses are the organisation's own).
    pub trust_unverified_email: bool,
    /// A group id → the role its members get. The roles named here are the provider's to
    /// give and take: one is removed when its group is gone from the claim.
    pub role_map: Vec<(String, Role)>,
}

/// Why a person the provider vouched for is not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SsoRefusal {
    /// The token names no e-mail address, and no user is linked to its `sub` yet.
    EmailMissing,
    /// The address is not verified by the provider, and no user is linked to its `sub` yet.
    EmailUnverified,
    /// Nobody here has the address, and just-in-time accounts are turned off.
    UnknownPerson,
    /// The account is deactivated.
    Deactivated,
    /// The provider gives the person an address another account here has.
    EmailTaken,
    /// The token's `sub` or name is not one this service can keep (empty, too long, control
    /// characters).
    BadClaims,
}

impl SsoRefusal {
    /// The stable code in the sign-in error page's address and in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            SsoRefusal::EmailMissing => "email_missing",
            SsoRefusal::EmailUnverified => "email_unverified",
            SsoRefusal::UnknownPerson => "unknown_person",
            SsoRefusal::Deactivated => "deactivated",
            SsoRefusal::EmailTaken => "email_taken",
            SsoRefusal::BadClaims => "bad_claims",
        }
    }
}

/// The claims, checked: a subject this service can store, the address if it is one and may be
/// trusted, the name if it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedClaims {
    pub issuer: String,
    pub subject: String,
    /// The address, when the provider vouches for it (or is trusted to).
    pub email: Option<Email>,
    /// Why there is no address to go by, when there is none.
    pub no_email: Option<SsoRefusal>,
    pub name: Option<String>,
}

impl ProviderClaims {
    /// Checks the claims under `rules`: a subject of 1–255 characters without control
    /// characters is required; an address is used only when it is verified (or trusted) and
    /// well-formed; a name only when it is a clean line.
    pub fn check(&self, rules: &SsoRules) -> Result<CheckedClaims, SsoRefusal> {
        let subject = self.subject.trim();
        if subject.is_empty()
            || subject.chars().count() > MAX_SUBJECT_CHARS
            || subject.chars().any(char::is_control)
            || self.issuer.trim().is_empty()
        {
            return Err(SsoRefusal::BadClaims);
        }
        let (email, no_email) = match self.email.as_deref().map(Email::parse) {
            None => (None, Some(SsoRefusal::EmailMissing)),
            Some(Err(_)) => (None, Some(SsoRefusal::EmailMissing)),
            Some(Ok(email)) => {
                let verified = self
                    .email_verified
                    .unwrap_or(rules.trust_unverified_email);
                if verified {
                    (Some(email), None)
                } else {
                    (None, Some(SsoRefusal::EmailUnverified))
                }
            }
        };
        Ok(CheckedClaims {
            issuer: self.issuer.trim().to_owned(),
            subject: subject.to_owned(),
            email,
            no_email,
            name: self
                .name
                .as_deref()
                .and_then(|n| parse_person_name(n, MAX_NAME_CHARS).ok()),
        })
    }
}

impl SsoRules {
    /// The roles the map gives someone in `groups`.
    pub fn roles_of(&self, groups: &[String]) -> Vec<Role> {
        let mut roles: Vec<Role> = self
            .role_map
            .iter()
            .filter(|(group, _)| groups.contains(group))
            .map(|(_, role)| *role)
            .collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }

    /// How a person's roles change at sign-in: `(grant, revoke)`. Only roles the map names
    /// move; every other role stays as an administrator set it.
    pub fn role_changes(&self, held: &[Role], groups: &[String]) -> (Vec<Role>, Vec<Role>) {
        let given = self.roles_of(groups);
        let mut governed: Vec<Role> = self.role_map.iter().map(|(_, role)| *role).collect();
        governed.sort_unstable();
        governed.dedup();
        let grant = given.iter().filter(|r| !held.contains(r)).copied().collect();
        let revoke = governed
            .into_iter()
            .filter(|r| held.contains(r) && !given.contains(r))
            .collect();
        (grant, revoke)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> ProviderClaims {
        ProviderClaims {
            issuer: "https://login.example/tenant/v2.0".into(),
            subject: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ".into(),
            email: Some("Kari.Nordmann@Kommune.no".into()),
            email_verified: Some(true),
            name: Some("  Kari   Nordmann ".into()),
            groups: vec![],
        }
    }

    #[test]
    fn a_verified_address_and_a_clean_name_are_taken() {
        let checked = claims().check(&SsoRules::default()).unwrap();
        assert_eq!(
            checked.email.as_ref().map(Email::as_str),
            Some("kari.nordmann@kommune.no")
        );
        assert_eq!(checked.no_email, None);
        assert_eq!(checked.name.as_deref(), Some("Kari Nordmann"));
    }

    #[test]
    fn an_unverified_or_missing_address_is_not_gone_by() {
        let unverified = ProviderClaims {
            email_verified: Some(false),
            ..claims()
        };
        let checked = unverified.check(&SsoRules::default()).unwrap();
        assert_eq!(
            (checked.email, checked.no_email),
            (None, Some(SsoRefusal::EmailUnverified))
        );
        // Without the claim, the rules decide (Entra ID sends none).
        let silent = ProviderClaims {
            email_verified: None,
            ..claims()
        };
        assert_eq!(
            silent.check(&SsoRules::default()).unwrap().no_email,
            Some(SsoRefusal::EmailUnverified)
        );
        let trusting = SsoRules {
            trust_unverified_email: true,
            ..SsoRules::default()
        };
        assert!(silent.check(&trusting).unwrap().email.is_some());
        for email in [None, Some("ikke-en-adresse".to_owned())] {
            let missing = ProviderClaims {
                email,
                ..claims()
            };
            assert_eq!(
                missing.check(&SsoRules::default()).unwrap().no_email,
                Some(SsoRefusal::EmailMissing)
            );
        }
    }

    #[test]
    fn a_subject_that_cannot_be_kept_is_refused() {
        for subject in [String::new(), "  ".into(), "a\u{0}b".into(), "x".repeat(256)] {
            let bad = ProviderClaims {
                subject,
                ..claims()
            };
            assert_eq!(bad.check(&SsoRules::default()), Err(SsoRefusal::BadClaims));
        }
        let name_with_controls = ProviderClaims {
            name: Some("Kari\u{202E}".into()),
            ..claims()
        };
        assert_eq!(
            name_with_controls.check(&SsoRules::default()).unwrap().name,
            None,
            "a name that is no clean line is left, the account's own kept"
        );
    }

    #[test]
    fn only_the_mapped_roles_follow_the_groups() {
        let rules = SsoRules {
            role_map: vec![
                ("g-council".into(), Role::InnovationCouncil),
                ("g-editors".into(), Role::Editor),
                ("g-editors-2".into(), Role::Editor),
            ],
            ..SsoRules::default()
        };
        let groups = |g: &[&str]| g.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // In the council's group, not yet on the council; an admin's role is not the map's.
        assert_eq!(
            rules.role_changes(&[Role::Admin], &groups(&["g-council", "other"])),
            (vec![Role::InnovationCouncil], vec![])
        );
        // Out of the editors' groups: the editor's role goes; the admin's stays.
        assert_eq!(
            rules.role_changes(&[Role::Admin, Role::Editor], &groups(&[])),
            (vec![], vec![Role::Editor])
        );
        // Either of two groups gives the role, once.
        assert_eq!(
            rules.role_changes(&[], &groups(&["g-editors", "g-editors-2"])),
            (vec![Role::Editor], vec![])
        );
        assert_eq!(
            rules.role_changes(&[Role::Editor], &groups(&["g-editors-2"])),
            (vec![], vec![])
        );
    }
}
