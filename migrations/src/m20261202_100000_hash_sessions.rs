use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Issue 11: a password change ends the user's other sessions. A session remembers the
        // generation it was signed in under; changing the password moves the user's on.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(integer(Users::SessionGeneration).default(0))
                    .to_owned(),
            )
            .await?;
        // Session ids are stored hashed from now on; the rows under plain ids can never be
        // found again, so they go (everyone signs in once more).
        manager
            .exec_stmt(Query::delete().from_table(Sessions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    SessionGeneration,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
}
