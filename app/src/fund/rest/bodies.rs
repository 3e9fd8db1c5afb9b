//! The fund's JSON bodies: what clients send and what they get back. Amounts are whole
//! kroner; numbers a client sends are read as JSON numbers of any kind and parsed by the
//! domain (bounded, whole), so a fraction or a huge number is a 422 on its field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::core::timefmt::rfc3339;
use crate::fund::domain::application::{ApplicationForm, BudgetLineForm, InCall};
use crate::fund::domain::budget::{DecisionForm, RecommendationForm, TrackYear};
use crate::fund::domain::call::{CallForm, CallPatch, CriterionForm};
use crate::fund::domain::review::ReviewForm;
use crate::fund::domain::view::{
    ApplicationRow, ApplicationView, CallRow, CallView, Overview, Ranking, RankingLine,
    ReviewView, ReviewerDesk,
};
use crate::http::common::NamedBody;

/// A number as the domain's parsers read it: a whole number as its digits; anything else
/// (a fraction, `1e6`) as text they refuse.
fn amount_text(n: Option<&serde_json::Number>) -> String {
    match n {
        None => String::new(),
        Some(n) if n.is_i64() || n.is_u64() => n.to_string(),
        Some(n) => format!("{n},"),
    }
}

/// A call in a list.
#[derive(Serialize, ToSchema)]
pub struct CallBody {
    pub id: i32,
    pub track: NamedBody,
    pub year: i32,
    pub title: String,
    #[schema(format = DateTime, value_type = String)]
    pub opens_at: String,
    #[schema(format = DateTime, value_type = String)]
    pub closes_at: String,
    /// The round's budget in whole kroner.
    pub budget: i64,
    /// The most one application may ask, in whole kroner.
    pub max_amount: i64,
    /// `upcoming`, `open`, `closed` or `decided`.
    pub state: String,
}

impl From<CallRow> for CallBody {
    fn from(c: CallRow) -> Self {
        Self {
            id: c.id,
            track: c.track.into(),
            year: c.year,
            title: c.title,
            opens_at: rfc3339(c.opens_at),
            closes_at: rfc3339(c.closes_at),
            budget: c.budget.0,
            max_amount: c.max_amount.0,
            state: c.state.as_str().to_owned(),
        }
    }
}

/// A weighted criterion of a call.
#[derive(Serialize, ToSchema)]
pub struct FundCriterionBody {
    pub id: i32,
    pub name: String,
    pub weight: u32,
}

/// A call with its text, criteria and reviewers.
#[derive(Serialize, ToSchema)]
pub struct CallDetailBody {
    pub call: CallBody,
    pub text: String,
    pub criteria: Vec<FundCriterionBody>,
    pub reviewers: Vec<NamedBody>,
    /// What the council has recommended so far, in whole kroner: for the fund's
    /// administrators and the council only.
    pub recommended: Option<i64>,
    #[schema(format = DateTime, value_type = Option<String>)]
    pub decided_at: Option<String>,
    pub case_number: Option<String>,
}

impl From<CallView> for CallDetailBody {
    fn from(c: CallView) -> Self {
        Self {
            call: c.row.into(),
            text: c.text,
            criteria: c
                .criteria
                .into_iter()
                .map(|c| FundCriterionBody {
                    id: c.id,
                    name: c.name,
                    weight: c.weight,
                })
                .collect(),
            reviewers: c.reviewers.into_iter().map(Into::into).collect(),
            recommended: c.recommended.map(|a| a.0),
            decided_at: c.decided_at.map(rfc3339),
            case_number: c.case_number,
        }
    }
}

/// A criterion of a new call.
#[derive(Deserialize, ToSchema)]
pub struct NewFundCriterionBody {
    #[serde(default)]
    pub name: String,
    #[schema(value_type = i64)]
    pub weight: Option<serde_json::Number>,
}

