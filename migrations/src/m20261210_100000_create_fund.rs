//! The research and innovation fund (DESIGN §6, issue 28): tracks with a budget per year;
//! calls (rounds) of a track with their window, budget, maximum per application, weighted
//! criteria and reviewers; applications with their team, budget lines and answers; reviews
//! with their scores (one per reviewer and application: a unique index); the council's
//! recommendation and the decision on the application and call rows; reports, payments and
//! returned money. Amounts are whole kroner (`BIGINT`).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_100100_create_service_sites::ServiceSites;
use crate::m20261123_110000_create_users::Users;
use crate::m20261202_120000_create_portfolio::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

use crate::foreign_key as fk;

use ForeignKeyAction::{Cascade, Restrict, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        let indexes: [(&str, DynIden, Vec<DynIden>, bool); 8] = [
            (
                "ux_fund_tracks_name",
                FundTracks::Table.into_iden(),
                vec![FundTracks::Name.into_iden()],
                true,
            ),
            (
                "ux_fund_track_budgets_track_year",
                FundTrackBudgets::Table.into_iden(),
                vec![
                    FundTrackBudgets::TrackId.into_iden(),
                    FundTrackBudgets::Year.into_iden(),
                ],
                true,
            ),
            (
                "ix_fund_calls_track_year",
                FundCalls::Table.into_iden(),
                vec![FundCalls::TrackId.into_iden(), FundCalls::Year.into_iden()],
                false,
            ),
            (
                "ix_fund_criteria_call",
                FundCriteria::Table.into_iden(),
                vec![FundCriteria::CallId.into_iden()],
                false,
            ),
            (
                "ix_fund_applications_call",
                FundApplications::Table.into_iden(),
                vec![FundApplications::CallId.into_iden()],
                false,
            ),
            (
                "ix_fund_applications_applicant",
                FundApplications::Table.into_iden(),
                vec![FundApplications::ApplicantId.into_iden()],
                false,
            ),
            // One review per reviewer and application, also under concurrent saves.
            (
                "ux_fund_reviews_application_reviewer",
                FundReviews::Table.into_iden(),
                vec![
                    FundReviews::ApplicationId.into_iden(),
                    FundReviews::ReviewerId.into_iden(),
                ],
                true,
            ),
            (
                "ix_fund_reports_due",
                FundReports::Table.into_iden(),
                vec![
                    FundReports::SubmittedAt.into_iden(),
                    FundReports::DueOn.into_iden(),
                ],
                false,
            ),
        ];
        for (name, table, columns, unique) in indexes {
            crate::create_index(manager, name, table, columns, unique).await?;
        }
        for (name, table, column) in [
            (
                "ix_fund_budget_lines_application",
                FundBudgetLines::Table.into_iden(),
                FundBudgetLines::ApplicationId.into_iden(),
            ),
            (
                "ix_fund_reports_application",
                FundReports::Table.into_iden(),
                FundReports::ApplicationId.into_iden(),
            ),
            (
                "ix_fund_payments_application",
                FundPayments::Table.into_iden(),
                FundPayments::ApplicationId.into_iden(),
            ),
        ] {
            crate::create_index(manager, name, table, [column], false).await?;
        }
        // The fund's three tracks (DESIGN §1, §6): the fund's shape, not demo data, so a new
        // installation can budget and open calls at once.
        let mut tracks = Query::insert()
            .into_table(FundTracks::Table)
            .columns([FundTracks::Name, FundTracks::Position])
            .to_owned();
        for (position, name) in TRACKS.iter().enumerate() {
            tracks.values_panic([(*name).into(), (position as i32).into()]);
        }
        manager.exec_stmt(tracks).await?;
        Ok(())
    }
}

/// The tracks a new fund starts with.
pub const TRACKS: [&str; 3] = [
    "Større forsknings- og innovasjonsprosjekter",
    "Lokale innovasjonsmidler",
    "Sosiale entreprenører",
];

