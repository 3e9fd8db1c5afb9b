//! Recusals recorded when the shortlist is made (issue 23): a juror recused from a finalist at
//! that moment stays recused for the year, whatever they change afterwards (their home site in
//! the profile, leaving the finalist's project). Without it, a juror could lift their own
//! recusal and score an entry from their own site.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_110000_create_users::Users;
use crate::m20261203_200000_create_prize::PrizeNominations;

#[derive(DeriveMigrationName)]
pub struct Migration;

use crate::foreign_key as fk;

#[derive(DeriveIden, Clone, Copy)]
pub enum PrizeRecusals {
    Table,
    NominationId,
    JurorId,
    Reason,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PrizeRecusals::Table)
                    .if_not_exists()
                    .col(integer(PrizeRecusals::NominationId))
                    .col(integer(PrizeRecusals::JurorId))
                    .col(string(PrizeRecusals::Reason))
                    .col(timestamp_with_time_zone(PrizeRecusals::RecordedAt))
                    .primary_key(
                        Index::create()
                            .col(PrizeRecusals::NominationId)
                            .col(PrizeRecusals::JurorId),
                    )
                    .foreign_key(&mut fk(
                        "fk_prize_recusals_nomination",
                        PrizeRecusals::Table,
                        PrizeRecusals::NominationId,
                        PrizeNominations::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_prize_recusals_juror",
                        PrizeRecusals::Table,
                        PrizeRecusals::JurorId,
                        Users::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await
    }
}
