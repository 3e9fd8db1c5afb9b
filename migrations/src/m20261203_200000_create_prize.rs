//! The annual innovation prize (DESIGN §7, issue 14): prize years with their dates, categories
//! with weighted criteria and a jury with a chair, nominations with a justification per
//! criterion, the shortlist, jurors' ballots (one per juror and nomination: a unique index, so
//! concurrent saves cannot make two), declared conflicts, the chair's tie-break choice and the
//! people's choice votes.

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
        let indexes: [(&str, DynIden, Vec<DynIden>, bool); 5] = [
            (
                "ux_prize_years_year",
                PrizeYears::Table.into_iden(),
                vec![PrizeYears::Year.into_iden()],
                true,
            ),
            (
                "ux_prize_categories_year_name",
                PrizeCategories::Table.into_iden(),
                vec![
                    PrizeCategories::YearId.into_iden(),
                    PrizeCategories::Name.into_iden(),
                ],
                true,
            ),
            (
                "ix_prize_criteria_category",
                PrizeCriteria::Table.into_iden(),
                vec![PrizeCriteria::CategoryId.into_iden()],
                false,
            ),
            (
                "ix_prize_nominations_category",
                PrizeNominations::Table.into_iden(),
                vec![
                    PrizeNominations::CategoryId.into_iden(),
                    PrizeNominations::Status.into_iden(),
                ],
                false,
            ),
            // Issue 14: one ballot per juror and nomination, also under concurrent saves.
            (
                "ux_prize_ballots_nomination_juror",
                PrizeBallots::Table.into_iden(),
                vec![
                    PrizeBallots::NominationId.into_iden(),
                    PrizeBallots::JurorId.into_iden(),
                ],
                true,
            ),
        ];
        for (name, table, columns, unique) in indexes {
            crate::create_index(manager, name, table, columns, unique).await?;
        }
        Ok(())
    }
}

