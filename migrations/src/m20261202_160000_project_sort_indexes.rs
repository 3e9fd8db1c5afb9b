//! Indexes for the portfolio's orders (issue 12's bench): the default "last changed first",
//! by budget and by name, each with the id that breaks ties, so a page of 10 000 projects is
//! read in order instead of sorted whole on every request.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in [
            ("ix_projects_updated", Projects::UpdatedAt),
            ("ix_projects_budget", Projects::BudgetNok),
            ("ix_projects_name", Projects::Name),
        ] {
            crate::create_index(
                manager,
                name,
                Projects::Table,
                [column, Projects::Id],
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
    UpdatedAt,
    BudgetNok,
    Name,
}
