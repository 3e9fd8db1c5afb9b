//! Who and what a project involves besides its owner (DESIGN §4): members, participating
//! service sites, partners and funding sources. Each is added or removed on its own, by the
//! project's owner or members; these are the rules for what may be added.

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::money::Nok;
use crate::core::parse::{Input, PersonRef, parse_name, parse_optional_id};
use crate::portfolio::domain::project::PartnerKind;

/// Longest partner name or funding source.
pub const MAX_PART_NAME_CHARS: usize = 200;

/// The four kinds of involvement, named as in the API's paths
/// (`/projects/{id}/members`, `…/sites`, `…/partners`, `…/funding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Members,
    Sites,
    Partners,
    Funding,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Members, Part::Sites, Part::Partners, Part::Funding];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Members => "members",
            Part::Sites => "sites",
            Part::Partners => "partners",
            Part::Funding => "funding",
        }
    }

    pub fn parse(name: &str) -> Option<Part> {
        Self::ALL.into_iter().find(|p| p.as_str() == name.trim())
    }
}

/// What is added to a project, valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addition {
    Member(PersonRef),
    Site(i32),
    Partner { kind: PartnerKind, name: String },
    Funding { source: String, amount: Nok },
}

impl Addition {
    pub fn part(&self) -> Part {
        match self {
            Addition::Member(_) => Part::Members,
            Addition::Site(_) => Part::Sites,
            Addition::Partner { .. } => Part::Partners,
            Addition::Funding { .. } => Part::Funding,
        }
    }
}

crate::parsed_input!(Addition);

/// An addition as typed: `part` says which of the other fields count. `user` is an e-mail
/// address or a user id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdditionForm {
    pub part: String,
    pub user: String,
    pub site_id: String,
    pub kind: String,
    pub name: String,
    pub source: String,
    pub amount: String,
}

fn one(field: &str, error: FieldError) -> FieldErrors {
    FieldErrors::from([(field.to_owned(), error)])
}

fn required_id(field: &str, raw: &str) -> Result<i32, FieldErrors> {
    match parse_optional_id(raw) {
        Ok(Some(id)) if id > 0 => Ok(id),
        Ok(Some(_)) => Err(one(field, FieldError::UnknownReference)),
        Ok(None) => Err(one(field, FieldError::Required)),
        Err(e) => Err(one(field, e)),
    }
}

