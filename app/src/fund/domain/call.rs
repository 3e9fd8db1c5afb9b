//! A call for applications (utlysning, DESIGN §6): its track and year, the window it is open
//! in, the round's budget, the most one application may ask, weighted criteria (the five of
//! DESIGN §1 by default) and the reviewers; and where a call stands at a given instant.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::core::error::{FieldError, FieldErrors, noted};
use crate::core::money::Nok;
use crate::core::parse::{
    InstantReader, PersonRef, parse_bounded, parse_name, parse_person_list, parse_text,
};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_CRITERION_CHARS: usize = 200;
pub const MAX_CRITERIA: usize = 10;
pub const MIN_WEIGHT: i64 = 1;
pub const MAX_WEIGHT: i64 = 10;
pub const MAX_REVIEWERS: usize = 30;

/// The fund's criteria (DESIGN §1, from the municipality's own call), each weighing the same
/// until the administrators weigh them otherwise.
pub const DEFAULT_CRITERIA: [&str; 5] = [
    "Nyskapende og knyttet til kommunens hovedmål",
    "Forankret i linjeorganisasjonen",
    "Kan spres og skaleres",
    "Gevinstpotensial (økonomi og kvalitet)",
    "Utenfor ordinær drift",
];

/// When a call takes applications: from `opens_at` until `closes_at` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallWindow {
    pub opens_at: OffsetDateTime,
    pub closes_at: OffsetDateTime,
}

/// Where a call stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// Not open yet.
    Upcoming,
    /// Takes applications.
    Open,
    /// Closed for applications: reviews and the council's recommendation.
    Closed,
    /// The decision (vedtak) is recorded: applicants see their outcome.
    Decided,
}

impl CallState {
    pub fn as_str(self) -> &'static str {
        match self {
            CallState::Upcoming => "upcoming",
            CallState::Open => "open",
            CallState::Closed => "closed",
            CallState::Decided => "decided",
        }
    }
}

impl CallWindow {
    pub fn state(&self, decided: bool, now: OffsetDateTime) -> CallState {
        if decided {
            CallState::Decided
        } else if now < self.opens_at {
            CallState::Upcoming
        } else if now < self.closes_at {
            CallState::Open
        } else {
            CallState::Closed
        }
    }
}

/// A criterion and its weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCriterion {
    pub name: String,
    pub weight: u32,
}

/// A criterion as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionForm {
    pub name: String,
    pub weight: String,
}

/// A new call as parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCall {
    pub track_id: i32,
    pub title: String,
    pub text: String,
    pub window: CallWindow,
    pub budget: Nok,
    pub max_amount: Nok,
    pub criteria: Vec<NewCriterion>,
    pub reviewers: Vec<PersonRef>,
}

crate::parsed_input!(NewCall);

/// A call as typed: instants as the form's local time or RFC 3339 (the API); criteria left
/// out (`None`) are the five of DESIGN §1; reviewers by e-mail, separated by commas, spaces
/// or lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallForm {
    pub track_id: String,
    pub title: String,
    pub text: String,
    pub opens_at: String,
    pub closes_at: String,
    pub budget: String,
    pub max_amount: String,
    pub criteria: Option<Vec<CriterionForm>>,
    pub reviewers: String,
}

impl CallForm {
    pub fn parse_with(self, instant: InstantReader) -> Result<NewCall, FieldErrors> {
        let mut errors = FieldErrors::new();
        let track_id = noted(&mut errors, "track_id",
            self.track_id
                .trim()
                .parse::<i32>()
                .map_err(|_| FieldError::UnknownReference),
        );
        let title = noted(&mut errors, "title", parse_name(&self.title, MAX_TITLE_CHARS));
        let text = noted(&mut errors, "text", parse_text(&self.text, MAX_TEXT_CHARS));
        let opens_at = noted(&mut errors, "opens_at", instant(&self.opens_at));
        let closes_at = noted(&mut errors, "closes_at", instant(&self.closes_at));
        let budget = noted(&mut errors, "budget", positive(&self.budget));
        let max_amount = noted(&mut errors, "max_amount", positive(&self.max_amount));
        let reviewers = noted(&mut errors, "reviewers",
            parse_person_list(&self.reviewers, MAX_REVIEWERS),
        );
        let criteria = match self.criteria {
            None => Some(
                DEFAULT_CRITERIA
                    .iter()
                    .map(|name| NewCriterion {
                        name: (*name).to_owned(),
                        weight: 1,
                    })
                    .collect(),
            ),
            Some(typed) => parse_criteria(typed, &mut errors),
        };
        if let (Some(open), Some(close)) = (opens_at, closes_at)
            && close <= open
        {
            errors.insert("closes_at".into(), FieldError::EndBeforeStart);
        }
        if let (Some(budget), Some(max)) = (budget, max_amount)
            && max > budget
        {
            errors.insert("max_amount".into(), FieldError::AboveRoundBudget);
        }
        match (
            track_id, title, text, opens_at, closes_at, budget, max_amount, criteria, reviewers,
        ) {
            (
                Some(track_id),
                Some(title),
                Some(text),
                Some(opens_at),
                Some(closes_at),
                Some(budget),
                Some(max_amount),
                Some(criteria),
                Some(reviewers),
            ) if errors.is_empty() => Ok(NewCall {
                track_id,
                title,
                text,
                // Stored in UTC: every backend compares instants of one offset.
                window: CallWindow {
                    opens_at: opens_at.to_offset(time::UtcOffset::UTC),
                    closes_at: closes_at.to_offset(time::UtcOffset::UTC),
                },
                budget,
                max_amount,
                criteria,
                reviewers,
            }),
            _ => Err(errors),
        }
    }
}

