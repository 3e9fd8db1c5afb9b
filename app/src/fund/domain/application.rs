//! An application to a call (DESIGN §6): the applicant's site and team, an optional link to
//! a portfolio project, a summary, an answer per criterion, the amount asked for and the
//! budget lines that make it up, own contribution and co-funding. A draft is saved as typed
//! and resumed; submitting asks for everything and locks it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::core::error::{FieldError, FieldErrors, noted};
use crate::core::money::Nok;
use crate::core::parse::{
    parse_name, parse_person_list, parse_optional_id, parse_optional_text,
};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 5_000;
pub const MAX_ANSWER_CHARS: usize = 5_000;
pub const MAX_LINE_CHARS: usize = 200;
pub const MAX_BUDGET_LINES: usize = 20;
pub const MAX_TEAM: usize = 20;

/// Where an application stands (DESIGN §6's life cycle, as the applicant sees it: the
/// recommendation is the council's until the decision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Draft,
    /// Sent in and locked: in review, then before the council.
    Submitted,
    /// The decision gave it money.
    Granted,
    /// The decision gave it none.
    Declined,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Submitted => "submitted",
            Stage::Granted => "granted",
            Stage::Declined => "declined",
        }
    }

    /// The stage of an application submitted or not, in a call decided or not, with the
    /// amount the council recommended (the decision grants what was recommended).
    pub fn of(submitted: bool, decided: bool, recommended: Option<Nok>) -> Stage {
        match (submitted, decided) {
            (false, _) => Stage::Draft,
            (true, false) => Stage::Submitted,
            (true, true) if recommended.is_some_and(|a| a.0 > 0) => Stage::Granted,
            (true, true) => Stage::Declined,
        }
    }
}

/// One line of the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub description: String,
    pub amount: Nok,
}

/// A budget line as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLineForm {
    pub description: String,
    pub amount: String,
}

/// An application as parsed: what a draft holds. Everything but the title may still be
/// missing; what is given is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDraft {
    pub title: String,
    pub summary: Option<String>,
    pub site_id: Option<i32>,
    pub project_id: Option<i32>,
    pub amount: Option<Nok>,
    pub own_contribution: Nok,
    pub co_funding: Nok,
    pub budget_lines: Vec<BudgetLine>,
    /// Answers by criterion id.
    pub answers: BTreeMap<i32, String>,
    pub team: Vec<crate::core::parse::PersonRef>,
}

/// An application as typed (the form) or sent (the API). Answers are keyed by the
/// criterion's id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub title: String,
    pub summary: String,
    pub site_id: String,
    pub project_id: String,
    pub amount: String,
    pub own_contribution: String,
    pub co_funding: String,
    pub budget_lines: Vec<BudgetLineForm>,
    pub answers: BTreeMap<String, String>,
    pub team: String,
}

/// What a call allows, for parsing an application to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallTerms {
    pub criteria: Vec<i32>,
    pub max_amount: Nok,
}

