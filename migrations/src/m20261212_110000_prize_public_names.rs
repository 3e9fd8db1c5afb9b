//! A nominated colleague can decline to be shown publicly (DESIGN §7, issue 30): the
//! nomination then stays visible to employees, and readers outside the municipality see it
//! without the nominee's name.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PrizeNominations::Table)
                    .add_column(boolean(PrizeNominations::ShownPublicly).default(true))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PrizeNominations {
    Table,
    ShownPublicly,
}