/// A new call: RFC 3339 instants, the closing after the opening; the budget within the
/// track's budget for the year; criteria left out are the fund's five.
#[derive(Deserialize, ToSchema)]
pub struct NewCallBody {
    #[schema(value_type = i64)]
    pub track_id: Option<serde_json::Number>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    #[schema(format = DateTime)]
    pub opens_at: String,
    #[serde(default)]
    #[schema(format = DateTime)]
    pub closes_at: String,
    /// Whole kroner.
    #[schema(value_type = i64)]
    pub budget: Option<serde_json::Number>,
    /// Whole kroner.
    #[schema(value_type = i64)]
    pub max_amount: Option<serde_json::Number>,
    pub criteria: Option<Vec<NewFundCriterionBody>>,
    /// Reviewers by e-mail: active users holding the `fund_reviewer` role.
    #[serde(default)]
    pub reviewer_emails: Vec<String>,
}

impl From<NewCallBody> for CallForm {
    fn from(b: NewCallBody) -> Self {
        Self {
            track_id: amount_text(b.track_id.as_ref()),
            title: b.title,
            text: b.text,
            opens_at: b.opens_at,
            closes_at: b.closes_at,
            budget: amount_text(b.budget.as_ref()),
            max_amount: amount_text(b.max_amount.as_ref()),
            criteria: b.criteria.map(|list| {
                list.into_iter()
                    .map(|c| CriterionForm {
                        name: c.name,
                        weight: amount_text(c.weight.as_ref()),
                    })
                    .collect()
            }),
            reviewers: crate::http::common::email_list_field(&b.reviewer_emails),
        }
    }
}

/// New dates or a new budget for a call; fields left out stay.
#[derive(Deserialize, ToSchema)]
pub struct CallPatchBody {
    #[schema(format = DateTime)]
    pub opens_at: Option<String>,
    #[schema(format = DateTime)]
    pub closes_at: Option<String>,
    /// Whole kroner; never below what is already recommended in the round.
    #[schema(value_type = Option<i64>)]
    pub budget: Option<serde_json::Number>,
}

impl From<CallPatchBody> for CallPatch {
    fn from(b: CallPatchBody) -> Self {
        Self {
            opens_at: b.opens_at,
            closes_at: b.closes_at,
            budget: b.budget.as_ref().map(|n| amount_text(Some(n))),
        }
    }
}

/// A line of an application's budget.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct BudgetLineBody {
    #[serde(default)]
    pub description: String,
    /// Whole kroner.
    #[schema(value_type = i64)]
    pub amount: Option<serde_json::Number>,
}

/// An application, new or its draft changed: the budget lines sum to the amount, which is
/// within the call's maximum; answers keyed by the call's criterion ids.
#[derive(Deserialize, ToSchema)]
pub struct ApplicationInBody {
    #[schema(value_type = i64)]
    pub call_id: Option<serde_json::Number>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[schema(value_type = Option<i64>)]
    pub site_id: Option<serde_json::Number>,
    #[schema(value_type = Option<i64>)]
    pub project_id: Option<serde_json::Number>,
    /// Whole kroner.
    #[schema(value_type = Option<i64>)]
    pub amount: Option<serde_json::Number>,
    /// Whole kroner.
    #[schema(value_type = Option<i64>)]
    pub own_contribution: Option<serde_json::Number>,
    /// Whole kroner.
    #[schema(value_type = Option<i64>)]
    pub co_funding: Option<serde_json::Number>,
    #[serde(default)]
    pub budget_lines: Vec<BudgetLineBody>,
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Colleagues on the team, by e-mail.
    #[serde(default)]
    pub team_emails: Vec<String>,
}

impl ApplicationInBody {
    /// The application to its call (id 0 when missing or not an id: no call has it).
    pub fn in_call(self) -> InCall {
        let (call_id, form) = self.split();
        InCall {
            call_id: i32::try_from(call_id).unwrap_or(0),
            form,
        }
    }

