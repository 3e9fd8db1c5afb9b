//! Projects (DESIGN §4): who runs them, where, with whom, with what money, and what each one
//! lets the municipality stop doing (avvikling).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::{FieldError, FieldErrors};
use crate::core::money::Nok;
use crate::core::parse::{Input, parse_name, parse_optional_date, parse_optional_id, parse_text};
use crate::portfolio::domain::idea::{MAX_TEXT_CHARS, parse_sdgs, parse_tags};

/// Longest project name.
pub const MAX_PROJECT_NAME_CHARS: usize = 160;

/// Who a project works with (DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    Municipality,
    Research,
    Business,
    SocialEntrepreneur,
    Volunteer,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 5] = [
        PartnerKind::Municipality,
        PartnerKind::Research,
        PartnerKind::Business,
        PartnerKind::SocialEntrepreneur,
        PartnerKind::Volunteer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PartnerKind::Municipality => "municipality",
            PartnerKind::Research => "research",
            PartnerKind::Business => "business",
            PartnerKind::SocialEntrepreneur => "social_entrepreneur",
            PartnerKind::Volunteer => "volunteer",
        }
    }

    pub fn parse(name: &str) -> Option<PartnerKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A new project (from an accepted idea, or created directly), valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProject {
    pub name: String,
    pub description: String,
    pub lead_site_id: i32,
    pub programme_id: Option<i32>,
    pub budget: Option<Nok>,
    pub started_on: Option<Date>,
    pub tags: Vec<String>,
    pub sdgs: Vec<u8>,
}

crate::parsed_input!(NewProject);

/// The project form (or API body) as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectForm {
    pub name: String,
    pub description: String,
    pub lead_site_id: String,
    pub programme_id: String,
    pub budget: String,
    pub started_on: String,
    pub tags: String,
    pub sdgs: Vec<String>,
}

impl Input for ProjectForm {
    type Parsed = NewProject;
    fn parse(self) -> Result<NewProject, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut keep = |field: &str, e: FieldError| {
            errors.insert(field.to_owned(), e);
        };
        let name = parse_name(&self.name, MAX_PROJECT_NAME_CHARS)
            .map_err(|e| keep("name", e))
            .ok();
        let description = parse_text(&self.description, MAX_TEXT_CHARS)
            .map_err(|e| keep("description", e))
            .ok();
        let lead_site_id = match parse_optional_id(&self.lead_site_id) {
            Ok(Some(id)) => Some(id),
            Ok(None) => {
                keep("lead_site_id", FieldError::Required);
                None
            }
            Err(e) => {
                keep("lead_site_id", e);
                None
            }
        };
        let programme_id = parse_optional_id(&self.programme_id)
            .map_err(|e| keep("programme_id", e))
            .ok()
            .flatten();
        let budget = Nok::parse_optional(&self.budget)
            .map_err(|e| keep("budget", e))
            .ok()
            .flatten();
        let started_on = parse_optional_date(&self.started_on)
            .map_err(|e| keep("started_on", e))
            .ok()
            .flatten();
        let tags = parse_tags(&self.tags).map_err(|e| keep("tags", e)).ok();
        let sdgs = parse_sdgs(&self.sdgs).map_err(|e| keep("sdgs", e)).ok();
        match (name, description, lead_site_id, tags, sdgs) {
            (Some(name), Some(description), Some(lead_site_id), Some(tags), Some(sdgs))
                if errors.is_empty() =>
            {
                Ok(NewProject {
                    name,
                    description,
                    lead_site_id,
                    programme_id,
                    budget,
                    started_on,
                    tags,
                    sdgs,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A change to a project: only what is given changes. `Some(None)` clears an optional value
/// (no programme, no budget, no start date).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub programme_id: Option<Option<i32>>,
    pub budget: Option<Option<Nok>>,
    pub started_on: Option<Option<Date>>,
    /// The whole new set of tags (an empty list removes them all).
    pub tags: Option<Vec<String>>,
    /// The whole new set of goals.
    pub sdgs: Option<Vec<u8>>,
}

crate::parsed_input!(ProjectPatch);

/// A change as typed (an API body): each field absent, cleared (empty text) or given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPatchForm {
    pub name: Option<String>,
    pub description: Option<String>,
    pub programme_id: Option<String>,
    pub budget: Option<String>,
    pub started_on: Option<String>,
    /// Tags as typed ("skole, digitalisering").
    pub tags: Option<String>,
    pub sdgs: Option<Vec<String>>,
}

impl Input for ProjectPatchForm {
    type Parsed = ProjectPatch;
    fn parse(self) -> Result<ProjectPatch, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut keep = |field: &str, e: FieldError| {
            errors.insert(field.to_owned(), e);
        };
        let name = self.name.as_deref().and_then(|raw| {
            parse_name(raw, MAX_PROJECT_NAME_CHARS)
                .map_err(|e| keep("name", e))
                .ok()
        });
        let description = self.description.as_deref().and_then(|raw| {
            parse_text(raw, MAX_TEXT_CHARS)
                .map_err(|e| keep("description", e))
                .ok()
        });
        let programme_id = self.programme_id.as_deref().and_then(|raw| {
            parse_optional_id(raw)
                .map_err(|e| keep("programme_id", e))
                .ok()
        });
        let budget = self
            .budget
            .as_deref()
            .and_then(|raw| Nok::parse_optional(raw).map_err(|e| keep("budget", e)).ok());
        let started_on = self.started_on.as_deref().and_then(|raw| {
            parse_optional_date(raw)
                .map_err(|e| keep("started_on", e))
                .ok()
        });
        let tags = self
            .tags
            .as_deref()
            .and_then(|raw| parse_tags(raw).map_err(|e| keep("tags", e)).ok());
        let sdgs = self
            .sdgs
            .as_deref()
            .and_then(|raw| parse_sdgs(raw).map_err(|e| keep("sdgs", e)).ok());
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProjectPatch {
            name,
            description,
            programme_id,
            budget,
            started_on,
            tags,
            sdgs,
        })
    }
}

/// Something a project stops or replaces (avvikling), from a date, with the yearly saving if
/// any (DESIGN §1: "avvikle noe når vi utvikler noe annet").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discontinuation {
    pub what: String,
    pub from: Date,
    pub yearly_saving: Option<Nok>,
}