impl ApplicationForm {
    /// The draft, against the call's terms: the amount within the call's maximum, the
    /// budget lines summing to it (when both are given), answers only to its criteria.
    pub fn parse_for(self, terms: &CallTerms) -> Result<ApplicationDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = noted(&mut errors, "title", parse_name(&self.title, MAX_TITLE_CHARS));
        let summary = noted(&mut errors, "summary",
            parse_optional_text(&self.summary, MAX_SUMMARY_CHARS),
        )
        .flatten();
        let site_id = noted(&mut errors, "site_id", parse_optional_id(&self.site_id)).flatten();
        let project_id = noted(&mut errors, "project_id", parse_optional_id(&self.project_id)).flatten();
        let amount = noted(
            &mut errors,
            "amount",
            Nok::parse_optional(&self.amount).and_then(|a| match a {
                Some(Nok(0)) => Err(FieldError::OutOfRange),
                a => Ok(a),
            }),
        )
        .flatten();
        // Over the call's maximum is said beside the amount; the lines are still checked
        // against it, so every mistake shows at once.
        if amount.is_some_and(|a| a > terms.max_amount) {
            errors.insert("amount".into(), FieldError::AboveCallMaximum);
        }
        let own_contribution = noted(&mut errors, "own_contribution",
            Nok::parse_optional(&self.own_contribution),
        )
        .flatten()
        .unwrap_or_default();
        let co_funding = noted(&mut errors, "co_funding", Nok::parse_optional(&self.co_funding))
            .flatten()
            .unwrap_or_default();
        let team = noted(&mut errors, "team", parse_person_list(&self.team, MAX_TEAM)).unwrap_or_default();
        let budget_lines = parse_lines(self.budget_lines, &mut errors);
        if let (Some(amount), Some(lines)) = (amount, &budget_lines)
            && !lines.is_empty()
        {
            let sum = lines
                .iter()
                .fold(Nok(0), |sum, line| sum.saturating_add(line.amount));
            if sum != amount {
                errors.insert("budget_lines".into(), FieldError::BudgetLinesSum);
            }
        }
        let mut answers = BTreeMap::new();
        for (key, raw) in &self.answers {
            let Some(id) = key
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|id| terms.criteria.contains(id))
            else {
                errors.insert(format!("answers[{key}]"), FieldError::UnknownReference);
                continue;
            };
            match parse_optional_text(raw, MAX_ANSWER_CHARS) {
                Ok(Some(text)) => {
                    answers.insert(id, text);
                }
                Ok(None) => {}
                Err(e) => {
                    errors.insert(format!("answers[{id}]"), e);
                }
            }
        }
        match (title, budget_lines) {
            (Some(title), Some(budget_lines)) if errors.is_empty() => Ok(ApplicationDraft {
                title,
                summary,
                site_id,
                project_id,
                amount,
                own_contribution,
                co_funding,
                budget_lines,
                answers,
                team,
            }),
            _ => Err(errors),
        }
    }
}

/// The budget lines typed (the form leaves out its blank rows); refusals keyed
/// `budget_lines[<row>].description` / `.amount`.
fn parse_lines(typed: Vec<BudgetLineForm>, errors: &mut FieldErrors) -> Option<Vec<BudgetLine>> {
    let before = errors.len();
    let rows: Vec<(usize, BudgetLineForm)> = typed.into_iter().enumerate().collect();
    if rows.len() > MAX_BUDGET_LINES {
        errors.insert("budget_lines".into(), FieldError::TooMany);
        return None;
    }
    let mut lines = Vec::new();
    for (row, typed) in rows {
        let description = parse_name(&typed.description, MAX_LINE_CHARS)
            .map_err(|e| errors.insert(format!("budget_lines[{row}].description"), e))
            .ok();
        let amount = Nok::parse(&typed.amount)
            .map_err(|e| errors.insert(format!("budget_lines[{row}].amount"), e))
            .ok();
        if let (Some(description), Some(amount)) = (description, amount) {
            lines.push(BudgetLine {
                description,
                amount,
            });
        }
    }
    (errors.len() == before).then_some(lines)
}

impl ApplicationDraft {
    /// What is still missing before the draft can be submitted to a call with the criteria
    /// `criteria`: the summary, the site, the amount, at least one budget line and an answer
    /// to every criterion.
    pub fn missing(&self, criteria: &[i32]) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if self.summary.is_none() {
            errors.insert("summary".into(), FieldError::Required);
        }
        if self.site_id.is_none() {
            errors.insert("site_id".into(), FieldError::Required);
        }
        if self.amount.is_none() {
            errors.insert("amount".into(), FieldError::Required);
        }
        if self.budget_lines.is_empty() {
            errors.insert("budget_lines".into(), FieldError::Required);
        }
        for id in criteria {
            if !self.answers.contains_key(id) {
                errors.insert(format!("answers[{id}]"), FieldError::Required);
            }
        }
        errors
    }
}

/// An application as sent to the call `call_id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InCall {
    pub call_id: i32,
    pub form: ApplicationForm,
}

