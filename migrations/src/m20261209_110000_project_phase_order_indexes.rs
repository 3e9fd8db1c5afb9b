//! A phase's projects in the portfolio's orders (issue 27's growth bench): the phase with the
//! budget, and with "last changed first", each with the id that breaks ties. Filtered by one
//! phase and sorted by budget, 100 000 projects on SQLite took 20 ms, because the phase's
//! index gave some 17 000 rows to sort; with the pair, a page is read in order.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in [
            ("ix_projects_phase_budget", Projects::BudgetNok),
            ("ix_projects_phase_updated", Projects::UpdatedAt),
        ] {
            crate::create_index(
                manager,
                name,
                Projects::Table,
                [Projects::PhaseId, column, Projects::Id],
                false,
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Projects {
    Table,
    Id,
    PhaseId,
    UpdatedAt,
    BudgetNok,
}
