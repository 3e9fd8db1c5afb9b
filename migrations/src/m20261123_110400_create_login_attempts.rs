use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Failed sign-ins, for rate limiting per account and per client address. In the
        // database, not in memory, so every app instance counts the same attempts.
        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .if_not_exists()
                    .col(big_pk_auto(LoginFailures::Id))
                    .col(timestamp_with_time_zone(LoginFailures::At))
                    .col(string(LoginFailures::Email))
                    .col(string_len(LoginFailures::ClientAddr, 64))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_login_failures_email", LoginFailures::Email),
            ("ix_login_failures_client", LoginFailures::ClientAddr),
        ] {
            crate::create_index(
                manager,
                name,
                LoginFailures::Table,
                [col, LoginFailures::At],
                false,
            )
            .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum LoginFailures {
    Table,
    Id,
    At,
    Email,
    ClientAddr,
}
