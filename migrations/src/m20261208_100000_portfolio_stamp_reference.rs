use sea_orm_migration::prelude::*;

use crate::m20261207_100000_portfolio_stamp::stamp_on_write;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The portfolio's stamp also moves with what its pages name their rows with and choose from
/// (issue 27): the service sites and the programmes, beside the phases and sectors that
/// already move it. A page then reads these from memory while the stamp stands, one
/// statement instead of four, and every instance sees a change at once.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        stamp_on_write(manager, &["service_sites", "programmes"]).await
    }
}
