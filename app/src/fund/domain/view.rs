//! What the fund's pages and API show: plain data, read by the service, with no rules of
//! their own.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::core::money::Nok;
use crate::core::named::Named;
use crate::fund::domain::application::{BudgetLine, Stage};
use crate::fund::domain::budget::TrackYear;
use crate::fund::domain::call::CallState;
use crate::fund::domain::review::ConflictFlag;

/// A call in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRow {
    pub id: i32,
    pub track: Named,
    pub year: i32,
    pub title: String,
    pub opens_at: OffsetDateTime,
    pub closes_at: OffsetDateTime,
    pub budget: Nok,
    pub max_amount: Nok,
    pub state: CallState,
}

/// A criterion of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: i32,
    pub name: String,
    pub weight: u32,
}

/// A call with everything it asks and who reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallView {
    pub row: CallRow,
    pub text: String,
    pub criteria: Vec<CriterionView>,
    pub reviewers: Vec<Named>,
    /// What the council has recommended so far in the round: for the fund's administrators
    /// and the council only, until the decision.
    pub recommended: Option<Nok>,
    pub decided_at: Option<OffsetDateTime>,
    pub case_number: Option<String>,
}

/// An application in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRow {
    pub id: i32,
    pub call_id: i32,
    pub title: String,
    pub applicant: Named,
    pub site: Option<Named>,
    pub amount: Option<Nok>,
    pub stage: Stage,
    pub submitted_at: Option<OffsetDateTime>,
    pub anchored: bool,
}

/// An answer to one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub criterion_id: i32,
    pub criterion: String,
    pub answer: String,
}

/// The decision as the applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// What was granted: 0 when declined.
    pub granted: Nok,
    /// The council's justification, the applicant's feedback.
    pub feedback: Option<String>,
    pub decided_at: OffsetDateTime,
    pub case_number: Option<String>,
}

/// The council's recommendation, seen by the council until the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    pub amount: Nok,
    pub justification: Option<String>,
    pub by: Option<Named>,
    pub at: OffsetDateTime,
}

/// One reviewer's review as others may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub reviewer: Named,
    pub conflict: bool,
    /// Criterion id → score, empty for a conflict.
    pub scores: Vec<(i32, u8)>,
    pub comment: Option<String>,
    pub updated_at: OffsetDateTime,
}

/// Where the acting reviewer stands with an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerDesk {
    /// Every conflict found: the app's flags and a declared one.
    pub conflicts: Vec<ConflictFlag>,
    /// The reviewer's own review, once saved.
    pub own: Option<ReviewView>,
    /// The other reviewers' reviews: only once the reviewer has scored, never for a
    /// conflicted reviewer.
    pub others: Vec<ReviewView>,
}

/// An application with everything the actor may see of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub row: ApplicationRow,
    pub call_title: String,
    /// The call's criteria (the answers' and a review's).
    pub criteria: Vec<CriterionView>,
    pub summary: Option<String>,
    pub project: Option<Named>,
    pub own_contribution: Nok,
    pub co_funding: Nok,
    pub budget_lines: Vec<BudgetLine>,
    pub answers: Vec<AnswerView>,
    pub team: Vec<Named>,
    /// The team's e-mail addresses, for the applicant's form (empty for anyone else).
    pub team_emails: Vec<String>,
    pub anchored_by: Option<Named>,
    pub anchored_at: Option<OffsetDateTime>,
    /// Once the call is decided (everyone who may see the application).
    pub outcome: Option<Outcome>,
    /// The council's, before and after the decision.
    pub recommendation: Option<Recommendation>,
    /// The acting reviewer's desk, when they review the call.
    pub desk: Option<ReviewerDesk>,
    /// Every review, for the council.
    pub reviews: Vec<ReviewView>,
    pub guidance_requested_at: Option<OffsetDateTime>,
    pub guidance_given_at: Option<OffsetDateTime>,
    /// A grant's reports and payments (its applicant, team and the council see them).
    pub reports: Vec<ReportView>,
    pub payments: Vec<PaymentView>,
    /// What the actor may do with it now.
    pub may_edit: bool,
    pub may_anchor: bool,
    pub may_review: bool,
    /// Deliver its reports: the applicant and team of a grant.
    pub may_report: bool,
    /// Ask for guidance: the applicant of a declined application.
    pub may_ask_guidance: bool,
    /// Record payments and follow up guidance: the fund's administrators.
    pub manages: bool,
}

/// An application's line in the council's ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankingLine {
    pub application: ApplicationRow,
    pub place: u32,
    pub score_hundredths: Option<i64>,
    pub spread_hundredths: Option<i64>,
    pub reviews: u32,
    pub recommended: Option<Nok>,
    pub justification: Option<String>,
}

/// A call's ranking with its running total against the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranking {
    pub call: CallRow,
    pub lines: Vec<RankingLine>,
    pub recommended: Nok,
    pub remaining: Nok,
    pub decided_at: Option<OffsetDateTime>,
}

/// One track's line in the yearly overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackLine {
    pub track: Named,
    pub year: TrackYear,
}

/// The fund's year, per track and in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub year: i32,
    pub tracks: Vec<TrackLine>,
    pub total: TrackYear,
}

/// Money paid to a grant or returned from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub kind: crate::fund::domain::followup::PaymentKind,
    pub amount: Nok,
    pub paid_on: Date,
    pub note: Option<String>,
}

/// A report a grant owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: i32,
    pub application_id: i32,
    pub application_title: String,
    pub kind: String,
    pub due_on: Date,
    pub submitted_at: Option<OffsetDateTime>,
    pub overdue: bool,
}

/// The fund's front page: the open calls, every call, the actor's own applications and those
/// they handle (review, anchor or, the council, rank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundPage {
    pub open: Vec<CallRow>,
    pub calls: Vec<CallRow>,
    pub mine: Vec<ApplicationRow>,
    pub handled: Vec<ApplicationRow>,
    pub manages: bool,
    pub council: bool,
}

/// A call's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallPage {
    pub call: CallView,
    /// The actor's own applications to it.
    pub mine: Vec<ApplicationRow>,
    pub manages: bool,
    pub council: bool,
}

/// The application form: its call, the organisation for the site select, and the draft when
/// it is changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyPage {
    pub call: CallView,
    pub organisation: Vec<crate::org::domain::SectorWithSites>,
    pub draft: Option<ApplicationView>,
}

/// The yearly overview with the tracks, for the budget form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewPage {
    pub overview: Overview,
    pub tracks: Vec<Named>,
    pub reports: Vec<ReportView>,
    /// Declined applicants who asked for guidance not yet given.
    pub guidance: Vec<ApplicationRow>,
}