    fn split(self) -> (i64, ApplicationForm) {
        let call_id = self.call_id.as_ref().and_then(|n| n.as_i64()).unwrap_or(0);
        let id = |n: Option<&serde_json::Number>| match n {
            None => String::new(),
            Some(n) => n.to_string(),
        };
        (
            call_id,
            ApplicationForm {
                title: self.title,
                summary: self.summary,
                site_id: id(self.site_id.as_ref()),
                project_id: id(self.project_id.as_ref()),
                amount: amount_text(self.amount.as_ref()),
                own_contribution: amount_text(self.own_contribution.as_ref()),
                co_funding: amount_text(self.co_funding.as_ref()),
                budget_lines: self
                    .budget_lines
                    .into_iter()
                    .map(|l| BudgetLineForm {
                        description: l.description,
                        amount: amount_text(l.amount.as_ref()),
                    })
                    .collect(),
                answers: self.answers,
                team: crate::http::common::email_list_field(&self.team_emails),
            },
        )
    }
}

/// An application in a list.
#[derive(Serialize, ToSchema)]
pub struct ApplicationBody {
    pub id: i32,
    pub call_id: i32,
    pub title: String,
    pub applicant: NamedBody,
    pub site: Option<NamedBody>,
    /// Whole kroner.
    pub amount: Option<i64>,
    /// `draft`, `submitted`, `granted` or `declined`.
    pub stage: String,
    #[schema(format = DateTime, value_type = Option<String>)]
    pub submitted_at: Option<String>,
    /// Whether the line manager has confirmed the anchoring.
    pub anchored: bool,
}

impl From<ApplicationRow> for ApplicationBody {
    fn from(a: ApplicationRow) -> Self {
        Self {
            id: a.id,
            call_id: a.call_id,
            title: a.title,
            applicant: a.applicant.into(),
            site: a.site.map(Into::into),
            amount: a.amount.map(|a| a.0),
            stage: a.stage.as_str().to_owned(),
            submitted_at: a.submitted_at.map(rfc3339),
            anchored: a.anchored,
        }
    }
}

/// A saved line of a budget.
#[derive(Serialize, ToSchema)]
pub struct SavedBudgetLineBody {
    pub description: String,
    pub amount: i64,
}

/// An answer to a criterion.
#[derive(Serialize, ToSchema)]
pub struct AnswerBody {
    pub criterion_id: i32,
    pub criterion: String,
    pub answer: String,
}

/// The decision as the applicant sees it.
#[derive(Serialize, ToSchema)]
pub struct OutcomeBody {
    /// Whole kroner: 0 when declined.
    pub granted: i64,
    pub feedback: Option<String>,
    #[schema(format = DateTime, value_type = String)]
    pub decided_at: String,
    pub case_number: Option<String>,
}

/// The council's recommendation (the council sees it).
#[derive(Serialize, ToSchema)]
pub struct RecommendationOutBody {
    pub amount: i64,
    pub justification: Option<String>,
    pub by: Option<NamedBody>,
    #[schema(format = DateTime, value_type = String)]
    pub at: String,
}

/// A review: a declared conflict, or scores by criterion id.
#[derive(Serialize, ToSchema)]
pub struct ReviewOutBody {
    pub reviewer: NamedBody,
    pub conflict: bool,
    pub scores: BTreeMap<String, u8>,
    pub comment: Option<String>,
    #[schema(format = DateTime, value_type = String)]
    pub updated_at: String,
}

impl From<ReviewView> for ReviewOutBody {
    fn from(r: ReviewView) -> Self {
        Self {
            reviewer: r.reviewer.into(),
            conflict: r.conflict,
            scores: r
                .scores
                .into_iter()
                .map(|(id, s)| (id.to_string(), s))
                .collect(),
            comment: r.comment,
            updated_at: rfc3339(r.updated_at),
        }
    }
}

