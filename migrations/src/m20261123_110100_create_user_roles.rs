use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_100000_create_sectors::Sectors;
use crate::m20261123_100100_create_service_sites::ServiceSites;
use crate::m20261123_110000_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .if_not_exists()
                    .col(pk_auto(UserRoles::Id))
                    .col(integer(UserRoles::UserId))
                    .col(string_len(UserRoles::Role, 40))
                    // DESIGN §2: a manager is scoped to a sector or a site; other roles have
                    // neither.
                    .col(integer_null(UserRoles::SectorId))
                    .col(integer_null(UserRoles::SiteId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_roles_user")
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_roles_sector")
                            .from(UserRoles::Table, UserRoles::SectorId)
                            .to(Sectors::Table, Sectors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_roles_site")
                            .from(UserRoles::Table, UserRoles::SiteId)
                            .to(ServiceSites::Table, ServiceSites::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_index(
            manager,
            "ix_user_roles_user",
            UserRoles::Table,
            [UserRoles::UserId],
            false,
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum UserRoles {
    Table,
    Id,
    UserId,
    Role,
    SectorId,
    SiteId,
}
