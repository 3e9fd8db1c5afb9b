//! A transition rule an administrator sets (issue 30, DESIGN §4): a phase a project may go
//! past on the way forward. Off for every phase, so every project moves as before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Phases::Table)
                    .add_column(boolean(Phases::Optional).default(false))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Phases {
    Table,
    Optional,
}
