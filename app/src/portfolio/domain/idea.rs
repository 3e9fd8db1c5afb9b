//! Ideas from employees and their assessment (DESIGN §4): submitted → under assessment →
//! accepted (becomes a project) | parked | declined, always with a reason the submitter sees.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{Input, clean_line, parse_name, parse_optional_text, parse_text};

/// Longest idea title.
pub const MAX_TITLE_CHARS: usize = 160;
/// Longest text of one of an idea's longer fields (problem, proposal, expected gain).
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Most tags on one idea or project.
pub const MAX_TAGS: usize = 10;
/// Longest tag.
pub const MAX_TAG_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    Submitted,
    UnderAssessment,
    Accepted,
    Parked,
    Declined,
}

impl IdeaStatus {
    pub const ALL: [IdeaStatus; 5] = [
        IdeaStatus::Submitted,
        IdeaStatus::UnderAssessment,
        IdeaStatus::Accepted,
        IdeaStatus::Parked,
        IdeaStatus::Declined,
    ];

    /// The stable name stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            IdeaStatus::Submitted => "submitted",
            IdeaStatus::UnderAssessment => "under_assessment",
            IdeaStatus::Accepted => "accepted",
            IdeaStatus::Parked => "parked",
            IdeaStatus::Declined => "declined",
        }
    }

    pub fn parse(name: &str) -> Option<IdeaStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// An assessment's decision, checked against the idea's current status: an accepted idea is a
/// project and stays accepted; anything else may be reassessed (a parked idea taken up again, a
/// declined one reconsidered). Every decision carries a reason, which the submitter sees.
pub fn decide(
    current: IdeaStatus,
    decision: &str,
    reason: &str,
) -> Result<(IdeaStatus, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let next = match IdeaStatus::parse(decision.trim()) {
        None | Some(IdeaStatus::Submitted) => {
            errors.insert("decision".into(), FieldError::InvalidChoice);
            None
        }
        Some(_) if current == IdeaStatus::Accepted => {
            errors.insert("decision".into(), FieldError::InvalidChoice);
            None
        }
        Some(next) if next == current => {
            errors.insert("decision".into(), FieldError::InvalidChoice);
            None
        }
        Some(next) => Some(next),
    };
    let reason = match parse_text(reason, MAX_TEXT_CHARS) {
        Ok(reason) => Some(reason),
        Err(e) => {
            errors.insert("reason".into(), e);
            None
        }
    };
    match (next, reason) {
        (Some(next), Some(reason)) if errors.is_empty() => Ok((next, reason)),
        _ => Err(errors),
    }
}

/// Tags typed as one comma-separated field: each a clean line, compared case- and
/// space-insensitively (the first spelling wins), at most [`MAX_TAGS`].
pub fn parse_tags(raw: &str) -> Result<Vec<String>, FieldError> {
    let mut seen = BTreeSet::new();
    let mut tags = Vec::new();
    for part in raw.split([',', ';']) {
        let tag = clean_line(part)?;
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(FieldError::TooLong);
        }
        if seen.insert(crate::core::parse::name_key(&tag)) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(FieldError::TooMany);
    }
    Ok(tags)
}

/// Tags given as a list (the API): at most [`MAX_TAGS`] given, each a clean line that is not
/// blank, has no `,` or `;` (which separate tags where they are typed) and is at most
/// [`MAX_TAG_CHARS`] long. [`parse_tags`] then drops repeats.
pub fn check_tag_list(tags: &[String]) -> Result<(), FieldError> {
    if tags.len() > MAX_TAGS {
        return Err(FieldError::TooMany);
    }
    for tag in tags {
        let tag = clean_line(tag)?;
        if tag.is_empty() {
            return Err(FieldError::Required);
        }
        if tag.contains([',', ';']) {
            return Err(FieldError::ForbiddenCharacters);
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(FieldError::TooLong);
        }
    }
    Ok(())
}

