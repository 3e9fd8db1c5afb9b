//! A leader group's members (DESIGN §5): the site's leaders and enthusiasts (ildsjeler), each
//! with a role, and outside guests with a name and an organisation.

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, PersonRef, parse_name};

/// Longest guest name or organisation.
pub const MAX_GUEST_CHARS: usize = 160;
/// Most members of one group.
pub const MAX_MEMBERS: u64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Leader,
    Enthusiast,
    Guest,
}

impl MemberRole {
    pub const ALL: [MemberRole; 3] = [Self::Leader, Self::Enthusiast, Self::Guest];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leader => "leader",
            Self::Enthusiast => "enthusiast",
            Self::Guest => "guest",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }
}

/// A member to add, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewMember {
    /// A user of the group's site, found by e-mail address or name (the person chooser).
    Staff {
        person: PersonRef,
        role: MemberRole,
    },
    Guest {
        name: String,
        organisation: String,
    },
}

crate::parsed_input!(NewMember);

/// A member as typed: the role, and the e-mail address (leader, enthusiast) or the guest's
/// name and organisation (guest).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberForm {
    pub role: String,
    pub email: String,
    pub guest_name: String,
    pub guest_organisation: String,
}

impl Input for MemberForm {
    type Parsed = NewMember;

    fn parse(self) -> Result<NewMember, FieldErrors> {
        let mut errors = FieldErrors::new();
        let member = match MemberRole::parse(&self.role) {
            Some(MemberRole::Guest) => {
                let name = parse_name(&self.guest_name, MAX_GUEST_CHARS)
                    .map_err(|e| errors.insert("guest_name".into(), e))
                    .ok();
                let organisation = parse_name(&self.guest_organisation, MAX_GUEST_CHARS)
                    .map_err(|e| errors.insert("guest_organisation".into(), e))
                    .ok();
                name.zip(organisation)
                    .map(|(name, organisation)| NewMember::Guest { name, organisation })
            }
            Some(role) => PersonRef::parse(&self.email)
                .map_err(|e| errors.insert("email".into(), e))
                .ok()
                .map(|person| NewMember::Staff { person, role }),
            None => {
                errors.insert("role".into(), FieldError::InvalidChoice);
                None
            }
        };
        match member {
            Some(member) if errors.is_empty() => Ok(member),
            _ => Err(errors),
        }
    }
}

/// Attendance marks as sent: (member id, present), judged by the service against the
/// gathering's groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks(pub Vec<(i32, bool)>);

crate::parsed_input!(Marks);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::Email;

    #[test]
    fn a_leader_is_found_by_address_and_a_guest_by_name_and_organisation() {
        let leader = MemberForm {
            role: "leader".into(),
            email: " Leder@Ideverket.example ".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            leader,
            NewMember::Staff {
                person: PersonRef::Email(Email::parse("leder@ideverket.example").unwrap()),
                role: MemberRole::Leader
            }
        );
        let guest = MemberForm {
            role: "guest".into(),
            email: "ignored".into(),
            guest_name: "Nina Berg".into(),
            guest_organisation: "KS".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(
            guest,
            NewMember::Guest {
                name: "Nina Berg".into(),
                organisation: "KS".into()
            }
        );
    }

    #[test]
    fn a_member_needs_a_known_role_and_what_that_role_needs() {
        let errors = MemberForm {
            role: "sjef".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(errors.get("role"), Some(&FieldError::InvalidChoice));
        let errors = MemberForm {
            role: "guest".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        let errors = MemberForm {
            role: "enthusiast".into(),
            email: "kari@".into(),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(errors.get("email"), Some(&FieldError::InvalidEmail));
        // A name is taken as typed: the service finds the one active user who has it.
        let by_name = MemberForm {
            role: "enthusiast".into(),
            email: " Kari  Nordmann ".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            by_name,
            NewMember::Staff {
                person: PersonRef::Name("Kari Nordmann".into()),
                role: MemberRole::Enthusiast
            }
        );
    }
}
