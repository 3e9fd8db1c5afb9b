use sea_orm_migration::prelude::*;

use crate::m20261207_100000_portfolio_stamp::stamp_on_write;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The portfolio's stamp also moves with the rest of what a project's page shows (issue 27):
/// its members, the timeline of its phases, its partners, what it stops doing and its
/// benefits' measurements, beside the project, benefits, sites, tags, goals and funding that
/// already move it. A project's parts are then read from memory while the stamp stands.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        stamp_on_write(
            manager,
            &[
                "project_members",
                "phase_changes",
                "project_partners",
                "discontinuations",
                "benefit_measurements",
            ],
        )
        .await
    }
}