/// Where the acting reviewer stands with an application.
#[derive(Serialize, ToSchema)]
pub struct ReviewerDeskBody {
    /// `applicant`, `team_member`, `same_site`, `line_manager`, `project_member`, `declared`.
    pub conflicts: Vec<String>,
    pub own: Option<ReviewOutBody>,
    /// The other reviewers' reviews: once the reviewer has scored, never for a conflicted one.
    pub others: Vec<ReviewOutBody>,
}

impl From<ReviewerDesk> for ReviewerDeskBody {
    fn from(d: ReviewerDesk) -> Self {
        Self {
            conflicts: d.conflicts.iter().map(|f| f.as_str().to_owned()).collect(),
            own: d.own.map(Into::into),
            others: d.others.into_iter().map(Into::into).collect(),
        }
    }
}

/// An application with everything the caller may see of it.
#[derive(Serialize, ToSchema)]
pub struct ApplicationDetailBody {
    pub application: ApplicationBody,
    pub call_title: String,
    pub summary: Option<String>,
    pub project: Option<NamedBody>,
    pub own_contribution: i64,
    pub co_funding: i64,
    pub budget_lines: Vec<SavedBudgetLineBody>,
    pub answers: Vec<AnswerBody>,
    pub team: Vec<NamedBody>,
    pub anchored_by: Option<NamedBody>,
    #[schema(format = DateTime, value_type = Option<String>)]
    pub anchored_at: Option<String>,
    pub outcome: Option<OutcomeBody>,
    pub recommendation: Option<RecommendationOutBody>,
    pub reviewer: Option<ReviewerDeskBody>,
    pub reviews: Vec<ReviewOutBody>,
}

impl From<ApplicationView> for ApplicationDetailBody {
    fn from(a: ApplicationView) -> Self {
        Self {
            application: a.row.into(),
            call_title: a.call_title,
            summary: a.summary,
            project: a.project.map(Into::into),
            own_contribution: a.own_contribution.0,
            co_funding: a.co_funding.0,
            budget_lines: a
                .budget_lines
                .into_iter()
                .map(|l| SavedBudgetLineBody {
                    description: l.description,
                    amount: l.amount.0,
                })
                .collect(),
            answers: a
                .answers
                .into_iter()
                .map(|x| AnswerBody {
                    criterion_id: x.criterion_id,
                    criterion: x.criterion,
                    answer: x.answer,
                })
                .collect(),
            team: a.team.into_iter().map(Into::into).collect(),
            anchored_by: a.anchored_by.map(Into::into),
            anchored_at: a.anchored_at.map(rfc3339),
            outcome: a.outcome.map(|o| OutcomeBody {
                granted: o.granted.0,
                feedback: o.feedback,
                decided_at: rfc3339(o.decided_at),
                case_number: o.case_number,
            }),
            recommendation: a.recommendation.map(|r| RecommendationOutBody {
                amount: r.amount.0,
                justification: r.justification,
                by: r.by.map(Into::into),
                at: rfc3339(r.at),
            }),
            reviewer: a.desk.map(Into::into),
            reviews: a.reviews.into_iter().map(Into::into).collect(),
        }
    }
}

/// A review: `{"conflict": true}` declares a conflict (the comment its reason); otherwise
/// every criterion of the call scored 1–5 by its id.
#[derive(Deserialize, ToSchema)]
pub struct ReviewInBody {
    #[serde(default)]
    pub conflict: bool,
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, i64>)]
    pub scores: BTreeMap<String, serde_json::Value>,
    pub comment: Option<String>,
}

impl From<ReviewInBody> for ReviewForm {
    fn from(b: ReviewInBody) -> Self {
        Self {
            conflict: b.conflict,
            scores: crate::http::common::value_texts(b.scores),
            comment: b.comment.unwrap_or_default(),
        }
    }
}