fn pair_key<A: IntoIden + Copy + 'static, B: IntoIden + Copy + 'static>(
    a: A,
    b: B,
) -> IndexCreateStatement {
    Index::create().col(a).col(b).to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        // DESIGN §6: larger research and innovation projects, local innovation funds, social
        // entrepreneurs.
        Table::create()
            .table(FundTracks::Table)
            .if_not_exists()
            .col(pk_auto(FundTracks::Id))
            .col(string_len(FundTracks::Name, 120))
            .col(integer(FundTracks::Position))
            .to_owned(),
        // The fund's yearly budget, split into its tracks: the year's budget is their sum.
        Table::create()
            .table(FundTrackBudgets::Table)
            .if_not_exists()
            .col(pk_auto(FundTrackBudgets::Id))
            .col(integer(FundTrackBudgets::TrackId))
            .col(integer(FundTrackBudgets::Year))
            .col(big_integer(FundTrackBudgets::BudgetNok))
            .foreign_key(&mut fk(
                "fk_fund_track_budgets_track",
                FundTrackBudgets::Table,
                FundTrackBudgets::TrackId,
                FundTracks::Table,
                Cascade,
            ))
            .to_owned(),
        // A round: the decision (`decided_at`, `decided_by`, the archive's case number) is
        // recorded on it once.
        Table::create()
            .table(FundCalls::Table)
            .if_not_exists()
            .col(pk_auto(FundCalls::Id))
            .col(integer(FundCalls::TrackId))
            .col(integer(FundCalls::Year))
            .col(string_len(FundCalls::Title, 200))
            .col(text(FundCalls::Body))
            .col(timestamp_with_time_zone(FundCalls::OpensAt))
            .col(timestamp_with_time_zone(FundCalls::ClosesAt))
            .col(big_integer(FundCalls::BudgetNok))
            .col(big_integer(FundCalls::MaxAmountNok))
            .col(timestamp_with_time_zone_null(FundCalls::DecidedAt))
            .col(integer_null(FundCalls::DecidedBy))
            .col(string_len_null(FundCalls::CaseNumber, 100))
            .col(timestamp_with_time_zone(FundCalls::CreatedAt))
            .col(timestamp_with_time_zone(FundCalls::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_fund_calls_track",
                FundCalls::Table,
                FundCalls::TrackId,
                FundTracks::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_fund_calls_decided_by",
                FundCalls::Table,
                FundCalls::DecidedBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table(FundCriteria::Table)
            .if_not_exists()
            .col(pk_auto(FundCriteria::Id))
            .col(integer(FundCriteria::CallId))
            .col(string_len(FundCriteria::Name, 200))
            .col(integer(FundCriteria::Weight))
            .col(integer(FundCriteria::Position))
            .foreign_key(&mut fk(
                "fk_fund_criteria_call",
                FundCriteria::Table,
                FundCriteria::CallId,
                FundCalls::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(FundCallReviewers::Table)
            .if_not_exists()
            .col(integer(FundCallReviewers::CallId))
            .col(integer(FundCallReviewers::UserId))
            .primary_key(&mut pair_key(
                FundCallReviewers::CallId,
                FundCallReviewers::UserId,
            ))
            .foreign_key(&mut fk(
                "fk_fund_call_reviewers_call",
                FundCallReviewers::Table,
                FundCallReviewers::CallId,
                FundCalls::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_call_reviewers_user",
                FundCallReviewers::Table,
                FundCallReviewers::UserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        // Draft → submitted (locked) → the council's recommendation → the decision (on the
        // call) → reports → closed. Guidance: a declined applicant asked for it (`guidance_
        // requested_at`), the administrators followed up (`guidance_given_at`).
        Table::create()
            .table(FundApplications::Table)
            .if_not_exists()
            .col(pk_auto(FundApplications::Id))
            .col(integer(FundApplications::CallId))
            .col(integer(FundApplications::ApplicantId))
            .col(string_len(FundApplications::Title, 200))
            .col(text_null(FundApplications::Summary))
            .col(integer_null(FundApplications::SiteId))
            .col(integer_null(FundApplications::ProjectId))
            .col(big_integer_null(FundApplications::AmountNok))
            .col(big_integer(FundApplications::OwnContributionNok).default(0))
            .col(big_integer(FundApplications::CoFundingNok).default(0))
            .col(timestamp_with_time_zone_null(FundApplications::SubmittedAt))
            .col(integer_null(FundApplications::AnchoredBy))
            .col(timestamp_with_time_zone_null(FundApplications::AnchoredAt))
            .col(big_integer_null(FundApplications::RecommendedNok))
            .col(text_null(FundApplications::Justification))
            .col(integer_null(FundApplications::RecommendedBy))
            .col(timestamp_with_time_zone_null(
                FundApplications::RecommendedAt,
            ))
            .col(timestamp_with_time_zone_null(
                FundApplications::GuidanceRequestedAt,
            ))
            .col(timestamp_with_time_zone_null(
                FundApplications::GuidanceGivenAt,
            ))
            .col(timestamp_with_time_zone_null(FundApplications::ClosedAt))
            .col(timestamp_with_time_zone(FundApplications::CreatedAt))
            .col(timestamp_with_time_zone(FundApplications::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_fund_applications_call",
                FundApplications::Table,
                FundApplications::CallId,
                FundCalls::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_fund_applications_applicant",
                FundApplications::Table,
                FundApplications::ApplicantId,
                Users::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_fund_applications_site",
                FundApplications::Table,
                FundApplications::SiteId,
                ServiceSites::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_fund_applications_project",
                FundApplications::Table,
                FundApplications::ProjectId,
                Projects::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_fund_applications_anchored_by",
                FundApplications::Table,
                FundApplications::AnchoredBy,
                Users::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_fund_applications_recommended_by",
                FundApplications::Table,
                FundApplications::RecommendedBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
        Table::create()
            .table(FundTeamMembers::Table)
            .if_not_exists()
            .col(integer(FundTeamMembers::ApplicationId))
            .col(integer(FundTeamMembers::UserId))
            .primary_key(&mut pair_key(
                FundTeamMembers::ApplicationId,
                FundTeamMembers::UserId,
            ))
            .foreign_key(&mut fk(
                "fk_fund_team_members_application",
                FundTeamMembers::Table,
                FundTeamMembers::ApplicationId,
                FundApplications::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_team_members_user",
                FundTeamMembers::Table,
                FundTeamMembers::UserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(FundBudgetLines::Table)
            .if_not_exists()
            .col(pk_auto(FundBudgetLines::Id))
            .col(integer(FundBudgetLines::ApplicationId))
            .col(integer(FundBudgetLines::Position))
            .col(string_len(FundBudgetLines::Description, 200))
            .col(big_integer(FundBudgetLines::AmountNok))
            .foreign_key(&mut fk(
                "fk_fund_budget_lines_application",
                FundBudgetLines::Table,
                FundBudgetLines::ApplicationId,
                FundApplications::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(FundAnswers::Table)
            .if_not_exists()
            .col(integer(FundAnswers::ApplicationId))
            .col(integer(FundAnswers::CriterionId))
            .col(text(FundAnswers::Body))
            .primary_key(&mut pair_key(
                FundAnswers::ApplicationId,
                FundAnswers::CriterionId,
            ))
            .foreign_key(&mut fk(
                "fk_fund_answers_application",
                FundAnswers::Table,
                FundAnswers::ApplicationId,
                FundApplications::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_answers_criterion",
                FundAnswers::Table,
                FundAnswers::CriterionId,
                FundCriteria::Table,
                Cascade,
            ))
            .to_owned(),
        // A declared conflict is a review with `conflict` set and no scores.
        Table::create()
            .table(FundReviews::Table)
            .if_not_exists()
            .col(pk_auto(FundReviews::Id))
            .col(integer(FundReviews::ApplicationId))
            .col(integer(FundReviews::ReviewerId))
            .col(boolean(FundReviews::Conflict).default(false))
            .col(text_null(FundReviews::Comment))
            .col(timestamp_with_time_zone(FundReviews::CreatedAt))
            .col(timestamp_with_time_zone(FundReviews::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_fund_reviews_application",
                FundReviews::Table,
                FundReviews::ApplicationId,
                FundApplications::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_reviews_reviewer",
                FundReviews::Table,
                FundReviews::ReviewerId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(FundReviewScores::Table)
            .if_not_exists()
            .col(integer(FundReviewScores::ReviewId))
            .col(integer(FundReviewScores::CriterionId))
            .col(small_integer(FundReviewScores::Score))
            .primary_key(&mut pair_key(
                FundReviewScores::ReviewId,
                FundReviewScores::CriterionId,
            ))
            .foreign_key(&mut fk(
                "fk_fund_review_scores_review",
                FundReviewScores::Table,
                FundReviewScores::ReviewId,
                FundReviews::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_review_scores_criterion",
                FundReviewScores::Table,
                FundReviewScores::CriterionId,
                FundCriteria::Table,
                Cascade,
            ))
            .to_owned(),
        // `fund::domain::followup::ReportKind`: interim, final.
        Table::create()
            .table(FundReports::Table)
            .if_not_exists()
            .col(pk_auto(FundReports::Id))
            .col(integer(FundReports::ApplicationId))
            .col(string_len(FundReports::Kind, 16))
            .col(date(FundReports::DueOn))
            .col(timestamp_with_time_zone_null(FundReports::SubmittedAt))
            .col(integer_null(FundReports::SubmittedBy))
            .col(text_null(FundReports::Body))
            .foreign_key(&mut fk(
                "fk_fund_reports_application",
                FundReports::Table,
                FundReports::ApplicationId,
                FundApplications::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_reports_submitted_by",
                FundReports::Table,
                FundReports::SubmittedBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
        // `fund::domain::followup::PaymentKind`: payment (to the project), returned (unused
        // money back to the fund).
        Table::create()
            .table(FundPayments::Table)
            .if_not_exists()
            .col(pk_auto(FundPayments::Id))
            .col(integer(FundPayments::ApplicationId))
            .col(string_len(FundPayments::Kind, 16))
            .col(big_integer(FundPayments::AmountNok))
            .col(date(FundPayments::PaidOn))
            .col(string_len_null(FundPayments::Note, 200))
            .col(integer_null(FundPayments::RecordedBy))
            .col(timestamp_with_time_zone(FundPayments::RecordedAt))
            .foreign_key(&mut fk(
                "fk_fund_payments_application",
                FundPayments::Table,
                FundPayments::ApplicationId,
                FundApplications::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_fund_payments_recorded_by",
                FundPayments::Table,
                FundPayments::RecordedBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
    ]
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundTracks {
    Table,
    Id,
    Name,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundTrackBudgets {
    Table,
    Id,
    TrackId,
    Year,
    BudgetNok,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundCalls {
    Table,
    Id,
    TrackId,
    Year,
    Title,
    Body,
    OpensAt,
    ClosesAt,
    BudgetNok,
    MaxAmountNok,
    DecidedAt,
    DecidedBy,
    CaseNumber,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundCriteria {
    Table,
    Id,
    CallId,
    Name,
    Weight,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundCallReviewers {
    Table,
    CallId,
    UserId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundApplications {
    Table,
    Id,
    CallId,
    ApplicantId,
    Title,
    Summary,
    SiteId,
    ProjectId,
    AmountNok,
    OwnContributionNok,
    CoFundingNok,
    SubmittedAt,
    AnchoredBy,
    AnchoredAt,
    RecommendedNok,
    Justification,
    RecommendedBy,
    RecommendedAt,
    GuidanceRequestedAt,
    GuidanceGivenAt,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundTeamMembers {
    Table,
    ApplicationId,
    UserId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundBudgetLines {
    Table,
    Id,
    ApplicationId,
    Position,
    Description,
    AmountNok,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundAnswers {
    Table,
    ApplicationId,
    CriterionId,
    Body,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundReviews {
    Table,
    Id,
    ApplicationId,
    ReviewerId,
    Conflict,
    Comment,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundReviewScores {
    Table,
    ReviewId,
    CriterionId,
    Score,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundReports {
    Table,
    Id,
    ApplicationId,
    Kind,
    DueOn,
    SubmittedAt,
    SubmittedBy,
    Body,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum FundPayments {
    Table,
    Id,
    ApplicationId,
    Kind,
    AmountNok,
    PaidOn,
    Note,
    RecordedBy,
    RecordedAt,
}
