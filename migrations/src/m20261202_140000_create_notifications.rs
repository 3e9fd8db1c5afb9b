//! Notifications (issue 12: the submitter learns of a decision on their idea, with its
//! reason). A notification names what happened (`kind`), about what (`subject`, `link`) and
//! why (`detail`); the page writes it in the reader's language.

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
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(string_len(Notifications::Kind, 40))
                    .col(string_len(Notifications::Subject, 200))
                    .col(string_len(Notifications::Status, 40))
                    .col(text(Notifications::Detail))
                    .col(string_len(Notifications::Link, 200))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_index(
            manager,
            "ix_notifications_user",
            Notifications::Table,
            [Notifications::UserId, Notifications::ReadAt],
            false,
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    Subject,
    Status,
    Detail,
    Link,
    CreatedAt,
    ReadAt,
}