crate::parsed_input!(ApplicationDraft, InCall);

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> CallTerms {
        CallTerms {
            criteria: vec![11, 12],
            max_amount: Nok(500_000),
        }
    }

    fn form() -> ApplicationForm {
        ApplicationForm {
            title: "Digital innsjekk".into(),
            summary: "Kortere kø.".into(),
            site_id: "4".into(),
            project_id: "".into(),
            amount: "300 000".into(),
            own_contribution: "50 000".into(),
            co_funding: "".into(),
            budget_lines: vec![
                BudgetLineForm {
                    description: "Utstyr".into(),
                    amount: "120 000".into(),
                },
                BudgetLineForm {
                    description: "Frikjøp".into(),
                    amount: "180000".into(),
                },
            ],
            answers: [("11".into(), "Nytt".into()), ("12".into(), "Ja".into())].into(),
            team: "kollega@k.no".into(),
        }
    }

    #[test]
    fn a_complete_application_parses_with_its_lines_summing_to_the_amount() {
        let draft = form().parse_for(&terms()).unwrap();
        assert_eq!(draft.amount, Some(Nok(300_000)));
        assert_eq!(draft.own_contribution, Nok(50_000));
        assert_eq!(draft.co_funding, Nok(0));
        assert_eq!(draft.budget_lines.len(), 2);
        assert_eq!(draft.answers.get(&12).map(String::as_str), Some("Ja"));
        assert!(draft.missing(&terms().criteria).is_empty());
    }

    #[test]
    fn lines_that_do_not_sum_an_amount_over_the_maximum_and_a_foreign_criterion_are_refused() {
        let mut typed = form();
        typed.budget_lines[1].amount = "179 999".into();
        typed.answers.insert("99".into(), "?".into());
        let errors = typed.parse_for(&terms()).unwrap_err();
        assert_eq!(
            errors.get("budget_lines"),
            Some(&FieldError::BudgetLinesSum)
        );
        assert_eq!(
            errors.get("answers[99]"),
            Some(&FieldError::UnknownReference)
        );

        let mut typed = form();
        typed.amount = "500 001".into();
        let errors = typed.parse_for(&terms()).unwrap_err();
        assert_eq!(errors.get("amount"), Some(&FieldError::AboveCallMaximum));
        assert_eq!(
            errors.get("budget_lines"),
            Some(&FieldError::BudgetLinesSum),
            "both mistakes at once"
        );

        let mut typed = form();
        typed.budget_lines[0].description = " ".into();
        typed.budget_lines[1].amount = "mye".into();
        let errors = typed.parse_for(&terms()).unwrap_err();
        assert_eq!(
            errors.get("budget_lines[0].description"),
            Some(&FieldError::Required)
        );
        assert_eq!(
            errors.get("budget_lines[1].amount"),
            Some(&FieldError::InvalidNumber)
        );
    }

    #[test]
    fn a_draft_needs_only_a_title_and_submitting_asks_for_the_rest() {
        let draft = ApplicationForm {
            title: "Idé".into(),
            ..Default::default()
        }
        .parse_for(&terms())
        .unwrap();
        let missing = draft.missing(&terms().criteria);
        for field in [
            "summary",
            "site_id",
            "amount",
            "budget_lines",
            "answers[11]",
            "answers[12]",
        ] {
            assert_eq!(missing.get(field), Some(&FieldError::Required), "{field}");
        }
        assert_eq!(
            ApplicationForm::default()
                .parse_for(&terms())
                .unwrap_err()
                .get("title"),
            Some(&FieldError::Required)
        );
    }

    #[test]
    fn the_stage_follows_submission_and_the_decision() {
        assert_eq!(Stage::of(false, true, Some(Nok(5))), Stage::Draft);
        assert_eq!(Stage::of(true, false, Some(Nok(5))), Stage::Submitted);
        assert_eq!(Stage::of(true, true, Some(Nok(5))), Stage::Granted);
        assert_eq!(Stage::of(true, true, Some(Nok(0))), Stage::Declined);
        assert_eq!(Stage::of(true, true, None), Stage::Declined);
    }
}