/// An amount of at least one krone.
fn positive(raw: &str) -> Result<Nok, FieldError> {
    match Nok::parse(raw)? {
        Nok(0) => Err(FieldError::OutOfRange),
        amount => Ok(amount),
    }
}

/// The typed criteria (the form leaves out its blank rows): at least one and at most
/// [`MAX_CRITERIA`]; refusals keyed `criteria[<row>].name` / `.weight`.
fn parse_criteria(typed: Vec<CriterionForm>, errors: &mut FieldErrors) -> Option<Vec<NewCriterion>> {
    let before = errors.len();
    let mut criteria = Vec::new();
    let rows: Vec<(usize, CriterionForm)> = typed.into_iter().enumerate().collect();
    if rows.is_empty() {
        errors.insert("criteria".into(), FieldError::Required);
        return None;
    }
    if rows.len() > MAX_CRITERIA {
        errors.insert("criteria".into(), FieldError::TooMany);
        return None;
    }
    for (row, typed) in rows {
        let name = parse_name(&typed.name, MAX_CRITERION_CHARS)
            .map_err(|e| errors.insert(format!("criteria[{row}].name"), e))
            .ok();
        let weight = parse_bounded(&typed.weight, MIN_WEIGHT, MAX_WEIGHT)
            .map_err(|e| errors.insert(format!("criteria[{row}].weight"), e))
            .ok();
        if let (Some(name), Some(weight)) = (name, weight) {
            criteria.push(NewCriterion {
                name,
                weight: u32::try_from(weight).unwrap_or(1),
            });
        }
    }
    (errors.len() == before).then_some(criteria)
}

/// Changes to a call (the administrators): its dates and its budget; absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallPatch {
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub budget: Option<String>,
}

impl CallPatch {
    /// The call's window and budget with this patch applied. The budget never goes below
    /// what the council has already recommended in the round (DESIGN §6), nor under the
    /// most one application may ask.
    pub fn apply(
        &self,
        window: CallWindow,
        budget: Nok,
        max_amount: Nok,
        recommended: Nok,
        instant: InstantReader,
    ) -> Result<(CallWindow, Nok), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut window = window;
        let mut budget = budget;
        for (name, raw, into) in [
            ("opens_at", &self.opens_at, &mut window.opens_at),
            ("closes_at", &self.closes_at, &mut window.closes_at),
        ] {
            if let Some(raw) = raw {
                match instant(raw) {
                    Ok(at) => *into = at.to_offset(time::UtcOffset::UTC),
                    Err(e) => {
                        errors.insert(name.into(), e);
                    }
                }
            }
        }
        if let Some(raw) = &self.budget {
            match positive(raw) {
                Ok(amount) if amount < recommended => {
                    errors.insert("budget".into(), FieldError::BelowRecommended);
                }
                Ok(amount) if amount < max_amount => {
                    errors.insert("budget".into(), FieldError::OutOfRange);
                }
                Ok(amount) => budget = amount,
                Err(e) => {
                    errors.insert("budget".into(), e);
                }
            }
        }
        if errors.is_empty() && window.closes_at <= window.opens_at {
            errors.insert("closes_at".into(), FieldError::EndBeforeStart);
        }
        if errors.is_empty() {
            Ok((window, budget))
        } else {
            Err(errors)
        }
    }
}

