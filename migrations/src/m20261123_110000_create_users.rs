use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_100100_create_service_sites::ServiceSites;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_auto(Users::Id))
                    .col(string(Users::Name))
                    // Stored lower-cased, so uniqueness ignores case.
                    .col(string_uniq(Users::Email))
                    // None once anonymised: nobody can sign in as a departed user.
                    .col(string_null(Users::PasswordHash))
                    .col(integer_null(Users::HomeSiteId))
                    .col(string_len(Users::Language, 5).default("nb"))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone_null(Users::AnonymisedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_home_site")
                            .from(Users::Table, Users::HomeSiteId)
                            .to(ServiceSites::Table, ServiceSites::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Name,
    Email,
    PasswordHash,
    HomeSiteId,
    Language,
    Active,
    CreatedAt,
    AnonymisedAt,
}