impl Input for AdditionForm {
    type Parsed = Addition;
    fn parse(self) -> Result<Addition, FieldErrors> {
        let part = Part::parse(&self.part).ok_or_else(|| one("part", FieldError::InvalidChoice))?;
        match part {
            Part::Members => PersonRef::parse(&self.user)
                .map(Addition::Member)
                .map_err(|e| one("user", e)),
            Part::Sites => required_id("site_id", &self.site_id).map(Addition::Site),
            Part::Partners => {
                let mut errors = FieldErrors::new();
                let kind = match self.kind.trim() {
                    "" => {
                        errors.insert("kind".into(), FieldError::Required);
                        None
                    }
                    raw => PartnerKind::parse(raw).or_else(|| {
                        errors.insert("kind".into(), FieldError::InvalidChoice);
                        None
                    }),
                };
                let name = parse_name(&self.name, MAX_PART_NAME_CHARS)
                    .map_err(|e| errors.insert("name".into(), e))
                    .ok();
                match (kind, name) {
                    (Some(kind), Some(name)) => Ok(Addition::Partner { kind, name }),
                    _ => Err(errors),
                }
            }
            Part::Funding => {
                let mut errors = FieldErrors::new();
                let source = parse_name(&self.source, MAX_PART_NAME_CHARS)
                    .map_err(|e| errors.insert("source".into(), e))
                    .ok();
                let amount = match Nok::parse(&self.amount) {
                    Ok(Nok(0)) => {
                        errors.insert("amount".into(), FieldError::OutOfRange);
                        None
                    }
                    Ok(amount) => Some(amount),
                    Err(e) => {
                        errors.insert("amount".into(), e);
                        None
                    }
                };
                match (source, amount) {
                    (Some(source), Some(amount)) => Ok(Addition::Funding { source, amount }),
                    _ => Err(errors),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(part: &str) -> AdditionForm {
        AdditionForm {
            part: part.into(),
            ..Default::default()
        }
    }

    #[test]
    fn parts_are_named_as_in_the_paths() {
        for part in Part::ALL {
            assert_eq!(Part::parse(part.as_str()), Some(part));
        }
        assert_eq!(Part::parse("benefits"), None);
        assert_eq!(Part::parse(""), None);
    }

    #[test]
    fn a_member_is_named_by_email_id_or_name() {
        let by_email = AdditionForm {
            user: "  Kari.Nordmann@Kommune.NO ".into(),
            ..form("members")
        };
        assert_eq!(
            by_email.parse().unwrap(),
            Addition::Member(PersonRef::Email(
                crate::core::parse::Email::parse("kari.nordmann@kommune.no").unwrap()
            ))
        );
        let by_id = AdditionForm {
            user: "42".into(),
            ..form("members")
        };
        assert_eq!(by_id.parse().unwrap(), Addition::Member(PersonRef::Id(42)));
        for (raw, error) in [
            ("", FieldError::Required),
            ("kari@", FieldError::InvalidEmail),
            ("99999999999", FieldError::UnknownUser),
        ] {
            let refused = AdditionForm {
                user: raw.into(),
                ..form("members")
            }
            .parse()
            .unwrap_err();
            assert_eq!(refused.get("user"), Some(&error), "{raw:?}");
        }
    }

    #[test]
    fn a_site_is_a_positive_id() {
        let site = |raw: &str| {
            AdditionForm {
                site_id: raw.into(),
                ..form("sites")
            }
            .parse()
        };
        assert_eq!(site(" 7 ").unwrap(), Addition::Site(7));
        assert_eq!(
            site("").unwrap_err().get("site_id"),
            Some(&FieldError::Required)
        );
        assert_eq!(
            site("0").unwrap_err().get("site_id"),
            Some(&FieldError::UnknownReference)
        );
        assert_eq!(
            site("sju").unwrap_err().get("site_id"),
            Some(&FieldError::UnknownReference)
        );
    }

    #[test]
    fn a_partner_needs_a_known_kind_and_a_name() {
        let ok = AdditionForm {
            kind: "research".into(),
            name: "  OsloMet ".into(),
            ..form("partners")
        };
        assert_eq!(
            ok.parse().unwrap(),
            Addition::Partner {
                kind: PartnerKind::Research,
                name: "OsloMet".into()
            }
        );
        let refused = AdditionForm {
            kind: "venner".into(),
            name: " ".into(),
            ..form("partners")
        }
        .parse()
        .unwrap_err();
        assert_eq!(refused.get("kind"), Some(&FieldError::InvalidChoice));
        assert_eq!(refused.get("name"), Some(&FieldError::Required));
        let no_kind = form("partners").parse().unwrap_err();
        assert_eq!(no_kind.get("kind"), Some(&FieldError::Required));
    }

    #[test]
    fn funding_needs_a_source_and_a_positive_whole_amount() {
        let ok = AdditionForm {
            source: "Forsknings- og innovasjonsfondet".into(),
            amount: "450 000 kr".into(),
            ..form("funding")
        };
        assert_eq!(
            ok.parse().unwrap(),
            Addition::Funding {
                source: "Forsknings- og innovasjonsfondet".into(),
                amount: Nok(450_000)
            }
        );
        for (raw, error) in [
            ("", FieldError::Required),
            ("0", FieldError::OutOfRange),
            ("-5", FieldError::InvalidNumber),
            ("12,5", FieldError::InvalidNumber),
            ("mye", FieldError::InvalidNumber),
            ("10000000000000", FieldError::OutOfRange),
        ] {
            let refused = AdditionForm {
                source: "Fondet".into(),
                amount: raw.into(),
                ..form("funding")
            }
            .parse()
            .unwrap_err();
            assert_eq!(refused.get("amount"), Some(&error), "{raw:?}");
        }
    }

    #[test]
    fn an_unknown_part_is_refused() {
        let refused = form("benefits").parse().unwrap_err();
        assert_eq!(refused.get("part"), Some(&FieldError::InvalidChoice));
    }
}
