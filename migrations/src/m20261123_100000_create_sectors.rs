use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sectors::Table)
                    .if_not_exists()
                    .col(pk_auto(Sectors::Id))
                    .col(string_uniq(Sectors::Name))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
pub enum Sectors {
    Table,
    Id,
    Name,
}
