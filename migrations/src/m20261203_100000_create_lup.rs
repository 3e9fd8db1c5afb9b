//! LUP, leader development for innovation (DESIGN §5, issue 13): cohorts with supervisors and
//! gatherings, one leader group per service site and cohort with its members (the site's
//! leaders and enthusiasts, and outside guests), attendance per gathering and member, and
//! coverage targets.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_100000_create_sectors::Sectors;
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
        let indexes: [(&str, DynIden, Vec<DynIden>, bool); 6] = [
            (
                "ux_lup_cohorts_name",
                LupCohorts::Table.into_iden(),
                vec![LupCohorts::Name.into_iden()],
                true,
            ),
            (
                "ix_lup_gatherings_cohort",
                LupGatherings::Table.into_iden(),
                vec![
                    LupGatherings::CohortId.into_iden(),
                    LupGatherings::HeldOn.into_iden(),
                ],
                false,
            ),
            // DESIGN §5 / issue 13: one group per site in a cohort.
            (
                "ux_lup_groups_cohort_site",
                LupGroups::Table.into_iden(),
                vec![
                    LupGroups::CohortId.into_iden(),
                    LupGroups::SiteId.into_iden(),
                ],
                true,
            ),
            // Coverage reads every group's site, status and date.
            (
                "ix_lup_groups_site_status",
                LupGroups::Table.into_iden(),
                vec![
                    LupGroups::SiteId.into_iden(),
                    LupGroups::Status.into_iden(),
                    LupGroups::StatusOn.into_iden(),
                ],
                false,
            ),
            // A user is in a group once; guests (no user) are NULLs, which never collide.
            (
                "ux_lup_group_members_group_user",
                LupGroupMembers::Table.into_iden(),
                vec![
                    LupGroupMembers::GroupId.into_iden(),
                    LupGroupMembers::UserId.into_iden(),
                ],
                true,
            ),
            (
                "ix_lup_group_members_user",
                LupGroupMembers::Table.into_iden(),
                vec![LupGroupMembers::UserId.into_iden()],
                false,
            ),
        ];
        for (name, table, columns, unique) in indexes {
            crate::create_index(manager, name, table, columns, unique).await?;
        }
        Ok(())
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(LupCohorts::Table)
            .if_not_exists()
            .col(pk_auto(LupCohorts::Id))
            .col(string_len(LupCohorts::Name, 160))
            .col(date(LupCohorts::StartsOn))
            .col(date(LupCohorts::EndsOn))
            // How many leader groups the cohort takes.
            .col(integer(LupCohorts::Capacity))
            // Issue 13: completion may require a least attendance, in whole per cent.
            .col(small_integer_null(LupCohorts::MinAttendancePercent))
            .col(timestamp_with_time_zone(LupCohorts::CreatedAt))
            .to_owned(),
        Table::create()
            .table(LupCohortSupervisors::Table)
            .if_not_exists()
            .col(integer(LupCohortSupervisors::CohortId))
            .col(integer(LupCohortSupervisors::UserId))
            .primary_key(
                Index::create()
                    .col(LupCohortSupervisors::CohortId)
                    .col(LupCohortSupervisors::UserId),
            )
            .foreign_key(&mut fk(
                "fk_lup_supervisors_cohort",
                LupCohortSupervisors::Table,
                LupCohortSupervisors::CohortId,
                LupCohorts::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_lup_supervisors_user",
                LupCohortSupervisors::Table,
                LupCohortSupervisors::UserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        // A gathering (samling) of a cohort; an alumni gathering is open to every completed
        // group, whichever cohort it was in.
        Table::create()
            .table(LupGatherings::Table)
            .if_not_exists()
            .col(pk_auto(LupGatherings::Id))
            .col(integer(LupGatherings::CohortId))
            .col(date(LupGatherings::HeldOn))
            .col(string_len(LupGatherings::Theme, 200))
            .col(string_len(LupGatherings::Place, 200))
            .col(boolean(LupGatherings::Alumni).default(false))
            .foreign_key(&mut fk(
                "fk_lup_gatherings_cohort",
                LupGatherings::Table,
                LupGatherings::CohortId,
                LupCohorts::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(LupGroups::Table)
            .if_not_exists()
            .col(pk_auto(LupGroups::Id))
            .col(integer(LupGroups::CohortId))
            .col(integer(LupGroups::SiteId))
            // `lup::domain::group::GroupStatus`: enrolled, in_progress, completed, withdrawn.
            .col(string_len(LupGroups::Status, 32))
            // The day it completed or withdrew.
            .col(date_null(LupGroups::StatusOn))
            .col(text_null(LupGroups::WithdrawnReason))
            // Issue 13: a completed group may link its development task to a project.
            .col(integer_null(LupGroups::ProjectId))
            .col(timestamp_with_time_zone(LupGroups::CreatedAt))
            .col(timestamp_with_time_zone(LupGroups::UpdatedAt))
            .foreign_key(&mut fk(
                "fk_lup_groups_cohort",
                LupGroups::Table,
                LupGroups::CohortId,
                LupCohorts::Table,
                Restrict,
            ))
            // DESIGN §5: history is kept when sites close; a site with groups is not deleted.
            .foreign_key(&mut fk(
                "fk_lup_groups_site",
                LupGroups::Table,
                LupGroups::SiteId,
                ServiceSites::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                "fk_lup_groups_project",
                LupGroups::Table,
                LupGroups::ProjectId,
                Projects::Table,
                SetNull,
            ))
            .to_owned(),
        // A member is a user of the group's site (a leader or an enthusiast) or an outside
        // guest with a name and an organisation.
        Table::create()
            .table(LupGroupMembers::Table)
            .if_not_exists()
            .col(pk_auto(LupGroupMembers::Id))
            .col(integer(LupGroupMembers::GroupId))
            .col(integer_null(LupGroupMembers::UserId))
            .col(string_len_null(LupGroupMembers::GuestName, 160))
            .col(string_len_null(LupGroupMembers::GuestOrganisation, 160))
            .col(string_len(LupGroupMembers::Role, 32))
            .foreign_key(&mut fk(
                "fk_lup_members_group",
                LupGroupMembers::Table,
                LupGroupMembers::GroupId,
                LupGroups::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_lup_members_user",
                LupGroupMembers::Table,
                LupGroupMembers::UserId,
                Users::Table,
                Restrict,
            ))
            .to_owned(),
        Table::create()
            .table(LupAttendance::Table)
            .if_not_exists()
            .col(integer(LupAttendance::GatheringId))
            .col(integer(LupAttendance::MemberId))
            .col(boolean(LupAttendance::Present))
            .primary_key(
                Index::create()
                    .col(LupAttendance::GatheringId)
                    .col(LupAttendance::MemberId),
            )
            .foreign_key(&mut fk(
                "fk_lup_attendance_gathering",
                LupAttendance::Table,
                LupAttendance::GatheringId,
                LupGatherings::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_lup_attendance_member",
                LupAttendance::Table,
                LupAttendance::MemberId,
                LupGroupMembers::Table,
                Cascade,
            ))
            .to_owned(),
        Table::create()
            .table(LupTargets::Table)
            .if_not_exists()
            .col(pk_auto(LupTargets::Id))
            // `lup::domain::target::Goal`: count (sites) or share (whole per cent).
            .col(string_len(LupTargets::Kind, 16))
            .col(integer(LupTargets::Value))
            .col(integer_null(LupTargets::SectorId))
            .col(date(LupTargets::DueOn))
            .col(integer_null(LupTargets::CreatedBy))
            .col(timestamp_with_time_zone(LupTargets::CreatedAt))
            .foreign_key(&mut fk(
                "fk_lup_targets_sector",
                LupTargets::Table,
                LupTargets::SectorId,
                Sectors::Table,
                Cascade,
            ))
            .foreign_key(&mut fk(
                "fk_lup_targets_creator",
                LupTargets::Table,
                LupTargets::CreatedBy,
                Users::Table,
                SetNull,
            ))
            .to_owned(),
    ]
}

#[derive(DeriveIden)]
pub enum LupCohorts {
    Table,
    Id,
    Name,
    StartsOn,
    EndsOn,
    Capacity,
    MinAttendancePercent,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum LupCohortSupervisors {
    Table,
    CohortId,
    UserId,
}

#[derive(DeriveIden)]
pub enum LupGatherings {
    Table,
    Id,
    CohortId,
    HeldOn,
    Theme,
    Place,
    Alumni,
}

#[derive(DeriveIden)]
pub enum LupGroups {
    Table,
    Id,
    CohortId,
    SiteId,
    Status,
    StatusOn,
    WithdrawnReason,
    ProjectId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum LupGroupMembers {
    Table,
    Id,
    GroupId,
    UserId,
    GuestName,
    GuestOrganisation,
    Role,
}

#[derive(DeriveIden)]
pub enum LupAttendance {
    Table,
    GatheringId,
    MemberId,
    Present,
}

#[derive(DeriveIden)]
pub enum LupTargets {
    Table,
    Id,
    Kind,
    Value,
    SectorId,
    DueOn,
    CreatedBy,
    CreatedAt,
}