fn pair_key<A: IntoIden + Copy + 'static, B: IntoIden + Copy + 'static>(
    a: A,
    b: B,
) -> IndexCreateStatement {
    Index::create().col(a).col(b).to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(PrizeYears::Table)
            .if_not_exists()
            .col(pk_auto(PrizeYears::Id))
            .col(integer(PrizeYears::Year))
            .col(timestamp_with_time_zone(PrizeYears::NominationsOpen))
            .col(timestamp_with_time_zone(PrizeYears::NominationsClose))
            .col(timestamp_with_time_zone(PrizeYears::JuryDeadline))
            .col(date(PrizeYears::AwardOn))
            .col(boolean(PrizeYears::PeoplesChoice).default(false))
            // Results are sealed until the committee publishes them (DESIGN §7).
            .col(timestamp_with_time_zone_null(PrizeYears::PublishedAt))
            .col(timestamp_with_time_zone(PrizeYears::CreatedAt))
            .to_owned(),
        Table::create()
            .table(PrizeCategories::Table)
            .if_not_exists()
            .col(pk_auto(PrizeCategories::Id))
            .col(integer(PrizeCategories::YearId))
            .col(string_len(PrizeCategories::Name, 120))
            .col(integer(PrizeCategories::Position))
            .col(integer(PrizeCategories::ChairId))
            .foreign_key(&mut fk(
                "fk_prize_categories_year",
                PrizeCategories::Table,
                PrizeCategories::YearId,
                PrizeYears::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_categories_chair",
                PrizeCategories::Table,
                PrizeCategories::ChairId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(PrizeCriteria::Table)
            .if_not_exists()
            .col(pk_auto(PrizeCriteria::Id))
            .col(integer(PrizeCriteria::CategoryId))
            .col(string_len(PrizeCriteria::Name, 120))
            .col(integer(PrizeCriteria::Weight))
            .col(integer(PrizeCriteria::Position))
            .foreign_key(&mut fk(
                "fk_prize_criteria_category",
                PrizeCriteria::Table,
                PrizeCriteria::CategoryId,
                PrizeCategories::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(PrizeJurors::Table)
            .if_not_exists()
            .col(integer(PrizeJurors::CategoryId))
            .col(integer(PrizeJurors::UserId))
            .primary_key(&mut pair_key(PrizeJurors::CategoryId, PrizeJurors::UserId))
            .foreign_key(&mut fk(
                "fk_prize_jurors_category",
                PrizeJurors::Table,
                PrizeJurors::CategoryId,
                PrizeCategories::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_jurors_user",
                PrizeJurors::Table,
                PrizeJurors::UserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        // A nomination of a project, a team or a person, from a service site (the site a
        // juror of the same site is recused from, and the gallery's filter).
        Table::create()
            .table(PrizeNominations::Table)
            .if_not_exists()
            .col(pk_auto(PrizeNominations::Id))
            .col(integer(PrizeNominations::CategoryId))
            .col(integer(PrizeNominations::NominatorId))
            .col(string_len(PrizeNominations::Title, 160))
            .col(string_len(PrizeNominations::Nominee, 200))
            .col(integer_null(PrizeNominations::NomineeUserId))
            .col(integer_null(PrizeNominations::ProjectId))
            .col(integer(PrizeNominations::SiteId))
            .col(text(PrizeNominations::Links))
            // `prize::domain::nomination::NominationStatus`: submitted, withdrawn.
            .col(string_len(PrizeNominations::Status, 16))
            .col(boolean(PrizeNominations::Finalist).default(false))
            .col(text_null(PrizeNominations::Statement))
            .col(timestamp_with_time_zone(PrizeNominations::CreatedAt))
            .col(timestamp_with_time_zone(PrizeNominations::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_prize_nominations_category",
                PrizeNominations::Table,
                PrizeNominations::CategoryId,
                PrizeCategories::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_prize_nominations_nominator",
                PrizeNominations::Table,
                PrizeNominations::NominatorId,
                Users::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_prize_nominations_nominee",
                PrizeNominations::Table,
                PrizeNominations::NomineeUserId,
                Users::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_prize_nominations_project",
                PrizeNominations::Table,
                PrizeNominations::ProjectId,
                Projects::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_prize_nominations_site",
                PrizeNominations::Table,
                PrizeNominations::SiteId,
                ServiceSites::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(PrizeJustifications::Table)
            .if_not_exists()
            .col(integer(PrizeJustifications::NominationId))
            .col(integer(PrizeJustifications::CriterionId))
            .col(text(PrizeJustifications::Body))
            .primary_key(&mut pair_key(
                PrizeJustifications::NominationId,
                PrizeJustifications::CriterionId,
            ))
            .foreign_key(&mut fk(
                "fk_prize_justifications_nomination",
                PrizeJustifications::Table,
                PrizeJustifications::NominationId,
                PrizeNominations::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_justifications_criterion",
                PrizeJustifications::Table,
                PrizeJustifications::CriterionId,
                PrizeCriteria::Table,
                Cascade,
            ))
            .to_owned(),
        // A conflict a juror declared (DESIGN §7: the juror confirms or explains).
        Table::create()
            .table(PrizeConflicts::Table)
            .if_not_exists()
            .col(integer(PrizeConflicts::NominationId))
            .col(integer(PrizeConflicts::JurorId))
            .col(text(PrizeConflicts::Reason))
            .col(timestamp_with_time_zone(PrizeConflicts::DeclaredAt))
            .primary_key(&mut pair_key(
                PrizeConflicts::NominationId,
                PrizeConflicts::JurorId,
            ))
            .foreign_key(&mut fk(
                "fk_prize_conflicts_nomination",
                PrizeConflicts::Table,
                PrizeConflicts::NominationId,
                PrizeNominations::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_conflicts_juror",
                PrizeConflicts::Table,
                PrizeConflicts::JurorId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(PrizeBallots::Table)
            .if_not_exists()
            .col(pk_auto(PrizeBallots::Id))
            .col(integer(PrizeBallots::NominationId))
            .col(integer(PrizeBallots::JurorId))
            .col(text_null(PrizeBallots::Comment))
            .col(timestamp_with_time_zone(PrizeBallots::CreatedAt))
            .col(timestamp_with_time_zone(PrizeBallots::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_prize_ballots_nomination",
                PrizeBallots::Table,
                PrizeBallots::NominationId,
                PrizeNominations::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_prize_ballots_juror",
                PrizeBallots::Table,
                PrizeBallots::JurorId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(PrizeScores::Table)
            .if_not_exists()
            .col(integer(PrizeScores::BallotId))
            .col(integer(PrizeScores::CriterionId))
            .col(small_integer(PrizeScores::Score))
            .primary_key(&mut pair_key(
                PrizeScores::BallotId,
                PrizeScores::CriterionId,
            ))
            .foreign_key(&mut fk(
                "fk_prize_scores_ballot",
                PrizeScores::Table,
                PrizeScores::BallotId,
                PrizeBallots::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_scores_criterion",
                PrizeScores::Table,
                PrizeScores::CriterionId,
                PrizeCriteria::Table,
                Cascade,
            ))
            .to_owned(),
        // The chair's recorded choice, the last tie-break (issue 14).
        Table::create()
            .table(PrizeChairChoices::Table)
            .if_not_exists()
            .col(integer(PrizeChairChoices::CategoryId).primary_key())
            .col(integer(PrizeChairChoices::NominationId))
            .col(timestamp_with_time_zone(PrizeChairChoices::RecordedAt))
            .foreign_key(&mut fk(
                "fk_prize_chair_choices_category",
                PrizeChairChoices::Table,
                PrizeChairChoices::CategoryId,
                PrizeCategories::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_chair_choices_nomination",
                PrizeChairChoices::Table,
                PrizeChairChoices::NominationId,
                PrizeNominations::Table,
                Cascade,
            ))
            .to_owned(),
        // The people's choice: one vote per employee and category, changeable.
        Table::create()
            .table(PrizePeopleVotes::Table)
            .if_not_exists()
            .col(integer(PrizePeopleVotes::CategoryId))
            .col(integer(PrizePeopleVotes::UserId))
            .col(integer(PrizePeopleVotes::NominationId))
            .col(timestamp_with_time_zone(PrizePeopleVotes::UpdatedAt))
            .primary_key(&mut pair_key(
                PrizePeopleVotes::CategoryId,
                PrizePeopleVotes::UserId,
            ))
            .foreign_key(&mut fk(
                "fk_prize_people_votes_category",
                PrizePeopleVotes::Table,
                PrizePeopleVotes::CategoryId,
                PrizeCategories::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_people_votes_user",
                PrizePeopleVotes::Table,
                PrizePeopleVotes::UserId,
                Users::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_prize_people_votes_nomination",
                PrizePeopleVotes::Table,
                PrizePeopleVotes::NominationId,
                PrizeNominations::Table,
                Cascade,
            ))
            .to_owned(),
    ]
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeYears {
    Table,
    Id,
    Year,
    NominationsOpen,
    NominationsClose,
    JuryDeadline,
    AwardOn,
    PeoplesChoice,
    PublishedAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeCategories {
    Table,
    Id,
    YearId,
    Name,
    Position,
    ChairId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeCriteria {
    Table,
    Id,
    CategoryId,
    Name,
    Weight,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeJurors {
    Table,
    CategoryId,
    UserId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeNominations {
    Table,
    Id,
    CategoryId,
    NominatorId,
    Title,
    Nominee,
    NomineeUserId,
    ProjectId,
    SiteId,
    Links,
    Status,
    Finalist,
    Statement,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeJustifications {
    Table,
    NominationId,
    CriterionId,
    Body,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeConflicts {
    Table,
    NominationId,
    JurorId,
    Reason,
    DeclaredAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeBallots {
    Table,
    Id,
    NominationId,
    JurorId,
    Comment,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeScores {
    Table,
    BallotId,
    CriterionId,
    Score,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeChairChoices {
    Table,
    CategoryId,
    NominationId,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizePeopleVotes {
    Table,
    CategoryId,
    UserId,
    NominationId,
    UpdatedAt,
}