/// The UN sustainable-development goals an idea or project serves: numbers 1–17, no repeats.
pub fn parse_sdgs(chosen: &[String]) -> Result<Vec<u8>, FieldError> {
    let mut goals = BTreeSet::new();
    for raw in chosen {
        match raw.trim().parse::<u8>() {
            Ok(goal) if (1..=17).contains(&goal) => {
                goals.insert(goal);
            }
            _ => return Err(FieldError::NotAGoal),
        }
    }
    Ok(goals.into_iter().collect())
}

/// An idea as the service gives it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaRecord {
    pub id: i32,
    pub title: String,
    pub status: IdeaStatus,
    pub site_id: Option<i32>,
    pub submitted_by: i32,
    /// The reason of the last decision, which the submitter sees.
    pub decision_reason: Option<String>,
    /// The project an accepted idea became.
    pub project_id: Option<i32>,
}

/// A new idea, valid once constructed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIdea {
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub expected_gain: Option<String>,
    pub site_id: Option<i32>,
    pub tags: Vec<String>,
    pub sdgs: Vec<u8>,
}

crate::parsed_input!(NewIdea);

/// The idea form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaForm {
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub expected_gain: String,
    pub site_id: String,
    pub tags: String,
    pub sdgs: Vec<String>,
}

