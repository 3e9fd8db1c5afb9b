use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_100000_create_sectors::Sectors;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceSites::Table)
                    .if_not_exists()
                    .col(pk_auto(ServiceSites::Id))
                    .col(integer(ServiceSites::SectorId))
                    .col(string(ServiceSites::Name))
                    // DESIGN §3: sites open, merge and close; coverage at a date counts
                    // only the sites active that day, so both ends are kept.
                    .col(date(ServiceSites::ActiveFrom))
                    .col(date_null(ServiceSites::ClosedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_sites_sector")
                            .from(ServiceSites::Table, ServiceSites::SectorId)
                            .to(Sectors::Table, Sectors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        crate::create_index(
            manager,
            "ux_service_sites_name",
            ServiceSites::Table,
            [ServiceSites::Name],
            true,
        )
        .await?;
        crate::create_index(
            manager,
            "ix_service_sites_sector",
            ServiceSites::Table,
            [ServiceSites::SectorId],
            false,
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum ServiceSites {
    Table,
    Id,
    SectorId,
    Name,
    ActiveFrom,
    ClosedOn,
}
