//! The portfolio's summary sums gains per kind and unit (issue 30: a gain is the distance from
//! the baseline in the target's direction; units are never added together), so the covering
//! index it reads holds the unit and the baseline too, and replaces the one by kind alone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::create_index(
            manager,
            "ix_benefits_unit_gains",
            Benefits::Table,
            [
                Benefits::Kind,
                Benefits::Unit,
                Benefits::Baseline,
                Benefits::Target,
                Benefits::LatestValue,
                Benefits::ProjectId,
            ],
            false,
        )
        .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_benefits_kind_sums")
                    .table(Benefits::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Benefits {
    Table,
    Kind,
    Unit,
    Baseline,
    Target,
    LatestValue,
    ProjectId,
}