impl Input for IdeaForm {
    type Parsed = NewIdea;
    fn parse(self) -> Result<NewIdea, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut field = |name: &str, result: Result<String, FieldError>| {
            result.map_err(|e| errors.insert(name.to_owned(), e)).ok()
        };
        let title = field("title", parse_name(&self.title, MAX_TITLE_CHARS));
        let problem = field("problem", parse_text(&self.problem, MAX_TEXT_CHARS));
        let proposal = field("proposal", parse_text(&self.proposal, MAX_TEXT_CHARS));
        let expected_gain = parse_optional_text(&self.expected_gain, MAX_TEXT_CHARS)
            .map_err(|e| errors.insert("expected_gain".into(), e))
            .ok()
            .flatten();
        let site_id = crate::core::parse::parse_optional_id(&self.site_id)
            .map_err(|e| errors.insert("site_id".into(), e))
            .ok()
            .flatten();
        let tags = parse_tags(&self.tags)
            .map_err(|e| errors.insert("tags".into(), e))
            .ok();
        let sdgs = parse_sdgs(&self.sdgs)
            .map_err(|e| errors.insert("sdgs".into(), e))
            .ok();
        match (title, problem, proposal, tags, sdgs) {
            (Some(title), Some(problem), Some(proposal), Some(tags), Some(sdgs))
                if errors.is_empty() =>
            {
                Ok(NewIdea {
                    title,
                    problem,
                    proposal,
                    expected_gain,
                    site_id,
                    tags,
                    sdgs,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An assessment as typed or sent: the decision's key and its reason, judged by the service
/// against the idea's state (`decide`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentText {
    pub decision: String,
    pub reason: String,
}

crate::parsed_input!(AssessmentText);

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> IdeaForm {
        IdeaForm {
            title: " Digital  innsjekk på legevakten ".into(),
            problem: "Pasientene venter i kø\n\n\n\nfor å melde seg.".into(),
            proposal: "En skjerm ved døren.".into(),
            expected_gain: String::new(),
            site_id: "12".into(),
            tags: "digitalisering, Digitalisering , helse".into(),
            sdgs: vec!["3".into(), "11".into(), "3".into()],
        }
    }

    #[test]
    fn a_list_of_tags_is_refused_whole_for_one_bad_tag() {
        let list = |tags: &[&str]| tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert_eq!(check_tag_list(&list(&["skole", " Helse "])), Ok(()));
        assert_eq!(check_tag_list(&list(&["skole", " "])), Err(FieldError::Required));
        assert_eq!(check_tag_list(&list(&["a,b"])), Err(FieldError::ForbiddenCharacters));
        let eleven = vec![String::from("x"); MAX_TAGS + 1];
        assert_eq!(check_tag_list(&eleven), Err(FieldError::TooMany));
        assert_eq!(check_tag_list(&[("y".repeat(MAX_TAG_CHARS + 1))]), Err(FieldError::TooLong));
    }

    #[test]
    fn an_idea_is_cleaned_as_it_is_parsed() {
        let idea = form().parse().unwrap();
        assert_eq!(idea.title, "Digital innsjekk på legevakten");
        assert_eq!(idea.problem, "Pasientene venter i kø\n\nfor å melde seg.");
        assert_eq!(idea.expected_gain, None);
        assert_eq!(idea.site_id, Some(12));
        assert_eq!(idea.tags, ["digitalisering", "helse"]);
        assert_eq!(idea.sdgs, [3, 11]);
    }

    #[test]
    fn every_bad_field_of_an_idea_is_reported_at_once() {
        let bad = IdeaForm {
            title: " ".into(),
            problem: "x\u{0}".into(),
            proposal: "p".repeat(MAX_TEXT_CHARS + 1),
            sdgs: vec!["18".into()],
            site_id: "tolv".into(),
            ..form()
        };
        let errors = bad.parse().unwrap_err();
        assert_eq!(errors.get("title"), Some(&FieldError::Required));
        assert_eq!(
            errors.get("problem"),
            Some(&FieldError::ForbiddenCharacters)
        );
        assert_eq!(errors.get("proposal"), Some(&FieldError::TooLong));
        assert_eq!(errors.get("sdgs"), Some(&FieldError::NotAGoal));
        assert_eq!(errors.get("site_id"), Some(&FieldError::UnknownReference));
    }

    #[test]
    fn tags_are_few_and_short() {
        let many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("tag{i}")).collect();
        assert_eq!(parse_tags(&many.join(",")), Err(FieldError::TooMany));
        assert_eq!(
            parse_tags(&"x".repeat(MAX_TAG_CHARS + 1)),
            Err(FieldError::TooLong)
        );
        assert_eq!(parse_tags(" , ;"), Ok(vec![]));
        assert_eq!(parse_sdgs(&["0".into()]), Err(FieldError::NotAGoal));
        assert_eq!(parse_sdgs(&["18".into()]), Err(FieldError::NotAGoal));
        assert_eq!(parse_sdgs(&["17".into(), " 1 ".into()]), Ok(vec![1, 17]));
    }

    #[test]
    fn an_assessment_always_carries_a_reason() {
        use IdeaStatus::*;
        let ok = decide(Submitted, "accepted", "Passer godt med målene").unwrap();
        assert_eq!(ok, (Accepted, "Passer godt med målene".to_owned()));
        let errors = decide(Submitted, "declined", "  ").unwrap_err();
        assert_eq!(errors.get("reason"), Some(&FieldError::Required));
        assert_eq!(
            decide(UnderAssessment, "parked", "Venter på budsjett")
                .unwrap()
                .0,
            Parked
        );
        assert_eq!(
            decide(Parked, "under_assessment", "Tatt opp igjen")
                .unwrap()
                .0,
            UnderAssessment
        );
        assert_eq!(
            decide(Declined, "under_assessment", "Ny informasjon")
                .unwrap()
                .0,
            UnderAssessment
        );
    }

    #[test]
    fn an_accepted_idea_stays_accepted_and_nothing_goes_back_to_submitted() {
        use IdeaStatus::*;
        for decision in ["parked", "declined", "under_assessment", "accepted"] {
            let errors = decide(Accepted, decision, "grunn").unwrap_err();
            assert_eq!(
                errors.get("decision"),
                Some(&FieldError::InvalidChoice),
                "{decision}"
            );
        }
        assert!(decide(UnderAssessment, "submitted", "grunn").is_err());
        assert!(decide(Parked, "parked", "grunn").is_err());
        assert!(decide(Submitted, "godkjent", "grunn").is_err());
    }
}
