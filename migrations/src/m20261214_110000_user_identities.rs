//! Who a person is at the municipality's identity provider (issue 31): the provider's issuer
//! and the ID token's `sub`, the stable key of single sign-on, tied to one user. A user may
//! have several (two providers); one (issuer, subject) belongs to one user.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_110000_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserIdentities::Table)
                    .if_not_exists()
                    .col(pk_auto(UserIdentities::Id))
                    .col(integer(UserIdentities::UserId))
                    .col(string_len(UserIdentities::Issuer, 500))
                    .col(string_len(UserIdentities::Subject, 255))
                    .col(timestamp_with_time_zone(UserIdentities::CreatedAt))
                    .col(timestamp_with_time_zone(UserIdentities::LastSignInAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_identities_user")
                            .from(UserIdentities::Table, UserIdentities::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_index(
            manager,
            "ux_user_identities_subject",
            UserIdentities::Table,
            [UserIdentities::Issuer, UserIdentities::Subject],
            true,
        )
        .await?;
        crate::create_index(
            manager,
            "ix_user_identities_user",
            UserIdentities::Table,
            [UserIdentities::UserId],
            false,
        )
        .await
    }
}

#[derive(DeriveIden)]
enum UserIdentities {
    Table,
    Id,
    UserId,
    Issuer,
    Subject,
    CreatedAt,
    LastSignInAt,
}