crate::parsed_input!(CallPatch);

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn instant(raw: &str) -> Result<OffsetDateTime, FieldError> {
        OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339)
            .map_err(|_| FieldError::InvalidDate)
    }

    fn form() -> CallForm {
        CallForm {
            track_id: "1".into(),
            title: "  Vårrunden   2027 ".into(),
            text: "Søk om midler.".into(),
            opens_at: "2027-02-01T08:00:00Z".into(),
            closes_at: "2027-03-15T11:00:00Z".into(),
            budget: "4 000 000".into(),
            max_amount: "500 000".into(),
            criteria: None,
            reviewers: "a@k.no, b@k.no".into(),
        }
    }

    #[test]
    fn a_call_takes_the_five_criteria_of_the_fund_when_none_are_given() {
        let call = form().parse_with(instant).unwrap();
        assert_eq!(call.title, "Vårrunden 2027");
        assert_eq!(call.budget, Nok(4_000_000));
        assert_eq!(call.criteria.len(), 5);
        assert!(call.criteria.iter().all(|c| c.weight == 1));
        assert_eq!(call.reviewers.len(), 2);
    }

    #[test]
    fn weighted_criteria_each_bad_row_named() {
        let mut typed = form();
        typed.criteria = Some(vec![
            CriterionForm {
                name: "Nyskaping".into(),
                weight: "3".into(),
            },
            CriterionForm::default(),
            CriterionForm {
                name: "Spredning".into(),
                weight: "11".into(),
            },
            CriterionForm {
                name: "".into(),
                weight: "2".into(),
            },
        ]);
        let errors = typed.parse_with(instant).unwrap_err();
        assert_eq!(
            errors.get("criteria[2].weight"),
            Some(&FieldError::OutOfRange)
        );
        assert_eq!(errors.get("criteria[3].name"), Some(&FieldError::Required));
        // A blank row is refused here: the form leaves out its own blank rows first.
        assert_eq!(errors.get("criteria[1].name"), Some(&FieldError::Required));
        assert_eq!(errors.get("criteria[1].weight"), Some(&FieldError::Required));
        assert_eq!(errors.len(), 4, "{errors:?}");

        let mut typed = form();
        typed.criteria = Some(vec![]);
        assert_eq!(
            typed.parse_with(instant).unwrap_err().get("criteria"),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn a_window_closes_after_it_opens_and_no_application_may_ask_more_than_the_round() {
        let mut typed = form();
        typed.closes_at = typed.opens_at.clone();
        typed.max_amount = "5 000 000".into();
        typed.budget = "0".into();
        let errors = typed.parse_with(instant).unwrap_err();
        assert_eq!(errors.get("closes_at"), Some(&FieldError::EndBeforeStart));
        assert_eq!(errors.get("budget"), Some(&FieldError::OutOfRange));

        let mut typed = form();
        typed.max_amount = "5 000 000".into();
        assert_eq!(
            typed.parse_with(instant).unwrap_err().get("max_amount"),
            Some(&FieldError::AboveRoundBudget)
        );
    }

    #[test]
    fn a_call_is_upcoming_open_closed_then_decided() {
        let window = CallWindow {
            opens_at: datetime!(2027-02-01 08:00 UTC),
            closes_at: datetime!(2027-03-15 11:00 UTC),
        };
        assert_eq!(
            window.state(false, datetime!(2027-02-01 07:59:59 UTC)),
            CallState::Upcoming
        );
        assert_eq!(
            window.state(false, datetime!(2027-02-01 08:00 UTC)),
            CallState::Open
        );
        assert_eq!(
            window.state(false, datetime!(2027-03-15 10:59:59 UTC)),
            CallState::Open
        );
        assert_eq!(
            window.state(false, datetime!(2027-03-15 11:00 UTC)),
            CallState::Closed
        );
        assert_eq!(
            window.state(true, datetime!(2027-02-02 00:00 UTC)),
            CallState::Decided
        );
    }

    #[test]
    fn the_budget_is_raised_or_lowered_never_below_what_is_recommended() {
        let window = CallWindow {
            opens_at: datetime!(2027-02-01 08:00 UTC),
            closes_at: datetime!(2027-03-15 11:00 UTC),
        };
        let patch = |budget: &str| CallPatch {
            budget: Some(budget.into()),
            ..Default::default()
        };
        let apply = |p: CallPatch| p.apply(window, Nok(1_000_000), Nok(200_000), Nok(800_000), instant);
        assert_eq!(apply(patch("1 500 000")), Ok((window, Nok(1_500_000))));
        assert_eq!(apply(patch("800 000")), Ok((window, Nok(800_000))));
        assert_eq!(
            apply(patch("799 999")).unwrap_err().get("budget"),
            Some(&FieldError::BelowRecommended)
        );
        let moved = CallPatch {
            closes_at: Some("2027-04-01T10:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(
            apply(moved).unwrap().0.closes_at,
            datetime!(2027-04-01 10:00 UTC)
        );
        let backwards = CallPatch {
            closes_at: Some("2027-01-01T10:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(
            apply(backwards).unwrap_err().get("closes_at"),
            Some(&FieldError::EndBeforeStart)
        );
    }
}