/// The council's recommended amount (0: not recommended) and its justification, which the
/// applicant reads as feedback once the call is decided.
#[derive(Deserialize, ToSchema)]
pub struct RecommendationInBody {
    /// Whole kroner, at most the amount asked; the round's total within its budget.
    #[schema(value_type = i64)]
    pub amount: Option<serde_json::Number>,
    pub justification: Option<String>,
}

impl From<RecommendationInBody> for RecommendationForm {
    fn from(b: RecommendationInBody) -> Self {
        Self {
            amount: amount_text(b.amount.as_ref()),
            justification: b.justification.unwrap_or_default(),
        }
    }
}

/// The recommendation as saved.
#[derive(Serialize, ToSchema)]
pub struct RecommendedBody {
    pub amount: i64,
}

/// The decision: the case number in the municipality's archive, if any.
#[derive(Deserialize, ToSchema)]
pub struct DecisionBody {
    pub case_number: Option<String>,
}

impl From<DecisionBody> for DecisionForm {
    fn from(b: DecisionBody) -> Self {
        Self {
            case_number: b.case_number,
        }
    }
}

/// An application's line in the ranking.
#[derive(Serialize, ToSchema)]
pub struct RankingLineBody {
    pub application: ApplicationBody,
    pub place: u32,
    /// The weighted mean score in hundredths (4.25 → 425); null before any review counts.
    pub score_hundredths: Option<i64>,
    /// The reviewers' standard deviation in hundredths.
    pub spread_hundredths: Option<i64>,
    pub reviews: u32,
    pub recommended: Option<i64>,
    pub justification: Option<String>,
}

impl From<RankingLine> for RankingLineBody {
    fn from(l: RankingLine) -> Self {
        Self {
            application: l.application.into(),
            place: l.place,
            score_hundredths: l.score_hundredths,
            spread_hundredths: l.spread_hundredths,
            reviews: l.reviews,
            recommended: l.recommended.map(|a| a.0),
            justification: l.justification,
        }
    }
}

/// A call's ranking with the running total against its budget.
#[derive(Serialize, ToSchema)]
pub struct RankingBody {
    pub call: CallBody,
    pub lines: Vec<RankingLineBody>,
    pub recommended: i64,
    pub remaining: i64,
    #[schema(format = DateTime, value_type = Option<String>)]
    pub decided_at: Option<String>,
}

impl From<Ranking> for RankingBody {
    fn from(r: Ranking) -> Self {
        Self {
            call: r.call.into(),
            lines: r.lines.into_iter().map(Into::into).collect(),
            recommended: r.recommended.0,
            remaining: r.remaining.0,
            decided_at: r.decided_at.map(rfc3339),
        }
    }
}

/// A track's year, in whole kroner.
#[derive(Serialize, ToSchema)]
pub struct TrackYearBody {
    pub budget: i64,
    /// Recommended in rounds not yet decided.
    pub recommended: i64,
    pub granted: i64,
    pub paid: i64,
    pub returned: i64,
    pub remaining: i64,
}

impl From<TrackYear> for TrackYearBody {
    fn from(y: TrackYear) -> Self {
        Self {
            budget: y.budget.0,
            recommended: y.recommended.0,
            granted: y.granted.0,
            paid: y.paid.0,
            returned: y.returned.0,
            remaining: y.remaining().0,
        }
    }
}

/// One track's line of the overview.
#[derive(Serialize, ToSchema)]
pub struct TrackLineBody {
    pub track: NamedBody,
    pub figures: TrackYearBody,
}

/// The fund's year per track and in total.
#[derive(Serialize, ToSchema)]
pub struct OverviewBody {
    pub year: i32,
    pub tracks: Vec<TrackLineBody>,
    pub total: TrackYearBody,
}

impl From<Overview> for OverviewBody {
    fn from(o: Overview) -> Self {
        Self {
            year: o.year,
            tracks: o
                .tracks
                .into_iter()
                .map(|t| TrackLineBody {
                    track: t.track.into(),
                    figures: t.year.into(),
                })
                .collect(),
            total: o.total.into(),
        }
    }
}
