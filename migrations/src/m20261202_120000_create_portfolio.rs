//! The innovation portfolio (DESIGN §4, issue 12): phases (data, with KS' defaults), programmes,
//! tags, ideas with their supports and comments, projects with members, sites, partners,
//! funding, phase changes, benefits with measurements, and what each project stops doing.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_100000_create_sectors::Sectors;
use crate::m20261123_100100_create_service_sites::ServiceSites;
use crate::m20261123_110000_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

use crate::foreign_key as fk;

use ForeignKeyAction::{Cascade, Restrict, SetNull};

/// KS' roadmap for service innovation, then *Stoppet* (`portfolio::domain::phase`).
const DEFAULT_PHASES: [(&str, &str, i32, bool); 6] = [
    ("forankring", "Forankring", 10, false),
    ("innsikt_og_ide", "Innsikt og idé", 20, false),
    (
        "utvikling_og_utproving",
        "Utvikling og utprøving",
        30,
        false,
    ),
    ("overgang_til_drift", "Overgang til drift", 40, false),
    ("ny_praksis", "Ny praksis", 50, false),
    ("stoppet", "Stoppet", 90, true),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for (name, table, columns, unique) in indexes() {
            crate::create_index(manager, name, table, columns, unique).await?;
        }
        let mut insert = Query::insert();
        insert.into_table(Phases::Table).columns([
            Phases::Key,
            Phases::Name,
            Phases::Position,
            Phases::Stops,
        ]);
        for (key, name, position, stops) in DEFAULT_PHASES {
            insert.values_panic([key.into(), name.into(), position.into(), stops.into()]);
        }
        manager.exec_stmt(insert.to_owned()).await
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(Phases::Table)
            .if_not_exists()
            .col(pk_auto(Phases::Id))
            .col(string_len(Phases::Key, 64))
            .col(string_len(Phases::Name, 100))
            .col(integer(Phases::Position))
            .col(boolean(Phases::Stops).default(false))
            .to_owned(),
        Table::create()
            .table(Programmes::Table)
            .if_not_exists()
            .col(pk_auto(Programmes::Id))
            .col(string_len(Programmes::Name, 160))
            .col(text_null(Programmes::Description))
            .to_owned(),
        // Shared by ideas, projects and later posts; `name_key` is `core::parse::name_key`.
        Table::create()
            .table(Tags::Table)
            .if_not_exists()
            .col(pk_auto(Tags::Id))
            .col(string_len(Tags::Name, 40))
            .col(string_len(Tags::NameKey, 40))
            .to_owned(),
        Table::create()
            .table(Ideas::Table)
            .if_not_exists()
            .col(pk_auto(Ideas::Id))
            .col(string_len(Ideas::Title, 160))
            .col(text(Ideas::Problem))
            .col(text(Ideas::Proposal))
            .col(text_null(Ideas::ExpectedGain))
            .col(integer_null(Ideas::SiteId))
            .col(integer(Ideas::SubmittedBy))
            .col(string_len(Ideas::Status, 32))
            .col(text_null(Ideas::DecisionReason))
            .col(integer_null(Ideas::DecidedBy))
            .col(timestamp_with_time_zone_null(Ideas::DecidedAt))
            .col(timestamp_with_time_zone(Ideas::CreatedAt))
            .foreign_key(&mut fk(
                "fk_ideas_site",
                Ideas::Table,
                Ideas::SiteId,
                ServiceSites::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_ideas_submitter",
                Ideas::Table,
                Ideas::SubmittedBy,
                Users::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_ideas_decider",
                Ideas::Table,
                Ideas::DecidedBy,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        link(
            IdeaTags::Table,
            IdeaTags::IdeaId,
            Ideas::Table,
            IdeaTags::TagId,
            Tags::Table,
        ),
        goals(
            IdeaSdgs::Table,
            IdeaSdgs::IdeaId,
            Ideas::Table,
            IdeaSdgs::Goal,
        ),
        Table::create()
            .table(IdeaSupports::Table)
            .if_not_exists()
            .col(integer(IdeaSupports::IdeaId))
            .col(integer(IdeaSupports::UserId))
            .col(timestamp_with_time_zone(IdeaSupports::CreatedAt))
            // DESIGN §4: one support per user.
            .primary_key(
                Index::create()
                    .col(IdeaSupports::IdeaId)
                    .col(IdeaSupports::UserId),
            )
            .foreign_key(&mut fk(
                "fk_idea_supports_idea",
                IdeaSupports::Table,
                IdeaSupports::IdeaId,
                Ideas::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_idea_supports_user",
                IdeaSupports::Table,
                IdeaSupports::UserId,
                Users::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(IdeaComments::Table)
            .if_not_exists()
            .col(pk_auto(IdeaComments::Id))
            .col(integer(IdeaComments::IdeaId))
            .col(integer(IdeaComments::AuthorId))
            .col(text(IdeaComments::Body))
            .col(timestamp_with_time_zone(IdeaComments::CreatedAt))
            .foreign_key(&mut fk(
                "fk_idea_comments_idea",
                IdeaComments::Table,
                IdeaComments::IdeaId,
                Ideas::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_idea_comments_author",
                IdeaComments::Table,
                IdeaComments::AuthorId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(Projects::Table)
            .if_not_exists()
            .col(pk_auto(Projects::Id))
            .col(string_len(Projects::Name, 160))
            .col(text(Projects::Description))
            .col(integer(Projects::OwnerId))
            .col(integer(Projects::LeadSiteId))
            .col(integer(Projects::SectorId))
            .col(integer_null(Projects::ProgrammeId))
            .col(integer(Projects::PhaseId))
            // Whole kroner (DESIGN §4: never floating point).
            .col(big_integer_null(Projects::BudgetNok))
            .col(date_null(Projects::StartedOn))
            .col(integer_null(Projects::IdeaId))
            .col(timestamp_with_time_zone(Projects::CreatedAt))
            .col(timestamp_with_time_zone(Projects::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_projects_owner",
                Projects::Table,
                Projects::OwnerId,
                Users::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_projects_lead_site",
                Projects::Table,
                Projects::LeadSiteId,
                ServiceSites::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_projects_sector",
                Projects::Table,
                Projects::SectorId,
                Sectors::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_projects_programme",
                Projects::Table,
                Projects::ProgrammeId,
                Programmes::Table,
                SetNull,
            ))
            .foreign_key(&mut fk(
                "fk_projects_phase",
                Projects::Table,
                Projects::PhaseId,
                Phases::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_projects_idea",
                Projects::Table,
                Projects::IdeaId,
                Ideas::Table,
                Restrict,
            ))
            .to_owned(),
        link(
            ProjectMembers::Table,
            ProjectMembers::ProjectId,
            Projects::Table,
            ProjectMembers::UserId,
            Users::Table,
        ),
        link(
            ProjectSites::Table,
            ProjectSites::ProjectId,
            Projects::Table,
            ProjectSites::SiteId,
            ServiceSites::Table,
        ),
        link(
            ProjectTags::Table,
            ProjectTags::ProjectId,
            Projects::Table,
            ProjectTags::TagId,
            Tags::Table,
        ),
        goals(
            ProjectSdgs::Table,
            ProjectSdgs::ProjectId,
            Projects::Table,
            ProjectSdgs::Goal,
        ),
        Table::create()
            .table(ProjectPartners::Table)
            .if_not_exists()
            .col(pk_auto(ProjectPartners::Id))
            .col(integer(ProjectPartners::ProjectId))
            .col(string_len(ProjectPartners::Kind, 32))
            .col(string_len(ProjectPartners::Name, 200))
            .foreign_key(&mut fk(
                "fk_project_partners_project",
                ProjectPartners::Table,
                ProjectPartners::ProjectId,
                Projects::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(ProjectFunding::Table)
            .if_not_exists()
            .col(pk_auto(ProjectFunding::Id))
            .col(integer(ProjectFunding::ProjectId))
            .col(string_len(ProjectFunding::Source, 200))
            .col(big_integer(ProjectFunding::AmountNok))
            .foreign_key(&mut fk(
                "fk_project_funding_project",
                ProjectFunding::Table,
                ProjectFunding::ProjectId,
                Projects::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(PhaseChanges::Table)
            .if_not_exists()
            .col(big_pk_auto(PhaseChanges::Id))
            .col(integer(PhaseChanges::ProjectId))
            .col(integer_null(PhaseChanges::FromPhaseId))
            .col(integer(PhaseChanges::ToPhaseId))
            .col(text(PhaseChanges::Note))
            .col(integer_null(PhaseChanges::ChangedBy))
            .col(timestamp_with_time_zone(PhaseChanges::ChangedAt))
            .foreign_key(&mut fk(
                "fk_phase_changes_project",
                PhaseChanges::Table,
                PhaseChanges::ProjectId,
                Projects::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_phase_changes_from",
                PhaseChanges::Table,
                PhaseChanges::FromPhaseId,
                Phases::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_phase_changes_to",
                PhaseChanges::Table,
                PhaseChanges::ToPhaseId,
                Phases::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_phase_changes_user",
                PhaseChanges::Table,
                PhaseChanges::ChangedBy,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(Benefits::Table)
            .if_not_exists()
            .col(pk_auto(Benefits::Id))
            .col(integer(Benefits::ProjectId))
            .col(string_len(Benefits::Kind, 16))
            .col(string_len(Benefits::Description, 200))
            .col(string_len(Benefits::Unit, 40))
            .col(big_integer(Benefits::Baseline))
            .col(big_integer(Benefits::Target))
            .col(date_null(Benefits::TargetDate))
            .col(integer(Benefits::ResponsibleUserId))
            .col(timestamp_with_time_zone(Benefits::CreatedAt))
            .foreign_key(&mut fk(
                "fk_benefits_project",
                Benefits::Table,
                Benefits::ProjectId,
                Projects::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_benefits_responsible",
                Benefits::Table,
                Benefits::ResponsibleUserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(BenefitMeasurements::Table)
            .if_not_exists()
            .col(big_pk_auto(BenefitMeasurements::Id))
            .col(integer(BenefitMeasurements::BenefitId))
            .col(date(BenefitMeasurements::MeasuredOn))
            .col(big_integer(BenefitMeasurements::Value))
            .col(integer_null(BenefitMeasurements::RecordedBy))
            .col(timestamp_with_time_zone(BenefitMeasurements::RecordedAt))
            .foreign_key(&mut fk(
                "fk_benefit_measurements_benefit",
                BenefitMeasurements::Table,
                BenefitMeasurements::BenefitId,
                Benefits::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_benefit_measurements_user",
                BenefitMeasurements::Table,
                BenefitMeasurements::RecordedBy,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(Discontinuations::Table)
            .if_not_exists()
            .col(pk_auto(Discontinuations::Id))
            .col(integer(Discontinuations::ProjectId))
            .col(string_len(Discontinuations::What, 200))
            .col(date(Discontinuations::FromDate))
            .col(big_integer_null(Discontinuations::YearlySavingNok))
            .foreign_key(&mut fk(
                "fk_discontinuations_project",
                Discontinuations::Table,
                Discontinuations::ProjectId,
                Projects::Table,
                Cascade,
            ))
            .to_owned(),
    ]
}

/// A many-to-many link table `(a_col → a, b_col → b)` keyed by both.
fn link(
    table: impl IntoIden + Copy + 'static,
    a_col: impl IntoIden + Copy + 'static,
    a: impl IntoIden + 'static,
    b_col: impl IntoIden + Copy + 'static,
    b: impl IntoIden + 'static,
) -> TableCreateStatement {
    let name = |col: DynIden| format!("fk_{}_{}", table.into_iden(), col);
    Table::create()
        .table(table)
        .if_not_exists()
        .col(integer(a_col))
        .col(integer(b_col))
        .primary_key(Index::create().col(a_col).col(b_col))
        .foreign_key(&mut fk(&name(a_col.into_iden()), table, a_col, a, Cascade))
        .foreign_key(&mut fk(&name(b_col.into_iden()), table, b_col, b, Cascade))
        .to_owned()
}

/// The sustainable-development goals (1–17) of an idea or a project.
fn goals(
    table: impl IntoIden + Copy + 'static,
    owner_col: impl IntoIden + Copy + 'static,
    owner: impl IntoIden + 'static,
    goal: impl IntoIden + Copy + 'static,
) -> TableCreateStatement {
    let name = format!("fk_{}_owner", table.into_iden());
    Table::create()
        .table(table)
        .if_not_exists()
        .col(integer(owner_col))
        .col(small_integer(goal))
        .primary_key(Index::create().col(owner_col).col(goal))
        .foreign_key(&mut fk(&name, table, owner_col, owner, Cascade))
        .to_owned()
}

/// (name, table, columns, unique): what the portfolio page filters and sorts on, and the
/// links' second columns (the first is their key's lead).
fn indexes() -> Vec<(&'static str, DynIden, Vec<DynIden>, bool)> {
    fn i(
        name: &'static str,
        table: impl IntoIden,
        cols: Vec<DynIden>,
        unique: bool,
    ) -> (&'static str, DynIden, Vec<DynIden>, bool) {
        (name, table.into_iden(), cols, unique)
    }
    vec![
        i(
            "ux_phases_key",
            Phases::Table,
            vec![Phases::Key.into_iden()],
            true,
        ),
        i(
            "ux_programmes_name",
            Programmes::Table,
            vec![Programmes::Name.into_iden()],
            true,
        ),
        i(
            "ux_tags_name_key",
            Tags::Table,
            vec![Tags::NameKey.into_iden()],
            true,
        ),
        i(
            "ix_ideas_status",
            Ideas::Table,
            vec![Ideas::Status.into_iden()],
            false,
        ),
        i(
            "ix_ideas_site",
            Ideas::Table,
            vec![Ideas::SiteId.into_iden()],
            false,
        ),
        i(
            "ix_ideas_submitter",
            Ideas::Table,
            vec![Ideas::SubmittedBy.into_iden()],
            false,
        ),
        i(
            "ix_idea_tags_tag",
            IdeaTags::Table,
            vec![IdeaTags::TagId.into_iden()],
            false,
        ),
        i(
            "ix_idea_comments_idea",
            IdeaComments::Table,
            vec![IdeaComments::IdeaId.into_iden()],
            false,
        ),
        i(
            "ix_projects_phase",
            Projects::Table,
            vec![Projects::PhaseId.into_iden()],
            false,
        ),
        i(
            "ix_projects_sector",
            Projects::Table,
            vec![Projects::SectorId.into_iden()],
            false,
        ),
        i(
            "ix_projects_lead_site",
            Projects::Table,
            vec![Projects::LeadSiteId.into_iden()],
            false,
        ),
        i(
            "ix_projects_programme",
            Projects::Table,
            vec![Projects::ProgrammeId.into_iden()],
            false,
        ),
        i(
            "ix_projects_started",
            Projects::Table,
            vec![Projects::StartedOn.into_iden()],
            false,
        ),
        i(
            "ix_projects_owner",
            Projects::Table,
            vec![Projects::OwnerId.into_iden()],
            false,
        ),
        i(
            "ux_projects_idea",
            Projects::Table,
            vec![Projects::IdeaId.into_iden()],
            true,
        ),
        i(
            "ix_project_members_user",
            ProjectMembers::Table,
            vec![ProjectMembers::UserId.into_iden()],
            false,
        ),
        i(
            "ix_project_sites_site",
            ProjectSites::Table,
            vec![ProjectSites::SiteId.into_iden()],
            false,
        ),
        i(
            "ix_project_tags_tag",
            ProjectTags::Table,
            vec![ProjectTags::TagId.into_iden()],
            false,
        ),
        i(
            "ix_project_sdgs_goal",
            ProjectSdgs::Table,
            vec![ProjectSdgs::Goal.into_iden()],
            false,
        ),
        i(
            "ix_project_partners_project",
            ProjectPartners::Table,
            vec![ProjectPartners::ProjectId.into_iden()],
            false,
        ),
        i(
            "ix_project_funding_project",
            ProjectFunding::Table,
            vec![ProjectFunding::ProjectId.into_iden()],
            false,
        ),
        i(
            "ix_phase_changes_project",
            PhaseChanges::Table,
            vec![PhaseChanges::ProjectId.into_iden()],
            false,
        ),
        i(
            "ix_benefits_project",
            Benefits::Table,
            vec![Benefits::ProjectId.into_iden()],
            false,
        ),
        i(
            "ix_benefit_measurements_benefit",
            BenefitMeasurements::Table,
            vec![
                BenefitMeasurements::BenefitId.into_iden(),
                BenefitMeasurements::MeasuredOn.into_iden(),
            ],
            false,
        ),
        i(
            "ix_discontinuations_project",
            Discontinuations::Table,
            vec![Discontinuations::ProjectId.into_iden()],
            false,
        ),
    ]
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Phases {
    Table,
    Id,
    Key,
    Name,
    Position,
    Stops,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum Programmes {
    Table,
    Id,
    Name,
    Description,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum Tags {
    Table,
    Id,
    Name,
    NameKey,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum Ideas {
    Table,
    Id,
    Title,
    Problem,
    Proposal,
    ExpectedGain,
    SiteId,
    SubmittedBy,
    Status,
    DecisionReason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum IdeaTags {
    Table,
    IdeaId,
    TagId,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum IdeaSdgs {
    Table,
    IdeaId,
    Goal,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum IdeaSupports {
    Table,
    IdeaId,
    UserId,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum IdeaComments {
    Table,
    Id,
    IdeaId,
    AuthorId,
    Body,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum Projects {
    Table,
    Id,
    Name,
    Description,
    OwnerId,
    LeadSiteId,
    SectorId,
    ProgrammeId,
    PhaseId,
    BudgetNok,
    StartedOn,
    IdeaId,
    CreatedAt,
    UpdatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum ProjectMembers {
    Table,
    ProjectId,
    UserId,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum ProjectSites {
    Table,
    ProjectId,
    SiteId,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum ProjectTags {
    Table,
    ProjectId,
    TagId,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum ProjectSdgs {
    Table,
    ProjectId,
    Goal,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum ProjectPartners {
    Table,
    Id,
    ProjectId,
    Kind,
    Name,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum ProjectFunding {
    Table,
    Id,
    ProjectId,
    Source,
    AmountNok,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum PhaseChanges {
    Table,
    Id,
    ProjectId,
    FromPhaseId,
    ToPhaseId,
    Note,
    ChangedBy,
    ChangedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum Benefits {
    Table,
    Id,
    ProjectId,
    Kind,
    Description,
    Unit,
    Baseline,
    Target,
    TargetDate,
    ResponsibleUserId,
    CreatedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum BenefitMeasurements {
    Table,
    Id,
    BenefitId,
    MeasuredOn,
    Value,
    RecordedBy,
    RecordedAt,
}
#[derive(DeriveIden, Clone, Copy)]
pub enum Discontinuations {
    Table,
    Id,
    ProjectId,
    What,
    FromDate,
    YearlySavingNok,
}
