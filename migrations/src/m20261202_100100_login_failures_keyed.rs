use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Issue 11: no typed e-mail address is kept at rest. Failed sign-ins are counted under
        // a keyed hash of the address instead; the key is the server's own, made once.
        manager
            .create_table(
                Table::create()
                    .table(ServerSecrets::Table)
                    .if_not_exists()
                    .col(string_len(ServerSecrets::Name, 64).primary_key())
                    .col(string_len(ServerSecrets::Value, 128))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(Query::delete().from_table(LoginFailures::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(LoginFailures::Table)
                    .rename_column(LoginFailures::Email, LoginFailures::AccountKey)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum ServerSecrets {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Email,
    AccountKey,
}