impl Discontinuation {
    pub fn parse(what: &str, from: &str, yearly_saving: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let what = parse_name(what, 200)
            .map_err(|e| errors.insert("what".into(), e))
            .ok();
        let from = crate::core::parse::parse_date(from)
            .map_err(|e| errors.insert("from".into(), e))
            .ok();
        let yearly_saving = Nok::parse_optional(yearly_saving)
            .map_err(|e| errors.insert("yearly_saving".into(), e))
            .ok()
            .flatten();
        match (what, from) {
            (Some(what), Some(from)) if errors.is_empty() => Ok(Self {
                what,
                from,
                yearly_saving,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn form() -> ProjectForm {
        ProjectForm {
            name: "Digital innsjekk".into(),
            description: "Skjerm ved inngangen.".into(),
            lead_site_id: "12".into(),
            programme_id: String::new(),
            budget: "350 000 kr".into(),
            started_on: "2026-09-01".into(),
            tags: "digitalisering".into(),
            sdgs: vec!["3".into()],
        }
    }

    #[test]
    fn a_patch_changes_what_is_given_clears_what_is_empty_and_refuses_the_rest() {
        let patch = ProjectPatchForm {
            name: Some("  Digital  innsjekk 2 ".into()),
            budget: Some(String::new()),
            started_on: Some("2026-09-01".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(patch.name.as_deref(), Some("Digital innsjekk 2"));
        assert_eq!(patch.budget, Some(None), "an empty budget clears it");
        assert_eq!(patch.started_on, Some(Some(date!(2026 - 09 - 01))));
        assert_eq!((patch.description, patch.programme_id), (None, None));
        assert_eq!((patch.tags, patch.sdgs), (None, None), "absent sets stay");
        let sets = ProjectPatchForm {
            tags: Some("skole, Skole ; digitalisering".into()),
            sdgs: Some(vec![]),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            sets.tags,
            Some(vec!["skole".to_owned(), "digitalisering".to_owned()])
        );
        assert_eq!(sets.sdgs, Some(vec![]), "an empty list clears the goals");
        let refused = ProjectPatchForm {
            name: Some(" ".into()),
            budget: Some("-1".into()),
            started_on: Some("2026-13-01".into()),
            sdgs: Some(vec!["18".into()]),
            ..Default::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(refused.get("sdgs"), Some(&FieldError::NotAGoal));
        assert_eq!(refused.get("name"), Some(&FieldError::Required));
        assert_eq!(refused.get("budget"), Some(&FieldError::InvalidNumber));
        assert_eq!(refused.get("started_on"), Some(&FieldError::InvalidDate));
    }

    #[test]
    fn a_project_form_becomes_a_project() {
        let p = form().parse().unwrap();
        assert_eq!(p.budget, Some(Nok(350_000)));
        assert_eq!(p.started_on, Some(date!(2026 - 09 - 01)));
        assert_eq!((p.lead_site_id, p.programme_id), (12, None));
        let no_budget = ProjectForm {
            budget: " ".into(),
            ..form()
        };
        assert_eq!(no_budget.parse().unwrap().budget, None);
    }

    #[test]
    fn a_project_needs_a_lead_site_and_a_sound_budget() {
        let bad = ProjectForm {
            lead_site_id: String::new(),
            budget: "-10".into(),
            started_on: "1850-01-01".into(),
            ..form()
        };
        let errors = bad.parse().unwrap_err();
        assert_eq!(errors.get("lead_site_id"), Some(&FieldError::Required));
        assert_eq!(errors.get("budget"), Some(&FieldError::InvalidNumber));
        assert_eq!(errors.get("started_on"), Some(&FieldError::DateOutOfRange));
    }

    #[test]
    fn what_a_project_stops_has_a_date_and_maybe_a_saving() {
        let d =
            Discontinuation::parse("Papirskjema for innsjekk", "2027-01-01", "120 000").unwrap();
        assert_eq!(d.yearly_saving, Some(Nok(120_000)));
        assert_eq!(
            Discontinuation::parse("x", "2027-01-01", "")
                .unwrap()
                .yearly_saving,
            None
        );
        let errors = Discontinuation::parse("", "snart", "mye").unwrap_err();
        assert_eq!(errors.len(), 3);
        assert_eq!(
            PartnerKind::parse("social_entrepreneur"),
            Some(PartnerKind::SocialEntrepreneur)
        );
        assert_eq!(PartnerKind::parse("venner"), None);
    }
}
